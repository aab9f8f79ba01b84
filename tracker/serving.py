"""`python -m tracker serve`: bind the port first and build the app in a background thread.

Importing pandas, Dash's components and our modules and reading the data take most of a cold start. Until the
app is built, `/` answers 200 with a small page that reloads itself every second ("Loading the dataset") and every
other path answers 503 with Retry-After, so a browser opened at once sees a loading state instead of a refused
connection. Gunicorn (`tracker.app:server`) builds the app as before.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable

from werkzeug.serving import WSGIRequestHandler, run_simple

log = logging.getLogger("tracker.serve")
LOADING_PAGE = (b'<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="1">'
                b"<title>DPRK launches and the UN Security Council</title></head><body><p>Loading the dataset; "
                b"this page reloads itself in a moment.</p></body></html>")
HEADERS = [("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"),
           ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"), ("Cache-Control", "no-store")]


class QuietHandler(WSGIRequestHandler):
    def version_string(self) -> str:  # no Werkzeug/Python versions in a Server header
        return "tracker"


class StartingApp:
    """A WSGI app that is the real one once `build()` has returned, and a loading state until then."""

    def __init__(self, build: Callable[[], Callable]):
        self._app: Callable | None = None
        threading.Thread(target=self._build, args=(build,), name="build-app", daemon=True).start()

    def _build(self, build: Callable[[], Callable]) -> None:
        try:
            self._app = build()
        except BaseException:  # noqa: BLE001 - a server that can never start must not look like it is loading
            log.exception("the dashboard could not be built")
            os._exit(1)
        log.info("dashboard ready")

    def __call__(self, environ, start_response):
        app = self._app
        if app is not None:
            return app(environ, start_response)
        if environ.get("PATH_INFO", "/") == "/":
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), *HEADERS])
            return [LOADING_PAGE]
        start_response("503 Service Unavailable", [("Content-Type", "text/plain"), ("Retry-After", "1"), *HEADERS])
        return [b"starting\n"]


def serve_background(build: Callable[[], Callable], host: str, port: int) -> None:
    run_simple(host, port, StartingApp(build), threaded=True, request_handler=QuietHandler)
