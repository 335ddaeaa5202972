"""The reports as a reader sees them: headless Chromium (Debian's package) opens the index and
every reader report, follows every link, checks every image and logs no script error."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from playwright.sync_api import sync_playwright

from conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def check_page(page, url: str) -> dict:
    """Open ``url``; return its script errors, broken images and local links."""
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(url, wait_until="load")
    broken = page.eval_on_selector_all(
        "img", "imgs => imgs.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src.slice(0, 80))"
    )
    images = page.eval_on_selector_all("img", "imgs => imgs.length")
    links = page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
    return {"errors": errors, "broken": broken, "images": images, "links": links}


@pytest.mark.notebook
@pytest.mark.browser
def test_reports_open_in_chromium_with_links_images_and_no_script_error(full_run):
    reports = full_run / "reports"
    shots = ROOT / "build" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    assert Path(CHROMIUM).exists(), "Debian's chromium is not installed (make test installs it)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        index = check_page(page, (reports / "index.html").as_uri())
        page.screenshot(path=str(shots / "index.png"), full_page=True)
        assert index["errors"] == []
        local = [u for u in index["links"] if u.startswith("file://")]
        readers = sorted({u for u in local if u.endswith(".reader.html")})
        assert readers, "the index links no reader report"
        for url in local:
            assert Path(unquote(urlparse(url).path)).is_file(), f"index links a missing file: {url}"
        for url in readers:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            result = check_page(page, url)
            name = Path(urlparse(url).path).stem
            page.screenshot(path=str(shots / f"{name}.png"), full_page=False)
            assert result["errors"] == [], f"{name}: script errors {result['errors']}"
            assert result["broken"] == [], f"{name}: images that do not load {result['broken']}"
            assert result["images"] >= 1, f"{name}: no figure embedded"
            for link in result["links"]:
                if link.startswith("file://"):
                    target = Path(unquote(urlparse(link).path))
                    assert target.is_file(), f"{name} links a missing file: {link}"
            page.close()
        browser.close()
