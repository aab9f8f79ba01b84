"""Content-fingerprinted asset URLs with long cache lifetimes, so that a returning browser fetches only what changed.

Dash links each file of the assets folder as `/assets/<path>?m=<mtime>`, and Flask serves it with `no-cache`: the
browser asks again on every visit. Here the page links `/assets/<path>?v=<hash>` instead (the first 16 hex digits of
the file's SHA-256), and a response to an asset URL whose `v` is the file's current hash is sent with
`Cache-Control: public, max-age=31536000, immutable`. A changed file gets a new URL; an old or made-up `v` gets the
file with `no-cache`, as before. An mtime is no fingerprint: unpacked or copied files can share one across versions.
Dash's component suites are fingerprinted by Dash (version and mtime in the name, a year's max-age); they are marked
immutable too, and so is Dash's favicon URL, which carries Dash's version. Immutable responses are compressed once:
`ImmutableBodies` is Flask-Compress's cache for them (and only them), so a first visit does not cost the server a
fresh zstd of every script.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import dash
from flask import Response, g, request

Head = Callable[["AssetFingerprints"], str]
YEAR = 31536000
IMMUTABLE = f"public, max-age={YEAR}, immutable"


class AssetFingerprints:
    """Hashes of the files in one assets folder, recomputed when a file's size or mtime changes."""

    def __init__(self, folder: Path, url_prefix: str):
        self.folder = folder.resolve()
        self.url_prefix = url_prefix  # e.g. "/assets/"
        self._linked = re.compile(r'(?P<attr>src|href)="' + re.escape(url_prefix) + r'(?P<path>[^"?#]+)\?m=[0-9.]+"')

    def of(self, relative: str) -> str | None:
        """The fingerprint of `relative` (a URL path under the prefix), or None if it is no file in the folder."""
        path = (self.folder / relative).resolve()
        if not path.is_relative_to(self.folder) or not path.is_file():
            return None
        stat = path.stat()
        return _sha256_prefix(path, stat.st_mtime_ns, stat.st_size)

    def url(self, relative: str) -> str:
        return f"{self.url_prefix}{relative}?v={self.of(relative)}"

    def rewrite(self, page: str) -> str:
        """Dash's `?m=<mtime>` asset links in an index page, as `?v=<hash>` links."""
        def fingerprinted(match: re.Match) -> str:
            found = self.of(match["path"])
            return match[0] if found is None else f'{match["attr"]}="{self.url_prefix}{match["path"]}?v={found}"'
        return self._linked.sub(fingerprinted, page)

    def cache_control(self, path: str, version: str | None) -> str | None:
        """The header for a request of `path` with `?v=version`: immutable when it names the current content."""
        if not path.startswith(self.url_prefix) or not version:
            return None
        return IMMUTABLE if self.of(path[len(self.url_prefix):]) == version else None


def script_json(element_id: str, value) -> str:
    """A JSON data block for a page's head (`<script type="application/json">`: data, not code); no '<' survives,
    so no value can end the element early."""
    text = json.dumps(value, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def preload(url: str, kind: str) -> str:
    """A preload link: the browser fetches `url` while it reads the page's scripts, not after."""
    cors = " crossorigin" if kind == "fetch" else ""  # fetch() asks in cors mode; the preload must match
    return f'<link rel="preload" href="{url}" as="{kind}"{cors}>'


class ImmutableBodies:
    """Flask-Compress's cache backend (`COMPRESS_CACHE_BACKEND`, keyed by encoding and URL): it keeps the compressed
    bodies of the responses this module marked immutable in `flask.g`, the last 64, and nothing else."""

    def __init__(self, limit: int = 64):
        self._bodies: OrderedDict[str, bytes] = OrderedDict()
        self._limit = limit
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        if not g.get("immutable"):
            return None
        with self._lock:
            return self._bodies.get(key)

    def set(self, key: str, value: bytes) -> None:
        if g.get("immutable"):
            with self._lock:
                self._bodies[key] = value
                while len(self._bodies) > self._limit:
                    self._bodies.popitem(last=False)


def cache_key(req) -> str:
    return req.full_path


@lru_cache(maxsize=256)
def _sha256_prefix(path: Path, _mtime_ns: int, _size: int) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:16]


def fingerprint_assets(app: dash.Dash, head: Head | None = None) -> AssetFingerprints:
    """Link `app`'s assets by content hash and send them (and Dash's fingerprinted files) with long lifetimes.
    Call it after `Compress(app.server)`: its response hook must run before Flask-Compress's.

    `head`: a function of the fingerprints that returns HTML for the end of every index page's head (data blocks
    made by `script_json`, preload links: nothing the CSP would have to allow)."""
    fingerprints = AssetFingerprints(Path(app.config.assets_folder), app.get_asset_url(""))
    index = app.interpolate_index
    favicon = f"{app.config.requests_pathname_prefix}_favicon.ico"

    def interpolate_index(**parts) -> str:
        page = fingerprints.rewrite(index(**parts))
        return page.replace("</head>", (head(fingerprints) if head else "") + "</head>", 1)

    app.interpolate_index = interpolate_index

    @app.server.after_request
    def long_lifetimes(response: Response) -> Response:
        if request.method != "GET" or response.status_code != 200:
            return response
        version = request.args.get("v")
        header = fingerprints.cache_control(request.path, version)
        if header is None and request.path == favicon and version == dash.__version__:
            header = IMMUTABLE
        if header is None and "/_dash-component-suites/" in request.path and response.cache_control.max_age == YEAR:
            header = IMMUTABLE  # Dash gave it a year because its name holds the package version and mtime
        if header is not None:
            response.headers["Cache-Control"] = header
            g.immutable = True  # ImmutableBodies may keep its compressed body
            if response.is_streamed:  # a file: read it, so that Flask-Compress compresses it once, not per chunk
                response.direct_passthrough = False
                response.set_data(response.get_data())
        return response

    return fingerprints
