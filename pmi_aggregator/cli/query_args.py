"""Query words on the command line: ``pmi search pekerja migran -malaysia`` is one query.

Click reads every token that starts with "-" as an option, so an exclusion such as ``-malaysia`` would
be "no such option". A token that starts with one "-" and is not an option of the command is a query
word; so is everything after ``--``. Short options therefore take their value apart (``-n 5``).
"""

from __future__ import annotations

from collections.abc import Sequence

import click


class QueryCommand(click.Command):
    """A command whose variadic argument takes ``-word`` exclusions."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, move_exclusions(args, self.get_params(ctx)))


def move_exclusions(args: Sequence[str], params: Sequence[click.Parameter]) -> list[str]:
    """The same arguments, with the ``-word`` tokens that are not options moved after ``--``."""
    options = {
        name: param
        for param in params
        if isinstance(param, click.Option)
        for name in (*param.opts, *param.secondary_opts)
    }
    split = args.index("--") if "--" in args else len(args)
    kept: list[str] = []
    words: list[str] = []
    wants_value = False
    for token in args[:split]:
        if wants_value:
            kept.append(token)
            wants_value = False
            continue
        option = options.get(token.split("=", 1)[0] if token.startswith("--") else token)
        if option is not None:
            kept.append(token)
            wants_value = not (option.is_flag or option.count) and "=" not in token
        elif token.startswith("-") and not token.startswith("--") and len(token) > 1:
            words.append(token)
        else:
            kept.append(token)
    if not words:
        return list(args)
    return [*kept, "--", *words, *args[split + 1 :]]
