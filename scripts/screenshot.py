"""Take the README screenshots: start the dashboard, open it in headless Debian Chromium, save PNGs.

Usage: python scripts/screenshot.py [--data DIR] [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from support.browser import chromium, running_app  # noqa: E402

SHOTS = (("timeline", "", 1400, 1000), ("story", "?from=2022-05-15&to=2022-06-06", 1400, 1000),
         ("response", "?view=response", 1400, 1100), ("yearly", "?view=yearly", 1400, 900),
         ("sanctions", "?view=sanctions", 1400, 800), ("map", "?view=map", 1400, 900),
         ("table", "?view=table", 1400, 1300), ("phone", "", 390, 1600))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(Path(__file__).resolve().parent.parent / "datasets"))
    parser.add_argument("--out", default="docs/screenshots")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with running_app(Path(args.data)) as url, chromium() as browser:
        for name, query, width, height in SHOTS:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.on("console", lambda m: print("console:", m.type, m.text[:300]) if m.type in ("error", "warning") else None)
            page.goto(url + "/" + query)
            ready = "#launch-grid .ag-row" if name == "table" else "section:not([hidden]) .js-plotly-plot .main-svg"
            page.wait_for_selector(ready, timeout=30_000)
            page.wait_for_timeout(1500)
            page.screenshot(path=str(out / f"{name}.png"), full_page=name == "phone")
            page.close()
            print(out / f"{name}.png")


if __name__ == "__main__":
    main()
