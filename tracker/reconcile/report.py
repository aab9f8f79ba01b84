"""The reconcile report as text (a terminal), Markdown (a release note) or CSV (a spreadsheet)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass

from tracker.reconcile.decisions import Checked, Decision

CSV_COLUMNS = ("source", "date", "difference", "ours", "theirs", "detail", "link", "decision_id", "decision")
DETAIL_CHARS = 240  # text and Markdown shorten a database's description; CSV keeps it whole


@dataclass(frozen=True)
class Summary:
    sources: dict[str, tuple[str, dt.date | None]]  # name -> (file, newest date it holds)
    rows_newest: dt.date | None
    checked: list[Checked]
    stale: list[Decision]

    @property
    def unexplained(self) -> list[Checked]:
        return [c for c in self.checked if c.decision is None]

    @property
    def ok(self) -> bool:
        return not self.unexplained and not self.stale

    def counts(self) -> Counter:
        return Counter((c.difference.source, c.difference.kind) for c in self.checked)


def _short(text: str) -> str:
    return text if len(text) <= DETAIL_CHARS else text[:DETAIL_CHARS - 1].rstrip() + "…"


def _headline(summary: Summary) -> list[str]:
    reach = "; ".join(f"{name} {file} reaches {newest or 'no date'}" for name, (file, newest)
                      in summary.sources.items())
    found = len(summary.checked)
    return [f"Sources: {reach}. Newest launch row: {summary.rows_newest or 'none'}.",
            f"{found} difference{'s' if found != 1 else ''}: {found - len(summary.unexplained)} explained by a "
            f"decision, {len(summary.unexplained)} unexplained; {len(summary.stale)} stale decision"
            f"{'s' if len(summary.stale) != 1 else ''}."]


def _stale_line(d: Decision) -> str:
    return (f"stale decision {d.id} ({d.source} {d.date} {';'.join(d.differences)}): explains no difference now; "
            "remove it or correct it")


def to_text(summary: Summary) -> str:
    lines = _headline(summary)
    for c in summary.checked:
        d = c.difference
        status = f"explained by {c.decision.id} ({c.decision.decision})" if c.decision else "UNEXPLAINED"
        lines.append(f"{d.date} {d.source:<7} {d.kind:<11} {status}")
        lines.append(f"    ours:   {d.ours}")
        lines.append(f"    theirs: {d.theirs}")
        if d.detail:
            lines.append(f"    detail: {_short(d.detail)}")
        if d.link:
            lines.append(f"    link:   {d.link}")
    lines += [_stale_line(d) for d in summary.stale]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(summary: Summary) -> str:
    lines = ["## Reconciliation", "", *(f"{line}  " for line in _headline(summary)), "",
             "| Difference | Count |", "|---|---:|"]
    lines += [f"| {source} {kind} | {n} |" for (source, kind), n in sorted(summary.counts().items())]
    lines += ["", "| Date | Source | Difference | Ours | Theirs | Link | Decision |", "|---|---|---|---|---|---|---|"]
    for c in summary.checked:
        d = c.difference
        decision = f"{c.decision.id}: {c.decision.decision}" if c.decision else "**unexplained**"
        theirs = d.theirs + (f" ({_short(d.detail)})" if d.detail and d.kind == "source_only" else "")
        link = f"[link]({d.link})" if d.link else ""
        lines.append(f"| {d.date} | {d.source} | {d.kind} | {_cell(d.ours)} | {_cell(theirs)} | {link} | "
                     f"{_cell(decision)} |")
    if summary.stale:
        lines += ["", *(f"- {_stale_line(d)}" for d in summary.stale)]
    return "\n".join(lines) + "\n"


def to_csv(summary: Summary) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for c in summary.checked:
        d = c.difference
        writer.writerow([d.source, d.date.isoformat(), d.kind, d.ours, d.theirs, d.detail, d.link,
                         c.decision.id if c.decision else "", c.decision.decision if c.decision else ""])
    for d in summary.stale:
        writer.writerow([d.source, d.date.isoformat(), "stale_decision", "", "", _stale_line(d), d.source_url,
                         d.id, d.decision])
    return buffer.getvalue()


FORMATS = {"text": to_text, "markdown": to_markdown, "csv": to_csv}
