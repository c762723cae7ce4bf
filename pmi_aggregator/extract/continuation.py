"""The rest of an article split into sibling chunks: text trafilatura's precision mode stopped before.

Some sites cut the body into several containers of the same kind, with ads or widgets between them
(``<div class="body__container">`` … ``<div class="body__container">``); precision mode keeps the
first and drops the others. The container of the last kept paragraph is found in the tree, and the
later elements with the same tag and class beside it (same parent or grandparent) are read, each
kept only when it holds sentence blocks and few links, so a widget class reused elsewhere on the
page (an author box, a teaser) adds nothing.
"""

from __future__ import annotations

import copy

import lxml.html

from pmi_aggregator.extract.lede import block_holding, is_sentence_block
from pmi_aggregator.normalize.html_text import element_text, remove_noise

__all__ = ["with_continuation"]

_MAX_CHUNKS = 20
_MAX_LINK_SHARE = 0.3
_MIN_SENTENCE_BLOCKS = 2  # a chunk of the article is paragraphs; an author box is one bio sentence


def with_continuation(tree: lxml.html.HtmlElement, text: str) -> str:
    """``text`` (trafilatura's, from ``tree``) with the paragraphs of the later chunks of its container."""
    if not text:
        return text
    last = block_holding(tree, text.rsplit("\n\n", 1)[-1])
    container = last.getparent() if last is not None else None
    kind = container.get("class") if container is not None else None
    if container is None or not kind:
        return text
    later: list[str] = []
    seen = False
    for chunk in tree.xpath(f"//{container.tag}[@class=$kind]", kind=kind)[:_MAX_CHUNKS]:
        if chunk is container:
            seen = True
        elif seen and _cousins(chunk, container):
            later.extend(p for p in _chunk_paragraphs(chunk) if p not in text)
    return "\n\n".join([text, *later]) if later else text


def _cousins(chunk: lxml.html.HtmlElement, container: lxml.html.HtmlElement) -> bool:
    """Chunks of one body share a parent or a grandparent; a widget class reused elsewhere does not."""
    parent, other = container.getparent(), chunk.getparent()
    if parent is None or other is None:
        return False
    return other is parent or (other.getparent() is not None and other.getparent() is parent.getparent())


def _chunk_paragraphs(chunk: lxml.html.HtmlElement) -> list[str]:
    """The chunk's paragraphs when it is article text; none for a widget or a list of links."""
    piece = copy.deepcopy(chunk)
    remove_noise(piece)
    text = element_text(piece)
    links = sum(len(" ".join(a.text_content().split())) for a in piece.iter("a"))
    paragraphs = text.split("\n\n") if text else []
    sentences = sum(1 for p in paragraphs if is_sentence_block(p))
    if links > _MAX_LINK_SHARE * len(text) or sentences < _MIN_SENTENCE_BLOCKS:
        return []
    return paragraphs
