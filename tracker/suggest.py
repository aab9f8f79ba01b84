""""Did you mean …?": the nearest allowed value for a typo in a closed choice (classes, kinds, outcomes, members).

Choices always come from the schema's declarations, so a new kind is suggested as soon as it is declared.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from tracker.values import split_list

CUTOFF = 0.5  # difflib's similarity ratio; 'SRMB' -> 'SRBM' scores 0.75, 'zzz' -> anything well below


def nearest(value: str, choices: Iterable[str]) -> str | None:
    """The allowed value closest to `value`, comparing without case; None when nothing is close."""
    choices = list(choices)
    folded = {choice.casefold(): choice for choice in choices}
    key = " ".join(value.split()).casefold()
    if key in folded:
        return folded[key]
    match = difflib.get_close_matches(key, list(folded), n=1, cutoff=CUTOFF)
    return folded[match[0]] if match else None


def did_you_mean(value: str, choices: Iterable[str], many: bool = False) -> str:
    """'; did you mean 'SRBM'?' (for a list, one guess per unknown item), or '' when there is no good guess."""
    choices = list(choices)
    items = split_list(value) if many else [value.strip()]
    guesses = []
    for item in items:
        if item in choices:
            continue
        guess = nearest(item, choices)
        if guess and guess != item:
            guesses.append(f"{guess!r}" if not many else f"{guess!r} for {item!r}")
    return f"; did you mean {' and '.join(guesses)}?" if guesses else ""
