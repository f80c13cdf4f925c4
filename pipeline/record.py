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
from .spans import doc_text, printed, surface

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

    def mention(self, span: Span) -> dict:
        start, end = surface(span)
        return {"start": start, "end": end, "sentence": self.index(start), "text": printed(span),
                "rule": span._.rule}

    def evidence(self, span: Span) -> str | None:
        i = self.index(surface(span)[0])
        if i is None:
            return None
        start, end = self.sentences[i]
        return self.text[start:end]


def _group(doc: Doc, name: str) -> list[Span]:
    return sorted(doc.spans[name], key=lambda s: s.start_char) if name in doc.spans else []


def _merge(doc: Doc, spans, key, item, where: Mentions | None = None) -> list[dict]:
    """One item per distinct key, in order of first mention, with every mention listed."""
    where = where or Mentions(doc)
    merged: dict = {}
    for span in spans:
        k = key(span)
        if k is None:
            continue
        if k not in merged:
            merged[k] = {**item(span), "evidence": where.evidence(span), "mentions": []}
        merged[k]["mentions"].append(where.mention(span))
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
    spans = _group(doc, groups.PERSONS)
    items = _merge(doc, spans, lambda s: _fold(s._.person_name or printed(s)),
                   lambda s: {"name": s._.person_name or printed(s), "titles": []}, where)
    by_key = {_fold(item["name"]): item for item in items}
    for span in spans:
        item = by_key[_fold(span._.person_name or printed(span))]
        item["titles"] = drop_contained(item["titles"] + list(span._.person_titles or []))
    return items


def organizations_of(doc: Doc, where: Mentions | None = None) -> list[dict]:
    spans = _group(doc, groups.ORGANIZATIONS)
    items = _merge(doc, spans, lambda s: _fold(s._.org_name or printed(s)),
                   lambda s: {"name": s._.org_name or printed(s), "aliases": []}, where)
    for item in items:
        seen = {_fold(item["name"])}
        for mention in item["mentions"]:
            if _fold(mention["text"]) not in seen:
                seen.add(_fold(mention["text"]))
                item["aliases"].append(mention["text"])
    return items


def locations_of(doc: Doc, where: Mentions | None = None) -> list[dict]:
    return _merge(doc, _group(doc, groups.LOCATIONS), lambda s: _fold(printed(s)), lambda s: {"name": printed(s)},
                  where)


def dates_of(doc: Doc, where: Mentions | None = None) -> list[dict]:
    return _merge(doc, _group(doc, groups.DATES),
                  lambda s: (_fold(printed(s)), s._.date_value) if s._.date_value else None,
                  lambda s: {"text": printed(s), "value": s._.date_value, "granularity": s._.date_granularity}, where)


def _integer(value):
    return int(value) if isinstance(value, float) and value.is_integer() else value


def awards_of(doc: Doc, where: Mentions | None = None) -> list[dict]:
    def item(s):
        return {"giver": s._.award_giver, "award": s._.award_name, "count": _integer(s._.award_count),
                "recipient": s._.award_recipient, "year": _integer(s._.award_year), "text": printed(s)}

    def key(s):
        return (_fold(s._.award_giver), _fold(s._.award_name), s._.award_count, _fold(s._.award_recipient),
                s._.award_year)
    return _merge(doc, _group(doc, groups.AWARDS), key, item, where)


def statistics_of(doc: Doc, where: Mentions | None = None) -> list[dict]:
    def item(s):
        return {"text": printed(s), "value": _integer(s._.stat_value), "total": _integer(s._.stat_total),
                "unit": s._.stat_unit, "qualifier": s._.stat_qualifier, "direction": s._.stat_direction,
                "comparison": s._.stat_comparison}

    def key(s):
        return (_fold(printed(s)), s._.stat_value, s._.stat_total, _fold(s._.stat_unit))
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
