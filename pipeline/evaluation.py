"""Score vnie records against hand-made gold records (gold/FORMAT.md), so users who
annotate a few of their own articles (``NAME.txt`` + ``NAME.gold.json``) see where vnie stands::

    scores = score(load_gold("gold/"), load_records("records.jsonl"))
    print(format_table(scores))     # statistics  0.913  0.850  0.880  187/220/205
    print(format_errors(scores))    # == dev-02
                                    #   statistics    missed    1,4 lần = 1.4 lần
                                    #       « … gấp 1,4 lần so với năm 2016; … »

Matching follows the reference scorer ``gold/score.py`` rule for rule, so the counts agree:
strings compare after NFC, whitespace folding, casefolding and trimming edge punctuation;
date texts, award names, recipients and units match by containment (their edges are
fuzzy); numbers match within a relative 1e-6; each gold item takes the first unused
prediction it matches (greedy, one to one); counts are micro-averaged over articles.

This module loads, matches and counts; ``eval_report`` finds the sentence behind each
error and prints tables (``format_table`` and ``format_errors`` are importable from here too).
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable


FIELDS = ("published", "author", "persons", "person_titles", "organizations",
          "dates", "awards", "awards_full", "statistics")

# what the reference scorer trims from both ends of a compared string
_EDGE_PUNCT = " .,;:\"'“”()"


# -- comparing strings and numbers --------------------------------------------------

def fold(text: str) -> str:
    """NFC, one space for every run of whitespace, casefolded: ``"Ủy\u00a0 Ban"`` -> ``"ủy ban"``."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    # stdlib re on purpose: its \s is the reference scorer's whitespace (regex's differs at \x1c-\x1f)
    return re.sub(r"\s+", " ", text).casefold()


def norm(text) -> str:
    """The comparison form of a string: ``"  Sở  GD-ĐT. "`` -> ``"sở gd-đt"``."""
    if text is None:
        return ""
    return fold(str(text)).strip().strip(_EDGE_PUNCT)


def texts_match(a, b) -> bool:
    """Equal or one inside the other: ``"năm 2020"`` matches ``"Trong năm 2020"``."""
    a, b = norm(a), norm(b)
    return bool(a) and bool(b) and (a == b or a in b or b in a)


def as_number(x) -> float | None:
    try:
        return float(x)
    except (TypeError, ValueError):      # None, "", "nhiều"
        return None


def numbers_equal(a, b) -> bool:
    """Both missing, or equal up to a relative 1e-6 (``1.4`` and ``"1.4"`` agree)."""
    a, b = as_number(a), as_number(b)
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


# -- one-to-one matching ----------------------------------------------------------

@dataclass(frozen=True)
class Tally:
    """One field of one article: matched count and the items left unmatched."""
    tp: int
    gold: int
    pred: int
    missed: tuple = ()
    spurious: tuple = ()


def greedy_pairs(golds: list, preds: list, same: Callable) -> list[tuple[int, int]]:
    """Pair each gold item, in order, with the first unused prediction it matches."""
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            if pi not in used and same(g, p):
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


def tally(golds: list, preds: list, same: Callable) -> Tally:
    pairs = greedy_pairs(golds, preds, same)
    hit_g, hit_p = {g for g, _ in pairs}, {p for _, p in pairs}
    return Tally(len(pairs), len(golds), len(preds),
                 tuple(g for i, g in enumerate(golds) if i not in hit_g),
                 tuple(p for i, p in enumerate(preds) if i not in hit_p))


def dedupe(items: list, key: Callable) -> list:
    """First item of each key, in order (an item mentioned twice counts once)."""
    seen, out = set(), []
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out


def as_items(items, key: str) -> list[dict]:
    """Records may list bare strings for persons and organizations."""
    return [i if isinstance(i, dict) else {key: i} for i in items or []]


def org_names(org) -> list:
    """Every surface form of an organization: its name and its aliases."""
    if isinstance(org, str):
        return [org]
    return [org.get("name")] + list(org.get("aliases") or [])


# -- one function per field -------------------------------------------------------

def single(g, p, same: Callable) -> Tally:
    """A field with one value per article: a hit, or a miss and a spurious value."""
    hit = bool(g) and bool(p) and same(g, p)
    return Tally(int(hit), int(bool(g)), int(bool(p)),
                 () if hit or not g else (g,), () if hit or not p else (p,))


def score_published(gold: dict, pred: dict) -> Tally:
    """Same dateline up to the minute: ``2021-01-18T14:18`` vs ``2021-01-18T14:18:00``."""
    return single(gold.get("published"), pred.get("published"), lambda g, p: str(p)[:16] == str(g)[:16])


def score_author(gold: dict, pred: dict) -> Tally:
    return single(gold.get("author"), pred.get("author"), lambda g, p: norm(g) == norm(p))


def persons_of(record: dict) -> list[dict]:
    return dedupe(as_items(record.get("persons"), "name"), lambda p: norm(p.get("name")))


def score_persons(gold: dict, pred: dict) -> Tally:
    """Full names, exact after normalization: ``Lê Văn Nưng`` = ``LÊ VĂN NƯNG``."""
    return tally(persons_of(gold), persons_of(pred),
                 lambda g, p: norm(g.get("name")) == norm(p.get("name")))


def score_person_titles(gold: dict, pred: dict) -> Tally:
    """(person, title) pairs, both exact after normalization."""
    def pairs(persons):
        out = {}
        for p in persons:
            for t in p.get("titles") or []:
                out.setdefault((norm(p.get("name")), norm(t)), {"name": p.get("name"), "title": t})
        return out
    g, p = pairs(persons_of(gold)), pairs(persons_of(pred))
    return Tally(len(g.keys() & p.keys()), len(g), len(p),
                 tuple(v for k, v in g.items() if k not in p),
                 tuple(v for k, v in p.items() if k not in g))


def score_organizations(gold: dict, pred: dict) -> Tally:
    """A prediction matches when any of its forms is one of the gold name or aliases:
    ``UBND tỉnh`` finds ``{"name": "UBND tỉnh An Giang", "aliases": ["UBND tỉnh"]}``."""
    def same(g, p):
        forms = {norm(n) for n in org_names(g)}
        return any(norm(n) in forms for n in org_names(p) if n)
    preds = dedupe(as_items(pred.get("organizations"), "name"), lambda o: norm(o.get("name")))
    return tally(list(gold.get("organizations") or []), preds, same)


def score_dates(gold: dict, pred: dict) -> Tally:
    """Same value and overlapping text: ``Sáng 18-1`` ~ ``18-1``, both ``2021-01-18``."""
    golds = dedupe(list(gold.get("dates") or []), lambda d: (norm(d.get("text")), d.get("value")))
    preds = dedupe(list(pred.get("dates") or []), lambda d: (norm(d.get("text")), str(d.get("value"))))
    return tally(golds, preds, lambda g, p: str(g.get("value")) == str(p.get("value"))
                 and texts_match(g.get("text"), p.get("text")))


def award_core_same(g: dict, p: dict) -> bool:
    """Award name, count and recipient: ``bằng khen`` x 15 for ``tập thể``."""
    return (norm(g.get("award")) == norm(p.get("award")) or texts_match(g.get("award"), p.get("award"))) \
        and numbers_equal(g.get("count"), p.get("count")) \
        and texts_match(g.get("recipient"), p.get("recipient"))


def giver_same(g: dict, p: dict, organizations: list) -> bool:
    """Same giver, or another form of the same gold organization
    (``LĐLĐ tỉnh`` for ``Liên đoàn Lao động tỉnh An Giang``); both null agree."""
    if not g.get("giver") or not p.get("giver"):
        return not g.get("giver") and not p.get("giver")
    names = {norm(g["giver"])}
    for org in organizations:
        forms = {norm(n) for n in org_names(org)}
        if norm(g["giver"]) in forms:
            names |= forms
    return norm(p["giver"]) in names


def score_awards(gold: dict, pred: dict) -> tuple[Tally, Tally]:
    """Two tallies: ``awards`` (award, count, recipient) and ``awards_full``
    (also giver and year). ``awards_full`` lists as errors only the rows that the
    core match found but giver or year spoiled, so one wrong row is reported once."""
    golds, preds = list(gold.get("awards") or []), list(pred.get("awards") or [])
    orgs = list(gold.get("organizations") or [])
    core = tally(golds, preds, award_core_same)
    full = tally(golds, preds, lambda g, p: award_core_same(g, p) and giver_same(g, p, orgs)
                 and numbers_equal(g.get("year"), p.get("year")))
    full = Tally(full.tp, full.gold, full.pred,
                 tuple(g for g in full.missed if not any(g is m for m in core.missed)),
                 tuple(p for p in full.spurious if not any(p is s for s in core.spurious)))
    return core, full


def score_statistics(gold: dict, pred: dict) -> Tally:
    """Same value and total, overlapping unit: ``12/12 nhóm chỉ tiêu`` ~ (12, 12, ``chỉ tiêu``)."""
    return tally(list(gold.get("statistics") or []), list(pred.get("statistics") or []),
                 lambda g, p: numbers_equal(g.get("value"), p.get("value"))
                 and numbers_equal(g.get("total"), p.get("total"))
                 and texts_match(g.get("unit"), p.get("unit")))


def score_doc(gold: dict, pred: dict) -> dict[str, Tally]:
    """Every field of one article; an absent record scores as ``{}``."""
    awards, awards_full = score_awards(gold, pred)
    return {"published": score_published(gold, pred), "author": score_author(gold, pred),
            "persons": score_persons(gold, pred), "person_titles": score_person_titles(gold, pred),
            "organizations": score_organizations(gold, pred), "dates": score_dates(gold, pred),
            "awards": awards, "awards_full": awards_full, "statistics": score_statistics(gold, pred)}


# -- results ----------------------------------------------------------------------

def prf(tp: int, gold: int, pred: int) -> tuple[float, float, float]:
    """Precision, recall, F1; nothing predicted and nothing to find scores 1.0."""
    p = tp / pred if pred else (1.0 if gold == 0 else 0.0)
    r = tp / gold if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass(frozen=True)
class FieldScore:
    """Counts of one field over all articles, with precision, recall and F1."""
    tp: int = 0
    gold: int = 0
    pred: int = 0
    precision: float = field(init=False)
    recall: float = field(init=False)
    f1: float = field(init=False)

    def __post_init__(self):
        for name, value in zip(("precision", "recall", "f1"), prf(self.tp, self.gold, self.pred)):
            object.__setattr__(self, name, value)

    def to_dict(self) -> dict:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "tp": self.tp, "gold": self.gold, "pred": self.pred}


@dataclass(frozen=True)
class Error:
    """A gold item vnie missed, or a predicted item the gold does not have."""
    doc_id: str
    field: str
    kind: str                 # "missed" | "spurious"
    item: dict | str
    sentence: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Scores:
    """Micro-averaged counts per field, the errors behind them, and the gold
    articles that had no record at all."""
    fields: dict = field(default_factory=dict)      # field name -> FieldScore
    errors: tuple = ()
    missing: tuple = ()

    def __getitem__(self, name: str) -> FieldScore:
        return self.fields[name]

    def to_dict(self) -> dict:
        """The reference scorer's ``--json`` shape, plus ``errors``."""
        return {"fields": {f: s.to_dict() for f, s in self.fields.items()},
                "missing": list(self.missing), "errors": [e.to_dict() for e in self.errors]}


def _without_mentions(item):
    """The item as scored, without the record's traceability fields."""
    return {k: v for k, v in item.items() if k not in ("mentions", "evidence")} if isinstance(item, dict) else item


# -- scoring a collection ---------------------------------------------------------

def score(golds: dict, preds: dict, *, texts: dict | None = None) -> Scores:
    """Score every gold article against the record with its doc_id.

    Article texts (for the error sentences) come from ``texts``, else from the
    gold record's ``"text"`` (``load_gold`` puts it there), else the record's."""
    from .eval_report import locate     # eval_report builds on this module's helpers
    totals = {f: [0, 0, 0] for f in FIELDS}
    errors, missing = [], []
    for doc_id, gold in golds.items():
        pred = preds.get(doc_id)
        if pred is None:
            missing.append(doc_id)
            pred = {}
        text = (texts or {}).get(doc_id) or gold.get("text") or pred.get("text")
        for name, t in score_doc(gold, pred).items():
            totals[name] = [a + b for a, b in zip(totals[name], (t.tp, t.gold, t.pred))]
            for kind, items in (("missed", t.missed), ("spurious", t.spurious)):
                errors += [Error(doc_id, name, kind, _without_mentions(item),
                                 locate(text, name, item)) for item in items]
    return Scores({f: FieldScore(*totals[f]) for f in FIELDS}, tuple(errors), tuple(missing))


# -- reading gold and records -----------------------------------------------------

def load_gold(gold_dir) -> dict[str, dict]:
    """``NAME.gold.json`` files of a folder, keyed by NAME; the article ``NAME.txt``
    beside each, when present, is kept under the record's ``"text"``."""
    golds = {}
    for path in sorted(Path(gold_dir).glob("*.gold.json")):
        doc_id = path.name[: -len(".gold.json")]
        record = json.loads(path.read_text(encoding="utf-8"))
        article = path.with_name(doc_id + ".txt")
        if article.exists():
            record["text"] = article.read_text(encoding="utf-8")
        golds[doc_id] = record
    return golds


def record_key(record: dict) -> str:
    """The file stem of ``source`` (or ``path``, ``file``) when given, else ``doc_id``."""
    for k in ("source", "path", "file"):
        if record.get(k):
            return Path(str(record[k])).stem
    return str(record.get("doc_id"))


def load_records(path) -> dict[str, dict]:
    """vnie records from a JSON Lines file (or a folder of ``NAME.json``), keyed like gold."""
    path = Path(path)
    if path.is_dir():
        records = [{"doc_id": f.stem, **json.loads(f.read_text(encoding="utf-8"))} for f in sorted(path.glob("*.json"))]
    else:
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {record_key(r): r for r in records}


# ``evaluation.format_table(scores)`` keeps working (the CLI calls it): printing lives in
# eval_report, which imports this module, so the names are fetched on first use.
_REPORT_NAMES = ("format_table", "format_errors")


def __getattr__(name: str):
    if name in _REPORT_NAMES:
        from . import eval_report
        return getattr(eval_report, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
