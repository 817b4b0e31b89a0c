"""The window's pages, one per tab.

`base.Page` is what a page is; `registry.PAGES` lists the pages in tab order.
Adding a page is one `Page` subclass and one `PageSpec` line (docs/architecture.md).
"""
