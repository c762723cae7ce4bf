"""Tests for pmi_aggregator.article: the Article schema, its derived id and content hash, and JSON."""

import json
from datetime import datetime, timedelta, timezone

import pytest

from pmi_aggregator.article import Article
from pmi_aggregator.urls import article_id, canonicalize_url

WIB = timezone(timedelta(hours=7))


def make(**overrides):
    values = {
        "url": "https://www.example.com/berita/pekerja-migran/",
        "source": "contoh",
        "title": "Pekerja migran dipulangkan",
        "body": "Paragraf satu.\n\nParagraf dua.",
        "summary": "Ringkasan.",
        "authors": ["Ani", "Budi"],
        "editor": "Citra",
        "categories": ["Berita"],
        "tags": ["PMI", "Malaysia"],
        "language": "id",
        "location": "Jakarta",
        "published_at": datetime(2024, 5, 1, 10, 30, tzinfo=WIB),
        "published_at_source": "meta",
        "date_precision": "minute",
        "modified_at": datetime(2024, 5, 2, 8, 0, tzinfo=timezone.utc),
        "crawled_at": datetime(2024, 5, 3, 0, 0, tzinfo=timezone.utc),
        "image_url": "https://www.example.com/img.jpg",
    }
    values.update(overrides)
    return Article(**values)


# --- round trips -------------------------------------------------------------------------------------


def test_json_round_trip_preserves_every_field():
    article = make()
    assert Article.from_json(article.to_json()) == article


def test_dict_round_trip_preserves_every_field():
    article = make()
    assert Article.from_dict(article.to_dict()) == article


def test_round_trip_keeps_the_utc_offset():
    restored = Article.from_json(make().to_json())
    assert restored.published_at.utcoffset() == timedelta(hours=7)
    assert restored.published_at == datetime(2024, 5, 1, 3, 30, tzinfo=timezone.utc)


def test_round_trip_keeps_an_unusual_offset():
    nepal = timezone(timedelta(hours=5, minutes=45))
    restored = Article.from_json(make(published_at=datetime(2024, 1, 1, 9, 15, tzinfo=nepal)).to_json())
    assert restored.published_at.utcoffset() == timedelta(hours=5, minutes=45)


def test_round_trip_of_undated_article():
    article = make(published_at=None, modified_at=None, crawled_at=None, published_at_source=None)
    restored = Article.from_json(article.to_json())
    assert restored.published_at is None
    assert restored == article


def test_json_is_plain_utf8_text_not_escaped():
    article = make(title="Jum’at, pekerja café")
    text = article.to_json()
    assert "Jum’at" in text
    assert json.loads(text)["title"] == "Jum’at, pekerja café"


def test_dict_carries_id_and_content_hash():
    article = make()
    data = article.to_dict()
    assert data["id"] == article.id
    assert data["content_hash"] == article.content_hash


def test_dict_datetimes_are_iso_strings_with_offset():
    data = make().to_dict()
    assert data["published_at"] == "2024-05-01T10:30:00+07:00"
    assert datetime.fromisoformat(data["modified_at"]).tzinfo is not None


def test_from_dict_ignores_unknown_and_derived_keys():
    data = {**make().to_dict(), "id": "bogus", "content_hash": "bogus", "extra": 1}
    article = Article.from_dict(data)
    assert article.id != "bogus"
    assert article.content_hash != "bogus"


def test_iso_strings_with_z_suffix_are_accepted():
    article = make(published_at="2024-05-01T03:30:00Z")
    assert article.published_at == datetime(2024, 5, 1, 3, 30, tzinfo=timezone.utc)


def test_single_string_list_field_becomes_a_list():
    assert make(authors="Ani").authors == ["Ani"]


def test_missing_list_field_becomes_empty_list():
    assert make(tags=None).tags == []


# --- id ----------------------------------------------------------------------------------------------


def test_url_is_canonicalized():
    article = make(url="https://m.example.com/berita/pekerja-migran/amp/?utm_source=wa#x")
    assert article.url == canonicalize_url("https://www.example.com/berita/pekerja-migran/")


def test_id_is_derived_from_canonical_url():
    article = make()
    assert article.id == article_id(canonicalize_url(article.url))


def test_url_variants_give_the_same_id():
    ids = {
        make(url=url).id
        for url in (
            "https://www.example.com/berita/pekerja-migran/",
            "http://example.com/berita/pekerja-migran",
            "https://m.example.com/berita/pekerja-migran/amp/",
            "https://www.example.com/berita/pekerja-migran/?fbclid=abc",
        )
    }
    assert len(ids) == 1


def test_different_articles_have_different_ids():
    assert make(url="https://example.com/a").id != make(url="https://example.com/b").id


def test_non_http_url_is_rejected():
    with pytest.raises(ValueError):
        make(url="ftp://example.com/a")


# --- content hash ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [("title", "Judul baru"), ("body", "Isi yang diubah."), ("summary", "Ringkasan lain.")],
)
def test_content_hash_changes_with_visible_text(field, value):
    assert make(**{field: value}).content_hash != make().content_hash


def test_content_hash_ignores_crawl_time():
    later = make(crawled_at=datetime(2030, 1, 1, tzinfo=timezone.utc))
    assert later.content_hash == make().content_hash


def test_content_hash_ignores_whitespace_only_changes():
    spaced = make(title="  Pekerja   migran\tdipulangkan ", body="Paragraf satu.\n\n\n  Paragraf   dua.")
    assert spaced.content_hash == make().content_hash


def test_content_hash_distinguishes_which_field_holds_the_text():
    moved = make(title="x", summary="", body="y")
    other = make(title="x", summary="y", body="")
    assert moved.content_hash != other.content_hash


def test_content_hash_distinguishes_text_split_differently_between_fields():
    assert make(title="a b", body="").content_hash != make(title="a", body="b").content_hash


# --- validation --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["published_at", "modified_at", "crawled_at"])
def test_naive_datetime_is_rejected(name):
    with pytest.raises(ValueError, match="timezone"):
        make(**{name: datetime(2024, 5, 1, 10, 30)})


def test_naive_iso_string_is_rejected():
    with pytest.raises(ValueError, match="timezone"):
        make(published_at="2024-05-01T10:30:00")


def test_garbage_datetime_string_is_rejected():
    with pytest.raises(ValueError):
        make(published_at="kemarin sore")


def test_empty_datetime_string_means_none():
    assert make(published_at="").published_at is None


def test_unknown_published_at_source_is_rejected():
    with pytest.raises(ValueError, match="published_at_source"):
        make(published_at_source="guess")


@pytest.mark.parametrize("source", ["api", "meta", "jsonld", "feed", "byline", "url", "time", "htmldate"])
def test_known_published_at_sources_are_accepted(source):
    assert make(published_at_source=source).published_at_source == source


def test_unknown_date_precision_is_rejected():
    # DATE_PRECISIONS exists next to DATE_SOURCES, but only the latter is enforced.
    with pytest.raises(ValueError, match="date_precision"):
        make(date_precision="year")


# --- same_content ------------------------------------------------------------------------------------


def test_same_content_ignores_crawl_time():
    assert make().same_content(make(crawled_at=datetime(2030, 1, 1, tzinfo=timezone.utc)))


def test_same_content_sees_a_title_change():
    assert not make().same_content(make(title="Judul lain"))


def test_same_content_sees_metadata_change():
    assert not make().same_content(make(tags=["PMI"]))
    assert not make().same_content(make(modified_at=datetime(2024, 6, 1, tzinfo=timezone.utc)))


def test_same_content_survives_a_round_trip():
    article = make()
    assert Article.from_json(article.to_json()).same_content(article)
