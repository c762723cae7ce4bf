"""A reader that stops early (`pmi … | head -1`) ends the real CLI quietly with status 0, like `ls`."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from pmi_aggregator import open_index

ARTICLES = 300  # about 400 KB of JSONL: far more than a pipe buffers


@pytest.fixture(scope="module")
def big_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pipes") / "pmi.db"
    with open_index(str(path)) as index:
        index.upsert(
            {
                "url": f"https://example.org/berita/{n}",
                "source": "apakabaronline",
                "title": f"Sindikat perekrutan pekerja migran ke-{n}",
                "body": "Polisi mengungkap sindikat yang merekrut pekerja migran secara ilegal. " * 20,
                "published_at": f"2025-01-{n % 28 + 1:02d}T08:00:00+07:00",
            }
            for n in range(ARTICLES)
        )
    return path


COMMANDS = [
    ["search", "rekrut", "-n", "300"],
    ["search", "rekrut", "-n", "300", "--format", "jsonl"],
    ["search", "rekrut", "-n", "300", "--format", "csv"],
    ["export", "rekrut"],
    ["sources"],
    ["info"],
    ["--help"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_head_one_is_quiet_and_successful(big_index: Path, args: list[str]):
    extra = [] if args == ["--help"] else ["--index", str(big_index)]
    command = shlex.join([sys.executable, "-m", "pmi_aggregator.cli", *args, *extra])
    done = subprocess.run(
        ["bash", "-c", f'{command} | head -1 >/dev/null; echo "status ${{PIPESTATUS[0]}}" >&2'],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "80"},
        check=False,
    )
    assert done.stderr.strip().splitlines()[-1] == "status 0", done.stderr
    assert "Error" not in done.stderr and "Exception" not in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("args", COMMANDS[:6], ids=" ".join)
def test_a_reader_gone_before_the_first_line(big_index: Path, args: list[str]):
    proc = subprocess.Popen(
        [sys.executable, "-m", "pmi_aggregator.cli", *args, "--index", str(big_index)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0, err
    assert "Error" not in err and "Exception" not in err
