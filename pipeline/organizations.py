"""Organizations and places: every named body with the canonical name of the organization
it refers to, and the places that are not organizations.

An organization mention opens with a head from ``org_heads.tsv`` (Sở, Công ty, UBND, Tỉnh ủy,
Ban Chấp hành ...) and runs through its extent: a field ("Giáo dục và Đào tạo"), a proper name,
an acronym, an identifier ("Ban Chuyên án 0122"), a place ("tỉnh An Giang", "TX. Tân Châu") and a
parent body ("Phòng PC04 Công an tỉnh"). The grammar is in :mod:`pipeline.org_grammar`; which
mentions are one organization is decided in :mod:`pipeline.org_names`.

>>> [s._.org_name for s in find_organizations(nlp("Chủ tịch LĐLĐ tỉnh. Liên đoàn Lao động tỉnh An Giang."))]
['Liên đoàn Lao động tỉnh An Giang', 'Liên đoàn Lao động tỉnh An Giang']
"""
from __future__ import annotations

import json
from functools import lru_cache

import regex
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.tokens import Doc, Span

from .normalize import normalize_text
from .org_grammar import OrgMatch, match_organizations
from .org_line import Line, lines_of
from .org_places import find_places
from .org_names import Unit, canonical_names, chain_key, resolve_keys
from .resources import load_lexicon
from .spans import LAYOUT, ORGANIZATIONS, PERSONS, doc_text, in_boilerplate, make_span, memo
from .tokenizer import tags_of

__all__ = ["OrgMatch", "canonical_org", "find_locations", "find_organizations", "match_organizations",
           "organization_mentions"]

_CACHE = "vnie.organizations"   # doc.user_data key: {chain key: canonical name}
_AGENCY = regex.compile(r"^(?:Theo|Nguồn)\s*:?\s+(?P<name>\p{Lu}[\p{L}\d .\-&+]{1,60}?)\s*$")
# a photo or source credit: "Ảnh: Minh Tâm/TTXVN", "(Ảnh: AFP/TTXVN)", "Nguồn: Reuters"
_CREDIT = regex.compile(r"(?<![\p{L}])(?:Ảnh|ẢNH|Nguồn|NGUỒN|Video|Clip|Đồ họa)(?:[^\S\n]+minh[^\S\n]+họa)?[^\S\n]*:"
                        r"[^\S\n]*(?P<body>[^\n()]{1,80})")
_CREDIT_PART = regex.compile(r"[^/]+")
_SUPPLIED = regex.compile(r"[^\S\n]+(?:phát|cung cấp)$")


def _tokens(doc: Doc) -> list[tuple[int, int, bool]]:
    """(start, end, opens a sentence) of every token: the grammar stops at new sentences (and, by
    their tags, at verbs). Read from the Doc's arrays, a column at a time (no Token object per token)."""
    starts, lengths, sent_starts = doc.to_array([IDX, LENGTH, SENT_START]).T.tolist()
    return [(start, start + length, sent_start == 1) for start, length, sent_start in zip(starts, lengths, sent_starts)]


def _read(doc: Doc) -> tuple[str, list[Line]]:
    """The doc's text and its lines split into words, made once per Doc: organizations and then
    places read the same ones."""
    return doc_text(doc), memo(doc, "organization lines", lambda d: lines_of(doc_text(d), _tokens(d), tags_of(d)))


def organization_mentions(doc: Doc) -> list[tuple[OrgMatch, str]]:
    """Every organization mention outside boilerplate with the canonical name of its
    organization, at the exact characters of the mention. (A spaCy span can be wider: the
    segmenter sometimes glues the next word to a name's last word, "Phú Tân trao".)"""
    text, lines = _read(doc)
    matches = [m for m in match_organizations(text, lines=lines)
               if not in_boilerplate(doc, m.start, m.end)]
    matches = sorted(matches + _agency_byline(doc, matches, text), key=lambda m: m.start)
    matches = sorted(matches + _credited_agencies(doc, matches, text), key=lambda m: m.start)
    names = canonical_names(matches, text)
    # kept with the Doc (as strings: Doc.to_bytes writes user_data) for canonical_org
    doc.user_data[_CACHE] = {json.dumps(chain_key(m.units), ensure_ascii=False): name
                             for m, name in zip(matches, names) if name}
    return [(match, name) for match, name in zip(matches, names) if name is not None]


def _agency_byline(doc: Doc, matches: list[OrgMatch], text: str) -> list[OrgMatch]:
    """A byline that credits an agency ("Theo TTXVN", "Nguồn: Báo Nhân Dân") names an organization
    (gold convention: an agency or unit byline is an organization)."""
    out = []
    for span in doc.spans[LAYOUT] if LAYOUT in doc.spans else []:
        found = _AGENCY.match(span.text) if span.label_ == "BYLINE" else None
        if found is None:
            continue
        start, end = span.start_char + found.start("name"), span.start_char + found.end("name")
        if not any(m.start < end and start < m.end for m in matches):
            out.append(OrgMatch(start, end, text[start:end], (Unit(found.group("name")),), "Theo <agency> (byline)"))
    return out


@lru_cache(maxsize=1)
def _agencies() -> dict[str, str]:
    return {a.casefold(): a for a in load_lexicon("org_agencies")}


def _credited_agencies(doc: Doc, matches: list[OrgMatch], text: str) -> list[OrgMatch]:
    """A news agency a photo or source credit names, alone or after the photographer:
    "Ảnh: Minh Tâm/TTXVN" gives TTXVN, "Ảnh: KIM NGÂN" nothing."""
    out = []
    for credit in _CREDIT.finditer(text):
        for part in _CREDIT_PART.finditer(credit.group("body")):
            name = _SUPPLIED.sub("", part.group().strip(" .,;-–"))
            if name.casefold() not in _agencies():
                continue
            start = credit.start("body") + part.start() + part.group().index(name)
            end = start + len(name)
            if in_boilerplate(doc, start, end) or any(m.start < end and start < m.end for m in matches):
                continue
            out.append(OrgMatch(start, end, name, (Unit(name),), "Ảnh: <photographer>/<agency> (credit)"))
    return out


def find_organizations(doc: Doc) -> list[Span]:
    """Every organization mention outside boilerplate, label ORG, with ``_.org_name`` set to the
    canonical name of the organization ("LĐLĐ tỉnh" → "Liên đoàn Lao động tỉnh An Giang")."""
    spans = []
    for match, name in organization_mentions(doc):
        span = make_span(doc, match.start, match.end, "ORG", match.rule, org_name=name)
        if span is not None:
            spans.append(span)
    return spans


def canonical_org(doc: Doc, text: str) -> str | None:
    """The canonical name of the article's organization that ``text`` names, or None.

    For an award giver: "Tổng LĐLĐ Việt Nam" → "Tổng Liên đoàn Lao động Việt Nam";
    "UBND tỉnh" → "UBND tỉnh Vĩnh Long" when that is printed and Vĩnh Long is the article's province.
    """
    if _CACHE not in doc.user_data:
        find_organizations(doc)
    known = {_key(k): name for k, name in doc.user_data[_CACHE].items()}
    matches = match_organizations(normalize_text(text or ""))
    if not matches:
        return None
    key = chain_key(max(matches, key=lambda m: m.end - m.start).units)
    if key in known:
        return known[key]
    target = resolve_keys(list(known) + [key], doc_text(doc))[key]
    return known.get(target)


def _key(stored: str) -> tuple:
    return tuple(tuple(unit) for unit in json.loads(stored))


def find_locations(doc: Doc) -> list[Span]:
    """Places that are not organizations, label LOC: "tỉnh An Giang", "huyện Chợ Mới",
    "Khu công nghiệp Hòa Phú", "Campuchia". Places inside organization or person names are left
    to them ("UBND tỉnh An Giang" is an organization)."""
    taken = [(s.start_char, s.end_char) for name in (ORGANIZATIONS, PERSONS) if name in doc.spans
             for s in doc.spans[name]]
    spans = []
    text, lines = _read(doc)
    for start, end, rule in find_places(text, lines=lines):
        if any(start < b and a < end for a, b in taken) or in_boilerplate(doc, start, end):
            continue
        if doc.char_span(start, end) is None:
            continue                      # the segmenter glued the place to another word
        span = make_span(doc, start, end, "LOC", rule)
        if span is not None:
            spans.append(span)
    return spans
