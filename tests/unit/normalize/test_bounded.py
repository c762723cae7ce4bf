"""Listings read within bounds: JSON nesting refused before parsing, XML decoded by its own label."""

import codecs
import json

import pytest

from pmi_aggregator.normalize.bounded import (
    MAX_JSON_DEPTH,
    ListingUnreadable,
    json_depth,
    load_json,
    xml_as_utf8,
)

URLSET = "<urlset><url><loc>http://a.example/berita/pekerja-migran-é/</loc></url></urlset>"


@pytest.mark.parametrize("depth", [1000, 100_000])
def test_a_thousand_levels_in_two_kilobytes_is_refused(depth):
    with pytest.raises(ListingUnreadable) as info:
        load_json(b"[" * depth + b"]" * depth)
    assert info.value.reason == "json_too_deep"


def test_a_value_deeper_than_the_bound_is_refused_with_its_depth():
    with pytest.raises(ListingUnreadable, match="200 levels deep"):
        load_json(b'{"a": ' * 200 + b"1" + b"}" * 200)


def test_brackets_inside_strings_do_not_count():
    value = [{"title": {"rendered": "[[[{{{ ]]]"}}, "[[[["]
    assert json_depth(value) == 3
    assert load_json(json.dumps(value).encode()) == value


def test_depth_at_the_limit_is_read():
    nested = b"[" * MAX_JSON_DEPTH + b"]" * MAX_JSON_DEPTH
    assert load_json(nested) is not None
    with pytest.raises(ListingUnreadable):
        load_json(b"[" + nested + b"]")


@pytest.mark.parametrize("data", [b'[{"id": 1, "link": "http', b"\xff\xfe garbage", b""])
def test_invalid_json_is_one_reason(data):
    with pytest.raises(ListingUnreadable) as info:
        load_json(data)
    assert info.value.reason == "invalid_json"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_xml_is_decoded_by_its_byte_order_mark_or_shape(codec):
    declared = f'<?xml version="1.0" encoding="{codec.upper()}"?>' + URLSET
    body = xml_as_utf8(declared.encode(codec))
    assert body.decode("utf-8") == '<?xml version="1.0"?>' + URLSET


def test_xml_in_an_ascii_compatible_encoding_is_left_to_the_parser():
    body = ('<?xml version="1.0" encoding="ISO-8859-1"?>' + URLSET).encode("latin-1")
    assert xml_as_utf8(body) == body


def test_utf8_xml_is_passed_through_without_its_mark():
    body = ('<?xml version="1.0" encoding="UTF-8"?>' + URLSET).encode()
    assert xml_as_utf8(body) == body
    assert xml_as_utf8(codecs.BOM_UTF8 + body) == body


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_xml_without_a_mark_is_told_by_its_first_bytes(codec):
    assert (
        xml_as_utf8(('<?xml version="1.0"?>' + URLSET).encode(codec)).decode()
        == '<?xml version="1.0"?>' + URLSET
    )


def test_broken_utf16_is_recovered_like_lxml_would():
    assert xml_as_utf8(codecs.BOM_UTF16_LE + b"<\x00u\x00\x00\xd8/\x00>\x00") == "<u\ufffd/>".encode()
