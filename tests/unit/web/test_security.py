"""Hostile crawled text stays text; the UI is read-only, token-checked and refuses foreign Hosts."""

from __future__ import annotations

import re

import pytest

from pmi_aggregator.web.security import CONTENT_SECURITY_POLICY

TOKEN = "s3cret-token-of-some-length"


def _hostile_id(client) -> str:
    hits = client.get("/api/search?q=gaji&limit=100").json()["hits"]
    return next(h["id"] for h in hits if "jahat" in h["url"])


def _no_markup_from_articles(html: str, *, page: bool = True) -> None:
    assert "<script>alert" not in html
    assert "<img" not in html and "<b " not in html
    assert not re.search(r"<[^>]*\son\w+\s*=", html)  # no tag with an event attribute
    assert 'href="javascript:' not in html.lower()
    # Our own script is the only one, and comes from our static file.
    assert re.findall(r"<script[^>]*>", html) == (['<script src="/static/app.js" defer>'] if page else [])


@pytest.mark.parametrize(
    "path", ["/?q=gaji&limit=100", "/?q=gaji&limit=100&topic=gaji%3Cscript%3Ealert(1)%3C/script%3E"]
)
def test_the_search_page_escapes_every_field(client, path):
    html = client.get(path).text
    _no_markup_from_articles(html)
    assert "Gaji &lt;script&gt;alert(1)&lt;/script&gt; pekerja" in html


def test_facets_and_the_timeline_escape_values(client):
    html = client.get("/fragment/facets?q=gaji&limit=100").text
    _no_markup_from_articles(html, page=False)
    assert "gaji&lt;script&gt;alert(1)&lt;/script&gt;" in html  # a topic
    assert "src&lt;script&gt;" in html  # a source
    _no_markup_from_articles(client.get("/fragment/timeline?q=gaji").text, page=False)


def test_snippets_keep_only_our_own_marks(client):
    html = client.get("/?q=gaji").text
    snippets = re.findall(r'<p class="snippet">(.*?)</p>', html, re.DOTALL)
    assert snippets and any("<mark>" in s for s in snippets)
    for snippet in snippets:
        assert re.sub(r"</?mark>", "", snippet).count("<") == 0


def test_the_article_view_shows_every_field_escaped_and_links_only_http(client):
    article_id = _hostile_id(client)
    html = client.get(f"/article/{article_id}").text
    _no_markup_from_articles(html)
    assert "Penulis &lt;script&gt;alert(1)&lt;/script&gt;" in html  # authors
    assert "javascript:alert(3)" in html  # the image URL, shown as text only
    assert re.search(r'<a id="original" href="https://example\.com/berita/jahat\?x=%22%3E', html)
    for field in ("published_at", "countries", "topics", "content_hash", "crawled_at", "image_url"):
        assert f"<dt>{field}</dt>" in html


def test_every_response_carries_the_strict_policy(client):
    for path in ("/", "/api/search?q=gaji", "/static/app.js", "/article/nope", "/fragment/timeline"):
        headers = client.get(path).headers
        assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY


def test_it_is_read_only(client):
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/api/search").status_code == 405


def test_a_foreign_host_is_refused_on_loopback(make_client):
    rebinding = make_client(base_url="http://evil.example:8000")
    assert rebinding.get("/").status_code == 400
    assert make_client(base_url="http://localhost:8000").get("/").status_code == 200


def test_a_token_is_checked_on_every_request(make_client):
    open_door = make_client(token=TOKEN, check_host=False, base_url="http://192.0.2.7:8000")
    for path in ("/", "/api/search", "/static/app.js", "/api/article/x"):
        assert open_door.get(path).status_code == 401
    assert (
        open_door.get("/api/search", headers={"Authorization": "Bearer wrong-token-xxxxxxxx"}).status_code
        == 401
    )
    assert open_door.get("/api/search", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    link = open_door.get(f"/?q=gaji&token={TOKEN}", follow_redirects=False)
    assert link.status_code == 303
    assert link.headers["location"] == "/?q=gaji"
    assert "HttpOnly" in link.headers["set-cookie"] and "SameSite=Strict" in link.headers["set-cookie"]
    assert open_door.get("/?q=gaji").status_code == 200  # the cookie now carries it
    stranger = make_client(token=TOKEN, check_host=False, base_url="http://192.0.2.7:8000")
    assert stranger.get("/?token=wrong-token-xxxxxxxxx", follow_redirects=False).status_code == 401


def test_serve_refuses_a_public_address_without_a_token(pmi, index_path):
    done = pmi("serve", "--host", "0.0.0.0", "--index", str(index_path))
    assert done.exit_code == 2
    assert "needs a token: set [web] token in the config file" in done.stderr


def test_a_short_config_token_is_a_config_error(pmi, index_path, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('[web]\ntoken = "short"\n')
    done = pmi("--config", str(config), "serve", "--host", "0.0.0.0", "--index", str(index_path))
    assert done.exit_code == 4
    assert "token must be a string of at least 16 characters" in done.stderr
