"""Links to the UN's own pages for a Council action, derived from the symbols stored on the row.

One place builds them; the drawer, the Table view and the HTML export use it. The UN's Official Document System
serves every document at `https://docs.un.org/<language>/<symbol>` (the successor of the `undocs.org/<symbol>`
short links, which redirect there); a resolution's symbol drops the space before the year, as the UN's own links
do (`S/RES/2397(2017)`). Press releases live at `https://press.un.org/<language>/<year>/sc<number>.doc.htm`, under
the year they were issued: the action's New York date.
"""

from __future__ import annotations

import re

import pandas as pd

from tracker.schema import MEETING_RECORD_PATTERN, PRESS_RELEASE_PATTERN, SYMBOL_PATTERN

DOCUMENTS = "https://docs.un.org/en/"
PRESS = "https://press.un.org/en/"
DOCUMENT_COLUMNS = ("symbol", "meeting_record", "press_release")  # the columns that get a link, in schema order


def document_url(symbol) -> str | None:
    """`S/RES/2397 (2017)` -> https://docs.un.org/en/S/RES/2397(2017); also S/PRST/..., S/2022/431, S/PV.8151.
    None for anything that is not a well-formed Council symbol (the validator reports those)."""
    if not isinstance(symbol, str):
        return None
    symbol = symbol.strip()
    if not (re.fullmatch(SYMBOL_PATTERN, symbol) or re.fullmatch(MEETING_RECORD_PATTERN, symbol)):
        return None
    return DOCUMENTS + symbol.replace(" (", "(")


def press_release_url(number, date) -> str | None:
    """`SC/14911` issued on 26 May 2022 -> https://press.un.org/en/2022/sc14911.doc.htm; None without both."""
    if not isinstance(number, str) or not re.fullmatch(PRESS_RELEASE_PATTERN, number.strip()) or pd.isna(date):
        return None
    return f"{PRESS}{pd.Timestamp(date).year}/sc{number.strip()[3:]}.doc.htm"


def link_for(column: str, value, date) -> str | None:
    """The UN page for one cell of a Council action: its symbol, meeting record or press release."""
    if column == "press_release":
        return press_release_url(value, date)
    if column in DOCUMENT_COLUMNS:
        return document_url(value)
    return None


def links(actions: pd.DataFrame) -> dict[str, list[str | None]]:
    """Per document column present in `actions`: the link of each row (None where the cell is empty)."""
    dates = actions["date"] if "date" in actions else pd.Series(pd.NaT, index=actions.index)
    return {column: [link_for(column, value, date) for value, date in zip(actions[column], dates)]
            for column in DOCUMENT_COLUMNS if column in actions}
