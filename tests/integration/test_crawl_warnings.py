"""Health warnings: said once, and only when a listing is empty or a full run yields nothing."""

from __future__ import annotations

from pathlib import Path

from tests.support.faults import kill9
from tests.support.mirrors.server import MirrorServer
from tests.support.source_crawl import crawl


def test_quiet_reruns_are_no_alarm_and_a_full_run_with_nothing_warns_once(tmp_path: Path, run_pmi):
    with MirrorServer(kill9.build_site(6)) as mirror:
        config = kill9._config(tmp_path, mirror.base_url, "rest")
        assert crawl(run_pmi, config, kill9.KEY)[kill9.KEY]["new"] == 6
        for _ in range(2):  # nothing new: the listing shows only known articles
            done = run_pmi("--config", str(config), "crawl", kill9.KEY)
            assert done.returncode == 0, done.stderr[-2000:]
            assert "yielded no articles" not in done.stderr, done.stderr
    with MirrorServer(kill9.build_site(0)) as empty:
        config = kill9._config(tmp_path, empty.base_url, "rest")
        done = run_pmi("--config", str(config), "crawl", kill9.KEY, "--full")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stderr.count("yielded no articles") == 1, done.stderr
    assert "Warning:" not in done.stderr
