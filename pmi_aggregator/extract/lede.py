"""The lede trafilatura's precision mode drops: sentences just before the first paragraph it kept.

A lede written as loose text or in its own ``<div>``, ended by ``<br><br>`` instead of a ``<p>``,
scores as boilerplate in precision mode. It is found from the text that was kept: the first kept
paragraph is located in the tree, and the blocks right before it are read back, nearest first,
while each is a sentence block (enough words, a sentence's end, few links). A heading or any other
block stops the reading, so a headline, a date line or a menu before the article is never taken.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import lxml.html

from pmi_aggregator.normalize.html_text import element_text

__all__ = ["block_holding", "is_sentence_block", "with_lede"]

_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_BLOCKS = (
    frozenset(
        "p div section article header footer nav aside li ul ol dl blockquote pre table tr td figure main center "
        "form hr".split()
    )
    | _HEADINGS
)
_SKIPPED = frozenset("script style noscript template img picture svg iframe figure figcaption video".split())
"""Not text, and stepped over: a photo with its caption may stand between the lede and the article."""
_LISTS = frozenset("ul ol li dl".split())
_MAX_LEVELS = 3  # how far up from the first kept paragraph its container may be
_MAX_LEDE_BLOCKS = 2
_MIN_WORDS = 16  # a lede is a full sentence; bylines, captions and kickers are shorter
_MAX_LINK_SHARE = 0.3
_SNIPPET = 30
_MAX_CAPTION = 300
_SENTENCE_END = re.compile(r"(?<!\.\.)[.!?][\"”'’]?$")  # not a teaser's "…" or "...", nor a credit's ")"
# The cheap test first: the ancestor test, run on every text node, would double the cost.
_TEXT_AT = "//body//text()[contains(normalize-space(.), $s)][not(ancestor::script) and not(ancestor::style)]"


def with_lede(tree: lxml.html.HtmlElement, text: str) -> str:
    """``text`` (trafilatura's, from ``tree``) with the sentence blocks right before its first paragraph."""
    if not text:
        return text
    first = text.split("\n\n", 1)[0]
    anchor = block_holding(tree, first)
    if anchor is None:
        return text
    ledes: list[str] = []
    for block in _blocks_before(anchor):
        if block is None or (block and (not is_sentence_block(block) or block in text)):
            break
        if not block:
            continue
        ledes.append(block)
        if len(ledes) == _MAX_LEDE_BLOCKS:
            break
    return "\n\n".join([*reversed(ledes), text]) if ledes else text


def block_holding(tree: lxml.html.HtmlElement, paragraph: str) -> lxml.html.HtmlElement | None:
    """The block element whose text starts ``paragraph``, by its first words (else its middle ones)."""
    words = paragraph.split()
    middle = len(words) // 2
    for snippet in (" ".join(words)[:_SNIPPET], " ".join(words[middle:])[:_SNIPPET]):
        if len(snippet) < _SNIPPET:
            continue
        found = tree.xpath(_TEXT_AT, s=snippet)
        if found:
            element = found[0].getparent()
            if found[0].is_tail:
                element = element.getparent()
            while element is not None and element.tag not in _BLOCKS:
                element = element.getparent()
            return element
    return None


def _blocks_before(anchor: lxml.html.HtmlElement) -> Iterator[str | None]:
    """Texts of the blocks before ``anchor``, nearest first, up a few container levels; None at a
    heading or a list of links. Loose text and inline elements between ``<br>`` and blocks are one block."""
    node = anchor
    for _ in range(_MAX_LEVELS):
        parent = node.getparent()
        if parent is None:
            return
        run: list[str] = []
        sibling = node.getprevious()
        while sibling is not None:
            if sibling.tail and sibling.tail.strip():
                run.append(sibling.tail)
            tag = sibling.tag if isinstance(sibling.tag, str) else ""
            if tag in _SKIPPED or _is_photo(sibling):
                pass  # a photo, its caption or a player
            elif tag in _BLOCKS or tag == "br":
                yield _joined(run)
                run = []
                if tag in _HEADINGS or tag in _LISTS or sibling.xpath(".//h1|.//h2|.//li|.//script"):
                    yield None
                    return
                if tag in _BLOCKS:
                    yield _block_text(sibling)
            elif tag:
                run.append(sibling.text_content())
            sibling = sibling.getprevious()
        if parent.text and parent.text.strip():
            run.append(parent.text)
        yield _joined(run)
        node = parent


def _is_photo(element: lxml.html.HtmlElement) -> bool:
    """A photo and its caption: a caption's class, or a picture with a caption's worth of text (a menu
    or a header with a logo is no photo, and ends the lede)."""
    marks = f"{element.get('class', '')} {element.get('id', '')}".lower()
    if "caption" in marks:
        return True
    return bool(element.xpath(".//img|.//figure|.//picture")) and len(element.text_content()) <= _MAX_CAPTION


def _joined(run: list[str]) -> str:
    return " ".join("".join(reversed(run)).split())


def _block_text(element: lxml.html.HtmlElement) -> str | None:
    """The element's text when it is one paragraph of few links; else None (a box with a label, a list)."""
    text = element_text(element)
    if "\n\n" in text:
        return None
    links = sum(len(" ".join(a.text_content().split())) for a in element.iter("a"))
    return text if links <= _MAX_LINK_SHARE * len(text) else None


def is_sentence_block(block: str) -> bool:
    return len(block.split()) >= _MIN_WORDS and bool(_SENTENCE_END.search(block))
