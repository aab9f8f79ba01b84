""""Did you mean …?": the nearest allowed value for a typo in a closed choice (classes, kinds, outcomes, members).

Choices always come from the schema's declarations, so a new kind is suggested as soon as it is declared.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from tracker.values import split_list

CUTOFF = 0.5  # difflib's similarity ratio; 'SRMB' -> 'SRBM' scores 0.75, 'zzz' -> anything well below


def closest(value: str, choices: Iterable[str]) -> list[str]:
    """The allowed values closest to `value` (several when they are equally close), comparing without case."""
    folded = {choice.casefold(): choice for choice in choices}
    key = " ".join(value.split()).casefold()
    if key in folded:
        return [folded[key]]
    scored = [(difflib.SequenceMatcher(None, key, option).ratio(), option) for option in folded]
    best = max((score for score, _ in scored), default=0.0)
    if best < CUTOFF:
        return []
    return [folded[option] for score, option in scored if score == best]


def nearest(value: str, choices: Iterable[str]) -> str | None:
    """The closest allowed value when one is closest; None when nothing is close or several are as close."""
    found = closest(value, choices)
    return found[0] if len(found) == 1 else None


def _either(options: list[str]) -> str:
    quoted = [repr(option) for option in options]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


def did_you_mean(value: str, choices: Iterable[str], many: bool = False) -> str:
    """'; did you mean 'SRBM'?' (for a list, one guess per unknown item), or '' when there is no good guess."""
    choices = list(choices)
    items = split_list(value) if many else [value.strip()]
    guesses = []
    for item in items:
        if item in choices:
            continue
        options = closest(item, choices)
        if options and options != [item]:
            guesses.append(_either(options) if not many else f"{_either(options)} for {item!r}")
    return f"; did you mean {' and '.join(guesses)}?" if guesses else ""
