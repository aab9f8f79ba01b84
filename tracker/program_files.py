"""The in-page views' programs as immutable files, so a second visit and every reload fetch them from the cache.

A program (the whole timeline, built once per data version) travelled inside every `/_dash-layout` response: 202
KB at 1x, 17.5 MB at 100x, never cached. Now the layout carries only its URL, `/_program/<view>/<hash>.json`, named
by the SHA-256 of the JSON itself (new data or new code: a new name), and sent with `Cache-Control: public,
max-age=31536000, immutable`; the page fetches it (assets/clientside.js, fetchPrograms), and the index page preloads
the current one so that it arrives with the scripts. The last few programs stay servable, so that a page whose
layout is a little older than the data can still fetch its own.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable

from flask import Flask, Response, abort, g
from plotly.io.json import to_json_plotly

from tracker.asset_urls import IMMUTABLE

ROUTE = "_program"
KEPT = 6  # programs servable at once: the current ones and a few before them


class ProgramFiles:
    """Program JSON per (view, data version), encoded once, served by content hash."""

    def __init__(self, server: Flask, prefix: str, build: Callable[[str, object], dict]):
        self.prefix = prefix  # Dash's requests_pathname_prefix, e.g. "/"
        self._build = build  # (view id, dataset) -> the view's program
        self._by_version: OrderedDict[tuple[str, str], str] = OrderedDict()  # (view, data version) -> hash
        self._bodies: OrderedDict[str, bytes] = OrderedDict()  # hash -> JSON
        self._lock = threading.Lock()
        server.add_url_rule(f"{prefix}{ROUTE}/<view>/<name>.json", "program_file", self._serve)

    def url(self, view: str, dataset) -> str:
        """The URL of `view`'s program of `dataset`, building and keeping it on first use."""
        key = (view, dataset.version)
        with self._lock:
            digest = self._by_version.get(key)
        if digest is None:
            body = to_json_plotly(self._build(view, dataset)).encode()
            digest = hashlib.sha256(body).hexdigest()[:16]
            with self._lock:
                self._by_version[key] = digest
                self._bodies[f"{view}/{digest}"] = body
                for kept in (self._by_version, self._bodies):  # one entry each per build: they stay in step
                    while len(kept) > KEPT:
                        kept.popitem(last=False)
        return f"{self.prefix}{ROUTE}/{view}/{digest}.json"

    def _serve(self, view: str, name: str) -> Response:
        with self._lock:
            body = self._bodies.get(f"{view}/{name}")
        if body is None:
            abort(404, "no such program (the data changed: reload the page)")
        response = Response(body, mimetype="application/json")
        response.headers["Cache-Control"] = IMMUTABLE
        g.immutable = True  # compressed once (asset_urls.ImmutableBodies)
        return response
