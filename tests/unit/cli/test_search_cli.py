"""`pmi search` and `pmi show`: words, exclusions, dates, paging, exit codes, read-only behaviour."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.cli.conftest import ARTICLES


def test_several_words_are_one_query(pmi, index_path: Path):
    joined = pmi("search", "--index", str(index_path), "pekerja", "migran", "--format", "json")
    quoted = pmi("search", "--index", str(index_path), "pekerja migran", "--format", "json")
    assert joined.exit_code == 0, joined.output
    assert json.loads(joined.stdout)["query"] == "pekerja migran"
    assert json.loads(joined.stdout)["total"] == json.loads(quoted.stdout)["total"] == ARTICLES


def test_a_dash_word_excludes_and_real_options_still_work(pmi, index_path: Path):
    done = pmi(
        "search",
        "--index",
        str(index_path),
        "pekerja",
        "-malaysia",
        "-n",
        "3",
        "-s",
        "kompas",
        "--format",
        "json",
    )
    assert done.exit_code == 0, done.output
    payload = json.loads(done.stdout)
    assert payload["query"] == "pekerja -malaysia"
    assert len(payload["hits"]) == 3
    assert {h["source"] for h in payload["hits"]} == {"kompas"}
    assert all("Malaysia" not in h["body"] for h in payload["hits"])


def test_words_after_double_dash_are_query_words(pmi, index_path: Path):
    done = pmi("search", "--index", str(index_path), "--format", "json", "--", "pekerja", "-n")
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["query"] == "pekerja -n"


def test_an_unknown_long_option_is_still_bad_usage(pmi, index_path: Path):
    assert pmi("search", "--index", str(index_path), "--bogus", "x").exit_code == 2


@pytest.mark.parametrize("value", ["yesterday", "31/01/2025", "kemarin", "-5d", "2025-13-45", "2025-02-30"])
def test_dates_outside_the_grammar_exit_2(pmi, index_path: Path, value: str):
    done = pmi("search", "--index", str(index_path), "--from", value, "x")
    assert done.exit_code == 2
    assert repr(value) in done.stderr and "YYYY-MM-DD" in done.stderr


def test_to_a_year_includes_all_of_it(pmi, index_path: Path):
    whole = pmi("search", "--index", str(index_path), "--from", "2025", "--to", "2025", "--format", "json")
    march = pmi(
        "search", "--index", str(index_path), "--from", "2025-03", "--to", "2025-03", "--format", "json"
    )
    assert whole.exit_code == march.exit_code == 0, whole.output + march.output
    assert json.loads(whole.stdout)["total"] == ARTICLES
    dates = {h["published_at"][:7] for h in json.loads(march.stdout)["hits"]}
    assert dates == {"2025-03"}


def test_relative_from_is_the_same_grammar_as_crawl_since(pmi, index_path: Path):
    done = pmi("search", "--index", str(index_path), "--from", "30d", "--format", "json")
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["total"] == 0  # every article is from 2025


def test_no_cursor_when_nothing_follows(pmi, index_path: Path):
    full = pmi("search", "--index", str(index_path), "rekrut", "-n", str(ARTICLES), "--format", "json")
    assert json.loads(full.stdout)["cursor"] is None
    table = pmi("search", "--index", str(index_path), "rekrut", "-n", str(ARTICLES))
    assert "--cursor" not in table.stderr


def test_the_printed_cursor_leads_to_the_rest(pmi, index_path: Path):
    first = json.loads(
        pmi("search", "--index", str(index_path), "-n", "20", "--sort", "newest", "--format", "json").stdout
    )
    assert first["cursor"]
    rest = pmi(
        "search",
        "--index",
        str(index_path),
        "-n",
        "20",
        "--sort",
        "newest",
        "--cursor",
        first["cursor"],
        "--format",
        "json",
    )
    second = json.loads(rest.stdout)
    assert second["cursor"] is None
    assert len({h["id"] for h in first["hits"] + second["hits"]}) == ARTICLES


def test_table_fits_80_columns_and_keeps_the_match(pmi, index_path: Path):
    done = pmi("search", "--index", str(index_path), "rekrut", env={"COLUMNS": "80"})
    assert done.exit_code == 0
    lines = done.stdout.splitlines()
    assert max(map(len, lines)) <= 80
    assert "*merekrut*" in done.stdout
    assert "kompas" in done.stdout and "2025-" in done.stdout
    assert "https://" not in done.stdout


def test_wide_format_adds_the_url(pmi, index_path: Path):
    done = pmi("search", "--index", str(index_path), "rekrut", "--format", "wide", env={"COLUMNS": "80"})
    assert "https://example.org/berita/" in done.stdout
    assert max(map(len, done.stdout.splitlines())) <= 80


def test_wider_terminal_uses_its_width(pmi, index_path: Path):
    done = pmi("search", "--index", str(index_path), "rekrut", env={"COLUMNS": "160"})
    widest = max(map(len, done.stdout.splitlines()))
    assert 80 < widest <= 160


def test_a_missing_index_is_exit_4_and_creates_nothing(pmi, tmp_path: Path):
    target = tmp_path / "typo" / "pmi.db"
    for command in (["search", "x"], ["show", "abc"], ["export", "x"], ["sources"]):
        done = pmi(*command, "--index", str(target))
        assert done.exit_code == 4, (command, done.output)
        assert str(target) in done.stderr
    assert not (tmp_path / "typo").exists()


def test_the_default_index_missing_creates_no_data_folder(pmi, tmp_path: Path):
    data = tmp_path / "data"
    assert pmi("search", "x", env={"PMI_DATA_DIR": str(data)}).exit_code == 4
    assert not data.exists()


def test_a_never_crawled_index_says_so(pmi, tmp_path: Path):
    from pmi_aggregator import open_index

    path = tmp_path / "new.db"
    open_index(str(path)).close()
    done = pmi("search", "--index", str(path), "x")
    assert done.exit_code == 0
    assert "never been crawled" in done.stderr and "pmi crawl" in done.stderr


def test_show_unknown_is_exit_2(pmi, index_path: Path):
    done = pmi("show", "--index", str(index_path), "nosuchid")
    assert done.exit_code == 2
    assert "no article 'nosuchid'" in done.stderr


def test_show_takes_the_id_prefix_search_prints(pmi, index_path: Path):
    hit = json.loads(pmi("search", "--index", str(index_path), "-n", "1", "--format", "json").stdout)["hits"][
        0
    ]
    done = pmi("show", "--index", str(index_path), hit["id"][:10], "--format", "json")
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["id"] == hit["id"]


def test_show_an_ambiguous_prefix_is_exit_2(pmi, index_path: Path):
    ids = [json.loads(line)["id"] for line in pmi("export", "--index", str(index_path)).stdout.splitlines()]
    first = max("0123456789abcdef", key=lambda c: sum(i.startswith(c) for i in ids))  # 25 ids, 16 digits
    done = pmi("show", "--index", str(index_path), first)
    assert done.exit_code == 2 and "more than one id" in done.stderr


@pytest.mark.parametrize("args", [["search", "-s", "\udcff", "x"], ["show", "\udcff"], ["search", "\udcff"]])
def test_undecodable_bytes_are_a_one_line_usage_error(pmi, index_path: Path, args):
    done = pmi(*args, "--index", str(index_path))
    assert done.exit_code == 2
    assert "not valid UTF-8" in done.stderr and "\\xff" in done.stderr
