"""Persons: every mention of a person with its canonical name and the titles printed there.

Names are found by ``person_names`` and titles parsed by ``person_titles``; this module
puts them together: a title before the name ("Phó Bí thư Thường trực Tỉnh ủy Lê Văn
Nưng"), in apposition after it ("ông X, Chủ tịch UBND huyện") or in parentheses, a
position the person is elected to in the text ("bầu bổ sung Ủy viên Ban Chấp hành đối với
đồng chí X"), and one title per role in its fullest printed form.

>>> [(s.text, s._.person_name, s._.person_titles) for s in find_persons(doc)]
[('Lê Văn Nưng', 'Lê Văn Nưng', ['Phó Bí thư Thường trực Tỉnh ủy']), ('Nưng', 'Lê Văn Nưng', [])]
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache

import regex
from spacy.tokens import Doc, Span

from .person_names import Mention, credit_mentions, name_mentions, resolve_mentions
from .person_titles import title_at, titles_after, titles_before
from .person_words import Words, words_of
from .resources import load_table
from .spans import make_span

# "bầu (bổ sung)", "bổ nhiệm", "(tái) đắc cử", then "giữ chức (vụ)" / "làm" / "là": a position
# the person takes in the text (not an ad-hoc role: "làm trưởng đoàn" alone is not one)
_ELECTED = regex.compile(
    r"(?<![\p{L}])(?:bầu(?:[^\S\n]+bổ[^\S\n]+sung)?|bổ[^\S\n]+nhiệm|đắc[^\S\n]+cử|phân[^\S\n]+công)"
    r"(?:[^\S\n]+(?:giữ[^\S\n]+chức(?:[^\S\n]+(?:vụ|danh))?|làm|là|vào|chức(?:[^\S\n]+(?:vụ|danh))?))*[^\S\n]+")
_ELECTED_BEFORE = regex.compile(
    r"(?<![\p{L}])(?:bầu|bổ[^\S\n]+nhiệm|phân[^\S\n]+công)(?:[^\S\n]+bổ[^\S\n]+sung)?[^\S\n]+$")
_TAKES_OFFICE = regex.compile(
    r",?[^\S\n]+(?:giữ[^\S\n]+chức(?:[^\S\n]+vụ)?|làm|vào[^\S\n]+chức(?:[^\S\n]+vụ)?|là)[^\S\n]+")

def _attach_titles(words: Words, mentions: list[Mention]) -> None:
    """Titles before each name and in apposition after it; a title between two names
    goes to the name it touches, else to the name before it."""
    claimed: dict[int, Mention] = {}
    for n, m in enumerate(mentions):
        floor = mentions[n - 1].last if n else 0
        edge = m.cue if m.cue is not None else m.first
        for title in titles_before(words, edge, floor):
            m.titles.append(title)
            claimed.setdefault(title.first, m)
    for n, m in enumerate(mentions):
        nxt = mentions[n + 1] if n + 1 < len(mentions) else None
        stop = (nxt.cue if nxt.cue is not None else nxt.first) if nxt else None
        for title in titles_after(words, m.last, stop):
            owner = claimed.get(title.first)
            if owner is not None and owner is not m:
                edge = owner.cue if owner.cue is not None else owner.first
                if title.last == edge:
                    continue                        # it touches the next name: that name's title
                owner.titles = [t for t in owner.titles if t.first != title.first]
            m.titles.append(title)


def _word_starting_at(words: Words, offset: int) -> int | None:
    """Index of the word that starts at character ``offset``, if one does."""
    i = bisect_left(words, offset, key=lambda w: w.start)
    return i if i < len(words) and words[i].start == offset else None


def _attach_elected(doc: Doc, words: Words, mentions: list[Mention]) -> None:
    """Positions a person is elected or appointed to in the text: "bầu bổ sung Ủy viên Ban
    Chấp hành đối với đồng chí X", "bà X ... được tín nhiệm bầu giữ chức Chủ tịch ...",
    "bầu ông X giữ chức Chủ tịch ..."."""
    if not mentions:
        return
    for m in _ELECTED.finditer(words.text):
        i = _word_starting_at(words, m.end())
        title = title_at(words, i) if i is not None else None
        if title is None or title.kind != "office":
            continue
        after = words.text[title.end:]
        by_name = regex.match(r"[^\S\n]+(?:đối[^\S\n]+với|cho)[^\S\n]+", after)
        owner = None
        if by_name:
            owner = next((p for p in mentions if words[p.cue if p.cue is not None else p.first].start
                          == title.end + by_name.end()), None)
        if owner is None:
            sentence_starts = [s.start_char for s in doc.sents] if len(doc) else [0]
            sentence = sentence_starts[bisect_right(sentence_starts, m.start()) - 1]
            before = [p for p in mentions if sentence <= words[p.first].start and words[p.last - 1].end <= m.start()]
            owner = before[-1] if before else None
        if owner is not None and all(t.text.casefold() != title.text.casefold() for t in owner.titles):
            owner.titles.append(title)
    for p in mentions:           # "bầu bà X giữ chức Chủ tịch ...", "bổ nhiệm ông X làm Giám đốc ..."
        edge = words[p.cue if p.cue is not None else p.first].start
        if not _ELECTED_BEFORE.search(words.text, max(0, edge - 30), edge):
            continue
        # past the titles the person holds already: "bầu bổ sung bà X, <title>, làm thành viên ..."
        end = max([t.end for t in p.titles if t.first >= p.last] + [words[p.last - 1].end])
        m = _TAKES_OFFICE.match(words.text, end)
        i = _word_starting_at(words, m.end()) if m else None
        title = title_at(words, i) if i is not None else None
        if title is not None and title.kind == "office" \
                and all(t.text.casefold() != title.text.casefold() for t in p.titles):
            p.titles.append(title)


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[tuple[regex.Pattern, str], ...]:
    """Abbreviations of organization names (the organizations stage's table, when it is
    installed), to see that "Sở GD-ĐT" and "Sở Giáo dục và Đào tạo" name one role."""
    try:
        rows = load_table("org_abbreviations")
    except (OSError, KeyError, IndexError):
        return ()
    rows = sorted(rows, key=lambda r: len(r.get("abbreviation", "")), reverse=True)
    return tuple((regex.compile(rf"(?<![\p{{L}}\d]){regex.escape(r['abbreviation'])}(?![\p{{L}}\d])"), r["full"])
                 for r in rows if r.get("abbreviation") and r.get("full"))


@lru_cache(maxsize=4096)
def _expanded(title: str) -> str:
    """The title with its abbreviations spelt out, case-folded, single-spaced."""
    for pattern, full in _abbreviations():
        title = pattern.sub(full, title)
    return " ".join(title.casefold().split())


def _drop_variants(mentions: list[Mention]) -> None:
    """One title per role, in its fullest printed form: an abbreviated or shorter variant
    of another title of the same person goes ("Giám đốc Sở GD-ĐT" beside
    "Giám đốc Sở Giáo dục và Đào tạo")."""
    by_person: dict[str, list[Mention]] = {}
    for m in mentions:
        by_person.setdefault((m.name or "").casefold(), []).append(m)
    for group in by_person.values():
        titles = [t for m in group for t in m.titles]
        for m in group:
            kept = []
            for t in m.titles:
                short = _expanded(t.text)
                if any(len(u.text) > len(t.text) and (_expanded(u.text) == short
                       or _expanded(u.text).startswith(short + " ")) for u in titles):
                    continue
                kept.append(t)
            m.titles = kept


def find_persons(doc: Doc) -> list[Span]:
    """Every mention of a person, with ``_.person_name`` (canonical full name) and
    ``_.person_titles`` (titles printed at this mention)."""
    words = words_of(doc)
    mentions, leftovers = name_mentions(doc, words)
    mentions = resolve_mentions(words, mentions, leftovers)
    _attach_titles(words, mentions)
    _attach_elected(doc, words, mentions)
    _drop_variants(mentions)
    spans = []
    for m in mentions:
        start, end = words[m.first].start, words[m.last - 1].end
        titles = []
        for title in m.titles:
            if title.text.casefold() not in {t.casefold() for t in titles}:
                titles.append(title.text)
        span = make_span(doc, start, end, "PER", m.rule, person_name=m.name, person_titles=titles)
        if span is not None:
            spans.append(span)
    taken = {(s.start_char, s.end_char) for s in spans}
    for start, end, kind in credit_mentions(doc, words.text):
        if (start, end) in taken or start < 0:
            continue
        name = words.text[start:end]
        span = make_span(doc, start, end, "PER", f"<{kind}>", person_name=name, person_titles=[])
        if span is not None:
            spans.append(span)
            taken.add((start, end))
    return sorted(spans, key=lambda s: s.start_char)
