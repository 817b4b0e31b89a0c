"""No network, ever: no sockets, no remote resources, no browser."""

import socket

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from pytest_socket import SocketBlockedError

HOSTILE_BODY = '''
Plain text first.

![tracker](http://example.com/pixel.png)

[run me](javascript:alert(1)) and [a site](https://example.com/)

<img src="http://example.com/raw.png"> <script>alert(2)</script>
'''


@pytest.mark.filterwarnings("ignore:A test tried to use socket.socket")
def test_the_suite_blocks_sockets():
    with pytest.raises(SocketBlockedError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)


@pytest.fixture
def hostile_window(make_window, tmp_path, content_copy):
    from db.build import build
    from devtools.signing import sign

    sections = content_copy / "baclofen" / "sections.toml"
    text = sections.read_text()
    marker = '[[overview.blocks]]\nkind = "paragraph"\ntext = """'
    sections.write_text(text.replace(marker, marker + HOSTILE_BODY.replace("\\", "\\\\"), 1))
    db = tmp_path / "hostile.sqlite3"
    build(content_copy, db)
    return make_window(sign(db))


def test_remote_image_is_refused(qtbot, hostile_window):
    from desktop.ui.pages.section import MonographPage

    tab = hostile_window.page("overview")
    refused = []
    tab.browser.refusedResource.connect(lambda url: refused.append(url.toString()))
    tab.render()
    hostile_window.grab()  # paint, which is when images are requested
    assert "http://example.com/pixel.png" in refused
    assert isinstance(tab, MonographPage)


def test_raw_html_is_not_rendered(hostile_window):
    """Raw HTML in a body is shown as the text it is, never as an image or a script."""
    browser = hostile_window.page("overview").browser
    html = browser.document().toHtml()
    assert 'src="http://example.com/raw.png"' not in html and "<script" not in html
    text = browser.toPlainText()
    assert '<img src="http://example.com/raw.png">' in text and "<script>alert(2)</script>" in text


def test_links_do_not_open_a_browser(qtbot, hostile_window, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    browser = hostile_window.page("overview").browser
    for anchor in ("run me", "a site"):
        cursor = browser.document().find(anchor)
        assert not cursor.isNull()
        browser.setTextCursor(cursor)
        rect = browser.cursorRect(cursor)
        qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    browser.setSource(QUrl("javascript:alert(1)"))
    assert opened == []
    assert browser.source().isEmpty()
    assert "Plain text first." in browser.toPlainText()
