"""The Dash app factory, and `server` for `gunicorn tracker.app:server`."""

from __future__ import annotations

import os
from pathlib import Path

import dash
from dash import html
from flask import Response
from flask_compress import Compress

from tracker.callbacks import register_callbacks
from tracker.datastore import DataStore
from tracker.layout import page_layout, table_grids

ASSETS = Path(__file__).resolve().parent.parent / "assets"
DEFAULT_DATA = Path(__file__).resolve().parent.parent / "datasets"


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


def _add_security_headers(app: dash.Dash) -> None:
    policy = content_security_policy(app)

    @app.server.after_request
    def headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = policy
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        return response


def create_app(data_dir: Path | str = DEFAULT_DATA) -> dash.Dash:
    store = DataStore(Path(data_dir))
    store.current()
    app = dash.Dash(__name__, assets_folder=str(ASSETS), title="DPRK launches and the UN Security Council",
                    update_title=None, serve_locally=True, compress=False,
                    meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"},
                               {"name": "description", "content": "DPRK missile launches and nuclear tests "
                                                                  "against UN Security Council actions"}])
    app.layout = lambda: page_layout(store.current())
    # Callbacks are checked against this: the grids join the page only on the first visit to the Table view.
    app.validation_layout = html.Div([page_layout(store.current()), *table_grids()])
    register_callbacks(app, store)
    Compress(app.server)
    _add_security_headers(app)
    return app


def __getattr__(name: str):
    """`tracker.app:server` (for gunicorn) builds the app on first use, from $TRACKER_DATA or datasets/."""
    if name in ("app", "server"):
        built = create_app(os.environ.get("TRACKER_DATA", DEFAULT_DATA))
        globals().update(app=built, server=built.server)
        return globals()[name]
    raise AttributeError(name)
