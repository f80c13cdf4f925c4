"""How accurate is vnie, beside what a user would run instead? One table.

On a gold folder (``NAME.txt`` + ``NAME.gold.json``, default ``../shared/gold/dev``) it
scores, with the reference scorer's matching rules (:mod:`pipeline.evaluation`):

- vnie, the whole pipeline, every field of the record;
- ``underthesea.ner`` for persons and organizations (its PER and ORG spans, sentence by
  sentence), from ``benchmarks/entities_vs_underthesea.py``;
- dateparser's ``search_dates(languages=["vi"])`` for dates, resolved against the
  dateline vnie reads, from ``benchmarks/dates_vs_dateparser.py``: strict (its datetime
  as YYYY-MM-DD) and lenient (cut to the gold value's granularity, so "năm 2020" read as
  2020-06-15 counts as "2020").

    python benchmarks/accuracy.py                  # ../shared/gold/dev
    python benchmarks/accuracy.py data/gold        # the project's own gold set
    python benchmarks/accuracy.py --json scores.json

Prints a markdown table (for the README): field, system, P, R, F1 and tp/gold/pred, then
the seconds each system took on the folder. Skips with a message (exit 0) when the folder is absent.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_GOLD = REPO.parent / "shared" / "gold" / "dev"
WARM_UP = "Sáng 18-1-2021, ông Lê Văn Nưng dự hội nghị tại Hà Nội."
sys.path[:0] = [str(REPO), str(HERE)]

# the comparisons other benchmarks define, reused rather than repeated
from dates_vs_dateparser import dateparser_dates, lenient_tally  # noqa: E402
from entities_vs_underthesea import underthesea_records  # noqa: E402

from pipeline.evaluation import FIELDS, FieldScore, load_gold, score  # noqa: E402


def vnie_records(golds: dict) -> tuple[dict, float]:
    """doc_id -> vnie's record for each gold article, and the seconds it took (after load)."""
    import pipeline

    nlp = pipeline.load()
    nlp(WARM_UP)  # models load on first use; time the extraction, not the loading
    started = time.perf_counter()
    records = {doc_id: pipeline.extract(gold["text"], doc_id=doc_id, nlp=nlp) for doc_id, gold in golds.items()}
    return records, time.perf_counter() - started


def total(tallies) -> FieldScore:
    tallies = list(tallies)
    return FieldScore(sum(t.tp for t in tallies), sum(t.gold for t in tallies), sum(t.pred for t in tallies))


def row(field: str, system: str, s: FieldScore) -> list[str]:
    return [field, system, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", f"{s.tp}/{s.gold}/{s.pred}"]


def table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|---|---|" + "---:|" * (len(headers) - 2)]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD, help="folder of NAME.txt + NAME.gold.json")
    parser.add_argument("--json", metavar="PATH", help="write every score as JSON")
    args = parser.parse_args(argv)

    golds = load_gold(args.gold) if args.gold.is_dir() else {}
    golds = {doc_id: g for doc_id, g in golds.items() if g.get("text")}
    if not golds:
        print(f"skipped: no gold articles (NAME.txt + NAME.gold.json) at {args.gold}")
        return 0
    articles = [(doc_id, g["text"], g) for doc_id, g in golds.items()]

    vnie, vnie_s = vnie_records(golds)
    vnie_scores = score(golds, vnie)
    from underthesea import ner

    ner(WARM_UP)
    under, under_s = underthesea_records(articles)
    under_scores = score(golds, under)
    published = {doc_id: record.get("published") for doc_id, record in vnie.items()}
    try:
        from dateparser.search import search_dates

        search_dates(WARM_UP, languages=["vi"])
        parsed, parsed_s = dateparser_dates(articles, published)
    except ImportError:
        parsed, parsed_s = None, 0.0
        print("dateparser is not installed (pip install 'vnie[bench]'): its rows are left out", file=sys.stderr)

    rows, results = [], {"vnie": {f: vnie_scores[f].to_dict() for f in FIELDS},
                         "underthesea.ner": {}, "dateparser": {}}
    for field in FIELDS:
        rows.append(row(field, "**vnie**", vnie_scores[field]))
        if field in ("persons", "organizations"):
            rows.append(row(field, "underthesea.ner", under_scores[field]))
            results["underthesea.ner"][field] = under_scores[field].to_dict()
        if field == "dates" and parsed is not None:
            strict = score(golds, {doc_id: {"dates": dates} for doc_id, dates in parsed.items()})["dates"]
            lenient = total(lenient_tally(golds[doc_id], parsed[doc_id]) for doc_id in golds)
            rows.append(row(field, "dateparser.search_dates", strict))
            rows.append(row(field, "dateparser.search_dates, lenient", lenient))
            results["dateparser"] = {"dates": strict.to_dict(), "dates_lenient": lenient.to_dict()}
    print(f"{len(golds)} gold articles in {args.gold}; vnie: every field; underthesea.ner: persons and "
          "organizations; dateparser: dates\n")
    print(table(["field", "system", "P", "R", "F1", "tp/gold/pred"], rows))
    print(f"\nseconds on the folder: vnie {vnie_s:.1f} (every field, after load), underthesea.ner "
          f"{under_s:.1f}" + (f", dateparser {parsed_s:.1f}" if parsed is not None else ""))
    if vnie_scores.missing:
        print(f"\nno vnie record for: {', '.join(vnie_scores.missing)}")
    if args.json:
        Path(args.json).write_text(json.dumps({"gold": str(args.gold), "articles": len(golds),
                                               "seconds": {"vnie": vnie_s, "underthesea.ner": under_s,
                                                           "dateparser": parsed_s},
                                               "scores": results}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
