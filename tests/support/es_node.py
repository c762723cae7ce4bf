"""pytest plugin: a real Elasticsearch node for the tests marked ``elasticsearch``.

Load it from ``tests/conftest.py`` with ``pytest_plugins = ["tests.support.es_node"]``; tests then ask for the
session-scoped fixture ``es_url`` (e.g. ``"http://127.0.0.1:9200"``, no trailing slash).

Where the node comes from:

* ``PMI_TEST_ES_URL`` set (a node that CI or the developer started beforehand): that URL is used as it is,
  after a health check, and is never stopped here.
* otherwise, a node already answering ``scripts/es-test-node status`` (honours ``ES_PORT``) is reused
  and left running;
* otherwise ``scripts/es-test-node start`` is run once per session (the first run downloads the
  distribution with mvn), and the node is stopped at the end of the session.

When no node can be had, the tests that use ``es_url`` are skipped with the reason, except under CI
(``CI`` set and not false/0/no), where they fail loudly with the script's output: the Elasticsearch
tests must never be skipped silently in CI.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from tests.support.paths import PROJECT_DIR

SCRIPT = PROJECT_DIR / "scripts" / "es-test-node"
# A first start downloads ~130 MB with mvn before the node's own (at most 180 s) start-up.
START_TIMEOUT_S = 900
STOP_TIMEOUT_S = 120


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _unavailable(reason: str) -> None:
    """Skip (developer machine) or fail (CI) the test asking for the node."""
    if _in_ci():
        pytest.fail(
            f"Elasticsearch test node unavailable in CI (CI is set, so no skip): {reason}", pytrace=False
        )
    pytest.skip(f"Elasticsearch test node unavailable: {reason}")


def _health(url: str, timeout: float = 10.0) -> str:
    """Return the cluster health status of the node at ``url``; raise OSError/ValueError if it does not answer."""
    with urllib.request.urlopen(f"{url}/_cluster/health", timeout=timeout) as resp:
        status = json.load(resp).get("status")
    if status not in ("green", "yellow", "red"):
        raise ValueError(f"unexpected health answer from {url}: status={status!r}")
    return status


def _run_script(*args: str, timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(SCRIPT), *args],
        cwd=PROJECT_DIR,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _start_failure_reason(proc: subprocess.CompletedProcess[str]) -> str:
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    if proc.returncode == 3:
        # One line such as "es-test-node: no JDK >= 21 found; install ..." or "... no mvn found ...".
        missing = [ln for ln in lines if ln.startswith("es-test-node: no ")]
        return (missing[-1] if missing else "\n".join(lines[-5:])) + " (needs a JDK >= 21 and mvn)"
    tail = "\n".join(lines[-60:])
    return f"`scripts/es-test-node start` exited with {proc.returncode}; its output ends with:\n{tail}"


@pytest.fixture(scope="session")
def es_url() -> Iterator[str]:
    """URL of a running Elasticsearch 9 node (see the module docstring for where it comes from)."""
    given = os.environ.get("PMI_TEST_ES_URL", "").strip().rstrip("/")
    if given:
        try:
            status = _health(given)
        except (OSError, ValueError) as exc:
            _unavailable(f"PMI_TEST_ES_URL={given} does not answer: {exc}")
        if status == "red":
            _unavailable(f"PMI_TEST_ES_URL={given} has cluster health red")
        yield given
        return

    if not SCRIPT.is_file():
        _unavailable(f"{SCRIPT} is missing")

    try:
        if _run_script("status", timeout=30).returncode == 0:
            # Someone else's node (e.g. started by hand): use it and leave it running.
            yield f"http://127.0.0.1:{os.environ.get('ES_PORT', '9200')}"
            return
        proc = _run_script("start", timeout=START_TIMEOUT_S)
    except subprocess.TimeoutExpired as exc:
        _unavailable(f"`scripts/es-test-node {' '.join(exc.cmd[2:])}` timed out after {exc.timeout} s")
    except OSError as exc:
        _unavailable(f"cannot run {SCRIPT}: {exc}")
    if proc.returncode != 0:
        _unavailable(_start_failure_reason(proc))

    out = [ln.strip() for ln in proc.stdout.splitlines() if ln.strip()]
    url = (
        out[-1]
        if out and out[-1].startswith("http")
        else f"http://127.0.0.1:{os.environ.get('ES_PORT', '9200')}"
    )
    try:
        yield url
    finally:
        with contextlib.suppress(subprocess.TimeoutExpired, OSError):
            _run_script("stop", timeout=STOP_TIMEOUT_S)
