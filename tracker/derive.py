"""Tables derived from the dataset: action-launch links, response lags, the response ladder, unanswered major tests,
oil caps.

Pure functions of DataFrames; the figures, the table view and the tests all use them.
"""

from __future__ import annotations

import pandas as pd

from tracker.schema import ACTION_KINDS, PRODUCT_KINDS
from tracker.values import split_list

MAJOR_CLASSES = ("ICBM", "nuclear")
CAP_COLUMNS = {"refined_petroleum_cap_bbl": "Refined petroleum", "crude_oil_cap_bbl": "Crude oil"}
# The response ladder, lowest rung first: how far the Council got in answer to a launch.
RUNGS = ("none", "meeting", "blocked_statement", "vetoed_draft", "press_statement", "presidential_statement",
         "resolution")
LADDER_COLUMNS = ("launch_id", "date", "missile_class", "rung", "action_id", "action_date", "lag_days")
if set(RUNGS[1:]) != set(ACTION_KINDS):
    raise RuntimeError("every Council action kind needs its rung on the ladder: check derive.RUNGS")


def links(launches: pd.DataFrame, actions: pd.DataFrame, kinds: tuple[str, ...] | None = PRODUCT_KINDS
          ) -> pd.DataFrame:
    """One row per (action, launch) pair named in `responds_to`, both still present after filtering.

    By default only Council products answer (schema.PRODUCT_KINDS: not meetings or blocked statements);
    `kinds=None` links actions of every kind (the response ladder).
    """
    if kinds is not None:
        actions = actions[actions["kind"].isin(kinds)]
    pairs = pd.DataFrame(
        [(aid, lid) for aid, targets in zip(actions["id"], actions["responds_to"]) for lid in split_list(targets)],
        columns=["action_id", "launch_id"], dtype="str")
    pairs = pairs.merge(actions[["id", "date"]].rename(columns={"id": "action_id", "date": "action_date"}))
    pairs = pairs.merge(launches[["id", "date", "missile_class"]].rename(
        columns={"id": "launch_id", "date": "launch_date"}))
    return pairs


def response_lags(launches: pd.DataFrame, actions: pd.DataFrame) -> pd.DataFrame:
    """Per action that answers launches: days from the latest and the earliest launch it names.

    The action's date is a New York date and the launch's a Korea date, so a lag of 1 can be a few hours.
    """
    pairs = links(launches, actions)
    grouped = pairs.groupby("action_id").agg(first_launch=("launch_date", "min"),
                                             last_launch=("launch_date", "max"), launches=("launch_id", "size"))
    table = actions.merge(grouped, left_on="id", right_index=True)
    table["days_since_latest"] = (table["date"] - table["last_launch"]).dt.days
    table["days_since_first"] = (table["date"] - table["first_launch"]).dt.days
    return table.sort_values("date").reset_index(drop=True)


def first_answers(launches: pd.DataFrame, actions: pd.DataFrame) -> pd.DataFrame:
    """Per answered launch row: its earliest Council action (id, kind, symbol, date) and the lag in days."""
    pairs = links(launches, actions).sort_values(["launch_id", "action_date", "action_id"])
    first = pairs.drop_duplicates("launch_id")
    kinds = actions.set_index("id")[["kind", "symbol"]]
    first = first.join(kinds, on="action_id")
    first["lag"] = (first["action_date"] - first["launch_date"]).dt.days
    return first.reset_index(drop=True)


def ladder(launches: pd.DataFrame, actions: pd.DataFrame) -> pd.DataFrame:
    """Per launch row (in the launches' order): the furthest rung any action naming it in `responds_to` reached,
    that action's id and New York date, and `lag_days` = action date minus the launch's Korea date.

    Tie-break, the one rule: among actions on the furthest rung, the earliest counts (then the lowest id), i.e. the
    day the Council first got that far. A launch no action names is on rung "none" with the action columns empty.
    """
    pairs = links(launches, actions, kinds=None)
    pairs["height"] = pairs["action_id"].map(dict(zip(actions["id"], actions["kind"].map(RUNGS.index))))
    best = (pairs.sort_values(["launch_id", "height", "action_date", "action_id"],
                              ascending=[True, False, True, True])
            .drop_duplicates("launch_id").set_index("launch_id"))
    table = launches[["id", "date", "missile_class"]].rename(columns={"id": "launch_id"}).reset_index(drop=True)
    rungs = {launch: RUNGS[height] for launch, height in best["height"].items()}
    table["rung"] = [rungs.get(launch, "none") for launch in table["launch_id"]]
    table["action_id"] = table["launch_id"].map(best["action_id"].to_dict())
    # Through a dict: Series.map(Series) of no rows fails on a datetime column (pandas 3).
    table["action_date"] = pd.to_datetime(table["launch_id"].map(best["action_date"].to_dict()))
    table["lag_days"] = (table["action_date"] - table["date"]).dt.days.astype("Int64")
    return table[list(LADDER_COLUMNS)]


def answered_mask(launches: pd.DataFrame, actions: pd.DataFrame) -> pd.Series:
    """True for launch rows that at least one Council product (schema.PRODUCT_KINDS) names in `responds_to`."""
    products = actions.loc[actions["kind"].isin(PRODUCT_KINDS), "responds_to"]
    named = {lid for targets in products for lid in split_list(targets)}
    return launches["id"].isin(named)


def launch_days_answered(launches: pd.DataFrame, actions: pd.DataFrame, classes=MAJOR_CLASSES) -> tuple[int, int]:
    """(launch days with a launch of these classes, how many of those days no Council action answered)."""
    major = launches[launches["missile_class"].isin(classes)]
    if major.empty:
        return 0, 0
    answered = answered_mask(major, actions)
    by_day = answered.groupby(major["date"]).any()
    return len(by_day), int((~by_day).sum())


def major_test_responses(launches: pd.DataFrame, actions: pd.DataFrame) -> pd.DataFrame:
    """Each ICBM launch and nuclear test with the Council's first answer to it, or none."""
    major = launches[launches["missile_class"].isin(MAJOR_CLASSES)]
    pairs = links(major, actions).sort_values(["launch_id", "action_date"])
    first = pairs.drop_duplicates("launch_id").set_index("launch_id")
    table = major[["id", "date", "missile_name", "missile_class", "outcome", "source_url"]].copy()
    table["first_action_id"] = table["id"].map(first["action_id"])
    # Through a dict: Series.map(Series) of no rows fails on a datetime column (pandas 3).
    table["first_action_date"] = pd.to_datetime(table["id"].map(first["action_date"].to_dict()))
    table["first_action"] = table["first_action_id"].map(described(actions)).fillna("no Council response")
    table["days_to_response"] = (table["first_action_date"] - table["date"]).dt.days.astype("Int64")
    return table.reset_index(drop=True)


def described(actions: pd.DataFrame) -> dict[str, str]:
    """Action id -> "resolution S/RES/2397 (2017)", "press statement", ... (the kind, then the symbol if any)."""
    kinds = actions["kind"].str.replace("_", " ")
    labels = kinds.where(actions["symbol"].isna(), kinds + " " + actions["symbol"])
    return dict(zip(actions["id"], labels))


def oil_caps(actions: pd.DataFrame) -> pd.DataFrame:
    """Long table of caps set by texts: date, product, cap (bbl/yr), adopted (False for vetoed drafts)."""
    rows = []
    for column, product in CAP_COLUMNS.items():
        if column not in actions:
            continue
        capped = actions[actions[column].notna()]
        for _, action in capped.iterrows():
            rows.append({"date": action["date"], "product": product, "cap_bbl": float(action[column]),
                         "adopted": action["kind"] != "vetoed_draft", "symbol": action["symbol"],
                         "id": action["id"]})
    return pd.DataFrame(rows, columns=["date", "product", "cap_bbl", "adopted", "symbol", "id"])


def missiles_by_year(launches: pd.DataFrame) -> pd.DataFrame:
    """Missiles fired (sum of `count`) per Korea-date year and class."""
    return launches.groupby([launches["date"].dt.year.rename("year"), "missile_class"])["count"].sum().unstack(
        fill_value=0)


def actions_by_year(actions: pd.DataFrame) -> pd.DataFrame:
    """Council actions per New York-date year and kind."""
    return actions.groupby([actions["date"].dt.year.rename("year"), "kind"]).size().unstack(fill_value=0)
