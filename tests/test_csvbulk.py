"""The bulk reader (tracker/csvbulk.py) is only a faster road to the careful reader's result (tracker/csvread.py).

On a clean file the validator gives the same problems, at the same lines, and the same typed frames either way;
on anything the careful reader would complain about, the bulk reader stands aside (NotClean) and the careful reader
reports it. Each case is checked both ways, and whether the bulk reader took the file is checked too.
"""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import DATASETS
from tracker import csvbulk, schema, validate
from tracker.csvbulk import BulkCsv, NotClean
from tracker.csvread import CsvFile

L = "launches.csv"
TEXT = (DATASETS / L).read_text(encoding="utf-8")
LINES = TEXT.splitlines(keepends=True)


def check(data: Path, careful: bool, chunk_rows: int, monkeypatch) -> validate.DatasetResult:
    with monkeypatch.context() as patch:
        if careful:
            patch.setattr(validate, "BulkCsv", CsvFile)
        return validate.check_dataset(data, chunk_rows=chunk_rows, tables=(schema.LAUNCHES,))


def bulk_reads(path: Path) -> bool:
    source = BulkCsv(path, str(path))
    try:
        for _ in source.chunks(7):
            pass
    except NotClean:
        return False
    return True


def assert_same_both_ways(data: Path, monkeypatch, chunk_rows: int = 50_000) -> list[str]:
    bulk, careful = (check(data, way, chunk_rows, monkeypatch) for way in (False, True))
    assert [str(p) for p in bulk.problems] == [str(p) for p in careful.problems]
    for name, expected in careful.tables.items():
        got = bulk[name]
        assert (got.rows, got.ids, got.complete, got.partial) == (expected.rows, expected.ids, expected.complete,
                                                                  expected.partial)
        pd.testing.assert_frame_equal(got.frame, expected.frame)
    return [str(p) for p in bulk.problems]


def with_notes(line: int, notes: str, text: str = TEXT) -> str:
    """The launches text with the notes (last column, quoted) of one line replaced."""
    lines = text.splitlines(keepends=True)
    head = lines[line - 1].rstrip("\n")
    cut = head.rindex(',"') if head.endswith('"') else head.rindex(",")
    lines[line - 1] = head[:cut] + ',"' + notes.replace('"', '""') + '"\n'
    return "".join(lines)


def set_kind(text: str, line: int, kind: str) -> str:
    lines = text.splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].replace(",ballistic_missile,", f",{kind},", 1)
    return "".join(lines)


CLEAN = {
    "as shipped": TEXT,
    "CRLF line ends": TEXT.replace("\n", "\r\n"),
    "byte order mark": "\ufeff" + TEXT,
    "blank lines": "".join(line + ("\n" if i % 40 == 7 else "") for i, line in enumerate(LINES)) + "\n\n",
    "no final line break": TEXT.rstrip("\n"),
    "multi-line notes, then a bad value": with_notes(3, 'one\ntwo\r\nthree, "four"\n', set_kind(TEXT, 9, "rocket")),
    "empty and doubled quotes": with_notes(4, '"').replace(",,,,,", ',"","",,"",', 1),
    "non-ASCII text": with_notes(5, "Kim Jong Un — 김정은, café"),
    "header only": LINES[0],
    "a duplicate id and rows out of order": LINES[0] + LINES[2] + LINES[1] + LINES[2] + "".join(LINES[3:]),
}

NOT_CLEAN = {
    "text after a closing quote": with_notes(5, "x").replace(',"x"', ',"x"y', 1),
    "quote inside an unquoted field": TEXT.replace(",Scud-B (Hwasong-5),", ',Scud"B,', 1),
    "unterminated quote": TEXT.rstrip("\n")[:-1],
    "short row": TEXT.replace(",SRBM,", ",", 1),
    "long first row": LINES[0] + LINES[1].rstrip("\n") + ",extra\n" + "".join(LINES[2:]),
    "long row": "".join(LINES[:9]) + LINES[9].rstrip("\n") + ",extra\n" + "".join(LINES[10:]),
    "line of spaces": "".join(LINES[:5]) + "   \n" + "".join(LINES[5:]),
    "line of two quotes": "".join(LINES[:5]) + '""\n' + "".join(LINES[5:]),
    "a tab after the last line break": TEXT + "\t",
    "lone carriage return": with_notes(6, "a\rb"),
    "lone CR line ends": TEXT.replace("\n", "\r"),
    "escape character": with_notes(6, "a\x1bb"),
    "C1 control": with_notes(6, "a\x85b"),
    "bidi override": with_notes(6, "a\u202eb"),
    "bidi isolate": with_notes(6, "a\u2068b"),
    "field over the size limit": with_notes(6, "x" * 100_001),
    "duplicated header column": TEXT.replace("lat,lon", "lat,lat", 1),
    "empty file": "",
}


@pytest.mark.parametrize("name", CLEAN)
@pytest.mark.parametrize("block_bytes,chunk_rows", [(csvbulk.BLOCK_BYTES, 50_000), (300, 90)])
def test_clean_files_read_in_bulk_give_the_careful_result(data, monkeypatch, name, block_bytes, chunk_rows):
    monkeypatch.setattr(csvbulk, "BLOCK_BYTES", block_bytes)  # 300 bytes: records and chunks cross block edges
    (data / L).write_text(CLEAN[name], encoding="utf-8", newline="")
    assert bulk_reads(data / L)
    assert_same_both_ways(data, monkeypatch, chunk_rows)


def test_line_numbers_count_quoted_line_breaks(data, monkeypatch):
    (data / L).write_text(CLEAN["multi-line notes, then a bad value"], encoding="utf-8", newline="")
    assert bulk_reads(data / L)
    problems = assert_same_both_ways(data, monkeypatch)
    assert [p.split(": ", 1)[0].rsplit(":", 2)[1:] for p in problems] == [["12", "5"]]  # 9 + three line breaks


@pytest.mark.parametrize("name", NOT_CLEAN)
def test_anything_unclean_is_left_to_the_careful_reader(data, monkeypatch, name):
    (data / L).write_text(NOT_CLEAN[name], encoding="utf-8", newline="")
    assert not bulk_reads(data / L)
    assert_same_both_ways(data, monkeypatch)


def test_invalid_utf8_and_missing_files_are_left_to_the_careful_reader(data, monkeypatch):
    (data / L).write_bytes(TEXT.encode("utf-8").replace(b"Scud", b"Sc\xffd", 1))
    assert not bulk_reads(data / L)
    assert assert_same_both_ways(data, monkeypatch)
    (data / L).unlink()
    assert not bulk_reads(data / L)
    assert assert_same_both_ways(data, monkeypatch)


def test_random_damage_gives_the_same_problems_both_ways(data, monkeypatch):
    """Seeded random edits near quotes, commas and line breaks: whichever reader takes the file, same result."""
    rng = random.Random(20260521)
    pieces = ['"', ",", "\n", "\r\n", '""', " ", "\n\n", ',"', '",', "é", "x"]
    bulk_taken = 0
    for _ in range(30):
        text = TEXT
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text))
            text = text[:at] + rng.choice(pieces) + text[at + rng.randint(0, 2):]
        (data / L).write_text(text, encoding="utf-8", newline="")
        bulk_taken += bulk_reads(data / L)
        assert_same_both_ways(data, monkeypatch, chunk_rows=rng.choice([90, 50_000]))
    assert 0 < bulk_taken < 30
