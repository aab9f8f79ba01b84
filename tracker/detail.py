"""The detail drawer for one clicked row, and the table of major tests; plain components, never raw HTML."""

from __future__ import annotations

import pandas as pd
from dash import html

from tracker import schema
from tracker.load import Dataset
from tracker.undocs import link_for
from tracker.values import day, is_safe_url, split_list

HIDDEN = ("id", "source_url", "notes", "date", "date_precision")  # shown in the heading, the link or "Notes"


def safe_link(url, text: str | None = None):
    """A link only for http(s) URLs; anything else is shown as inert text."""
    if is_safe_url(url):
        return html.A(text or url, href=url, target="_blank", rel="noopener noreferrer")
    return html.Span(str(url) if isinstance(url, str) else "")


def show(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return day(value)
    if isinstance(value, float) and value.is_integer():
        return f"{value:,.0f}"
    if isinstance(value, str):
        return value.replace("_", " ") if value.isidentifier() else value
    return str(value)


def row_ref(click: dict | None) -> tuple[str, str] | None:
    """(table name, row id) from a Plotly clickData, or None when the click names no row."""
    points = (click or {}).get("points") or [{}]
    custom = points[0].get("customdata") if isinstance(points[0], dict) else None
    if not isinstance(custom, list) or len(custom) < 2 or not all(isinstance(v, str) for v in custom[:2]):
        return None
    return (custom[0], custom[1]) if custom[1] else None


def describe(table: schema.Table, row: pd.Series) -> str:
    when = day(row["date"], row.get("date_precision"))
    if table.name == "launches":
        return f"{when} (Korea): {row['missile_name']} ({row['missile_class']}) × {row['count']}"
    if table.name == "council_actions":
        symbol = f" {row['symbol']}" if isinstance(row["symbol"], str) else ""
        return f"{when} (New York): {row['kind'].replace('_', ' ')}{symbol}"
    title = row.get("title") or row.get("kind", "")
    return f"{when}: {title}"


def _linked(title: str, table: schema.Table, rows: pd.DataFrame) -> html.Div:
    if rows.empty:
        return html.Div([html.H4(title), html.P("none")])
    return html.Div([html.H4(title), html.Ul([
        html.Li([describe(table, row), " · ", safe_link(row["source_url"], "source")]) for _, row in rows.iterrows()])])


def _links_of(dataset: Dataset, table: schema.Table, row: pd.Series) -> list[html.Div]:
    """Rows this one names through a foreign key, and rows of other tables that name it."""
    out = []
    for key in table.foreign_keys:
        target = schema.table_named(key.table)
        ids = split_list(row[key.column]) if key.many else [row[key.column]]
        out.append(_linked(f"{target.title} it answers", target, dataset[target.name][
            dataset[target.name][target.primary_key].isin(ids)]))
    for other in schema.TABLES:
        for key in other.foreign_keys:
            if key.table == table.name and other.name in dataset.frames:
                frame = dataset[other.name]
                named = frame[key.column].map(lambda v: row[table.primary_key] in split_list(v))
                out.append(_linked(f"{other.title} that answer it", other, frame[named]))
    return out


def detail_panel(dataset: Dataset, table_name: str, row_id: str) -> html.Div:
    try:
        table = schema.table_named(table_name)
    except StopIteration:
        return html.Div(html.P("Unknown table."), className="detail-body")
    frame = dataset.frames.get(table.name)
    match = frame[frame[table.primary_key] == row_id] if frame is not None else pd.DataFrame()
    if match.empty:
        return html.Div(html.P(f"Row {row_id} is no longer in the dataset."), className="detail-body")
    row = match.iloc[0]
    facts = []
    for f in table.fields:
        value = show(row.get(f.name))
        if f.type in ("idlist", "memberlist", "namelist"):
            value = ", ".join(split_list(row.get(f.name)))
        if f.name in HIDDEN or value == "":
            continue
        url = link_for(f.name, row.get(f.name), row.get("date"))  # a UN document or press release
        facts += [html.Dt(f.title), html.Dd(safe_link(url, value) if url else value)]
    notes = show(row.get("notes"))
    return html.Div(className="detail-body", children=[
        html.H3(describe(table, row)),
        html.P(["Source: ", safe_link(row["source_url"])], className="detail-source"),
        html.Dl(facts, className="facts"),
        *_links_of(dataset, table, row),
        html.Details([html.Summary("Notes"), html.P(notes)]) if notes else None,
        html.P(f"Row {row_id} in {table.filename}", className="hint"),
    ])


def major_tests_table(table: pd.DataFrame) -> html.Table | html.P:
    if table.empty:
        return html.P("No ICBM launch or nuclear test matches these filters.")
    header = html.Tr([html.Th(h, scope="col") for h in ("Date (Korea)", "Test", "First Council action", "Days",
                                                         "Source")])
    return html.Table([html.Thead(header), html.Tbody([_major_test_row(r) for r in table.itertuples()])],
                      className="data-table")


def _element(tag: str, children, **props) -> dict:
    """An html component as the JSON the page receives: a table body of a few thousand cells is built and sent
    in a fraction of the time `html.Td(...)` objects take (their checks, then their own serialisation)."""
    return {"type": tag, "namespace": "dash_html_components", "props": {"children": children, **props}}


def _major_test_row(r) -> dict:
    answered = isinstance(r.first_action_id, str)
    link = safe_link(r.source_url, "source").to_plotly_json()
    return _element("Tr", [_element("Td", day(r.date)), _element("Td", f"{r.missile_name} ({r.missile_class})"),
                           _element("Td", r.first_action if answered else "No Council response"),
                           _element("Td", show(r.days_to_response)), _element("Td", link)],
                    className="" if answered else "flag")
