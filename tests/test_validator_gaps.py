"""Values the validator used to let through: ids that differ only in case, invisible characters in text and links,
source links without a public host, and a UTF-16 file without a byte order mark reported as a missing column."""

from __future__ import annotations

import pytest

from tests.conftest import rows_of, set_cell, validate, write_rows
from tracker.csvbulk import BulkCsv, NotClean

L, A = "launches.csv", "council_actions.csv"


def problems(data) -> list[str]:
    code, output = validate(data)
    assert code == 1, output
    return output.splitlines()[:-1]


def test_an_id_that_differs_from_another_only_in_case_is_reported(data):
    rows = rows_of(data / L)
    original = rows[3][0]
    twin = original.lower()
    header = rows[0]
    copy = [twin if i == 0 else value for i, value in enumerate(rows[3])]
    copy[header.index("launch_site")] = "a site of its own"  # not a repeated launch group: only the id is at issue
    rows.insert(4, copy)  # same date: sorted after it
    write_rows(data / L, rows)
    assert problems(data) == [f"{data / L}:5:1: id: {twin!r} differs from {original!r} on line 4 only in case; "
                              "ids must differ in more than case"]


@pytest.mark.parametrize("column, value, name, code", [
    ("notes", "Launched from \ufeffSohae.", "a zero-width no-break space (a byte order mark inside the text)",
     "U+FEFF"),
    ("source_url", "https://www.mod.go.jp/en/\u200b", "a zero-width space", "U+200B"),
    ("missile_name", "KN\u2060-23", "a word joiner", "U+2060"),
])
def test_an_invisible_character_is_reported_where_it_is(data, column, value, name, code):
    number = set_cell(data / L, 5, column, value)
    assert problems(data) == [f"{data / L}:5:{number}: {column}: contains {name} ({code}), an invisible "
                              "character; remove it"]
    with pytest.raises(NotClean):  # the bulk reader cannot vouch for it either: the careful one words it
        for _ in BulkCsv(data / L, L).chunks(100):
            pass


@pytest.mark.parametrize("url", ["https:///evil", "http://[::1]:80/x", "http://127.0.0.1/report",
                                 "http://localhost/report", "https://intranet/report", "https://files.local/a",
                                 "https://-bad.example.org/"])
def test_a_source_link_without_a_public_host_is_reported(data, url):
    number = set_cell(data / L, 5, "source_url", url)
    assert problems(data) == [f"{data / L}:5:{number}: source_url: must name a public host such as press.un.org "
                              f"(not an IP address, a local name or no host), got {url!r}"]


@pytest.mark.parametrize("url", ["https://www.mod.go.jp/en/", "https://en.wikisource.org./wiki/x",
                                 "https://xn--3e0b707e.kr/news", "https://x.example.org:8443/a?b=1#c"])
def test_a_public_host_passes(data, url):
    set_cell(data / L, 5, "source_url", url)
    code, output = validate(data)
    assert code == 0, output


@pytest.mark.parametrize("endian", ["little", "big"])
def test_utf16_without_a_byte_order_mark_is_an_encoding_problem(data, endian):
    path = data / A
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16-le" if endian == "little" else "utf-16-be"))
    assert problems(data) == [f"{path}:1:1: not UTF-8: the file looks like UTF-16 ({endian}-endian) text without "
                              "a byte order mark (a NUL byte beside every letter); save the file as UTF-8"]
