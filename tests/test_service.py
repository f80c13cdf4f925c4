"""The web service through FastAPI's TestClient: records equal pipeline.extract's, limits and
error bodies, odd input never a 500, concurrent requests, the page and its assets."""
from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

pytest.importorskip("fastapi", reason="the web service needs the serve extra: pip install 'vnie[serve]'")
pytest.importorskip("httpx", reason="FastAPI's TestClient needs httpx")

import regex  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

import pipeline  # noqa: E402
import pipeline.api  # noqa: E402
from pipeline.service import award_parts, create_app  # noqa: E402

MAX_CHARS, MAX_BATCH = 2_000, 4

# short articles written for these tests (made-up people and figures)
ARTICLES = [
    {"text": "Sáng 11-1, ông Nguyễn Văn Hòa, Phó Chủ tịch Liên đoàn Lao động tỉnh Cà Mau, dự hội nghị.",
     "published": "2024-01-12"},
    {"text": "Trong năm, toàn ngành kết nạp 420 đoàn viên mới, đạt 105% chỉ tiêu.", "doc_id": "bai-2"},
    {"text": "Thứ Sáu, 12/1/2024 09:15\n\nDịp này, Liên đoàn Lao động tỉnh Cà Mau trao Bằng khen cho "
             "5 tập thể và 12 cá nhân có thành tích xuất sắc.\n\nHOÀNG LAN", "doc_id": "bai-3"},
    {"text": "Bà Trần Thị Mỹ Duyên, Giám đốc Sở Y tế, cho biết năm 2023 tỉnh có 1.250 ca bệnh, giảm 12%.",
     "doc_id": "bai-4", "published": "2024-03-05T08:30"},
]


def expected(nlp, article: dict) -> dict:
    """pipeline.extract's record as JSON would carry it."""
    record = pipeline.extract(article["text"], doc_id=article.get("doc_id"), published=article.get("published"), nlp=nlp)
    return json.loads(json.dumps(record, ensure_ascii=False))


@pytest.fixture(scope="module")
def client(nlp):
    with TestClient(create_app(nlp=nlp, max_chars=MAX_CHARS, max_batch=MAX_BATCH)) as test_client:
        yield test_client


# ---------------------------------------------------------------- the record

@pytest.mark.parametrize("article", ARTICLES, ids=[a["text"][:40] for a in ARTICLES])
def test_extract_returns_the_record_of_pipeline_extract(client, nlp, article):
    response = client.post("/extract", json=article)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == expected(nlp, article)


def test_batch_returns_the_records_in_order(client, nlp):
    response = client.post("/extract/batch", json={"articles": ARTICLES})
    assert response.status_code == 200, response.text
    assert response.json() == [expected(nlp, a) for a in ARTICLES]


def test_empty_batch_is_an_empty_list(client):
    assert client.post("/extract/batch", json={"articles": []}).json() == []


def test_vietnamese_survives_the_round_trip(client):
    text = "Ông Lê Văn Nưng – Phó Bí thư Thường trực Tỉnh ủy – phát biểu: “Đoàn kết, đổi mới”."
    record = client.post("/extract", json={"text": text, "doc_id": "Đắk Lắk ữ"}).json()
    assert record["doc_id"] == "Đắk Lắk ữ"
    for item in record["persons"]:
        assert item["name"] in text


@pytest.mark.parametrize("given, stored", [
    ("2021-01-18", "2021-01-18"), ("2021-01-18T14:18", "2021-01-18T14:18"),
    ("2021-01-18T14:18:30", "2021-01-18T14:18"), (" 2021-01-18 ", "2021-01-18"), ("", None), (None, None)])
def test_published_accepts_iso_dates(client, given, stored):
    response = client.post("/extract", json={"text": "Hội nghị tổng kết.", "published": given})
    assert response.status_code == 200, response.text
    assert response.json()["published"] == stored


def test_health_names_the_loaded_stages(client, nlp):
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["stages"] == nlp.pipe_names
    assert body["max_chars"] == MAX_CHARS and body["version"] == pipeline.__version__


def test_annotate_marks_every_mention_in_the_normalized_text(client, nlp):
    article = ARTICLES[2]
    body = client.post("/annotate", json=article).json()
    assert body["record"] == expected(nlp, article)
    text, marks = body["text"], body["marks"]
    assert text == nlp.make_doc(article["text"]).text
    item_marks = {(m["kind"], m["item"], m["start"], m["end"]) for m in marks if m["kind"] != "award_part"}
    for kind in ("persons", "organizations", "locations", "dates", "statistics", "awards"):
        for i, item in enumerate(body["record"][kind]):
            for mention in item["mentions"]:
                assert text[mention["start"]:mention["end"]] == mention["text"]
                assert (kind, i, mention["start"], mention["end"]) in item_marks
    assert [(m["start"], -m["end"]) for m in marks] == sorted((m["start"], -m["end"]) for m in marks)


def test_award_parts_are_found_in_the_mention_and_its_sentence(tokenizer_only):
    doc = tokenizer_only("Hội nghị kết thúc.\nDịp này, Liên đoàn Lao động tỉnh trao Bằng khen cho 15 cá nhân "
                         "và 5 tập thể.")
    start = doc.text.index("trao")
    mention = {"start": start, "end": doc.text.index(".", start)}  # "trao Bằng khen cho 15 cá nhân và 5 tập thể"
    item = {"giver": "Liên đoàn Lao động tỉnh", "award": "bằng khen", "count": 5, "recipient": "tập thể", "year": None}
    parts = {p["part"]: doc.text[p["start"]:p["end"]] for p in award_parts(doc, item, mention)}
    assert parts == {"giver": "Liên đoàn Lao động tỉnh", "award": "Bằng khen", "count": "5", "recipient": "tập thể"}
    count = next(p for p in award_parts(doc, item, mention) if p["part"] == "count")
    assert doc.text[count["start"] - 1:count["end"]] == " 5"  # not the 5 of 15


# ---------------------------------------------------------------- limits and errors

def test_text_past_the_limit_is_413_with_a_message(client):
    response = client.post("/extract", json={"text": "a" * (MAX_CHARS + 1)})
    assert response.status_code == 413
    assert "at most 2,000" in response.json()["detail"]
    assert client.post("/extract", json={"text": "ă" * MAX_CHARS}).status_code == 200


def test_batch_limits_are_413(client):
    too_many = client.post("/extract/batch", json={"articles": [{"text": "a"}] * (MAX_BATCH + 1)})
    assert too_many.status_code == 413 and "at most 4" in too_many.json()["detail"]
    too_long = client.post("/extract/batch", json={"articles": [{"text": "a"}, {"text": "b" * (MAX_CHARS + 1)}]})
    assert too_long.status_code == 413 and "articles[1].text" in too_long.json()["detail"]


def test_a_huge_body_is_refused_before_it_is_read():
    app = create_app(nlp=pipeline.load(exclude=pipeline.STAGES), max_chars=10, max_batch=1)
    with TestClient(app) as small:
        response = small.post("/extract", content=b'{"text": "' + b"a" * 70_000 + b'"}',
                              headers={"content-type": "application/json"})
    assert response.status_code == 413 and "bytes" in response.json()["detail"]


BAD_REQUESTS = [
    pytest.param({}, "text", id="no text"),
    pytest.param({"text": 42}, "text", id="text not a string"),
    pytest.param({"text": None}, "text", id="text null"),
    pytest.param({"text": "a", "lang": "vi"}, "lang", id="unknown field"),
    pytest.param({"text": "a", "published": "18/1/2021"}, "published", id="published not ISO"),
    pytest.param({"text": "a", "published": "2021-02-30"}, "published", id="published not a date"),
    pytest.param({"text": "a", "published": "hôm qua"}, "published", id="published words"),
    pytest.param({"text": "a", "published": 2021}, "published", id="published a number"),
    pytest.param(["a"], "body", id="a list, not an object"),
]


@pytest.mark.parametrize("body, field", BAD_REQUESTS)
def test_bad_requests_are_422_saying_what_was_wrong(client, body, field):
    response = client.post("/extract", json=body)
    assert response.status_code == 422, response.text
    error = response.json()
    assert error["detail"] and all({"loc", "msg", "type"} <= set(e) for e in error["detail"])
    assert field in json.dumps([e["loc"] for e in error["detail"]])
    assert error["message"].startswith("invalid request: ")


@pytest.mark.parametrize("content, content_type, said", [
    (b"{not json", "application/json", "JSON decode error"),
    (b"", "application/json", "Field required"),
    (b'{"text": "\\ud800 n\\u1eeda"}', "application/json", "surrogate"),
    (b'{"text": "a"}', "text/plain", "Content-Type: application/json"),
    (b"\xff\xfe\x00", "application/json", "invalid request"),
], ids=["broken JSON", "empty body", "lone surrogate", "not JSON content type", "bytes not UTF-8"])
def test_malformed_bodies_are_422(client, content, content_type, said):
    response = client.post("/extract", content=content, headers={"content-type": content_type})
    assert response.status_code == 422, response.text
    assert said in response.json()["message"]


def test_batch_items_are_checked_each(client):
    response = client.post("/extract/batch", json={"articles": [{"text": "a"}, {"txt": "b"}]})
    assert response.status_code == 422
    locs = [e["loc"] for e in response.json()["detail"]]
    assert ["body", "articles", 1, "text"] in locs
    assert client.post("/extract/batch", json={"articles": "a"}).status_code == 422


def test_errors_do_not_echo_the_article(client):
    text = "bài báo rất dài " * 50
    response = client.post("/extract", json={"text": text, "published": "no"})
    assert response.status_code == 422 and text not in response.text


ODD_TEXTS = ["", "   \n\t ", "\x00\x01\x02 văn bản \x7f", "😀 Ông Lê Văn A 😀 được 3 huy chương 🏅", "....!!!???",
             "1" * 1500, "a\r\nb\rc\n" * 50, "<p>Ông <b>Nguyễn Văn B</b></p>&nbsp;&amp;", "\u202eمرحبا\u202c שלום",
             "e\u0301 a\u0300 o\u0302\u0301", "\ufeff\u200b\u00a0Thứ Hai, 31/2/2023", "ngày 99 tháng 99 năm 99999",
             "Đ" * MAX_CHARS, "\n" * 500, "tăng 1,4 lần; 60/114; 3.072.000.000.000.000.000.000 đồng"]


@pytest.mark.parametrize("text", ODD_TEXTS, ids=[repr(t[:30]) for t in ODD_TEXTS])
def test_odd_text_is_never_a_server_error(client, text):
    response = client.post("/annotate", json={"text": text, "published": "2023-02-01"})
    assert response.status_code == 200, response.text[:500]
    assert set(response.json()["record"]) >= {"doc_id", "published", "persons", "statistics"}


def test_wrong_method_and_path_are_json_errors(client):
    assert client.get("/extract").status_code == 405
    assert client.post("/nowhere", json={}).status_code == 404


# ---------------------------------------------------------------- loading and concurrency

def test_the_pipeline_is_loaded_once_at_startup(nlp):
    calls = []

    def loader():
        calls.append(1)
        return nlp

    with TestClient(create_app(loader=loader)) as once:
        assert calls == [1]  # loaded before the first request
        for article in ARTICLES:
            assert once.post("/extract", json=article).status_code == 200
        once.get("/health")
    assert calls == [1]


def test_concurrent_requests_get_their_own_records_and_never_overlap(client, nlp, monkeypatch):
    wanted = [expected(nlp, a) for a in ARTICLES]
    active, most = [0], [0]
    guard = threading.Lock()
    real = pipeline.api.process

    def watched(*args, **kwargs):
        with guard:
            active[0] += 1
            most[0] = max(most[0], active[0])
        try:
            return real(*args, **kwargs)
        finally:
            with guard:
                active[0] -= 1

    monkeypatch.setattr(pipeline.api, "process", watched)
    jobs = [i % len(ARTICLES) for i in range(24)]

    def call(i):
        if i % 3 == 0:
            return i, client.post("/extract/batch", json={"articles": [ARTICLES[i]]}).json()[0]
        return i, client.post("/extract", json=ARTICLES[i]).json()

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(call, jobs))
    for i, record in results:
        assert record == wanted[i]
    assert most[0] == 1, "two threads ran the spaCy pipeline at once"


# ---------------------------------------------------------------- the page

def test_page_is_utf8_html_with_its_assets_served_locally(client):
    page = client.get("/")
    assert page.status_code == 200 and "charset=utf-8" in page.headers["content-type"]
    html = page.text
    assert '<meta charset="utf-8">' in html and 'lang="vi"' in html and "Trích xuất" in html
    assets = regex.findall(r'(?:src|href)="([^"#]+)"', html)
    for asset in assets:
        assert not regex.match(r"(?i)(https?:)?//", asset), f"{asset} is fetched from the network"
    for asset in [a for a in assets if a.startswith("static/")]:
        served = client.get("/" + asset)
        assert served.status_code == 200, asset
        assert not regex.search(r"(?i)(https?:)?//[\w.-]+\.\w+/", regex.sub(r"(?m)//.*$", "", served.text)), asset


def test_openapi_describes_the_endpoints(client):
    spec = client.get("/openapi.json").json()
    assert {"/extract", "/extract/batch", "/health", "/annotate"} <= set(spec["paths"])
    assert "413" in spec["paths"]["/extract"]["post"]["responses"]
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "cdn" not in docs.text.lower()  # the Swagger UI files are served by vnie itself, for offline use
    script = regex.search(r'src="([^"]+swagger-ui-bundle\.js)"', docs.text).group(1)
    assert client.get(script).status_code == 200


def test_random_text_is_never_a_server_error(client):
    """Text made of the pieces news is made of (Vietnamese letters, digits, separators, line breaks),
    in random order: always a record."""
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies
    pieces = st.sampled_from(["Đ", "ồ", "ng", "ông ", "Nguyễn Văn A", "Tỉnh ủy", "1", "2.5", "3,4", "%", "/", "-", ":",
                              ".", ",", " ", "\n", "\n\n", "ngày ", "tháng ", "năm ", "tặng ", "Bằng khen", "cho ",
                              "tập thể", "(", ")", "“", "”", "Thứ Hai, ", "lần thứ ", "XII", "triệu", "A A"])

    @hypothesis.settings(max_examples=25, deadline=None, derandomize=True)
    @hypothesis.given(st.lists(pieces, max_size=60).map("".join))
    def check(text):
        response = client.post("/annotate", json={"text": text})
        assert response.status_code == 200, (text, response.text[:300])

    check()
