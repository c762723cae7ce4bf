"""``Index.stats`` on Elasticsearch: a ``date_histogram`` in WIB, under a ``terms`` split when asked."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pmi_aggregator.index.periods import PERIOD_LABEL_LENGTH, PERIOD_ZONE, PeriodRow

STORY_PRECISION = 40_000
"""Story counts (``collapse``) are cardinality aggregations: exact below this many stories a bucket."""
SPLITS_WHEN_COLLAPSED = 1_000
"""With ``collapse`` every split value is asked for, so the kept ones are those with most stories summed
over the periods, as on SQLite (a terms aggregation cannot order by that sum)."""


def period_aggregations(by: str, split: str | None, limit: int, collapse: bool = False) -> dict[str, Any]:
    """Per period (calendar periods in WIB; ES weeks start on Monday) and the undated ones apart; with
    ``collapse`` each bucket also counts its distinct stories."""
    per_period: dict[str, Any] = {
        "periods": {
            "date_histogram": {
                "field": "published_at",
                "calendar_interval": by,
                "time_zone": PERIOD_ZONE,
                "format": "yyyy-MM-dd",
                "min_doc_count": 1,
            }
        },
        "undated": {"missing": {"field": "published_at"}},
    }
    if collapse:
        stories = {"stories": {"cardinality": {"field": "story", "precision_threshold": STORY_PRECISION}}}
        for bucket in per_period.values():
            bucket["aggs"] = stories
    if split is None:
        return per_period
    order = [{"_count": "desc"}, {"_key": "asc"}]
    size = max(limit, SPLITS_WHEN_COLLAPSED) if collapse else limit
    return {"split": {"terms": {"field": split, "size": size, "order": order}, "aggs": per_period}}


def period_rows(aggregations: Mapping[str, Any], by: str, collapse: bool = False) -> Iterator[PeriodRow]:
    """The aggregations' buckets as (period label, split value, count) rows."""

    def count(bucket: Mapping[str, Any]) -> int:
        return int(bucket["stories"]["value"]) if collapse else int(bucket["doc_count"])

    groups = aggregations["split"]["buckets"] if "split" in aggregations else [aggregations]
    for group in groups:
        value = group.get("key")
        for bucket in group["periods"]["buckets"]:
            yield bucket["key_as_string"][: PERIOD_LABEL_LENGTH[by]], value, count(bucket)
        if group["undated"]["doc_count"]:
            yield None, value, count(group["undated"])
