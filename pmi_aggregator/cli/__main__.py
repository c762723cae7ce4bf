"""``python -m pmi_aggregator.cli`` is ``pmi``."""

from pmi_aggregator.cli import main

main()
