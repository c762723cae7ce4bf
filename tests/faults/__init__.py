"""A fault-injecting WordPress-like server for reliability tests (see ``tests.faults.server``)."""

from tests.faults.server import PAGE_FAULTS, FaultServer, FaultSite

__all__ = ["PAGE_FAULTS", "FaultServer", "FaultSite"]
