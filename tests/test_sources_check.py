"""`pmi sources check`: a source's extraction run against its local mirror (and a live site)."""

from __future__ import annotations

from pathlib import Path


def write_config(tmp_path: Path, *lines: str) -> str:
    path = tmp_path / "config.toml"
    path.write_text("\n".join(["[sources.apakabaronline]", *lines]) + "\n", encoding="utf-8")
    return str(path)


def test_mirror_check_passes(run_pmi, tmp_path: Path):
    done = run_pmi("--config", write_config(tmp_path), "sources", "check", "apakabaronline", "--no-live")
    assert done.returncode == 0, done.stdout + done.stderr
    row = next(line.split() for line in done.stdout.splitlines() if line.startswith("apakabaronline"))
    assert row[:4] == ["apakabaronline", "mirror", "ok", "39"]  # the real spider crawled the whole mirror
    assert row[4:8] == ["0", "0", "4", "0"]  # four mirror posts are by "Redaksi" (not a person); all dated


def test_broken_selectors_fail_the_mirror_check(run_pmi, tmp_path: Path):
    config = write_config(
        tmp_path,
        'ignore_selectors = ["article", "main", "h1", ".entry-content"]',
        "[sources.apakabaronline.options]",  # no REST, no feed: the sitemap's pages must be read
        "use_rest = false",
        'feed_path = "/no-feed/"',
    )
    done = run_pmi("--config", config, "sources", "check", "apakabaronline", "--no-live")
    assert done.returncode == 1, done.stdout + done.stderr
    row = next(line.split() for line in done.stdout.splitlines() if line.startswith("apakabaronline"))
    assert row[:3] == ["apakabaronline", "mirror", "failed"]


def test_unreachable_live_site_is_reported_not_an_error(run_pmi, tmp_path: Path):
    config = write_config(tmp_path, 'base_url = "http://127.0.0.1:9"')  # the discard port: refused
    done = run_pmi("--config", config, "sources", "check", "apakabaronline")
    assert done.returncode == 0, done.stdout + done.stderr
    live = next(line.split() for line in done.stdout.splitlines() if " live " in line)
    assert live[:3] == ["apakabaronline", "live", "unreachable"]


def test_ngo_wordpress_sources_are_checked_against_their_mirrors(run_pmi, tmp_path: Path):
    keys = ("migrantcare", "sbmi", "beritaindonesia-hk", "voiceindonesia", "ddhk")
    done = run_pmi("--config", write_config(tmp_path), "sources", "check", *keys, "--no-live")
    assert done.returncode == 0, done.stdout + done.stderr
    rows = {
        line.split()[0]: line.split() for line in done.stdout.splitlines() if line.split()[:1][0:1] != ["-"]
    }
    for key in keys:
        assert rows[key][1:3] == ["mirror", "ok"] and int(rows[key][3]) > 0
        assert rows[key][5] == "0" and rows[key][7] == "0"  # every checked article has a date and a body


def test_every_built_in_source_has_a_mirror_check():
    from pmi_aggregator.sources import load_sources
    from tests.mirrors.catalog import catalog

    assert set(load_sources()) <= set(catalog())
