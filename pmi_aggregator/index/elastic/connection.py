"""Where a cluster is and how to say what went wrong: URL forms, credentials, error messages.

Where the cluster is (``url``):
  ``http://localhost:9200``, ``https://host:9200``  a node (``es+http(s)://`` is the same; without a
                                                   port, http means 9200 and https 443)
  ``https://user:password@host:9200``              basic auth, taken out of the URL (percent-encode ``@``)
  ``es+cloud://`` or ``elasticsearch://cloud``     Elastic Cloud; the Cloud ID comes from ``PMI_ES_CLOUD_ID``
  ``…/name``                                       the last path segment names the alias (default
                                                   ``pmi-articles``); segments before it are a proxy's prefix
Credentials not in the URL: ``PMI_ES_API_KEY``, else ``PMI_ES_USERNAME`` and ``PMI_ES_PASSWORD``.
TLS certificates are always verified; ``ca_certs`` names a private CA bundle. Credentials never appear
in ``url``, ``repr()``, log lines or error messages; ``connection_spec()`` keeps the URL as given.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from pmi_aggregator.errors import IndexUnavailable

RETRY_STATUSES = frozenset({429, 502, 503, 504})
ALIAS_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,200}")
ERRNO = re.compile(r"\[Errno -?\d+\] [^)'\"]+")


@dataclass(frozen=True)
class Target:
    """Where a cluster is, read from an index URL."""

    client: dict[str, Any]
    """``hosts`` (with any path prefix of a proxy) or ``cloud_id``."""
    auth: dict[str, Any]
    alias: str | None
    """The URL's last path segment, if any."""


def target(spec: str, env: Mapping[str, str]) -> Target:
    """Where the cluster is: ``http(s)://[user:pw@]host[:port][,host[:port]…][/alias]``, or es+cloud://."""
    try:
        parts = urlsplit(spec)
    except ValueError:
        raise IndexUnavailable("invalid Elasticsearch URL; use http(s)://host:port[/alias]") from None
    scheme = parts.scheme.lower().removeprefix("es+")
    prefix, _, last = parts.path.rstrip("/").rpartition("/")
    auth = auth_of(parts.username, parts.password, env)
    if scheme == "cloud" or (scheme == "elasticsearch" and parts.netloc.rpartition("@")[2] == "cloud"):
        cloud_id = env.get("PMI_ES_CLOUD_ID", "").strip()
        if not cloud_id:
            raise IndexUnavailable("set PMI_ES_CLOUD_ID to your deployment's Cloud ID to use es+cloud://")
        return Target({"cloud_id": cloud_id}, auth, unquote(last) or None)
    if scheme not in ("http", "https") or not parts.hostname:
        raise IndexUnavailable(f"unsupported Elasticsearch URL {parts.scheme}://…; use http(s)://host:port")
    hosts = [_host(scheme, host, prefix) for host in parts.netloc.rpartition("@")[2].split(",")]
    return Target({"hosts": hosts}, auth, unquote(last) or None)


def _host(scheme: str, host: str, prefix: str) -> str:
    """One node of the URL's comma-separated list, with its port (the scheme's default if none)."""
    try:
        node = urlsplit(f"{scheme}://{host}")
        port = node.port
    except ValueError:
        node, port = None, None
    if node is None or not node.hostname:
        raise IndexUnavailable("invalid Elasticsearch URL; use http(s)://host:port[,host:port…][/alias]")
    default_port = "" if port else f":{9200 if scheme == 'http' else 443}"
    return f"{scheme}://{host}{default_port}{prefix}"


def with_alias(spec: str, alias: str, has_alias: bool) -> str:
    """``spec`` naming ``alias`` as its last path segment (replacing the one it had, if any)."""
    parts = urlsplit(spec)
    path = parts.path.rstrip("/")
    path = (path.rpartition("/")[0] if has_alias else path) + "/" + alias
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, parts.fragment))


def auth_of(username: str | None, password: str | None, env: Mapping[str, str]) -> dict[str, Any]:
    """Basic auth from the URL, else an API key, else user and password from the environment."""
    if username:
        return {"basic_auth": (unquote(username), unquote(password or env.get("PMI_ES_PASSWORD", "")))}
    if env.get("PMI_ES_API_KEY"):
        return {"api_key": env["PMI_ES_API_KEY"]}
    if env.get("PMI_ES_USERNAME"):
        return {"basic_auth": (env["PMI_ES_USERNAME"], env.get("PMI_ES_PASSWORD", ""))}
    return {}


def secrets_of(auth: Mapping[str, Any]) -> tuple[str, ...]:
    values = [auth.get("api_key"), *(auth.get("basic_auth") or ())[1:]]
    found = {v for v in values if isinstance(v, str) and len(v) >= 3}
    return tuple(found | {quote(v, safe="") for v in found})


def one_line(text: str, limit: int = 400) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def error_parts(body: Any) -> tuple[str, str, str | None]:
    """(type, reason, index) of an Elasticsearch error body, whatever its shape."""
    error = body.get("error") if isinstance(body, dict) else body
    if not isinstance(error, dict):
        return "", str(error or ""), None
    cause = (error.get("root_cause") or [error])[0]
    return str(error.get("type", "")), str(cause.get("reason") or error.get("reason", "")), cause.get("index")


def api_message(
    where: str, alias: str, status: int, kind: str, reason: str, index: str | None
) -> tuple[bool, str]:
    """(whether the cluster is unavailable rather than the request wrong, what to do) for an error."""
    index = index or alias
    if status == 401:
        credentials = "user:password in the URL, PMI_ES_USERNAME/PMI_ES_PASSWORD or PMI_ES_API_KEY"
        return True, f"{where} rejected the credentials (401); check {credentials}"
    if kind == "cluster_block_exception":
        return (
            False,
            f"{index} is read-only ({reason}); a migration may be running or the disk is full: retry later",
        )
    if status == 403:
        return True, f"{where} denied access (403: {reason}); grant the user read/write/manage on {alias}*"
    if kind == "index_closed_exception":
        return True, f"the index {index} behind {alias} is closed; reopen it (POST /{index}/_open) and retry"
    if status == 429:
        return True, f"{where} is overloaded (429 {kind}); retry later or send smaller batches"
    if kind == "index_not_found_exception":
        return True, f"no index {index} at {where}; run `pmi index migrate` to create it"
    if status >= 500:
        return True, f"{where} failed ({status} {kind}: {reason}); retry later"
    hint = "if the index mapping was changed by hand, run `pmi index migrate`"
    return False, f"{where} rejected the request ({status} {kind}: {reason}); {hint}"
