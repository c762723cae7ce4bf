"""``Index.stats`` on Elasticsearch: a ``date_histogram`` in WIB, under a ``terms`` split when asked."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pmi_aggregator.index.periods import PERIOD_LABEL_LENGTH, PERIOD_ZONE, PeriodRow


def period_aggregations(by: str, split: str | None, limit: int) -> dict[str, Any]:
    """Per period (calendar periods in WIB; ES weeks start on Monday) and the undated ones apart."""
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
    if split is None:
        return per_period
    order = [{"_count": "desc"}, {"_key": "asc"}]
    return {"split": {"terms": {"field": split, "size": limit, "order": order}, "aggs": per_period}}


def period_rows(aggregations: Mapping[str, Any], by: str) -> Iterator[PeriodRow]:
    """The aggregations' buckets as (period label, split value, count) rows."""
    groups = aggregations["split"]["buckets"] if "split" in aggregations else [aggregations]
    for group in groups:
        value = group.get("key")
        for bucket in group["periods"]["buckets"]:
            yield bucket["key_as_string"][: PERIOD_LABEL_LENGTH[by]], value, bucket["doc_count"]
        if group["undated"]["doc_count"]:
            yield None, value, group["undated"]["doc_count"]
