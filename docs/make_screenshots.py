"""Remake the README's screenshots: the article viewer and the batch report.

    .venv/bin/python docs/make_screenshots.py

Needs the serve and report extras, the playwright package and Debian's Chromium
(``apt-get install chromium``); Playwright's own browser download is not used.
Uses only the project's own articles (data/samples, data/gold).
"""
from __future__ import annotations

import json
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pipeline  # noqa: E402
from pipeline.report import write_report  # noqa: E402
from pipeline.service import create_app  # noqa: E402

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTICLE = ROOT / "data" / "samples" / "khen-thuong-cong-doan.txt"


def start_service() -> tuple[str, uvicorn.Server]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(), log_level="warning"))
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
    while not server.started:
        time.sleep(0.1)
    return f"http://127.0.0.1:{sock.getsockname()[1]}/", server


def viewer(browser, url: str, target: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 1180}, device_scale_factor=1)
    page.goto(url)
    page.evaluate("document.getElementById('text').rows = 3")
    page.fill("#text", ARTICLE.read_text(encoding="utf-8"))
    page.fill("#doc_id", ARTICLE.stem)
    page.click("#submit")
    page.wait_for_selector("#article .m.persons")
    page.locator("#article .m.awards, #article .m.award_part").first.click()
    page.evaluate("document.getElementById('text').scrollTop = 0; window.scrollTo(0, 0)")
    page.locator("#article .m.statistics").nth(1).hover()
    page.wait_for_timeout(300)
    page.screenshot(path=str(target), full_page=True)
    page.close()


def report(browser, target: Path) -> None:
    articles = sorted((ROOT / "data" / "samples").glob("*.*")) + sorted((ROOT / "data" / "gold").glob("*.txt"))
    records = list(pipeline.extract_files([a for a in articles if a.suffix in (".txt", ".html")]))
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "samples"
        out.mkdir()
        (out / "records.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
        path = write_report(out)
        page = browser.new_page(viewport={"width": 1200, "height": 1500}, device_scale_factor=1)
        page.goto(path.as_uri())
        page.screenshot(path=str(target))
        page.close()


def main() -> None:
    url, server = start_service()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        viewer(browser, url, ROOT / "docs" / "screenshot-viewer.png")
        report(browser, ROOT / "docs" / "screenshot-report.png")
        browser.close()
    server.should_exit = True
    print("docs/screenshot-viewer.png docs/screenshot-report.png")


if __name__ == "__main__":
    main()
