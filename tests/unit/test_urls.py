"""Tests for pmi_aggregator.urls: canonical article URLs, identities and printable URLs."""

import re
from urllib.parse import urlencode, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmi_aggregator.urls import (
    article_id,
    canonicalize_url,
    redact_userinfo,
    strip_credentials,
    url_identity,
)

ALIASES = {"www.bp2mi.go.id": "www.kp2mi.go.id"}

# --- canonicalize_url: scheme, host, port, fragment -------------------------------------------------


def test_scheme_and_host_are_lower_cased():
    assert canonicalize_url("HTTPS://WWW.Example.COM/Berita/A") == "https://www.example.com/Berita/A"


def test_path_case_is_kept():
    assert canonicalize_url("https://example.com/Berita/ABC").endswith("/Berita/ABC")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://example.com:80/x", "http://example.com/x"),
        ("https://example.com:443/x", "https://example.com/x"),
    ],
)
def test_default_port_is_dropped(url, expected):
    assert canonicalize_url(url) == expected


def test_non_default_port_is_kept():
    assert canonicalize_url("http://example.com:8080/x") == "http://example.com:8080/x"


def test_port_443_on_http_is_not_a_default_port():
    assert urlsplit(canonicalize_url("http://example.com:443/x")).port == 443


def test_fragment_is_removed():
    assert canonicalize_url("https://example.com/x#komentar") == "https://example.com/x"


def test_trailing_dot_of_host_is_removed():
    assert canonicalize_url("https://example.com./x") == "https://example.com/x"


def test_empty_path_becomes_slash():
    assert canonicalize_url("https://example.com") == "https://example.com/"


def test_scheme_relative_url_gets_https():
    assert canonicalize_url("//example.com/x") == "https://example.com/x"


def test_surrounding_whitespace_is_ignored():
    assert canonicalize_url("  https://example.com/x \n") == "https://example.com/x"


def test_credentials_are_not_part_of_the_canonical_url():
    assert canonicalize_url("https://user:secret@example.com/x") == "https://example.com/x"


# --- canonicalize_url: query parameters --------------------------------------------------------------


@pytest.mark.parametrize(
    "tracking",
    [
        "utm_source=fb",
        "utm_medium=social&utm_campaign=x",
        "UTM_Source=fb",
        "fbclid=IwAR0abc",
        "gclid=xyz",
        "msclkid=1",
        "igshid=1",
        "_ga=2.1",
        "mc_cid=1&mc_eid=2",
        "from_wa=1",
    ],
)
def test_tracking_parameters_are_removed(tracking):
    assert canonicalize_url(f"https://example.com/x?{tracking}") == "https://example.com/x"


def test_real_parameters_are_kept_when_tracking_is_removed():
    url = "https://example.com/x?utm_source=fb&id=42&fbclid=abc"
    assert canonicalize_url(url) == "https://example.com/x?id=42"


def test_real_parameters_are_sorted():
    assert canonicalize_url("https://example.com/x?b=2&a=1") == canonicalize_url(
        "https://example.com/x?a=1&b=2"
    )
    assert canonicalize_url("https://example.com/x?b=2&a=1") == "https://example.com/x?a=1&b=2"


def test_parameter_whose_name_only_resembles_tracking_is_kept():
    assert canonicalize_url("https://example.com/x?utm=1") == "https://example.com/x?utm=1"


def test_page_all_is_the_same_article_but_page_two_is_not():
    assert canonicalize_url("https://example.com/x?page=all") == "https://example.com/x"
    assert canonicalize_url("https://example.com/x?page=2") == "https://example.com/x?page=2"


def test_empty_query_string_is_dropped():
    assert canonicalize_url("https://example.com/x?") == "https://example.com/x"


# --- canonicalize_url: AMP and mobile variants -------------------------------------------------------


def test_amp_suffix_is_removed():
    assert (
        canonicalize_url("https://www.example.com/read/2024/05/01/berita/amp/")
        == "https://www.example.com/read/2024/05/01/berita/"
    )


def test_amp_suffix_without_trailing_slash_is_removed():
    assert canonicalize_url("https://example.com/berita/amp") == "https://example.com/berita"


def test_amp_prefix_is_removed():
    assert canonicalize_url("https://example.com/amp/berita/abc") == "https://example.com/berita/abc"


def test_dot_amp_suffix_is_removed():
    assert canonicalize_url("https://example.com/berita.amp") == "https://example.com/berita"


@pytest.mark.parametrize("query", ["amp=1", "amp", "amp=true"])
def test_amp_query_parameter_is_removed(query):
    assert canonicalize_url(f"https://example.com/berita?{query}") == "https://example.com/berita"


def test_amp_variants_share_the_article_id():
    plain = canonicalize_url("https://example.com/berita/abc/")
    for variant in (
        "https://example.com/berita/abc/amp/",
        "https://example.com/amp/berita/abc/",
        "https://example.com/berita/abc/?amp=1",
    ):
        assert article_id(canonicalize_url(variant)) == article_id(plain)


def test_word_containing_amp_in_path_is_kept():
    assert canonicalize_url("https://example.com/kamp/lampung") == "https://example.com/kamp/lampung"


@pytest.mark.parametrize(
    "host",
    ["m.detik.com", "mobile.detik.com", "amp.detik.com"],
)
def test_mobile_host_becomes_www(host):
    assert canonicalize_url(f"https://{host}/berita/1") == "https://www.detik.com/berita/1"


def test_two_label_host_starting_with_m_is_not_treated_as_mobile():
    assert canonicalize_url("https://m.com/x") == "https://m.com/x"


def test_host_alias_maps_old_domain_to_new():
    assert (
        canonicalize_url("https://www.bp2mi.go.id/berita/abc", host_aliases=ALIASES)
        == "https://www.kp2mi.go.id/berita/abc"
    )


def test_host_alias_applies_after_mobile_mapping():
    assert (
        canonicalize_url("https://m.bp2mi.go.id/berita/abc", host_aliases=ALIASES)
        == "https://www.kp2mi.go.id/berita/abc"
    )


def test_host_alias_is_case_insensitive():
    assert canonicalize_url("https://WWW.BP2MI.GO.ID/x", host_aliases=ALIASES) == "https://www.kp2mi.go.id/x"


def test_no_alias_without_host_aliases():
    assert canonicalize_url("https://www.bp2mi.go.id/x") == "https://www.bp2mi.go.id/x"


# --- canonicalize_url: percent-encoding --------------------------------------------------------------


def test_percent_escapes_are_upper_cased():
    assert canonicalize_url("https://example.com/caf%c3%a9") == "https://example.com/caf%C3%A9"


def test_raw_unicode_path_equals_its_percent_encoding():
    assert canonicalize_url("https://example.com/café") == canonicalize_url("https://example.com/caf%C3%A9")


def test_unreserved_characters_are_decoded():
    assert canonicalize_url("https://example.com/%7Euser") == "https://example.com/~user"


def test_encoded_slash_stays_encoded():
    assert canonicalize_url("https://example.com/a%2fb") == "https://example.com/a%2Fb"


def test_space_in_query_is_normalized():
    assert canonicalize_url("https://example.com/x?q=a%20b") == canonicalize_url(
        "https://example.com/x?q=a+b"
    )


# --- canonicalize_url: rejection ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/x",
        "mailto:redaksi@example.com",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,hi",
        "example.com/x",
        "",
        "https://",
        "http:///x",
    ],
)
def test_non_http_url_is_rejected(url):
    with pytest.raises(ValueError):
        canonicalize_url(url)


def test_rejection_message_names_the_url():
    with pytest.raises(ValueError, match=re.escape("ftp://example.com/x")):
        canonicalize_url("ftp://example.com/x")


# --- canonicalize_url: idempotence -------------------------------------------------------------------

_SEGMENTS = st.sampled_from(["berita", "2024", "a b", "%7E", "café", "%2F", "index.html", "a+b", "kamp"])
_HOSTS = st.sampled_from(
    ["example.com", "www.example.com", "m.example.com", "EXAMPLE.com", "amp.example.com"]
)
_PARAMS = st.lists(
    st.tuples(
        st.sampled_from(["id", "q", "amp", "utm_source", "page", "b"]),
        st.sampled_from(["1", "all", "a b", "é", "", "a&b"]),
    ),
    max_size=4,
)


@settings(max_examples=300)
@given(st.sampled_from(["http", "https"]), _HOSTS, st.lists(_SEGMENTS, max_size=4), st.booleans(), _PARAMS)
def test_canonicalizing_twice_changes_nothing(scheme, host, segments, slash, params):
    url = f"{scheme}://{host}/" + "/".join(segments) + ("/" if slash and segments else "")
    if params:
        url += "?" + urlencode(params)
    once = canonicalize_url(url)
    assert canonicalize_url(once) == once


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/amp/amp/berita",
        "https://example.com/berita/amp/amp/",
        "https://example.com/berita.amp.amp",
    ],
)
def test_canonicalizing_twice_changes_nothing_for_repeated_amp_markers(url):
    # Article.__post_init__ canonicalizes again on every load: a second pass must not move the id.
    once = canonicalize_url(url)
    assert canonicalize_url(once) == once


# --- url_identity / article_id -----------------------------------------------------------------------


def test_http_and_https_have_the_same_id():
    assert article_id("http://example.com/a") == article_id("https://example.com/a")


def test_www_and_bare_host_have_the_same_id():
    assert article_id("https://www.example.com/a") == article_id("https://example.com/a")


def test_trailing_slash_does_not_change_the_id():
    assert article_id("https://example.com/a/") == article_id("https://example.com/a")


def test_different_paths_have_different_ids():
    assert article_id("https://example.com/a") != article_id("https://example.com/b")


def test_different_hosts_have_different_ids():
    assert article_id("https://example.com/a") != article_id("https://example.org/a")


def test_query_is_part_of_the_identity():
    assert article_id("https://example.com/read?id=1") != article_id("https://example.com/read?id=2")


def test_root_path_identity():
    assert url_identity("https://www.example.com/") == url_identity("http://example.com")


def test_identity_ignores_only_www_prefix_not_other_subdomains():
    assert url_identity("https://news.example.com/a") != url_identity("https://example.com/a")


def test_article_id_is_a_short_stable_hex_string():
    first = article_id("https://example.com/a")
    assert first == article_id("https://example.com/a")
    assert len(first) == 20
    int(first, 16)


def test_canonical_variants_collapse_to_one_id():
    variants = [
        "https://www.example.com/berita/abc/",
        "http://example.com/berita/abc",
        "https://m.example.com/berita/abc/amp/?utm_source=wa#top",
        "HTTPS://EXAMPLE.COM:443/berita/abc?fbclid=1",
    ]
    assert len({article_id(canonicalize_url(v)) for v in variants}) == 1


# --- strip_credentials -------------------------------------------------------------------------------


def test_strip_credentials_removes_user_and_password():
    assert strip_credentials("https://elastic:s3cret@es.example.com:9200/x?a=1") == (
        "https://es.example.com:9200/x?a=1"
    )


def test_strip_credentials_removes_user_only():
    assert strip_credentials("https://elastic@es.example.com/") == "https://es.example.com/"


def test_strip_credentials_removes_password_only():
    assert "s3cret" not in strip_credentials("https://:s3cret@es.example.com/")


def test_strip_credentials_keeps_url_without_credentials():
    url = "https://es.example.com:9200/path?q=1#f"
    assert strip_credentials(url) == url


def test_strip_credentials_keeps_ipv6_host_valid():
    stripped = strip_credentials("http://elastic:s3cret@[::1]:9200/")
    assert "s3cret" not in stripped
    assert urlsplit(stripped).port == 9200
    assert urlsplit(stripped).hostname == "::1"


# --- redact_userinfo ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("GET http://alice:s3cret@127.0.0.1:8080/feed/ failed", "GET http://127.0.0.1:8080/feed/ failed"),
        ("<GET https://u:p%40ss@example.org/a?b=c@d>", "<GET https://example.org/a?b=c@d>"),
        ("https://elastic@es.example.com:9200", "https://es.example.com:9200"),
        ("invalid hostname: alice:s3cret@127.0.0.1", "invalid hostname: 127.0.0.1"),
        ("write to redaksi@tempo.co", "write to redaksi@tempo.co"),
        ("http://[::1]:9200/x", "http://[::1]:9200/x"),
    ],
)
def test_redact_userinfo_removes_the_credentials_of_every_url_in_a_text(text, shown):
    assert redact_userinfo(text) == shown
