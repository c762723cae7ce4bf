"""The raw page archive: a real crawl fills it, ``pmi reextract`` replays it offline with the current
extractor, ``pmi archive export`` hands it on, and a crawl killed mid-write never breaks it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from pmi_aggregator import open_index
from pmi_aggregator.crawler.archive import ReadCounts, archive_files, read_records
from tests.support.faults.kill9 import kill_when
from tests.support.fixtures import TEST_SCRAPY_SETTINGS, mirror_source_config
from tests.support.mirrors.server import MirrorServer
from tests.support.mirrors.wordpress import Post, WordPressSite
from tests.support.paths import PROJECT_DIR

KEY = "archived"
PROMO = "Promo langganan koran digital hanya hari ini"


def _site(articles: int) -> WordPressSite:
    start = datetime(2025, 3, 1, 2, 0, tzinfo=timezone.utc)
    posts = [
        Post(
            slug=f"kabar-pmi-{n:03d}",
            title=f"Kabar pekerja migran nomor {n}",
            content_html=(
                "".join(
                    f"<p>Laporan {n} bagian {i}: pekerja migran Indonesia di Hong Kong membahas "
                    "perlindungan, gaji dan pelatihan kerja bersama pendamping dari serikat.</p>"
                    for i in range(1, 4)
                )
                + f'<p class="promo">{PROMO} {n}.</p>'
            ),
            date_gmt=start + timedelta(days=n),
        )
        for n in range(articles)
    ]
    return WordPressSite(posts=posts, sitemap_style="core")


def _config(workdir: Path, base_url: str, *, noise: bool, extra: str = "") -> Path:
    section = mirror_source_config(
        KEY, base_url, kind="wordpress", options={"use_rest": False, "feed_path": "/no-feed/"}
    )
    if noise:
        section += f'[sources.{KEY}.options.page]\nnoise = ["p.promo"]\n'
    config = workdir / "config.toml"
    config.write_text(f'index = "{workdir / "pmi.db"}"\n' + section + TEST_SCRAPY_SETTINGS + extra, "utf-8")
    return config


def _pmi(workdir: Path, *args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PMI_DATA_DIR": str(workdir / "data")}
    env.pop("PMI_INDEX", None)
    return subprocess.run(
        [sys.executable, "-m", "pmi_aggregator.cli", *args],
        capture_output=True, text=True, env=env, cwd=workdir, timeout=timeout, check=False,
    )  # fmt: skip


def _bodies(workdir: Path) -> dict[str, str]:
    with open_index(str(workdir / "pmi.db")) as index:
        return {a.url: a.body for a in index.iter_articles()}


@pytest.mark.timeout(240)
def test_reextract_replays_the_archive_offline_and_updates_only_what_changed(tmp_path: Path):
    site = _site(6)
    with MirrorServer(site) as server:
        config = _config(tmp_path, server.base_url, noise=False)
        done = _pmi(tmp_path, "--config", str(config), "crawl", KEY, "--format", "json")
        assert done.returncode == 0, done.stderr[-2000:]
    bodies = _bodies(tmp_path)
    assert len(bodies) == 6 and all(PROMO in b for b in bodies.values())

    folder = tmp_path / "pmi.db.archive" / KEY
    files = list(folder.glob("*.warc.gz"))
    assert files, "the crawl archived nothing"
    with open(files[0], "rb") as fh:
        records = [r for r in ArchiveIterator(fh) if r.rec_type == "response"]
        kinds = {r.http_headers.get_header("Content-Type", "").split(";")[0] for r in records}
        callbacks = {r.rec_headers.get_header("PMI-Callback") for r in records}
    assert "text/html" in kinds and {"parse_sitemap", "parse_article"} <= callbacks
    assert sum(r.rec_headers.get_header("PMI-Callback") == "parse_article" for r in records) == 6

    # The mirror is down now: a replay that touched the network would fail.
    config = _config(tmp_path, server.base_url, noise=True)
    done = _pmi(tmp_path, "--config", str(config), "reextract", "--format", "json")
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)["sources"][KEY]
    assert report["status"] == "ok"
    assert (report["updated"], report["new"]) == (6, 0)
    after = _bodies(tmp_path)
    assert after.keys() == bodies.keys()
    assert not any(PROMO in b for b in after.values())
    assert all("pelatihan kerja" in b for b in after.values())

    again = _pmi(tmp_path, "--config", str(config), "reextract", "--format", "json")
    assert again.returncode == 0, again.stderr[-2000:]
    report = json.loads(again.stdout)["sources"][KEY]
    assert (report["updated"], report["unchanged"]) == (0, 6)

    # --since in the future: nothing archived that late, so nothing is replayed.
    late = _pmi(tmp_path, "--config", str(config), "reextract", "--since", "2999-01-01", "--format", "json")
    assert late.returncode == 0, late.stderr[-2000:]
    assert json.loads(late.stdout)["sources"] == {}
    assert "nothing to re-extract" in late.stderr


@pytest.mark.timeout(240)
def test_a_torn_record_is_skipped_by_export_and_replay(tmp_path: Path):
    with MirrorServer(_site(4)) as server:
        config = _config(tmp_path, server.base_url, noise=False)
        assert _pmi(tmp_path, "--config", str(config), "crawl", KEY).returncode == 0
    (newest,) = sorted((tmp_path / "pmi.db.archive" / KEY).glob("*.warc.gz"))[-1:]
    intact = sum(1 for _ in read_records([newest], ReadCounts()))
    with open(newest, "r+b") as fh:  # what a kill -9 in the middle of the last record leaves
        fh.truncate(newest.stat().st_size - 40)

    out = tmp_path / "export.warc.gz"
    done = _pmi(tmp_path, "--config", str(config), "archive", "export", "--warc", str(out))
    assert done.returncode == 0, done.stderr
    assert "1 torn or damaged records skipped" in done.stderr
    with open(out, "rb") as fh:
        exported = [r.rec_headers.get_header("WARC-Target-URI") for r in ArchiveIterator(fh)]
    assert len(exported) == intact - 1

    replay = _pmi(tmp_path, "--config", str(config), "reextract", "--format", "json")
    assert replay.returncode == 0, replay.stderr[-2000:]
    report = json.loads(replay.stdout)["sources"][KEY]
    assert report["status"] == "ok" and report["unchanged"] >= 3


@pytest.mark.timeout(240)
def test_kill9_while_archiving_leaves_a_readable_archive_and_the_next_run_completes(tmp_path: Path):
    with MirrorServer(_site(40), latency=0.02) as server:
        config = _config(tmp_path, server.base_url, noise=False, extra="PMI_BATCH_SIZE = 3\n")
        env = {**os.environ, "PMI_DATA_DIR": str(tmp_path / "data")}
        env.pop("PMI_INDEX", None)
        proc = subprocess.Popen(
            [sys.executable, "-m", "pmi_aggregator.cli", "--config", str(config), "crawl", KEY],
            cwd=PROJECT_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        folder = tmp_path / "pmi.db.archive" / KEY

        def archived_enough() -> bool:
            return (
                sum(f.stat().st_size for f in folder.glob("*.warc.gz")) > 20_000 if folder.is_dir() else False
            )

        import time

        assert kill_when(proc, archived_enough, time.monotonic() + 120), "the crawl ended before the kill"
        counts = ReadCounts()
        before = list(read_records(archive_files(tmp_path / "pmi.db.archive"), counts))
        assert before, "nothing readable in the archive after the kill"
        done = _pmi(tmp_path, "--config", str(config), "crawl", KEY, "--format", "json")
        assert done.returncode == 0, done.stderr[-2000:]
    counts = ReadCounts()
    after = list(read_records(archive_files(tmp_path / "pmi.db.archive"), counts))
    pages = {r.url for r in after if r.callback == "parse_article"}
    assert len(pages) == 40
    with open_index(str(tmp_path / "pmi.db")) as index:
        assert index.count() == 40
