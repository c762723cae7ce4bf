"""A damaged index file: found (exit 4, one line pointing at check and repair), checked and repaired.

Only real damage counts: a locked or read-only database is a write failure, never "damaged".
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from pmi_aggregator import open_index
from pmi_aggregator.cli import cli
from pmi_aggregator.errors import EXIT_OK, EXIT_UNAVAILABLE, IndexDamaged
from pmi_aggregator.index.damage import is_damage
from pmi_aggregator.index.health import check_index, raise_if_damaged
from tests.support.faults.damage import DAMAGES
from tests.unit.cli.conftest import ARTICLES, index_path  # noqa: F401 - the fixture


@pytest.fixture
def sound(index_path: Path) -> Path:  # noqa: F811 - the fixture imported above
    return index_path


def damaged_copy(sound: Path, damage: str) -> Path:
    DAMAGES[damage](sound)
    return sound


def pmi(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_a_sound_index_passes_every_check(sound):
    assert check_index(str(sound)) == []
    raise_if_damaged(str(sound))
    done = pmi("index", "check", "--index", str(sound))
    assert done.exit_code == EXIT_OK and "sound" in done.output


@pytest.mark.parametrize("damage", DAMAGES)
def test_check_finds_every_class_of_damage_and_exits_4(sound, damage):
    damaged_copy(sound, damage)
    assert check_index(str(sound))
    with pytest.raises(IndexDamaged, match="pmi index repair"):
        raise_if_damaged(str(sound))
    done = pmi("index", "check", "--index", str(sound))
    assert done.exit_code == EXIT_UNAVAILABLE
    assert "pmi index repair" in done.stderr and "Traceback" not in done.output


WORDS = ["search", "pekerja", "migran"]
EVERYTHING = [WORDS, ["search", "--limit", "500"], ["export"]]


@pytest.mark.parametrize(
    ("damage", "reads"),
    [
        ("fts structure", [WORDS]),  # a listing by date reads no full-text structure, and works
        ("articles page", EVERYTHING),
        ("truncated", EVERYTHING),
        ("not a database", EVERYTHING),
    ],
)
def test_reading_a_damaged_index_is_one_line_exit_4_pointing_at_the_commands(sound, damage, reads):
    damaged_copy(sound, damage)
    for args in reads:
        done = pmi(*args, "--index", str(sound))
        assert done.exit_code == EXIT_UNAVAILABLE, (args, done.output)
        assert done.stderr.count("\n") == 1, done.stderr
        assert "is damaged" in done.stderr and "pmi index check" in done.stderr


def test_repair_rebuilds_the_full_text_index_from_the_stored_articles(sound):
    damaged_copy(sound, "fts structure")
    done = pmi("index", "repair", "--index", str(sound))
    assert done.exit_code == EXIT_OK, done.output
    assert f"from {ARTICLES} stored articles" in done.stdout
    assert check_index(str(sound)) == []
    with open_index(str(sound)) as index:
        assert index.count() == ARTICLES
        assert len(index.search("sindikat", limit=500)) == len([n for n in range(ARTICLES) if n % 3])
    assert len(list(sound.parent.glob("pmi.db.corrupt-*"))) == 1


def test_repair_keeps_every_readable_article_and_counts_the_rest(sound):
    damaged_copy(sound, "articles page")
    done = pmi("index", "repair", "--index", str(sound))
    assert done.exit_code == EXIT_OK, done.output
    with open_index(str(sound)) as index:
        kept = index.count()
    assert 0 < kept < ARTICLES
    assert f"from {kept} stored articles; {ARTICLES - kept} rows could not be read" in done.stdout
    assert check_index(str(sound)) == []


def test_repair_of_an_unreadable_file_starts_empty_and_keeps_the_old_one(sound):
    damaged_copy(sound, "not a database")
    done = pmi("index", "repair", "--index", str(sound))
    assert done.exit_code == EXIT_OK and "nothing in" in done.stdout
    assert check_index(str(sound)) == []
    assert list(sound.parent.glob("pmi.db.corrupt-*"))


def test_repair_of_a_sound_index_changes_nothing(sound):
    before = sound.stat().st_mtime_ns
    done = pmi("index", "repair", "--index", str(sound))
    assert done.exit_code == EXIT_OK and "nothing to repair" in done.stdout
    assert sound.stat().st_mtime_ns == before and not list(sound.parent.glob("*.corrupt-*"))


def _error(connect, sql: str) -> sqlite3.DatabaseError:
    with pytest.raises(sqlite3.DatabaseError) as info:
        connect().execute(sql)
    return info.value


def test_a_locked_or_read_only_database_is_not_damage(sound):
    holder = sqlite3.connect(str(sound), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        locked = _error(lambda: sqlite3.connect(str(sound), timeout=0), "DELETE FROM articles")
    finally:
        holder.execute("ROLLBACK")
    read_only = _error(lambda: sqlite3.connect(f"file:{sound}?mode=ro", uri=True), "DELETE FROM articles")
    assert not is_damage(locked) and not is_damage(read_only)
    assert not is_damage(ValueError("database disk image is malformed"))


def test_real_damage_is_damage(sound):
    DAMAGES["not a database"](sound)
    assert is_damage(_error(lambda: sqlite3.connect(str(sound)), "SELECT * FROM articles"))
