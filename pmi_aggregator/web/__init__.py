"""The local web UI and JSON API (``pmi serve``): the CLI's search, facets and stats in a browser.

Read-only; every crawled field is escaped on output and the page runs no script built from article
data (``web.security``).
"""
