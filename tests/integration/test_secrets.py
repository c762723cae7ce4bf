"""Secrets: Elasticsearch credentials never appear in output, logs, error messages, state or reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.fixtures import TEST_SCRAPY_SETTINGS, mirror_source_config
from tests.support.mirrors import apakabar
from tests.support.mirrors.server import MirrorServer

SECRET = "s3cret"


def assert_no_secret(done, *folders: Path) -> None:
    assert SECRET not in done.stdout and SECRET not in done.stderr, done.stderr[-2000:]
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                assert SECRET.encode() not in path.read_bytes(), path


@pytest.fixture
def data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("PMI_DATA_DIR", str(folder))
    return folder


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--debug", "crawl", "--index", f"http://user:{SECRET}@127.0.0.1:1"], {}),
        (["--debug", "search", "x", "--index", f"https://user:{SECRET}@127.0.0.1:1"], {}),
        pytest.param(
            ["--debug", "show", "abc", "--index", f"http://user:{SECRET}@127.0.0.1:1/pmi"],
            {},
            marks=pytest.mark.slow,
        ),
        pytest.param(
            ["--debug", "sources", "--index", f"http://user:{SECRET}@127.0.0.1:1"], {}, marks=pytest.mark.slow
        ),
        pytest.param(
            ["--debug", "search", "x"],
            {"PMI_INDEX": f"http://user:{SECRET}@127.0.0.1:1"},
            marks=pytest.mark.slow,
        ),
        pytest.param(
            ["--debug", "search", "x", "--index", "http://127.0.0.1:1"],
            {"PMI_ES_USERNAME": "user", "PMI_ES_PASSWORD": SECRET},
            marks=pytest.mark.slow,
        ),
        pytest.param(
            ["--debug", "crawl", "--index", "http://127.0.0.1:1"],
            {"PMI_ES_API_KEY": SECRET},
            marks=pytest.mark.slow,
        ),
    ],
)
def test_unreachable_cluster_errors_hide_credentials(run_pmi, tmp_path, data_dir, args, env):
    expected = 4
    if "crawl" in args:
        # A crawl does not need the cluster to start (articles wait in the outbox): its one source is
        # refused too, so the run fails with exit 1 and an error line, deterministically and offline.
        config = tmp_path / "config.toml"
        config.write_text(
            '[sources.closed]\nkind = "wordpress"\nbase_url = "http://127.0.0.1:9"\n'
            'allow_private_hosts = ["127.0.0.1"]\n' + TEST_SCRAPY_SETTINGS,
            encoding="utf-8",
        )
        args, expected = ["--config", str(config), *args, "closed"], 1
    done = run_pmi(*args, env=env, timeout=120)
    assert done.returncode == expected, (done.returncode, done.stderr[-2000:])
    assert "Error:" in done.stderr
    assert_no_secret(done, tmp_path)


def test_python_api_errors_hide_credentials(data_dir):
    from pmi_aggregator import open_index
    from pmi_aggregator.index import IndexFailure

    with pytest.raises(IndexFailure) as failure:
        open_index(f"http://user:{SECRET}@127.0.0.1:1").count()
    assert SECRET not in str(failure.value) and SECRET not in repr(failure.value)


@pytest.mark.elasticsearch
def test_crawl_into_elasticsearch_with_credentials_leaks_nothing(
    run_pmi, tmp_path, data_dir, es_url, es_alias
):
    host = es_url.split("://", 1)[1].rstrip("/")
    index = f"http://pmi:{SECRET}@{host}/{es_alias}"
    with MirrorServer(apakabar.build_site()) as mirror:
        config = tmp_path / "config.toml"
        config.write_text(
            mirror_source_config("apakabaronline", mirror.base_url) + TEST_SCRAPY_SETTINGS, encoding="utf-8"
        )
        done = run_pmi(
            "--debug",
            "--config",
            str(config),
            "crawl",
            "apakabaronline",
            "--index",
            index,
            "--format",
            "json",
        )
    assert done.returncode in (0, 1, 4), done.stderr[-2000:]
    if done.returncode != 4:
        assert json.loads(done.stdout)["sources"]["apakabaronline"]
    assert_no_secret(done, tmp_path)


def test_a_source_base_url_with_credentials_never_shows_them(run_pmi, tmp_path, data_dir):
    with MirrorServer(apakabar.build_site()) as mirror:
        base_url = mirror.base_url.replace("://", f"://alice:{SECRET}@")
        config = tmp_path / "config.toml"
        config.write_text(
            f'index = "{tmp_path / "index" / "pmi.db"}"\n'
            + mirror_source_config("apakabaronline", base_url)
            + TEST_SCRAPY_SETTINGS,
            encoding="utf-8",
        )
        done = run_pmi("--debug", "--config", str(config), "crawl", "apakabaronline", timeout=120)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    assert "apakabaronline" in done.stderr
    assert (tmp_path / "index").is_dir()
    assert_no_secret(done, tmp_path / "index", data_dir)  # the state and the reports beside the index
