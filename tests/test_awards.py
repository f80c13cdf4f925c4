"""Tests for the awards stage: a corpus of award sentences with the rows they must yield,
a negative corpus that must yield none, every lexicon example, the pure phrase readers, a
hand-built Doc, and the award summary table."""
from __future__ import annotations

import pandas as pd
import pytest

from conftest import corpus, negatives
from pipeline.award_phrases import award_phrases, blocked, normalize_award, triggers
from pipeline.resources import load_table

FIELDS = ("giver", "award", "count", "recipient", "year")


def _fold(value):
    return " ".join(str(value).split()).casefold() if value is not None else None


def _rows(awards: list[dict]) -> list[tuple]:
    return sorted((tuple(_fold(a[f]) if f not in ("count", "year") else a[f] for f in FIELDS) for a in awards),
                  key=str)


def _cases():
    out = []
    for row in corpus("awards"):
        for text in row["texts"]:
            out.append(pytest.param(text, row["awards"], id=text[:120]))
    return out


@pytest.fixture(scope="module")
def extract(nlp):
    import pipeline
    return lambda text: pipeline.extract(text, nlp=nlp)


@pytest.mark.parametrize("text,expected", _cases())
def test_award_sentence(extract, text, expected):
    assert _rows(extract(text)["awards"]) == _rows(expected)


@pytest.mark.parametrize("text", negatives("awards"))
def test_no_award(extract, text):
    assert extract(text)["awards"] == []


def test_corpus_size():
    rows = corpus("awards")
    assert sum(len(r["texts"]) for r in rows) >= 60 and len(negatives("awards")) >= 25


@pytest.mark.parametrize("text,expected", [c.values for c in _cases() if any(a["count"] for a in c.values[1])][:20])
def test_award_span_holds_its_count(nlp, text, expected):
    """The statistics stage skips numbers inside award spans, so each count must lie inside."""
    import pipeline
    doc = pipeline.process(text, nlp=nlp)
    counted = [s for s in doc.spans["awards"] if s._.award_count is not None]
    assert counted
    for span in counted:
        inside = [n for n in doc.spans["numerals"] if span.start_char <= n.start_char and n.end_char <= span.end_char]
        assert any(n._.number == span._.award_count for n in inside), span.text


# ---------------------------------------------------------------- lexicon examples

@pytest.mark.parametrize("row", load_table("awards"), ids=lambda r: r["example"])
def test_award_lexicon_example(extract, row):
    names = [a["award"] for a in extract(row["example"])["awards"]]
    if row["follow"] == "title":    # "danh hiệu" gives the title's name
        assert any(name in row["example"].casefold() for name in names), names
    else:
        assert any(name.startswith(row["name"]) for name in names), names


@pytest.mark.parametrize("row", load_table("award_titles"), ids=lambda r: r["example"])
def test_title_lexicon_example(extract, row):
    assert row["title"] in [a["award"] for a in extract(row["example"])["awards"]]


@pytest.mark.parametrize("row", load_table("award_triggers"), ids=lambda r: r["example"])
def test_trigger_lexicon_example(extract, row):
    assert extract(row["example"])["awards"]


@pytest.mark.parametrize("row", load_table("award_recipients"), ids=lambda r: r["example"])
def test_recipient_lexicon_example(extract, row):
    recipients = [_fold(a["recipient"]) for a in extract(row["example"])["awards"]]
    assert any(_fold(row["noun"]) in (r or "") for r in recipients), recipients


@pytest.mark.parametrize("row", load_table("award_givers"), ids=lambda r: r["example"])
def test_giver_lexicon_example(extract, row):
    givers = [a["giver"] or "" for a in extract(row["example"])["awards"]]
    assert any(g.startswith(row["head"]) for g in givers), givers


@pytest.mark.parametrize("row", load_table("award_anaphors"), ids=lambda r: r["example"])
def test_anaphor_lexicon_example(extract, row):
    """"cho nhà trường" is the school the article names."""
    from pipeline.org_names import expand_abbreviations
    recipients = [expand_abbreviations(a["recipient"] or "") for a in extract(row["example"])["awards"]]
    assert any(r.startswith(row["head"]) for r in recipients), recipients


@pytest.mark.parametrize("row", load_table("award_blockers"), ids=lambda r: r["example"])
def test_blocker_lexicon_example(extract, row):
    assert extract(row["example"])["awards"] == []


# ---------------------------------------------------------------- pure readers

@pytest.mark.parametrize("head,name,rank,expected", [
    ("Huân chương", "Lao động", "III", "huân chương lao động hạng ba"),
    ("huân chương", "Độc lập", "1", "huân chương độc lập hạng nhất"),
    ("HCV", "", None, "huy chương vàng"),
    ("HC đồng", "", None, "huy chương đồng"),
    ("Bằng khen", "", None, "bằng khen"),
])
def test_normalize_award(head, name, rank, expected):
    assert normalize_award(head, name, rank) == expected


@pytest.mark.parametrize("text,names", [
    ("trao Huân chương Lao động hạng Ba và 2 HCV", ["huân chương lao động hạng ba", "huy chương vàng"]),
    ("công nhận danh hiệu “Chiến sĩ thi đua cơ sở” cho 52 cá nhân", ["chiến sĩ thi đua cơ sở"]),
    ("tặng Kỷ niệm chương Vì sự nghiệp giáo dục cho 8 cá nhân", ["kỷ niệm chương vì sự nghiệp giáo dục"]),
    ("tặng Kỷ niệm chương Vì sự phát triển của phụ nữ Việt Nam cho 15 cá nhân",
     ["kỷ niệm chương vì sự phát triển của phụ nữ việt nam"]),
    ("Kỷ niệm chương Vì sự nghiệp Cựu chiến binh Việt Nam cho 18 hội viên",
     ["kỷ niệm chương vì sự nghiệp cựu chiến binh việt nam"]),
    ("nhận Kỷ niệm chương Vì sự nghiệp giáo dục của Bộ Giáo dục", ["kỷ niệm chương vì sự nghiệp giáo dục"]),
    ("các vận động viên đoạt huy chương tại Đại hội", []),
    ("đạt giải a trong kỳ thi", []),
])
def test_award_phrases(text, names):
    assert [p.name for p in award_phrases(text)] == names


@pytest.mark.parametrize("text,verbs", [
    ("Ông Hùng ghi nhận và trao đổi kinh nghiệm", []),
    ("được Thủ tướng Chính phủ tặng Bằng khen", ["tặng"]),
    ("tranh giành huy chương, chiếm đoạt tài sản", []),
    ("phần thưởng giành cho huy chương vàng", []),
])
def test_triggers(text, verbs):
    assert [t.verb for t in triggers(text)] == verbs


def test_blocked_only_after_the_last_comma_for_proposals():
    assert blocked("Hội đồng đề nghị Chủ tịch nước tặng ")
    assert not blocked("Theo đề nghị của Giám đốc Sở Nội vụ, Chủ tịch UBND tỉnh tặng ")


# ---------------------------------------------------------------- a hand-built Doc

def test_find_awards_on_hand_built_doc(tokenizer_only):
    """Givers and recipients come from the entity spans' canonical names, not the printed alias."""
    from pipeline.awards import find_awards
    from pipeline.numerals import find_numerals
    from pipeline.spans import make_span

    text = "Dịp này, LĐLĐ tỉnh tặng cờ thi đua 10 tập thể và tặng bằng khen cho CĐCS Trường THCS Cái Dầu."
    doc = tokenizer_only(text)
    doc.spans["numerals"] = find_numerals(doc)
    doc.spans["dates"] = []
    doc.spans["persons"] = []
    doc.spans["locations"] = []
    doc.spans["organizations"] = [
        make_span(doc, text.index("LĐLĐ"), text.index(" tặng"), "ORG", "test",
                  org_name="Liên đoàn Lao động tỉnh An Giang"),
        make_span(doc, text.index("CĐCS"), len(text) - 1, "ORG", "test",
                  org_name="Công đoàn cơ sở Trường THCS Cái Dầu")]
    got = [(s._.award_giver, s._.award_name, s._.award_count, s._.award_recipient, s._.award_year)
           for s in find_awards(doc)]
    assert got == [("Liên đoàn Lao động tỉnh An Giang", "cờ thi đua", 10, "tập thể", None),
                   ("Liên đoàn Lao động tỉnh An Giang", "bằng khen", None, "Công đoàn cơ sở Trường THCS Cái Dầu", None)]


def test_empty_doc(tokenizer_only):
    from pipeline.awards import find_awards
    assert find_awards(tokenizer_only("")) == []


# ---------------------------------------------------------------- the summary table

def test_award_summary(extract):
    import pipeline
    records = [
        {**extract("Thủ tướng Chính phủ tặng Bằng khen cho 3 tập thể và 7 cá nhân."), "doc_id": "a"},
        {**extract("Thủ tướng Chính phủ tặng Bằng khen cho 5 tập thể. Kình ngư Lê Thị Hoa giành huy chương vàng."),
         "doc_id": "b"},
    ]
    summary = pipeline.award_summary(pipeline.to_frames(records))
    assert list(summary.columns) == ["giver", "award", "count", "rows", "articles"]
    first = summary.iloc[0]
    assert (first["giver"], first["award"], first["count"], first["rows"], first["articles"]) == \
        ("Thủ tướng Chính phủ", "bằng khen", 15, 3, 2)
    medal = summary[summary["award"] == "huy chương vàng"].iloc[0]
    assert medal["giver"] == "(không rõ)" and medal["rows"] == 1 and medal["count"] == 0


def test_award_summary_of_no_awards():
    import pipeline
    summary = pipeline.award_summary(pipeline.to_frames([]))
    assert summary.empty and isinstance(summary, pd.DataFrame)


@pytest.mark.parametrize("names,expected", [
    ({"HTX Hoa Sen", "Hợp tác xã Nông nghiệp dịch vụ Hoa Sen"},
     {"HTX Hoa Sen": "Hợp tác xã Nông nghiệp dịch vụ Hoa Sen"}),
    ({"Công ty Tân Thành", "Công ty Cổ phần Vật liệu xây dựng Tân Thành"},
     {"Công ty Tân Thành": "Công ty Cổ phần Vật liệu xây dựng Tân Thành"}),
    # a province or a level word at the end proves nothing
    ({"Đoàn thể thao Tiền Giang", "Đoàn thể thao người khuyết tật Tiền Giang"}, {}),
    ({"Hội Nông dân tỉnh", "Hội Nông dân xã Tân Hòa tỉnh"}, {}),
])
def test_fuller_names(names, expected):
    from pipeline.award_context import _fuller_names
    assert _fuller_names(names) == expected
