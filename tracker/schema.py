"""The dataset's schema, declared once: the registry of tables.

Each `Table` names its file, columns, primary key, foreign keys and sort order. The validator, the loader, the
data store, the filters, the Table view, the CSV exports, `add`, the schema docs, the Data Package and the
benchmarks' synthetic data iterate over `TABLES`; nothing else lists a table, a column or an allowed value.
Adding a table = its CSV + one entry here (+ whatever view draws it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

LAUNCH_KINDS = ("ballistic_missile", "cruise_missile", "space_launch", "nuclear_test")
# Which classes each kind allows; the order here is the timeline's lane order, top to bottom.
KIND_CLASSES = {
    "ballistic_missile": ("ICBM", "IRBM", "MRBM", "SRBM", "SLBM", "HGV", "unknown"),
    "cruise_missile": ("cruise",),
    "space_launch": ("SLV",),
    "nuclear_test": ("nuclear",),
}
MISSILE_CLASSES = ("SRBM", "MRBM", "IRBM", "ICBM", "SLBM", "HGV", "SLV", "cruise", "nuclear", "unknown")
assert set(MISSILE_CLASSES) == {c for classes in KIND_CLASSES.values() for c in classes}
OUTCOMES = ("success", "failure", "unknown")
ACTION_KINDS = ("resolution", "presidential_statement", "press_statement", "vetoed_draft", "blocked_statement",
                "meeting")
# The kinds that are a Council product or a vote on one: what the page counts as an answer to a launch. A meeting
# held without a product and a statement proposed but blocked are steps of the response ladder (derive.ladder),
# not answers.
PRODUCT_KINDS = ("resolution", "presidential_statement", "press_statement", "vetoed_draft")
VOTED_KINDS = ("resolution", "vetoed_draft")
EVENT_KINDS = ("summit", "talks", "agreement", "moratorium", "monitoring", "npt")
PERMANENT_MEMBERS = ("China", "France", "Russia", "United Kingdom", "United States")
# UN document symbols as the Council's documents print them: resolutions, presidential statements, other Council
# documents (drafts, letters; before 1994 presidential statements too), meeting records and press releases.
RESOLUTION_SYMBOL = r"S/RES/\d+ \(\d{4}\)"
PRST_SYMBOL = r"S/PRST/\d{4}/\d+"
DOCUMENT_SYMBOL = r"S/\d{4}/\d+|S/\d{5}"
SYMBOL_PATTERN = rf"^({RESOLUTION_SYMBOL}|{PRST_SYMBOL}|{DOCUMENT_SYMBOL})$"
MEETING_RECORD_PATTERN = r"^S/PV\.\d+$"
PRESS_RELEASE_PATTERN = r"^SC/\d+$"
# `python -m tracker reconcile`: the databases the rows are lined up with, what can differ, how a difference is settled.
RECONCILE_SOURCES = ("cns", "csis", "dataset")  # "dataset": a day only our rows hold
DIFFERENCE_KINDS = ("source_only", "ours_only", "count", "class", "outcome")
DECISIONS = ("out_of_scope", "other_date", "ours_follows_evidence", "kept_on_evidence", "not_confirmed")

CLASS_MEANINGS = {
    "SRBM": "short-range ballistic missile, under 1,000 km (includes KN-23/24/25 'super-large MLRS')",
    "MRBM": "medium-range ballistic missile, 1,000 to 3,000 km",
    "IRBM": "intermediate-range ballistic missile, 3,000 to 5,500 km",
    "ICBM": "intercontinental ballistic missile, over 5,500 km",
    "SLBM": "submarine- or underwater-launched ballistic missile",
    "HGV": "hypersonic glide vehicle or manoeuvring hypersonic warhead test",
    "SLV": "space launch vehicle (satellite launch)",
    "cruise": "cruise missile (ground, ship or submarine launched)",
    "nuclear": "underground nuclear test",
    "unknown": "ballistic missile whose class was not assessed publicly",
}


@dataclass(frozen=True)
class Field:
    """One CSV column: its type, whether a row may leave it empty, and its allowed values."""

    name: str
    type: str  # id | text | date | time | enum | int | float | url | idlist | memberlist | namelist
    required: bool
    description: str
    choices: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None
    contract: bool = True  # part of the data-rules contract: the column must be in the header
    label: str = ""  # what a reader sees (detail panel, tables); defaults to the name in words
    pattern: str = ""  # a regular expression a non-empty value must match (anchored with ^ and $)
    example: str = ""  # what a matching value looks like, for the validator's message

    @property
    def title(self) -> str:
        return self.label or self.name.replace("_", " ").capitalize()

    def allowed(self) -> str:
        if self.pattern:
            return f"written like {self.example}"
        if self.choices:
            return " | ".join(self.choices)
        if self.min is not None and self.max is not None:
            return f"{self.min:g} to {self.max:g}"
        if self.min is not None:
            return f">= {self.min:g}"
        return ""


@dataclass(frozen=True)
class ForeignKey:
    """`column` holds ids of `table` (a `;`-separated list when `many`)."""

    column: str
    table: str
    many: bool = True


@dataclass(frozen=True)
class NameLookup:
    """`column` names a row of `table` by one of that table's `name_columns` (case and spacing ignored).

    Unlike a foreign key, a value that names no row is allowed: a launch site is often known only vaguely
    ("east coast"), and such a row simply has no coordinates. The map counts and reports those rows."""

    column: str
    table: str


@dataclass(frozen=True)
class Table:
    name: str
    filename: str
    title: str  # what a person calls the table ("Launches")
    noun: str  # what a person calls one row ("launch")
    date_convention: str
    fields: tuple[Field, ...]
    id_prefix: str
    date_floor: dt.date  # no date column of the table may be earlier: a year typo (0222 for 2022) is an error
    primary_key: str = "id"
    foreign_keys: tuple[ForeignKey, ...] = ()
    sort_key: tuple[str, ...] = ("date", "id")
    description: str = ""
    about_the_data: bool = False  # a record kept about the dataset (reconciliation), not events: its dates are not
    # the data's, so "data as of" ignores them
    lookups: tuple[NameLookup, ...] = ()
    # Rows that agree on all these columns (trimmed, case ignored, empty = empty) are one thing written twice.
    unique_together: tuple[str, ...] = ()
    # Columns whose values (`;`-separated lists) are names: each name may name one row only.
    name_columns: tuple[str, ...] = ()

    @property
    def dated(self) -> bool:
        return "date" in self.columns

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def contract_columns(self) -> list[str]:
        return [f.name for f in self.fields if f.contract]

    def allowed(self, f: Field) -> str:
        """What a value of `f` may be, in words (the CLI's help and the schema docs)."""
        if f.type == "date":
            return f"{self.date_floor.isoformat()} to today"
        return f.allowed()


def _opt(name, type_, description, **kw) -> Field:
    return Field(name, type_, required=False, description=description, contract=False, **kw)


LAUNCHES = Table(
    name="launches",
    filename="launches.csv",
    title="Launches",
    noun="launch",
    description="DPRK missile launches, space launches and nuclear tests; one row per launch group.",
    date_convention="Korea Standard Time (UTC+9)",
    id_prefix="L",
    date_floor=dt.date(1984, 1, 1),  # the scope starts with the first known Scud tests, in April 1984
    lookups=(NameLookup("launch_site", "sites"),),
    unique_together=("date", "missile_class", "missile_name", "launch_site"),
    fields=(
        Field("id", "id", True, "Stable unique id, never reused (`L-YYYY-MM-DD-N`)."),
        Field("date", "date", True, "Launch date, YYYY-MM-DD, Korea Standard Time."),
        _opt("date_precision", "enum", "`month` when only the month is known (date is then the 1st).",
             choices=("day", "month"), label="Date known to"),
        _opt("time_kst", "time", "Launch time HH:MM (KST) where reported.", label="Time (Korea)"),
        Field("kind", "enum", True, "What was launched or tested.", choices=LAUNCH_KINDS),
        Field("missile_name", "text", True, "Name as assessed by ROK/Japan/US or CNS; `unknown` allowed."),
        Field("missile_class", "enum", True, "Class by range or type (see the class table).",
              choices=MISSILE_CLASSES, label="Class"),
        Field("count", "int", True, "Missiles in this launch group (1 for tests and space launches).",
              min=1, max=1000, label="Missiles"),
        Field("outcome", "enum", True, "As assessed by ROK/Japan/US.", choices=OUTCOMES),
        _opt("launch_site", "text", "Launch site or area; a name or alias in sites.csv gives the row its coordinates."),
        _opt("lat", "float", "Site latitude, decimal degrees: only to override the site table for this row.",
             min=-90, max=90, label="Site latitude"),
        _opt("lon", "float", "Site longitude, decimal degrees: only to override the site table for this row.",
             min=-180, max=180, label="Site longitude"),
        _opt("apogee_km", "float", "Apogee as assessed (km).", min=0, max=20000, label="Apogee (km)"),
        _opt("range_km", "float", "Distance flown as assessed (km).", min=0, max=20000, label="Range (km)"),
        _opt("yield_kt", "float", "Estimated yield of a nuclear test (kilotons).", min=0, max=10000, label="Yield (kilotons)"),
        _opt("dprk_claim", "text", "What KCNA claimed, where it differs from the assessment.", label="KCNA claim"),
        Field("source_url", "url", True, "The public source read for this row (http or https)."),
        _opt("notes", "text", "Own words: which source was followed, disagreements between sources."),
    ),
)

ACTIONS = Table(
    name="council_actions",
    filename="council_actions.csv",
    title="Council actions",
    noun="Council action",
    description="UN Security Council resolutions, presidential and press statements, vetoed drafts, statements "
                "proposed and blocked, and meetings held without a product, on the DPRK.",
    foreign_keys=(ForeignKey("responds_to", "launches"),),
    date_convention="New York date",
    id_prefix="C",
    date_floor=dt.date(1993, 1, 1),  # the scope starts in 1993: the statement of 8 April and resolution 825
    fields=(
        Field("id", "id", True, "Stable unique id, never reused (`C-YYYY-MM-DD-N`)."),
        Field("date", "date", True, "Date of adoption, vote, issue or meeting, New York date."),
        Field("kind", "enum", True, "Form of the Council action: the furthest step the Council reached that day "
              "(a meeting whose proposed statement was blocked is one `blocked_statement` row).",
              choices=ACTION_KINDS),
        Field("symbol", "text", False, "UN document symbol of the text (S/RES/n (yyyy), S/PRST/yyyy/n, S/yyyy/n; "
              "S/nnnnn before 1994); empty for press statements without one, blocked statements and meetings.",
              pattern=SYMBOL_PATTERN, example="S/RES/2397 (2017), S/PRST/2017/16, S/2022/431 or S/25562"),
        Field("summary", "text", True, "What the action does, in our own words."),
        Field("votes_for", "int", False, "Votes in favour (resolutions and drafts).", min=0, max=15),
        Field("votes_against", "int", False, "Votes against.", min=0, max=15),
        Field("abstentions", "int", False, "Abstentions.", min=0, max=15),
        Field("vetoed_by", "memberlist", False, "`;`-separated permanent members that vetoed.",
              choices=PERMANENT_MEMBERS),
        Field("responds_to", "idlist", False, "`;`-separated launch ids that the action cites or answers.", label="Answers launches"),
        _opt("against_members", "namelist", "`;`-separated members that voted against (non-unanimous votes).", label="Voted against"),
        _opt("abstaining_members", "namelist", "`;`-separated members that abstained (non-unanimous votes).", label="Abstained"),
        _opt("crude_oil_cap_bbl", "float", "Crude oil supply cap set by the text (barrels per year).", min=0, label="Crude oil cap (bbl/yr)"),
        _opt("refined_petroleum_cap_bbl", "float", "Refined petroleum cap set by the text (barrels per year).",
             min=0, label="Refined petroleum cap (bbl/yr)"),
        _opt("meeting_record", "text", "Meeting record symbol, e.g. S/PV.9048 (empty for closed consultations, "
             "which have none).", pattern=MEETING_RECORD_PATTERN, example="S/PV.9048"),
        _opt("press_release", "text", "UN press release number, e.g. SC/14911.", pattern=PRESS_RELEASE_PATTERN,
             example="SC/14911"),
        _opt("former_id", "text", "The id this row had in an earlier release, e.g. the context-event id of a "
             "meeting moved here in 3.0.0 (an id is never reused).", label="Former id"),
        Field("source_url", "url", True, "The public source read for this row (http or https)."),
        _opt("notes", "text", "Own words: sources followed, disagreements, caveats."),
    ),
)

EVENTS = Table(
    name="context_events",
    filename="context_events.csv",
    title="Context events",
    noun="context event",
    description="Summits, talks, agreements, moratoria, NPT steps and sanctions monitoring: the context the "
                "Council acted in.",
    date_convention="local date of the event",
    id_prefix="E",
    date_floor=dt.date(1985, 1, 1),  # the context starts at the earliest with the DPRK joining the NPT (Dec. 1985)
    fields=(
        Field("id", "id", True, "Stable unique id, never reused (`E-YYYY-MM-DD-N`)."),
        Field("date", "date", True, "Date of the event, or first day of a period (local date)."),
        Field("end_date", "date", False, "Last day of a period; empty for a one-day event.", label="Until"),
        Field("kind", "enum", True, "What kind of event.", choices=EVENT_KINDS),
        Field("title", "text", True, "A short title in our own words."),
        Field("source_url", "url", True, "The public source read for this row (http or https)."),
        Field("notes", "text", False, "Own words: sources followed, disagreements, caveats."),
    ),
)

SITES = Table(
    name="sites",
    filename="sites.csv",
    title="Launch sites",
    noun="launch site",
    description="A gazetteer of launch and test sites: the names and aliases that launches.csv uses in "
                "`launch_site`, with coordinates and the source they were read from.",
    date_convention="",  # no dates
    id_prefix="S",
    date_floor=dt.date(1984, 1, 1),  # the table has no date column; the launches' floor, for completeness
    sort_key=("id",),
    name_columns=("name", "aliases"),
    fields=(
        Field("id", "id", True, "Stable unique id, never reused: a short slug of the name (`sohae`)."),
        Field("name", "text", True, "The site's usual English name."),
        Field("aliases", "namelist", False, "`;`-separated other spellings and the `launch_site` texts that mean "
                                            "this site (case and spacing ignored)."),
        Field("lat", "float", True, "Latitude, decimal degrees.", min=-90, max=90, label="Latitude"),
        Field("lon", "float", True, "Longitude, decimal degrees.", min=-180, max=180, label="Longitude"),
        Field("source_url", "url", True, "The public source the coordinates were read from (http or https)."),
        Field("notes", "text", False, "Own words: what the point stands for (a facility, or the centre of an area)."),
    ),
)

DECISIONS_TABLE = Table(
    name="reconciliation_decisions",
    filename="reconciliation_decisions.csv",
    title="Reconciliation decisions",
    noun="reconciliation decision",
    description="Differences between the launch rows and the CNS and CSIS databases that were looked at and "
                "settled without changing a row (`python -m tracker reconcile` reads them).",
    date_convention="the date the difference is reported under (Korea date; the source's own date for its days)",
    id_prefix="D",
    date_floor=LAUNCHES.date_floor,  # differences are about launch rows: the launches' scope
    about_the_data=True,
    fields=(
        Field("id", "id", True, "Stable unique id, never reused (`D-YYYY-MM-DD-N`)."),
        Field("date", "date", True, "Date of the difference as `reconcile` prints it."),
        Field("source", "enum", True, "Which side holds what differs: a database, or only our rows (`dataset`).",
              choices=RECONCILE_SOURCES),
        Field("differences", "memberlist", True, "`;`-separated kinds of difference this decision explains.",
              choices=DIFFERENCE_KINDS),
        Field("decision", "enum", True, "How it was settled.", choices=DECISIONS),
        Field("reason", "text", True, "Why, in our own words, naming the rows concerned."),
        Field("source_url", "url", True, "The evidence read for the decision (http or https).", label="Evidence"),
    ),
)

RUNS_TABLE = Table(
    name="reconciliation_runs",
    filename="reconciliation_runs.csv",
    title="Reconciliation runs",
    noun="reconciliation run",
    description="Each recorded `reconcile` run, one row per database: how far that database reaches and how many "
                "differences it showed. The page and the README say from here where the evidence ends.",
    date_convention="UTC date of the run",
    id_prefix="R",
    date_floor=LAUNCHES.date_floor,  # every date here is a launch-era date (newest row, newest database day)
    about_the_data=True,
    fields=(
        Field("id", "id", True, "Stable unique id, never reused (`R-YYYY-MM-DD-N`)."),
        Field("date", "date", True, "Date of the run (UTC)."),
        Field("source", "enum", True, "The database lined up with the rows.", choices=RECONCILE_SOURCES[:2]),
        Field("source_newest", "date", True, "The newest date that database holds (Korea date where it gives a time).",
              label="Source reaches"),
        Field("rows_newest", "date", True, "The newest launch row's date at the run.", label="Newest row"),
        Field("differences", "int", True, "Differences printed for that database, and for days neither database "
              "holds.", min=0),
        Field("unexplained", "int", True, "Of those, differences with no decision.", min=0),
        Field("source_url", "url", True, "The copy of the database that was read (http or https).",
              label="Copy read"),
    ),
)

TABLES: tuple[Table, ...] = (LAUNCHES, ACTIONS, EVENTS, SITES, DECISIONS_TABLE, RUNS_TABLE)  # after every table it names by a
# foreign key
"""The registry. Append a `Table` here (and its CSV in datasets/) to add a table."""


def table_named(name: str, tables: tuple[Table, ...] | None = None) -> Table:
    return next(t for t in (tables or TABLES) if t.name == name)


def earliest_date(tables: tuple[Table, ...] | None = None) -> dt.date:
    """The earliest date any row of events may have: the floor of date filters, so that every row fits in some
    window (the records kept about the data are not filtered by date)."""
    return min(t.date_floor for t in tables or TABLES if not t.about_the_data)
