"""The Dash app factory, and `server` for `gunicorn tracker.app:server`.

Security by default: a Content-Security-Policy the page really satisfies, a Host-header allow list (DNS
rebinding), a cap on request bodies, callback bodies checked before Dash sees them, no server banner.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import dash
from dash.exceptions import DependencyException
from flask import Response, abort, request
from flask_compress import Compress

from tracker import plotly_bundles
from tracker.asset_urls import (AssetFingerprints, ImmutableBodies, cache_key, fingerprint_assets, preload,
                                script_json)
from tracker.callbacks import register_callbacks
from tracker.datastore import DataStore
from tracker.layout import page_layout
from tracker.paths import assets_folder, choose_data_folder
from tracker.program_files import ProgramFiles
from tracker.sharing import public_url as checked_public_url
from tracker.views import PAGE_DRAWN, view_named

log = logging.getLogger("tracker.app")
MAX_BODY_BYTES = 8 * 1024 * 1024  # the largest real callback (the table view's rows) is far below this
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def content_security_policy(app: dash.Dash) -> str:
    """A policy the page really satisfies: no inline script but Dash's own (by hash), nothing off-site."""
    hashes = " ".join(app.csp_hashes())  # already quoted: 'sha256-…'
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' {hashes}",
        "style-src 'self' 'unsafe-inline'",  # Plotly and AG Grid set inline styles
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def _host_name(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _guard_requests(app: dash.Dash, allowed_hosts: set[str]) -> None:
    policy = content_security_policy(app)
    callbacks = set(app.callback_map)

    @app.server.before_request
    def check_request():
        if allowed_hosts and _host_name(request.host) not in allowed_hosts:
            abort(400, "unknown Host header")
        if request.method == "POST" and request.path.endswith("/_dash-update-component"):
            body = request.get_json(silent=True)
            if not (isinstance(body, dict) and isinstance(body.get("output"), str) and body["output"] in callbacks
                    and isinstance(body.get("inputs", []), list) and isinstance(body.get("state", []), list)):
                abort(400, "malformed callback request")

    @app.server.errorhandler(DependencyException)
    def not_a_component_file(_exc):
        """Dash raises this for a component-suite path it does not serve (`dash/dash.py`, `os/passwd.js`, `..`):
        a 404 and one short line, not a 500 and a traceback per request."""
        log.info("404 %r: not a component file", request.path[:200])
        return Response("not found\n", status=404, mimetype="text/plain")

    @app.server.after_request
    def headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = policy
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        response.headers.pop("Server", None)
        return response


def grid_library_on_demand(app: dash.Dash) -> str:
    """The URL of AG Grid's component bundle (1.3 MB), which Dash serves but no longer links from every page: the
    page loads it when the Table view first opens (assets/clientside.js, loadGridLibrary)."""
    import dash_ag_grid
    from dash.fingerprint import build_fingerprint

    main = "dash_ag_grid.min.js"
    dash_ag_grid._js_dist = [{**r, "dynamic": True} if r.get("relative_package_path") == main else r
                             for r in dash_ag_grid._js_dist]
    modified = int((Path(dash_ag_grid.__file__).parent / main).stat().st_mtime)  # Dash's fingerprint, as Dash makes it
    return (f"{app.config.requests_pathname_prefix}_dash-component-suites/dash_ag_grid/"
            f"{build_fingerprint(main, dash_ag_grid.__version__, modified)}")


def allowed_host_names(bind_host: str | None, extra: tuple[str, ...] = ()) -> set[str]:
    """The names a browser may use to reach this server: loopback names, the bound address, and any extras."""
    names = {*LOCAL_HOSTS, *(h.lower() for h in extra)}
    if bind_host and bind_host not in ("0.0.0.0", "::"):
        names.add(_host_name(bind_host))
    if bind_host in ("0.0.0.0", "::") and not extra:
        return set()  # bound everywhere and told no names: the operator chose an open server
    return names


MAINTAINER_ENV = "TRACKER_MAINTAINER"  # "1": the page quotes the validator when the files are broken


def maintainer_mode() -> bool:
    return os.environ.get(MAINTAINER_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def create_app(data_dir: Path | str, bind_host: str | None = "127.0.0.1",
               extra_hosts: tuple[str, ...] = (), maintainer: bool | None = None,
               public_url: str | None = None) -> dash.Dash:
    """`maintainer`: show the validator's messages on the page (default: $TRACKER_MAINTAINER). `public_url`
    (else $TRACKER_PUBLIC_URL) is the address printed on exported files."""
    maintainer = maintainer_mode() if maintainer is None else maintainer
    store = DataStore(Path(data_dir))
    shared_at = checked_public_url(public_url)
    dataset = store.current()
    log.info("data folder %s: %s", data_dir,
             ", ".join(f"{len(frame)} {name}" for name, frame in dataset.frames.items()))
    bundles = plotly_bundles.bundles(assets_folder())  # the page links the core; the core loads the add-ons it needs
    app = dash.Dash(__name__, assets_folder=str(assets_folder()), title="DPRK launches and the UN Security Council",
                    assets_ignore=plotly_bundles.addon_file_pattern(bundles) or "",
                    update_title=None, serve_locally=True, compress=False,
                    meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"},
                               {"name": "description", "content": "DPRK missile launches and nuclear tests "
                                                                  "against UN Security Council actions"}])
    app.index_string = app.index_string.replace("<html>", '<html lang="en">')
    app.server.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    programs = ProgramFiles(app.server, app.config.requests_pathname_prefix,
                            lambda view_id, data: view_named(view_id).program(data))

    def program_urls(data) -> list[str]:
        return [programs.url(view.id, data) for view in PAGE_DRAWN]

    def layout():
        data = store.current()
        return page_layout(data, program_urls(data), maintainer, shared_at)

    app.layout = layout
    # Callbacks are checked against this (in the page too: it travels inside the index). The grids join the page
    # on the first visit to the Table view and are matched by pattern; AG Grid's bundle is not in the page before.
    app.validation_layout = page_layout(dataset, public_url=shared_at)
    register_callbacks(app, store, program_urls, shared_at)
    grid_library = grid_library_on_demand(app)
    prefix = app.config.requests_pathname_prefix

    def head(urls: AssetFingerprints) -> str:
        """What the page loads on demand (plotly.js add-ons, AG Grid), and what it fetches early, while it reads its
        scripts: Dash's layout and callback list (asked for once every script has run) and the current programs
        (asked for once the layout has arrived)."""
        addons = {a.name: urls.url(a.file) for a in bundles.addons} if bundles else {}
        early = [f"{prefix}_dash-layout", f"{prefix}_dash-dependencies", *program_urls(store.current())]
        return (script_json("plotly-addons", addons) + script_json("component-scripts", {"dash_ag_grid": grid_library})
                + "".join(preload(url, "fetch") for url in early))

    app.server.config.update(
        # Static files are streamed: let Flask-Compress answer their conditional requests (304) for Dash's assets.
        COMPRESS_STREAMING_ENDPOINT_CONDITIONAL=["static", "_dash_assets.static"],
        COMPRESS_CACHE_BACKEND=ImmutableBodies, COMPRESS_CACHE_KEY=cache_key)  # immutable bodies compressed once
    Compress(app.server)
    fingerprint_assets(app, head)
    _guard_requests(app, allowed_host_names(bind_host, extra_hosts))
    return app


def __getattr__(name: str):
    """`tracker.app:server` (for gunicorn) builds the app on first use, from $TRACKER_DATA, else ./datasets, else
    the dataset that came with the code.

    $TRACKER_HOSTS (comma-separated) adds host names a proxy forwards, e.g. `tracker.example.org`.
    """
    if name in ("app", "server"):
        extra = tuple(h.strip() for h in os.environ.get("TRACKER_HOSTS", "").split(",") if h.strip())
        chosen = choose_data_folder()
        log.info("data: %s (%s)", chosen.path, chosen.origin)
        built = create_app(chosen.path, "127.0.0.1", extra)
        globals().update(app=built, server=built.server)
        return globals()[name]
    raise AttributeError(name)
