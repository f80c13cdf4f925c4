"""Statistics: the corpus (expected statistics per sentence, every kind), the negative corpus,
the lexicons' own examples, the unit reader on plain text, the stage on a hand-built Doc,
and the score on ../shared/gold/dev when it is there."""
from __future__ import annotations

import math

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from conftest import GOLD_DEV, corpus, negatives, needs_shared
from pipeline.numerals import find_numerals
from pipeline.quantities import find_statistics
from pipeline.quantity_units import read_unit
from pipeline.record import statistics_of
from pipeline.resources import load_table
from pipeline.spans import AWARDS, DATES, NUMERALS, STATISTICS, make_span

TABLES = ("stat_measures", "stat_unit_stops", "stat_unit_pairs", "stat_pre_units", "stat_not_units",
          "stat_directions", "stat_award_guard", "stat_measure_compounds", "stat_rate_nouns",
          "stat_word_referents", "stat_verb_compound_heads", "stat_body_heads", "stat_award_wins")
KEY = {"stat_measures": "unit", "stat_unit_stops": "word", "stat_unit_pairs": "pair", "stat_pre_units": "noun",
       "stat_not_units": "noun", "stat_directions": "verb", "stat_award_guard": "word",
       "stat_measure_compounds": "word", "stat_rate_nouns": "noun",
       "stat_word_referents": "noun", "stat_verb_compound_heads": "noun", "stat_body_heads": "noun",
       "stat_award_wins": "word"}


@pytest.fixture(scope="module")
def nlp():
    """The stages the statistics stage reads (layout, numerals, dates), without entities and
    awards: award counts must be left out by the stage's own guard too."""
    import pipeline
    return pipeline.load(exclude=["vn_entities", "vn_awards", "vn_statistics", "vn_record"])


def statistics(nlp, text: str) -> list:
    doc = nlp(text)
    doc.spans[AWARDS] = []
    return find_statistics(doc)


def close(a, b) -> bool:
    return a is None and b is None or a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9)


# -- the corpus ---------------------------------------------------------------------

def corpus_cases():
    return [pytest.param(text, row["stats"], id=text) for row in corpus("statistics") for text in row["texts"]]


@pytest.mark.parametrize("text,expected", corpus_cases())
def test_corpus(nlp, text, expected):
    got = statistics(nlp, text)
    assert [s.text.casefold() for s in got] == [e["text"].casefold() for e in expected]
    for span, want in zip(got, expected):
        assert close(span._.stat_value, want["value"]), (span.text, span._.stat_value)
        assert close(span._.stat_total, want.get("total")), (span.text, span._.stat_total)
        assert span._.stat_unit == want["unit"], span.text
        for key in ("qualifier", "direction", "comparison"):
            if key in want:
                assert getattr(span._, f"stat_{key}") == want[key], (span.text, key)


@pytest.mark.parametrize("text", [pytest.param(t, id=t) for t in negatives("statistics")])
def test_negative(nlp, text):
    assert [s.text for s in statistics(nlp, text)] == []


def test_corpus_size_and_kinds():
    rows = corpus("statistics")
    assert sum(len(row["texts"]) for row in rows) >= 150
    assert len(negatives("statistics")) >= 60
    kinds = {row["kind"] for row in rows}
    assert {"count", "percent", "ratio", "money", "measure", "rank", "score", "words", "duration", "age",
            "anniversary", "multiple", "range", "hedge", "comparison"} <= kinds


# -- the lexicons -------------------------------------------------------------------

@pytest.mark.parametrize("name", TABLES)
def test_table_rows(name):
    rows = load_table(name)
    keys = [r[KEY[name]] for r in rows]
    assert len(keys) == len(set(keys)), "duplicate entries"
    for row in rows:
        assert row["example"].strip(), row


@pytest.mark.parametrize("row", [pytest.param(r, id=r["example"]) for r in load_table("stat_measures")])
def test_measure_example(nlp, row):
    (span,) = statistics(nlp, f"Đạt {row['example']}.")
    assert span._.stat_unit.split("/")[0] == row["unit"]


@pytest.mark.parametrize("row", [pytest.param(r, id=r["example"]) for r in load_table("stat_unit_pairs")])
def test_pair_example(nlp, row):
    (span,) = statistics(nlp, f"Có {row['example']} tham gia.")
    assert span._.stat_unit == row["pair"]


@pytest.mark.parametrize("row", [pytest.param(r, id=r["example"]) for r in load_table("stat_pre_units")])
def test_pre_unit_example(nlp, row):
    (span,) = statistics(nlp, f"Em đạt {row['example']}.")
    assert span._.stat_unit == row["unit"]


@pytest.mark.parametrize("row", [pytest.param(r, id=r["example"]) for r in load_table("stat_not_units")])
def test_not_unit_example(nlp, row):
    assert statistics(nlp, f"Đơn vị có {row['example']}.") == []


@pytest.mark.parametrize("row", [pytest.param(r, id=r["example"]) for r in load_table("stat_rate_nouns")])
def test_rate_example(nlp, row):
    (span,) = statistics(nlp, f"Mức chi {row['example']}.")
    assert span._.stat_unit.endswith("/" + row["noun"])


@pytest.mark.parametrize("row", [pytest.param(r, id=r["example"]) for r in load_table("stat_directions")])
def test_direction_example(nlp, row):
    (span,) = statistics(nlp, f"Năm nay {row['example']}.")
    assert span._.stat_direction == row["direction"]


@pytest.mark.parametrize("row", [pytest.param(r, id=r["example"]) for r in load_table("number_name_heads")])
def test_name_head_example(nlp, row):
    """A number the numerals stage reads in a name ("Chương trình 75 ngàn sáng kiến") is no statistic."""
    assert statistics(nlp, f"{row['example']}.") == []


@pytest.mark.parametrize("row", [pytest.param(r, id=r["example"]) for r in load_table("stat_award_wins")])
def test_award_win_example(nlp, row):
    """The count of the recipients of a prize won is an award count, not a statistic."""
    assert statistics(nlp, f"Đoàn có {row['example']}.") == []


@pytest.mark.parametrize("row", [pytest.param(r, id=r["example"]) for r in load_table("stat_unit_stops")])
def test_stop_example(row):
    before, after = row["example"].split(" | ")
    assert after.startswith(row["word"]) or after.lower().startswith(row["word"].lower())
    assert before.strip()


# -- the unit reader on plain text ----------------------------------------------------

@pytest.mark.parametrize("text,pos,unit", [
    ("2 triệu tấn lúa", 7, "tấn"),
    ("3.072 thí sinh dự thi", 5, "thí sinh"),
    ("68,5 tạ/ha, tăng", 4, "tạ/ha"),
    ("9,5 triệu đồng/người/tháng", 9, "đồng/người/tháng"),
    ("6,8%/năm", 3, "%/năm"),
    ("512 cán bộ, giảng viên Trường", 3, "cán bộ, giảng viên"),
    ("02 CĐCS DN trực thuộc tỉnh", 2, "CĐCS DN"),
    ("187 đồng chí đã được kết nạp", 3, "đồng chí"),
    ("38 căn nhà “Mái ấm Công đoàn”", 2, "căn nhà"),
    ("51 đại biểu HĐND tỉnh", 2, "đại biểu"),
    ("9 Trung tâm Y tế huyện", 1, "Trung tâm Y tế"),
])
def test_read_unit(text, pos, unit):
    assert read_unit(text, pos)[0] == unit


@pytest.mark.parametrize("text,pos", [("6,75, xếp thứ", 4), ("8 và 9-7", 1), ("31 tổ chức vào tháng 5", 2),
                                      ("Toán 6,61; Tiếng Anh 5,48", 9), ("F0, F1", 2)])
def test_no_unit(text, pos):
    assert read_unit(text, pos) is None


# -- the stage on a hand-built Doc --------------------------------------------------

def hand_doc(words: list[str]) -> Doc:
    """A Doc with no tags and no segmentation of ours: the stage must work from text alone."""
    doc = Doc(Vocab(), words=words, spaces=[True] * (len(words) - 1) + [False])
    doc.spans[NUMERALS] = find_numerals(doc)
    doc.spans[DATES] = []
    doc.spans[AWARDS] = []
    return doc


def test_hand_built_doc():
    doc = hand_doc(["Toàn", "tỉnh", "có", "60/114", "CĐCS", "triển", "khai", ",", "đạt", "52,6", "%", "."])
    got = [(s.text, s._.stat_value, s._.stat_total, s._.stat_unit) for s in find_statistics(doc)]
    assert got == [("60/114 CĐCS", 60.0, 114.0, "CĐCS"), ("52,6 %", 52.6, None, "%")]


def test_award_span_count_is_skipped():
    doc = hand_doc(["Tặng", "cờ", "thi", "đua", "cho", "5", "đơn", "vị", "xuất", "sắc", "."])
    assert [s.text for s in find_statistics(doc)] == []      # the stage's own guard
    doc = hand_doc(["Trao", "quà", "cho", "5", "đơn", "vị", "."])
    assert [s.text for s in find_statistics(doc)] == ["5 đơn vị"]
    award = make_span(doc, 0, len(doc.text) - 1, "AWARD", "test", award_count=5)
    doc.spans[AWARDS] = [award]
    assert find_statistics(doc) == []


def test_date_span_numbers_are_skipped():
    doc = hand_doc(["Trong", "6", "tháng", "qua", ",", "có", "12", "công", "trình", "."])
    assert [s.text for s in find_statistics(doc)] == ["6 tháng", "12 công trình"]
    doc.spans[DATES] = [make_span(doc, 6, 17, "DATE", "test")]
    assert [s.text for s in find_statistics(doc)] == ["12 công trình"]


def test_record_items(nlp):
    doc = nlp("Hôm qua có 250 đại biểu. Sáng nay thêm 250 đại biểu, đạt 100%.")
    doc.spans[AWARDS] = []
    doc.spans[STATISTICS] = find_statistics(doc)
    items = statistics_of(doc)
    assert [(i["text"], i["value"], i["unit"]) for i in items] == [("250 đại biểu", 250, "đại biểu"),
                                                                    ("100%", 100, "%")]


def test_empty(nlp):
    assert statistics(nlp, "") == []
    assert statistics(nlp, "  \n ") == []


# -- the dev set -------------------------------------------------------------------

@needs_shared
def test_dev_scores():
    import pipeline
    from pipeline.evaluation import load_gold, score
    golds = load_gold(GOLD_DEV)
    preds = {doc_id: pipeline.extract((GOLD_DEV / f"{doc_id}.txt").read_text(encoding="utf-8"), doc_id=doc_id)
             for doc_id in golds}
    assert score(golds, preds)["statistics"].f1 >= 0.90
