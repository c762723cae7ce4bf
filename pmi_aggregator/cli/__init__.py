"""The ``pmi`` command line, on top of the library (which never imports it)."""

from pmi_aggregator.cli.commands import cli, main

__all__ = ["cli", "main"]
