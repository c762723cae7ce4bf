"""Listings are input too: JSON read with a bound on nesting, XML in UTF-16 or UTF-32 read at all.

A REST listing nested 1,000 levels deep in 2 KB raises ``RecursionError`` inside ``json.loads``, which
no ``except ValueError`` catches (the C parser checks the recursion limit, so it is an exception, not a
crash): ``load_json`` turns it, and any value nested deeper than ``MAX_JSON_DEPTH``, into one
``ListingUnreadable`` (a ValueError) that the spider counts and falls back on. A valid UTF-16 sitemap
starts with a byte-order mark, not ``<``, and hides ``<!ENTITY`` from a byte search: ``xml_as_utf8``
gives every reader (and the entity check) UTF-8.
"""

from __future__ import annotations

import codecs
import json
import re
from typing import Any

MAX_JSON_DEPTH = 64
"""Deeper than any real API answer (WordPress posts nest about 6 levels), far below the recursion limit."""

_WIDE = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16's, which it starts with
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00?\x00", "utf-16-le"),
    (b"\x00<\x00?", "utf-16-be"),
)
_DECLARED_ENCODING = re.compile(r"^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*[\"'][^\"']*[\"']")


class ListingUnreadable(ValueError):
    """A listing (JSON or XML) that cannot be read within the bounds; ``reason`` names the count."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason


def json_depth(value: Any) -> int:
    """How deeply arrays and objects nest in a parsed JSON value (walked without recursion)."""
    if not isinstance(value, (dict, list)):
        return 0
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return deepest


def load_json(data: bytes, *, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """``json.loads`` whose recursion ends in an error, not a traceback, and that refuses a value
    nested deeper than ``max_depth`` (the code reading it need not guard every level)."""
    try:
        value = json.loads(data)
    except RecursionError:
        raise ListingUnreadable("json_too_deep", "JSON nested deeper than the parser can follow") from None
    except ValueError as exc:  # UnicodeDecodeError is a ValueError
        raise ListingUnreadable("invalid_json", str(exc)[:120]) from exc
    depth = json_depth(value)
    if depth > max_depth:
        raise ListingUnreadable("json_too_deep", f"JSON nested {depth} levels deep (at most {max_depth})")
    return value


def wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32, as an XML document's byte-order mark or first bytes say (XML 1.0, appendix F);
    None for the ASCII-compatible encodings, whose declaration every XML parser reads itself."""
    for start, encoding in _WIDE:
        if data.startswith(start):
            return encoding
    return None


def xml_as_utf8(data: bytes) -> bytes:
    """An XML document in UTF-8: a UTF-16 or UTF-32 one re-encoded (its declaration no longer naming
    the old encoding), a UTF-8 one without its byte-order mark, any other as it came."""
    encoding = wide_encoding(data)
    if encoding is None:
        return data.removeprefix(codecs.BOM_UTF8)
    text = data.decode(encoding, errors="replace").removeprefix("\ufeff")  # like lxml's recovery
    return _DECLARED_ENCODING.sub(r"\1", text, count=1).encode("utf-8")
