"""The ``pmi`` command line, on top of the library (which never imports it).

``main`` imports the commands only when it runs, inside its own Ctrl-C handling: a Ctrl-C while
Python is still loading click, Scrapy's helpers and the rest ends with status 130 and no traceback.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pmi_aggregator.cli.commands import cli

__all__ = ["cli", "main"]

EXIT_INTERRUPTED = 130


def main(argv: list[str] | None = None) -> None:
    try:
        from pmi_aggregator.cli.commands import main as run
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted.\n")
        raise SystemExit(EXIT_INTERRUPTED) from None
    run(argv)


def __getattr__(name: str) -> Any:
    if name == "cli":
        from pmi_aggregator.cli.commands import cli

        return cli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
