"""A reader that stops reading (``pmi search … | head -1``) ends the command quietly, like ``ls``."""

from __future__ import annotations

import contextlib
import io
import os
import sys


def silence_stdout() -> None:
    """Point stdout at the null device, so the interpreter's last flush cannot fail on the closed pipe."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def flush_stdout() -> bool:
    """Flush what is buffered; False (and stdout silenced) when the reader has gone."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        return False
    except ValueError:  # already closed
        return True
    return True
