"""The checkout works the ways the README promises: `scrapy list`, `python cli.py`, the API example."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.support.paths import PROJECT_DIR

ROOT = PROJECT_DIR


def run(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_scrapy_list_shows_the_seed_source():
    done = run(sys.executable, "-m", "scrapy", "list")
    assert done.returncode == 0, done.stderr
    assert "apakabaronline" in done.stdout.split()


def test_root_cli_is_the_pmi_group(tmp_path: Path):
    from pmi_aggregator import open_index

    open_index(str(tmp_path / "empty.db")).close()  # search never creates an index (a missing one exits 4)
    done = run(
        sys.executable,
        "cli.py",
        "search",
        "rekrut",
        "--index",
        str(tmp_path / "empty.db"),
        "--format",
        "json",
    )
    assert done.returncode == 0, done.stderr
    assert '"total": 0' in done.stdout


def test_readme_api_example_runs(tmp_path: Path):
    """The README's Python example, minus the live crawl (no machine here reaches the sites)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"## Python API\s+```python\n(.*?)```", readme, re.S).group(1)
    code = "\n".join(line for line in code.splitlines() if "crawl(" not in line and "report." not in line)
    script = tmp_path / "example.py"
    script.write_text(code, encoding="utf-8")
    done = run(sys.executable, str(script), cwd=tmp_path, env={"PMI_DATA_DIR": str(tmp_path / "data")})
    assert done.returncode == 0, done.stderr
    assert "Perekrutan PMI ilegal" in done.stdout and "<mark>merekrut</mark>" in done.stdout
