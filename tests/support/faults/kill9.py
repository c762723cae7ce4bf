"""Crash safety: ``kill -9`` a crawl at random moments, then check the index and let the next run finish.

Each trial crawls a mirror of N articles into a fresh SQLite index, SIGKILLs the crawl after a random
delay, then checks that the index is consistent (``PRAGMA integrity_check``, FTS5 ``integrity-check``,
one FTS row per article, unique ids), that the next run completes the work (every article, none
duplicated) and that a further run finds nothing new.

    scripts/kill9-test --runs 20            # or: python -m tests.support.faults.kill9 --runs 20 --seed 7
    scripts/kill9-test --es http://127.0.0.1:9200 --runs 20   # the same through Elasticsearch and the outbox
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tests.support.fixtures import TEST_SCRAPY_SETTINGS, mirror_source_config
from tests.support.mirrors.server import MirrorServer
from tests.support.mirrors.wordpress import Post, WordPressSite
from tests.support.paths import PROJECT_DIR

KEY = "crashsite"
MODES = ("rest", "feed", "sitemap")


def build_site(articles: int = 80) -> WordPressSite:
    """A WordPress mirror with ``articles`` distinct posts, a day apart."""
    start = datetime(2024, 1, 1, 2, 0, tzinfo=timezone.utc)
    posts = [
        Post(
            slug=f"berita-pmi-{n:04d}",
            title=f"Berita pekerja migran nomor {n}",
            content_html="".join(
                f"<p>Laporan {n} bagian {i}: pekerja migran Indonesia di Taiwan dan Hong Kong "
                f"membahas perlindungan, gaji, dan pelatihan kerja bersama pendamping.</p>"
                for i in range(1, 5)
            ),
            date_gmt=start + timedelta(days=n),
        )
        for n in range(articles)
    ]
    return WordPressSite(posts=posts, sitemap_style="core")


@dataclass
class Trial:
    mode: str
    kill_at: tuple[str, float]
    killed: bool
    count_after_kill: int
    final_count: int
    problems: list[str]


def check_index(db: Path) -> tuple[int, list[str]]:
    """(article count, problems) for an embedded index file that may have just been killed."""
    if not db.exists():
        return 0, []
    con = sqlite3.connect(str(db), timeout=30)
    try:
        problems = []
        if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            problems.append("PRAGMA integrity_check failed")
        tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "articles" not in tables:
            return 0, problems
        try:
            con.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as exc:
            problems.append(f"FTS5 integrity-check: {exc}")
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        fts = con.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        if articles != fts:
            problems.append(f"{articles} articles but {fts} FTS rows")
        if con.execute("SELECT count(DISTINCT id) FROM articles").fetchone()[0] != articles:
            problems.append("duplicate article ids")
        orphans = con.execute(
            "SELECT count(*) FROM articles_fts WHERE rowid NOT IN (SELECT rowid FROM articles)"
        ).fetchone()[0]
        if orphans:
            problems.append(f"{orphans} FTS rows without an article")
        return articles, problems
    finally:
        con.close()


def _config(workdir: Path, base_url: str, mode: str) -> Path:
    options = {"use_rest": mode == "rest", "per_page": 10}
    if mode == "sitemap":
        options["feed_path"] = "/no-feed/"
    config = workdir / "config.toml"
    config.write_text(
        f'index = "{workdir / "pmi.db"}"\n'
        + mirror_source_config(KEY, base_url, kind="wordpress", options=options)
        + TEST_SCRAPY_SETTINGS
        + "PMI_BATCH_SIZE = 3\n",
        encoding="utf-8",
    )
    return config


def _crawl(config: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "pmi_aggregator.cli", "--config", str(config), "crawl", KEY],
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _stored(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def kill_when(proc: subprocess.Popen[bytes], reached: Callable[[], bool], deadline: float) -> bool:
    """SIGKILL the crawl once ``reached()``; True if it was killed before it ended by itself."""
    while proc.poll() is None and time.monotonic() < deadline:
        if reached():
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
            return True
        time.sleep(0.01)
    return False


def _kill_at(proc: subprocess.Popen[bytes], db: Path, point: tuple[str, float], deadline: float) -> bool:
    """Kill at ``("time", seconds)`` or once ``("stored", n)`` articles are in."""
    kind, value = point
    started = time.monotonic()
    if kind == "time":
        return kill_when(proc, lambda: time.monotonic() - started >= value, deadline)
    return kill_when(proc, lambda: _stored(db) >= value, deadline)


def run_trial(
    site: WordPressSite, base_url: str, mode: str, kill_at: tuple[str, float], workdir: Path
) -> Trial:
    env = {**os.environ, "PMI_DATA_DIR": str(workdir / "data"), "PMI_CONFIG": str(workdir / "none.toml")}
    env.pop("PMI_INDEX", None)
    config = _config(workdir, base_url, mode)
    db = workdir / "pmi.db"
    expected = len(site.posts)
    proc = _crawl(config, env)
    killed = _kill_at(proc, db, kill_at, time.monotonic() + 60)
    count_after_kill, problems = check_index(db)
    problems = [f"after the kill: {p}" for p in problems]
    for label in ("completion run", "re-run"):
        done = _crawl(config, env)
        _, stderr = done.communicate(timeout=300)
        if done.returncode != 0:
            problems.append(f"{label} exited {done.returncode}: {stderr.decode()[-500:]}")
        count, found = check_index(db)
        problems += [f"after the {label}: {p}" for p in found]
        if count != expected:
            problems.append(f"after the {label}: {count} articles, expected {expected}")
    return Trial(mode, kill_at, killed, count_after_kill, count, problems)


def run_trials(runs: int, seed: int | None = None, articles: int = 80, latency: float = 0.02) -> list[Trial]:
    """Kill points alternate: mostly once a random number of articles is stored, every fourth at a
    random time (which may fall in start-up)."""
    rng = random.Random(seed)
    site = build_site(articles)
    trials = []
    with (
        MirrorServer(site, latency=latency) as server,
        tempfile.TemporaryDirectory(prefix="pmi-kill9-") as tmp,
    ):
        for n in range(runs):
            workdir = Path(tmp) / f"run-{n}"
            workdir.mkdir()
            mode = MODES[n % len(MODES)]
            point = (
                ("time", rng.uniform(0.5, 4.0)) if n % 4 == 3 else ("stored", rng.randint(1, articles - 1))
            )
            trials.append(run_trial(site, server.base_url, mode, point, workdir))
    return trials


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="kill -9 crawls at random points; check the index after each"
    )
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--articles", type=int, default=80)
    parser.add_argument(
        "--es", metavar="URL", help="crawl into this Elasticsearch node through the outbox instead"
    )
    args = parser.parse_args(argv)
    if args.es:
        from tests.support.faults import kill9_es

        return kill9_es.main(args.es, args.runs, args.seed)
    started = time.monotonic()
    return print_report(run_trials(args.runs, args.seed, args.articles), "", started)


def print_report(trials: list[Trial], label: str, started: float) -> int:
    """One line per trial and a total; exit status 1 when any trial found a problem."""
    failed = 0
    for n, t in enumerate(trials, 1):
        state = "killed" if t.killed else "finished before the kill"
        verdict = "ok" if not t.problems else "FAIL: " + "; ".join(t.problems)
        aim = f"{t.kill_at[1]:g} {'s' if t.kill_at[0] == 'time' else 'stored'}"
        print(
            f"{label}run {n:2d} [{t.mode:12s}] {state} (aimed at {aim}) with {t.count_after_kill} stored, "
            f"then {t.final_count}: {verdict}"
        )
        failed += bool(t.problems)
    killed = sum(t.killed for t in trials)
    print(
        f"{len(trials)} {label}runs ({killed} killed mid-crawl), {failed} failed, {time.monotonic() - started:.0f}s"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
