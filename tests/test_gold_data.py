"""Checks on the project's own gold set, data/gold/: every file in FORMAT.md's
shape and order, every copied string printed verbatim in its article, values
that agree with the printed text, and no item listed twice."""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from pipeline.evaluation import FIELDS, load_gold, norm, score

GOLD_DIR = Path(__file__).resolve().parents[1] / "data" / "gold"
SHARED_DEV = Path(__file__).resolve().parents[2] / "shared" / "gold" / "dev"
NAMES = sorted(p.name[: -len(".gold.json")] for p in GOLD_DIR.glob("*.gold.json"))

TOP_KEYS = ["doc_id", "published", "author", "persons", "organizations", "dates", "awards", "statistics"]
ITEM_KEYS = {
    "persons": [["name", "titles"]],
    "organizations": [["name", "aliases"]],
    "dates": [["text", "value"]],
    "awards": [["giver", "award", "count", "recipient", "year"]],
    "statistics": [["text", "value", "unit"], ["text", "value", "total", "unit"]],
}
# YYYY, YYYY-MM, YYYY-MM-DD or yearless --MM-DD
DATE_VALUE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?|--\d{2}-\d{2}")
# "3.072" groups thousands, "1,5" is a decimal, a ratio "15/15" has a total
NUMBER = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?:/(\d+))?(?:\s+(nghìn|ngàn|triệu|tỷ)\b)?")
MULTIPLIER = {None: 1, "nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9}


def article(name: str) -> str:
    return unicodedata.normalize("NFC", (GOLD_DIR / f"{name}.txt").read_text(encoding="utf-8"))


def gold(name: str) -> dict:
    return json.loads((GOLD_DIR / f"{name}.gold.json").read_text(encoding="utf-8"))


def read_number(text: str) -> tuple[float, float | None]:
    """Value and total of the first number in a statistic text: "hơn 3,6 tỷ đồng" -> 3.6e9."""
    m = NUMBER.search(text)
    assert m, text
    whole, decimals, total, mult = m.groups()
    value = float(whole.replace(".", "") + ("." + decimals if decimals else "")) * MULTIPLIER[mult]
    return value, (float(total) if total else None)


def test_the_set_is_there():
    assert len(NAMES) >= 4
    assert sorted(p.stem for p in GOLD_DIR.glob("*.txt")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_shape_follows_format_md(name):
    g = gold(name)
    assert list(g) == TOP_KEYS
    assert g["doc_id"] == name
    for key, shapes in ITEM_KEYS.items():
        assert isinstance(g[key], list)
        for item in g[key]:
            assert list(item) in shapes, item
    for a in g["awards"]:
        assert a["award"] == a["award"].lower()
        assert all(x is None or isinstance(x, int) for x in (a["count"], a["year"])), a
    for s in g["statistics"]:
        assert isinstance(s["value"], (int, float)) and isinstance(s.get("total", 0), (int, float)), s


@pytest.mark.parametrize("name", NAMES)
def test_copied_strings_occur_verbatim(name):
    g, text = gold(name), article(name)
    copied = [g["author"]] if g["author"] else []
    copied += [p["name"] for p in g["persons"]] + [t for p in g["persons"] for t in p["titles"]]
    copied += [o["name"] for o in g["organizations"]] + [a for o in g["organizations"] for a in o["aliases"]]
    copied += [d["text"] for d in g["dates"]] + [s["text"] for s in g["statistics"]]
    copied += [a["giver"] for a in g["awards"] if a["giver"]]
    for s in copied:
        assert s == unicodedata.normalize("NFC", s)
        assert s in text, s
    names = {norm(p["name"]) for p in g["persons"]} | {norm(o["name"]) for o in g["organizations"]}
    for a in g["awards"]:
        assert a["award"] in text.lower(), a
        assert a["recipient"] in text or norm(a["recipient"]) in names, a


@pytest.mark.parametrize("name", NAMES)
def test_published_and_date_values(name):
    g = gold(name)
    if g["published"]:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?", g["published"])
        assert g["published"][:10] in [d["value"] for d in g["dates"]], "the dateline is a date"
    for d in g["dates"]:
        parts = d["value"].split("/")
        assert len(parts) <= 2 and all(DATE_VALUE.fullmatch(p) for p in parts), d
        assert parts[0] <= parts[-1], d
        for year in re.findall(r"\b(?:19|20)\d{2}\b", d["text"]):
            assert year in d["value"], d


@pytest.mark.parametrize("name", NAMES)
def test_statistic_values_read_from_their_text(name):
    for s in gold(name)["statistics"]:
        value, total = read_number(s["text"])
        assert value == pytest.approx(s["value"]), s
        assert total == s.get("total"), s


@pytest.mark.parametrize("name", NAMES)
def test_no_item_listed_twice(name):
    g = gold(name)
    keys = {
        "persons": [norm(p["name"]) for p in g["persons"]],
        "organizations": [norm(n) for o in g["organizations"] for n in [o["name"], *o["aliases"]]],
        "dates": [(norm(d["text"]), d["value"]) for d in g["dates"]],
        "statistics": [(norm(s["text"]), s["value"], s.get("total"), norm(s["unit"])) for s in g["statistics"]],
        "awards": [tuple(norm(v) for v in a.values()) for a in g["awards"]],
        "titles": [(norm(p["name"]), norm(t)) for p in g["persons"] for t in p["titles"]],
    }
    for field, ks in keys.items():
        assert len(ks) == len(set(ks)), field


@pytest.mark.parametrize("name", NAMES)
def test_articles_are_short(name):
    assert 200 <= len(article(name).split()) <= 350


def test_gold_scores_perfectly_against_itself():
    golds = load_gold(GOLD_DIR)
    scores = score(golds, golds)
    assert all(scores[f].f1 == 1.0 for f in FIELDS) and scores.errors == ()


@pytest.mark.skipif(not SHARED_DEV.exists(), reason="../shared/gold is not present")
def test_no_text_taken_from_the_benchmark():
    """No run of 10 words in common with the dev articles (formulas are shorter)."""
    def shingles(text: str) -> set[str]:
        words = re.findall(r"\w+", text.lower())
        return {" ".join(words[i:i + 10]) for i in range(len(words) - 9)}
    benchmark = set().union(*(shingles(p.read_text(encoding="utf-8")) for p in SHARED_DEV.glob("*.txt")))
    for name in NAMES:
        assert not shingles(article(name)) & benchmark, name
