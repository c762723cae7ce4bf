"""Tests for pmi_aggregator.config and pmi_aggregator.sources.registry: the config file and the source registry."""

import os
from pathlib import Path

import pytest

from pmi_aggregator.config import (
    ConfigError,
    config_path,
    data_dir,
    load_config,
)
from pmi_aggregator.sources.options import WordPressOptions
from pmi_aggregator.sources.registry import Politeness, load_sources, select_sources

NEW_SOURCE = """
[sources.blog-pmi]
kind = "wordpress"
name = "Blog PMI"
base_url = "https://blog.example.org/"
"""


def write_config(text):
    path = Path(os.environ["PMI_CONFIG"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def load_with(text):
    write_config(text)
    return load_sources()


# --- config file -------------------------------------------------------------------------------------


def test_missing_config_file_gives_defaults():
    config = load_config()
    assert config.sources == {}
    assert config.scrapy == {}
    assert config.path is None
    assert Path(config.index) == data_dir() / "pmi.db"


def test_data_dir_and_config_path_follow_the_environment():
    assert data_dir() == Path(os.environ["PMI_DATA_DIR"])
    assert config_path() == Path(os.environ["PMI_CONFIG"])


def test_config_file_sets_index_and_scrapy_settings():
    path = write_config('index = "~/pmi/pmi.db"\n[scrapy]\nDOWNLOAD_TIMEOUT = 60\n')
    config = load_config()
    assert config.index == os.path.expanduser("~/pmi/pmi.db")
    assert config.scrapy == {"DOWNLOAD_TIMEOUT": 60}
    assert config.path == path


def test_explicit_missing_config_file_is_an_error(tmp_path):
    missing = tmp_path / "tidak-ada.toml"
    with pytest.raises(ConfigError, match="not found"):
        load_config(missing)


def test_broken_toml_is_a_config_error_naming_the_file():
    path = write_config("index = = 'x'\n[sources\n")
    with pytest.raises(ConfigError) as info:
        load_config()
    assert str(path) in str(info.value)


def test_non_utf8_config_is_a_config_error():
    path = Path(os.environ["PMI_CONFIG"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\xff\xfeindex = 1")
    with pytest.raises(ConfigError, match="cannot read"):
        load_config()


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("index = 5\n", "index must be a string"),
        ("scrapy = 5\n", "[scrapy]"),
        ("[sources]\nblog = 1\n", "must be tables"),
    ],
)
def test_wrongly_typed_top_level_settings_are_config_errors(text, fragment):
    write_config(text)
    with pytest.raises(ConfigError) as info:
        load_config()
    assert fragment in str(info.value)


# --- built-in registry -------------------------------------------------------------------------------


def test_builtin_registry_has_apakabaronline():
    source = load_sources()["apakabaronline"]
    assert source.kind == "wordpress"
    assert source.host == "apakabaronline.com"
    assert source.base_url.startswith("https://")
    assert source.enabled


def test_builtin_source_defaults():
    source = load_sources()["apakabaronline"]
    assert source.timezone == "Asia/Jakarta"
    assert source.tzinfo.key == "Asia/Jakarta"
    assert isinstance(source.politeness, Politeness)
    assert isinstance(source.site_names, tuple)


# --- user overrides ----------------------------------------------------------------------------------


def test_config_overrides_builtin_fields():
    sources = load_with('[sources.apakabaronline]\nenabled = false\nname = "Apakabar (uji)"\n')
    source = sources["apakabaronline"]
    assert source.enabled is False
    assert source.name == "Apakabar (uji)"
    assert source.kind == "wordpress"
    assert source.base_url == "https://apakabaronline.com"


def test_config_overrides_nested_politeness_keeping_other_values():
    sources = load_with("[sources.apakabaronline.politeness]\ndelay = 5.0\n")
    politeness = sources["apakabaronline"].politeness
    assert politeness.delay == 5.0
    assert politeness.concurrency == Politeness().concurrency


def test_config_adds_a_new_wordpress_source():
    sources = load_with(NEW_SOURCE)
    source = sources["blog-pmi"]
    assert source.kind == "wordpress"
    assert source.name == "Blog PMI"
    assert source.base_url == "https://blog.example.org"
    assert source.host == "blog.example.org"
    assert "apakabaronline" in sources


def test_new_source_name_defaults_to_its_key():
    sources = load_with('[sources.blog2]\nkind = "wordpress"\nbase_url = "https://b.example.org"\n')
    assert sources["blog2"].name == "blog2"


def test_list_and_table_fields_are_read():
    sources = load_with(
        NEW_SOURCE
        + 'site_names = ["Blog PMI", "BlogPMI"]\n'
        + '[sources.blog-pmi.host_aliases]\n"old.example.org" = "blog.example.org"\n'
        + "[sources.blog-pmi.options]\nper_page = 50\n"
    )
    source = sources["blog-pmi"]
    assert source.site_names == ("Blog PMI", "BlogPMI")
    assert source.host_aliases == {"old.example.org": "blog.example.org"}
    assert source.options == WordPressOptions(per_page=50)


def test_disabled_source_is_not_selected_by_default():
    write_config(NEW_SOURCE + "enabled = false\n")
    assert "blog-pmi" not in [s.key for s in select_sources(None)]
    assert [s.key for s in select_sources(["blog-pmi"])] == ["blog-pmi"]


def test_select_sources_keeps_the_requested_order():
    write_config(NEW_SOURCE)
    assert [s.key for s in select_sources(["blog-pmi", "apakabaronline"])] == ["blog-pmi", "apakabaronline"]


# --- invalid sources ---------------------------------------------------------------------------------


def expect_config_error(text, *fragments):
    path = write_config(text)
    with pytest.raises(ConfigError) as info:
        load_sources()
    message = str(info.value)
    assert str(path) in message
    for fragment in fragments:
        assert fragment in message
    return message


def test_unknown_kind_is_a_config_error():
    expect_config_error(NEW_SOURCE.replace('"wordpress"', '"rss"'), "blog-pmi", "unknown kind", "wordpress")


def test_unknown_kind_in_a_builtin_override_is_a_config_error():
    expect_config_error('[sources.apakabaronline]\nkind = "joomla"\n', "apakabaronline", "joomla")


@pytest.mark.parametrize(
    "url", ["ftp://blog.example.org", "blog.example.org", "https://", "javascript:alert(1)"]
)
def test_bad_base_url_is_a_config_error(url):
    expect_config_error(NEW_SOURCE.replace('"https://blog.example.org/"', f'"{url}"'), "blog-pmi", "base_url")


def test_missing_kind_is_a_config_error():
    expect_config_error('[sources.x]\nbase_url = "https://x.example.org"\n', "'x'", "needs kind")


def test_missing_base_url_is_a_config_error():
    expect_config_error('[sources.x]\nkind = "wordpress"\n', "'x'", "needs base_url")


@pytest.mark.parametrize("zone", ["Mars/Olympus", "", "../../etc/passwd", "WIB"])
def test_bad_timezone_is_a_config_error(zone):
    expect_config_error(NEW_SOURCE + f'timezone = "{zone}"\n', "blog-pmi", "timezone")


def test_unknown_field_is_a_config_error():
    expect_config_error(NEW_SOURCE + "enabeld = true\n", "blog-pmi", "enabeld")


def test_unknown_politeness_field_is_a_config_error():
    expect_config_error(NEW_SOURCE + "[sources.blog-pmi.politeness]\ndelai = 3\n", "blog-pmi", "delai")


@pytest.mark.parametrize(
    "setting",
    ["politeness = 3", 'host_aliases = "old.example.org"', "site_names = 5", "options = [1, 2]"],
)
def test_wrongly_typed_field_is_a_config_error(setting):
    expect_config_error(NEW_SOURCE + setting + "\n", "blog-pmi")


def test_non_numeric_politeness_is_a_config_error():
    expect_config_error(NEW_SOURCE + '[sources.blog-pmi.politeness]\ndelay = "pelan"\n', "blog-pmi", "delay")


def test_single_site_name_string_is_not_split_into_letters():
    try:
        sources = load_with(NEW_SOURCE + 'site_names = "Blog PMI"\n')
    except ConfigError:
        return  # rejecting it is fine too
    assert sources["blog-pmi"].site_names == ("Blog PMI",)


def test_select_sources_unknown_name_is_a_config_error():
    with pytest.raises(ConfigError) as info:
        select_sources(["tidak-ada", "apakabaronline"])
    assert "tidak-ada" in str(info.value)
    assert "apakabaronline" not in str(info.value)
