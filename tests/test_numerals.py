"""Numerals: the corpus (value, kind, qualifier, total, name flag per surface text), the negative
corpus, the lexicons' own examples, and the spaCy wrapper on a hand-built Doc."""
import math

import pytest
import regex
import spacy
from spacy.tokens import Doc

from conftest import corpus, negatives
from pipeline.numerals import find_numerals, match_numerals, parse_number, parse_roman
from pipeline.resources import load_table

BRACKET = regex.compile(r"\[([^\]]*)\]")


def unbracket(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``"có [3.072] thí sinh"`` -> the plain text and the offsets of each bracketed part."""
    plain, marks, cursor = [], [], 0
    for m in BRACKET.finditer(text):
        plain.append(text[cursor:m.start()])
        start = sum(map(len, plain))
        plain.append(m.group(1))
        marks.append((start, start + len(m.group(1))))
        cursor = m.end()
    plain.append(text[cursor:])
    return "".join(plain), marks


def close(a, b) -> bool:
    return a is None and b is None or a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9)


def single_cases():
    return [pytest.param(t, r, id=t) for r in corpus("numerals") if "value" in r for t in r["texts"]]


def range_cases():
    return [pytest.param(t, r, id=t) for r in corpus("numerals") if "values" in r for t in r["texts"]]


@pytest.mark.parametrize("text,row", single_cases())
def test_numeral(text, row):
    plain, marks = unbracket(text)
    found = match_numerals(plain)
    if marks:
        (start, end), = marks
        hits = [n for n in found if (n.start, n.end) == (start, end)]
        assert hits, f"expected {plain[start:end]!r}, got {[n.text for n in found]}"
        n = hits[0]
    else:
        assert [(n.start, n.end) for n in found] == [(0, len(plain))], [n.text for n in found]
        n = found[0]
    assert close(n.value, row["value"]), (n.value, row["value"])
    assert close(n.total, row.get("total"))
    assert n.kind == row["kind"]
    assert n.qualifier == row.get("qualifier")
    assert n.in_name == row.get("in_name", False)


@pytest.mark.parametrize("text,row", range_cases())
def test_range(text, row):
    plain, marks = unbracket(text)
    found = {(n.start, n.end): n for n in match_numerals(plain)}
    assert [found[m].value if m in found else None for m in marks] == row["values"]
    assert all(found[m].kind == row["kind"] for m in marks)


@pytest.mark.parametrize("text", negatives("numerals"))
def test_not_a_number(text):
    assert match_numerals(text) == []


@pytest.mark.parametrize("text,value", [
    ("3.072", 3072), ("12.345.000", 12345000), ("98,92", 98.92), ("02", 2), ("75 ngàn", 75000),
    ("2,5 triệu", 2500000), ("1,2 tỷ", 1.2e9), ("1,2 tỉ", 1.2e9), ("hai", 2), ("mười lăm", 15),
    ("hai mươi mốt", 21), ("một trăm linh năm", 105), ("ba nghìn", 3000), ("một triệu rưỡi", 1.5e6),
    ("hơn 15%", 15), ("60/114", 60), ("3.072 thí sinh", 3072), ("khoảng 12.345 tỷ", 12.345e12),
    ("", None), ("không có", None), ("tư nhân", None),
])
def test_parse_number(text, value):
    assert close(parse_number(text), value)


@pytest.mark.parametrize("text,value", [
    ("I", 1), ("IV", 4), ("IX", 9), ("X", 10), ("XII", 12), ("XIII", 13), ("XIV", 14), ("XL", 40),
    ("MMXXII", 2022), ("IIII", None), ("VX", None), ("", None), ("ABC", None),
])
def test_parse_roman(text, value):
    assert parse_roman(text) == value


@pytest.mark.parametrize("row", load_table("number_words"), ids=lambda r: r["word"])
def test_number_word_example(row):
    """Every entry of number_words.tsv reads its own example."""
    assert close(parse_number(row["example"]), float(row["expected"]))


@pytest.mark.parametrize("row", load_table("number_qualifiers"), ids=lambda r: r["qualifier"])
def test_qualifier_example(row):
    found = [n for n in match_numerals(row["example"]) if not n.in_name]
    assert found and found[0].qualifier == row["qualifier"]
    assert found[0].text.startswith(row["qualifier"]) == (row["in_text"] == "yes")


@pytest.mark.parametrize("row", load_table("number_name_heads"), ids=lambda r: r["example"])
def test_name_head_example(row):
    found = match_numerals(row["example"])
    assert found and all(n.in_name for n in found), [(n.text, n.in_name) for n in found]


@pytest.mark.parametrize("row", load_table("number_counted_nouns"), ids=lambda r: r["example"])
def test_counted_noun_example(row):
    """"năm" before every counted noun of the lexicon counts five."""
    found = match_numerals(row["example"])
    assert found and found[0].value == 5 and found[0].text == "năm", [(n.text, n.value) for n in found]


@pytest.mark.parametrize("row", load_table("number_address_nouns"), ids=lambda r: r["example"])
def test_address_noun_example(row):
    """Every address noun makes the number before it a house number in its own example."""
    found = match_numerals(row["example"])
    assert found and found[0].in_name, [(n.text, n.in_name) for n in found]


def test_end_anchored_search_from_the_end_finds_the_same_windows():
    """The name heads and the hedges are turned down when a search from the window's end fails."""
    from pipeline.number_heads import _name_head_rx, _qualifier_rx

    texts = [r["example"] for r in load_table("number_name_heads")] + [
        r["example"] for r in load_table("number_qualifiers")] + [
        unbracket(t)[0] for r in corpus("numerals") for t in r["texts"]] + negatives("numerals")
    for rx in (_name_head_rx(), _qualifier_rx()):
        for text in texts:
            for i in range(len(text) + 1):
                window = text[max(0, i - 40):i]
                assert bool(rx.forward.search(window)) == bool(rx.backward.search(window)), window


def test_address_noun_needs_a_name():
    assert not match_numerals("có 12 tuyến đường")[0].in_name
    assert not match_numerals("tổng số 230 CĐCS")[0].in_name


def test_find_numerals_on_a_hand_built_doc():
    nlp = spacy.blank("xx")
    words = ["Có", "gần", "1,9", "tỷ", "đồng", "và", "60/114", "CĐCS", "lớp", "12", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True] * 10 + [False])
    spans = {s.text: s for s in find_numerals(doc)}
    assert set(spans) == {"gần 1,9 tỷ", "60/114", "12"}
    assert spans["gần 1,9 tỷ"]._.number == 1.9e9 and spans["gần 1,9 tỷ"]._.number_qualifier == "gần"
    assert spans["60/114"]._.number_total == 114 and spans["60/114"]._.number_kind == "ratio"
    assert spans["12"]._.number_in_name and spans["12"]._.rule
    assert all(s.label_ == "NUM" for s in spans.values())


def test_no_crash_on_odd_text():
    for text in ["", " ", "\n\n", "1" * 200, "./,-" * 30, "hai " * 100, "IX " * 50, "3/3/3/3/3", "0" * 30]:
        match_numerals(text)
