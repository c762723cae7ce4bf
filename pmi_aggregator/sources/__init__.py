"""The source registry: built-in declarative sources merged with the user's configuration."""

from pmi_aggregator.sources.registry import Politeness, Source, load_sources, select_sources

__all__ = ["Politeness", "Source", "load_sources", "select_sources"]
