"""End to end in a real browser: Debian's headless Chromium, driven by Playwright, against the
service on a local port. Screenshots go to tests/artifacts/ (not committed).

Playwright's own browser download is never used: the test drives /usr/bin/chromium, and skips
with the reason when that browser or the playwright package is missing.
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("VNIE_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
pytest.importorskip("uvicorn", reason="the web service needs the serve extra: pip install 'vnie[serve]'")

import uvicorn  # noqa: E402

from pipeline.service import create_app  # noqa: E402

# a short article written for this test (made-up people and figures)
ARTICLE = """Công đoàn ngành Y tế tỉnh Cà Mau tổng kết năm 2023

Thứ Sáu, 12/1/2024 09:15

Sáng 11-1, Công đoàn ngành Y tế tỉnh Cà Mau tổ chức hội nghị tổng kết hoạt động năm 2023. Dự hội nghị có ông Nguyễn Văn Hòa, Phó Chủ tịch Liên đoàn Lao động tỉnh Cà Mau, và bà Trần Thị Mỹ Duyên, Giám đốc Sở Y tế.

Trong năm, toàn ngành kết nạp 420 đoàn viên mới, đạt 105% chỉ tiêu; 36 công đoàn cơ sở được xếp loại vững mạnh. Công đoàn ngành đã thăm hỏi 1.250 đoàn viên có hoàn cảnh khó khăn với tổng số tiền hơn 1,2 tỷ đồng.

Dịp này, Liên đoàn Lao động tỉnh Cà Mau trao Bằng khen cho 5 tập thể và 12 cá nhân có thành tích xuất sắc.

HOÀNG LAN
"""


@pytest.fixture(scope="module")
def server(nlp):
    """The service on 127.0.0.1 at a free port, in a thread, for this module's tests."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(nlp=nlp), log_level="warning", lifespan="on")
    service = uvicorn.Server(config)
    thread = threading.Thread(target=service.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not service.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the service did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    service.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def browser():
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / ".gitignore").write_text("*\n")
    with sync_api.sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Exception as error:  # a Chromium too old or too new for this Playwright
            pytest.skip(f"Chromium at {CHROMIUM} does not start under Playwright: {str(error).splitlines()[0]}")
        yield chromium
        chromium.close()


def test_paste_submit_and_see_persons_and_statistics(server, browser, nlp):
    import pipeline

    record = pipeline.extract(ARTICLE, nlp=nlp)
    persons = [p["name"] for p in record["persons"]]
    assert "Nguyễn Văn Hòa" in persons, "the pipeline no longer finds the person in the seed sentence"
    assert record["statistics"], "the pipeline finds no statistic in the article"

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    outside = []
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(server) else None)
    page.goto(server)
    assert page.title().startswith("vnie")
    page.fill("#text", ARTICLE)
    page.click("#submit")
    page.wait_for_selector("#article .m.persons", timeout=60_000)

    # every person of the record is highlighted as a person and listed in the persons table
    highlighted = page.locator("#article .m.persons").all_inner_texts()
    for name in persons:
        assert any(name in text or text in name for text in highlighted), f"{name} is not highlighted"
    assert "Nguyễn Văn Hòa" in page.locator("#table-persons").inner_text()

    # a statistic is highlighted, and hovering it shows its normalized value
    statistic = page.locator("#article .m.statistics").first
    statistic.wait_for()
    assert any(s["text"] in page.locator("#article").inner_text() for s in record["statistics"])
    statistic.hover()
    tooltip = page.locator("#tooltip")
    tooltip.wait_for(state="visible")
    assert "Số liệu" in tooltip.inner_text()

    # clicking a person shows its detail; the Vietnamese text reads back unchanged
    page.locator("#article .m.persons", has_text="Nguyễn Văn Hòa").first.click()
    assert "Nguyễn Văn Hòa" in page.locator("#detail").inner_text()
    assert "tổng kết hoạt động năm 2023" in page.locator("#article").inner_text()
    page.locator("#article .m.persons").first.hover()
    page.screenshot(path=str(ARTIFACTS / "browser-viewer.png"), full_page=True)

    assert not problems, problems
    assert not outside, f"the page fetched from elsewhere: {outside}"
    page.close()


def test_an_error_is_shown_not_thrown(server, browser):
    page = browser.new_page()
    page.goto(server)
    page.fill("#text", "")
    page.fill("#published", "2024-01-12")
    page.click("#submit")
    page.wait_for_selector("#summary:has-text('Tìm thấy')")
    page.evaluate("document.getElementById('text').value = 'x'.repeat(100001)")
    page.click("#submit")
    error = page.locator("#error")
    error.wait_for(state="visible")
    assert "at most" in error.inner_text()
    page.close()


def test_report_opens_offline(browser, tmp_path):
    """The report file renders with every network request refused."""
    import json

    from pipeline.report import write_report

    records = [{"doc_id": "a", "published": "2024-01-12T09:15", "persons": [], "organizations": [], "dates": [],
                "statistics": [], "locations": [],
                "awards": [{"giver": "Liên đoàn Lao động tỉnh Cà Mau", "award": "bằng khen", "count": 5,
                            "recipient": "tập thể", "year": None, "text": "Bằng khen", "mentions": []}]}]
    (tmp_path / "records.jsonl").write_text(json.dumps(records[0], ensure_ascii=False) + "\n", encoding="utf-8")
    report = write_report(tmp_path)
    context = browser.new_context(offline=True)
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(report.as_uri())
    assert "Liên đoàn Lao động tỉnh Cà Mau" in page.locator(".award-summary").inner_text()
    assert page.locator("svg.chart").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "browser-report.png"), full_page=True)
    assert [url for url in requested if not url.startswith("file:")] == []
    context.close()
