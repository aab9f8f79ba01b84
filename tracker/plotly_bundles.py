"""The app's plotly.js: a core bundle and add-ons, as `scripts/build-plotly-bundle` wrote them to assets/vendor/.

`plotly-bundles.json` names the core (scatter, bar and a loader) and each add-on with the trace types it registers
(geo: scattergeo; gl: scattergl). The page loads the core; the core loads an add-on when a figure first needs it
(the page lists the add-ons' URLs in a `plotly-addons` JSON element). The HTML export inlines the core and only the
add-ons its figure needs. No dash import here: the export uses it too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tracker.paths import assets_folder

FOLDER = "vendor"  # under the assets folder
MANIFEST = "plotly-bundles.json"


@dataclass(frozen=True)
class Bundle:
    name: str  # "core", or the add-on's name
    file: str  # its path relative to the assets folder, with '/'
    traces: tuple[str, ...]


@dataclass(frozen=True)
class Bundles:
    version: str  # plotly.js
    core: Bundle
    addons: tuple[Bundle, ...]

    def needed(self, trace_types) -> list[Bundle] | None:
        """The core and the add-ons that draw `trace_types`, in load order; None when some type is in none."""
        wanted = set(trace_types) - set(self.core.traces)
        addons = [a for a in self.addons if wanted & set(a.traces)]
        if wanted - {t for a in addons for t in a.traces}:
            return None
        return [self.core, *addons]


def bundles(assets: Path | None = None) -> Bundles | None:
    """What the manifest in `assets`/vendor/ (default: the app's assets folder) says, or None when there is no
    manifest (Dash's own plotly.js then)."""
    path = (assets or assets_folder()) / FOLDER / MANIFEST
    return _read(path, path.stat().st_mtime_ns) if path.is_file() else None


@lru_cache(maxsize=4)
def _read(path: Path, _mtime: int) -> Bundles:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return Bundles(version=raw["version"],
                   core=Bundle("core", f"{FOLDER}/{raw['core']}", tuple(raw["core_traces"])),
                   addons=tuple(Bundle(name, f"{FOLDER}/{a['file']}", tuple(a["traces"]))
                                for name, a in raw["addons"].items()))


def addon_file_pattern(found: Bundles | None) -> str | None:
    """A regex for Dash's `assets_ignore`: the add-ons' file names (the core loads them; the page must not)."""
    if found is None or not found.addons:
        return None
    names = "|".join(Path(a.file).name.replace(".", r"\.") for a in found.addons)
    return f"^({names})$"
