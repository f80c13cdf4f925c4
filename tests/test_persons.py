"""Persons: the corpus (expected persons with titles per sentence), the negative corpus,
one generated example per lexicon entry, bylines and photo credits, the title grammar on
its own, and the score on ../shared/gold/dev when it is there."""
from __future__ import annotations

import pytest

from conftest import GOLD_DEV, corpus, negatives, needs_shared
from pipeline.person_titles import split_roles
from pipeline.organizations import find_organizations
from pipeline.persons import find_persons
from pipeline.record import persons_of
from pipeline.resources import load_lexicon, load_table
from pipeline.spans import ORGANIZATIONS, PERSONS

LEXICONS = ("person_honorifics", "person_cues", "person_ranks", "person_degrees", "person_title_prefixes",
            "person_title_heads", "person_role_nouns", "person_title_words", "person_title_stops",
            "person_place_words", "person_not_names", "person_middle_names", "person_byline_not_names",
            "person_given_name_roles", "person_alias_epithets", "person_company_words",
            "person_countries")


@pytest.fixture(scope="module")
def nlp():
    """The tokenizer and the layout stage: what find_persons reads."""
    import pipeline
    return pipeline.load(exclude=[s for s in pipeline.STAGES if s != "vn_layout"])


def persons(nlp, text: str) -> list[dict]:
    """The record's persons for ``text``: name and titles only (organizations first, as in vn_entities)."""
    doc = nlp(text)
    doc.spans[ORGANIZATIONS] = find_organizations(doc)
    doc.spans[PERSONS] = find_persons(doc)
    return [{"name": p["name"], "titles": p["titles"]} for p in persons_of(doc)]


def by_name(items: list[dict]) -> dict:
    """Name -> titles, compared as the scorer does: case-insensitively."""
    return {p["name"]: sorted(t.casefold() for t in p["titles"]) for p in items}


# -- the corpus ---------------------------------------------------------------------

def corpus_cases():
    return [pytest.param(text, row["persons"], id=text) for row in corpus("persons") for text in row["texts"]]


@pytest.mark.parametrize("text,expected", corpus_cases())
def test_corpus(nlp, text, expected):
    assert by_name(persons(nlp, text)) == by_name(expected)


@pytest.mark.parametrize("text", [pytest.param(t, id=t) for t in negatives("persons")])
def test_negative(nlp, text):
    assert persons(nlp, text) == []


def test_corpus_size():
    rows = corpus("persons")
    assert sum(len(row["texts"]) for row in rows) >= 60
    assert len(negatives("persons")) >= 30


# -- one example per lexicon entry ---------------------------------------------------

def entries(name: str) -> list:
    return [pytest.param(e, id=e) for e in load_lexicon(name)]


def _one(nlp, text, name, titles):
    assert by_name(persons(nlp, text)) == by_name([{"name": name, "titles": titles}]), text


@pytest.mark.parametrize("surname", [pytest.param(r["surname"], id=r["surname"]) for r in load_table("person_surnames")])
def test_surname(nlp, surname):
    _one(nlp, f"Hôm qua, ông {surname} Văn Minh đến thăm các hộ nghèo.", f"{surname} Văn Minh", [])


@pytest.mark.parametrize("honorific", entries("person_honorifics"))
def test_honorific_is_no_title(nlp, honorific):
    _one(nlp, f"Hôm qua, {honorific} Nguyễn Văn An, Giám đốc Sở Y tế, đến thăm.", "Nguyễn Văn An",
         ["Giám đốc Sở Y tế"])


@pytest.mark.parametrize("cue", entries("person_cues"))
def test_cue_is_no_title(nlp, cue):
    _one(nlp, f"Hôm qua, {cue} Nguyễn Văn An đến trụ sở.", "Nguyễn Văn An", [])


@pytest.mark.parametrize("rank", entries("person_ranks"))
def test_rank(nlp, rank):
    _one(nlp, f"{rank} Nguyễn Văn An phát biểu.", "Nguyễn Văn An", [rank])


@pytest.mark.parametrize("degree", entries("person_degrees"))
def test_degree(nlp, degree):
    _one(nlp, f"Hôm qua, {degree} Nguyễn Văn An phát biểu.", "Nguyễn Văn An", [degree])


@pytest.mark.parametrize("prefix", entries("person_title_prefixes"))
def test_title_prefix(nlp, prefix):
    _one(nlp, f"Hôm qua, {prefix} Giám đốc Sở Y tế Nguyễn Văn An phát biểu.", "Nguyễn Văn An",
         [f"{prefix} Giám đốc Sở Y tế"])


@pytest.mark.parametrize("head", entries("person_title_heads"))
def test_office(nlp, head):
    _one(nlp, f"Ông Nguyễn Văn An, {head} Công ty Minh Phát, cho biết.", "Nguyễn Văn An",
         [f"{head} Công ty Minh Phát"])


@pytest.mark.parametrize("role", entries("person_role_nouns"))
def test_role_noun(nlp, role):
    _one(nlp, f"Hôm qua, {role} Nguyễn Văn An nhận giải.", "Nguyễn Văn An", [role])


@pytest.mark.parametrize("role", entries("person_given_name_roles"))
def test_given_name_role(nlp, role):
    # artists and athletes go by a given or stage name: the role makes it a person
    _one(nlp, f"Hôm qua, {role} Minh Khang có mặt tại sân.", "Minh Khang", [role])


@pytest.mark.parametrize("word", entries("person_title_words"))
def test_title_word(nlp, word):
    _one(nlp, f"Ông Nguyễn Văn An, Chủ tịch Hội Nông dân {word} Tân Phú, cho biết.", "Nguyễn Văn An",
         [f"Chủ tịch Hội Nông dân {word} Tân Phú"])


@pytest.mark.parametrize("word", entries("person_company_words"))
def test_company_word(nlp, word):
    # the company's own name runs on after its head or legal form, field words included;
    # a two-syllable name right after them is the company's, not a person's
    _one(nlp, f"Bà Trần Thị Hoa, Kế toán trưởng {word} Kho vận Thành Đạt, cho biết.", "Trần Thị Hoa",
         [f"Kế toán trưởng {word} Kho vận Thành Đạt"])
    _one(nlp, f"Ông Phạm Văn Quý, Phó Giám đốc {word} Xây dựng Hoàng Long, phát biểu.", "Phạm Văn Quý",
         [f"Phó Giám đốc {word} Xây dựng Hoàng Long"])


@pytest.mark.parametrize("stop", entries("person_title_stops"))
def test_title_stop(nlp, stop):
    _one(nlp, f"Ông Nguyễn Văn An, Giám đốc Sở Y tế {stop} việc này.", "Nguyễn Văn An", ["Giám đốc Sở Y tế"])


@pytest.mark.parametrize("word", entries("person_place_words"))
def test_place_word(nlp, word):
    assert persons(nlp, f"Họ đến {word} Nguyễn Văn Cừ hôm qua.") == []


@pytest.mark.parametrize("name", entries("person_not_names"))
def test_not_name(nlp, name):
    assert persons(nlp, f"Gặp ông {name} hôm qua.") == []


@pytest.mark.parametrize("year", sorted({r["can_chi"] for r in load_table("lunar_holidays")}))
def test_lunar_year_is_no_name(nlp, year):
    # the dates stage's 60 Can Chi names: "Giáp" and "Đinh" also open personal names
    assert persons(nlp, f"Dịp Tết Nguyên đán {year}, ông Đinh Văn Tý mừng xuân {year} cùng bà con.") == \
        [{"name": "Đinh Văn Tý", "titles": []}]


@pytest.mark.parametrize("middle", entries("person_middle_names"))
def test_middle_name(nlp, middle):
    # "Hà" also opens place names: a middle name makes it a family name without any cue
    _one(nlp, f"Hôm qua, Hà {middle} Lâm phát biểu.", f"Hà {middle} Lâm", [])


HIGHLAND = load_table("person_highland_names")


@pytest.mark.parametrize("row", [pytest.param(r, id=r["entry"]) for r in HIGHLAND])
def test_highland_name(nlp, row):
    # given name first, clan last: the later short mention is the beginning of the name
    name = row["example"]
    clans = [r["entry"] for r in HIGHLAND if r["kind"] == "clan" and name.endswith(" " + r["entry"])]
    given = name[:-len(max(clans, key=len))].strip()
    _one(nlp, f"Hôm qua, {name} nhận quà tại buôn. Sau đó, anh {given} cảm ơn đoàn.", name, [])


@pytest.mark.parametrize("country", entries("person_countries"))
def test_foreign_leader(nlp, country):
    # the office and the country make a person of a name with no Vietnamese family name
    _one(nlp, f"Đại sứ {country} Alexander Stubb đến thăm tỉnh.", "Alexander Stubb", [f"Đại sứ {country}"])


@pytest.mark.parametrize("label", entries("person_byline_not_names"))
def test_credit_not_name(nlp, label):
    assert persons(nlp, f"Lúa chín vàng đồng.\nẢnh: {label}") == []


@pytest.mark.parametrize("row", [pytest.param(r, id=r["alias"]) for r in load_table("person_aliases")])
def test_alias(nlp, row):
    _one(nlp, f"Nhân dân một lòng theo Đảng và {row['alias']}.", row["name"], [])


@pytest.mark.parametrize("epithet", entries("person_alias_epithets"))
def test_alias_epithet(nlp, epithet):
    # "Bộ đội Cụ Hồ", "Cháu ngoan Bác Hồ": a name that ends in the form of address
    assert persons(nlp, f"Họ nhắc mãi về {epithet} Bác Hồ trong buổi sinh hoạt.") == []


@pytest.mark.parametrize("name", LEXICONS)
def test_lexicon_has_no_duplicates(name):
    items = load_lexicon(name)
    assert len(items) == len(set(items))


def test_surname_table():
    rows = load_table("person_surnames")
    assert len({r["surname"] for r in rows}) == len(rows)
    assert {r["ambiguous"] for r in rows} <= {"yes", "no"}


# -- bylines, credits and short mentions over an article ------------------------------

ARTICLE = """Hội Nông dân tỉnh tổng kết năm 2022

15/01/2023 - 09:30

Sáng 14-1, Hội Nông dân tỉnh tổ chức hội nghị tổng kết. Dự hội nghị có ông Phạm Văn Hòa, Phó Chủ tịch UBND tỉnh.

Ông Phạm Văn Hòa trao bằng khen cho các tập thể. Ảnh: THANH TÂM

Phát biểu tại hội nghị, ông Hòa đề nghị Hội tiếp tục đồng hành cùng nông dân.

{byline}"""


@pytest.mark.parametrize("byline,authors", [
    pytest.param("MINH ĐỨC", ["MINH ĐỨC"], id="caps"),
    pytest.param("Bài, ảnh: NGỌC HÂN", ["NGỌC HÂN"], id="Bài, ảnh:"),
    pytest.param("Hoài Thu - Quốc Bảo", ["Hoài Thu", "Quốc Bảo"], id="two authors"),
    pytest.param("T.Lâm", ["T.Lâm"], id="initial"),
    pytest.param("PV", [], id="PV"),
])
def test_byline(nlp, byline, authors):
    found = by_name(persons(nlp, ARTICLE.format(byline=byline)))
    assert found == by_name([{"name": "Phạm Văn Hòa", "titles": ["Phó Chủ tịch UBND tỉnh"]},
                             {"name": "THANH TÂM", "titles": []}] + [{"name": a, "titles": []} for a in authors])


def test_short_mention_spans(nlp):
    doc = nlp(ARTICLE.format(byline="PV"))
    spans = find_persons(doc)
    short = [s for s in spans if s.text == "Hòa"]
    assert short and short[0]._.person_name == "Phạm Văn Hòa"


def test_span_attributes(nlp):
    doc = nlp("Phó Bí thư Tỉnh ủy Lê Văn Tư dự lễ.")
    (span,) = find_persons(doc)
    assert (span.text, span.label_, span._.person_name, span._.person_titles) == \
        ("Lê Văn Tư", "PER", "Lê Văn Tư", ["Phó Bí thư Tỉnh ủy"])
    assert span._.rule


def test_empty(nlp):
    assert find_persons(nlp("")) == []
    assert find_persons(nlp("   \n  ")) == []


def test_split_roles():
    assert split_roles("Chủ tịch HĐQT kiêm Tổng Giám đốc Công ty") == ["Chủ tịch HĐQT", "Tổng Giám đốc Công ty"]
    assert split_roles("Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh") == ["Bí thư Tỉnh ủy", "Chủ tịch HĐND tỉnh"]


# -- the dev set -------------------------------------------------------------------

@needs_shared
def test_dev_scores(nlp):
    from pipeline.evaluation import load_gold, score
    golds = load_gold(GOLD_DEV)
    preds = {}
    for doc_id in golds:
        doc = nlp((GOLD_DEV / f"{doc_id}.txt").read_text(encoding="utf-8"))
        doc.spans[PERSONS] = find_persons(doc)
        preds[doc_id] = {"doc_id": doc_id, "author": doc._.author, "persons": persons_of(doc)}
    scores = score(golds, preds)
    assert scores["persons"].f1 >= 0.95
    assert scores["person_titles"].f1 >= 0.85
