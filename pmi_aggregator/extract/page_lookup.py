"""CSS selectors and meta tags on a parsed page, cheap: what the page lacks is never searched for.

Extraction tries dozens of selectors per page (bylines, body containers of many sites), and each one
walks the whole tree. The page's class names are read once, in one pass; a selector whose every
alternative needs a class the page does not have is skipped without a walk. The meta tags are read
once too. Both are kept per parsed tree for as long as it lives. A tree changed afterwards (elements
dropped) only keeps a few names it no longer has: a skipped selector still never had a match.
"""

from __future__ import annotations

import re
import weakref
from functools import lru_cache
from typing import Any

import lxml.html
from lxml.cssselect import CSSSelector, SelectorError

__all__ = ["meta", "select"]

_CLASS_NAME = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_ATTRIBUTE = re.compile(r"\[[^\]]*\]")  # "[href$='.html']" names no class
_META_ATTRS = ("property", "name", "itemprop")
_classes: weakref.WeakKeyDictionary[Any, frozenset[str]] = weakref.WeakKeyDictionary()
_metas: weakref.WeakKeyDictionary[Any, dict[tuple[str, str], str]] = weakref.WeakKeyDictionary()


@lru_cache(maxsize=512)
def _compiled(css: str) -> tuple[CSSSelector | None, tuple[frozenset[str], ...]]:
    """The selector, and per alternative the class names it needs to match anything.

    An alternative with a pseudo-class (``:not(.ad)``) or a nested comma gets no shortcut.
    """
    try:
        selector = CSSSelector(css)
    except SelectorError:
        return None, ()
    if _has_nested_comma(css):
        return selector, (frozenset(),)
    return selector, tuple(_needed_classes(part) for part in css.split(","))


def _needed_classes(alternative: str) -> frozenset[str]:
    if ":" in alternative:
        return frozenset()
    return frozenset(_CLASS_NAME.findall(_ATTRIBUTE.sub("", alternative)))


def _has_nested_comma(css: str) -> bool:
    depth = 0
    for char in css:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth:
            return True
    return False


def _page_classes(root: lxml.html.HtmlElement) -> frozenset[str]:
    found = _classes.get(root)
    if found is None:
        found = frozenset(
            name for value in root.xpath("descendant-or-self::*/@class") for name in value.split()
        )
        _classes[root] = found
    return found


def select(root: lxml.html.HtmlElement, css: str) -> list[Any]:
    """The elements ``css`` matches under ``root``, in document order; none for an invalid selector."""
    selector, needs = _compiled(css) if css else (None, ())
    if selector is None:
        return []
    if all(needs):  # every alternative needs a class: is one of them possible here?
        present = _page_classes(root)
        if not any(names <= present for names in needs):
            return []
    return selector(root)


def meta(root: lxml.html.HtmlElement, *names: str) -> str:
    """The first non-empty ``content`` of a meta tag with one of ``names`` (as property, name or itemprop)."""
    found = _metas.get(root)
    if found is None:
        found = {}
        for element in root.xpath("//meta[@content]"):
            content = (element.get("content") or "").strip()
            for attr in _META_ATTRS:
                key = (attr, element.get(attr) or "")
                if content and key[1] and key not in found:
                    found[key] = content
        _metas[root] = found
    for name in names:
        for attr in _META_ATTRS:
            if content := found.get((attr, name)):
                return content
    return ""
