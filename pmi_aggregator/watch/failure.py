"""Why a delivery did not happen: the batch waits for the next run, unless retrying cannot help."""

from __future__ import annotations


class DeliveryFailed(Exception):
    """One line for the user; ``permanent`` when the receiver refused the batch itself (it becomes a
    dead letter at once instead of being retried run after run)."""

    def __init__(self, reason: str, *, permanent: bool = False) -> None:
        super().__init__(reason)
        self.permanent = permanent
