"""Persons: full names, later short mentions, bylines and photo credits, with their titles.

A full name is a run of capitalised syllables that opens with a family name
(``person_surnames.tsv``); a short mention ("ông Phú", "Kim Loan") joins the full name it
ends with; a given name with an honorific and no full name anywhere ("anh Tèo") is a
person as printed. Places and bodies named after people ("đường Trần Hưng Đạo",
"Thành phố Hồ Chí Minh", "Trường THPT chuyên Nguyễn Quang Diêu") are not persons.

>>> [(s.text, s._.person_name, s._.person_titles) for s in find_persons(doc)]
[('Lê Văn Nưng', 'Lê Văn Nưng', ['Phó Bí thư Thường trực Tỉnh ủy']), ('Nưng', 'Lê Văn Nưng', [])]
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

import regex
from spacy.tokens import Doc, Span

from .person_titles import Title, Words, forms_word, head_at, title_at, titles_after, titles_before, words_of
from .resources import load_lexicon, load_table
from .spans import LAYOUT, in_boilerplate, make_span

_NAME_SYLLABLE = regex.compile(r"\p{Lu}\p{Ll}*(?:['’]\p{Lu}?\p{Ll}+)?")
_CAPS_SYLLABLE = regex.compile(r"\p{Lu}+")
_SPACE = regex.compile(r"[^\S\n]+")
_CREDIT = regex.compile(
    r"(?:(?<=^|[\s(.\[])(?:Ảnh|ẢNH|Bài,?[^\S\n]+(?:và[^\S\n]+)?ảnh|Bài/ảnh|Tin,?[^\S\n]+(?:và[^\S\n]+)?ảnh"
    r"|Video|Clip|Đồ họa))[^\S\n]*:[^\S\n]*(?P<names>[^\n()\[\]]{2,60})", regex.M)
_YEAR = regex.compile(r"(?:19|20)\d\d")
_CREDIT_WORD = regex.compile(r"(?:Ảnh|Nguồn|Video|Clip)[^\S\n]*:")
# where a capitalised honorific opens a sentence ("Ông Trần Quốc Việt"); mid-sentence,
# "Anh Dũng" is a name
_SENTENCE_START = regex.compile(r"(?:^|[.!?:;…\"“”'‘’(\[]|[-–][^\S\n])[^\S\n]*$", regex.M)
_PART_SPLIT = regex.compile(r"[^\S\n]*[-–,;/][^\S\n]*|[^\S\n]+và[^\S\n]+")
# "X.Nam", "T.Hà": an initial and a name, as bylines abbreviate them
_INITIALED = regex.compile(r"\p{Lu}\.[^\S\n]?\p{Lu}\p{Ll}+(?:[^\S\n]+\p{Lu}\p{Ll}+){0,3}")
# "bầu (bổ sung)", "bổ nhiệm", "(tái) đắc cử", then "giữ chức (vụ)" / "làm" / "là": a position
# the person takes in the text (not an ad-hoc role: "làm trưởng đoàn" alone is not one)
_ELECTED = regex.compile(
    r"(?<![\p{L}])(?:bầu(?:[^\S\n]+bổ[^\S\n]+sung)?|bổ[^\S\n]+nhiệm|đắc[^\S\n]+cử|phân[^\S\n]+công)"
    r"(?:[^\S\n]+(?:giữ[^\S\n]+chức(?:[^\S\n]+vụ)?|làm|là|vào|chức(?:[^\S\n]+vụ)?))*[^\S\n]+")
_ELECTED_BEFORE = regex.compile(r"(?<![\p{L}])(?:bầu|bổ[^\S\n]+nhiệm|phân[^\S\n]+công)(?:[^\S\n]+bổ[^\S\n]+sung)?[^\S\n]+$")
_TAKES_OFFICE = regex.compile(r"[^\S\n]+(?:giữ[^\S\n]+chức(?:[^\S\n]+vụ)?|làm|vào[^\S\n]+chức(?:[^\S\n]+vụ)?|là)[^\S\n]+")
_PLAIN_NAME = regex.compile(r"\p{Lu}[\p{L}]*(?:[^\S\n]+\p{Lu}[\p{L}]*){1,4}")


@dataclass
class Mention:
    first: int               # word indexes [first, last)
    last: int
    kind: str                # full, short, given, byline, credit
    rule: str
    cue: int | None = None   # first word of the honorific or cue before the name
    name: str | None = None
    titles: list[Title] = field(default_factory=list)


@lru_cache(maxsize=1)
def _lex() -> dict:
    def phrases(name):
        return {tuple(entry.split()) for entry in load_lexicon(name)}
    return {
        "surname": {row["surname"]: row["ambiguous"] == "yes" for row in load_table("person_surnames")},
        "honorific": {tuple(e.casefold().split()) for e in load_lexicon("person_honorifics")},
        "cue": {tuple(e.casefold().split()) for e in load_lexicon("person_cues")},
        "middle": set(load_lexicon("person_middle_names")),
        "place": phrases("person_place_words"),
        "not_name": {tuple(e.casefold().split()) for e in load_lexicon("person_not_names")},
        "byline_not": {e.casefold() for e in load_lexicon("person_byline_not_names")},
        "alias": {tuple(row["alias"].casefold().split()): row["name"] for row in load_table("person_aliases")},
    }


def _gap(words: Words, i: int) -> str:
    return words.text[words[i - 1].end:words[i].start] if 0 < i < len(words) else ""


def _phrase_before(words: Words, i: int, phrases: set, *, fold: bool = True, max_len: int = 4) -> int | None:
    """First word of the longest phrase of ``phrases`` that ends right before word ``i``."""
    for n in range(max_len, 0, -1):
        s = i - n
        if s < 0 or not all(_SPACE.fullmatch(_gap(words, k)) for k in range(s + 1, i + 1)):
            continue
        if s > 0 and words[s - 1].token == words[s].token >= 0:
            continue                                # "thôn" of "nông thôn" is no village
        key = tuple(w.text.casefold() if fold else w.text for w in words[s:i])
        if key in phrases:
            return s
    return None


def _place_before(words: Words, i: int) -> bool:
    """A place or organization word stands right before word ``i`` ("đường", "TX.", "THPT")."""
    if i == 0:
        return False
    gap = _gap(words, i)
    if gap.startswith(".") and _SPACE.fullmatch(gap[1:]):
        return (words[i - 1].text + ".",) in _lex()["place"]
    return _phrase_before(words, i, _lex()["place"], fold=False) is not None


def _number_before(words: Words, i: int) -> bool:
    """A house number right before the name makes it a street: "170 Nguyễn Đình Chiểu",
    "số 9/22 Phạm Văn Hai"; not a year ("năm 2004 Võ Thành Bang") nor the number of a
    name ("SEA Games 23 Nguyễn Hồng Minh")."""
    if i == 0 or not words[i - 1].text[:1].isdigit() or not _SPACE.fullmatch(_gap(words, i)):
        return False
    number = words[i - 1].text
    if _YEAR.fullmatch(number):
        return False
    return i < 2 or not (words[i - 2].is_cap and _SPACE.fullmatch(_gap(words, i - 1)))


def _is_name_syllable(words: Words, i: int) -> bool:
    """Capitalised, and not the capitalised first syllable of a common word ("Thanh niên",
    "Giáo dục", "Đoàn Chủ tịch"): the pair is in the word list and the segmenter kept it
    whole. A name glued to the verb after it ("Phạm Quốc Bảo dự") is still a name."""
    word = words[i]
    if not _NAME_SYLLABLE.fullmatch(word.text):
        return False
    if forms_word(words, i) and not words[i + 1].is_cap and (word.token < 0 or words[i + 1].token == word.token):
        return False
    if i > 0 and not words[i - 1].is_cap and forms_word(words, i - 1) and words[i - 1].token == word.token >= 0:
        return False                                # "ngư" + "Trần" is no word; "thị Xã" would be
    return True


@lru_cache(maxsize=1)
def _prefixes() -> set[str]:
    return set(load_lexicon("person_title_prefixes"))


@lru_cache(maxsize=1)
def _title_stops() -> set[str]:
    return set(load_lexicon("person_title_stops"))


def _runs(words: Words) -> list[tuple[int, int]]:
    """Maximal runs of name syllables separated by spaces only."""
    runs, start = [], None
    for i in range(len(words) + 1):
        ok = i < len(words) and _is_name_syllable(words, i) and not _CREDIT_WORD.match(words.text, words[i].start)
        if ok and start is not None and not _SPACE.fullmatch(_gap(words, i)):
            runs.append((start, i))
            start = None
        if ok and start is None:
            start = i
        elif not ok and start is not None:
            runs.append((start, i))
            start = None
    return runs


def _not_name_at(words: Words, s: int, e: int) -> bool:
    keys = _lex()["not_name"]
    return any(tuple(w.text.casefold() for w in words[s:s + n]) in keys for n in range(1, min(5, e - s) + 1))


def _cue_before(words: Words, i: int) -> int | None:
    """First word of an honorific or status word right before word ``i``."""
    lex = _lex()
    found = _phrase_before(words, i, lex["honorific"] | lex["cue"])
    if found is not None and found > 0 and not words[found - 1].is_cap and forms_word(words, found - 1):
        return None                                 # "em bé", "người mẹ", "cô bác" are common nouns
    return found


def _alias_at(words: Words, a: int, b: int, cue: int | None) -> Mention | None:
    """A form of address that names one well-known person ("Bác Hồ")."""
    aliases = _lex()["alias"]
    for start in ([cue] if cue is not None else []) + [a]:
        name = aliases.get(tuple(w.text.casefold() for w in words[start:b]))
        if name:
            return Mention(a if start == cue else start, b, "short", "<alias>", name=name)
    return None


def _prefix_is_no_name(doc: Doc, words: Words, a: int, s: int) -> bool:
    """The capitalised words before a family name inside a run are a place ("Sài Gòn
    Nguyễn Văn Tăng") or a sentence-opening word that is no proper noun ("Rồi Lê Thanh Nghị")."""
    if _not_name_at(words, a, s) and len(words[a:s]) <= 3 and \
            tuple(w.text.casefold() for w in words[a:s]) in _lex()["not_name"]:
        return True
    if tuple(w.text for w in words[a:s]) in _lex()["place"]:
        return False                                # "Cầu Trần Thị Lý" is a bridge
    opening = _SENTENCE_START.search(words.text[max(0, words[a].start - 3):words[a].start])
    return bool(opening) and s - a == 1 and words.tag(a) not in ("Np", "Ny", "")


def _choose_full(doc: Doc, words: Words, a: int, b: int, cue: int | None) -> tuple[int, str] | None:
    """Where a full name starts inside the run [a, b), and the rule that took it."""
    lex = _lex()
    best, best_score = None, -1
    for s in range(a, b - 1):
        length = b - s
        surname = words[s].text
        if surname not in lex["surname"] or length > 5:
            continue
        if s == a and (_place_before(words, s) or _number_before(words, s)):
            continue
        if s > a and words[s - 1].token == words[s].token >= 0:
            continue        # "An Giang" is one word: no name starts at "Giang"
        if _not_name_at(words, s, b):
            continue
        titles = titles_before(words, s)
        if titles and _place_before(words, titles[0].first):
            continue        # "Lăng Chủ tịch Hồ Chí Minh" is a place
        titled = bool(titles)
        if s > a and not titled and not _prefix_is_no_name(doc, words, a, s):
            continue        # "Bồ Đào Nha" is no "Đào Nha"; "tỉnh An Giang Nguyễn Thiện Phú" needs the title
        cued = (s == a and cue is not None) or titled
        # a middle name, or a second family name ("Lâm Huỳnh Bảo Toàn")
        middle = length > 2 and (words[s + 1].text in lex["middle"]
                                 or (s == a and lex["surname"].get(words[s + 1].text) is False))
        if lex["surname"][surname] and not (cued or middle):
            continue
        one_token = words[s].token == words[b - 1].token >= 0 and doc[words[s].token].tag_ == "Np"
        if length == 2 and not (cued or one_token):
            continue
        if length == 2 and lex["surname"][surname] and not (s == a and cue is not None):
            continue        # "ĐH Nông Lâm" after a title is a school; "ông Danh Sơn" is a person
        score = 3 * cued + 2 * middle + (length in (3, 4))
        score += 2 * (s == 0 or words[s - 1].token != words[s].token or words[s].token < 0)
        if score > best_score:
            best, best_score = s, score
    if best is None:
        return None
    rule = "<title> <surname> <name>" if titles_before(words, best) else \
        "<honorific> <surname> <name>" if best == a and cue is not None else "<surname> <name>"
    return best, rule


def _name_mentions(doc: Doc, words: Words) -> tuple[list[Mention], list[tuple[int, int, int | None]]]:
    """Full and given-name mentions; the runs left over may be short mentions."""
    lex = _lex()
    mentions, leftovers = [], []
    for a, b in _runs(words):
        if in_boilerplate(doc, words[a].start, words[b - 1].end):
            continue
        while b - a > 2 and head_at(words, b - 1) is not None:
            b -= 1                                  # "Ngô Xuân Quýnh Cựu trưởng đoàn"
        cue = _cue_before(words, a)
        alias = _alias_at(words, a, b, cue)
        if alias:
            mentions.append(alias)
            continue
        # "Ông Trần Quốc Việt": a capitalised honorific opening the sentence
        for n in (2, 1):
            if b - a > n and tuple(w.lower for w in words[a:a + n]) in lex["honorific"] \
                    and not _not_name_at(words, a, b) \
                    and (_SENTENCE_START.search(words.text[max(0, words[a].start - 3):words[a].start])
                         or words[a + n].text in lex["surname"]):
                cue, a = a, a + n
                break
        chosen = _choose_full(doc, words, a, b, cue)
        if chosen:
            s, rule = chosen
            mentions.append(Mention(s, b, "full", rule, cue=cue if s == a else None))
            continue
        honorific = cue is not None and tuple(w.lower for w in words[cue:a]) in lex["honorific"]
        if honorific and b - a <= 4 and not _place_before(words, a) and not _not_name_at(words, a, b) \
                and head_at(words, a) is None and words[a].text not in _prefixes():
            mentions.append(Mention(a, b, "given", "<honorific> <name>", cue=cue))
        elif b - a <= 3:
            leftovers.append((a, b, cue))
    return mentions, leftovers


def _fold_words(words: Words, m: Mention) -> tuple[str, ...]:
    return tuple(w.text.casefold() for w in words[m.first:m.last])


def _resolve(words: Words, mentions: list[Mention], leftovers) -> list[Mention]:
    """Give every mention its canonical name; short mentions join the full name they end with."""
    fulls = [m for m in mentions if m.kind == "full"]
    for m in fulls:
        m.name = words.text[words[m.first].start:words[m.last - 1].end]

    def full_for(parts: tuple[str, ...], at: int) -> Mention | None:
        matches = [f for f in fulls if len(_fold_words(words, f)) > len(parts)
                   and _fold_words(words, f)[-len(parts):] == parts]
        before = [f for f in matches if f.first < at]
        return (before[-1] if before else matches[0]) if matches else None

    out = list(fulls) + [m for m in mentions if m.kind == "short"]
    for m in mentions:
        if m.kind == "given":
            full = full_for(_fold_words(words, m), m.first)
            if full:
                m.kind, m.rule, m.name = "short", "<honorific> <given name of a full name>", full.name
            else:
                m.name = words.text[words[m.first].start:words[m.last - 1].end]
            out.append(m)
    for a, b, cue in leftovers:
        parts = tuple(w.text.casefold() for w in words[a:b])
        if len(parts) < 2 and cue is None:
            continue
        full = full_for(parts, a)
        if full:
            out.append(Mention(a, b, "short", "<given name of a full name>", cue=cue, name=full.name))
    return sorted(out, key=lambda m: m.first)


def _author_parts(text: str) -> list[str]:
    """The personal names in a byline or photo credit ("Nhật Huy - Thảo Nguyên")."""
    out = []
    for part in _PART_SPLIT.split(text.strip().rstrip(".")):
        part = part.strip()
        if not part or part.casefold() in _lex()["byline_not"] \
                or part.split()[0].casefold() in _lex()["byline_not"]:
            continue
        if _INITIALED.fullmatch(part) or _PLAIN_NAME.fullmatch(part):
            out.append(part)
    return out


def _credit_mentions(doc: Doc) -> list[tuple[int, int, str]]:
    """Photographers and authors named in credits ("Ảnh: KIM NGÂN") and the byline."""
    text = doc.text
    found = []
    for m in _CREDIT.finditer(text):
        names = m.group("names")
        if len(_PART_SPLIT.split(names.strip())) == 1 and not _PLAIN_NAME.fullmatch(names.strip().rstrip(".")) \
                and not _INITIALED.fullmatch(names.strip().rstrip(".")):
            continue
        for part in _author_parts(names):
            if _INITIALED.fullmatch(part) and m.group().startswith(("Ảnh", "ẢNH")):
                continue          # bare initials in a photo credit are not a name
            start = text.find(part, m.start("names"))
            found.append((start, start + len(part), "credit"))
    author = doc._.author
    bylines = [s for s in doc.spans[LAYOUT] if s.label_ == "BYLINE"] if LAYOUT in doc.spans else []
    if author and bylines:
        line = bylines[0]
        for part in _author_parts(author):
            start = text.find(part, line.start_char, line.end_char + 1)
            if start >= 0:
                found.append((start, start + len(part), "byline"))
    return found


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
        stop = mentions[n + 1].first if n + 1 < len(mentions) else None
        nxt = mentions[n + 1] if n + 1 < len(mentions) else None
        for title in titles_after(words, m.last, stop):
            owner = claimed.get(title.first)
            if owner is not None and owner is not m:
                edge = owner.cue if owner.cue is not None else owner.first
                if title.last == edge or (nxt is owner and _adjacent(words, title, edge)):
                    continue
                owner.titles = [t for t in owner.titles if t.first != title.first]
            m.titles.append(title)


def _adjacent(words: Words, title: Title, edge: int) -> bool:
    return title.last == edge


def _attach_elected(doc: Doc, words: Words, mentions: list[Mention]) -> None:
    """Positions a person is elected or appointed to in the text: "bầu bổ sung Ủy viên Ban
    Chấp hành đối với đồng chí X", "bà X ... được tín nhiệm bầu giữ chức Chủ tịch ...",
    "bầu ông X giữ chức Chủ tịch ..."."""
    if not mentions:
        return
    sentence_starts = [s.start_char for s in doc.sents] if len(doc) else [0]
    first_word = {w.start: i for i, w in enumerate(words)}
    for m in _ELECTED.finditer(words.text):
        i = first_word.get(m.end())
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
            sentence = sentence_starts[bisect_right(sentence_starts, m.start()) - 1]
            before = [p for p in mentions if sentence <= words[p.first].start and words[p.last - 1].end <= m.start()]
            owner = before[-1] if before else None
        if owner is not None and all(t.text.casefold() != title.text.casefold() for t in owner.titles):
            owner.titles.append(title)
    for p in mentions:           # "bầu bà X giữ chức Chủ tịch ...", "bổ nhiệm ông X làm Giám đốc ..."
        edge = words[p.cue if p.cue is not None else p.first].start
        if not _ELECTED_BEFORE.search(words.text, max(0, edge - 30), edge):
            continue
        m = _TAKES_OFFICE.match(words.text, words[p.last - 1].end)
        i = first_word.get(m.end()) if m else None
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


def _expanded(title: str) -> str:
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
    mentions, leftovers = _name_mentions(doc, words)
    mentions = _resolve(words, mentions, leftovers)
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
    for start, end, kind in _credit_mentions(doc):
        if (start, end) in taken or start < 0:
            continue
        name = doc.text[start:end]
        span = make_span(doc, start, end, "PER", f"<{kind}>", person_name=name, person_titles=[])
        if span is not None:
            spans.append(span)
            taken.add((start, end))
    return sorted(spans, key=lambda s: s.start_char)
