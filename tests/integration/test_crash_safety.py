"""Crash safety in CI: a few ``kill -9`` trials (``scripts/kill9-test`` runs 20 or more)."""

from __future__ import annotations

import pytest

from tests.support.faults import kill9

pytestmark = pytest.mark.slow


@pytest.mark.timeout(240)
def test_kill9_mid_crawl_keeps_the_index_consistent_and_the_next_run_completes():
    trials = kill9.run_trials(runs=3, seed=11, articles=60)  # one per discovery mode
    assert [t.mode for t in trials] == list(kill9.MODES)
    assert all(t.killed for t in trials)
    assert [t.problems for t in trials] == [[], [], []]
    assert all(t.final_count == 60 for t in trials)


@pytest.mark.elasticsearch
@pytest.mark.timeout(300)
def test_kill9_while_writing_to_elasticsearch_loses_nothing(es_url: str):
    from tests.support.faults import kill9_es

    trials = kill9_es.run_trials(es_url, runs=2, seed=5, articles=40)  # cluster up, then down (outbox)
    assert [t.mode for t in trials] == ["rest", "feed/down"]
    assert all(t.killed for t in trials)
    assert [t.problems for t in trials] == [[], []]
    assert all(t.final_count == 40 for t in trials)
