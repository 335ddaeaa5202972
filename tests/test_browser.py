"""The reports as a reader sees them: headless Chromium (Debian's package) opens the index and
every reader report, follows every link, checks every image and logs no script error."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from playwright.sync_api import sync_playwright

from helpers.data.tables import read_table

from conftest import ROOT, SEED

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


WIDTHS = (1280, 390)


def _local(url: str) -> bool:
    return url.startswith(("file://", "data:", "blob:", "about:"))


def check_page(page, url: str) -> dict:
    """Open ``url``; return its script errors, broken images, local links, requests that would
    leave the machine (aborted) and whether the page overflows horizontally."""
    errors: list[str] = []
    away: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    def route(r):
        if _local(r.request.url):
            r.continue_()
        else:
            away.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    broken = page.eval_on_selector_all(
        "img",
        "imgs => imgs.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src.slice(0, 80))",
    )
    images = page.eval_on_selector_all("img", "imgs => imgs.length")
    links = page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
    return {
        "errors": errors,
        "broken": broken,
        "images": images,
        "links": links,
        "away": away,
        "overflow": overflow,
    }


@pytest.mark.notebook
@pytest.mark.browser
def test_reports_open_in_chromium_with_links_images_and_no_script_error(full_run):
    reports = full_run / "reports"
    shots = ROOT / "build" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    assert Path(CHROMIUM).exists(), "Debian's chromium is not installed (make test installs it)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for width in WIDTHS:
            page = browser.new_page(viewport={"width": width, "height": 900})
            index = check_page(page, (reports / "index.html").as_uri())
            page.screenshot(path=str(shots / f"index-{width}.png"), full_page=True)
            assert index["errors"] == [] and index["away"] == []
            assert index["overflow"] <= 0, (
                f"index overflows by {index['overflow']} px at {width} px"
            )
            local = [u for u in index["links"] if u.startswith("file://")]
            readers = sorted({u for u in local if u.endswith(".reader.html")})
            assert readers, "the index links no reader report"
            assert any(u.endswith(".csv") for u in local), "the index links no CSV table"
            for url in local:
                assert Path(unquote(urlparse(url).path)).is_file(), (
                    f"index links a missing file: {url}"
                )
            page.close()
            for url in readers:
                page = browser.new_page(viewport={"width": width, "height": 900})
                result = check_page(page, url)
                name = Path(urlparse(url).path).stem
                page.screenshot(path=str(shots / f"{name}-{width}.png"), full_page=False)
                assert result["errors"] == [], f"{name}: script errors {result['errors']}"
                assert result["away"] == [], (
                    f"{name}: requests leaving the machine {result['away']}"
                )
                assert result["overflow"] <= 0, (
                    f"{name}: overflows by {result['overflow']} px at {width} px"
                )
                assert result["broken"] == [], f"{name}: images that do not load {result['broken']}"
                assert result["images"] >= 1, f"{name}: no figure embedded"
                assert any(link.endswith("/index.html") for link in result["links"]), (
                    f"{name}: no link to the index"
                )
                for link in result["links"]:
                    if link.startswith("file://"):
                        target = Path(unquote(urlparse(link).path))
                        assert target.is_file(), f"{name} links a missing file: {link}"
                page.close()
        browser.close()


@pytest.mark.notebook
@pytest.mark.browser
def test_event_table_shows_every_quote_and_filters_by_partner(full_run):
    url = (full_run / "reports" / "01_event_table.reader.html").as_uri()
    quotes = read_table(SEED / "mentions.csv")["evidence"].tolist()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url, wait_until="load")
        page.wait_for_selector("#event-evidence tbody tr")
        table = page.locator("#event-evidence")
        shown = " ".join(table.inner_text().split())
        missing = [q for q in quotes if " ".join(q.split()) not in shown]
        assert missing == [], f"quotes not shown in the 01 reader report: {missing}"
        wrapper = page.locator("div.dt-container:has(#event-evidence)")
        info = wrapper.locator(".dt-info")
        total = info.inner_text()
        wrapper.locator("input[type=search]").fill("Algérie")
        page.wait_for_timeout(300)
        rows = table.locator("tbody tr")
        assert rows.count() >= 1
        for i in range(rows.count()):
            assert "Algérie" in rows.nth(i).inner_text()
        assert info.inner_text() != total, "typing a partner's name did not filter the rows"
        browser.close()


def _open_view(browser, url: str, width: int, view_id: str):
    """A page at ``width`` px on ``url`` once the view ``view_id`` is drawn, and the log of its
    script errors and of the requests that would leave the machine (aborted)."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    log: dict[str, list[str]] = {"errors": [], "away": []}
    page.on("pageerror", lambda exc: log["errors"].append(str(exc)))
    page.on("console", lambda msg: log["errors"].append(msg.text) if msg.type == "error" else None)

    def route(r):
        if _local(r.request.url):
            r.continue_()
        else:
            log["away"].append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(url, wait_until="load")
    page.wait_for_function(f"window.vegaViews && window.vegaViews['{view_id}']")
    page.locator(f"#{view_id} svg").first.scroll_into_view_if_needed()
    return page, log


def _clean(page, log: dict, name: str, width: int) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert log["errors"] == [], f"{name}: script errors {log['errors']}"
    assert log["away"] == [], f"{name}: requests leaving the machine {log['away']}"
    assert overflow <= 0, f"{name}: overflows by {overflow} px at {width} px"


@pytest.mark.notebook
@pytest.mark.browser
def test_timeline_shows_the_evidence_on_hover_and_zooms(full_run):
    url = (full_run / "reports" / "03_rhythm.reader.html").as_uri()
    quotes = read_table(SEED / "mentions.csv")["evidence"].tolist()
    shots = ROOT / "build" / "screenshots"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for width in WIDTHS:
            page, log = _open_view(browser, url, width, "rhythm-timeline")
            marks = page.locator("#rhythm-timeline g.event_marks_marks path")
            assert marks.count() >= 10
            marks.first.hover()
            tooltip = page.locator("#vg-tooltip-element.visible")
            tooltip.wait_for()
            text = " ".join(tooltip.inner_text().split())
            assert "Date as written" in text and "Evidence" in text
            assert any(" ".join(q.split()) in text for q in quotes), text
            page.screenshot(path=str(shots / f"03_rhythm-hover-{width}.png"))
            before = page.evaluate(
                "window.vegaViews['rhythm-timeline'].scale('x').domain().map(Number)"
            )
            box = page.locator("#rhythm-timeline svg").first.bounding_box()
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 3)
            page.mouse.wheel(0, -400)
            page.wait_for_timeout(300)
            after = page.evaluate(
                "window.vegaViews['rhythm-timeline'].scale('x').domain().map(Number)"
            )
            assert after[1] - after[0] < before[1] - before[0], "the wheel did not zoom the dates"
            _clean(page, log, "03_rhythm", width)
            page.close()
        browser.close()


@pytest.mark.notebook
@pytest.mark.browser
def test_network_search_box_rings_the_actor_typed(full_run):
    url = (full_run / "reports" / "02_network.reader.html").as_uri()
    shots = ROOT / "build" / "screenshots"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for width in WIDTHS:
            page, log = _open_view(browser, url, width, "actor-network")
            rings = page.locator("#actor-network g.actor_matches_marks path")
            assert rings.count() == 0
            page.locator("#actor-network input[type=search]").fill("camara")
            page.wait_for_timeout(300)
            assert rings.count() == 1, "typing a name rang no actor (or more than one)"
            rings.first.hover()
            tooltip = page.locator("#vg-tooltip-element.visible")
            tooltip.wait_for()
            assert "Sadio Camara" in tooltip.inner_text()
            page.screenshot(path=str(shots / f"02_network-search-{width}.png"))
            page.locator("#actor-network input[type=search]").fill("Algérie")
            page.wait_for_timeout(300)
            assert rings.count() >= 1
            page.locator("#actor-network input[type=search]").fill("")
            page.wait_for_timeout(300)
            assert rings.count() == 0
            _clean(page, log, "02_network", width)
            page.close()
        browser.close()
