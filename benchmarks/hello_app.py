"""The floor for cold start: a bare Dash hello-world, started the way the dashboard is."""

import sys

import dash
from dash import html

app = dash.Dash(__name__)
app.layout = html.Div("Hello")

if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]), debug=False)
