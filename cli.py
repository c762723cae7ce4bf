"""Run the ``pmi`` command from a checkout: ``python cli.py search …`` is ``pmi search …``."""

from pmi_aggregator.cli import main

if __name__ == "__main__":
    main()
