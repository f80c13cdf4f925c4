"""Organizations: the corpus (expected organizations with aliases per text), the negative
corpus, one generated example per lexicon entry, name resolution, places, and the score on
../shared/gold/dev when it is there."""
from __future__ import annotations

import importlib.util
import json

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from conftest import GOLD_DEV, corpus, negatives, needs_shared
from pipeline.org_grammar import match_organizations
from pipeline.org_places import find_places
from pipeline.org_names import Unit, canonical_names, expand_abbreviations, fold, unit_key
from pipeline.organizations import canonical_org, find_locations, find_organizations, organization_mentions
from pipeline.record import organizations_of
from pipeline.resources import load_lexicon, load_table
from pipeline.spans import ORGANIZATIONS


@pytest.fixture(scope="module")
def nlp():
    """The tokenizer and the layout stage: what find_organizations reads."""
    import pipeline
    return pipeline.load(exclude=[s for s in pipeline.STAGES if s != "vn_layout"])


def organizations(nlp, text: str) -> dict[str, set[str]]:
    """The organizations of ``text`` as the record lists them, from the exact mention texts:
    folded name -> folded aliases (the other surface forms)."""
    out: dict[str, set[str]] = {}
    for match, name in organization_mentions(nlp(text)):
        out.setdefault(name.casefold(), set())
        if match.text.casefold() != name.casefold():
            out[name.casefold()].add(match.text.casefold())
    return out


def texts_of(text: str) -> list[str]:
    return [m.text for m in match_organizations(text)]


# -- the corpus ---------------------------------------------------------------------

def corpus_cases():
    return [pytest.param(text, row["organizations"], id=text) for row in corpus("organizations") for text in row["texts"]]


@pytest.mark.parametrize("text,expected", corpus_cases())
def test_corpus(nlp, text, expected):
    assert organizations(nlp, text) == {o["name"].casefold(): {a.casefold() for a in o["aliases"]} for o in expected}


@pytest.mark.parametrize("text", [pytest.param(t, id=t) for t in negatives("organizations")])
def test_negative(nlp, text):
    assert organizations(nlp, text) == {}


def test_corpus_size():
    assert sum(len(row["texts"]) for row in corpus("organizations")) >= 60
    assert len(negatives("organizations")) >= 30


# -- one example per lexicon entry ----------------------------------------------------

def head_example(row: dict) -> tuple[str, str]:
    """A sentence with the head and the extent it needs, and the mention expected in it."""
    head, needs = row["head"], row["needs"]
    extent = {"none": "", "level": " tỉnh Cà Mau", "name": " Tân Phước", "proper": " Biên phòng Cà Mau",
              "ident": " 0122", "parent": " Tỉnh ủy"}[needs]
    mention = head + extent
    return f"Theo {mention}, kết quả rất tốt.", mention


@pytest.mark.parametrize("text,mention", [pytest.param(*head_example(r), id=head_example(r)[0])
                                          for r in load_table("org_heads")])
def test_head(text, mention):
    assert mention in texts_of(text)


@pytest.mark.parametrize("row", [pytest.param(r, id=r["abbreviation"]) for r in load_table("org_abbreviations")])
def test_abbreviation(row):
    assert expand_abbreviations(row["abbreviation"]) == row["full"]


@pytest.mark.parametrize("field", [pytest.param(f, id=f) for f in load_lexicon("org_fields")])
def test_field(field):
    head = "Sở" if field[0].isupper() else "Ban Chỉ đạo"
    assert texts_of(f"Theo {head} {field} tỉnh Cà Mau, kết quả rất tốt.") == [f"{head} {field} tỉnh Cà Mau"]


@pytest.mark.parametrize("stop", [pytest.param(s, id=s) for s in load_lexicon("org_stopwords")])
def test_stopword(stop):
    # without the stop word the name would run on: "Công ty Kymco xe Tân Phước", "Công ty Kymco Đại"
    assert texts_of(f"Công ty Kymco {stop} Tân Phước.")[:1] == ["Công ty Kymco"]


@pytest.mark.parametrize("phrase", [pytest.param(p, id=p) for p in load_lexicon("org_non_heads")])
def test_non_head(phrase):
    assert not any(t.startswith(phrase) for t in texts_of(f"{phrase} Tân Phước được nhắc đến."))


@pytest.mark.parametrize("kind", [pytest.param(k, id=k) for k in load_lexicon("org_school_types")])
def test_school_type_before_a_person(kind):
    assert texts_of(f"Học sinh Trường {kind} Lê Lợi đạt giải.") == [f"Trường {kind} Lê Lợi"]


@pytest.mark.parametrize("brand", [pytest.param(b, id=b) for b in load_lexicon("org_brands")])
def test_brand(brand):
    assert texts_of(f"Khách hàng của {brand} tăng.") == [brand]
    assert texts_of(f"Theo {brand} Chi nhánh Cà Mau, kết quả rất tốt.") == [f"{brand} Chi nhánh Cà Mau"]


@pytest.mark.parametrize("noun", [pytest.param(n, id=n) for n in load_lexicon("org_product_nouns")])
def test_product_noun(noun):
    assert texts_of(f"Người dân dùng {noun} Viettel.") == []


@pytest.mark.parametrize("head", [pytest.param(h, id=h) for h in load_lexicon("org_village_heads")])
def test_village_head(head):
    assert texts_of(f"{head} ấp 3 tổ chức họp.") == [f"{head} ấp 3"]
    assert texts_of(f"Ông Ba là cán bộ {head} thôn Trung Thành.") == [f"{head} thôn Trung Thành"]


@pytest.mark.parametrize("agency", [pytest.param(a, id=a) for a in load_lexicon("org_agencies")])
def test_credited_agency(nlp, agency):
    assert organizations(nlp, f"Quang cảnh hội nghị. Ảnh: Minh Tâm/{agency}") == {agency.casefold(): set()}


@pytest.mark.parametrize("generic", [pytest.param(g, id=g) for g in load_lexicon("org_generic_names")])
def test_generic_name(generic):
    assert texts_of(f"Công ty {generic} tổ chức hội nghị.") == []


@pytest.mark.parametrize("row", [pytest.param(r, id=r["name"]) for r in load_table("provinces")])
def test_province(row):
    match = match_organizations(f"Công an {row['name']} họp.")[0]
    assert match.text == f"Công an {row['name']}" and match.units[0].place == row["name"]
    assert unit_key(match.units[0])[3] == row["level"]


@pytest.mark.parametrize("row", [pytest.param(r, id=r["word"]) for r in load_table("place_levels")])
def test_place_level(row):
    word = row["word"]
    if row["level"] in ("trung ương", "tối cao"):     # a level that takes no place name
        assert texts_of(f"Ông Ba là cán bộ Ban Tổ chức {word} từ năm 2000.") == [f"Ban Tổ chức {word}"]
    elif row["org"] == "yes":
        place = "5" if row["numbered"] == "yes" else "Tân Phước"
        assert texts_of(f"Ông Ba là cán bộ UBND {word} {place} từ năm 2000.") == [f"UBND {word} {place}"]
    else:
        text = f"Gia đình ông Ba ngụ {word} Tân Phước."
        assert (text.index(word), len(text) - 1) in [(s, e) for s, e, _ in find_places(text)]


@pytest.mark.parametrize("country", [pytest.param(c, id=c) for c in load_lexicon("countries")])
def test_country(country):
    text = f"Hàng hóa xuất sang {country}."
    assert text[slice(*find_places(text)[0][:2])] == country


EQUIVALENT_EXAMPLES = {   # one example per row of org_equivalents.tsv, in file order
    "công đoàn|place=việt nam": (Unit("Công đoàn", place="Việt Nam"), Unit("Tổng Liên đoàn Lao động", place="Việt Nam")),
    "liên đoàn lao động|place=việt nam": (Unit("Liên đoàn Lao động", place="Việt Nam"), Unit("Tổng Liên đoàn Lao động", place="Việt Nam")),
    "tổng liên đoàn|bare": (Unit("Tổng Liên đoàn"), Unit("Tổng Liên đoàn Lao động", place="Việt Nam")),
    "tổng liên đoàn|place=việt nam": (Unit("Tổng Liên đoàn", place="Việt Nam"), Unit("Tổng Liên đoàn Lao động", place="Việt Nam")),
    "tổng liên đoàn lao động|bare": (Unit("Tổng Liên đoàn Lao động"), Unit("Tổng Liên đoàn Lao động", place="Việt Nam")),
    "công đoàn|place": (Unit("Công đoàn", place="An Giang"), Unit("Liên đoàn Lao động", level="tỉnh", place="An Giang")),
    "bộ đội biên phòng|level": (Unit("Bộ đội Biên phòng", level="tỉnh"), Unit("Bộ Chỉ huy Bộ đội Biên phòng", level="tỉnh")),
    "ủy ban mặt trận tổ quốc|any": (Unit("Ủy ban Mặt trận Tổ quốc", level="huyện"), Unit("Ủy ban Mặt trận Tổ quốc Việt Nam", level="huyện")),
    "mặt trận tổ quốc|level": (Unit("Mặt trận Tổ quốc", level="tỉnh"), Unit("Ủy ban Mặt trận Tổ quốc Việt Nam", level="tỉnh")),
    "mặt trận tổ quốc việt nam|level": (Unit("Mặt trận Tổ quốc Việt Nam", level="tỉnh"), Unit("Ủy ban Mặt trận Tổ quốc Việt Nam", level="tỉnh")),
    "đảng cộng sản việt nam|any": (Unit("Đảng Cộng sản Việt Nam"), Unit("Đảng")),
    "liên hiệp quốc|any": (Unit("Liên Hiệp Quốc"), Unit("LHQ")),
    "tỉnh đoàn|any": (Unit("Tỉnh đoàn", place="Nghệ An"), Unit("Đoàn TNCS Hồ Chí Minh", level="tỉnh", place="Nghệ An")),
    "huyện đoàn|any": (Unit("Huyện đoàn"), Unit("Đoàn Thanh niên Cộng sản Hồ Chí Minh", level="huyện")),
    "thành đoàn|any": (Unit("Thành đoàn", place="Hà Nội"), Unit("Đoàn TNCS Hồ Chí Minh", level="thành phố", place="Hà Nội")),
    "đoàn thanh niên|level": (Unit("Đoàn Thanh niên", level="xã", place="Tân Phước"), Unit("Đoàn TNCS Hồ Chí Minh", level="xã", place="Tân Phước")),
}


def test_every_equivalent_has_an_example():
    rows = [f"{r['head']}|{r['when']}" for r in load_table("org_equivalents")]
    assert rows == list(EQUIVALENT_EXAMPLES)


@pytest.mark.parametrize("short,full", [pytest.param(*v, id=k) for k, v in EQUIVALENT_EXAMPLES.items()])
def test_equivalent(short, full):
    assert unit_key(short) == unit_key(full)


# -- grammar details -----------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("Huyện ủy - HĐND - UBND - Ủy ban MTTQ Việt Nam huyện Chợ Mới tổ chức lễ.",
     ["Huyện ủy", "HĐND", "UBND", "Ủy ban MTTQ Việt Nam huyện Chợ Mới"]),
    ("Chủ tịch Liên đoàn Lao động tỉnh An Giang Nguyễn Thiện Phú trao cờ.", ["Liên đoàn Lao động tỉnh An Giang"]),
    ("Giám đốc Sở TDTT Nghệ An Nguyễn Hoàng Thụ phát biểu.", ["Sở TDTT Nghệ An"]),
    ("Thứ trưởng Bộ GDĐT Bành Tiến Long cho biết.", ["Bộ GDĐT"]),
    ("Ông Lê, Bí thư Tỉnh ủy Lê Văn Nưng dự.", ["Tỉnh ủy"]),
    ("CĐCS XN môi trường Đô thị TP. Châu Đốc (thuộc LĐLĐ Tp. Châu Đốc) ký kết.",
     ["CĐCS XN môi trường Đô thị TP. Châu Đốc", "LĐLĐ Tp. Châu Đốc"]),
    ("UBND Q.Gò Vấp và UBND TP.HCM họp.", ["UBND Q.Gò Vấp", "UBND TP.HCM"]),
    ("Công ty CP Vật liệu xây dựng Tân Thành và Công ty TNHH MTV Xổ số kiến thiết Trà Vinh ký kết.",
     ["Công ty CP Vật liệu xây dựng Tân Thành", "Công ty TNHH MTV Xổ số kiến thiết Trà Vinh"]),
    ("Chi cục Trồng trọt và Bảo vệ thực vật tỉnh khuyến cáo.", ["Chi cục Trồng trọt và Bảo vệ thực vật tỉnh"]),
    ("Theo Trung tâm Kiểm soát bệnh tật tỉnh Sóc Trăng (CDC Sóc Trăng), số ca giảm.",
     ["Trung tâm Kiểm soát bệnh tật tỉnh Sóc Trăng", "CDC Sóc Trăng"]),
    ("Ban Chấp hành Trung ương Đảng họp.", ["Ban Chấp hành Trung ương Đảng"]),
    ("TAND tối cao xử phúc thẩm.", ["TAND tối cao"]),
    ("Hiệu trưởng ĐH Kinh tế quốc dân Phan Công Nghĩa cho biết.", ["ĐH Kinh tế quốc dân"]),
    ("Bộ Công nghiệp yêu cầu Vinatex báo cáo.", ["Bộ Công nghiệp", "Vinatex"]),   # a brand of its own
    ("Sở Tài nguyên môi trường Hà Nội cho biết.", ["Sở Tài nguyên môi trường Hà Nội"]),
    ("LIÊN ĐOÀN LAO ĐỘNG TỈNH AN GIANG TỔ CHỨC HỘI NGHỊ", ["LIÊN ĐOÀN LAO ĐỘNG TỈNH AN GIANG"]),
    ("UBND TỈNH TRAO CỜ THI ĐUA", ["UBND TỈNH"]),
    ("Tổng thư ký Liên Hợp Quốc Kofi Annan phát biểu.", ["Liên Hợp Quốc"]),
    ("Chính phủ Nhật Bản viện trợ 5 triệu USD.", ["Chính phủ Nhật Bản"]),
    ("Đại học Acadia (Canada) tuyển sinh. Sinh viên Canada sang học.", ["Đại học Acadia"]),
])
def test_mentions(text, expected):
    assert texts_of(text) == expected


def test_parenthesized_alias_and_acronym():
    text = "Tập đoàn Điện lực Quốc gia (ĐLQG) cho biết. Lãnh đạo ĐLQG khẳng định."
    matches = match_organizations(text)
    assert [m.text for m in matches] == ["Tập đoàn Điện lực Quốc gia", "ĐLQG", "ĐLQG"]
    assert len(set(canonical_names(matches, text))) == 1


def test_byline_in_parentheses_is_no_acronym():
    text = "Bệnh viện Phụ sản Sài Gòn (NLĐ) cho biết. Theo NLĐ, ca mổ thành công."
    assert texts_of(text) == ["Bệnh viện Phụ sản Sài Gòn"]


@pytest.mark.parametrize("text,names", [
    # a short form joins the only fuller form, whose place is the article's
    ("UBND tỉnh An Giang họp. Chủ tịch UBND tỉnh phát biểu.", ["UBND tỉnh An Giang", "UBND tỉnh An Giang"]),
    # with two fuller forms the article's province wins
    ("UBND tỉnh Cửu Long (cũ). UBND tỉnh Vĩnh Long tặng cờ. Chủ tịch UBND tỉnh trao cờ. Vĩnh Long có 8 huyện.",
     ["UBND tỉnh Cửu Long", "UBND tỉnh Vĩnh Long", "UBND tỉnh Vĩnh Long"]),
    # a province other than the article's is not filled in
    ("Tỉnh An Giang có 11 huyện. An Giang giàu đẹp. UBND tỉnh Kiên Giang cho biết. Chủ tịch UBND tỉnh An Giang nói. UBND tỉnh họp.",
     ["UBND tỉnh Kiên Giang", "UBND tỉnh An Giang", "UBND tỉnh An Giang"]),
    # a bare head with nothing fuller names no organization
    ("Ban Chấp hành họp.", [None]),
    # a bare internal organ joins its parent's only in the same paragraph
    ("Ông Tư là Ủy viên Ban Thường vụ Tỉnh ủy.\nĐại hội bầu Ban Chấp hành Công đoàn ngành Y tế tỉnh. "
     "Ban Chấp hành đã bầu Ban Thường vụ.",
     ["Ban Thường vụ Tỉnh ủy", "Ban Chấp hành Công đoàn ngành Y tế tỉnh", "Ban Chấp hành Công đoàn ngành Y tế tỉnh", None]),
])
def test_canonical_names(text, names):
    matches = match_organizations(text)
    assert canonical_names(matches, text) == names


def test_fold_spells_out_and_ignores_spacing():
    assert fold("CĐCS Cty CP Dược phẩm Agimex pharm") == fold("Công đoàn cơ sở công ty Cổ phần Dược phẩm Agimexpharm")


# -- the spaCy side --------------------------------------------------------------------

def hand_doc(text: str) -> Doc:
    words = text.split(" ")
    return Doc(Vocab(), words=words, spaces=[True] * (len(words) - 1) + [False])


def test_find_organizations_on_a_hand_built_doc():
    doc = hand_doc("Chủ tịch LĐLĐ tỉnh nói . Liên đoàn Lao động tỉnh An Giang tổ chức hội nghị .")
    spans = find_organizations(doc)
    assert [(s.text, s._.org_name, s.label_) for s in spans] == [
        ("LĐLĐ tỉnh", "Liên đoàn Lao động tỉnh An Giang", "ORG"),
        ("Liên đoàn Lao động tỉnh An Giang", "Liên đoàn Lao động tỉnh An Giang", "ORG")]
    assert all(s._.rule for s in spans)


def test_canonical_org_for_a_giver():
    doc = hand_doc("UBND tỉnh Vĩnh Long tặng cờ . Tổng Liên đoàn Lao động Việt Nam tặng bằng khen .")
    assert canonical_org(doc, "UBND tỉnh") == "UBND tỉnh Vĩnh Long"
    assert canonical_org(doc, "Công đoàn Việt Nam") == "Tổng Liên đoàn Lao động Việt Nam"
    assert canonical_org(doc, "Chủ tịch nước") is None


@pytest.mark.parametrize("byline,agency", [("Theo TTXVN", "TTXVN"), ("Nguồn: Báo Nhân Dân", "Báo Nhân Dân")])
def test_agency_byline_is_an_organization(nlp, byline, agency):
    text = f"Tiêu đề bài báo\n\n12/03/2022 10:15\n\nNội dung bài báo hôm nay.\n\n{byline}"
    assert organizations(nlp, text) == {agency.casefold(): set()}


def test_person_byline_is_no_organization(nlp):
    assert organizations(nlp, "Tiêu đề bài báo\n\n12/03/2022 10:15\n\nNội dung bài báo hôm nay.\n\nMINH KHANG") == {}


def test_find_locations_leaves_organizations_out():
    doc = hand_doc("UBND tỉnh An Giang thăm xã Phú Bình , huyện Phú Tân và Khu công nghiệp Bình Hòa .")
    doc.spans[ORGANIZATIONS] = find_organizations(doc)
    assert [s.text for s in find_locations(doc)] == ["xã Phú Bình", "huyện Phú Tân", "Khu công nghiệp Bình Hòa"]


@pytest.mark.parametrize("text", ["", " ", "\n\n", "UBND", "(", "Sở", "Tp.", "A A"])
def test_degenerate_text(text):
    doc = hand_doc(text) if text.strip() else Doc(Vocab(), words=[])
    find_organizations(doc)
    match_organizations(text)
    find_places(text)


# -- the gold set ---------------------------------------------------------------------

@needs_shared
def test_gold_dev_score(nlp):
    spec = importlib.util.spec_from_file_location("score", GOLD_DEV.parent / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    tp = n_gold = n_pred = 0
    for path in sorted(GOLD_DEV.glob("*.txt")):
        gold = json.loads(path.with_name(path.stem + ".gold.json").read_text(encoding="utf-8"))
        doc = nlp(path.read_text(encoding="utf-8"))
        doc.spans[ORGANIZATIONS] = find_organizations(doc)
        pred = {"organizations": [{"name": o["name"], "aliases": o["aliases"]} for o in organizations_of(doc)]}
        t, g, p = score.score_doc(gold, pred)["organizations"]
        tp, n_gold, n_pred = tp + t, n_gold + g, n_pred + p
    f1 = 2 * tp / (n_gold + n_pred)
    assert f1 >= 0.85, f"organizations F1 {f1:.3f} on gold/dev"
