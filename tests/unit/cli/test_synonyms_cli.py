"""`pmi search --explain`, `--exact`, and synonym groups from the config file."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pmi_aggregator import open_index
from pmi_aggregator.cli import cli


def _index(tmp_path: Path) -> str:
    path = str(tmp_path / "pmi.db")
    with open_index(path) as index:
        index.upsert(
            [
                {"url": "https://x.example/1", "source": "x", "title": "Nasib TKI", "body": "TKI di Sabah."},
                {
                    "url": "https://x.example/2",
                    "source": "x",
                    "title": "Pembantu",
                    "body": "Pembantu di Taipei.",
                },
            ]
        )
    return path


def test_explain_shows_the_synonyms_and_exact_turns_them_off(tmp_path: Path):
    index = _index(tmp_path)
    done = CliRunner().invoke(cli, ["search", "TKI", "--index", index, "--explain"])
    assert done.exit_code == 0 and "tki: also tkw, bmi, buruh migran" in done.stderr
    done = CliRunner().invoke(
        cli, ["search", "TKI", "--index", index, "--explain", "--exact", "--format", "json"]
    )
    assert done.exit_code == 0 and '"expansion": []' in done.stdout


def test_config_groups_extend_the_built_in_table(tmp_path: Path):
    index = _index(tmp_path)
    config = tmp_path / "config.toml"
    config.write_text('[synonyms]\ngroups = [["PRT", "pembantu"]]\n', encoding="utf-8")
    done = CliRunner().invoke(
        cli, ["--config", str(config), "search", "PRT", "--index", index, "--format", "jsonl"]
    )
    assert done.exit_code == 0 and "Pembantu" in done.stdout
    done = CliRunner().invoke(
        cli, ["--config", str(config), "search", "TKI", "--index", index, "--format", "jsonl"]
    )
    assert "Nasib TKI" in done.stdout  # the built-in groups still apply


def test_a_bad_synonym_table_is_one_line_and_exit_4(tmp_path: Path):
    config = tmp_path / "config.toml"
    config.write_text('[synonyms]\ngroups = [["only one"]]\n', encoding="utf-8")
    done = CliRunner().invoke(cli, ["--config", str(config), "search", "x", "--index", _index(tmp_path)])
    assert done.exit_code == 4
    assert [line for line in done.stderr.splitlines() if line.startswith("Error")] == [
        line for line in done.stderr.splitlines() if line.strip()
    ]
    assert "[synonyms] each group must list 2 to 50" in done.stderr
