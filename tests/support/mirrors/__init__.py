"""Local HTTP mirrors of real news sites, for end-to-end crawl tests and benchmarks.

Standard library only.  ``server.MirrorServer`` serves any site object (or handler function) on
127.0.0.1; ``wordpress.WordPressSite`` models a WordPress news site (REST API, feeds, sitemaps, AF-theme
article pages, fault toggles); ``apakabar.build_site()`` is the ApakabarOnline mirror.
"""

from tests.support.mirrors.server import MirrorServer, Response
from tests.support.mirrors.wordpress import Post, WordPressSite

__all__ = ["MirrorServer", "Post", "Response", "WordPressSite"]
