"""Click parameter types that validate user input before it reaches the library (bad input exits 2)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from pmi_aggregator.errors import BadDateArgument
from pmi_aggregator.normalize.date_args import parse_date_arg


class DateArg(click.ParamType):
    """A date in the grammar of ``normalize.date_args``, converted to a UTC datetime."""

    name = "date"

    def __init__(self, *, end: bool = False) -> None:
        self.end = end

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> datetime | None:
        if isinstance(value, datetime) or value is None:
            return value
        option = param.opts[0] if param is not None and param.opts else "date"
        try:
            return parse_date_arg(_utf8(value, self, param, ctx), end=self.end, name=option)
        except BadDateArgument as exc:
            self.fail(str(exc), param, ctx)


class Utf8Text(click.ParamType):
    """Text that can be printed and stored: bytes that are not UTF-8 (``$'\\xff'``) are refused."""

    name = "text"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        return _utf8(value, self, param, ctx)


def _utf8(value: Any, kind: click.ParamType, param: click.Parameter | None, ctx: click.Context | None) -> str:
    text = str(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = text.encode("utf-8", "surrogateescape")  # how the shell's bytes arrive
        except UnicodeEncodeError:
            raw = text.encode("utf-8", "backslashreplace")
        shown = raw.decode("utf-8", "backslashreplace")
        kind.fail(f"{shown!r} is not valid UTF-8 text", param, ctx)
    return text


TEXT = Utf8Text()


index_option = click.option(
    "--index",
    "index_spec",
    envvar="PMI_INDEX",
    help="Index path, sqlite:///path.db or http(s)://elasticsearch:9200 (default: the data folder).",
)
