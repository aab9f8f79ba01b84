"""How a cell's text becomes a value and a value becomes text for people: lists, links, dates with precision."""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd

URL_PATTERN = r"^https?://[^\s\"<>\\]+$"  # no spaces, quotes, angle brackets or backslashes (read as '/')
URL_USERINFO = r"^https?://[^/?#]*@"  # `https://press.un.org@evil.example/` goes to evil.example
# A public host: DNS labels ending in a top-level domain of letters (or punycode) that is not a local or reserved
# one, then a port, path, query or fragment, or nothing. Never an empty host (`https:///evil`), an IP address
# (`http://[::1]:80/x`, `http://127.0.0.1/`) or a one-label name (`http://localhost/`).
_LOCAL_TLDS = "localhost|local|internal|invalid|test|example|lan|home|corp|arpa"
URL_PUBLIC_HOST = (r"^https?://(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
                   rf"(?!(?:{_LOCAL_TLDS})\.?(?:[:/?#]|$))(?:[A-Za-z]{{2,63}}|xn--[A-Za-z0-9-]{{1,59}})\.?"
                   r"(?::[0-9]{1,5})?(?:[/?#]|$)")
SAFE_URL = re.compile(URL_PATTERN)
# Numbers as the CSV files write them: ASCII digits, an optional sign, for a number a point and an exponent.
# Python's int() and Frictionless also take `1_000` and other scripts' digits; the files do not.
INTEGER_PATTERN = r"[+-]?[0-9]+"
NUMBER_PATTERN = r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?"
INT64 = (-(2**63), 2**63 - 1)  # what a column of integers holds
_USERINFO = re.compile(URL_USERINFO)


def exact_integer(text: str) -> int:
    """The value of an INTEGER_PATTERN text; past 30 digits only its sign and size matter (and int() of a
    100,000-digit text would be refused or slow)."""
    digits = text.lstrip("+-").lstrip("0")
    if len(digits) > 30:
        return (-1 if text.startswith("-") else 1) * 10**30
    return int(text)


def canonical_number(text: str, integer: bool) -> str:
    """How `add` writes a number typed as `text`: plain digits, no sign on zero, no exponent, no trailing zeros
    (`1e2` -> `100`, `-0` -> `0`, `1.0` -> `1` in a column of integers, `40.850` -> `40.85`). Text this cannot
    write as the same value (not a number, `1.5` for an integer, `1e400`, `1e-400`) comes back unchanged, for
    the validator to report where it is."""
    stripped = text.strip()
    if not re.fullmatch(NUMBER_PATTERN, stripped):
        return text
    value = Decimal(stripped)
    if value == 0:
        return "0"
    if not -30 <= value.adjusted() <= 30:  # outside any column's range, or gone to 0 or infinity as a float
        return text
    if integer:
        return str(int(value)) if value == value.to_integral_value() else text
    return format(value.normalize(), "f")


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
