"""What an article body holds that is not its text: embedded social posts, photo credits, comment disclaimers.

An embedded tweet, Instagram or TikTok post is someone else's words (and dates and names) quoted as a
widget; a photo's credit line ("Foto: ANTARA/…") and the comment section's disclaimer ("Komentar …
menjadi tanggung jawab pengirim") are page furniture inside the body. Embeds are recognised by the
markup their platforms' embed codes prescribe, the lines by their form, wherever they stand.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

__all__ = ["EMBED_SELECTORS", "is_insert_line", "remove_embeds"]

_EMBED_CLASSES = frozenset(
    # the blockquote of each platform's embed code (Threads: text-post-media), Facebook's div
    "twitter-tweet twitter-video instagram-media tiktok-embed text-post-media reddit-embed-bq fb-post fb-video".split()
)
EMBED_SELECTORS = ", ".join(f".{name}" for name in sorted(_EMBED_CLASSES))
# Found by tag first, then checked by class token: cssselect's class tests (normalize-space of every
# element's class) cost milliseconds a page.
_EMBED_CANDIDATES = lxml.etree.XPath("//blockquote[@class] | //div[contains(@class, 'fb-')]")
_MAX_CREDIT = 120
_MAX_DISCLAIMER = 300
_PHOTO_CREDIT = re.compile(
    r"^[(\[]?\s*(?:foto|photo|gambar|image|ilustrasi|illustration|sumber\s+foto|kredit\s+foto|dok(?:umentasi)?)"
    r"\s*[:/|]\s*\S.*$",
    re.IGNORECASE,
)
_COMMENT_DISCLAIMER = re.compile(
    r"^disclaimer\s*:.{0,60}\b(?:komentar|comments?)\b"
    r"|\bkomentar\b.{0,80}\btanggung\s*jawab\b.{0,40}\b(?:pengirim|penulis|pembaca|komentator|pemberi)"
    r"|\bcomments?\s+(?:are|is)\s+(?:the\s+)?(?:sole\s+)?responsibility\s+of",
    re.IGNORECASE,
)


def remove_embeds(root: lxml.html.HtmlElement) -> None:
    """Drop embedded social-media posts from a parsed tree, in place."""
    for element in _EMBED_CANDIDATES(root):
        tokens = set((element.get("class") or "").split())
        if element.getparent() is not None and (
            tokens & _EMBED_CLASSES or element.get("data-instgrm-permalink")
        ):
            element.drop_tree()


def is_insert_line(line: str) -> bool:
    """True for a photo credit or a comment disclaimer standing alone on its line."""
    if len(line) <= _MAX_CREDIT and _PHOTO_CREDIT.match(line):
        return True
    return len(line) <= _MAX_DISCLAIMER and bool(_COMMENT_DISCLAIMER.search(line))
