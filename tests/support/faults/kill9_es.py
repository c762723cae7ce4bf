"""Crash safety on Elasticsearch: ``kill -9`` crawls that write to a cluster through the outbox.

Each trial crawls the kill -9 mirror into its own alias and SIGKILLs the crawl after a random number
of articles reached the cluster or the outbox. Every other trial runs with the cluster unreachable
(a closed loopback port), so the killed crawl was filling the outbox. Then, with the cluster up, the
next run must complete the work: every article indexed once, the outbox empty and intact, and a
further run finds nothing new.

    scripts/kill9-test --es http://127.0.0.1:9200 --runs 20
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import sqlite3
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from pmi_aggregator.index.location import outbox_path
from tests.support.faults.forwarder import Forwarder
from tests.support.faults.kill9 import MODES, Trial, _config, _crawl, build_site, kill_when, print_report
from tests.support.mirrors.server import MirrorServer
from tests.support.mirrors.wordpress import WordPressSite


def es_count(es_url: str, alias: str) -> int:
    try:
        with urllib.request.urlopen(f"{es_url}/{alias}/_count", timeout=5) as response:
            return int(json.load(response)["count"])
    except (urllib.error.URLError, OSError, ValueError, KeyError):
        return 0


def outbox_state(path: Path) -> tuple[int, list[str]]:
    """(pending, problems) of an outbox file that may have just been killed."""
    if not path.exists():
        return 0, []
    con = sqlite3.connect(str(path), timeout=30)
    try:
        problems = [] if con.execute("PRAGMA integrity_check").fetchone()[0] == "ok" else ["outbox corrupt"]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        pending = con.execute("SELECT count(*) FROM outbox").fetchone()[0] if "outbox" in tables else 0
        return pending, problems
    finally:
        con.close()


def run_trial(
    site: WordPressSite, base_url: str, mode: str, target: int, workdir: Path, es_url: str, *, down: bool
) -> Trial:
    alias = f"pmi-kill9-{workdir.name}-{os.getpid()}"
    port = int(es_url.rsplit(":", 1)[1].split("/")[0])
    forward = Forwarder(port)
    index_url = f"http://127.0.0.1:{forward.port}/{alias}"
    env = {**os.environ, "PMI_DATA_DIR": str(workdir / "data"), "PMI_CONFIG": str(workdir / "none.toml")}
    env.pop("PMI_INDEX", None)
    config = _config(workdir, base_url, mode)
    config.write_text(
        config.read_text(encoding="utf-8").replace(str(workdir / "pmi.db"), index_url), encoding="utf-8"
    )
    outbox = outbox_path(index_url, workdir / "data")
    expected = len(site.posts)
    problems: list[str] = []
    try:
        if not down:
            forward.open()
        proc = _crawl(config, env)
        stored = (lambda: outbox_state(outbox)[0]) if down else (lambda: es_count(es_url, alias))
        killed = kill_when(proc, lambda: stored() >= target, time.monotonic() + 60)
        pending, found = outbox_state(outbox)
        count_after_kill = es_count(es_url, alias) + pending
        problems += [f"after the kill: {p}" for p in found]
        if down:
            forward.open()
        for label in ("completion run", "re-run"):
            done = _crawl(config, env)
            _, stderr = done.communicate(timeout=300)
            if done.returncode != 0:
                problems.append(f"{label} exited {done.returncode}: {stderr.decode()[-500:]}")
            pending, found = outbox_state(outbox)
            problems += [f"after the {label}: {p}" for p in found]
            final = es_count(es_url, alias)
            if final != expected or pending:
                problems.append(
                    f"after the {label}: {final} indexed and {pending} pending, expected {expected}"
                )
    finally:
        forward.close()
        _delete(es_url, alias)
    return Trial(
        f"{mode}{'/down' if down else ''}", ("stored", target), killed, count_after_kill, final, problems
    )


def _delete(es_url: str, alias: str) -> None:
    request = urllib.request.Request(f"{es_url}/{alias}*", method="DELETE")
    with contextlib.suppress(urllib.error.URLError, OSError):
        urllib.request.urlopen(request, timeout=30).close()


def run_trials(es_url: str, runs: int, seed: int | None = None, articles: int = 60) -> list[Trial]:
    rng = random.Random(seed)
    site = build_site(articles)
    trials = []
    with (
        MirrorServer(site, latency=0.02) as server,
        tempfile.TemporaryDirectory(prefix="pmi-kill9-es-") as tmp,
    ):
        for n in range(runs):
            workdir = Path(tmp) / f"run{n}"
            workdir.mkdir()
            target = rng.randint(1, articles - 10)
            trials.append(
                run_trial(
                    site, server.base_url, MODES[n % len(MODES)], target, workdir, es_url, down=n % 2 == 1
                )
            )
    return trials


def main(es_url: str, runs: int, seed: int | None) -> int:
    started = time.monotonic()
    return print_report(run_trials(es_url.rstrip("/"), runs, seed), "Elasticsearch ", started)
