"""Driving the index pipeline without a reactor: a batch written and settled in the test's thread."""

from __future__ import annotations

from pmi_aggregator.article import Article
from pmi_aggregator.crawler.pipelines import IndexPipeline


def write_through(pipeline: IndexPipeline, *batches: list[Article]) -> None:
    """Each batch as the pipeline's flush handles it: written (in the writer thread there), then
    settled (on the reactor's thread there); then the index is closed, as at the spider's end."""
    for batch in batches:
        pipeline.settle(*pipeline._write(batch))
    assert pipeline.index is not None
    pipeline.index.close()
    if pipeline.linking is not None:
        pipeline.linking.close()
