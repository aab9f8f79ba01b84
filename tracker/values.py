"""How a cell's text becomes a value and a value becomes text for people: lists, links, dates with precision."""

from __future__ import annotations

import re

import pandas as pd

URL_PATTERN = r"^https?://[^\s\"<>\\]+$"  # no spaces, quotes, angle brackets or backslashes (read as '/')
URL_USERINFO = r"^https?://[^/?#]*@"  # `https://press.un.org@evil.example/` goes to evil.example
SAFE_URL = re.compile(URL_PATTERN)
_USERINFO = re.compile(URL_USERINFO)


def split_list(value) -> list[str]:
    """`a; b;c` -> ['a', 'b', 'c']; empty or missing -> []."""
    if not isinstance(value, str):
        return []
    return [item.strip() for item in value.split(";") if item.strip()]


def name_key(value: str) -> str:
    """How names are compared (site names and aliases): spacing collapsed, case ignored."""
    return " ".join(value.split()).casefold()


def is_safe_url(value) -> bool:
    """Only http(s) links are ever made clickable; anything else is shown as inert text."""
    return isinstance(value, str) and bool(SAFE_URL.match(value)) and not _USERINFO.match(value)


def day(value, precision=None) -> str:
    """`25 May 2022`, or `April 1984` for a row known only to the month; '' for a missing date."""
    if value is None or pd.isna(value):
        return ""
    value = pd.Timestamp(value)
    if precision == "month":
        return f"{value:%B %Y}"
    return f"{value.day} {value:%b %Y}"


def days_text(days: int) -> str:
    return f"{days:+d} d" if days else "same day"
