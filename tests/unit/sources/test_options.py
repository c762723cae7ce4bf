"""Tests for pmi_aggregator.sources.options and .validate: typed source options, every bad value one line."""

import os
import types
import typing
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from pmi_aggregator.cli.commands import cli
from pmi_aggregator.config import load_config
from pmi_aggregator.errors import EXIT_UNAVAILABLE, ConfigError
from pmi_aggregator.extract.page import PageRules
from pmi_aggregator.sources.options import (
    OPTIONS_BY_KIND,
    BloggerOptions,
    FeedOptions,
    PageSelectors,
    SitemapOptions,
    TagListingOptions,
    WordPressOptions,
)
from pmi_aggregator.sources.registry import KINDS, Politeness, Source, load_sources


def source_toml(
    kind="wordpress",
    *,
    settings="",
    options="",
    politeness="",
    base_url="https://blog.example.org",
    key="blog",
):
    """One user source, with extra lines for its table, options and politeness."""
    text = f'[sources.{key}]\nkind = "{kind}"\nbase_url = "{base_url}"\n{settings}'
    if options:
        text += f"[sources.{key}.options]\n{options}"
    if politeness:
        text += f"[sources.{key}.politeness]\n{politeness}"
    return text


def write_config(text):
    path = Path(os.environ["PMI_CONFIG"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def load(text):
    write_config(text)
    return load_sources(load_config())


LISTING = 'listings = ["/tag/tki"]\n'

# (config text, the key the message must name); each case is one class of bad value.
BAD_SOURCES = {
    "delay inf": (source_toml(politeness="delay = inf\n"), "politeness.delay"),
    "delay nan": (source_toml(politeness="delay = nan\n"), "politeness.delay"),
    "delay above an hour": (source_toml(politeness="delay = 3601\n"), "politeness.delay"),
    "concurrency 1e12": (source_toml(politeness="concurrency = 1e12\n"), "politeness.concurrency"),
    "concurrency fraction": (source_toml(politeness="concurrency = 1.5\n"), "politeness.concurrency"),
    "autothrottle -inf": (
        source_toml(politeness="autothrottle_target = -inf\n"),
        "politeness.autothrottle_target",
    ),
    "autothrottle zero": (
        source_toml(politeness="autothrottle_target = 0\n"),
        "politeness.autothrottle_target",
    ),
    "feeds numbers": (source_toml("feed", options="feeds = [1, 2]\n"), "options.feeds"),
    "feeds empty": (source_toml("feed", options="feeds = []\n"), "options.feeds"),
    "feeds not a path": (source_toml("feed", options='feeds = ["feed xml"]\n'), "options.feeds"),
    "page a string": (source_toml(options='page = "h1"\n'), "options.page"),
    "page unknown rule": (source_toml(options='page = { headline = "h1" }\n'), "options.page.headline"),
    "page noise css": (source_toml(options='page = { noise = ["div["] }\n'), "options.page.noise"),
    "page selector css": (
        source_toml("sitemap", options='page = { title = "h1:nope" }\n'),
        "options.page.title",
    ),
    "page selector type": (source_toml(options="page = { body = 3 }\n"), "options.page.body"),
    "sitemaps empty": (source_toml("sitemap", options="sitemaps = []\n"), "options.sitemaps"),
    "sitemaps relative": (source_toml("sitemap", options='sitemaps = ["sitemap.xml"]\n'), "options.sitemaps"),
    "overlap_hours text": (source_toml(options='overlap_hours = "x"\n'), "options.overlap_hours"),
    "per_page above 100": (source_toml(options="per_page = 500\n"), "options.per_page"),
    "max_pages zero": (source_toml("blogger", options="max_pages = 0\n"), "options.max_pages"),
    "use_rest string": (source_toml(options='use_rest = "false"\n'), "options.use_rest"),
    "full_text number": (source_toml("feed", options="full_text = 1\n"), "options.full_text"),
    "link_pattern regex": (source_toml("feed", options='link_pattern = "(["\n'), "options.link_pattern"),
    "sitemap_follow regex": (source_toml(options='sitemap_follow = "*x"\n'), "options.sitemap_follow"),
    "skip_paths regex": (source_toml("sitemap", options='skip_paths = "a{2,1}"\n'), "options.skip_paths"),
    "url_date regex": (
        source_toml("tag_listing", options=LISTING + 'url_date = "(\\\\d+"\n'),
        "options.url_date",
    ),
    "url_date without group": (
        source_toml("tag_listing", options=LISTING + 'url_date = "\\\\d{14}"\n'),
        "options.url_date",
    ),
    "item css": (source_toml("tag_listing", options=LISTING + 'item = "div:nope"\n'), "options.item"),
    "item_link attr": (
        source_toml("tag_listing", options=LISTING + 'item_link = "a::attr()"\n'),
        "options.item_link",
    ),
    "page_url template": (
        source_toml("tag_listing", options=LISTING + 'page_url = "{listing}?p={page}"\n'),
        "options.page_url",
    ),
    "listings missing": (source_toml("tag_listing"), "options.listings"),
    "min_relevant_share above 1": (
        source_toml("tag_listing", options=LISTING + "min_relevant_share = 1.5\n"),
        "options.min_relevant_share",
    ),
    "unknown option": (source_toml("feed", options='feedz = ["/x"]\n'), "options.feedz"),
    "option of another kind": (source_toml("feed", options="use_rest = false\n"), "options.use_rest"),
    "page_param on blogger": (source_toml("blogger", options='page_param = "paged"\n'), "options.page_param"),
    "options not a table": (source_toml(settings="options = [1, 2]\n"), "options"),
    "base_url ipv6": (source_toml(base_url="http://[::1"), "base_url"),
    "base_url port": (source_toml(base_url="https://blog.example.org:99999"), "base_url"),
    "base_url type": (source_toml().replace('"https://blog.example.org"', "5"), "base_url"),
    "timezone name": (source_toml(settings='timezone = "Asia"\n'), "timezone"),
    "timezone type": (source_toml(settings="timezone = 7\n"), "timezone"),
    "enabled string": (source_toml(settings='enabled = "false"\n'), "enabled"),
    "dedicated number": (source_toml(settings="dedicated = 0\n"), "dedicated"),
    "name empty": (source_toml(settings='name = " "\n'), "name"),
    "language": (source_toml(settings='language = "Bahasa Indonesia"\n'), "language"),
    "canonical_scheme": (source_toml(settings='canonical_scheme = "ftp"\n'), "canonical_scheme"),
    "site_names numbers": (source_toml(settings="site_names = [1]\n"), "site_names"),
    "ignore_selectors css": (source_toml(settings='ignore_selectors = ["span["]\n'), "ignore_selectors"),
    "allow_private_hosts": (
        source_toml(settings='allow_private_hosts = ["http://x/"]\n'),
        "allow_private_hosts",
    ),
    "host_aliases value": (
        source_toml(settings='host_aliases = { "old.example.org" = 5 }\n'),
        "host_aliases.old.example.org",
    ),
    "unknown setting": (source_toml(settings="enabeld = true\n"), "enabeld"),
    "extra_hosts not a host": (source_toml(options='extra_hosts = ["not a host/"]\n'), "options.extra_hosts"),
    "max_sitemaps 0": (source_toml("sitemap", options="max_sitemaps = 0\n"), "options.max_sitemaps"),
    "max_sitemap_depth 11": (source_toml(options="max_sitemap_depth = 11\n"), "options.max_sitemap_depth"),
}


@pytest.mark.parametrize(("text", "key"), BAD_SOURCES.values(), ids=BAD_SOURCES.keys())
def test_a_bad_source_value_is_a_one_line_config_error_naming_file_source_and_key(text, key):
    path = write_config(text)
    with pytest.raises(ConfigError) as info:
        load_sources(load_config())
    message = str(info.value)
    assert type(info.value) is ConfigError
    assert "\n" not in message
    assert str(path) in message
    assert "source 'blog'" in message
    assert key in message


@pytest.mark.parametrize(("text", "key"), BAD_SOURCES.values(), ids=BAD_SOURCES.keys())
def test_pmi_crawl_with_a_bad_source_value_exits_4_with_one_line(text, key):
    path = write_config(text)
    result = CliRunner().invoke(cli, ["--config", str(path), "crawl"])
    assert result.exit_code == EXIT_UNAVAILABLE
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert key in lines[0] and "blog" in lines[0]


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        (
            source_toml("feed", options='feedz = ["/x"]\n'),
            "known keys: page, link_pattern, max_items, extra_hosts, feeds",
        ),
        (source_toml(options='page = "h1"\n'), "title, body, date"),
        (source_toml(options='use_rest = "false"\n'), "write true or false without quotes"),
        (source_toml(politeness="delay = 1e12\n"), "from 0 to 3600"),
        (source_toml("feed", options="feeds = [1, 2]\n"), "list of strings"),
        (source_toml(options='overlap_hours = "x"\n'), "a number"),
        (source_toml(settings='timezone = "WIB"\n'), "Asia/Jakarta"),
    ],
)
def test_the_message_says_what_is_allowed(text, hint):
    write_config(text)
    with pytest.raises(ConfigError) as info:
        load_sources(load_config())
    assert hint in str(info.value)


@pytest.mark.parametrize("key", ["", "a b", "-lead", "x" * 65, "ü"])
def test_a_bad_source_key_is_a_config_error(key):
    text = source_toml(key=f'"{key}"')
    path = write_config(text)
    with pytest.raises(ConfigError) as info:
        load_sources(load_config())
    assert str(path) in str(info.value)
    assert f"source {key!r}" in str(info.value)
    assert "source key" in str(info.value)


# --- [scrapy] and the top level --------------------------------------------------------------------

BAD_SCRAPY = {
    "timeout text": ('DOWNLOAD_TIMEOUT = "abc"', "DOWNLOAD_TIMEOUT"),
    "timeout zero": ("DOWNLOAD_TIMEOUT = 0", "DOWNLOAD_TIMEOUT"),
    "timeout inf": ("DOWNLOAD_TIMEOUT = inf", "DOWNLOAD_TIMEOUT"),
    "delay nan": ("DOWNLOAD_DELAY = nan", "DOWNLOAD_DELAY"),
    "retries negative": ("RETRY_TIMES = -1", "RETRY_TIMES"),
    "concurrency fraction": ("CONCURRENT_REQUESTS = 2.5", "CONCURRENT_REQUESTS"),
    "log level": ('LOG_LEVEL = "NOPE"', "LOG_LEVEL"),
    "log level lower case": ('LOG_LEVEL = "info"', "LOG_LEVEL"),
    "flag string": ('ROBOTSTXT_OBEY = "false"', "ROBOTSTXT_OBEY"),
    "user agent number": ("USER_AGENT = 5", "USER_AGENT"),
}


@pytest.mark.parametrize(("line", "key"), BAD_SCRAPY.values(), ids=BAD_SCRAPY.keys())
def test_a_bad_known_scrapy_setting_is_a_config_error(line, key):
    path = write_config(f"[scrapy]\n{line}\n")
    with pytest.raises(ConfigError) as info:
        load_config()
    assert str(path) in str(info.value)
    assert f"[scrapy] {key}" in str(info.value)
    result = CliRunner().invoke(cli, ["--config", str(path), "crawl"])
    assert result.exit_code == EXIT_UNAVAILABLE
    assert len(result.stderr.splitlines()) == 1, result.stderr


def test_known_scrapy_settings_of_the_right_type_and_unknown_ones_pass():
    write_config(
        '[scrapy]\nDOWNLOAD_TIMEOUT = 60\nLOG_LEVEL = "DEBUG"\nROBOTSTXT_OBEY = true\n'
        'SOME_PLUGIN_SETTING = "anything"\nPMI_RETRY_BASE_DELAY = 0.05\n'
    )
    assert load_config().scrapy["SOME_PLUGIN_SETTING"] == "anything"


def test_an_unknown_top_level_key_is_a_config_error():
    path = write_config('indx = "/tmp/pmi.db"\n')
    with pytest.raises(ConfigError) as info:
        load_config()
    assert str(path) in str(info.value)
    assert "'indx'" in str(info.value)
    assert "index" in str(info.value)


# --- good values -----------------------------------------------------------------------------------


def test_each_kind_gets_its_options_class_with_its_defaults():
    sources = load(
        source_toml("feed", key="f")
        + source_toml("blogger", key="b")
        + source_toml("sitemap", key="s")
        + source_toml("tag_listing", options=LISTING, key="t")
        + source_toml(key="w")
    )
    assert sources["f"].options == FeedOptions()
    assert sources["b"].options == BloggerOptions()
    assert sources["s"].options == SitemapOptions()
    assert sources["t"].options == TagListingOptions(listings=("/tag/tki",))
    assert sources["w"].options == WordPressOptions()
    assert BloggerOptions().feeds == ("/feeds/posts/default",)
    assert FeedOptions().feeds == ("/feed/",)


def test_values_are_typed_and_a_lone_string_is_a_one_item_list():
    options = load(source_toml("feed", options='feeds = "/feed.xml"\nfull_text = false\nmax_pages = 3\n'))[
        "blog"
    ].options
    assert options.feeds == ("/feed.xml",)
    assert options.full_text is False
    assert options.max_pages == 3


def test_an_integer_is_accepted_where_a_float_is_expected():
    source = load(source_toml(options="overlap_hours = 6\n", politeness="delay = 2\n"))["blog"]
    assert source.options.overlap_hours == 6.0
    assert isinstance(source.options.overlap_hours, float)
    assert source.politeness == Politeness(delay=2.0)


def test_page_selectors_keep_only_the_rules_given():
    page = load(source_toml(options='page = { title = "h1.x", noise = ["p.ad"], date = "" }\n'))[
        "blog"
    ].options.page
    assert page.given() == {"title": "h1.x", "noise": ("p.ad",), "date": ""}


def test_page_selectors_name_exactly_the_page_rules_of_the_extractor():
    assert [f.name for f in fields(PageSelectors)] == [f.name for f in fields(PageRules)]


def test_every_kind_has_an_options_class():
    assert set(OPTIONS_BY_KIND) == set(KINDS)


def test_every_builtin_source_loads_with_typed_options():
    for source in load_sources(load_config()).values():
        assert type(source.options) is OPTIONS_BY_KIND[source.kind], source.key


def test_a_source_built_in_code_gets_its_kinds_defaults():
    source = Source(key="x", name="x", kind="blogger", base_url="https://x.example.org")
    assert source.options == BloggerOptions()
    with pytest.raises(TypeError):
        Source(key="x", name="x", kind="feed", base_url="https://x.example.org", options=BloggerOptions())


# --- every key, by its declared type -----------------------------------------------------------------


def _wrong_values(kind) -> list[str]:
    """TOML values a field of this type must refuse: another type, and numbers out of any range."""
    origin = typing.get_origin(kind)
    if kind is bool:
        return ['"yes"', "1"]
    if kind in (int, float):
        return ['"x"', "inf", "-inf", "nan", "1e300", "-1e300", "true"]
    if origin is tuple:
        return ["[1, 2]", "{ a = 1 }"]
    if origin is Mapping:
        return ['"x"', "{ a = 1 }"]
    if kind is str:
        return ["5", "[1]", "{ a = 1 }"]
    return ['"x"', "5"]  # a nested table


def _fields_of(cls, path=()):
    """(path, wrong TOML value) for every key of a config dataclass, nested tables included."""
    hints = typing.get_type_hints(cls)
    for item in fields(cls):
        if not item.init or item.name == "key":
            continue
        kind = hints[item.name]
        if typing.get_origin(kind) in (typing.Union, types.UnionType):
            (kind,) = [k for k in typing.get_args(kind) if k is not type(None)]
        here = (*path, item.name)
        for value in _wrong_values(kind):
            yield here, value
        if is_dataclass(kind) and item.name != "options":  # options: per kind, below
            yield from _fields_of(kind, here)


EVERY_KEY = [("wordpress", path, value) for path, value in _fields_of(Source)] + [
    (kind, ("options", *path), value)
    for kind, options in OPTIONS_BY_KIND.items()
    for path, value in _fields_of(options)
]


def _inline(table: dict) -> str:
    return (
        "{ " + ", ".join(f"{k} = {_inline(v) if isinstance(v, dict) else v}" for k, v in table.items()) + " }"
    )


def _source_with(kind: str, path: tuple[str, ...], value: str) -> str:
    spec: dict = {"kind": f'"{kind}"', "base_url": '"https://blog.example.org"'}
    if kind == "tag_listing":
        spec["options"] = {"listings": '["/tag/tki"]'}
    table = spec
    for name in path[:-1]:
        table = table.setdefault(name, {})
    table[path[-1]] = value
    lines = (f"{k} = {_inline(v) if isinstance(v, dict) else v}" for k, v in spec.items())
    return "[sources.blog]\n" + "\n".join(lines) + "\n"


def test_the_cases_cover_every_key_of_every_kind():
    paths = {(kind, path) for kind, path, _ in EVERY_KEY}
    assert {("wordpress", ("politeness", f.name)) for f in fields(Politeness)} <= paths
    assert {("feed", ("options", "page", f.name)) for f in fields(PageSelectors)} <= paths
    for kind, options in OPTIONS_BY_KIND.items():
        assert {(kind, ("options", f.name)) for f in fields(options)} <= paths
    assert {f.name for f in fields(Source) if f.init} - {path[0] for _, path in paths} == {"key"}


@pytest.mark.parametrize(("kind", "path", "value"), EVERY_KEY, ids=lambda v: str(v))
def test_every_key_refuses_a_wrong_type_or_a_number_out_of_range_in_one_line(kind, path, value):
    config = write_config(_source_with(kind, path, value))
    with pytest.raises(ConfigError) as info:
        load_sources(load_config())
    message = str(info.value)
    assert "\n" not in message and str(config) in message
    assert ".".join(path) in message, message
