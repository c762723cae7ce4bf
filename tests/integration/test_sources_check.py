"""`pmi sources check`: each source crawled by its real spider, here at its local mirror."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from tests.support.mirrors.catalog import catalog
from tests.support.mirrors.server import MirrorServer

FAST = {"PMI_RETRY_BASE_DELAY": 0.05, "PMI_RETRY_MAX_DELAY": 1.0, "RETRY_TIMES": 1}


def _toml(table: dict[str, Any], prefix: str = "") -> str:
    """A TOML document for plain config values (JSON scalars and lists are valid TOML)."""
    scalars = {k: v for k, v in table.items() if not isinstance(v, dict)}
    lines = [f"[{prefix}]"] if prefix and scalars else []
    lines += [f"{json.dumps(k)} = {json.dumps(v, ensure_ascii=False)}" for k, v in scalars.items()]
    for key, value in table.items():
        if isinstance(value, dict):
            lines.append(_toml(value, f"{prefix}.{json.dumps(key)}" if prefix else json.dumps(key)))
    return "\n".join(lines) + "\n"


@contextmanager
def mirrored(tmp_path: Path, keys: tuple[str, ...], **extra: dict[str, Any]) -> Iterator[str]:
    """A config file that points each source at its mirror, served for the duration."""
    mirrors = catalog()
    sources = {}
    with ExitStack() as stack:
        for key in keys:
            mirror = mirrors[key]
            server = stack.enter_context(MirrorServer(mirror.build()))
            sources[key] = {
                **mirror.settings,
                "base_url": server.base_url,
                "canonical_scheme": "http",
                "allow_private_hosts": ["127.0.0.1", *mirror.hosts],
                "politeness": {"concurrency": 4, "delay": 0.0, "autothrottle_target": 4.0},
                **extra.get(key, {}),
            }
        path = tmp_path / "config.toml"
        path.write_text(_toml({"sources": sources, "scrapy": FAST}), encoding="utf-8")
        yield str(path)


def rows_of(stdout: str) -> dict[str, list[str]]:
    return {line.split()[0]: line.split() for line in stdout.splitlines()[2:] if line.strip()}


def test_mirror_check_passes(run_pmi, tmp_path: Path):
    with mirrored(tmp_path, ("apakabaronline",)) as config:
        done = run_pmi("--config", config, "sources", "check", "apakabaronline", "--limit", "0")
    assert done.returncode == 0, done.stdout + done.stderr
    row = rows_of(done.stdout)["apakabaronline"]
    assert row[:3] == ["apakabaronline", "ok", "39"]  # the real spider crawled the whole mirror
    assert row[3:7] == ["0", "0", "4", "0"]  # four mirror posts are by "Redaksi" (not a person); all dated


def test_a_few_articles_by_default(run_pmi, tmp_path: Path):
    pages_only = {"options": {"use_rest": False, "feed_path": "/no-feed/"}}  # one request per article
    with mirrored(tmp_path, ("apakabaronline",), apakabaronline=pages_only) as config:
        done = run_pmi("--config", config, "sources", "check", "apakabaronline")
    assert done.returncode == 0, done.stdout + done.stderr
    row = rows_of(done.stdout)["apakabaronline"]
    assert row[1] == "ok" and 5 <= int(row[2]) < 39  # CLOSESPIDER_ITEMCOUNT stops it early


def test_broken_selectors_fail_the_mirror_check(run_pmi, tmp_path: Path):
    broken = {
        "ignore_selectors": ["article", "main", "h1", ".entry-content"],
        # no REST, no feed: the sitemap's pages must be read
        "options": {"use_rest": False, "feed_path": "/no-feed/"},
    }
    with mirrored(tmp_path, ("apakabaronline",), apakabaronline=broken) as config:
        done = run_pmi("--config", config, "sources", "check", "apakabaronline")
    assert done.returncode == 1, done.stdout + done.stderr
    assert rows_of(done.stdout)["apakabaronline"][:2] == ["apakabaronline", "failed"]


def test_unreachable_site_is_reported_not_an_error(run_pmi, tmp_path: Path):
    config = tmp_path / "config.toml"
    config.write_text(  # the discard port: refused
        '[sources.apakabaronline]\nbase_url = "http://127.0.0.1:9"\nallow_private_hosts = ["127.0.0.1"]\n'
        + _toml({"scrapy": FAST}),
        encoding="utf-8",
    )
    done = run_pmi("--config", str(config), "sources", "check", "apakabaronline")
    assert done.returncode == 0, done.stdout + done.stderr
    assert rows_of(done.stdout)["apakabaronline"][:2] == ["apakabaronline", "unreachable"]


def test_ngo_wordpress_sources_are_checked_against_their_mirrors(run_pmi, tmp_path: Path):
    keys = ("migrantcare", "sbmi", "beritaindonesia-hk", "voiceindonesia", "ddhk")
    with mirrored(tmp_path, keys) as config:
        done = run_pmi("--config", config, "sources", "check", *keys, "--limit", "0")
    assert done.returncode == 0, done.stdout + done.stderr
    rows = rows_of(done.stdout)
    for key in keys:
        assert rows[key][1] == "ok" and int(rows[key][2]) > 0
        assert rows[key][4] == "0" and rows[key][6] == "0"  # every checked article has a date and a body


def test_every_built_in_source_has_a_mirror_check():
    from pmi_aggregator.sources.registry import load_sources

    assert set(load_sources()) <= set(catalog())


def test_every_built_in_source_passes_its_check_at_its_mirror(run_pmi, tmp_path: Path):
    keys = tuple(sorted(catalog()))
    with mirrored(tmp_path, keys) as config:
        done = run_pmi("--config", config, "sources", "check", *keys, timeout=900)
    rows = rows_of(done.stdout)
    assert {key: rows[key][1] for key in keys} == dict.fromkeys(keys, "ok"), done.stdout + done.stderr
    assert done.returncode == 0
