"""Render every page to PNG for review: `make screenshots` (or under Xvfb with DISPLAY set).

    python -m devtools.screenshots OUT_DIR [--size 1366x768] [--zoom 100] [--theme light]
"""

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from desktop.ui.app import application, create_window
from desktop.ui.main_window import MainWindow
from desktop.ui.pages.registry import PAGE_KEYS


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def capture(window: MainWindow, out: Path, prefix: str) -> list[Path]:
    written = []
    for number, key in enumerate(PAGE_KEYS, start=1):
        window.show_page(key)
        _settle()
        path = out / f"{prefix}{number:02d}-{key}.png"
        window.grab().save(str(path))
        written.append(path)
    checker = window.show_page("symptom_checker")
    checker.view.sentence.setPlainText("I can't breathe and no chest pain, dizzy, itchy rash")
    checker.view.entry.setText("ears ringing")
    checker.add_entry()
    _settle()
    path = out / f"{prefix}{len(PAGE_KEYS) + 1:02d}-checker-emergency.png"
    window.grab().save(str(path))
    written.append(path)
    checker.clear()
    checker.view.sentence.setPlainText("he's really drowsy today")
    _settle()
    path = out / f"{prefix}{len(PAGE_KEYS) + 1}b-checker-questions-open.png"
    window.grab().save(str(path))
    written.append(path)
    for question, answer in (("awake", "normal"), ("breathing", "yes"), ("pump", "yes"),
                             ("alarm", "yes"), ("fever", "unknown")):
        checker.view.questions.answers[question] = answer
    checker.refresh()
    checker.view.questions.focus_first_open()
    _settle()
    path = out / f"{prefix}{len(PAGE_KEYS) + 1}c-checker-questions-answered.png"
    window.grab().save(str(path))
    written.append(path)
    interactions = window.show_page("interactions")
    interactions.view.lookup.setText("valium 5mg, tramadol 50 mg, ibuprofen and cetirizine")
    _settle()
    path = out / f"{prefix}{len(PAGE_KEYS) + 1}d-interactions-four-drugs.png"
    window.grab().save(str(path))
    written.append(path)
    window.search_field.setText("seizures")
    window.finish_search()  # the search runs off the UI thread; show its results now
    _settle()
    path = out / f"{prefix}{len(PAGE_KEYS) + 2:02d}-search.png"
    window.grab().save(str(path))
    written.append(path)
    checker.clear()  # so closing the window does not stop to ask about the call
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.screenshots")
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--zoom", type=int, default=100)
    parser.add_argument("--theme", default="light")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    application()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(args.out))
    QSettings().setValue("theme", args.theme)
    window = create_window(None, None)
    width, height = (int(v) for v in args.size.split("x"))
    window.resize(width, height)
    window.controller.set_zoom(args.zoom)
    window.show()
    prefix = f"{args.theme}-{args.size}-z{args.zoom}-"
    for path in capture(window, args.out, prefix):
        print(path)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
