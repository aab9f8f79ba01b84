"""What a shared file says about itself: the filters in words, a file name from the view and the filters, and
the address it links back to (the public one when the operator set it, else the local one, said as such)."""

from __future__ import annotations

import os
import re

import pandas as pd

from tracker.filters import CHOICE_FILTERS, Filters

PUBLIC_URL_ENV = "TRACKER_PUBLIC_URL"
LOCAL_URL = "http://127.0.0.1:8050/"
LOCAL_NOTE = ("a local address: it works only where this dashboard runs (set --public-url or $TRACKER_PUBLIC_URL "
              "for an address others can open)")
CHOICE_WORDS = {"classes": "missile classes", "kinds": "launch kinds", "outcomes": "outcomes",
                "action_kinds": "Council action kinds", "event_kinds": "context event kinds"}
MAX_STEM = 120  # characters of a file name before its extension


def long_date(value) -> str:
    value = pd.Timestamp(value)
    return f"{value.day} {value:%B %Y}"


def filter_words(f: Filters) -> str:
    """The filter state as a sentence: 'Dates: 15 May 2022 to 6 June 2022; missile classes: all; ...'."""
    if f.start or f.end:
        dates = (f"{long_date(f.start) if f.start else 'the first row'} to "
                 f"{long_date(f.end) if f.end else 'the latest row'}")
    else:
        dates = "all"
    parts = [f"Dates: {dates}"]
    for spec in CHOICE_FILTERS:
        chosen = getattr(f, spec.attribute)
        words = ("all" if chosen == spec.choices else ", ".join(c.replace("_", " ") for c in chosen) or "none")
        parts.append(f"{CHOICE_WORDS.get(spec.attribute, spec.legend.lower())}: {words}")
    return "; ".join(parts) + "."


def _date_part(start: str | None, end: str | None) -> str:
    """'2017' for one whole year, '2016-2017' for whole years, else the days ('2022-05-15-to-2022-06-06')."""
    if start and end and start[5:] == "01-01" and end[5:] == "12-31" and start <= end:
        return start[:4] if start[:4] == end[:4] else f"{start[:4]}-{end[:4]}"
    if start and end:
        return f"{start}-to-{end}"
    return f"from-{start}" if start else (f"to-{end}" if end else "")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def filters_suffix(f: Filters) -> str:
    """The filters for a file name: '-2017-icbm-irbm'; a choice list shorter the other way round says what is
    left out ('-no-srbm'); nothing chosen says 'no-<filter>'. Empty for the unfiltered view."""
    parts = [_date_part(f.start, f.end)]
    for spec in CHOICE_FILTERS:
        chosen = getattr(f, spec.attribute)
        if chosen == spec.choices:
            continue
        left_out = [c for c in spec.choices if c not in chosen]
        if not chosen:
            parts.append(f"no-{spec.key}")
        elif len(left_out) < len(chosen):
            parts.append("no-" + "-".join(left_out))
        else:
            parts.append("-".join(chosen))
    text = _slug("-".join(p for p in parts if p))
    return f"-{text}" if text else ""


def file_stem(slug: str, f: Filters) -> str:
    """`dprk-launches-2017-icbm-irbm`: the view's name, then its filters (cut at a dash when very long)."""
    stem = slug + filters_suffix(f)
    return stem if len(stem) <= MAX_STEM else stem[:MAX_STEM].rsplit("-", 1)[0]


def public_url(given: str | None = None) -> str | None:
    """The address viewers reach this dashboard at (--public-url, else $TRACKER_PUBLIC_URL), ending in '/';
    None when neither is set or it is not an http(s) address."""
    value = (given if given is not None else os.environ.get(PUBLIC_URL_ENV, "")).strip()
    if not re.fullmatch(r"https?://[^\s\"'<>\\]+", value):
        return None
    return value if value.endswith("/") or "?" in value or "#" in value else value + "/"
