"""The unit printed after a number: what a statistic counts or measures.

A measure stands alone whatever noun follows it ("450 ha lúa" -> ``ha``, "5.230 tỷ đồng vốn"
-> ``đồng``), a rate keeps its "/<word>" tails ("6,2 tấn/ha", "9,5 triệu đồng/người/tháng"),
a percentage is ``%``; anything else is the counted noun phrase, from its head noun up to the
first verb, preposition, relative or place word ("3.072 thí sinh dự thi" -> ``thí sinh``,
"230 CĐCS trực thuộc" -> ``CĐCS``). The word lists are data in ``resources/stat_*.tsv``; the
tagger's words and tags help where a stop word begins a longer noun ("chỉ tiêu").

>>> read_unit("2 triệu tấn lúa", 7)
('tấn', 11)
"""
from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

import regex
from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc

from .resources import alternation, load_table
from .tokenizer import tags_of

SP = r"[^\S\n]"
END = r"(?![\p{L}\d²³])"
# underthesea POS tags that end a counted noun phrase after its head noun
_STOP_TAGS = {"V", "E", "C", "Cc", "CH", "R", "P", "M", "T", "I", "L", "X", "Z"}
# tags that cannot head a counted noun phrase; verbs and adjectives can, after digits: the
# tagger calls "đoàn viên" a verb and "trẻ" (children) an adjective
_BAD_HEAD_TAGS = {"R", "E", "C", "Cc", "P", "T", "I", "L", "CH"}
_MAX_UNIT_SYLLABLES = 6
# "cả 3 đón xe": "all three" is a pronoun, not a count of a noun
_ALL_OF = regex.compile(r"(?<!\p{L})(?i:cả)[^\S\n]+\S+$")
_CALENDAR_AFTER = regex.compile(rf"(?i:(?:(?:đầu|cuối|giữa){SP}+)?(?:năm|tháng|ngày|quý))"
                                rf"{SP}+(?:\d|nay|qua|này|trước|tới)")
_SPACES = regex.compile(rf"{SP}+")
_SYLLABLE = regex.compile(r"[\p{L}\d][\p{L}\d\-²³]*|\S")
_ABBREVIATION = regex.compile(r"\p{Lu}{2,}")
_RATE_WORD = regex.compile(r"\p{L}+(?:[^\S\n]\p{L}+){1,2}")


def alt(rows, column, where=lambda r: True) -> str:
    """A regex alternation of one column of a table's rows."""
    return alternation(r[column] for r in rows if where(r))


@lru_cache(maxsize=1)
def _lex() -> dict:
    measures = load_table("stat_measures")
    stops = load_table("stat_unit_stops")
    return {
        "percent": regex.compile(rf"{SP}*%|{SP}+phần{SP}+trăm{END}", regex.I),
        # glued measures may touch the number ("500.000đ"); the others follow a space
        "measure": regex.compile(rf"(?:{SP}*(?:{alt(measures, 'unit', lambda r: r['attached'] == 'yes')})"
                                 rf"|{SP}+(?:{alt(measures, 'unit')})){END}"),
        "compound": regex.compile(rf"(?i:{alt(load_table('stat_measure_compounds'), 'word')}){END}"),
        "rate": regex.compile(rf"(?:/{SP}?(?:(?:{alt(load_table('stat_rate_nouns'), 'noun')}){END}"
                              rf"|(?!\d)[\p{{L}}\d²³]+))+"),
        "stop": regex.compile(rf"(?:{alt(stops, 'word')}){END}"),
        # at the head only closed-class words stop: a place noun may be what is counted ("12 xã")
        "head_stop": regex.compile(
            rf"(?:{alt(stops, 'word', lambda r: r['kind'] not in ('place', 'after-head'))}){END}"),
        "pair": regex.compile(rf"(?:{alt(load_table('stat_unit_pairs'), 'pair')}){END}"),
        "not_unit": regex.compile(rf"(?i:{alt(load_table('stat_not_units'), 'noun')}){END}"),
        "verb_head": regex.compile(rf"(?i:{alt(load_table('stat_verb_compound_heads'), 'noun')})"),
        "body_head": regex.compile(rf"(?:{alt(load_table('stat_body_heads'), 'noun')})(?!\p{{L}})"),
    }


def is_measure(unit: str) -> bool:
    """``ha``, ``đồng/kg``, ``%/năm``: a measure rather than a counted noun."""
    return unit.startswith("%") or bool(_lex()["measure"].fullmatch(" " + unit.split("/")[0]))


class Tags:
    """The tagger's words and POS tags looked up by character offset (none on a hand-built Doc)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        offsets = doc.to_array([IDX, LENGTH])     # one pass, not a Token object per word
        self.starts = offsets[:, 0].tolist()
        self.ends = offsets.sum(axis=1).tolist()

    def covering(self, pos: int):
        """The token whose characters include ``pos``."""
        i = bisect_right(self.starts, pos) - 1
        if i < 0 or pos >= self.ends[i]:
            return None
        return self.doc[i]

    def at(self, start: int) -> str | None:
        """The tag of the token starting at ``start``; None inside a token (a word sharing
        a token with what precedes it, "1.250 viên", gives no evidence)."""
        i = bisect_right(self.starts, start) - 1
        return (tags_of(self.doc)[i] or None) if i >= 0 and self.starts[i] == start else None


def read_unit(text: str, pos: int, tags: Tags | None = None, *, strict: bool = False) -> tuple[str, int] | None:
    """The unit printed right after a number ending at ``pos``, and where it ends; None when
    no unit follows. ``strict`` (after a spelled-out or multiplied number) also refuses a
    head the tagger calls a verb or an adjective ("5 triệu bù thêm").

    >>> read_unit("3.072 thí sinh dự thi", 5)
    ('thí sinh', 14)
    >>> read_unit("68,5 tạ/ha, tăng", 4)
    ('tạ/ha', 10)
    """
    lex = _lex()
    m = lex["percent"].match(text, pos)
    if m:
        end = rate_end(text, m.end(), tags)
        return "%" + text[m.end():end], end
    m = lex["measure"].match(text, pos)
    if m and not lex["compound"].match(text, m.end() - len(m.group().lstrip())):     # not "187 đồng chí"
        end = rate_end(text, m.end(), tags)
        return text[pos:end].strip(), end
    return _noun_phrase(text, pos, tags, strict)


def _noun_phrase(text: str, pos: int, tags: Tags | None, strict: bool) -> tuple[str, int] | None:
    lex = _lex()
    space = _SPACES.match(text, pos)
    if not space:
        return None                      # glued to letters: "57kg", "F0", "200m"
    start = space.end()
    pair = lex["pair"].match(text, start)
    if lex["not_unit"].match(text, start) or not pair and _stops(lex["head_stop"], text, start, tags):
        return None
    body = lex["body_head"].match(text, start)
    if not pair and not body and not _could_head(text, start, pos, tags, strict):
        return None
    end = pair.end() if pair else (body.end() if body else None)
    # after a capitalised body noun, capitalised words belong to it ("9 Trung tâm Y tế");
    # after an abbreviation, only abbreviations do ("02 CĐCS DN", not "2 VĐV Phạm Văn Mách")
    caps = "any" if body else ("abbreviation" if _ABBREVIATION.match(text, start, start + 2) else None)
    cursor = end or start
    for w in _SYLLABLE.finditer(text, cursor):
        gap = text[cursor:w.start()]
        word = w.group()
        if gap.strip() or "\n" in gap or not word[0].isalpha():
            break
        if end is not None and _ends_phrase(text, start, cursor, w, caps, tags):
            break                        # (the head noun itself passed _could_head)
        end = cursor = w.end()
    if end is None:
        return None
    end = rate_end(text, end, tags)
    return text[start:end], end


def _could_head(text: str, start: int, pos: int, tags: Tags | None, strict: bool) -> bool:
    """Whether the word at ``start`` may head a counted noun phrase: a lower-case word or an
    abbreviation, then (the tag read last: it tags the whole sentence) a word the tagger
    does not call a function word ("2 giỏi", "1 triệu gì đó", "cả 3 đón xe")."""
    head = _SYLLABLE.match(text, start)
    if head is None or not head.group()[0].isalpha() or _is_name_word(head.group()):
        return False
    tag = tags.at(start) if tags else None
    return not (tag in _BAD_HEAD_TAGS or tag in ("V", "A") and (strict or _ALL_OF.search(text, max(0, pos - 12), pos)))


def _is_name_word(word: str) -> bool:
    """A capitalised word that is no abbreviation: a name, not a counted noun."""
    return word[0].isupper() and not (word.isupper() and len(word) > 1)


def _ends_phrase(text: str, start: int, cursor: int, w, caps: str | None, tags: Tags | None) -> bool:
    """Whether the word ``w`` after the phrase ``text[start:cursor]`` is no longer part of it."""
    lex, word = _lex(), w.group()
    if _stops(lex["stop"], text, w.start(), tags) or lex["not_unit"].match(text, w.start()):
        return True
    if word[0].isupper() and not (caps == "any" or caps == "abbreviation" and word.isupper()):
        return True                      # a name: "51 đại biểu | HĐND tỉnh", "căn nhà | Đại đoàn kết"
    if _CALENDAR_AFTER.match(text, w.start()) or len(text[start:w.end()].split()) > _MAX_UNIT_SYLLABLES:
        return True
    tag = tags.at(w.start()) if tags else None
    # "612 doanh nghiệp | thành lập", but "38 điểm thi"
    return tag in _STOP_TAGS and not (tag == "V" and lex["verb_head"].fullmatch(text, start, cursor))


def rate_end(text: str, end: int, tags: Tags | None = None) -> int:
    """Where a rate printed after the unit ends: "/ha", "/người/tháng", and a word of
    several syllables the tagger reads after the slash ("đồng/cổ phiếu")."""
    rate = _lex()["rate"].match(text, end)
    if not rate:
        return end
    last = text.rfind("/", end, rate.end()) + 1
    word = tags.covering(last) if tags else None
    if word is not None and word.idx == last and _RATE_WORD.fullmatch(word.text):
        return max(rate.end(), word.idx + len(word.text))
    return rate.end()


def _stops(rx, text: str, start: int, tags: Tags | None) -> bool:
    """A stop word at ``start``, unless the tagger reads it as the start of a longer word
    ("chỉ tiêu", not the adverb "chỉ") or inside a noun ("hợp tác xã", not the place "xã")."""
    m = rx.match(text, start)
    if not m or tags is None:
        return bool(m)
    word = tags.covering(start)
    if word is None:
        return True
    if word.idx < start:
        return not tags_of(word.doc)[word.i].startswith("N")
    return word.idx + len(word.text) <= m.end()
