"""Dates: the corpus (ISO value against a reference dateline per surface text), the negative
corpus, resolution rules, the lexicons' own examples, the spaCy wrapper on a hand-built Doc,
and the dev gold set when ../shared is present."""
import json

import pytest
import spacy
from spacy.tokens import Doc

from conftest import GOLD_DEV, corpus, needs_shared, negatives
from pipeline.dates import _finditer, _rules, find_dates, match_dates, parse_published, resolve_date
from pipeline.resources import load_table
from test_numerals import unbracket

NEGATIVE_PUBLISHED = "2022-06-15"


def date_cases():
    return [pytest.param(t, r["value"], r["published"], id=t) for r in corpus("dates") for t in r["texts"]]


@pytest.mark.parametrize("text,value,published", date_cases())
def test_date(text, value, published):
    plain, marks = unbracket(text)
    found = match_dates(plain, published)
    expected = marks[0] if marks else (0, len(plain))
    assert [(d.start, d.end, d.value) for d in found] == [(*expected, value)], \
        [(d.text, d.value, d.rule) for d in found]
    assert found[0].granularity in ("day", "month", "quarter", "year", "range")
    assert ("/" in value) == (found[0].granularity in ("quarter", "range"))


@pytest.mark.parametrize("text", negatives("dates"))
def test_not_a_date(text):
    assert [(d.text, d.value) for d in match_dates(text, NEGATIVE_PUBLISHED)] == []


@pytest.mark.parametrize("text", ["hôm nay", "năm nay", "năm ngoái", "tháng trước", "sáng nay", "quý I",
                                  "thứ Hai tuần trước", "Tết Nhâm Dần", "tháng 12", "9 tháng năm nay"])
def test_deictic_needs_a_dateline(text):
    """Without a dateline a deictic date (or a month without a year) is not listed."""
    assert match_dates(text) == []
    assert match_dates(text, "2022-06-15")


def test_published_forms():
    assert str(parse_published("2021-01-18T14:18")) == "2021-01-18"
    assert str(parse_published("2021-01-18")) == "2021-01-18"
    assert parse_published(None) is None and parse_published("18/01/2021") is None


def test_resolve_is_separate_from_parse():
    (d,) = match_dates("Sáng 18-1")
    assert d.value == "--01-18"
    assert resolve_date(d, "2021-01-18T14:18") == "2021-01-18"
    assert resolve_date(d, "2019-02-01") == "2019-01-18"


@pytest.mark.parametrize("row", load_table("date_words"), ids=lambda r: f'{r["role"]}:{r["word"]}')
def test_date_word_example(row):
    """Every entry of date_words.tsv gives a date in its own example."""
    assert match_dates(row["example"], "2022-01-14"), row


def test_lunar_table_covers_the_news_years():
    years = {int(r["year"]): r for r in load_table("lunar_holidays")}
    assert set(range(1990, 2051)) <= set(years)
    assert years[2022]["tet"] == "2022-02-01" and years[2022]["can_chi"] == "Nhâm Dần"
    assert years[2007]["tet"] == "2007-02-17"   # Vietnamese Tết, a day before the Chinese one


def test_find_dates_on_a_hand_built_doc():
    nlp = spacy.blank("xx")
    words = ["Sáng", "18-1", ",", "Hội nghị", "nhiệm kỳ", "2018-2023", "năm nay", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True, False, True, True, True, True, False, False])
    doc._.published = "2021-01-18T14:18"
    spans = [(s.text, s._.date_value, s._.date_granularity, s.label_) for s in find_dates(doc)]
    assert spans == [("Sáng 18-1", "2021-01-18", "day", "DATE"), ("nhiệm kỳ 2018-2023", "2018/2023", "range", "DATE"),
                     ("năm nay", "2021", "year", "DATE")]


# the core-first search must return exactly what the plain scan returns, leads included:
# glued words ("lýNgày 7/6"), a lead spread over many spaces, a weekday holding a digit
LEAD_CASES = ["lýNgày 7/6 và Musichôm 29/8", "Sáng   hôm   qua  ,  thứ   Hai ,  ( ngày    7-9/12/2022 )",
              "thứ 2, 10/7 và T7 11 và 12/7", "rạng sáng hôm nay 1/1\nchiều 2/2", "cuối    năm 2022, giữa tháng 3",
              "nhiệm kỳ 2018-2023, vụ lúa Đông Xuân 2021-2022", "sáng thứ Bảy tuần trước, tối qua"]


def test_core_first_search_is_finditer():
    texts = LEAD_CASES + [unbracket(t)[0] for r in corpus("dates") for t in r["texts"]] + negatives("dates")
    text = "\n".join(texts)
    for name, rx, core, width in _rules():
        assert [m.span() for m in _finditer(rx, core, width, text)] == [m.span() for m in rx.finditer(text)], name


def test_no_crash_on_odd_text():
    for text in ["", " ", "\n", "ngày " * 50, "1/1/1/1/1", "từ đến", "năm năm năm", "quý", "Tết " * 20]:
        match_dates(text, "2022-01-01")


@needs_shared
def test_dev_gold_dates():
    """Every gold date of ../shared/gold/dev is found with its value (text by containment)."""
    missed = []
    for gold_file in sorted(GOLD_DEV.glob("*.gold.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        text = gold_file.with_name(gold_file.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
        found = {(d.text.casefold(), d.value) for d in match_dates(text, gold["published"])}
        for item in gold["dates"]:
            if not any(v == item["value"] and item["text"].casefold() in t for t, v in found):
                missed.append((gold["doc_id"], item["text"], item["value"]))
    assert not missed
