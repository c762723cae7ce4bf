"""Listings are input too: JSON and XML read with a bound on nesting, and XML decoded by its own label.

A REST listing nested 1,000 levels deep in 2 KB raises ``RecursionError`` inside ``json.loads``, which
no ``except ValueError`` catches (the C parser checks the recursion limit, so it is an exception, not a
crash); a valid UTF-16 sitemap starts with a byte-order mark, not ``<``.
Both are turned into one ``ListingUnreadable`` (a ValueError) that the spider counts and falls back on.
"""

from __future__ import annotations

import codecs
import json
import re
from typing import Any

MAX_JSON_DEPTH = 64
"""Deeper than any real API answer (WordPress posts nest about 6 levels), far below the recursion limit."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]{1,40})[\"']")
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


def xml_encoding(data: bytes) -> str:
    """The encoding of an XML document: its byte-order mark, else its declaration, else UTF-8."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    if data[:4] in (b"<\x00?\x00", b"\x00<\x00?"):  # UTF-16 without a mark
        return "utf-16-le" if data[0] == ord("<") else "utf-16-be"
    declared = _XML_DECLARATION.match(data[:200])
    if declared is not None:
        name = declared.group(1).decode("ascii")
        try:
            return codecs.lookup(name).name
        except LookupError:
            raise ListingUnreadable("xml_unknown_encoding", f"unknown XML encoding {name!r}") from None
    return "utf-8"


def xml_as_utf8(data: bytes) -> bytes:
    """An XML document re-encoded as UTF-8, its declaration saying so: what every XML reader takes."""
    encoding = xml_encoding(data)
    if encoding in ("utf-8", "ascii"):
        return data.removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise ListingUnreadable("xml_bad_encoding", f"not valid {encoding}: {exc.reason}") from exc
    return _DECLARED_ENCODING.sub(r"\1", text, count=1).encode("utf-8")
