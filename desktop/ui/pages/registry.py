"""Every page of the window, in tab order: key, tab titles, shortcut, and class.

A page's module is imported the first time the page is shown, which keeps
start-up near a bare Qt window's; so the class is named as "module:Class".
"""

import importlib
from typing import NamedTuple

from desktop.content.models import Monograph
from desktop.ui.pages.base import Page


class PageSpec(NamedTuple):
    key: str  # search hits and settings name the page by this
    title: str  # the tab's text, unless the monograph has a section of this key
    short_title: str  # the tab's text when the full titles do not fit (high zoom)
    shortcut: str
    page_class: str  # "module:Class", a Page subclass

    def title_for(self, monograph: Monograph) -> str:
        section = next((s for s in monograph.sections if s.key == self.key), None)
        return section.title if section else self.title

    def shown_for(self, monograph: Monograph) -> bool:
        """A section's page is shown only for a drug that has the section (only baclofen
        has an intrathecal pump); every other page is always shown."""
        return self.page_class != _SECTION or any(s.key == self.key for s in monograph.sections)

    def load(self) -> type[Page]:
        module, name = self.page_class.split(":")
        return getattr(importlib.import_module(module), name)


_SECTION = "desktop.ui.pages.section:MonographPage"

PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", "Overview", "Overview", "Ctrl+1", _SECTION),
    PageSpec("how_it_works", "How it works", "Action", "Ctrl+2", _SECTION),
    PageSpec("uses", "Uses", "Uses", "Ctrl+3", _SECTION),
    PageSpec("side_effects", "Side effects", "Effects", "Ctrl+4", _SECTION),
    PageSpec("precautions", "Precautions", "Cautions", "Ctrl+5",
             "desktop.ui.pages.precautions:PrecautionsPage"),
    PageSpec("interactions", "Interactions", "Interact.", "Ctrl+6",
             "desktop.ui.pages.interactions:InteractionsPage"),
    PageSpec("symptom_checker", "Symptom checker", "Checker", "Ctrl+7",
             "desktop.ui.pages.checker:SymptomCheckerPage"),
    PageSpec("forms", "Forms and strengths", "Forms", "Ctrl+8", _SECTION),
    PageSpec("pump", "Intrathecal pump", "Pump", "Ctrl+9", _SECTION),
    PageSpec("sources", "Sources", "Sources", "Ctrl+Shift+S",
             "desktop.ui.pages.sources:SourcesPage"),
)
PAGE_KEYS: tuple[str, ...] = tuple(spec.key for spec in PAGES)
