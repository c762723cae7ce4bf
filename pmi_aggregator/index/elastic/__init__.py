"""The Elasticsearch backend: the same query language, analysis and results as the embedded index.

The test node (and many managed clusters) has no Indonesian analyzer, so the project's own analysis
runs here, client-side, and the analyzed terms go into ``title_terms``/``body_terms`` (``whitespace``
analyzer, part of the server core). A query is parsed with ``parse_query`` and rendered to a bool query
over those fields, so both backends match the same documents.

Documents live in a versioned index (``pmi-articles-v1``) behind the alias; ``migrate()`` moves them to
a new index when ``MAPPING_VERSION`` changes and swaps the alias atomically, so searches never stop.

Modules: ``connection`` (URL forms, credentials, error messages), ``mapping`` (the document layout),
``query`` (query rendering), ``backend`` (``ElasticIndex``).
"""

from pmi_aggregator.index.elastic.backend import BATCH_SIZE, DEFAULT_ALIAS, ElasticIndex
from pmi_aggregator.index.elastic.mapping import MAPPING, MAPPING_VERSION, document, version_hash
from pmi_aggregator.index.elastic.query import render_query

__all__ = [
    "BATCH_SIZE",
    "DEFAULT_ALIAS",
    "MAPPING",
    "MAPPING_VERSION",
    "ElasticIndex",
    "document",
    "render_query",
    "version_hash",
]
