"""A missing dependency met while parsing pages: one line naming the package, the source failed, exit 1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.faults import kill9
from tests.support.fixtures import TEST_SCRAPY_SETTINGS, mirror_source_config
from tests.support.mirrors.server import MirrorServer
from tests.support.paths import PROJECT_DIR

MISSING = 'raise ModuleNotFoundError("No module named \'lxml_html_clean\'", name="lxml_html_clean")\n'


def test_a_missing_package_fails_the_source_in_one_line(tmp_path: Path):
    shadow = tmp_path / "shadow" / "lxml_html_clean"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text(MISSING, encoding="utf-8")  # as if it were not installed
    with MirrorServer(kill9.build_site(12)) as mirror:  # no page selectors: trafilatura reads the pages
        config = tmp_path / "config.toml"
        config.write_text(
            f'index = "{tmp_path / "pmi.db"}"\n'
            + mirror_source_config(
                kill9.KEY, mirror.base_url, kind="sitemap", options={"sitemaps": ["/wp-sitemap.xml"]}
            )
            + TEST_SCRAPY_SETTINGS,
            encoding="utf-8",
        )
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(shadow.parent), str(PROJECT_DIR)])}
        done = subprocess.run(
            [sys.executable, "-m", "pmi_aggregator.cli", "--config", str(config), "crawl", kill9.KEY],
            cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=180, check=False,
        )  # fmt: skip
    assert done.returncode == 1, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    mentions = [line for line in done.stderr.splitlines() if "lxml_html_clean" in line]
    assert len(mentions) == 1, done.stderr[-3000:]
    assert "a Python package is missing: lxml" in mentions[0] and "install it" in mentions[0]
    assert "parse error" not in done.stderr
    assert f"{kill9.KEY}  failed" in done.stdout and "Python package" in done.stdout
