"""Article HTML to clean plain text: paragraphs separated by blank lines, boilerplate removed."""

from __future__ import annotations

import re

import lxml.etree
import lxml.html
from lxml.cssselect import CSSSelector
from w3lib.encoding import html_to_unicode

from pmi_aggregator.normalize.inserts import EMBED_SELECTORS, is_insert_line

MAX_HTML = 5_000_000
"""Bytes of HTML looked at: far above any article, a cap for hostile pages."""

NOISE_SELECTORS = (
    "script, style, noscript, iframe, template, svg, form, button, nav, aside, "
    "#respond, .comment-respond, #comments, .comments-area, "
    ".sharedaddy, .sd-sharing, .sd-block, .share, .shares, .social-share, .share-buttons, .addtoany_share_save_container, "
    ".a2a_kit, .jp-relatedposts, .related-posts, .yarpp-related, .min-read, .read-time, .reading-time, "
    ".ads, .ad, .advertisement, .adsbygoogle, .ads-container, .iklan, .baca-juga, .bacajuga, .related-link, "
    ".wp-caption-text, figcaption, " + EMBED_SELECTORS
)
_NOISE = CSSSelector(NOISE_SELECTORS)
_BLOCKS = frozenset(
    "p div section article header footer h1 h2 h3 h4 h5 h6 li ul ol blockquote pre table tr figure "
    "dl dt dd main center address hr".split()
)
_BOILERPLATE_LINE = re.compile(
    r"""^(?:
        (?:baca|simak|lihat|cek)\s+(?:juga|pula|selengkapnya|berita\s+lainnya)\b.*
      | (?:read|see)\s+(?:also|more)\b.*
      | advertisement | iklan | scroll\s+to\s+(?:continue|resume)(?:\s+with\s+content)?
      | \d+\s*(?:min|mins|minute|minutes|menit)\s*(?:read|baca)
      | leave\s+a\s+(?:reply|comment) | tinggalkan\s+(?:balasan|komentar)
      | share\s+this:?.* | bagikan(?:\s+artikel)?:? | like\s+this:? | suka\s+ini:? | related:?
      | \[(?:ads|ads-post)\]
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u200b\u200c\u200d\ufeff]+")


# huge_tree: libxml2's default depth limit (~255) silently drops the rest of deeply nested pages.
# Comments and processing instructions are no text; left in, they split trafilatura's paragraphs.
_PARSER = lxml.html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def parse_html(html: str | bytes) -> lxml.html.HtmlElement | None:
    """Parse possibly broken HTML; None when nothing usable is there."""
    if not html:
        return None
    html = html[:MAX_HTML]
    if isinstance(html, bytes):
        # Decoded once, the way browsers and Scrapy do (BOM, then the declared charset, else UTF-8),
        # with a wrong label repaired: handed bytes, libxml2 reads any non-ASCII byte before
        # <meta charset> as Latin-1.
        declared = html_to_unicode(None, html)[0]
        html = html.decode(actual_encoding(html, declared), errors="replace")
    html = _CONTROL.sub("", _XML_DECLARATION.sub("", html, count=1))  # lxml refuses control characters
    try:
        return lxml.html.fromstring(html, parser=_PARSER)
    except (lxml.etree.ParserError, ValueError, TypeError):
        return None


def actual_encoding(body: bytes, declared: str) -> str:
    """The charset ``body`` is written in, given the one its label declares.

    Bytes that are valid UTF-8 with non-ASCII text are UTF-8 whatever the label says (no real
    single-byte text decodes as UTF-8 by chance), and bytes labelled UTF-8 that are not valid UTF-8
    are windows-1252, the usual culprit.
    """
    declared = declared.lower().replace("_", "-")
    if body.isascii():
        return declared
    try:
        body.decode("utf-8")
        valid_utf8 = True
    except UnicodeDecodeError:
        valid_utf8 = False
    if valid_utf8 == (declared in ("utf-8", "utf8")):
        return declared
    return "utf-8" if valid_utf8 else "cp1252"


def remove_noise(root: lxml.html.HtmlElement, extra_selectors: tuple[str, ...] | list[str] = ()) -> None:
    """Drop widgets, ads and comment forms (and ``extra_selectors``) from a parsed tree, in place."""
    selectors = [_NOISE, *(CSSSelector(s) for s in extra_selectors)]
    for selector in selectors:
        for element in selector(root):
            if element.getparent() is not None:
                element.drop_tree()


def element_text(root: lxml.html.HtmlElement) -> str:
    """Paragraph text of an element: block elements become paragraphs, boilerplate lines are dropped."""
    chunks: list[str] = []
    for event, element in lxml.etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        if event in ("comment", "pi"):
            if element.tail and element is not root:
                chunks.append(element.tail)
            continue
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _BLOCKS:
                chunks.append("\n\n")
            elif tag == "br":
                chunks.append("\n")
            if element.text and tag not in ("script", "style"):
                chunks.append(element.text)
        else:
            if tag in _BLOCKS:
                chunks.append("\n\n")
            if element.tail and element is not root:
                chunks.append(element.tail)
    return clean_paragraphs("".join(chunks))


def clean_paragraphs(text: str) -> str:
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        lines = [_SPACES.sub(" ", line).strip() for line in block.split("\n")]
        lines = [
            line for line in lines if line and not _BOILERPLATE_LINE.match(line) and not is_insert_line(line)
        ]
        if lines:
            paragraphs.append(" ".join(lines))
    return "\n\n".join(paragraphs)


def html_to_text(html: str | bytes | None, *, remove: tuple[str, ...] | list[str] = ()) -> str:
    """Clean text of an HTML fragment or page (e.g. WordPress ``content.rendered``)."""
    root = parse_html(html or "")
    if root is None:
        return ""
    remove_noise(root, remove)
    return element_text(root)
