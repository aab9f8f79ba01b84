"""Colours, symbols and lanes for every figure, derived from the schema; a value without a style fails loudly.

Launch classes use warm and neutral colours, Council actions blues, context events greys: one meaning per
colour. Every marker colour has at least 3:1 contrast with the white plot (WCAG 1.4.11); a test checks it.
"""

from __future__ import annotations

import html

import plotly.io as pio

from tracker.schema import ACTION_KINDS, EVENT_KINDS, KIND_CLASSES, MISSILE_CLASSES

COUNCIL_LANE = "UN Security Council"
CONTEXT_LANE = "Context"
LANES = tuple(cls for classes in KIND_CLASSES.values() for cls in classes)  # schema order, top to bottom

CLASS_COLOURS = {
    "ICBM": "#B2182B", "IRBM": "#D6400C", "MRBM": "#9A5B00", "SRBM": "#8E44AD", "SLBM": "#1B7837",
    "HGV": "#C2185B", "unknown": "#6E6E6E", "cruise": "#7A6A00", "SLV": "#00796B", "nuclear": "#000000",
}
ACTION_STYLE = {  # colour, marker symbol, legend label
    "resolution": ("#08306B", "square", "Resolution"),
    "presidential_statement": ("#2166AC", "diamond", "Presidential statement"),
    "press_statement": ("#3A78B5", "circle", "Press statement"),
    "vetoed_draft": ("#0B4F8A", "x", "Vetoed draft"),
    # Steps that produced no text: hollow, like a launch no product answers.
    "blocked_statement": ("#2F5E8F", "diamond-open", "Blocked statement"),
    "meeting": ("#4A6E96", "circle-open", "Council meeting, no product"),
}
EVENT_STYLE = {  # colour, marker symbol, legend label
    "summit": ("#4D4D4D", "triangle-up", "Summit"),
    "talks": ("#5A5A5A", "triangle-down", "Talks"),
    "agreement": ("#3F3F3F", "star-triangle-up", "Agreement"),
    "moratorium": ("#616161", "line-ew-open", "Testing moratorium"),
    "monitoring": ("#545454", "hexagon", "Sanctions monitoring"),
    "npt": ("#474747", "pentagon", "NPT step"),
}
UNANSWERED_NOTE = "hollow = no Council answer"


def _require_styles() -> None:
    """A schema value without a style would silently drop points: refuse to import instead."""
    for name, values, styled in (("missile class", MISSILE_CLASSES, CLASS_COLOURS),
                                 ("Council action kind", ACTION_KINDS, ACTION_STYLE),
                                 ("context event kind", EVENT_KINDS, EVENT_STYLE)):
        missing = [v for v in values if v not in styled]
        if missing:
            raise RuntimeError(f"no style for {name}(s) {missing}: add them in tracker/figures/style.py")
    if set(LANES) != set(MISSILE_CLASSES):
        raise RuntimeError("every missile class needs a lane: check schema.KIND_CLASSES")


_require_styles()

TEMPLATE = pio.templates["plotly_white"]
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


def esc(value) -> str:
    """Text from the CSV, safe inside Plotly's hover/label markup (which understands a few HTML tags)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return html.escape(str(value), quote=False)


def layout_dict(title: str = "", legend_below: bool = True) -> dict:
    """No pixel height here: the page gives each graph a fixed height (CSS), the exports set their own."""
    legend = ({"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0, "xanchor": "left", "font": {"size": 11}}
              if legend_below else {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0})
    return {"meta": {"title": title}, "template": TEMPLATE, "font": {"family": FONT, "size": 12},
            "margin": {"l": 10, "r": 16, "t": 16, "b": 10}, "hoverlabel": {"align": "left"}, "legend": legend}


def base_layout(fig, title: str, legend_below: bool = True):
    fig.update_layout(layout_dict(title, legend_below))
    return fig


def empty_figure(title: str, message: str):
    import plotly.graph_objects as go

    fig = base_layout(go.Figure(), title)
    fig.add_annotation(text=esc(message), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                       font={"size": 15, "color": "#555"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def relative_luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str = "#FFFFFF") -> float:
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
