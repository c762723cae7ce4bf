"""Tests of the local WordPress/ApakabarOnline mirror itself, over real HTTP (urllib)."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta, timezone
from email.message import Message
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from tests.support.mirrors import apakabar
from tests.support.mirrors.apakabar import (
    EXTRA,
    KNOWN,
    KNOWN_REKRUT,
    REKRUT_SLUGS,
    RENDER_TODAY,
    UPDATED,
    VARIANT_SLUG,
    build_extra_post,
    build_posts,
    build_site,
)
from tests.support.mirrors.server import MirrorServer, Response
from tests.support.mirrors.wordpress import WordPressSite, format_wp_date, rss_date, w3c_datetime

UTC = timezone.utc
WIB = timezone(timedelta(hours=7))
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "atom": "http://www.w3.org/2005/Atom",
}
N = apakabar.ARTICLE_COUNT


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, method: str = "GET", headers: dict[str, str] | None = None) -> tuple[int, Message, bytes]:
    req = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with _OPENER.open(req, timeout=10) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        with err:
            return err.code, err.headers, err.read()


@pytest.fixture
def site() -> WordPressSite:
    return build_site()


@pytest.fixture
def server(site: WordPressSite):
    with MirrorServer(site) as srv:
        yield srv
    assert srv.errors == []


def get(server: MirrorServer, path: str, **kw) -> tuple[int, Message, bytes]:
    return fetch(server.base_url + path, **kw)


def get_json(server: MirrorServer, path: str) -> tuple[int, Message, object]:
    status, headers, body = get(server, path)
    return status, headers, json.loads(body)


# --------------------------------------------------------------------------------------------------
# the data set
# --------------------------------------------------------------------------------------------------
def test_article_set_is_realistic() -> None:
    posts = build_posts()
    assert len(posts) == N >= 36
    assert len({p.slug for p in posts}) == N
    assert len({p.title for p in posts}) == N
    assert len({p.id for p in posts}) == N
    years = {p.date_gmt.year for p in posts}
    assert min(years) == 2018 and max(years) == 2025
    assert all(p.date_gmt.tzinfo is not None for p in posts)
    assert all(p.date_gmt.astimezone(WIB).date() != RENDER_TODAY for p in posts)
    assert len({p.author for p in posts}) >= 4
    assert {"Hong Kong", "Taiwan", "Malaysia", "Advokasi", "Opini", "Berita"} <= {
        c for p in posts for c in p.categories
    }
    for post in posts:
        words = sum(len(par.split()) for par in post.paragraphs)
        assert 150 <= words <= 400, (post.slug, words)
        assert "Baca juga:" in post.content_html
        assert "Advertisement" in post.content_html
        assert "addtoany" in post.content_html
    text = " ".join(" ".join(p.paragraphs) for p in posts)
    for needle in ("HONG KONG –", "KUPANG –", "WITA", "Wita", "WIB", "KP2MI", "BP2MI", "P3MI", "TPPO"):
        assert needle in text
    updated = [p for p in posts if p.modified_gmt != p.date_gmt]
    assert [p.slug for p in updated] == [UPDATED["slug"]]
    assert updated[0].modified_gmt == UPDATED["modified_gmt"]
    extra = build_extra_post()
    assert extra.date_gmt > max(p.date_gmt for p in posts)
    assert extra.slug == EXTRA["slug"] and extra.slug not in {p.slug for p in posts}


def test_known_facts_match_posts() -> None:
    posts = {p.slug: p for p in build_posts()}
    known = posts[KNOWN["slug"]]
    assert known.title == KNOWN["title"]
    assert known.date_gmt == KNOWN["date_gmt"] == datetime(2024, 9, 27, 2, 15, tzinfo=UTC)
    assert known.author == KNOWN["author"]
    assert known.categories == KNOWN["categories"] and known.tags == KNOWN["tags"]
    assert KNOWN["posts_date"] == "September 27, 2024"
    rekrut = posts[KNOWN_REKRUT["slug"]]
    body = " ".join(rekrut.paragraphs)
    assert "merekrut" in body and "perekrutan" in body
    assert KNOWN_REKRUT["slug"] in REKRUT_SLUGS
    for slug, post in posts.items():
        has = "rekrut" in " ".join(post.paragraphs).lower()
        assert has == (slug in REKRUT_SLUGS), slug


# --------------------------------------------------------------------------------------------------
# server
# --------------------------------------------------------------------------------------------------
def test_server_logs_requests_and_supports_head(server: MirrorServer) -> None:
    status, headers, body = get(server, "/robots.txt", method="HEAD")
    assert status == 200 and body == b""
    assert int(headers["Content-Length"]) > 0
    status, _, body = get(server, "/robots.txt?x=1")
    assert status == 200 and body.startswith(b"User-agent: *")
    assert server.requests[-2:] == [("HEAD", "/robots.txt"), ("GET", "/robots.txt?x=1")]
    assert server.count("/robots.txt?x=1") == 1
    server.clear_requests()
    assert server.request_log() == []


def test_server_accepts_plain_function_and_fixed_port() -> None:
    seen = []

    def handler(method, path, query, headers):  # type: ignore[no-untyped-def]
        seen.append((method, path, query, headers.get("x-test")))
        return Response(201, {"Content-Type": "text/plain"}, b"ok")

    with MirrorServer(handler) as srv:
        status, _, body = fetch(srv.base_url + "/a%20b/?q=1&q=2&e=", headers={"X-Test": "yes"})
        assert (status, body) == (201, b"ok")
        assert seen == [("GET", "/a b/", {"q": "2", "e": ""}, "yes")]
        port = srv.port
    assert srv.base_url == f"http://127.0.0.1:{port}"

    def boom(method, path, query, headers):  # type: ignore[no-untyped-def]
        raise RuntimeError("x")

    with MirrorServer(boom) as srv:
        assert fetch(srv.base_url + "/")[0] == 500
        assert len(srv.errors) == 1


def test_site_can_be_served_again_on_another_port(site: WordPressSite) -> None:
    for _ in range(2):
        with MirrorServer(site) as srv:
            _, _, items = get_json(srv, "/wp-json/wp/v2/posts?per_page=1")
            assert items[0]["link"].startswith(srv.base_url + "/")
    assert site.base_url is None


def test_unknown_path_is_404_html(server: MirrorServer) -> None:
    status, headers, body = get(server, "/tidak-ada-artikel-ini/")
    assert status == 404
    assert headers["Content-Type"].startswith("text/html")
    assert b"Page not found" in body and b"topbar-date" in body
    assert get(server, "/wp-json/wp/v2/posts", method="POST")[0] == 405


# --------------------------------------------------------------------------------------------------
# REST API
# --------------------------------------------------------------------------------------------------
def test_rest_pagination_headers_and_bounds(server: MirrorServer) -> None:
    status, headers, raw = get(server, "/wp-json/wp/v2/posts?per_page=10")
    assert status == 200
    assert headers["Content-Type"] == "application/json; charset=UTF-8"
    assert headers["X-WP-Total"] == str(N)
    assert headers["X-WP-TotalPages"] == "4"
    assert b"http:\\/\\/127.0.0.1" in raw  # WordPress escapes slashes in JSON
    page1 = json.loads(raw)
    assert len(page1) == 10
    assert 'rel="next"' in headers["Link"] and "page=2" in headers["Link"]
    assert 'rel="prev"' not in headers["Link"]
    dates = [p["date_gmt"] for p in page1]
    assert dates == sorted(dates, reverse=True)

    seen = {p["id"] for p in page1}
    for page in (2, 3, 4):
        status, headers, items = get_json(server, f"/wp-json/wp/v2/posts?per_page=10&page={page}")
        assert status == 200 and 'rel="prev"' in headers["Link"]
        assert ('rel="next"' in headers["Link"]) == (page < 4)
        seen |= {p["id"] for p in items}
    assert len(items) == N - 30
    assert len(seen) == N

    status, _, err = get_json(server, "/wp-json/wp/v2/posts?per_page=10&page=5")
    assert status == 400 and err["code"] == "rest_post_invalid_page_number"

    status, headers, items = get_json(server, "/wp-json/wp/v2/posts?per_page=100")
    assert status == 200 and len(items) == N and headers["X-WP-TotalPages"] == "1"
    assert "Link" not in headers or 'rel="next"' not in headers["Link"]

    status, headers, items = get_json(server, "/wp-json/wp/v2/posts")
    assert len(items) == 10 and headers["X-WP-TotalPages"] == "4"  # default per_page


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ("per_page=101", "per_page"),
        ("per_page=0", "per_page"),
        ("per_page=abc", "per_page"),
        ("page=0", "page"),
        ("after=2025-01-01", "after"),
        ("after=2025-01-01T00:00:00+07:00", "after"),  # unencoded "+" arrives as a space
        ("orderby=popularity", "orderby"),
        ("order=up", "order"),
    ],
)
def test_rest_invalid_params(server: MirrorServer, query: str, param: str) -> None:
    status, headers, err = get_json(server, f"/wp-json/wp/v2/posts?{query}")
    assert status == 400
    assert headers["Content-Type"].startswith("application/json")
    assert err["code"] == "rest_invalid_param"
    assert err["message"] == f"Invalid parameter(s): {param}"
    assert param in err["data"]["params"] and err["data"]["status"] == 400


def test_rest_post_fields(server: MirrorServer) -> None:
    base = server.base_url
    _, _, items = get_json(server, f"/wp-json/wp/v2/posts?slug={KNOWN['slug']}")
    assert len(items) == 1
    post = items[0]
    assert post["id"] == KNOWN["id"]
    assert post["date"] == KNOWN["rest_date"] == "2024-09-27T09:15:00"
    assert post["date_gmt"] == KNOWN["rest_date_gmt"] == "2024-09-27T02:15:00"
    assert post["modified_gmt"] == post["date_gmt"]
    assert post["slug"] == KNOWN["slug"] and post["status"] == "publish" and post["type"] == "post"
    assert post["link"] == f"{base}/{KNOWN['slug']}/"
    assert post["guid"] == {"rendered": f"{base}/?p={KNOWN['id']}"}
    assert post["title"]["rendered"] == KNOWN["title"]
    assert post["content"]["protected"] is False
    assert "06.10 Wita" in post["content"]["rendered"]
    assert post["excerpt"]["rendered"].startswith("<p>JAKARTA")
    assert post["featured_media"] > 0
    _, _, cats = get_json(server, "/wp-json/wp/v2/categories?per_page=100")
    _, _, tags = get_json(server, "/wp-json/wp/v2/tags?per_page=100")
    cat_names = {c["id"]: c["name"] for c in cats}
    tag_names = {t["id"]: t["name"] for t in tags}
    assert [cat_names[i] for i in post["categories"]] == KNOWN["categories"]
    assert [tag_names[i] for i in post["tags"]] == KNOWN["tags"]
    _, _, user = get_json(server, f"/wp-json/wp/v2/users/{post['author']}")
    assert user["name"] == KNOWN["author"]

    _, _, single = get_json(server, f"/wp-json/wp/v2/posts/{KNOWN['id']}")
    assert single["slug"] == KNOWN["slug"]
    status, _, err = get_json(server, "/wp-json/wp/v2/posts/999999")
    assert status == 404 and err["code"] == "rest_post_invalid_id"

    _, _, slim = get_json(server, "/wp-json/wp/v2/posts?per_page=3&_fields=id,link,title.rendered,date_gmt")
    assert all(set(p) == {"id", "link", "title", "date_gmt"} for p in slim)
    assert all(set(p["title"]) == {"rendered"} for p in slim)


def test_rest_embed(server: MirrorServer) -> None:
    _, _, items = get_json(server, f"/wp-json/wp/v2/posts?slug={KNOWN['slug']}&_embed")
    embedded = items[0]["_embedded"]
    assert embedded["author"][0]["name"] == KNOWN["author"]
    cats, tags = embedded["wp:term"]
    assert [c["name"] for c in cats] == KNOWN["categories"]
    assert {c["taxonomy"] for c in cats} == {"category"}
    assert [t["name"] for t in tags] == KNOWN["tags"]
    assert {t["taxonomy"] for t in tags} == {"post_tag"}
    source = embedded["wp:featuredmedia"][0]["source_url"]
    assert source.startswith(server.base_url + "/wp-content/uploads/2024/09/") and source.endswith(".jpg")
    status, headers, image = fetch(source)
    assert status == 200 and headers["Content-Type"] == "image/jpeg" and image[:2] == b"\xff\xd8"
    _, _, only_author = get_json(server, f"/wp-json/wp/v2/posts?slug={KNOWN['slug']}&_embed=author")
    assert set(only_author[0]["_embedded"]) == {"author"}
    _, _, plain = get_json(server, "/wp-json/wp/v2/posts?per_page=1")
    assert "_embedded" not in plain[0]


def test_rest_date_filters(server: MirrorServer) -> None:
    posts = build_posts()
    local = {p.slug: (p.date_gmt + timedelta(hours=7)).replace(tzinfo=None) for p in posts}

    # after/before compare with the site-local post date; a naive value is site-local.
    _, headers, items = get_json(server, f"/wp-json/wp/v2/posts?per_page=100&after={KNOWN['rest_date']}")
    expected = {s for s, d in local.items() if d > KNOWN["date_local"]}
    assert {p["slug"] for p in items} == expected and KNOWN["slug"] not in expected
    assert headers["X-WP-Total"] == str(len(expected))

    # An offset is honoured (converted to site time): 02:14:59Z == 09:14:59+07:00 -> includes KNOWN.
    for value in ("2024-09-27T02:14:59Z", quote("2024-09-27T09:14:59+07:00"), "2024-09-27T09:14:59"):
        _, _, items = get_json(server, f"/wp-json/wp/v2/posts?per_page=100&after={value}")
        assert KNOWN["slug"] in {p["slug"] for p in items}, value
        assert len(items) == len(expected) + 1

    _, _, items = get_json(server, "/wp-json/wp/v2/posts?per_page=100&before=2019-01-01T00:00:00")
    assert {p["slug"] for p in items} == {s for s, d in local.items() if d.year == 2018}
    assert len(items) == 4

    # modified_after finds the already-updated article although its publication date is older.
    cutoff = (UPDATED["modified_gmt"] - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    _, _, items = get_json(server, f"/wp-json/wp/v2/posts?per_page=100&modified_after={cutoff}")
    slugs = {p["slug"] for p in items}
    assert UPDATED["slug"] in slugs
    assert slugs == {p.slug for p in posts if p.modified_gmt > UPDATED["modified_gmt"] - timedelta(hours=1)}
    match = next(p for p in items if p["slug"] == UPDATED["slug"])
    assert match["modified_gmt"] == UPDATED["modified_gmt"].strftime("%Y-%m-%dT%H:%M:%S")
    assert match["modified_gmt"] > match["date_gmt"]

    _, _, by_mod = get_json(server, "/wp-json/wp/v2/posts?per_page=100&orderby=modified&order=asc")
    mods = [p["modified_gmt"] for p in by_mod]
    assert mods == sorted(mods)
    _, _, by_id = get_json(server, "/wp-json/wp/v2/posts?per_page=5&orderby=id&order=asc")
    assert [p["id"] for p in by_id] == sorted(p.id for p in posts)[:5]


def test_rest_route_alias_index_and_taxonomies(server: MirrorServer) -> None:
    _, h1, a = get_json(server, "/wp-json/wp/v2/posts?per_page=5&page=2")
    _, h2, b = get_json(server, "/?rest_route=/wp/v2/posts&per_page=5&page=2")
    assert a == b and h1["X-WP-Total"] == h2["X-WP-Total"]
    _, _, index = get_json(server, "/wp-json/")
    assert index["name"] == "Apakabar Online"
    assert index["description"] == "Portal Berita Pekerja Migran Indonesia"
    assert "wp/v2" in index["namespaces"] and index["url"] == server.base_url
    _, _, same = get_json(server, "/?rest_route=/")
    assert same["name"] == index["name"]

    _, headers, cats = get_json(server, "/wp-json/wp/v2/categories")
    assert int(headers["X-WP-Total"]) >= 7 and len(cats) == min(10, int(headers["X-WP-Total"]))
    berita = next(c for c in cats if c["name"] == "Berita")
    assert berita["slug"] == "berita" and berita["taxonomy"] == "category"
    assert berita["link"] == f"{server.base_url}/category/berita/"
    assert berita["count"] == sum("Berita" in p.categories for p in build_posts())
    _, headers, tags = get_json(server, "/wp-json/wp/v2/tags?per_page=5&page=2")
    assert len(tags) == 5 and int(headers["X-WP-TotalPages"]) >= 3
    assert {t["taxonomy"] for t in tags} == {"post_tag"}
    _, headers, _users = get_json(server, "/wp-json/wp/v2/users?per_page=100")
    assert headers["X-WP-Total"] == str(len({p.author for p in build_posts()}))
    _, headers, some = get_json(server, "/wp-json/wp/v2/users?include=1,2")
    assert sorted(u["id"] for u in some) == [1, 2] and headers["X-WP-Total"] == "2"
    assert get_json(server, "/wp-json/wp/v2/nothing")[2]["code"] == "rest_no_route"


def test_rest_fault_toggles(site: WordPressSite, server: MirrorServer) -> None:
    site.rest_invalid_json = True
    status, headers, body = get(server, "/wp-json/wp/v2/posts")
    assert status == 200 and headers["X-WP-Total"] == str(N)
    with pytest.raises(json.JSONDecodeError):
        json.loads(body)
    site.rest_invalid_json = False
    site.rest_enabled = False
    for path in ("/wp-json/wp/v2/posts", "/wp-json/", "/?rest_route=/wp/v2/posts"):
        status, _, err = get_json(server, path)
        assert status == 404 and err["code"] == "rest_no_route"
    status, _, page = get(server, KNOWN["path"])
    assert status == 200 and b"/wp-json/" not in page  # no API discovery links any more


# --------------------------------------------------------------------------------------------------
# feeds
# --------------------------------------------------------------------------------------------------
def _feed_items(body: bytes) -> list[ET.Element]:
    root = ET.fromstring(body)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.findall("./channel/item")


def test_feed_paging_and_rss_validity(server: MirrorServer) -> None:
    status, headers, body = get(server, "/feed/")
    assert status == 200 and headers["Content-Type"] == "application/rss+xml; charset=UTF-8"
    root = ET.fromstring(body)
    channel = root.find("channel")
    assert channel is not None
    assert channel.findtext("title") == "Apakabar Online"
    assert channel.find("atom:link", NS).get("href") == server.base_url + "/feed/"
    assert channel.findtext("{http://purl.org/rss/1.0/modules/syndication/}updatePeriod").strip() == "hourly"
    items = channel.findall("item")
    assert len(items) == 10
    newest = sorted(build_posts(), key=lambda p: p.date_gmt, reverse=True)
    assert channel.findtext("lastBuildDate") == rss_date(max(p.modified_gmt for p in newest[:10]))
    pubdate = re.compile(
        r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$"
    )
    for item, post in zip(items, newest[:10], strict=True):
        assert item.findtext("title") == post.title
        assert pubdate.match(item.findtext("pubDate") or "")
        assert item.findtext("pubDate") == rss_date(post.date_gmt)
        assert item.findtext("dc:creator", namespaces=NS) == post.author
        assert [c.text for c in item.findall("category")] == [*post.categories, *post.tags]
        guid = item.find("guid")
        assert guid.get("isPermaLink") == "false" and guid.text == f"{server.base_url}/?p={post.id}"
        assert "<p>" in item.findtext("content:encoded", namespaces=NS)
        assert item.findtext("description")
    links = {item.findtext("link") for item in items}
    assert (
        f"{server.base_url}/{VARIANT_SLUG}/?utm_source=rss&utm_medium=rss&utm_campaign={VARIANT_SLUG}"
        in links
    )

    seen = [item.findtext("guid") for item in items]
    for paged in (2, 3, 4):
        status, _, body = get(server, f"/feed/?paged={paged}")
        assert status == 200
        seen += [item.findtext("guid") for item in _feed_items(body)]
    assert len(seen) == len(set(seen)) == N
    status, headers, _ = get(server, "/feed/?paged=5")
    assert status == 404 and headers["Content-Type"].startswith("text/html")


def test_category_feed_and_conditional_get(server: MirrorServer) -> None:
    status, _, body = get(server, "/category/hong-kong/feed/")
    assert status == 200
    items = _feed_items(body)
    expected = [p for p in build_posts() if "Hong Kong" in p.categories]
    assert len(items) == min(10, len(expected))
    assert all("Hong Kong" in [c.text for c in item.findall("category")] for item in items)
    assert get(server, "/category/tidak-ada/feed/")[0] == 404

    status, headers, _ = get(server, "/feed/")
    etag, last_modified = headers["ETag"], headers["Last-Modified"]
    assert get(server, "/feed/", headers={"If-None-Match": etag})[0] == 304
    assert get(server, "/feed/", headers={"If-Modified-Since": last_modified})[0] == 304
    assert get(server, "/feed/", headers={"If-None-Match": '"other"'})[0] == 200


def test_feed_fault_toggles(site: WordPressSite, server: MirrorServer) -> None:
    site.feed_not_xml = True
    status, headers, body = get(server, "/feed/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    with pytest.raises(ET.ParseError):
        ET.fromstring(body)
    site.feed_not_xml = "garbage"
    status, headers, body = get(server, "/feed/")
    assert status == 200 and headers["Content-Type"].startswith("application/rss+xml")
    with pytest.raises(ET.ParseError):
        ET.fromstring(body)
    site.feed_not_xml = False
    site.feed_enabled = False
    assert get(server, "/feed/")[0] == 404


# --------------------------------------------------------------------------------------------------
# sitemaps and robots
# --------------------------------------------------------------------------------------------------
def _locs(body: bytes) -> list[tuple[str, str | None]]:
    root = ET.fromstring(body)
    return [(u.findtext("sm:loc", namespaces=NS), u.findtext("sm:lastmod", namespaces=NS)) for u in root]


def test_core_sitemap_index_to_child(server: MirrorServer) -> None:
    base = server.base_url
    _, _, robots = get(server, "/robots.txt")
    assert robots.decode() == (
        "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\n"
        f"Sitemap: {base}/wp-sitemap.xml\n"
    )
    status, headers, body = get(server, "/wp-sitemap.xml")
    assert status == 200 and headers["Content-Type"].startswith("application/xml")
    children = [loc for loc, _ in _locs(body)]
    assert f"{base}/wp-sitemap-posts-post-1.xml" in children
    status, _, body = get(server, "/wp-sitemap-posts-post-1.xml")
    entries = _locs(body)
    posts = build_posts()
    for post in posts:
        assert (f"{base}/{post.slug}/", w3c_datetime(post.modified_gmt)) in entries
    # url variants: the same article under /amp/ and with tracking parameters
    variant_locs = [loc for loc, _ in entries if VARIANT_SLUG in loc]
    assert f"{base}/{VARIANT_SLUG}/amp/" in variant_locs
    assert any("utm_source=" in loc for loc in variant_locs)
    assert len(entries) == N + 2
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00", entries[0][1] or "")
    assert get(server, "/wp-sitemap-posts-post-2.xml")[0] == 404
    status, headers, _ = get(server, "/sitemap.xml")
    assert status == 301 and headers["Location"] == f"{base}/wp-sitemap.xml"
    for child in children:
        assert fetch(child)[0] == 200


def test_core_sitemap_splits_pages(site: WordPressSite, server: MirrorServer) -> None:
    site.max_urls_per_sitemap = 10
    _, _, body = get(server, "/wp-sitemap.xml")
    posts_maps = [loc for loc, _ in _locs(body) if "posts-post" in loc]
    assert len(posts_maps) == 5  # 41 entries / 10
    total = sum(len(_locs(fetch(loc)[2])) for loc in posts_maps)
    assert total == N + 2


def test_yoast_sitemaps(site: WordPressSite, server: MirrorServer) -> None:
    base = server.base_url
    site.sitemap_style = "yoast"
    status, headers, _ = get(server, "/wp-sitemap.xml")
    assert status == 301 and headers["Location"] == f"{base}/sitemap_index.xml"
    assert b"sitemap_index.xml" in get(server, "/robots.txt")[2]
    status, _, body = get(server, "/sitemap_index.xml")
    index = _locs(body)
    assert index[0][0] == f"{base}/post-sitemap.xml" and index[0][1]
    _, _, body = get(server, "/post-sitemap.xml")
    entries = _locs(body)
    assert entries[0][0] == f"{base}/"
    known = next(e for e in entries if e[0] == f"{base}/{KNOWN['slug']}/")
    assert known[1] == w3c_datetime(KNOWN["date_gmt"])
    site.sitemap_style = None
    assert get(server, "/wp-sitemap.xml")[0] == 404
    assert get(server, "/sitemap_index.xml")[0] == 404
    assert b"Sitemap:" not in get(server, "/robots.txt")[2]


# --------------------------------------------------------------------------------------------------
# article pages
# --------------------------------------------------------------------------------------------------
def _soup(body: bytes) -> BeautifulSoup:
    return BeautifulSoup(body, "html.parser")


def test_article_page_markup_and_date_trap(server: MirrorServer) -> None:
    base = server.base_url
    status, headers, body = get(server, KNOWN["path"])
    assert status == 200 and headers["Content-Type"] == "text/html; charset=UTF-8"
    soup = _soup(body)
    assert soup.title.get_text() == f"{KNOWN['title']} – Apakabar Online"
    assert soup.find("link", rel="canonical")["href"] == f"{base}{KNOWN['path']}"
    assert soup.find("meta", property="og:title")["content"] == KNOWN["title"]
    assert soup.find("meta", property="og:url")["content"] == f"{base}{KNOWN['path']}"
    assert soup.find("meta", property="og:image")["content"].endswith(".jpg")
    assert soup.find("meta", property="article:published_time") is None  # no SEO plugin
    assert soup.find("link", id="morenews-style-css")["href"].startswith(
        f"{base}/wp-content/themes/morenews/"
    )
    # the trap: top bar shows the render date, not the publication date
    assert soup.select_one("span.topbar-date").get_text(strip=True) == format_wp_date(RENDER_TODAY)
    assert format_wp_date(RENDER_TODAY) == "November 27, 2026"
    article = soup.select_one("article.af-single-article")
    assert article.select_one("h1.entry-title").get_text(strip=True) == KNOWN["title"]
    assert article.select_one("span.item-metadata.posts-date").get_text(strip=True) == KNOWN["posts_date"]
    assert article.select_one("span.posts-author a").get_text(strip=True) == KNOWN["author"]
    assert article.select_one("span.min-read").get_text(strip=True) in ("1 min read", "2 min read")
    cats = [
        a.get_text(strip=True) for a in article.select(".figure-categories ul.cat-links li.meta-category a")
    ]
    assert cats == KNOWN["categories"]
    assert [a.get_text() for a in article.select("span.tags-links a")] == KNOWN["tags"]
    content = article.select_one("div.entry-content.read-details")
    text = content.get_text(" ", strip=True)
    assert text.startswith("Bagikan:") or KNOWN["first_paragraph"][:40] in text
    assert KNOWN["first_paragraph"] in text
    assert "Baca juga:" in text and "Advertisement" in text and "Share this:" in text
    assert content.select_one("div.sharedaddy")
    assert article.select_one("#respond h3#reply-title").get_text(" ", strip=True).startswith("Leave a Reply")
    # "You may have missed" cards carry other posts' dates in the same posts-date class
    missed = soup.find(string=re.compile("You may have missed"))
    assert missed is not None
    all_dates = [s.get_text(strip=True) for s in soup.select("span.posts-date")]
    assert len(all_dates) > 1 and all_dates.count(KNOWN["posts_date"]) == 1
    assert "Copyright © All rights reserved." in soup.get_text(" ")
    assert "MoreNews by AF themes." in " ".join(soup.select_one(".site-info").get_text(" ").split())


def test_posts_date_is_local_date(site: WordPressSite, server: MirrorServer) -> None:
    # 23:10 WIB on March 18 is 16:10 UTC: the theme prints the local date.
    post = next(p for p in build_posts() if p.slug.startswith("ramadan-di-perantauan"))
    assert post.date_gmt.hour == 16
    _, _, body = get(server, f"/{post.slug}/")
    article = _soup(body).select_one("article")
    assert article.select_one("span.posts-date").get_text(strip=True) == "March 18, 2025"
    site.date_display = "ago"
    _, _, body = get(server, f"/{post.slug}/")
    assert _soup(body).select_one("article span.posts-date").get_text(strip=True) == "Posted on 2 years ago"


def test_yoast_meta_and_json_ld(site: WordPressSite, server: MirrorServer) -> None:
    site.seo_plugin = "yoast"
    _, _, body = get(server, KNOWN["path"])
    soup = _soup(body)
    assert soup.title.get_text() == f"{KNOWN['title']} - Apakabar Online"
    published = soup.find("meta", property="article:published_time")["content"]
    assert published == "2024-09-27T02:15:00+00:00"
    assert soup.find("meta", property="article:modified_time")["content"] == published
    graph = json.loads(soup.find("script", class_="yoast-schema-graph").string)["@graph"]
    node = next(n for n in graph if n["@type"] == "Article")
    assert node["datePublished"] == published and node["headline"] == KNOWN["title"]
    assert len(soup.find_all("link", rel="canonical")) == 1


def test_redirects_and_variants(server: MirrorServer) -> None:
    base = server.base_url
    status, headers, _ = get(server, KNOWN["path"].rstrip("/"))
    assert status == 301 and headers["Location"] == f"{base}{KNOWN['path']}"
    status, headers, _ = get(server, KNOWN["path"].rstrip("/") + "?utm_source=x")
    assert status == 301 and headers["Location"] == f"{base}{KNOWN['path']}?utm_source=x"
    status, headers, _ = get(server, f"/?p={KNOWN['id']}")
    assert status == 301 and headers["Location"] == f"{base}{KNOWN['path']}"
    assert get(server, "/?p=1")[0] == 404
    status, _, body = get(server, f"/{VARIANT_SLUG}/amp/")
    assert status == 200
    assert _soup(body).find("link", rel="canonical")["href"] == f"{base}/{VARIANT_SLUG}/"
    status, _, body = get(server, f"/{VARIANT_SLUG}/?utm_source=rss&utm_medium=rss")
    assert status == 200 and _soup(body).find("link", rel="canonical")["href"] == f"{base}/{VARIANT_SLUG}/"
    status, headers, _ = get(server, f"{KNOWN['path']}?share=facebook")
    assert status == 302 and headers["Location"].startswith("https://www.facebook.com/")
    status, headers, _ = get(server, "/page/1/")
    assert status == 301 and headers["Location"] == f"{base}/"


def test_broken_and_undated_pages(site: WordPressSite, server: MirrorServer) -> None:
    site.broken_pages.add(KNOWN["slug"])
    status, _, body = get(server, KNOWN["path"])
    assert status == 200 and b"</html>" not in body
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    site.broken_pages.clear()

    site.undated_posts.add(KNOWN["slug"])
    site.seo_plugin = "yoast"
    _, _, body = get(server, KNOWN["path"])
    soup = _soup(body)
    assert soup.select_one("article span.posts-date") is None
    assert soup.find("meta", property="article:published_time") is None
    assert "datePublished" not in soup.find("script", class_="yoast-schema-graph").string
    assert soup.select_one("span.topbar-date")  # the trap is still there
    _, headers, items = get_json(server, "/wp-json/wp/v2/posts?per_page=100")
    assert headers["X-WP-Total"] == str(N - 1) and KNOWN["slug"] not in {p["slug"] for p in items}
    guids = []
    for paged in (1, 2, 3, 4):
        guids += [i.findtext("guid") for i in _feed_items(get(server, f"/feed/?paged={paged}")[2])]
    assert len(guids) == N - 1 and f"{server.base_url}/?p={KNOWN['id']}" not in guids
    entries = dict(_locs(get(server, "/wp-sitemap-posts-post-1.xml")[2]))
    assert entries[f"{server.base_url}{KNOWN['path']}"] is None  # listed, without lastmod


def test_listings_and_search(server: MirrorServer) -> None:
    _, _, body = get(server, "/")
    soup = _soup(body)
    titles = [a.get_text() for a in soup.select("main .read-title h3 a")]
    newest = sorted(build_posts(), key=lambda p: p.date_gmt, reverse=True)
    assert titles == [p.title for p in newest[:10]]
    assert soup.select_one("a.next.page-numbers")["href"] == f"{server.base_url}/page/2/"
    assert get(server, "/page/4/")[0] == 200 and get(server, "/page/5/")[0] == 404
    _, _, body = get(server, "/category/taiwan/")
    soup = _soup(body)
    assert "Taiwan" in soup.select_one("h1.page-title").get_text()
    expected = [p.title for p in newest if "Taiwan" in p.categories][:10]
    assert [a.get_text() for a in soup.select("main .read-title h3 a")] == expected
    assert get(server, "/category/taiwan/page/9/")[0] == 404
    assert get(server, "/category/tidak-ada/")[0] == 404
    assert get(server, "/tag/tppo/")[0] == 200 and get(server, "/author/yohanes-bria/")[0] == 200
    _, _, body = get(server, "/?s=rekrut")
    found = {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in _soup(body).select("main .read-title h3 a")}
    assert found == set(REKRUT_SLUGS) and KNOWN_REKRUT["slug"] in found


# --------------------------------------------------------------------------------------------------
# runtime mutation
# --------------------------------------------------------------------------------------------------
def test_add_and_update_posts_between_crawls(site: WordPressSite, server: MirrorServer) -> None:
    extra = site.add_post(build_extra_post())
    assert extra.id > max(p.id for p in build_posts())
    _, headers, items = get_json(server, "/wp-json/wp/v2/posts?per_page=10")
    assert headers["X-WP-Total"] == str(N + 1) and headers["X-WP-TotalPages"] == str(-(-(N + 1) // 10))
    assert items[0]["slug"] == EXTRA["slug"] and items[0]["date_gmt"] == EXTRA["rest_date_gmt"]
    first = _feed_items(get(server, "/feed/")[2])[0]
    assert first.findtext("title") == EXTRA["title"]
    assert get(server, f"/{EXTRA['slug']}/")[0] == 200
    assert f"{server.base_url}/{EXTRA['slug']}/" in dict(
        _locs(get(server, "/wp-sitemap-posts-post-1.xml")[2])
    )

    before = site.get_post(KNOWN["slug"]).modified_gmt
    updated = site.update_post(KNOWN["slug"], title=KNOWN["title"] + " (Diperbarui)")
    assert updated.modified_gmt > before and updated.modified_gmt > extra.date_gmt
    assert updated.date_gmt == KNOWN["date_gmt"]
    cutoff = extra.modified_gmt.strftime("%Y-%m-%dT%H:%M:%SZ")
    _, _, items = get_json(server, f"/wp-json/wp/v2/posts?modified_after={cutoff}")
    assert [p["slug"] for p in items] == [KNOWN["slug"]]
    assert items[0]["title"]["rendered"].endswith("(Diperbarui)")
    _, _, body = get(server, KNOWN["path"])
    assert _soup(body).select_one("article span.posts-date").get_text(strip=True) == KNOWN["posts_date"]

    site.update_post(KNOWN["slug"], slug="jenazah-pmi-ntt-2024")
    status, headers, _ = get(server, KNOWN["path"])
    assert status == 301 and headers["Location"] == f"{server.base_url}/jenazah-pmi-ntt-2024/"
    site.delete_post(EXTRA["slug"])
    assert get(server, f"/{EXTRA['slug']}/")[0] == 404


def test_site_base_url_and_render_today_are_configurable() -> None:
    site = WordPressSite(
        base_url="https://apakabar.example/", render_today=date(2030, 1, 2), posts=build_posts()
    )
    resp = site.handle("GET", KNOWN["path"], {}, {})
    assert resp.status == 200
    soup = _soup(resp.body)
    assert soup.find("link", rel="canonical")["href"] == f"https://apakabar.example{KNOWN['path']}"
    assert soup.select_one("span.topbar-date").get_text(strip=True) == "January 2, 2030"
    assert site.handle("GET", "/", {"p": str(KNOWN["id"])}, {}).get_header("Location") == (
        f"https://apakabar.example{KNOWN['path']}"
    )
