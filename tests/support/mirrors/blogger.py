"""A Blogger blog (JBM, suarabmi.com): ``/feeds/posts/default`` as Atom or ``?alt=rss``, paged with
``max-results``/``start-index``, posts at ``/YYYY/MM/slug.html`` (RECON sections 5 and 1 #14)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime

from tests.support.mirrors.routes import RSS, RoutedSite, html, text, xml


@dataclass(frozen=True)
class BlogPost:
    title: str
    when: datetime  # aware
    paragraphs: tuple[str, ...]
    author: str = "Admin"

    @property
    def path(self) -> str:
        slug = "-".join(self.title.lower().replace(",", "").replace(":", "").split())[:60]
        return f"/{self.when:%Y/%m}/{slug}.html"


def _content(post: BlogPost) -> str:
    return "".join(f"<p>{text(p)}</p>" for p in post.paragraphs) + "<p>[ads-post]</p>"


class BloggerSite(RoutedSite):
    def __init__(self, title: str, posts: list[BlogPost]) -> None:
        super().__init__()
        self.title = title
        self.posts = sorted(posts, key=lambda p: p.when, reverse=True)
        self.route(r"/feeds/posts/default", self._feed)
        self.route(r"/(\d{4})/(\d{2})/[^/]+\.html", self._post)

    def _feed(self, base: str, match: object, query: dict[str, str]):  # type: ignore[no-untyped-def]
        start = max(1, int(query.get("start-index", "1")))
        per = min(150, int(query.get("max-results", "25")))
        chunk = self.posts[start - 1 : start - 1 + per]
        if query.get("alt") == "rss":
            items = "".join(
                f"<item><guid isPermaLink='false'>tag:blogger.com,1999:blog-1.post-{hash(p.path) % 10**9}</guid>"
                f"<pubDate>{format_datetime(p.when.astimezone(timezone.utc), usegmt=True)}</pubDate>"
                f"<title>{text(p.title)}</title><description>{text(_content(p))}</description>"
                f"<link>{base}{p.path}</link><author>noreply@blogger.com ({p.author})</author></item>"
                for p in chunk
            )
            return xml(
                f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:openSearch='
                f'"http://a9.com/-/spec/opensearchrss/1.0/"><channel><title>{text(self.title)}</title>'
                f"<link>{base}/</link><openSearch:totalResults>{len(self.posts)}</openSearch:totalResults>"
                f"<openSearch:startIndex>{start}</openSearch:startIndex>{items}</channel></rss>",
                RSS,
            )
        entries = "".join(
            f"<entry><published>{p.when.isoformat()}</published><title type='text'>{text(p.title)}</title>"
            f"<content type='html'>{text(_content(p))}</content>"
            f"<link rel='alternate' type='text/html' href='{base}{p.path}'/>"
            f"<author><name>{p.author}</name></author></entry>"
            for p in chunk
        )
        return xml(
            f"<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            f"<title type='text'>{text(self.title)}</title>{entries}</feed>",
            "application/atom+xml; charset=UTF-8",
        )

    def _post(self, base: str, match: object, query: dict[str, str]):  # type: ignore[no-untyped-def]
        for post in self.posts:
            if post.path == match.group(0):
                return html(
                    f"<html><head><title>{text(post.title)}</title></head><body><div class='post'>"
                    f"<h3 class='post-title'>{text(post.title)}</h3><div class='post-body'>{_content(post)}"
                    "</div></div><div class='sidebar'>Laman Translate</div></body></html>"
                )
        return None
