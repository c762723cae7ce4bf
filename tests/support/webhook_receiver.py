"""A local webhook receiver: records every POST (its Idempotency-Key and JSON body) and answers with
the statuses it is given, then 200; ``on_post`` runs before it answers (to kill the sender, say)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class WebhookReceiver:
    def __init__(self, statuses: list[int] | None = None, on_post: Callable[[], None] | None = None) -> None:
        self.statuses = list(statuses or [])
        self.on_post = on_post
        self.posts: list[tuple[str, dict[str, Any]]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                receiver.posts.append((self.headers["Idempotency-Key"], body))
                if receiver.on_post is not None:
                    receiver.on_post()
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/hook"

    def delivered_ids(self) -> dict[str, list[str]]:
        """Article ids by delivery key, a key received twice counted once (what a receiver keeps)."""
        return {key: [a["article_id"] for a in body["articles"]] for key, body in self.posts}

    def __enter__(self) -> WebhookReceiver:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
