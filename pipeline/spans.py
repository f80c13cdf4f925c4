"""Small helpers shared by the extractors: making spans from character offsets,
and knowing which parts of the text are site boilerplate."""
from __future__ import annotations

import weakref
from typing import Callable

from spacy.tokens import Doc, Span

from . import extensions  # noqa: F401  (registers the attributes)

# span group names, one per kind of item
LAYOUT = "layout"            # HEADLINE, DATELINE, BYLINE, CAPTION, BOILERPLATE
NUMERALS = "numerals"
DATES = "dates"
PERSONS = "persons"
ORGANIZATIONS = "organizations"
LOCATIONS = "locations"
AWARDS = "awards"
STATISTICS = "statistics"


_MEMOS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()   # Doc -> (its length, {key: value})


def memo(doc: Doc, key: str, build: Callable[[Doc], object]):
    """``build(doc)``, computed once per Doc and kept while the Doc lives (and keeps its
    length): several stages read the same derived data. Not in ``doc.user_data``, which
    ``Doc.to_bytes`` writes out."""
    held = _MEMOS.get(doc)
    if held is None or held[0] != len(doc):
        held = _MEMOS[doc] = (len(doc), {})
    if key not in held[1]:
        held[1][key] = build(doc)
    return held[1][key]


def doc_text(doc: Doc) -> str:
    """``doc.text``, which spaCy joins anew from every token at each access, read once."""
    return memo(doc, "text", lambda d: d.text)


def make_span(doc: Doc, start: int, end: int, label: str, rule: str | None = None, **attrs) -> Span | None:
    """A span over characters ``start:end``, widened to token edges when a token
    straddles a boundary (``span._.exact`` then keeps ``(start, end)``, which the
    record reports); None for an empty or out-of-range request."""
    if start >= end or start < 0 or end > len(doc_text(doc)):
        return None
    span = doc.char_span(start, end, label=label, alignment_mode="expand")
    if span is None or not len(span):
        return None
    underscore = span._          # each ``span._`` makes a new accessor object
    underscore.rule = rule
    # the segmenter may glue a neighbour onto a word ("Phú Tân trao"): keep what was matched
    underscore.exact = None if (span.start_char, span.end_char) == (start, end) else (start, end)
    for name, value in attrs.items():
        setattr(underscore, name, value)
    return span


def boilerplate_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges the layout stage marked as site boilerplate."""
    if LAYOUT not in doc.spans:
        return []
    return memo(doc, "boilerplate", lambda d: [(s.start_char, s.end_char) for s in d.spans[LAYOUT]
                                               if s.label_ == "BOILERPLATE"])


def in_boilerplate(doc: Doc, start: int, end: int) -> bool:
    """True when ``start:end`` overlaps a boilerplate range."""
    return any(start < b_end and b_start < end for b_start, b_end in boilerplate_ranges(doc))


def surface(span: Span, underscore=None) -> tuple[int, int]:
    """The characters a stage matched: the span itself, or its exact range when it widened
    (``underscore``: the span's ``span._`` when the caller holds it already)."""
    return (span._ if underscore is None else underscore).exact or (span.start_char, span.end_char)


def printed(span: Span) -> str:
    """The text a stage matched ("Phú Tân" where the token is "Phú Tân trao")."""
    start, end = surface(span)
    return doc_text(span.doc)[start:end]
