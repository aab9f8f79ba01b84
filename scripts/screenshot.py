"""Take the README screenshots: start the dashboard, open it in headless Debian Chromium, save PNGs.

Usage: python scripts/screenshot.py [--data DIR] [--out docs/screenshots]
Each view is opened by URL at 1400 px (laptop); the phone shots (390 px) are taken after switching views by click.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from support.browser import chromium, running_app  # noqa: E402
from tests.pagekit import click_a_point, open_view, switch_to  # noqa: E402

LAPTOP = (("timeline", "", "timeline"), ("story", "?from=2022-05-15&to=2022-06-06", "timeline"),
          ("response", "?view=response", "response"), ("yearly", "?view=yearly", "yearly"),
          ("sanctions", "?view=sanctions&from=2022-01-01&to=2022-12-31", "sanctions"), ("map", "?view=map", "map"),
          ("table", "?view=table", "table"))
PHONE = ("timeline", "response", "yearly", "sanctions")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(Path(__file__).resolve().parent.parent / "datasets"))
    parser.add_argument("--out", default="docs/screenshots")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with running_app(Path(args.data)) as url, chromium() as browser:
        for name, query, view in LAPTOP:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            open_view(page, url, query, view)
            page.wait_for_timeout(1200)
            page.screenshot(path=str(out / f"{name}.png"))
            if name == "story":
                click_a_point(page, "timeline")
                page.wait_for_selector("#detail-drawer:not([hidden])")
                page.wait_for_timeout(400)
                page.screenshot(path=str(out / "detail.png"))
            page.close()
        page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, device_scale_factor=1)
        open_view(page, url)
        for view in PHONE:
            if view != "timeline":
                switch_to(page, view)
            page.wait_for_timeout(1200)
            page.screenshot(path=str(out / f"phone-{view}.png"), full_page=True)
        page.close()
    print(*sorted(p.name for p in out.glob("*.png")))


if __name__ == "__main__":
    main()
