"""`vnie report`: one self-contained HTML file with the totals, the awards summary, the most
frequent names, dates over time and inline SVG charts."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytest.importorskip("matplotlib", reason="the report needs the report extra: pip install 'vnie[report]'")

import regex  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from pipeline.report import build_report, frequent, month_range, number, write_report  # noqa: E402
from pipeline.tables import award_summary, to_frames  # noqa: E402

SAMPLES = Path(__file__).parent.parent / "data" / "samples"
LDLD = "Tổng Liên đoàn Lao động Việt Nam"


def mention(n: int = 1) -> list[dict]:
    return [{"start": 0, "end": 1, "sentence": 0, "text": "x", "rule": "test"}] * n


def award(giver, name, count, recipient="tập thể", year=2023):
    return {"giver": giver, "award": name, "count": count, "recipient": recipient, "year": year, "text": name,
            "mentions": mention()}


def article(doc_id, published, persons=(), organizations=(), dates=(), awards=(), statistics=()):
    return {"doc_id": doc_id, "published": published, "author": None, "source": None, "headline": None,
            "persons": [{"name": n, "titles": list(t), "mentions": mention(k)} for n, t, k in persons],
            "organizations": [{"name": n, "aliases": list(a), "mentions": mention()} for n, a in organizations],
            "dates": [{"text": v, "value": v, "granularity": "year", "mentions": mention()} for v in dates],
            "awards": list(awards),
            "statistics": [{"text": f"{v} {u}", "value": v, "total": None, "unit": u, "mentions": mention()}
                           for v, u in statistics],
            "locations": []}


RECORDS = [
    article("a1", "2023-01-18T14:18",
            persons=[("Nguyễn Văn Hòa", ["Phó Chủ tịch Liên đoàn Lao động tỉnh"], 2), ("Trần Thị Mỹ Duyên", [], 1)],
            organizations=[(LDLD, ["Công đoàn Việt Nam"]), ("Sở Y tế", [])],
            dates=["2023-01-18", "2022"],
            awards=[award(LDLD, "bằng khen", 5), award(LDLD, "bằng khen", 12, "cá nhân"),
                    award("Liên đoàn Lao động tỉnh Cà Mau", "cờ thi đua", 2)],
            statistics=[(420, "đoàn viên"), (105, "%")]),
    article("a2", "2023-03-02",
            persons=[("Nguyễn Văn Hòa", ["Chủ tịch Công đoàn ngành Y tế"], 1)],
            organizations=[(LDLD, []), ("Sở Y tế", ["Sở"])],
            dates=["2021/2023", "2023-03"],
            awards=[award(LDLD, "bằng khen", 7), award(None, "giấy khen", None), award("Thủ tướng Chính phủ",
                                                                                        "huân chương lao động hạng ba", 1)],
            statistics=[(1250, "đoàn viên")]),
    article("a3", None, organizations=[("Báo <Người> & Lao động", [])]),
]


class Tables(HTMLParser):
    """Rows of the tables of a page, by table class."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.current = self.row = self.cell = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.current = self.tables.setdefault(dict(attrs).get("class") or f"t{len(self.tables)}", [])
        elif tag == "tr" and self.current is not None:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(self.cell)
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.current.append(self.row)
            self.row = None
        elif tag == "table":
            self.current = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def write(tmp_path: Path, records: list[dict]) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    (out / "records.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return out


def assert_offline(html: str) -> None:
    """Nothing in the page is fetched: no scripts, stylesheets, fonts or images from a URL."""
    assert "<script" not in html and "<link" not in html and "@import" not in html
    for quote, value in regex.findall(r"""(?i)\b(?:src|href|srcset|xlink:href|action)\s*=\s*(["']?)([^"'\s>]*)""", html):
        assert value.startswith(("#", "data:")), f"the page fetches {value}"
    assert not regex.search(r"(?i)url\(\s*['\"]?(?!#|data:)", html)


def test_report_is_one_offline_file_with_the_award_summary(tmp_path):
    out = write(tmp_path, RECORDS)
    path = write_report(out)
    assert path == out / "report.html" and path.exists()
    html = path.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and '<meta charset="utf-8">' in html
    assert_offline(html)

    summary = award_summary(to_frames(RECORDS))
    parser = Tables()
    parser.feed(html)
    rows = parser.tables["award-summary"][1:]
    assert [(r[0], r[1], r[2]) for r in rows] == [
        (g, a, number(c)) for g, a, c in zip(summary["giver"], summary["award"], summary["count"])]
    assert [LDLD, "bằng khen", "24", "3", "2"] in rows  # 5 + 12 + 7 over three rows in two articles
    assert ["(không rõ)", "giấy khen", "0", "1", "1"] in rows


def test_report_has_totals_frequent_names_and_charts(tmp_path):
    html = write_report(write(tmp_path, RECORDS)).read_text(encoding="utf-8")
    parser = Tables()
    parser.feed(html)
    totals = {row[0]: row[1:] for row in parser.tables["totals"][1:]}
    assert totals["Người · persons"] == ["3", "2", "2"]           # rows, distinct names, articles
    assert totals["Khen thưởng · awards"] == ["6", "4", "2"]          # 4 distinct giver × award
    assert totals["Bài báo · articles"][0] == "3"
    persons = parser.tables["persons"]
    assert persons[1][:3] == ["Nguyễn Văn Hòa", "2", "3"]         # 2 articles, 3 mentions
    assert "Phó Chủ tịch Liên đoàn Lao động tỉnh" in persons[1][3] and "Chủ tịch Công đoàn ngành Y tế" in persons[1][3]
    svgs = regex.findall(r"(?s)<svg.*?</svg>", html)
    assert len(svgs) == 3  # awards by kind, dates by year, articles by month
    for svg in svgs:
        ET.fromstring(svg)  # well-formed XML inside the HTML
    ids = regex.findall(r'\bid="([^"]+)"', "".join(svgs))
    assert len(ids) == len(set(ids)), "two charts share an element id"
    assert "bằng khen" in svgs[0] and "2021" in svgs[1]


def test_names_are_escaped(tmp_path):
    html = write_report(write(tmp_path, RECORDS)).read_text(encoding="utf-8")
    assert "Báo &lt;Người&gt; &amp; Lao động" in html and "<Người>" not in html


def test_empty_and_errors(tmp_path):
    out = write(tmp_path, [])
    (out / "errors.csv").write_text("path,reason\nbao/hong.txt,empty file\n", encoding="utf-8-sig")
    html = write_report(out).read_text(encoding="utf-8")
    assert "Không có" in html and "bao/hong.txt" in html and "empty file" in html
    assert "<svg" not in html
    assert_offline(html)


def test_missing_or_broken_records_say_so(tmp_path):
    with pytest.raises(FileNotFoundError, match="vnie run"):
        write_report(tmp_path)
    (tmp_path / "records.jsonl").write_text('{"doc_id": "a"}\n{broken\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"records.jsonl:2"):
        write_report(tmp_path)


def test_frequent_merges_case_and_counts_articles():
    records = [article("a", None, persons=[("Lê Văn A", ["Giám đốc"], 1)]),
               article("b", None, persons=[("LÊ VĂN A", ["Giám đốc", "Đại tá"], 2), ("Lê Thị B", [], 5)])]
    assert frequent(records, "persons", "titles") == [("Lê Văn A", 2, 3, "Giám đốc; Đại tá"), ("Lê Thị B", 1, 5, "")]


@pytest.mark.parametrize("value, shown", [(3072, "3.072"), (1.5, "1,5"), (2500000.0, "2.500.000"), (None, "—"),
                                          (1234.25, "1.234,25"), ("<b>", "&lt;b&gt;")])
def test_numbers_are_written_the_vietnamese_way(value, shown):
    assert number(value) == shown


def test_month_range_fills_gaps():
    assert month_range("2021-11", "2022-02") == ["2021-11", "2021-12", "2022-01", "2022-02"]


def test_build_report_skips_error_records():
    html = build_report([*RECORDS, {"doc_id": "x", "error": "empty file"}])
    assert "3 bài báo" in html


def test_report_on_the_samples(nlp, tmp_path):
    """The samples through the pipeline, then the report: its award summary is the records'."""
    import pipeline

    records = list(pipeline.extract_files(SAMPLES))
    assert len(records) == 3
    out = write(tmp_path, records)
    html = write_report(out).read_text(encoding="utf-8")
    assert_offline(html)
    parser = Tables()
    parser.feed(html)
    summary = award_summary(to_frames(records))
    rows = parser.tables.get("award-summary", [[]])[1:]
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        (g, a, number(c), number(n)) for g, a, c, n in zip(summary["giver"], summary["award"], summary["count"],
                                                           summary["rows"])]


def test_cli_report(tmp_path):
    from pipeline.cli import app

    runner = CliRunner()
    out = write(tmp_path, RECORDS)
    result = runner.invoke(app, ["report", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "report.html").exists() and "report.html" in result.output
    missing = runner.invoke(app, ["report", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2 and "vnie run" in missing.output
