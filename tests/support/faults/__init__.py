"""A fault-injecting WordPress-like server for reliability tests (see ``tests.support.faults.server``)."""

from tests.support.faults.server import PAGE_FAULTS, FaultServer, FaultSite

__all__ = ["PAGE_FAULTS", "FaultServer", "FaultSite"]
