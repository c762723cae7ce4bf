"""Why a delivery did not happen: the batch waits for the next run, unless retrying cannot help."""

from __future__ import annotations

MAX_REASON = 300


class DeliveryFailed(Exception):
    """One line for the user; ``permanent`` when the receiver refused the batch itself (it becomes a
    dead letter at once instead of being retried run after run)."""

    def __init__(self, reason: str, *, permanent: bool = False) -> None:
        # part of it is the receiver's text (an SMTP reply), shown later in a terminal: printable only
        super().__init__("".join(c if c.isprintable() else " " for c in reason)[:MAX_REASON])
        self.permanent = permanent
