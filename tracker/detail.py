"""The detail panel for one clicked row, and the table of major tests; plain components, never raw HTML."""

from __future__ import annotations

import re

import pandas as pd
from dash import html

from tracker.load import Dataset
from tracker.rules import split_list
from tracker.schema import ACTIONS, LAUNCHES

SAFE_URL = re.compile(r"^https?://[^\s\"<>]+$")


def safe_link(url, text: str | None = None):
    """A link only for http(s) URLs; anything else is shown as inert text."""
    if isinstance(url, str) and SAFE_URL.match(url):
        return html.A(text or url, href=url, target="_blank", rel="noopener noreferrer")
    return html.Span(str(url) if isinstance(url, str) else "")


def _show(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return f"{value:,.0f}"
    return str(value)


def _describe_launch(row: pd.Series) -> str:
    return f"{_show(row['date'])} (Korea): {row['missile_name']} ({row['missile_class']}) × {row['count']}"


def _describe_action(row: pd.Series) -> str:
    symbol = f" {row['symbol']}" if isinstance(row["symbol"], str) else ""
    return f"{_show(row['date'])} (New York): {row['kind'].replace('_', ' ')}{symbol}"


def _linked(title: str, rows: pd.DataFrame, describe) -> html.Div:
    if rows.empty:
        return html.Div([html.H4(title), html.P("none")])
    return html.Div([html.H4(title), html.Ul([
        html.Li([describe(row), " · ", safe_link(row["source_url"], "source"), f" · {row['id']}"])
        for _, row in rows.iterrows()])])


def detail_panel(dataset: Dataset, table_name: str, row_id: str) -> html.Div:
    is_launch = table_name == "launches"
    table = LAUNCHES if is_launch else ACTIONS
    frame = dataset.launches if is_launch else dataset.actions
    match = frame[frame["id"] == row_id]
    if match.empty:
        return html.Div(html.P(f"Row {row_id} is no longer in the dataset."), className="detail-body")
    row = match.iloc[0]
    if is_launch:
        heading = _describe_launch(row)
        answers = dataset.actions[dataset.actions["responds_to"].map(lambda v: row_id in split_list(v))]
        linked = _linked("Council actions that answer it", answers, _describe_action)
    else:
        heading = _describe_action(row)
        targets = split_list(row["responds_to"])
        linked = _linked("Launches it answers", dataset.launches[dataset.launches["id"].isin(targets)],
                         _describe_launch)
    facts = []
    for f in table.fields:
        value = row.get(f.name)
        if f.name == "source_url" or _show(value) == "":
            continue
        facts += [html.Dt(f.name), html.Dd(_show(value))]
    return html.Div(className="detail-body", children=[
        html.H3(heading),
        html.P(["Source: ", safe_link(row["source_url"])], className="detail-source"),
        html.Dl(facts, className="facts"),
        linked,
    ])


def major_tests_table(table: pd.DataFrame) -> html.Table | html.P:
    if table.empty:
        return html.P("No ICBM launch or nuclear test matches these filters.")
    header = html.Tr([html.Th(h) for h in ("Date (Korea)", "Test", "First Council action", "Days", "Source")])
    body = []
    for r in table.itertuples():
        answered = isinstance(r.first_action_id, str)
        body.append(html.Tr(className="" if answered else "flag", children=[
            html.Td(_show(r.date)), html.Td(f"{r.missile_name} ({r.missile_class})"),
            html.Td(r.first_action if answered else "No Council response"),
            html.Td(_show(r.days_to_response)), html.Td(safe_link(r.source_url, "source"))]))
    return html.Table([html.Thead(header), html.Tbody(body)], className="data-table")
