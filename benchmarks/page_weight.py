"""Bytes on the wire for the first page load (or a second visit), as Chromium receives them.

python -m benchmarks.page_weight [--data DIR] [--top 10] [--encodings gzip,br] [--second]

Starts `python -m tracker serve` on a free port, opens `/` in Debian's Chromium (Playwright), waits until the
timeline has drawn its markers and the network is quiet, then sums CDP `Network.loadingFinished`
encodedDataLength (compressed body plus response headers, as received) over every response of the load.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

from support.browser import ROOT, chromium, running_app

TIMELINE_MARKERS = "#graph-timeline .scatterlayer .point"


@dataclass
class Fetch:
    url: str
    encoding: str = ""
    wire: int = 0  # encodedDataLength: bytes received, compressed as sent, headers included
    body: int = 0  # decoded body size
    finished: bool = False


@dataclass
class PageWeight:
    fetches: list[Fetch] = field(default_factory=list)
    accept_encoding: str = ""

    @property
    def total(self) -> int:
        return sum(f.wire for f in self.fetches)

    def top(self, n: int = 10) -> list[Fetch]:
        return sorted(self.fetches, key=lambda f: f.wire, reverse=True)[:n]


def measure(data_dir: Path = ROOT / "datasets", encodings: list[str] | None = None,
            second: bool = False) -> PageWeight:
    """Start the app and Chromium, and weigh one first load (see `weigh`) or a second visit (`second_visit`)."""
    with running_app(data_dir) as url, chromium() as browser:
        return second_visit(browser, url) if second else weigh(browser, url, encodings)


def weigh(browser, url: str, encodings: list[str] | None = None, quiet_ms: int = 1000) -> PageWeight:
    """Load `url`/ once in a fresh browser context (empty cache) and account for every response.

    `encodings` (e.g. ["gzip", "br"]) replaces the Accept-Encoding Chromium sends, to compare encoders; None
    keeps Chromium's own list."""
    headers = {"Accept-Encoding": ", ".join(encodings)} if encodings is not None else None
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, extra_http_headers=headers)
    try:
        return weigh_load(context, url, quiet_ms, cache=False)
    finally:
        context.close()


def second_visit(browser, url: str, quiet_ms: int = 1000) -> PageWeight:
    """Open `url`/ in a fresh context, then once more in a new tab of the same context (the browser's cache kept,
    as for a returning visitor), and account for every response of the second load; cache hits weigh 0."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        weigh_load(context, url, quiet_ms, cache=True)
        return weigh_load(context, url, quiet_ms, cache=True)
    finally:
        context.close()


def weigh_load(context, url: str, quiet_ms: int, cache: bool) -> PageWeight:
    """One load of `url`/ in a new tab of `context`, with the browser cache on or off; the tab is closed after."""
    page = context.new_page()
    try:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": not cache})
        by_id: dict[str, Fetch] = {}
        result = PageWeight()

        def on_request(event: dict) -> None:
            by_id[event["requestId"]] = Fetch(url=event["request"]["url"])

        def on_request_headers(event: dict) -> None:  # the headers as sent, Accept-Encoding included
            headers = {k.lower(): v for k, v in event["headers"].items()}
            result.accept_encoding = result.accept_encoding or headers.get("accept-encoding", "")

        def on_response(event: dict) -> None:
            fetch = by_id.setdefault(event["requestId"], Fetch(url=event["response"]["url"]))
            headers = {k.lower(): v for k, v in event["response"]["headers"].items()}
            fetch.encoding = headers.get("content-encoding", "")

        def on_data(event: dict) -> None:
            if event["requestId"] in by_id:
                by_id[event["requestId"]].body += event["dataLength"]

        def on_finished(event: dict) -> None:
            if event["requestId"] in by_id:
                by_id[event["requestId"]].wire = int(event["encodedDataLength"])
                by_id[event["requestId"]].finished = True

        cdp.on("Network.requestWillBeSent", on_request)
        cdp.on("Network.requestWillBeSentExtraInfo", on_request_headers)
        cdp.on("Network.responseReceived", on_response)
        cdp.on("Network.dataReceived", on_data)
        cdp.on("Network.loadingFinished", on_finished)
        page.goto(url + "/")
        page.wait_for_selector(TIMELINE_MARKERS, state="attached", timeout=120_000)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(quiet_ms)
        result.fetches = [f for f in by_id.values() if f.finished]
        return result
    finally:
        page.close()


def short(url: str) -> str:
    path = url.split("://", 1)[-1].split("/", 1)[-1]
    return "/" + path.split("?", 1)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT / "datasets")
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--encodings", help="comma-separated, e.g. gzip,br: what Chromium may accept")
    parser.add_argument("--second", action="store_true", help="weigh a second visit in the same browser instead")
    args = parser.parse_args()
    weight = measure(args.data, args.encodings.split(",") if args.encodings else None, args.second)
    print(f"Accept-Encoding sent: {weight.accept_encoding}")
    print(f"{'second visit' if args.second else 'first load'}: {len(weight.fetches)} responses, {weight.total:,} bytes on the wire "
          f"({weight.total / 1e6:.2f} MB), {sum(f.body for f in weight.fetches):,} bytes decoded")
    print(f"{'wire bytes':>12} {'decoded':>12} {'encoding':<9} url")
    for fetch in weight.top(args.top):
        print(f"{fetch.wire:>12,} {fetch.body:>12,} {fetch.encoding or '-':<9} {short(fetch.url)}")


if __name__ == "__main__":
    main()
