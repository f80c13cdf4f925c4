"""Dates F1 of vnie and of dateparser's ``search_dates(languages=["vi"])`` on the same articles.

dateparser is the usual library answer for "find dates in text"; this shows what reading
Vietnamese news dates takes beyond it ("2018-2023", "quý I/2022", "Sáng 18-1", decimals such
as "2,5" read as 2 May). Both are scored with the reference scorer's date rules
(``pipeline.evaluation.score_dates``: same ISO value, texts equal or one inside the other).

dateparser returns a datetime, never a month, a year or an interval, so it is scored twice:
strictly (its value as YYYY-MM-DD) and leniently (its datetime cut to the gold value's
granularity: "năm 2020" -> 2020-06-15 counts as "2020"; intervals cannot match). Both tools
resolve against the dateline vnie's layout stage reads.

Run (needs the bench extra: ``pip install dateparser``)::

    python benchmarks/dates_vs_dateparser.py [GOLD_DIR]     # default: ../shared/gold/dev

Prints one row per tool: precision, recall, F1, tp/gold/pred, and seconds.
"""
from __future__ import annotations

import sys
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline import evaluation  # noqa: E402
from pipeline.evaluation import dedupe, norm, prf, score_dates, tally, texts_match  # noqa: E402

DEFAULT_GOLD = REPO.parent / "shared" / "gold" / "dev"


def load_gold(folder: Path) -> list[tuple[str, str, dict]]:
    """(doc_id, article text, gold record) for each annotated article in ``folder``."""
    return [(doc_id, gold["text"], gold) for doc_id, gold in evaluation.load_gold(folder).items()]


def vnie_dates(articles) -> tuple[dict, dict, float]:
    """doc_id -> date items, doc_id -> published, seconds (layout, numerals and dates stages only)."""
    import pipeline
    from pipeline.record import dates_of

    nlp = pipeline.load(pos=False, exclude=["vn_entities", "vn_awards", "vn_statistics", "vn_record"])
    dates, published, start = {}, {}, time.perf_counter()
    for doc_id, text, _ in articles:
        doc = pipeline.process(text, doc_id=doc_id, nlp=nlp)
        dates[doc_id], published[doc_id] = dates_of(doc), doc._.published
    return dates, published, time.perf_counter() - start


def dateparser_dates(articles, published: dict) -> tuple[dict, float]:
    """doc_id -> [{"text", "value": "YYYY-MM-DD"}] from dateparser's search_dates."""
    from dateparser.search import search_dates

    out, start = {}, time.perf_counter()
    for doc_id, text, _ in articles:
        settings = {"DATE_ORDER": "DMY", "PREFER_DATES_FROM": "past"}
        if published.get(doc_id):
            settings["RELATIVE_BASE"] = datetime.fromisoformat(published[doc_id][:10])
        found = search_dates(text, languages=["vi"], settings=settings) or []
        out[doc_id] = [{"text": t, "value": d.date().isoformat()} for t, d in found]
    return out, time.perf_counter() - start


def lenient_tally(gold: dict, preds: list[dict]):
    """dateparser's full dates cut to the gold value's granularity ("2020-06-15" ~ "2020")."""
    golds = dedupe(list(gold.get("dates") or []), lambda d: (norm(d["text"]), d["value"]))
    preds = dedupe(preds, lambda d: (norm(d["text"]), d["value"]))

    def same(g, p):
        value = g["value"]
        return "/" not in value and not value.startswith("--") and p["value"][:len(value)] == value \
            and texts_match(g["text"], p["text"])
    return tally(golds, preds, same)


def row(name: str, tallies, seconds: float) -> str:
    tp, ng, np_ = (sum(getattr(t, f) for t in tallies) for f in ("tp", "gold", "pred"))
    p, r, f = prf(tp, ng, np_)
    return f"{name:34} {p:6.3f} {r:6.3f} {f:6.3f}  {tp}/{ng}/{np_}  {seconds:6.1f}s"


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else DEFAULT_GOLD
    if not folder.is_dir():
        print(f"no gold folder at {folder}")
        return 2
    articles = load_gold(folder)
    v_dates, v_published, v_seconds = vnie_dates(articles)
    d_dates, d_seconds = dateparser_dates(articles, v_published)
    golds = {doc_id: gold for doc_id, _, gold in articles}
    print(f"dates on {folder} ({len(articles)} articles)")
    print(f"{'tool':34} {'P':>6} {'R':>6} {'F1':>6}  tp/gold/pred  time")
    print(row("vnie", [score_dates(golds[d], {"dates": v_dates[d]}) for d in golds], v_seconds))
    print(row("dateparser search_dates (strict)", [score_dates(golds[d], {"dates": d_dates[d]}) for d in golds],
              d_seconds))
    print(row("dateparser search_dates (lenient)", [lenient_tally(golds[d], d_dates[d]) for d in golds], d_seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
