"""``python -m pmi_aggregator.cli`` is ``pmi``."""

from pmi_aggregator.cli.commands import main

main()
