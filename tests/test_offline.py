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


def window_with_body(make_window, content_copy, body: str):
    """A window on a signed pack whose overview starts with `body` (Markdown)."""
    from db.build import build
    from devtools.signing import sign

    sections = content_copy / "baclofen" / "sections.toml"
    marker = '[[overview.blocks]]\nkind = "paragraph"\ntext = """'
    sections.write_text(sections.read_text().replace(marker, marker + body, 1))
    db = content_copy.parent / "hostile.sqlite3"
    build(content_copy, db)
    return make_window(sign(db))


@pytest.fixture
def hostile_window(make_window, content_copy):
    return window_with_body(make_window, content_copy, HOSTILE_BODY.replace("\\", "\\\\"))


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


# Local files: nothing in content or typed text may make Qt read a file. A real image
# stands in for /dev/zero or a FIFO: a regression then fails, where those would hang.

@pytest.fixture
def local_image(tmp_path):
    from PySide6.QtGui import QImage

    path = tmp_path / "local.png"
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    image.fill(0xFF00FF00)
    assert image.save(str(path))
    return path


def local_urls(path):
    return [str(path), f"file://{path}"]


@pytest.fixture
def local_files_window(make_window, content_copy, local_image):
    body = "Local files.\n\n" + "".join(f"![x{n}]({url})\n\n"
                                        for n, url in enumerate(local_urls(local_image)))
    return window_with_body(make_window, content_copy, body)


def test_content_images_never_load_local_files(local_files_window, local_image):
    from PySide6.QtGui import QTextDocument

    tab = local_files_window.page("overview")
    refused = []
    # Long runs get zero-width break points (documents.breakable), urls included.
    tab.browser.refusedResource.connect(
        lambda url: refused.append(url.toString().replace("\u200b", "")))
    tab.render()
    local_files_window.grab()  # paint, which is when images are requested
    document = tab.browser.document()
    assert set(local_urls(local_image)) <= set(refused)
    for url in local_urls(local_image):
        loaded = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(url))
        assert not loaded  # an empty resource, never the file (Qt reads it given None)
    printable = tab.printable()
    assert not printable.resource(QTextDocument.ResourceType.ImageResource,
                                  QUrl.fromLocalFile(str(local_image)))


def test_rich_item_views_never_load_local_files(local_image):
    from PySide6.QtGui import QTextDocument

    from desktop.ui.browser import SafeDocument

    document = SafeDocument()
    document.setHtml(f'<img src="{local_image}"><img src="file://{local_image}">')
    for url in (QUrl(str(local_image)), QUrl.fromLocalFile(str(local_image))):
        assert not document.resource(QTextDocument.ResourceType.ImageResource, url)
    assert document.resource(QTextDocument.ResourceType.ImageResource, QUrl("icon:emergency"))


def test_typed_markup_in_search_is_shown_as_text(window, local_image, search_for):
    typed = f'<img src="{local_image}">'
    search_for(window, typed)
    status = window.search_panel.status
    assert status.textFormat() == Qt.TextFormat.PlainText
    assert typed in status.text()


def test_typed_markup_in_the_checker_tool_tips_is_escaped(window, local_image):
    from desktop.ui.pages.checker import SymptomCheckerPage

    checker = window.show_page("symptom_checker")
    assert isinstance(checker, SymptomCheckerPage)
    typed = f'dizzy <img src="{local_image}">'
    checker.view.entry.setText(typed)
    checker.add_entry()
    assert checker.view.ask.textFormat() == Qt.TextFormat.PlainText
    tips = [checker.model.index(row).data(Qt.ItemDataRole.ToolTipRole)
            for row in range(checker.model.rowCount())]
    assert tips and not any("<img" in tip for tip in tips)


def test_message_dialogs_are_plain_text_unless_asked(qtbot):
    from desktop.ui.dialogs import message_box

    refused = message_box(None, "Refused", '<img src="/dev/zero">', error=True)
    shortcuts = message_box(None, "Keys", "<table></table>", rich=True)
    assert refused.textFormat() == Qt.TextFormat.PlainText
    assert shortcuts.textFormat() == Qt.TextFormat.RichText
