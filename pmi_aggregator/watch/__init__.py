"""Saved searches ("watches"): the articles each one matches since its last run, delivered once.

A watch lives in a side file of its index (``store``); ``run`` matches and delivers to its outputs: an
Atom feed (``atom``), an e-mail digest (``mail``), a webhook (``webhook``) and JSON lines. ``service``
is what a caller outside the CLI uses: ``list_watches`` and ``feed_bytes`` for a web route.
"""
