"""The words before a number: the hedge that qualifies it ("hơn", "khoảng", "hàng" in "hàng trăm"),
and the words that make it part of a name, an identifier or an address, never a count: head words ("lớp 12", "Tiểu đoàn 2", "Chương trình 75 ngàn sáng kiến") and house numbers
("số 287/80 đường Trần Quý Cáp", "18 phố Hàng Bông") and numbers named by "số" ("văn bản
số 108"). The lexicons are data:
``number_qualifiers.tsv``, ``number_name_heads.tsv`` and ``number_address_nouns.tsv``.

A one-syllable head printed as the end of a longer word is no head: "quy tập 146 hài cốt"
counts, "tập 2" names a volume. The segmenter's words decide when they are given, underthesea's
word list otherwise.

>>> name_head("lớp 12", 4), name_head("quy tập 146 hài cốt", 8)
(True, False)
"""
from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

import regex

from .number_names import before as _before
from .number_words import SP as _SP, SP0 as _SP0
from .resources import alternation, load_table

# the segmenter's words as sorted (start, end) character offsets
Words = list[tuple[int, int]]


class EndAnchored:
    """A pattern anchored at the end of the window it searches (``...$``), searched from
    the end first: a window it does not match (most of them) is turned down several times
    faster; the forward search then finds the same (leftmost) match as ever."""

    def __init__(self, pattern: str, flags: int = 0):
        self.forward = regex.compile(pattern, flags)
        self.backward = regex.compile(pattern, flags | regex.REVERSE)

    def search(self, window: str):
        return self.forward.search(window) if self.backward.search(window) else None


@lru_cache(maxsize=1)
def _name_head_rx():
    rows = load_table("number_name_heads")

    def heads(kind):
        anycase = alternation(r["head"] for r in rows if r["case"] == "any" and r["kind"] == kind)
        upper = alternation(r["head"] for r in rows if r["case"] == "upper" and r["kind"] == kind)
        return "|".join(p for p in (anycase and f"(?i:{anycase})", upper) if p)

    return EndAnchored(rf"(?<![\p{{L}}\d])(?:(?P<program>{heads('program')})|(?P<head>{heads('identifier')}))"
                       rf"(?:{_SP}(?i:số))?{_SP}$")


@lru_cache(maxsize=1)
def _address_rx():
    nouns = alternation(r["noun"] for r in load_table("number_address_nouns"))
    # "287/80 đường Trần Quý Cáp", "45/3B Lê Lợi"
    return regex.compile(rf"(?:/\d+\p{{L}}?)?{_SP}(?i:{nouns}){_SP}\p{{Lu}}")


# "số" before a number names it ("văn bản số 108", "bão số 8 vừa qua", "số 12 đường Lê Lợi"),
# unlike "tổng số 230 CĐCS", "với số 20 người"
_SO_BEFORE = regex.compile(rf"(?<![\p{{L}}])(?<!(?i:tổng|trong|con|những|các|với|đủ|lượng){_SP})(?i:số){_SP}$")
_WORD_AFTER = regex.compile(rf"(?:/\d+\p{{L}}?)?(?:{_SP0},)?{_SP}\p{{L}}")
# a time or measure unit after the number makes it a count even after a head word:
# "trong vòng 1 tháng", "quay vòng 360 độ", "khu vực 25 lô"
_COUNT_AFTER = regex.compile(rf"{_SP}(?i:năm|tháng|ngày|tuần|giờ|phút|giây|độ|lô|hộ|người|km|ha|tấn|kg|lần)(?!\p{{L}})")
_DIGIT_AFTER = regex.compile(rf"{_SP}\d")
_SYLLABLE_BEFORE = regex.compile(rf"(?<![\p{{L}}])\p{{L}}+{_SP}$")
_SYLLABLE_AFTER = regex.compile(rf"{_SP}(\p{{L}}+)")


def inside_longer_word(text: str, start: int, end: int, words: Words | None, side: str) -> bool:
    """Whether ``text[start:end]`` is the end (``side="before"``) or the start (``"after"``) of a
    longer word: "tập" in "quy tập", "tuần" in "tuần tra". The segmenter's words decide when they
    are given; otherwise underthesea's word list does ("mặt đường" is listed, but printed as two
    words in "mặt đường 21", so the segmenter is the better judge)."""
    if words is not None:
        i = bisect_right(words, (start, float("inf"))) - 1
        if i < 0 or words[i][1] <= start:
            return False
        return words[i][0] < start if side == "before" else words[i][1] > end
    from .org_lexicon import dictionary     # underthesea's word list, loaded once
    if side == "before":
        prev = _SYLLABLE_BEFORE.search(_before(text, start, 12))
        return bool(prev) and f"{prev.group().strip()} {text[start:end]}".lower() in dictionary()
    nxt = _SYLLABLE_AFTER.match(text, end, end + 12)
    return bool(nxt) and f"{text[start:end]} {nxt.group(1)}".lower() in dictionary()


def _count_after(text: str, end: int, words: Words | None) -> bool:
    """A time or measure unit after the number, unless it opens a longer word ("Hải đội 2
    tuần tra") or a date ("Nghị định số 12 ngày 26/1/1995")."""
    unit = _COUNT_AFTER.match(text, end, end + 12)
    if not unit or _DIGIT_AFTER.match(text, unit.end(), unit.end() + 3):
        return False
    u_start = unit.start() + len(unit.group()) - len(unit.group().lstrip())
    return not inside_longer_word(text, u_start, unit.end(), words, "after")


def numbered(text: str, start: int, end: int) -> bool:
    """"số 287/80 đường Trần Quý Cáp", "công điện số 236 đề nghị", "18 phố Hàng Bông": a number
    named by "số", or a house number before an address noun and its name."""
    if _SO_BEFORE.search(_before(text, start)) and _WORD_AFTER.match(text, end, end + 12):
        return True
    return bool(_address_rx().match(text, end, end + 40))


_DIGITS_AT = regex.compile(r"[\d.,]*")


def name_head(text: str, start: int, end: int | None = None, words: Words | None = None) -> bool:
    """Whether the number at ``text[start:end]`` is part of a name, an identifier or an address
    ("lớp 12", "Tiểu đoàn 2", "Kế hoạch 100 ngày", "số 12 đường Lê Lợi"), by the words around it."""
    if end is None:
        end = _DIGITS_AT.match(text, start).end()
    before = _before(text, start)
    m = _name_head_rx().search(before)
    if m:
        head = m.group("program") or m.group("head")
        h_start = start - len(before) + m.start()
        if (" " in head or not inside_longer_word(text, h_start, h_start + len(head), words, "before")) \
                and (m.group("program") or not _count_after(text, end, words)):
            return True
    return end > start and numbered(text, start, end)


# ---------------------------------------------------------------- hedges (number_qualifiers.tsv)

@lru_cache(maxsize=1)
def qualifier_alternation() -> str:
    return alternation(row["qualifier"] for row in load_table("number_qualifiers"))


@lru_cache(maxsize=1)
def _qualifier_in_text() -> dict[str, bool]:
    return {row["qualifier"]: row["in_text"] == "yes" for row in load_table("number_qualifiers")}


@lru_cache(maxsize=1)
def qualifier_role() -> dict[str, str]:
    return {row["qualifier"]: row["role"] for row in load_table("number_qualifiers")}


@lru_cache(maxsize=1)
def _qualifier_rx():
    # the hedge right before the number; "cao hơn 5%" is a comparative, not a hedge
    return EndAnchored(rf"(?<![\p{{L}}\d])(?P<q>{qualifier_alternation()}){_SP}$", regex.I)


_COMPARATIVE = regex.compile(r"(?:cao|thấp|nhiều|ít|lớn|nhỏ|tốt|kém|sớm|muộn|dài|ngắn|nhanh|chậm"
                             r"|rẻ|đắt|mạnh|yếu)" + _SP + r"$", regex.I)


def qualifier(text: str, start: int, words: Words | None) -> tuple[str | None, int]:
    """The hedge printed before ``start`` and where the number's text begins with it: "hơn 8.600"
    (the hedge is printed as part of the number), "lên tới 40%" (the verb is not)."""
    before = text[max(0, start - 20):start]
    m = _qualifier_rx().search(before)
    if not m:
        return None, start
    q = m.group("q")
    if q.lower() == "hơn" and _COMPARATIVE.search(before[:m.start()]):
        return None, start
    q_low = q.lower()
    q_start = start - len(before) + m.start()
    if qualifier_role().get(q_low) == "vague" and inside_longer_word(text, q_start, q_start + len(q), words, "before"):
        return None, start      # "nợ ngân hàng 1 triệu đồng", "cửa hàng 5 tầng"
    in_text = _qualifier_in_text().get(q_low, False)
    return q_low, q_start if in_text else start
