"""The exceptions a user can meet, each with the exit code the CLI gives it (see the README's table).

The CLI maps an exception to its exit code by type, never by its message: messages come from other
programs too (Elasticsearch's own text), and a word in them must not change the outcome.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_SOURCES_FAILED = 1
EXIT_USAGE = 2
EXIT_LOCKED = 3
EXIT_UNAVAILABLE = 4
EXIT_INTERNAL = 70


class PmiError(Exception):
    """A failure the user can act on; the message is one line that says what to do."""

    exit_code = EXIT_INTERNAL


class UsageError(PmiError, ValueError):
    """Bad input from the user: an option value, a date, a query, a cursor."""

    exit_code = EXIT_USAGE


class ConfigError(PmiError):
    """The configuration cannot be used; the message names the file and the problem."""

    exit_code = EXIT_UNAVAILABLE


class UnknownSource(ConfigError, UsageError):
    """A source named on the command line that no configuration defines."""

    exit_code = EXIT_USAGE


class BadDateArgument(ConfigError, UsageError):
    """A ``--since``/``--from``/``--to`` value outside the documented grammar."""

    exit_code = EXIT_USAGE


class IndexFailure(PmiError):
    """An index operation failed; the message is one line a user can act on."""

    exit_code = EXIT_UNAVAILABLE


class IndexWriteFailed(IndexFailure):
    """A write the index refused for now (read-only, disk full, locked): not corruption; the articles
    are retried by the next run. ``kind`` names the cause (``index.write_failures``)."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


class IndexUnavailable(IndexFailure):
    """The index cannot be reached or opened (network, permissions, credentials)."""


class IndexDamaged(IndexUnavailable):
    """The index file itself is damaged (not merely busy, read-only or full): its message points at
    ``pmi index check`` and ``pmi index repair``."""


class InvalidRequest(IndexFailure, UsageError):
    """Search arguments the index cannot take (a bad limit, sort, date range or cursor)."""

    exit_code = EXIT_USAGE


class QueryError(UsageError):
    """A query that cannot be searched (too long, too many clauses)."""


class LockBusy(PmiError):
    """Another crawl holds the lock on this index."""

    exit_code = EXIT_LOCKED


class CrawlError(PmiError):
    """A crawl could not run at all (as opposed to a source failing within it)."""

    exit_code = EXIT_UNAVAILABLE
