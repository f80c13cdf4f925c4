"""Persons and organizations F1 of vnie and of underthesea's CRF NER on the same articles.

underthesea's ``ner()`` is the offline Vietnamese NER a package can ship; it tags PER, ORG,
LOC per word (VLSP 2016 labels) and knows nothing of titles, bylines or abbreviations. Its
PER and ORG spans are scored as persons and organizations with the reference scorer's rules
(``pipeline.evaluation``: person names equal after case folding; an organization matches
when any of its names equals any gold name or alias). It gives no titles, so its
person_titles row is empty.

Run::

    python benchmarks/entities_vs_underthesea.py [GOLD_DIR]     # default: ../shared/gold/dev

Prints one row per tool: precision, recall and F1 for persons, person_titles and
organizations, and seconds. When vnie's organizations stage is not installed its
organization columns read "n/a".
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline import evaluation  # noqa: E402
from pipeline.evaluation import prf, score_organizations, score_person_titles, score_persons  # noqa: E402

DEFAULT_GOLD = REPO.parent / "shared" / "gold" / "dev"
FIELDS = (("persons", score_persons), ("person_titles", score_person_titles),
          ("organizations", score_organizations))


def load_gold(folder: Path) -> list[tuple[str, str, dict]]:
    """(doc_id, article text, gold record) for each annotated article in ``folder``."""
    return [(doc_id, gold["text"], gold) for doc_id, gold in evaluation.load_gold(folder).items()]


def vnie_records(articles) -> tuple[dict, float, bool]:
    """doc_id -> {"persons", "organizations"}, seconds, and whether organizations ran."""
    import pipeline
    from pipeline.record import organizations_of, persons_of

    try:
        nlp = pipeline.load(exclude=["vn_awards", "vn_statistics", "vn_record"])
        with_orgs = True
    except ImportError:             # the organizations stage is not there: persons alone
        from pipeline.persons import find_persons
        from pipeline.spans import PERSONS
        nlp = pipeline.load(exclude=[s for s in pipeline.STAGES if s != "vn_layout"])
        with_orgs = False
    records, start = {}, time.perf_counter()
    for doc_id, text, _ in articles:
        doc = pipeline.process(text, doc_id=doc_id, nlp=nlp)
        if not with_orgs:
            doc.spans[PERSONS] = find_persons(doc)
        records[doc_id] = {"persons": persons_of(doc),
                           "organizations": organizations_of(doc) if with_orgs else []}
    return records, time.perf_counter() - start, with_orgs


def underthesea_entities(text: str) -> tuple[list[str], list[str]]:
    """PER and ORG spans of ``underthesea.ner``, sentence by sentence, line by line."""
    from underthesea import ner, sent_tokenize

    persons, organizations = [], []
    for line in text.splitlines():
        for sentence in sent_tokenize(line) if line.strip() else []:
            try:
                tagged = ner(sentence)
            except BaseException:       # its CRF featurizer panics on some inputs
                continue
            current, label = [], None
            for word, _pos, _chunk, tag in tagged + [("", "", "", "O")]:
                if tag.startswith("I-") and label == tag[2:]:
                    current.append(word)
                    continue
                if current and label in ("PER", "ORG"):
                    (persons if label == "PER" else organizations).append(" ".join(current))
                current, label = ([word], tag[2:]) if tag.startswith("B-") else ([], None)
    return persons, organizations


def underthesea_records(articles) -> tuple[dict, float]:
    records, start = {}, time.perf_counter()
    for doc_id, text, _ in articles:
        persons, organizations = underthesea_entities(text)
        records[doc_id] = {"persons": [{"name": p, "titles": []} for p in dict.fromkeys(persons)],
                           "organizations": [{"name": o, "aliases": []} for o in dict.fromkeys(organizations)]}
    return records, time.perf_counter() - start


def totals(articles, records: dict) -> dict[str, tuple[int, int, int]]:
    out = {}
    for field, scorer in FIELDS:
        tp = gold = pred = 0
        for doc_id, _, gold_record in articles:
            t = scorer(gold_record, records[doc_id])
            tp, gold, pred = tp + t.tp, gold + t.gold, pred + t.pred
        out[field] = (tp, gold, pred)
    return out


def row(name: str, counts: dict, seconds: float, skip: tuple = ()) -> str:
    cells = []
    for field, _ in FIELDS:
        if field in skip:
            cells.append(f"{'n/a':>6} {'n/a':>6} {'n/a':>6} {'':>12}")
            continue
        tp, gold, pred = counts[field]
        p, r, f = prf(tp, gold, pred)
        cells.append(f"{p:6.3f} {r:6.3f} {f:6.3f} {f'{tp}/{gold}/{pred}':>12}")
    return f"{name:<12} " + " | ".join(cells) + f" | {seconds:7.1f}"


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else DEFAULT_GOLD
    if not folder.is_dir():
        print(f"no gold folder at {folder}", file=sys.stderr)
        return 2
    articles = load_gold(folder)
    vnie, vnie_seconds, with_orgs = vnie_records(articles)
    under, under_seconds = underthesea_records(articles)
    head = " | ".join(f"{field + ' P/R/F1':<20} {'tp/gold/pred':>12}" for field, _ in FIELDS)
    print(f"{len(articles)} articles from {folder}")
    print(f"{'tool':<12} {head} | seconds")
    print(row("vnie", totals(articles, vnie), vnie_seconds, () if with_orgs else ("organizations",)))
    print(row("underthesea", totals(articles, under), under_seconds, ("person_titles",)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
