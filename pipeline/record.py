"""The record stage: a processed Doc becomes one record in the shape of FORMAT.md.

Every item lists its mentions (character offsets into ``doc.text`` and the sentence
index) and the evidence sentence of its first mention, so each value can be traced back.
Items are merged the way a careful reader lists them: each distinct item once.

>>> pipeline.extract("Sáng 18-1, Liên đoàn Lao động tỉnh An Giang tặng cờ thi đua 10 tập thể.")["awards"][0]["count"]
10
"""
from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span

from . import spans as groups
from .spans import doc_text, surface

RECORD_FIELDS = ("doc_id", "published", "author", "persons", "organizations", "dates", "awards", "statistics")


def _fold(text) -> str:
    return " ".join(str(text).split()).casefold() if text is not None else ""


class Mentions:
    """Sentence index and evidence for spans of one Doc."""

    def __init__(self, doc: Doc):
        self.text = doc_text(doc)
        self.sentences = [(s.start_char, s.end_char) for s in doc.sents] if len(doc) else []
        self.starts = [start for start, _ in self.sentences]

    def index(self, char: int) -> int | None:
        i = bisect_right(self.starts, char) - 1
        return i if i >= 0 else None

    def mention(self, span: Span, underscore=None) -> dict:
        """Where ``span`` is: its printed characters, their text, sentence and rule."""
        underscore = span._ if underscore is None else underscore     # each ``span._`` makes a new accessor
        start, end = surface(span, underscore)
        return {"start": start, "end": end, "sentence": self.index(start), "text": self.text[start:end],
                "rule": underscore.rule}

    def sentence_text(self, i: int | None) -> str | None:
        if i is None:
            return None
        start, end = self.sentences[i]
        return self.text[start:end]


def _group(doc: Doc, name: str) -> list[Span]:
    return sorted(doc.spans[name], key=lambda s: s.start_char) if name in doc.spans else []


def _merge(doc: Doc, spans, key, item, where: Mentions | None = None, add=None) -> list[dict]:
    """One item per distinct key, in order of first mention, with every mention listed.

    ``key(attrs, text)`` and ``item(attrs, text)`` read a span's attributes (its ``span._``)
    and printed text; ``add(item, attrs)``, when given, folds each mention into its item."""
    where = where or Mentions(doc)
    merged: dict = {}
    for span in spans:
        attrs = span._
        mention = where.mention(span, attrs)
        k = key(attrs, mention["text"])
        if k is None:
            continue
        if k not in merged:
            merged[k] = {**item(attrs, mention["text"]), "evidence": where.sentence_text(mention["sentence"]),
                         "mentions": []}
        merged[k]["mentions"].append(mention)
        if add is not None:
            add(merged[k], attrs)
    return list(merged.values())


def drop_contained(titles: list[str]) -> list[str]:
    """Keep each role once, in its fullest printed form ("Chủ tịch UBND tỉnh" goes when
    "Chủ tịch UBND tỉnh An Giang" is there)."""
    out = []
    for title in titles:
        folded = _fold(title)
        if any(folded != _fold(other) and folded in _fold(other) for other in titles):
            continue
        if folded not in {_fold(t) for t in out}:
            out.append(title)
    return out


def persons_of(doc: Doc, where: Mentions | None = None) -> list[dict]:
    def add(item, attrs):
        item["titles"] = drop_contained(item["titles"] + list(attrs.person_titles or []))
    return _merge(doc, _group(doc, groups.PERSONS), lambda a, text: _fold(a.person_name or text),
                  lambda a, text: {"name": a.person_name or text, "titles": []}, where, add)


def organizations_of(doc: Doc, where: Mentions | None = None) -> list[dict]:
    items = _merge(doc, _group(doc, groups.ORGANIZATIONS), lambda a, text: _fold(a.org_name or text),
                   lambda a, text: {"name": a.org_name or text, "aliases": []}, where)
    for item in items:
        seen = {_fold(item["name"])}
        for mention in item["mentions"]:
            if _fold(mention["text"]) not in seen:
                seen.add(_fold(mention["text"]))
                item["aliases"].append(mention["text"])
    return items


def locations_of(doc: Doc, where: Mentions | None = None) -> list[dict]:
    return _merge(doc, _group(doc, groups.LOCATIONS), lambda a, text: _fold(text), lambda a, text: {"name": text},
                  where)


def dates_of(doc: Doc, where: Mentions | None = None) -> list[dict]:
    return _merge(doc, _group(doc, groups.DATES),
                  lambda a, text: (_fold(text), a.date_value) if a.date_value else None,
                  lambda a, text: {"text": text, "value": a.date_value, "granularity": a.date_granularity}, where)


def _integer(value):
    return int(value) if isinstance(value, float) and value.is_integer() else value


def awards_of(doc: Doc, where: Mentions | None = None) -> list[dict]:
    def item(a, text):
        return {"giver": a.award_giver, "award": a.award_name, "count": _integer(a.award_count),
                "recipient": a.award_recipient, "year": _integer(a.award_year), "text": text}

    def key(a, text):
        return (_fold(a.award_giver), _fold(a.award_name), a.award_count, _fold(a.award_recipient), a.award_year)
    return _merge(doc, _group(doc, groups.AWARDS), key, item, where)


def statistics_of(doc: Doc, where: Mentions | None = None) -> list[dict]:
    def item(a, text):
        return {"text": text, "value": _integer(a.stat_value), "total": _integer(a.stat_total),
                "unit": a.stat_unit, "qualifier": a.stat_qualifier, "direction": a.stat_direction,
                "comparison": a.stat_comparison}

    def key(a, text):
        return (_fold(text), a.stat_value, a.stat_total, _fold(a.stat_unit))
    return _merge(doc, _group(doc, groups.STATISTICS), key, item, where)


def make_record(doc: Doc) -> dict:
    """The FORMAT.md record of a processed Doc, plus ``source``, ``headline`` and ``locations``."""
    where = Mentions(doc)  # sentences and text once per Doc, not once per field
    return {
        "doc_id": doc._.doc_id,
        "published": doc._.published,
        "author": doc._.author,
        "persons": persons_of(doc, where),
        "organizations": organizations_of(doc, where),
        "dates": dates_of(doc, where),
        "awards": awards_of(doc, where),
        "statistics": statistics_of(doc, where),
        "source": doc._.source,
        "headline": doc._.headline,
        "locations": locations_of(doc, where),
    }


def set_record(doc: Doc) -> Doc:
    doc._.record = make_record(doc)
    return doc
