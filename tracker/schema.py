"""The dataset's schema, declared once.

The validator (`validate.py`), the docs table (`python -m tracker schema`), the `add` prompts and the
dashboard's filters all read these declarations; nothing else lists a column or an allowed value.
"""

from __future__ import annotations

from dataclasses import dataclass

LAUNCH_KINDS = ("ballistic_missile", "cruise_missile", "space_launch", "nuclear_test")
MISSILE_CLASSES = ("SRBM", "MRBM", "IRBM", "ICBM", "SLBM", "HGV", "SLV", "cruise", "nuclear", "unknown")
OUTCOMES = ("success", "failure", "unknown")
ACTION_KINDS = ("resolution", "presidential_statement", "press_statement", "vetoed_draft")
PERMANENT_MEMBERS = ("China", "France", "Russia", "United Kingdom", "United States")

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
    type: str  # id | text | date | time | enum | int | float | url | idlist | memberlist
    required: bool
    description: str
    choices: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None
    contract: bool = True  # part of the data-rules contract: the column must be in the header

    def allowed(self) -> str:
        if self.choices:
            return " | ".join(self.choices)
        if self.min is not None and self.max is not None:
            return f"{self.min:g} to {self.max:g}"
        if self.min is not None:
            return f">= {self.min:g}"
        return ""


@dataclass(frozen=True)
class Table:
    name: str
    filename: str
    date_convention: str
    fields: tuple[Field, ...]
    id_prefix: str

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


def _opt(name, type_, description, **kw) -> Field:
    return Field(name, type_, required=False, description=description, contract=False, **kw)


LAUNCHES = Table(
    name="launches",
    filename="launches.csv",
    date_convention="Korea Standard Time (UTC+9)",
    id_prefix="L",
    fields=(
        Field("id", "id", True, "Stable unique id, never reused (`L-YYYY-MM-DD-N`)."),
        Field("date", "date", True, "Launch date, YYYY-MM-DD, Korea Standard Time."),
        _opt("date_precision", "enum", "`month` when only the month is known (date is then the 1st).",
             choices=("day", "month")),
        _opt("time_kst", "time", "Launch time HH:MM (KST) where reported."),
        Field("kind", "enum", True, "What was launched or tested.", choices=LAUNCH_KINDS),
        Field("missile_name", "text", True, "Name as assessed by ROK/Japan/US or CNS; `unknown` allowed."),
        Field("missile_class", "enum", True, "Class by range or type (see the class table).",
              choices=MISSILE_CLASSES),
        Field("count", "int", True, "Missiles in this launch group (1 for tests and space launches).",
              min=1, max=1000),
        Field("outcome", "enum", True, "As assessed by ROK/Japan/US.", choices=OUTCOMES),
        _opt("launch_site", "text", "Launch site or area."),
        _opt("lat", "float", "Launch site latitude, decimal degrees.", min=-90, max=90),
        _opt("lon", "float", "Launch site longitude, decimal degrees.", min=-180, max=180),
        _opt("apogee_km", "float", "Apogee as assessed (km).", min=0, max=20000),
        _opt("range_km", "float", "Distance flown as assessed (km).", min=0, max=20000),
        _opt("yield_kt", "float", "Estimated yield of a nuclear test (kilotons).", min=0, max=10000),
        _opt("dprk_claim", "text", "What KCNA claimed, where it differs from the assessment."),
        Field("source_url", "url", True, "The public source read for this row (http or https)."),
        _opt("notes", "text", "Own words: which source was followed, disagreements between sources."),
    ),
)

ACTIONS = Table(
    name="council_actions",
    filename="council_actions.csv",
    date_convention="New York date",
    id_prefix="C",
    fields=(
        Field("id", "id", True, "Stable unique id, never reused (`C-YYYY-MM-DD-N`)."),
        Field("date", "date", True, "Date of adoption, vote or issue, New York date."),
        Field("kind", "enum", True, "Form of the Council action.", choices=ACTION_KINDS),
        Field("symbol", "text", False, "UN document symbol; empty for press statements without one."),
        Field("summary", "text", True, "What the action does, in our own words."),
        Field("votes_for", "int", False, "Votes in favour (resolutions and drafts).", min=0, max=15),
        Field("votes_against", "int", False, "Votes against.", min=0, max=15),
        Field("abstentions", "int", False, "Abstentions.", min=0, max=15),
        Field("vetoed_by", "memberlist", False, "`;`-separated permanent members that vetoed.",
              choices=PERMANENT_MEMBERS),
        Field("responds_to", "idlist", False, "`;`-separated launch ids that the action cites or answers."),
        _opt("crude_oil_cap_bbl", "float", "Crude oil supply cap set by the text (barrels per year).", min=0),
        _opt("refined_petroleum_cap_bbl", "float", "Refined petroleum cap set by the text (barrels per year).",
             min=0),
        _opt("meeting_record", "text", "Meeting record symbol, e.g. S/PV.9048."),
        _opt("press_release", "text", "UN press release number, e.g. SC/14911."),
        Field("source_url", "url", True, "The public source read for this row (http or https)."),
        _opt("notes", "text", "Own words: sources followed, disagreements, caveats."),
    ),
)

TABLES = (LAUNCHES, ACTIONS)
