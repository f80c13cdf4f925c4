"""Numbers that are names, never counts: codes ("57-NQ/TW", "PC04", "COVID-19", "IR 50404"),
phone numbers, clock times ("14:18", "9h30", "17 giờ"), numeric dates ("18/01/2021",
"2018-2023"), ordinals ("thứ nhất", "hạng Ba", "thứ Hai") and Roman numerals after their head
word ("lần thứ IX", "khóa X", "Đại hội XII"). They are read first, so that the count rules of
``numerals.py`` cannot read them again.

>>> [(n.text, n.kind) for n in read_names("Nghị quyết 57-NQ/TW, lúc 14:18")]
[('57-NQ/TW', 'code'), ('14:18', 'clock')]
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import lru_cache

import regex

from .number_words import SP as _SP, SP0 as _SP0, parse_roman
from .resources import alternation, load_table

@dataclass(frozen=True)
class NumberMatch:
    """One number expression: ``text[start:end]`` reads as ``value`` (``total`` for a ratio)."""
    start: int
    end: int
    text: str
    value: float
    total: float | None = None
    # cardinal decimal multiplier percent ratio range word ordinal roman
    # clock date year code phone measure score vague ("hàng trăm": an order of magnitude)
    kind: str = "cardinal"
    qualifier: str | None = None
    in_name: bool = False
    rule: str = "<n>"

    def to_dict(self) -> dict:
        return asdict(self)



class Claims:
    """Character ranges already read, so that a later, weaker rule cannot re-read them."""

    def __init__(self):
        self.ranges: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= s or e <= start for s, e in self.ranges)

    def take(self, start: int, end: int) -> None:
        self.ranges.append((start, end))


def before(text: str, start: int, width: int = 40) -> str:
    return text[max(0, start - width):start]


# ---------------------------------------------------------------- rules: names, codes, clock, dates

_CODE_RULES = [
    # document numbers: "57-NQ/TW", "68/NQ-CP", "45/2021/NĐ-CP", "123/QĐ-UBND"
    ("<n>-<ABBR>/<ABBR>", r"(?<![\p{L}\d/.,])\d+(?:/\d{2,4})?[-/]\p{Lu}[\p{Lu}\d]*(?:[-/]\p{Lu}[\p{Lu}\d]*)*(?![\p{L}\d])"),
    ("GMT+<n>", r"(?<![\p{L}\d])(?:GMT|UTC)[+-]\d{1,2}(?![\d])"),
    # "COVID-19", "Covid-19", "SARS-CoV-2"
    ("<ABBR>-<n>", r"(?<![\p{L}\d])\p{Lu}\p{L}*(?:-\p{L}+)*-\d+(?![\d])"),
    # "PC04", "ST25", "A00", "F0", "H5N1", with the numbers after them: "K1-51", "A2-05", "B3/12"
    ("<ABBR><n>", r"(?<![\p{L}\d])\p{Lu}+\d[\p{Lu}\d]*(?:[-/]\d+[\p{Lu}\d]*)*(?![\p{L}\d])"),
    # "Quốc lộ 1A", "5G", number plates "51A-123.45"
    ("<n><A>", r"(?<![\p{L}\d.,])\d+\p{Lu}(?:-\d+(?:\.\d+)?)?(?![\p{L}\d])"),
    # three numbers joined by dashes are no range: "28768-70-72" (a date "8-11-2005" is read first)
    ("<n>-<n>-<n>", r"(?<![\p{L}\d.,/-])\d+(?:,\d+)?(?:-\d+(?:,\d+)?){2,}(?![\p{L}\d/])"),
    # seed varieties and models: "IR 50404", "OM 5451" (a year "THPT 2022" is not a code)
    ("<ABBR> <n>", r"(?<![\p{L}\d])(?!USD|VND|VNĐ|GDP|GRDP|EUR|CPI|FDI|ODA)\p{Lu}{2,4}[^\S\n](?!(?:19|20)\d\d(?!\d))\d{3,}(?!\d|[.,]\d)"),
]
_PHONE = regex.compile(
    r"(?<![\d.,/])(?:\(0\d{2,3}\)|0\d{2,3}|\+84[\s.]?\d{2,3})[\s.-]?\d{3,4}[\s.-]?\d{3,4}(?![\d])"
    r"|(?<![\d.,/])1[89]00[\s.]?\d{4}(?![\d])")
_CLOCK_RULES = [
    ("<hh>:<mm>", r"(?<![\d.,/:])(?P<h>[01]?\d|2[0-4]):(?P<m>[0-5]\d)(?::[0-5]\d)?(?![\d:])"),
    ("<h>h<mm>", r"(?<![\p{L}\d.,])(?P<h>[01]?\d|2[0-4])(?P<g>[hg])(?P<m>[0-5]\d)?(?:'|p)?(?![\p{L}\d])"),
    ("<h> giờ <m>", r"(?<![\d.,])(?P<h>\d{1,2})[^\S\n]+(?P<g>giờ)(?:[^\S\n]+(?P<m>[0-5]?\d)(?:[^\S\n]+phút)?)?(?![\p{L}\d])"),
]
_NUMERIC_DATE_RULES = [
    # two days of one month: "25-26/8", "8-9/12/2022" (not the scores "8-9/10 điểm")
    ("<d>-<d>/<m>", r"(?<![\d.,/-])(?P<d0>\d{1,2})[-–](?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{4}))?(?![\d/])"
                    r"(?![^\S\n]*(?:%|điểm))"),
    ("<d>/<m>/<y>", r"(?<![\d.,/])(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\d/])"),
    ("<y>-<y>", r"(?<![\d.,/])(?P<y>(?:19|20)\d\d)[^\S\n]?[-–][^\S\n]?(?P<y2>(?:19|20)\d\d)(?![\d/])"),
    ("<m>/<y>", r"(?<![\d.,/])(?P<m>\d{1,2})[/-](?P<y>(?:19|20)\d\d)(?![\d/])"),
    # "\K" keeps "quý" out of the match: a lookbehind there was tried at every character
    ("quý <q>/<y>", r"(?i:quý)[^\S\n]+\K(?P<q>IV|III|II|I|[1-4])(?:[/-](?P<y>\d{4}))?(?![\p{L}\d])"),
]


def _compile(rules):
    return [(name, regex.compile(rx)) for name, rx in rules]


_CODES = _compile(_CODE_RULES)
_CLOCKS = _compile(_CLOCK_RULES)
_NUMERIC_DATES = _compile(_NUMERIC_DATE_RULES)

# "N giờ" is a time of day ("Gần 18 giờ,", "Đến 8 giờ,", "lúc 17 giờ") unless a cue makes it a
# duration: a verb of lasting before it ("trong 3 giờ", "mất 2 giờ", "kéo dài 4 giờ", "trong hơn
# 2 giờ") or a word after it ("3 giờ đồng hồ", "24 giờ qua", "1 giờ nữa").
@lru_cache(maxsize=1)
def _hour_cues() -> dict:
    hedge = alternation(r["qualifier"] for r in load_table("number_qualifiers") if r["role"] == "approx")
    maybe = rf"(?:{_SP}(?i:{hedge}))?"
    return {
        "duration": regex.compile(rf"(?<![\p{{L}}])(?i:trong|suốt|mất|kéo dài|vòng|chờ|đợi|dành|hết){maybe}{_SP}$"),
        # "sau 2 giờ thẩm vấn" is a duration, "sau 17 giờ" a time of day
        "after": regex.compile(rf"(?<![\p{{L}}])(?i:sau){maybe}{_SP}$"),
        # a hedge before a small number of hours mostly measures a duration ("nấu khoảng 1 giờ",
        # "hơn 2 giờ"); before a larger one it gives the time ("Gần 7 giờ", "Khoảng 22 giờ")
        "hedge": regex.compile(rf"(?<![\p{{L}}])(?i:{hedge}){_SP}$"),
        "clock": regex.compile(rf"(?<![\p{{L}}])(?i:lúc|vào lúc){_SP}(?:(?i:{hedge}){_SP})?$"),
    }


_DURATION_CUE_AFTER = regex.compile(rf"^(?:{_SP}(?:đồng hồ|liền|liên tục|qua|mỗi|nữa|sau(?!{_SP}khi)|một lần|trở lên)"
                                    rf"(?!\p{{L}})|{_SP0}/)", regex.I)
_SMALL_HOURS = 4
_CLOCK_CUE_AFTER = regex.compile(rf"^{_SP}(?:\d{{1,2}}(?:{_SP}phút)?|sáng|chiều|tối|trưa|đêm|khuya|ngày|hôm|cùng"
                                 rf"|địa phương|[-–]|đến|tới)(?!\p{{L}})", regex.I)

_ORDINAL_WORDS = {"nhất": 1, "nhì": 2, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6,
                  "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
_ORDINAL_WORD = regex.compile(
    r"(?<![\p{L}])(?P<head>(?i:thứ|hạng|giải))[^\S\n]+(?P<w>(?i:nhất|nhì|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười))"
    r"(?![\p{L}\d])")
WEEKDAY_NEXT = regex.compile(rf"^(?:{_SP0}[,(]|{_SP}(?:tuần|ngày|\d))", regex.I)
RANK_BEFORE = regex.compile(rf"(?<![\p{{L}}])(?i:đứng|xếp|xếp hạng|vị trí|thứ hạng|về){_SP}$")
# the head word is looked behind the numeral: the capitals are rare, the head words are not
_ROMAN_HEADED = regex.compile(
    r"(?<=(?<![\p{L}])(?i:lần thứ|khóa|khoá|đại hội|kỳ họp thứ|kỳ họp|hội nghị lần thứ|quý|hạng|giai đoạn"
    r"|thế kỷ|thế kỉ|phần|chương|vòng|nhóm|loại|cấp|đợt|kỳ|bậc|khu vực|vùng|mục|phụ lục|tập)[^\S\n]+)"
    r"(?P<r>[IVXLCDM]+)(?![\p{L}\d])")
_ROMAN_BARE = regex.compile(r"(?<=\p{Lu}\p{L}*[^\S\n]+)(?P<r>[IVX]{2,})(?![\p{L}\d])")


_NOT_DIGIT = regex.compile(r"\D")


def fixed_rules(text: str, claims: Claims) -> list[NumberMatch]:
    """Codes, phone numbers, clock times and numeric dates: read first, never statistics."""
    out = []

    def add(s, e, value, kind, rule, total=None):
        if claims.free(s, e):
            claims.take(s, e)
            out.append(NumberMatch(s, e, text[s:e], value, total, kind, None, True, rule))

    for m in _PHONE.finditer(text):
        if sum(ch.isdigit() for ch in m.group()) >= 9 or m.group().startswith("1"):
            add(m.start(), m.end(), float(_NOT_DIGIT.sub("", m.group())), "phone", "<phone>")
    for name, rx in _NUMERIC_DATES:
        for m in rx.finditer(text):
            g = m.groupdict()
            if g.get("m") and not 1 <= int(g["m"]) <= 12 or g.get("d") and not 1 <= int(g["d"]) <= 31:
                continue
            if g.get("y2") and int(g["y2"]) < int(g["y"]) or g.get("d0") and int(g["d0"]) >= int(g["d"]):
                continue
            value = float(g["y"]) if g.get("y") else float(g["m"]) if g.get("m") else float(parse_roman(g["q"]) or g["q"])
            add(m.start(), m.end(), value, "date", name)
    for name, rx in _CODES:
        for m in rx.finditer(text):
            digits = _NOT_DIGIT.sub("", m.group())
            add(m.start(), m.end(), float(digits) if digits else 0.0, "code", name)
    for name, rx in _CLOCKS:
        for m in rx.finditer(text):
            h, mm, end = int(m.group("h")), int(m.group("m") or 0), m.end()
            if m.group("m") and "g" in m.groupdict() and not claims.free(m.start(), end):   # "lúc 15 giờ 8-11-2005"
                mm, end = 0, m.end("g")
            if name == "<h> giờ <m>" and not is_clock(text, m.start(), end, h, bool(mm)):
                continue
            if h > 24:
                continue
            add(m.start(), end, h + mm / 60, "clock", name)
    return out


def is_clock(text: str, start: int, end: int, hour: float, minutes: bool = False) -> bool:
    """Whether "N giờ" at ``text[start:end]`` is a time of day: "Gần 18 giờ,", "lúc 17 giờ",
    "Hai giờ chiều" are; "trong 24 giờ", "mất 2 giờ", "3 giờ đồng hồ", "hơn 2 giờ" are durations."""
    if hour > 24 or hour != int(hour):
        return False
    left, cue = before(text, start, 24), _hour_cues()
    if cue["duration"].search(left):
        return False
    if minutes or _CLOCK_CUE_AFTER.match(text[end:end + 16]) or cue["clock"].search(left):
        return True
    if _DURATION_CUE_AFTER.match(text[end:end + 16]) or cue["after"].search(left) and hour <= 12:
        return False
    return not (cue["hedge"].search(left) and hour <= _SMALL_HOURS and not text[end:end + 1] == ",")


def ordinal_and_roman(text: str, claims: Claims) -> list[NumberMatch]:
    out = []
    for m in _ORDINAL_WORD.finditer(text):
        head, word = m.group("head"), m.group("w")
        if not claims.free(m.start(), m.end()):
            continue
        after = text[m.end():m.end() + 12]
        # "thứ Năm tuần trước", "thứ năm, ngày 5/6"; but "đứng thứ hai, sau ..." is a rank
        weekday = head.lower() == "thứ" and word.lower() != "nhất" and bool(WEEKDAY_NEXT.match(after)) \
            and (word[0].isupper() or not RANK_BEFORE.search(before(text, m.start())))
        if head.lower() == "thứ" and word.lower() in ("năm", "mười") and not weekday:
            continue   # "thứ năm" as a rank is rare; "thứ mười" too
        rank = head.lower() == "thứ" and not weekday and bool(RANK_BEFORE.search(before(text, m.start())))
        claims.take(m.start(), m.end())
        rule = "thứ <weekday>" if weekday else f"{head.lower()} <ordinal>"
        out.append(NumberMatch(m.start(), m.end(), m.group(), float(_ORDINAL_WORDS[word.lower()]), None,
                               "ordinal", None, not rank, rule))
    for rx, rule in ((_ROMAN_HEADED, "<head> <roman>"), (_ROMAN_BARE, "<Name> <roman>")):
        for m in rx.finditer(text):
            value = parse_roman(m.group("r"))
            s, e = m.start("r"), m.end("r")
            if value is None or not claims.free(s, e):
                continue
            claims.take(s, e)
            out.append(NumberMatch(s, e, m.group("r"), float(value), None, "roman", None, True, rule))
    return out



def read_names(text: str, claims: Claims | None = None) -> list[NumberMatch]:
    """Codes, phones, clock times, numeric dates, ordinals and Roman numerals in ``text``."""
    claims = claims if claims is not None else Claims()
    return fixed_rules(text, claims) + ordinal_and_roman(text, claims)
