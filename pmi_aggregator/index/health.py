"""``pmi index check`` and ``pmi index repair`` for any index spec, whichever backend it names.

A damaged embedded file cannot even be opened as an index, so its checks work on the file; an
Elasticsearch cluster keeps its own replicas, so its repair is advice, not a rebuild.
"""

from __future__ import annotations

from pathlib import Path

from pmi_aggregator.errors import IndexUnavailable
from pmi_aggregator.index.damage import damaged
from pmi_aggregator.index.location import is_remote, sqlite_path

ELASTIC_REPAIR = (
    "Elasticsearch repairs its own shards from replicas: restore a snapshot if the health is red, "
    "or run `pmi index migrate --force` to rebuild the index behind the alias from its documents"
)


def _file(spec: str) -> Path:
    path = sqlite_path(spec)
    if path == ":memory:":
        raise IndexUnavailable("an in-memory index has nothing to check")
    return Path(path)


def check_index(spec: str) -> list[str]:
    """One line per problem of the index ``spec`` names; empty when it is sound."""
    if is_remote(spec):
        from pmi_aggregator.index.elastic import ElasticIndex

        index = ElasticIndex(spec)
        try:
            return index.problems()
        finally:
            index.close()
    from pmi_aggregator.index import sqlite_health

    return sqlite_health.check(_file(spec))


def raise_if_damaged(spec: str) -> None:
    """IndexDamaged (exit 4) when a quick look finds the embedded file damaged; a cluster: nothing."""
    if is_remote(spec) or sqlite_path(spec) == ":memory:":
        return
    from pmi_aggregator.index import sqlite_health

    path = _file(spec)
    problem = sqlite_health.quick_problem(path)
    if problem is not None:
        raise damaged(path, problem)


def repair_index(spec: str) -> str:
    """Rebuild a damaged embedded index (the caller holds the crawl lock); one line saying what was done."""
    if is_remote(spec):
        return ELASTIC_REPAIR
    from pmi_aggregator.index import sqlite_health

    path = _file(spec)
    done = sqlite_health.repair(path)
    aside = f"the damaged file is kept as {done.set_aside}"
    if not done.readable:
        return f"nothing in {path} could be read: it starts empty (crawl again with --full); {aside}"
    lost = (
        f"; {done.lost} rows could not be read (crawl again with --full to fetch them)" if done.lost else ""
    )
    return f"rebuilt {path} from {done.kept} stored articles{lost}; {aside}"
