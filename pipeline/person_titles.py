"""Titles of persons: offices with the body they belong to, ranks, degrees and role nouns.

A title opens with an office noun ("Chủ tịch", "Phó Bí thư", "Giám đốc"), a rank ("Đại tá"),
a degree ("PGS.TS") or a role noun ("kình ngư", "học sinh") and runs over the body it
belongs to, up to the name, a comma, "kiêm", a dash before another role, or a verb:

>>> [t.text for t in titles_after(words, i)]     # "ông X, Giám đốc Sở Y tế cho biết"
['Giám đốc Sở Y tế']

Everything here works on :class:`~pipeline.person_words.Word` lists (one per syllable, with
the spaCy token it belongs to), so the module has no state beyond its lexicons.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

import regex

from .person_company import company_words_at, field_tail
from .person_words import Word, Words, forms_word, gap_text as _gap_text, match_phrase, phrase_table
from .resources import load_lexicon

# abbreviations that carry their own full stop inside names ("TX. Tân Châu", "Tp. Long Xuyên")
_DOTTED = regex.compile(r"(?:TX|TP|Tp|Q|H|P|TT|X)")
_COMMA_IN_NAME = regex.compile(
    r",[^\S\n]+(?=\p{Lu}\p{L}*(?:[^\S\n]+\p{Ll}+)?(?:,[^\S\n]+\p{Lu}\p{L}*(?:[^\S\n]+\p{Ll}+)?)*[^\S\n]+và[^\S\n]+\p{Lu})")
_TITLE_CASE = regex.compile(r"\p{Lu}\p{Ll}*")
_SPACE = regex.compile(r"[^\S\n]+")
_DASH = regex.compile(r"[^\S\n]+[-–][^\S\n]+")
_KIEM = regex.compile(r"[^\S\n]+kiêm[^\S\n]+")
_OPENER = regex.compile(r",[^\S\n]+|[^\S\n]*\([^\S\n]*|[^\S\n]+[-–][^\S\n]+")
# an age or birth year printed before the titles: "(23 tuổi, Bí thư Chi đoàn ...)",
# ", 78 tuổi, nguyên chiến sĩ ...", ", SN 1985, ..."
_AGE = regex.compile(r"(?:\d{1,3}[^\S\n]+tuổi|(?:SN|sinh[^\S\n]+năm)[^\S\n]*\d{4}),[^\S\n]+")


@dataclass(frozen=True)
class Title:
    start: int       # character offsets of the title as printed
    end: int
    text: str
    first: int       # word indexes [first, last)
    last: int
    kind: str        # office, rank, degree, role


@lru_cache(maxsize=1)
def lexicons() -> dict:
    """The title lexicons, loaded once."""
    return {
        "prefix": set(load_lexicon("person_title_prefixes")),
        "office": phrase_table(load_lexicon("person_title_heads")),
        # heads listed in lower case are common nouns too: only a capitalised body makes a title
        "bodied": {tuple(e.split()) for e in load_lexicon("person_title_heads") if e[:1].islower()},
        "rank": phrase_table(load_lexicon("person_ranks")),
        "role": phrase_table(load_lexicon("person_role_nouns")),
        "degree": set(load_lexicon("person_degrees")),
        "inside": phrase_table(load_lexicon("person_title_words"), fold=False),
        "stop": set(load_lexicon("person_title_stops")),
        "place": {"tỉnh", "huyện", "xã", "phường", "quận", "thành phố", "thị xã", "thị trấn", "ấp",
                  "TP", "TX", "Tp"},
    }


@lru_cache(maxsize=1)
def _head_openers() -> frozenset[str]:
    """Every word a title head can open with, as printed or case-folded: a prefix, or the
    first word of an office, rank or role."""
    lex = lexicons()
    return frozenset(lex["prefix"]).union(lex["office"], lex["rank"], lex["role"])


def _starts_word(words: Words, i: int) -> bool:
    """Word ``i`` opens a word: its token, or a capitalised word glued after another
    ("Lăng Chủ tịch"); not the second syllable of "tăng trưởng"."""
    if i == 0 or words[i - 1].token != words[i].token or words[i].token < 0:
        return True
    return words[i - 1].is_cap and words[i].is_cap and not forms_word(words, i - 1)


def _may_open_head(word: Word) -> bool:
    """A title head may open at ``word``: a prefix, the first word of an office, rank or
    role, or a degree."""
    return word.text in _head_openers() or word.lower in _head_openers() \
        or word.text.split(".")[0] in lexicons()["degree"]


def _head_positions(words: Words) -> list[int]:
    """Indexes of the words a title head may open at, in order, found once per text."""
    if "head_positions" not in words.memo:
        words.memo["head_positions"] = [i for i, word in enumerate(words) if _may_open_head(word)]
    return words.memo["head_positions"]


def head_at(words: Words, i: int) -> tuple[int, str] | None:
    """``(length, kind)`` of the title head starting at word ``i``: prefixes + office
    ("Phó Chủ tịch"), a rank ("Đại tá"), a degree chain ("PGS.TS") or a role noun.
    Worked out once per word: every name looks for titles among the heads before it."""
    heads = words.memo.setdefault("heads", {})
    if i not in heads:
        heads[i] = _head_at(words, i)
    return heads[i]


def _head_at(words: Words, i: int) -> tuple[int, str] | None:
    if i >= len(words):
        return None
    word = words[i]
    if not _may_open_head(word) or not _starts_word(words, i):
        return None
    lex = lexicons()
    if all(part in lex["degree"] for part in word.text.split(".")) and word.text[:1].isupper():
        return 1, "degree"
    n = match_phrase(words, i, lex["rank"])
    if n:
        return n, "rank"
    k = i
    while k < len(words) and words[k].text in lex["prefix"] and (k == i or words[k].spaced):
        k += 1
    for j in (k, i) if k > i else (i,):
        if j < len(words) and (j == i or words[j].spaced):
            n = match_phrase(words, j, lex["office"])
            if n:
                return j - i + n, "office"
    n = match_phrase(words, i, lex["role"])
    if n:
        return n, "role"
    if k > i and words[k].spaced:
        n = match_phrase(words, k, lex["role"])
        if n:
            return k - i + n, "role"                # "nguyên chiến sĩ Sư đoàn 320", "cựu giáo viên"
    return None


def extent(words: Words, i: int, stop: int | None = None) -> int:
    """Index past the last word of the body that follows a title head ending before word
    ``i``: capitalised words, abbreviations, and the lower-case words of person_title_words
    ("tỉnh", "nhân dân"); a lower-case syllable glued to a capitalised one by the segmenter
    ("Giáo dục") goes with it. ``stop`` (a name's first word) is never crossed."""
    lex = lexicons()
    k = i
    limit = len(words) if stop is None else stop
    placed = False              # a place ("tỉnh An Giang") ends the body: no lower-case noun after it
    named_from = None           # where a company's own name starts, after its legal form
    while k < limit:
        gap = _gap_text(words, k)
        word = words[k]
        if word.spaced:
            pass
        elif gap.startswith(".") and _SPACE.fullmatch(gap[1:]) and _DOTTED.fullmatch(words[k - 1].text) and word.is_cap:
            pass
        elif _DASH.fullmatch(gap) and word.is_cap and k > i and not _is_office(words, k):
            pass                                    # "Ban Thi đua - Khen thưởng"
        elif k > i and _COMMA_IN_NAME.match(words.text, words[k - 1].end) and not _is_office(words, k):
            pass                                    # "Sở Văn hóa, Thể thao và Du lịch"
        else:
            break
        if k > i and word.is_cap and _is_office_break(words, k):
            break                                   # "Anh hùng Lao động Phó Thủ tướng": two titles
        n = company_words_at(words, k)
        if n and k + n <= limit and (word.is_cap or named_from is not None):
            k += n                                  # "Công ty TNHH MTV", "HTX", "một thành viên"
            named_from = k
            continue
        if word.is_cap or (word.text[:1].isdigit() and k > i and (
                _in_capital_word(words, k - 1) or words[k - 1].lower in ("lớp", "số", "khóa"))):
            placed = placed or word.text in lex["place"]
            k += 1
            continue
        n = match_phrase(words, k, lex["inside"], fold=False)
        if n and words[k].lower == "và" and not (k + 1 < limit and words[k + 1].is_cap):
            n = 0                                   # "và" only joins two capitalised fields
        if n and k + n <= limit and not _glued(words, k + n - 1):
            placed = placed or " ".join(w.text for w in words[k:k + n]) in lex["place"]
            k += n
            continue
        glued = words[k - 1].token == word.token >= 0 and word.lower not in lex["stop"]
        if k > i and ((_TITLE_CASE.fullmatch(words[k - 1].text) and (forms_word(words, k - 1) or glued))
                      or (glued and _in_capital_word(words, k - 1))):
            k += 1                                  # "Giáo dục", "Lao động", "Y tế", "Thường trực"
            continue
        if word.lower in lex["stop"]:
            break
        if named_from is not None and named_from < k <= named_from + 3 and words[named_from].is_cap \
                and not any(w.is_cap for w in words[named_from + 1:k]):
            n = field_tail(words, k, limit, lex["stop"])
            if n:
                k += n                              # "Công ty TNHH MTV Kho vận Thành Đạt"
                continue
        n = _lower_noun(words, k, limit) if k > i and not placed else 0
        if n:
            k += n                                  # "Ban Quản lý dự án", "Hội Chữ thập đỏ tỉnh"
            continue
        break
    while k > i and words[k - 1].lower in ("và", "của"):
        k -= 1
    return k


def _in_capital_word(words: Words, k: int) -> bool:
    """Word ``k`` is capitalised or continues a capitalised word ("Quân khu" before "9")."""
    if words[k].is_cap:
        return True
    j = k
    while j > 0 and words[j - 1].token == words[k].token >= 0:
        j -= 1
    return j < k and words[j].is_cap


def _lower_noun(words: Words, k: int, limit: int) -> int:
    """Length of a lower-case common noun that the tagger tagged N at word ``k`` (an adjective
    only when the body goes on after it: "Doanh nhân trẻ tỉnh"), else 0."""
    if words[k].token < 0:
        return 0
    n = 1
    while k + n < limit and words[k + n].token == words[k].token and not words[k + n].is_cap:
        n += 1
    if words[k].lower in lexicons()["stop"] or " ".join(w.lower for w in words[k:k + n]) in _honorifics():
        return 0                                    # "thông tin", "hôm qua", "đồng chí" after a title
    tag = words.tag(k)                              # last: it may run the tagger on the sentence
    if tag not in ("N", "A"):
        return 0
    if tag == "A":
        nxt = k + n
        if nxt >= limit or not words[nxt].spaced or not (
                words[nxt].is_cap or match_phrase(words, nxt, lexicons()["inside"], fold=False)):
            return 0
    return n


@lru_cache(maxsize=1)
def _honorifics() -> frozenset[str]:
    return frozenset(e.casefold() for e in load_lexicon("person_honorifics"))


def _is_office(words: Words, k: int) -> bool:
    head = head_at(words, k)
    return head is not None and head[1] in ("office", "rank")


def _glued(words: Words, k: int) -> bool:
    """Word ``k`` is followed, inside its token, by a lower-case syllable ("xã" of "xã hội")."""
    return k + 1 < len(words) and words[k].token == words[k + 1].token >= 0 and not words[k + 1].is_cap


def _is_office_break(words: Words, k: int) -> bool:
    """A capitalised office of two or more syllables opens a new title inside a body
    ("Bộ trưởng Chủ nhiệm Ủy ban TDTT"); one-syllable "Trưởng" does not."""
    head = head_at(words, k)
    return head is not None and head[1] in ("office", "rank") and head[0] >= 2


def title_at(words: Words, i: int, stop: int | None = None) -> Title | None:
    """The title starting at word ``i``, or None when no head starts there."""
    head = head_at(words, i)
    if head is None:
        return None
    n, kind = head
    if stop is not None and i + n > stop:
        return None
    last = i + n if kind in ("rank", "degree") else extent(words, i + n, stop)
    if kind == "office" and (last == i + n or not words[i + n].is_cap) and any(
            tuple(w.lower for w in words[i + n - len(p):i + n]) == p for p in lexicons()["bodied"]):
        return None                                 # "thành viên Ban Kiểm soát", not "thành viên công ty"
    return Title(words[i].start, words[last - 1].end, words.text[words[i].start:words[last - 1].end], i, last, kind)


def _separator(words: Words, k: int) -> bool:
    """Between word k-1 and word k stands a separator of roles: comma, "kiêm", dash."""
    if k >= len(words):
        return False
    gap = _gap_text(words, k)
    return bool(regex.fullmatch(r",[^\S\n]+|[^\S\n]+[-–][^\S\n]+", gap))


def titles_after(words: Words, i: int, stop: int | None = None) -> list[Title]:
    """Titles in apposition after a name ending before word ``i``:
    ", Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy" or "(Chủ tịch ...)"."""
    if i >= len(words):
        return []
    gap = _gap_text(words, i)
    age = _AGE.match(words.text, words[i].start) if _OPENER.fullmatch(gap) else None
    if age:
        while i < len(words) and words[i].start < age.end():
            i += 1
        if i >= len(words) or (stop is not None and i >= stop):
            return []
    if gap.strip() == "(" and head_at(words, i) is None:
        # "Ông X (bìa trái), Giám đốc Sở ...": look past a parenthesis that holds no title
        close = words.text.find(")", words[i].start)
        j = i
        while j < len(words) and words[j].start < close:
            j += 1
        if close < 0 or j >= len(words) or "\n" in words.text[words[i].start:close]:
            return []
        i, gap = j, words.text[close + 1:words[j].start]
        if not regex.fullmatch(r",[^\S\n]+", gap):
            return []
    if not _OPENER.fullmatch(gap):
        return []
    out: list[Title] = []
    k = i
    while True:
        title = title_at(words, k, stop)
        if title is None:
            break
        out.append(title)
        k = title.last
        if k < len(words) and _KIEM.fullmatch(_gap_text(words, k)) and words[k].lower == "kiêm":
            k += 1                                   # "Chủ tịch HĐQT kiêm Tổng Giám đốc"
            if k < len(words) and words[k].spaced:
                continue
            break
        if k + 1 < len(words) and words[k].lower == "kiêm" and words[k].spaced:
            k += 1
            continue
        if not _separator(words, k):
            break
    return out


def titles_before(words: Words, name: int, floor: int = 0) -> list[Title]:
    """Titles printed right before the name starting at word ``name``, nearest last:
    "Phó Bí thư Thường trực Tỉnh ủy Lê Văn Nưng", "Đại tá Huỳnh Tấn Lực",
    "Chủ tịch HĐQT kiêm Tổng Giám đốc Công ty Nguyễn Văn A". ``floor`` is the first word
    that may belong to them."""
    out: list[Title] = []
    edge = name
    if edge <= floor or edge >= len(words) or not words[edge].spaced:
        return out
    while edge > floor:
        found = None
        positions = _head_positions(words)
        for h in positions[bisect_left(positions, max(floor, edge - 25)):bisect_left(positions, edge)]:
            title = title_at(words, h, stop=edge)
            if title is not None and title.last == edge:
                found = title
                break
        if found is None:
            break
        out.insert(0, found)
        h = found.first
        if h > floor and words[h - 1].lower == "kiêm" and h - 1 > floor:
            edge = h - 1
        elif h > floor and (_separator(words, h) or words[h].spaced):
            edge = h
        else:
            break
    return out


def split_roles(title: str) -> list[str]:
    """A printed title split into roles at commas, "kiêm" and " - " between roles.

    >>> split_roles("Chủ tịch HĐQT kiêm Tổng Giám đốc Công ty")
    ['Chủ tịch HĐQT', 'Tổng Giám đốc Công ty']
    """
    parts = regex.split(r",[^\S\n]+|[^\S\n]+kiêm[^\S\n]+", title)
    return [part.strip() for part in parts if part.strip()]
