"""The Frictionless Data Package (datasets/datapackage.json), generated from the schema registry.

`package_json()` is deterministic: the same `schema.py` gives the same bytes (no timestamps), so
`python -m tracker datapackage --check` can tell whether the committed file is in sync. One resource per table
of `TABLES`; its fields follow the table's fields, in order (the CSV header must carry them in that order).

Type mapping (schema type -> Frictionless):
    id, text, idlist, memberlist, namelist -> string (patterns for ids and lists of ids or members)
    url -> string, format "uri", with the validator's http(s) pattern
    date -> date (ISO YYYY-MM-DD, minimum: the table's date floor); time -> time with format "%H:%M"
    int -> integer; float -> number; enum -> string with an enum constraint
A foreign key that holds a `;`-separated list (`many`) cannot be a Frictionless foreign key: it is described in
the field's description and checked by `python -m tracker validate`; a single-valued one is declared.
"""

from __future__ import annotations

import json

from tracker import schema
from tracker.schema import CLASS_MEANINGS, Field, Table, table_named
from tracker.columns import ID_PATTERN
from tracker.values import URL_PATTERN

NAME = "dprk-launches-un-security-council"
TITLE = "DPRK launches and UN Security Council actions"
VERSION = "3.0.0"  # the data release; keep CITATION.cff and datasets/CHANGELOG.md in step
DESCRIPTION = (
    "North Korean (DPRK) ballistic and cruise missile launches, space launches and nuclear tests since 1984, "
    "UN Security Council actions on the DPRK since 1993 (resolutions, presidential and press statements, vetoed "
    "drafts, statements proposed and blocked, and meetings held without a product, each linked to the launches it "
    "answered or discussed), and the context the Council acted in (summits, talks, agreements, moratoria, NPT "
    "steps, sanctions monitoring), and a gazetteer of launch sites. Every row cites the public page it was taken from "
    "(`source_url`) and says in `notes` which source was followed where sources disagree. Launch dates are "
    "Korea Standard Time; Council dates are New York dates. Rows are sorted by date, then id; ids are stable. "
    "Counting rules and known limits: datasets/README.md."
)
KEYWORDS = ["North Korea", "DPRK", "missile launches", "nuclear tests", "UN Security Council", "sanctions",
            "non-proliferation"]
LICENSES = [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
             "title": "Creative Commons Attribution 4.0"}]
CONTRIBUTORS = [{"title": "DPRK launches and UN Security Council tracker contributors", "role": "author"}]
SOURCES = [
    {"title": "CNS North Korea Missile Test Database (James Martin Center for Nonproliferation Studies, "
              "published by NTI)", "path": "https://www.nti.org/"},
    {"title": "Public copy of the CNS database's data (nagix/nk-missile-tests)",
     "path": "https://github.com/nagix/nk-missile-tests"},
    {"title": "Republic of Korea Joint Chiefs of Staff (as reported by Yonhap, KBS and others)",
     "path": "https://www.jcs.mil.kr/"},
    {"title": "Japan Ministry of Defense", "path": "https://www.mod.go.jp/en/"},
    {"title": "United Nations press releases (Security Council meetings coverage, SC/nnnnn)",
     "path": "https://press.un.org/"},
    {"title": "Security Council Report", "path": "https://www.securitycouncilreport.org/"},
    {"title": "CSIS Missile Threat", "path": "https://missilethreat.csis.org/"},
    {"title": "News agencies (Yonhap, KBS, Kyodo, Reuters, AP and others): each row's source_url names the "
              "page read"},
]

_STRING_TYPES = ("id", "text", "idlist", "memberlist", "namelist", "url", "enum")


def _xsd(pattern: str) -> str:
    """Frictionless patterns are implicitly anchored (XML Schema style): drop the validator's ^ and $."""
    return pattern.removeprefix("^").removesuffix("$")


def _list_of(item: str) -> str:
    """A `;`-separated list as `split_list` reads it: items trimmed, empty items ignored."""
    return rf"\s*({item}\s*)?(;\s*({item}\s*)?)*"


def _number(value: float, integer: bool):
    return int(value) if integer or float(value).is_integer() else value


def _description(table: Table, f: Field) -> str:
    text = f.description
    if f.type == "enum" and set(f.choices) == set(CLASS_MEANINGS):
        text += " Classes: " + "; ".join(f"{name} = {CLASS_MEANINGS[name]}" for name in f.choices) + "."
    for key in table.foreign_keys:
        if key.column == f.name and key.many:
            target = table_named(key.table)
            text += (f" Each id must be an `{target.primary_key}` of {target.filename} (checked by "
                     f"`python -m tracker validate`); being a list, it is not declared as a Frictionless foreign key.")
    for lookup in table.lookups:
        if lookup.column == f.name:
            target = table_named(lookup.table)
            text += (f" Looked up by {' or '.join(target.name_columns)} in {target.filename} (case and spacing "
                     f"ignored); a text that names no row there is allowed, so it is not a foreign key.")
    return text


def _field(table: Table, f: Field) -> dict:
    out: dict = {"name": f.name, "title": f.title, "description": _description(table, f)}
    constraints: dict = {}
    if f.type in _STRING_TYPES:
        out["type"] = "string"
    elif f.type == "date":
        out["type"] = "date"
        constraints["minimum"] = table.date_floor.isoformat()
    elif f.type == "time":
        out.update(type="time", format="%H:%M")
    elif f.type == "int":
        out["type"] = "integer"
    elif f.type == "float":
        out["type"] = "number"
    else:
        raise ValueError(f"{table.name}.{f.name}: no Frictionless type for schema type {f.type!r}")
    if f.type == "url":
        out["format"] = "uri"
        constraints["pattern"] = _xsd(URL_PATTERN)
    if f.required:
        constraints["required"] = True
    if f.type == "id":
        constraints["pattern"] = _xsd(ID_PATTERN)
        if f.name == table.primary_key:
            constraints["unique"] = True
    if f.type == "idlist":
        constraints["pattern"] = _list_of(_xsd(ID_PATTERN))
    if f.pattern:
        constraints["pattern"] = _xsd(f.pattern)
    if f.type == "memberlist" and f.choices:
        constraints["pattern"] = _list_of("(" + "|".join(f.choices) + ")")
    if f.type == "enum" and f.choices:
        constraints["enum"] = list(f.choices)
    if f.type in ("int", "float"):
        if f.min is not None:
            constraints["minimum"] = _number(f.min, f.type == "int")
        if f.max is not None:
            constraints["maximum"] = _number(f.max, f.type == "int")
    if constraints:
        out["constraints"] = constraints
    return out


def _resource(table: Table) -> dict:
    schema: dict = {
        "fields": [_field(table, f) for f in table.fields],
        "missingValues": [""],
        "primaryKey": [table.primary_key],
    }
    keys = [{"fields": [key.column], "reference": {"resource": key.table,
                                                    "fields": [table_named(key.table).primary_key]}}
            for key in table.foreign_keys if not key.many]
    if keys:
        schema["foreignKeys"] = keys
    return {
        "name": table.name,
        "title": table.title,
        "description": f"{table.description}{f' Dates: {table.date_convention}.' if table.dated else ''} Rows "
                       f"sorted by {', then '.join(table.sort_key)}.",
        "path": table.filename,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


def package() -> dict:
    """The Data Package descriptor as a dict (key order is the order written)."""
    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": TITLE,
        "description": DESCRIPTION,
        "version": VERSION,
        "keywords": KEYWORDS,
        "licenses": LICENSES,
        "contributors": CONTRIBUTORS,
        "sources": SOURCES,
        "resources": [_resource(table) for table in schema.TABLES],
    }


def package_json() -> str:
    """datapackage.json's text: JSON, indent 2, trailing newline, the same bytes for the same schema."""
    return json.dumps(package(), indent=2, ensure_ascii=False) + "\n"
