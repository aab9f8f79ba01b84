"""Hover texts for every row, in Plotly's small markup, escaped; computed once per dataset and cached.

They live on the figure side: the `Dataset` holds only data, and nothing downstream strips columns.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from tracker.derive import first_answers
from tracker.figures.style import ACTION_STYLE, EVENT_STYLE, esc
from tracker.load import Dataset
from tracker.schema import PRODUCT_KINDS
from tracker.values import day, days_text, split_list


def launch_hover(rows: pd.DataFrame, answers: pd.DataFrame | None = None) -> list[str]:
    texts = []
    for r in rows.itertuples():
        when = day(r.date, getattr(r, "date_precision", None))
        facts = [f"<b>{esc(r.missile_name)}</b> ({esc(r.missile_class)}) × {r.count}",
                 f"{when} (Korea time){' ' + esc(r.time_kst) if isinstance(r.time_kst, str) else ''}",
                 f"{esc(r.kind).replace('_', ' ')}, outcome: {esc(r.outcome)}"]
        measures = [f"{label} {value:,.0f} km" for label, value in (("apogee", r.apogee_km), ("range", r.range_km))
                    if pd.notna(value)]
        if measures:
            facts.append(", ".join(measures))
        if isinstance(r.launch_site, str):
            facts.append(f"site: {esc(r.launch_site)}")
        if isinstance(r.dprk_claim, str):
            facts.append(f"KCNA claim: {esc(r.dprk_claim)[:120]}")
        if answers is not None:
            first = answers.get(r.id)
            facts.append(f"first Council answer: {esc(first)}" if first else "<b>no Council action answers it</b>")
        facts.append(f"<i>{esc(r.id)} · click for the source</i>")
        texts.append("<br>".join(facts))
    return texts


def action_hover(rows: pd.DataFrame, lags: dict[str, int] | None = None) -> list[str]:
    texts = []
    for r in rows.itertuples():
        label = ACTION_STYLE.get(r.kind, ("", "", r.kind))[2]
        facts = [f"<b>{label}</b> {esc(r.symbol)}", f"{day(r.date)} (New York)", esc(r.summary)[:140]]
        if pd.notna(r.votes_for):
            facts.append(f"vote: {r.votes_for} for, {r.votes_against} against, {r.abstentions} abstaining")
        for column, verb in (("vetoed_by", "vetoed by"), ("against_members", "against:"),
                             ("abstaining_members", "abstaining:")):
            names = split_list(getattr(r, column, None))
            if names and not (column == "against_members" and names == split_list(r.vetoed_by)):
                facts.append(f"{verb} {esc(', '.join(names))}")
        answered = len(split_list(r.responds_to))
        if answered:
            lag = (lags or {}).get(r.id)
            after = f", {days_text(lag)} after the latest" if lag is not None else ""
            verb = "answers" if r.kind in PRODUCT_KINDS else "held on"  # a meeting or blocked text answers nothing
            facts.append(f"{verb} {answered} launch row{'s' if answered != 1 else ''}{after}")
        facts.append(f"<i>{esc(r.id)} · click for the source</i>")
        texts.append("<br>".join(facts))
    return texts


def event_hover(rows: pd.DataFrame) -> list[str]:
    texts = []
    for r in rows.itertuples():
        label = EVENT_STYLE.get(r.kind, ("", "", r.kind))[2]
        when = day(r.date) + (f" to {day(r.end_date)}" if pd.notna(r.end_date) else "")
        texts.append(f"<b>{esc(r.title)}</b><br>{label}, {when}<br><i>{esc(r.id)} · click for the source</i>")
    return texts


@lru_cache(maxsize=4)
def hover_texts(dataset: Dataset) -> dict[str, pd.Series]:
    """Per table, hover text indexed like its frame; a filter change then only slices these."""
    from tracker.derive import response_lags

    launches, actions = dataset.launches, dataset.actions
    answers = first_answers(launches, actions)
    described = {lid: f"{ACTION_STYLE[k][2]} {s if isinstance(s, str) else ''} ({day(d)}, {days_text(lag)})".strip()
                 for lid, k, s, d, lag in answers[["launch_id", "kind", "symbol", "action_date", "lag"]].itertuples(
                     index=False)}
    lags = response_lags(launches, actions)
    lag_of = dict(zip(lags["id"], lags["days_since_latest"]))
    out = {"launches": pd.Series(launch_hover(launches, described), index=launches.index, dtype="object"),
           "council_actions": pd.Series(action_hover(actions, lag_of), index=actions.index, dtype="object")}
    if "context_events" in dataset.frames:
        events = dataset.events
        out["context_events"] = pd.Series(event_hover(events), index=events.index, dtype="object")
    return out
