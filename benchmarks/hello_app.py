"""The floors for cold start and first graph: a bare Dash app, started the way the dashboard is.

python benchmarks/hello_app.py PORT [FIGURE_JSON]
Without FIGURE_JSON: a hello-world (the cold-start floor). With it: one `dcc.Graph(id="graph-timeline")` holding
that figure in the layout, nothing else (the first-graph floor; Dash's own plotly.js, no CSP, no callbacks).
"""

import json
import sys

import dash
from dash import dcc, html

app = dash.Dash(__name__)
if len(sys.argv) > 2:
    with open(sys.argv[2], encoding="utf-8") as handle:
        figure = json.load(handle)
    app.layout = html.Div([dcc.Graph(id="graph-timeline", figure=figure, style={"height": "620px"})])
else:
    app.layout = html.Div("Hello")

if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]), debug=False)
