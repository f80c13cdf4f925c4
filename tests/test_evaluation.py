"""Tests for pipeline.evaluation and pipeline.eval_report: one rule of the reference
scorer per test, on small hand-built gold and record dicts, and (when ../shared is
present) the same numbers as ``gold/score.py`` on perturbed records for the dev set."""
from __future__ import annotations

import copy
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import eval_report, evaluation
from pipeline.eval_report import clip, describe, find_sentence, format_errors, format_table, split_sentences
from pipeline.evaluation import (FIELDS, Error, Scores, load_gold, load_records, norm, numbers_equal, score,
                                 texts_match)

SHARED_GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"

ARTICLE = (
    "Sơn La tổng kết phong trào thi đua năm 2022\n\n"
    "Thứ Sáu, 13/01/2023 - 09:15\n\n"
    "Sáng 12-1, UBND tỉnh Sơn La tổ chức hội nghị tổng kết. Ông Lò Văn Hùng, Phó Chủ tịch UBND tỉnh "
    "dự và phát biểu. Dịp này, Chủ tịch UBND tỉnh tặng Bằng khen cho 12 tập thể có thành tích xuất sắc. "
    "Toàn tỉnh có 15/15 huyện đạt chỉ tiêu; tổng thu ngân sách đạt 4.500 tỷ đồng.\n\n"
    "THU HÀ"
)

GOLD = {
    "doc_id": "a",
    "published": "2023-01-13T09:15",
    "author": "THU HÀ",
    "persons": [{"name": "Lò Văn Hùng", "titles": ["Phó Chủ tịch UBND tỉnh"]},
                {"name": "THU HÀ", "titles": []}],
    "organizations": [{"name": "UBND tỉnh Sơn La", "aliases": ["UBND tỉnh"]}],
    "dates": [{"text": "Thứ Sáu, 13/01/2023", "value": "2023-01-13"},
              {"text": "Sáng 12-1", "value": "2023-01-12"},
              {"text": "năm 2022", "value": "2022"}],
    "awards": [{"giver": "Chủ tịch UBND tỉnh", "award": "bằng khen", "count": 12,
                "recipient": "tập thể", "year": None}],
    "statistics": [{"text": "15/15 huyện", "value": 15, "total": 15, "unit": "huyện"},
                   {"text": "4.500 tỷ đồng", "value": 4500000000000, "unit": "đồng"}],
}


def counts(scores: Scores, name: str) -> tuple[int, int, int]:
    s = scores[name]
    return s.tp, s.gold, s.pred


def with_(**changes) -> dict:
    pred = copy.deepcopy(GOLD)
    pred.update(changes)
    return pred


# -- comparing strings and numbers ------------------------------------------------

@pytest.mark.parametrize("a, b", [("  Sở  GD-ĐT. ", "sở gd-đt"), ("“Tết Sum vầy”", "tết sum vầy"),
                                  ("Ủy\u00a0ban", "ủy ban"), ("Hòa", "Ho\u0300a"),
                                  ("Ủy\x1cban", "ủy ban")], ids=str)
def test_norm_folds_case_space_edges_and_nfc(a, b):
    assert norm(a) == norm(b)


@pytest.mark.parametrize("a, b, same", [("năm 2020", "Trong năm 2020", True), ("tập thể", "12 tập thể", True),
                                        ("huyện", "xã", False), ("", "xã", False), (None, None, False)])
def test_texts_match_by_containment(a, b, same):
    assert texts_match(a, b) is same


@pytest.mark.parametrize("a, b, same", [(1.4, "1.4", True), (3072, 3072.000001, True), (15, 16, False),
                                        (None, None, True), (None, 0, False), ("x", None, True)])
def test_numbers_equal_with_tolerance(a, b, same):
    assert numbers_equal(a, b) is same


# -- one field at a time ----------------------------------------------------------

def test_perfect_record_scores_one_everywhere():
    scores = score({"a": GOLD}, {"a": copy.deepcopy(GOLD)})
    assert all(scores[f].f1 == 1.0 for f in FIELDS)
    assert scores.errors == () and scores.missing == ()


def test_missing_record_counts_gold_only():
    scores = score({"a": GOLD}, {})
    assert scores.missing == ("a",)
    assert counts(scores, "persons") == (0, 2, 0)
    assert scores["persons"].precision == 0.0 and scores["persons"].recall == 0.0


def test_nothing_to_find_and_nothing_found_is_perfect():
    scores = score({"a": {"doc_id": "a", "awards": []}}, {"a": {"awards": []}})
    assert scores["awards"].precision == scores["awards"].recall == scores["awards"].f1 == 1.0


@pytest.mark.parametrize("published, hit", [("2023-01-13T09:15", 1), ("2023-01-13T09:15:00", 1),
                                             ("2023-01-13", 0), ("2023-01-13T09:16", 0)])
def test_published_compares_up_to_the_minute(published, hit):
    assert counts(score({"a": GOLD}, {"a": with_(published=published)}), "published") == (hit, 1, 1)


def test_author_is_case_insensitive():
    assert counts(score({"a": GOLD}, {"a": with_(author="Thu Hà")}), "author") == (1, 1, 1)


def test_persons_dedupe_and_accept_strings():
    pred = with_(persons=["Lò Văn Hùng", "LÒ VĂN HÙNG", "Lò Văn"])
    assert counts(score({"a": GOLD}, {"a": pred}), "persons") == (1, 2, 2)


def test_person_titles_are_exact_pairs():
    pred = with_(persons=[{"name": "Lò Văn Hùng", "titles": ["Phó Chủ tịch UBND tỉnh", "Phó Chủ tịch"]}])
    assert counts(score({"a": GOLD}, {"a": pred}), "person_titles") == (1, 1, 2)


@pytest.mark.parametrize("org, hit", [("UBND tỉnh", 1), ("ubnd tỉnh sơn la", 1), ({"name": "Ủy ban", "aliases": ["UBND tỉnh"]}, 1),
                                       ("UBND", 0), ("UBND tỉnh Sơn La tổ chức", 0)], ids=str)
def test_organizations_match_any_gold_form(org, hit):
    assert counts(score({"a": GOLD}, {"a": with_(organizations=[org])}), "organizations") == (hit, 1, 1)


def test_dates_need_value_and_overlapping_text():
    pred = with_(dates=[{"text": "12-1", "value": "2023-01-12"}, {"text": "12-1", "value": "2023-01-12"},
                        {"text": "năm 2022", "value": "2021"}])
    assert counts(score({"a": GOLD}, {"a": pred}), "dates") == (1, 3, 2)


@pytest.mark.parametrize("giver, hit", [("Chủ tịch UBND tỉnh", 1), ("chủ tịch ubnd tỉnh.", 1), (None, 0), ("UBND tỉnh", 0)],
                         ids=str)
def test_awards_full_checks_giver(giver, hit):
    award = dict(GOLD["awards"][0], giver=giver)
    scores = score({"a": GOLD}, {"a": with_(awards=[award])})
    assert counts(scores, "awards") == (1, 1, 1)
    assert counts(scores, "awards_full") == (hit, 1, 1)


def test_giver_may_be_any_form_of_a_gold_organization():
    gold = with_(awards=[dict(GOLD["awards"][0], giver="UBND tỉnh Sơn La")])
    pred = with_(awards=[dict(GOLD["awards"][0], giver="UBND tỉnh")])
    assert counts(score({"a": gold}, {"a": pred}), "awards_full") == (1, 1, 1)


def test_awards_full_checks_year_and_core_checks_count():
    pred = with_(awards=[dict(GOLD["awards"][0], year=2022), dict(GOLD["awards"][0], count=13)])
    scores = score({"a": GOLD}, {"a": pred})
    assert counts(scores, "awards") == (1, 1, 2)
    assert counts(scores, "awards_full") == (0, 1, 2)


def test_awards_full_errors_only_for_giver_or_year():
    pred = with_(awards=[dict(GOLD["awards"][0], year=2022)])
    errors = score({"a": GOLD}, {"a": pred}).errors
    assert [(e.field, e.kind) for e in errors] == [("awards_full", "missed"), ("awards_full", "spurious")]


@pytest.mark.parametrize("stat, hit", [({"value": 15, "total": 15, "unit": "huyện đạt chỉ tiêu"}, 1),
                                        ({"value": "15", "total": 15.0000001, "unit": "Huyện"}, 1),
                                        ({"value": 15, "unit": "huyện"}, 0),
                                        ({"value": 15, "total": 15, "unit": "xã"}, 0),
                                        ({"value": 15, "total": 15}, 0)], ids=str)
def test_statistics_value_total_and_lenient_unit(stat, hit):
    assert counts(score({"a": GOLD}, {"a": with_(statistics=[stat])}), "statistics") == (hit, 2, 1)


def test_micro_average_over_articles():
    scores = score({"a": GOLD, "b": dict(GOLD, doc_id="b")}, {"a": copy.deepcopy(GOLD), "b": with_(statistics=[])})
    assert counts(scores, "statistics") == (2, 4, 2)
    assert scores["statistics"].recall == 0.5 and scores["statistics"].precision == 1.0


# -- errors and their sentences ---------------------------------------------------

def test_split_sentences_keeps_lines_and_sentences():
    sentences = [ARTICLE[s:e] for s, e in split_sentences(ARTICLE)]
    assert sentences[1] == "Thứ Sáu, 13/01/2023 - 09:15"
    assert sentences[2] == "Sáng 12-1, UBND tỉnh Sơn La tổ chức hội nghị tổng kết."
    assert sentences[-1] == "THU HÀ"


def test_find_sentence_is_case_insensitive_and_needs_every_needle():
    assert find_sentence(ARTICLE, ["bằng khen", "tập thể"]).startswith("Dịp này")
    assert find_sentence(ARTICLE, ["bằng khen", "cá nhân"]) is None


def test_find_sentence_folds_the_sentence_as_it_folds_the_needle():
    assert find_sentence("Ủy\x1cban nhân dân tỉnh họp.", ["ủy ban"]) == "Ủy\x1cban nhân dân tỉnh họp."


def test_missed_items_come_with_their_sentence():
    gold = dict(GOLD, text=ARTICLE)
    errors = {(e.field, e.kind): e for e in score({"a": gold}, {"a": with_(statistics=[], awards=[])}).errors}
    assert errors["statistics", "missed"].sentence.startswith("Toàn tỉnh có 15/15 huyện")
    assert errors["awards", "missed"].sentence.startswith("Dịp này, Chủ tịch UBND tỉnh tặng Bằng khen")


def test_spurious_items_use_their_mention_offsets():
    start = ARTICLE.index("hội nghị")
    stat = {"text": "hội nghị", "value": 1, "unit": "hội nghị",
            "mentions": [{"start": start, "end": start + 8, "sentence": 2}]}
    pred = with_(statistics=GOLD["statistics"] + [stat])
    [error] = score({"a": GOLD}, {"a": pred}, texts={"a": ARTICLE}).errors
    assert error == Error("a", "statistics", "spurious", {"text": "hội nghị", "value": 1, "unit": "hội nghị"},
                          "Sáng 12-1, UBND tỉnh Sơn La tổ chức hội nghị tổng kết.")


def test_spurious_items_prefer_the_records_evidence():
    stat = {"text": "7 hộ", "value": 7, "unit": "hộ", "evidence": "Xã có 7 hộ nghèo.", "mentions": []}
    [error] = score({"a": GOLD}, {"a": with_(statistics=GOLD["statistics"] + [stat])}).errors
    assert error.item == {"text": "7 hộ", "value": 7, "unit": "hộ"} and error.sentence == "Xã có 7 hộ nghèo."


def test_errors_without_text_have_no_sentence():
    [error] = score({"a": GOLD}, {"a": with_(author=None)}).errors
    assert (error.field, error.kind, error.item, error.sentence) == ("author", "missed", "THU HÀ", None)


# -- reading and printing ---------------------------------------------------------

def test_load_gold_keys_by_file_name_and_keeps_text(tmp_path):
    (tmp_path / "bai-1.gold.json").write_text(json.dumps(dict(GOLD, doc_id="x")), encoding="utf-8")
    (tmp_path / "bai-1.txt").write_text(ARTICLE, encoding="utf-8")
    golds = load_gold(tmp_path)
    assert list(golds) == ["bai-1"] and golds["bai-1"]["text"] == ARTICLE


def test_load_records_keys_by_source_stem_then_doc_id(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps({"doc_id": "x", "source": "/data/bai-1.txt"}) + "\n\n"
                    + json.dumps({"doc_id": "bai-2"}) + "\n", encoding="utf-8")
    assert list(load_records(path)) == ["bai-1", "bai-2"]


def test_load_records_from_a_folder(tmp_path):
    (tmp_path / "bai-3.json").write_text(json.dumps({"author": "X"}), encoding="utf-8")
    assert load_records(tmp_path) == {"bai-3": {"author": "X", "doc_id": "bai-3"}}


def test_format_table_is_fixed_width():
    lines = format_table(score({"a": GOLD, "b": GOLD}, {"a": GOLD})).splitlines()
    assert lines[0] == "field                P      R     F1  tp/gold/pred"
    assert lines[3] == "persons          1.000  0.500  0.667  2/4/2"
    assert lines[-1] == "no record for 1 article(s): b"


def test_format_errors_groups_by_article_and_honours_limit():
    scores = score({"a": dict(GOLD, text=ARTICLE)}, {"a": with_(statistics=[], dates=[])})
    text = format_errors(scores, limit=2)
    assert text.splitlines()[0] == "== a"
    assert "Thứ Sáu, 13/01/2023 → 2023-01-13" in text
    assert text.endswith("... 3 more error(s)")


@pytest.mark.parametrize("field_name, item, line", [
    ("awards", GOLD["awards"][0], "bằng khen ×12 → tập thể (Chủ tịch UBND tỉnh)"),
    ("statistics", GOLD["statistics"][0], "15/15 huyện = 15/15 huyện"),
    ("statistics", {"text": "1,5 ha", "value": 1.5, "unit": "ha"}, "1,5 ha = 1.5 ha"),
    ("person_titles", {"name": "Lò Văn Hùng", "title": "Phó Chủ tịch"}, "Lò Văn Hùng: Phó Chủ tịch"),
], ids=lambda x: x if isinstance(x, str) else "")
def test_describe(field_name, item, line):
    assert describe(field_name, item) == line


def test_printing_is_still_importable_from_evaluation():
    """``vnie eval`` calls ``evaluation.format_table`` and ``evaluation.format_errors``."""
    from pipeline.evaluation import format_errors as errors_from_evaluation
    assert evaluation.format_table is eval_report.format_table
    assert errors_from_evaluation is eval_report.format_errors
    with pytest.raises(AttributeError):
        evaluation.no_such_name


@pytest.mark.parametrize("first", ["pipeline.eval_report", "pipeline.evaluation"])
def test_either_module_imports_first(first):
    """The two modules import each other; a fresh interpreter must manage in either order."""
    code = f"import {first}; from pipeline.evaluation import format_table, score; print(format_table(score({{}}, {{}})))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("field")


def test_to_dict_is_json_with_the_reference_shape():
    data = json.loads(json.dumps(score({"a": GOLD}, {}).to_dict(), ensure_ascii=False))
    assert list(data) == ["fields", "missing", "errors"]
    assert list(data["fields"]) == list(FIELDS)
    assert data["fields"]["dates"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "gold": 3, "pred": 0}


# -- agreement with the reference scorer (needs ../shared) ------------------------

def perturb(gold: dict, rng: random.Random, mode: str) -> dict:
    """A record derived from a gold record: items dropped, added or made wrong."""
    rec = copy.deepcopy({k: v for k, v in gold.items() if k != "text"})
    lists = ("persons", "organizations", "dates", "awards", "statistics")
    if mode in ("drop", "mixed"):
        for k in lists:
            rec[k] = [x for x in rec.get(k) or [] if rng.random() > 0.3]
        for k in ("published", "author"):
            if rng.random() < 0.3:
                rec[k] = None
    if mode in ("add", "mixed"):
        for k in lists:
            items = rec.get(k) or []
            rec[k] = items + [copy.deepcopy(rng.choice(items)) for _ in range(2) if items]
        rec["persons"] += [{"name": "Nguyễn Văn Giả", "titles": ["Giám đốc"]}, "LÒ THỊ MỚI"]
        rec["organizations"] += ["Công ty TNHH Giả Định"] + [a for o in rec["organizations"] if isinstance(o, dict)
                                                             for a in o.get("aliases") or []][:3]
        rec["dates"] += [{"text": "Sáng " + d["text"], "value": d["value"]} for d in rec["dates"][:2]]
        rec["dates"] += [{"text": "năm 1999", "value": "1999"}]
        rec["statistics"] += [{"text": "7 hộ", "value": 7, "unit": "hộ"}]
        rec["awards"] += [{"giver": None, "award": "giấy khen", "count": 3, "recipient": "cá nhân", "year": None}]
    if mode in ("wrong", "mixed"):
        orgs = gold.get("organizations") or []
        for p in rec.get("persons") or []:
            if isinstance(p, dict) and rng.random() < 0.4:
                p["name"] = p["name"].upper() if rng.random() < 0.5 else p["name"].split()[-1]
                p["titles"] = [t.split(",")[0][: max(1, len(t) - 4)] for t in p.get("titles") or []]
        for i, o in enumerate(rec.get("organizations") or []):
            if isinstance(o, dict) and rng.random() < 0.4:
                rec["organizations"][i] = (o.get("aliases") or [o["name"] + " mới"])[0]
        for d in rec.get("dates") or []:
            r = rng.random()
            if r < 0.2:
                d["value"] = str(d["value"])[:4]
            elif r < 0.4:
                d["text"] = d["text"].split()[-1]
        for a in rec.get("awards") or []:
            r = rng.random()
            if r < 0.2:
                a["count"] = (a.get("count") or 0) + 1
            elif r < 0.4:
                aliases = [n for o in orgs if a.get("giver") in [o["name"]] + o.get("aliases", [])
                           for n in o.get("aliases") or []]
                a["giver"] = aliases[0] if aliases else (None if a.get("giver") else "Bộ Giả định")
            elif r < 0.5:
                a["year"] = None if a.get("year") else 2020
            elif r < 0.6:
                a["recipient"] = "cá nhân" if a.get("recipient") != "cá nhân" else "tập thể"
            elif r < 0.7:
                a["count"] = str(a["count"]) if a.get("count") is not None else None
        for s in rec.get("statistics") or []:
            r = rng.random()
            if r < 0.15:
                s["value"] = s["value"] * (1 + 1e-9)
            elif r < 0.3:
                s["value"] = s["value"] + 1
            elif r < 0.45:
                s["unit"] = (s.get("unit") or "x").split()[0]
            elif r < 0.55:
                s["unit"] = "đơn vị khác"
            elif r < 0.65:
                s["total"] = None if s.get("total") else 100
        if rec.get("published") and rng.random() < 0.5:
            rec["published"] = rec["published"][:10] + ("T23:59" if rng.random() < 0.5 else "")
        if rec.get("author") and rng.random() < 0.5:
            rec["author"] = rec["author"].lower() if rng.random() < 0.5 else "Bài, ảnh: " + rec["author"]
    return rec


def write_records(path: Path, golds: dict, mode: str, seed: int) -> None:
    rng = random.Random(seed)
    lines = []
    for i, (doc_id, gold) in enumerate(golds.items()):
        if mode == "empty":
            continue
        rec = perturb(gold, rng, mode)
        if i % 3 == 0:     # some records are keyed by their source file instead
            rec = dict(rec, doc_id="?", source=f"/somewhere/{doc_id}.txt")
        if mode == "mixed" and i % 5 == 4:
            continue       # an article without a record
        lines.append(json.dumps(rec, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.skipif(not (SHARED_GOLD / "score.py").exists(), reason="../shared/gold is not present")
@pytest.mark.parametrize("mode, seed", [("perfect", 0), ("empty", 0), ("drop", 1), ("add", 2),
                                        ("wrong", 3), ("wrong", 4), ("mixed", 5), ("mixed", 6)])
@pytest.mark.parametrize("gold_set", ["shared dev", "data/gold"])
def test_same_numbers_as_reference_scorer(tmp_path, gold_set, mode, seed):
    gold_dir = SHARED_GOLD / "dev" if gold_set == "shared dev" else Path(__file__).resolve().parents[1] / "data" / "gold"
    golds = load_gold(gold_dir)
    assert len(golds) == (12 if gold_set == "shared dev" else 4)
    records = tmp_path / "records.jsonl"
    write_records(records, golds, mode, seed)
    run = subprocess.run([sys.executable, str(SHARED_GOLD / "score.py"), str(gold_dir), str(records), "--json"],
                         capture_output=True, text=True, check=True)
    reference = json.loads(run.stdout)
    ours = score(golds, load_records(records)).to_dict()
    for name in FIELDS:
        want, got = reference["fields"][name], ours["fields"][name]
        assert (got["tp"], got["gold"], got["pred"]) == (want["tp"], want["gold"], want["pred"]), name
        assert got["f1"] == pytest.approx(want["f1"]), name
    assert ours["missing"] == reference["missing"]
    if mode == "perfect":
        assert ours["errors"] == []


def test_clip_keeps_whole_words_around_the_item():
    sentence = " ".join(f"từ{i}" for i in range(100)) + " bằng khen " + " ".join(f"chữ{i}" for i in range(100))
    clipped = clip(sentence, "Bằng khen", width=80)
    assert clipped.startswith("…từ") and clipped.endswith("…") and "bằng khen" in clipped
    assert len(clipped) <= 82
