"""``pmi serve``: the web UI and JSON API over an index, on 127.0.0.1 unless a token allows more."""

from __future__ import annotations

import click

from pmi_aggregator.cli.index_access import open_existing
from pmi_aggregator.cli.params import TEXT, index_option
from pmi_aggregator.config import load_config
from pmi_aggregator.errors import UsageError


@click.command()
@click.option("--host", type=TEXT, default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@index_option
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, index_spec: str | None) -> None:
    """Serve a search page, the watches' feeds and a JSON API (/api/search, /api/facets, /api/stats, …).

    Read-only. Another address than a loopback one needs `[web] token = "…"` in the config file;
    every request must then carry it (open the page once with ?token=…, or send `Authorization:
    Bearer …`).
    """
    import uvicorn

    from pmi_aggregator.web.app import create_app
    from pmi_aggregator.web.security import is_loopback

    config_path = ctx.obj.get("config_path")
    token = load_config(config_path).web_token
    loopback = is_loopback(host)
    if not loopback and token is None:
        raise UsageError(f"serving on {host} needs a token: set [web] token in the config file (`pmi info`)")
    with open_existing(index_spec, config_path) as index:
        app = create_app(index, config_path=config_path, token=token, check_host=loopback)
        shown = f"[{host}]" if ":" in host else host
        click.echo(f"pmi serve: http://{shown}:{port}/ (Ctrl-C stops)", err=True)
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
