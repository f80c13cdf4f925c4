"""Numerals: every number expression Vietnamese news prints, with its value.

"." groups thousands and "," is the decimal mark ("3.072" = 3072, "98,92" = 98.92);
ngàn/nghìn/triệu/tỷ multiply ("2,5 triệu" = 2 500 000); small numbers are spelled out
("hai mươi mốt" = 21, "một triệu rưỡi" = 1 500 000). Numbers that belong to a name, a code,
an address, a clock time or a date are found too, but flagged ``in_name`` so that the
statistics stage never counts them ("Đại hội XII", "57-NQ/TW", "lớp 12", "14:18").

>>> [(m.text, m.value, m.kind, m.qualifier) for m in match_numerals("gần 1,9 tỷ đồng")]
[('gần 1,9 tỷ', 1900000000.0, 'multiplier', 'gần')]
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import lru_cache

import regex

from .resources import alternation, load_table
from .spans import in_boilerplate, make_span


@dataclass(frozen=True)
class NumberMatch:
    """One number expression: ``text[start:end]`` reads as ``value`` (``total`` for a ratio)."""
    start: int
    end: int
    text: str
    value: float
    total: float | None = None
    # cardinal decimal multiplier percent ratio range word ordinal roman
    # clock date year code phone measure
    kind: str = "cardinal"
    qualifier: str | None = None
    in_name: bool = False
    rule: str = "<n>"

    def to_dict(self) -> dict:
        return asdict(self)


# ---------------------------------------------------------------- number words

@lru_cache(maxsize=1)
def _words() -> dict[str, dict]:
    return {row["word"]: row for row in load_table("number_words")}


_SCALES = {"nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9}
_UNITS = {"không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5,
          "lăm": 5, "nhăm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9}
# after "mươi"/"mười" a unit digit may take its euphonic form; "năm" there is the noun
# "year" ("hai mươi năm" = twenty years), the number being "hai mươi lăm"
_AFTER_TENS = {u: v for u, v in _UNITS.items() if u not in ("không", "năm")}
_COLLOQUIAL_TAIL = {"mốt": 1, "tư": 4, "lăm": 5, "nhăm": 5}   # "hai lăm" = 25


def _below_hundred(ws: list[str]) -> float | None:
    if not ws:
        return 0
    if ws[0] == "mười":
        if len(ws) == 1:
            return 10
        if len(ws) == 2 and ws[1] in _AFTER_TENS and ws[1] not in ("mốt",):
            return 10 + _AFTER_TENS[ws[1]]
        return None
    if ws[0] not in _UNITS or ws[0] in _COLLOQUIAL_TAIL:
        return None
    d = _UNITS[ws[0]]
    if len(ws) == 1:
        return d
    if ws[1] in ("mươi", "chục") and d >= 2 or ws[1] == "chục":
        if len(ws) == 2:
            return d * 10
        if len(ws) == 3 and ws[1] == "mươi" and ws[2] in _AFTER_TENS:
            return d * 10 + _AFTER_TENS[ws[2]]
        return None
    if len(ws) == 2 and ws[1] in _COLLOQUIAL_TAIL and d >= 2:
        return d * 10 + _COLLOQUIAL_TAIL[ws[1]]
    return None


def _below_thousand(ws: list[str]) -> float | None:
    if "trăm" not in ws:
        return _below_hundred(ws)
    i = ws.index("trăm")
    left, right = ws[:i], ws[i + 1:]
    if len(left) != 1 or left[0] not in _UNITS or left[0] in _COLLOQUIAL_TAIL:
        return None
    hundreds = _UNITS[left[0]] * 100
    if not right:
        return hundreds
    if right == ["rưỡi"]:
        return hundreds + 50
    if right[0] in ("linh", "lẻ", "không"):
        if len(right) == 2 and right[1] in _UNITS and right[1] not in _COLLOQUIAL_TAIL:
            return hundreds + _UNITS[right[1]]
        return None
    if len(right) == 1 and right[0] in _UNITS and right[0] not in ("không",):
        return hundreds + _UNITS[right[0]] * 10        # "một trăm hai" = 120
    rest = _below_hundred(right)
    return None if rest is None or rest < 10 else hundreds + rest


def parse_number_words(words: list[str] | str) -> float | None:
    """Value of a spelled-out number, or None: ``"hai mươi mốt"`` -> 21,
    ``"một triệu rưỡi"`` -> 1 500 000, ``"ba nghìn tỷ"`` -> 3e12."""
    ws = words.lower().split() if isinstance(words, str) else [w.lower() for w in words]
    if not ws:
        return None
    if ws == ["nửa"]:
        return 0.5
    scales = [(i, _SCALES[w]) for i, w in enumerate(ws) if w in _SCALES]
    if not scales:
        return _below_thousand(ws)
    top = max(s for _, s in scales)
    i = next(i for i, s in scales if s == top)       # split at the largest scale word
    left, right = ws[:i], ws[i + 1:]
    # "nghìn tỷ": a scale word right after the top one multiplies the whole ("ba nghìn tỷ")
    lv = parse_number_words(left) if left else 1
    if lv is None:
        return None
    if not right:
        return lv * top
    if right == ["rưỡi"]:
        return lv * top + top / 2
    if len(right) == 1 and right[0] in _UNITS and right[0] not in ("không",) and top >= 1e3:
        return lv * top + _UNITS[right[0]] * top / 10   # "một triệu hai" = 1 200 000
    rv = parse_number_words(right)
    if rv is None or rv >= top:
        return None
    return lv * top + rv


_ROMAN = regex.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def parse_roman(text: str) -> int | None:
    """Value of a well-formed Roman numeral: ``"XII"`` -> 12, ``"IX"`` -> 9; else None."""
    text = text.strip()
    if not text or not _ROMAN.fullmatch(text):
        return None
    total = 0
    for a, b in zip(text, text[1:] + " "):
        v = _ROMAN_VALUES[a]
        total += -v if b != " " and _ROMAN_VALUES[b] > v else v
    return total


# ---------------------------------------------------------------- digits

_DIGITS = (r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?"     # 12.345.000 / 1.234,5
           r"|\d{1,3}(?:,\d{3}){2,}"              # 12,345,000 (English grouping)
           r"|\d+(?:,\d+)?)")                      # 98,92 / 02 / 2022


def _digits_value(text: str) -> float | None:
    text = text.strip()
    if regex.fullmatch(r"\d{1,3}(?:,\d{3}){2,}", text):
        return float(text.replace(",", ""))
    if regex.fullmatch(r"\d+\.\d{1,2}", text):          # an English decimal point "6.8"
        return float(text)
    if not regex.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?", text):
        return None
    return float(text.replace(".", "").replace(",", "."))


_SP = r"[^\S\n]+"
_SP0 = r"[^\S\n]*"
_SCALE_WORD = (r"(?:nghìn|ngàn|triệu(?!{sp}chứng)|tỷ(?!{sp}lệ|{sp}số)|tỉ(?!{sp}lệ|{sp}số)|trăm|chục)"
               r"(?!\p{{L}})").format(sp=_SP)
_SCALES_RX = rf"{_SCALE_WORD}(?:{_SP}{_SCALE_WORD})*"
# a digit number, optionally multiplied: "2,5 triệu", "1 tỷ 200 triệu", "2 triệu rưỡi"
_NUMX = (rf"{_DIGITS}(?:{_SP}{_SCALES_RX}(?:{_SP}{_DIGITS}{_SP}{_SCALES_RX})*"
         rf"(?:{_SP}rưỡi)?)?")


def _numx_value(text: str) -> tuple[float, bool] | None:
    """Value of a ``_NUMX`` string and whether a scale word multiplied it."""
    parts = text.split()
    total, current, scaled, half_of = 0.0, None, False, None
    for part in parts:
        low = part.lower()
        if low in _SCALES or low in ("trăm", "chục"):
            factor = _SCALES.get(low) or (100 if low == "trăm" else 10)
            scaled = True
            if current is None:           # "nghìn tỷ": scale the whole so far
                total *= factor
            else:
                total += current * factor
                current = None
            half_of = factor
        elif low == "rưỡi":
            total += (half_of or 1) / 2
        else:
            v = _digits_value(part)
            if v is None:
                return None
            if current is not None:
                return None
            current = v
    if current is not None:
        total += current
    return total, scaled


def parse_number(text: str) -> float | None:
    """Value of one number expression, or None.

    ``"3.072"`` -> 3072, ``"98,92"`` -> 98.92, ``"75 ngàn"`` -> 75000, ``"2,5 triệu"`` ->
    2 500 000, ``"hai mươi mốt"`` -> 21, ``"hơn 15%"`` -> 15; a ratio gives its numerator.
    """
    if not text:
        return None
    text = regex.sub(r"\s+", " ", text.strip()).rstrip(" .,;:")
    text = regex.sub(r"^(?:" + _qualifier_alternation() + r")\s+", "", text, flags=regex.I)
    text = regex.sub(r"\s*(?:%|phần trăm)$", "", text)
    if regex.fullmatch(_NUMX, text):
        got = _numx_value(text)
        return got[0] if got else None
    m = regex.fullmatch(rf"({_DIGITS})/({_DIGITS})", text)
    if m:
        return _digits_value(m.group(1))
    if regex.fullmatch(r"\d+\.\d{1,2}", text):
        return float(text)
    value = parse_number_words(text)
    if value is None:   # "3.072 thí sinh": the number the text opens with
        first = next((n for n in match_numerals(text) if n.start == 0), None)
        value = first.value if first else None
    return None if value is None else float(value)


# ---------------------------------------------------------------- context lexicons

@lru_cache(maxsize=1)
def _qualifier_alternation() -> str:
    return alternation(row["qualifier"] for row in load_table("number_qualifiers"))


@lru_cache(maxsize=1)
def _qualifier_in_text() -> dict[str, bool]:
    return {row["qualifier"]: row["in_text"] == "yes" for row in load_table("number_qualifiers")}


@lru_cache(maxsize=1)
def _qualifier_rx():
    # the hedge right before the number; "cao hơn 5%" is a comparative, not a hedge
    return regex.compile(rf"(?<![\p{{L}}\d])(?P<q>{_qualifier_alternation()}){_SP}$", regex.I)


_COMPARATIVE = regex.compile(r"(?:cao|thấp|nhiều|ít|lớn|nhỏ|tốt|kém|sớm|muộn|dài|ngắn|nhanh|chậm"
                             r"|rẻ|đắt|mạnh|yếu|hơn|bằng|giảm|tăng)" + _SP + r"$", regex.I)


@lru_cache(maxsize=1)
def _name_head_rx():
    rows = load_table("number_name_heads")
    anycase = alternation(r["head"] for r in rows if r["case"] == "any")
    upper = alternation(r["head"] for r in rows if r["case"] == "upper")
    return regex.compile(rf"(?<![\p{{L}}\d])(?:(?i:{anycase})|{upper}){_SP}$")


# a calendar keyword right before a number makes it part of a date ("năm 2020", "tháng 3")
_CALENDAR_BEFORE = regex.compile(
    rf"(?<![\p{{L}}])(?i:ngày|tháng|năm|quý|mùng|mồng|nhiệm kỳ|giai đoạn|niên khóa|niên khoá"
    rf"|niên vụ|sn|sinh năm|đông xuân|hè thu|thu đông){_SP}$")
_DATE_CUE_BEFORE = regex.compile(
    rf"(?<![\p{{L}}])(?i:ngày|sáng|chiều|tối|trưa|đêm|hôm nay|hôm qua|mùng|mồng|rạng sáng"
    rf"|khuya|từ|đến|và){_SP0}[(]?$")
# attached metric units in a sports context are event names: "200m bướm", "hạng cân 57kg"
_SPORT_BEFORE = regex.compile(rf"(?i:nội dung|cự ly|cự li|hạng cân|hạng|môn|ở|và){_SP}$")
_SPORT_AFTER = regex.compile(rf"^{_SP}(?i:nam|nữ|tự do|ếch|bướm|ngửa|hỗn hợp|vượt rào|tiếp sức|"
                             rf"và{_SP}\d+(?:m|kg))(?!\p{{L}})")
_CLOCK_CUE_BEFORE = regex.compile(
    rf"(?<![\p{{L}}])(?i:lúc|vào|từ|đến|tới|sáng|chiều|tối|trưa|đêm|khuya|khoảng|gần|trước|sau){_SP}$")
_DURATION_CUE_BEFORE = regex.compile(rf"(?<![\p{{L}}])(?i:trong|suốt|mất|hơn|gần|sau|kéo dài|vòng){_SP}$")
_CLOCK_CUE_AFTER = regex.compile(rf"^{_SP}(?:\d{{1,2}}(?:{_SP}phút)?|sáng|chiều|tối|trưa|đêm|ngày|hôm|cùng"
                                 rf"|[-–]|đến|tới)(?!\p{{L}})", regex.I)
_SENTENCE_START = regex.compile(r"(?:^|[.!?:;\n\"“(]|[-–]\s)\s*$")


# ---------------------------------------------------------------- rules: names, codes, clock, dates

_CODE_RULES = [
    # document numbers: "57-NQ/TW", "68/NQ-CP", "45/2021/NĐ-CP", "123/QĐ-UBND"
    ("<n>-<ABBR>/<ABBR>", r"(?<![\p{L}\d/.,])\d+(?:/\d{2,4})?[-/]\p{Lu}[\p{Lu}\d]*(?:[-/]\p{Lu}[\p{Lu}\d]*)*(?![\p{L}\d])"),
    ("GMT+<n>", r"(?<![\p{L}\d])(?:GMT|UTC)[+-]\d{1,2}(?![\d])"),
    # "COVID-19", "Covid-19", "SARS-CoV-2"
    ("<ABBR>-<n>", r"(?<![\p{L}\d])\p{Lu}\p{L}*(?:-\p{L}+)*-\d+(?![\d])"),
    # "PC04", "ST25", "A00", "F0", "H5N1"
    ("<ABBR><n>", r"(?<![\p{L}\d])\p{Lu}+\d[\p{Lu}\d]*(?![\p{L}\d])"),
    # "Quốc lộ 1A", "5G"
    ("<n><A>", r"(?<![\p{L}\d.,])\d+\p{Lu}(?![\p{L}\d])"),
    # seed varieties and models: "IR 50404", "OM 5451" (a year "THPT 2022" is not a code)
    ("<ABBR> <n>", r"(?<![\p{L}\d])(?!USD|VND|VNĐ|GDP|GRDP|EUR|CPI|FDI|ODA)\p{Lu}{2,4}[^\S\n](?!(?:19|20)\d\d(?!\d))\d{3,}(?!\d|[.,]\d)"),
]
_PHONE = regex.compile(
    r"(?<![\d.,/])(?:\(0\d{2,3}\)|0\d{2,3}|\+84[\s.]?\d{2,3})[\s.-]?\d{3,4}[\s.-]?\d{3,4}(?![\d])"
    r"|(?<![\d.,/])1[89]00[\s.]?\d{4}(?![\d])")
_CLOCK_RULES = [
    ("<hh>:<mm>", r"(?<![\d.,/:])(?P<h>[01]?\d|2[0-4]):(?P<m>[0-5]\d)(?::[0-5]\d)?(?![\d:])"),
    ("<h>h<mm>", r"(?<![\p{L}\d.,])(?P<h>[01]?\d|2[0-4])[hg](?P<m>[0-5]\d)?(?:'|p)?(?![\p{L}\d])"),
    ("<h> giờ <m>", r"(?<![\d.,])(?P<h>\d{1,2})[^\S\n]+giờ(?:[^\S\n]+(?P<m>[0-5]?\d)(?:[^\S\n]+phút)?)?(?![\p{L}\d])"),
]
_NUMERIC_DATE_RULES = [
    ("<d>/<m>/<y>", r"(?<![\d.,/])(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\d/])"),
    ("<y>-<y>", r"(?<![\d.,/])(?P<y>(?:19|20)\d\d)[^\S\n]?[-–][^\S\n]?(?P<y2>(?:19|20)\d\d)(?![\d/])"),
    ("<m>/<y>", r"(?<![\d.,/])(?P<m>\d{1,2})[/-](?P<y>(?:19|20)\d\d)(?![\d/])"),
    ("quý <q>/<y>", r"(?<=(?i:quý)[^\S\n]+)(?P<q>IV|III|II|I|[1-4])(?:[/-](?P<y>\d{4}))?(?![\p{L}\d])"),
]


def _compile(rules):
    return [(name, regex.compile(rx)) for name, rx in rules]


_CODES = _compile(_CODE_RULES)
_CLOCKS = _compile(_CLOCK_RULES)
_NUMERIC_DATES = _compile(_NUMERIC_DATE_RULES)

_ORDINAL_WORDS = {"nhất": 1, "nhì": 2, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6,
                  "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
_ORDINAL_WORD = regex.compile(
    r"(?<![\p{L}])(?P<head>(?i:thứ|hạng|giải))[^\S\n]+(?P<w>(?i:nhất|nhì|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười))"
    r"(?![\p{L}\d])")
_WEEKDAY_NEXT = regex.compile(rf"^(?:{_SP0}[,(]|{_SP}(?:tuần|ngày|\d)|{_SP0}$)", regex.I)
_RANK_BEFORE = regex.compile(rf"(?<![\p{{L}}])(?i:đứng|xếp|xếp hạng|vị trí|thứ hạng|về){_SP}$")
_ROMAN_HEADED = regex.compile(
    r"(?<![\p{L}])(?P<head>(?i:lần thứ|khóa|khoá|đại hội|kỳ họp thứ|kỳ họp|hội nghị lần thứ|quý|hạng|giai đoạn"
    r"|thế kỷ|thế kỉ|phần|chương|vòng|nhóm|loại|cấp|đợt|kỳ|bậc|khu vực|vùng|mục|phụ lục|tập))[^\S\n]+"
    r"(?P<r>[IVXLCDM]+)(?![\p{L}\d])")
_ROMAN_BARE = regex.compile(r"(?<=\p{Lu}\p{L}*[^\S\n]+)(?P<r>[IVX]{2,})(?![\p{L}\d])")


# ---------------------------------------------------------------- rules: digit expressions

_DIGITS_X = _DIGITS[:-1] + r"|\d+\.\d{1,2}(?![\d]))"
_NUMX_X = _NUMX.replace(_DIGITS, _DIGITS_X)
_END = r"(?![\d]|[.,]\d)"
_NUM_EXPR = regex.compile(rf"""
    (?<![\p{{L}}\d.,/:])
    (?P<a>{_NUMX_X}){_END}
    (?:
        /(?P<b>{_DIGITS}){_END}(?![/])
      | {_SP0}[-–]{_SP0}(?P<c>{_NUMX_X}){_END}(?![/])
      | {_SP}(?P<to>đến|tới){_SP}(?P<d>{_NUMX_X}){_END}(?![/])
    )?
    (?P<pct>{_SP0}%|{_SP}phần{_SP}trăm(?!\p{{L}}))?
""", regex.X)
_ATTACHED_UNIT = regex.compile(r"^(?:m|km|kg)(?![\p{L}\d])")
_WORD_NUMBER = regex.compile(
    r"(?<![\p{L}\d/])(?:" + "|".join(sorted(_UNITS | {"mười": 0, "mươi": 0, "chục": 0, "trăm": 0, "linh": 0,
                                                     "lẻ": 0, "rưỡi": 0, "nửa": 0} | _SCALES, key=len, reverse=True))
    + r")(?:[^\S\n]+(?:" + "|".join(sorted(_UNITS | {"mười": 0, "mươi": 0, "chục": 0, "trăm": 0, "linh": 0,
                                                     "lẻ": 0, "rưỡi": 0} | _SCALES, key=len, reverse=True))
    + r"))*(?![\p{L}\d])", regex.I)

# "một" in fixed phrases is an article, not a count ("một số", "một cách", "một trong")
_MOT_NOT_NUMBER = regex.compile(
    rf"^{_SP}(?:số|cách|trong|phần|chút|mình|vài|nửa|khi|lúc|loạt|thời|nào|ai|gì|sự|như|hồi|dạo|chiều|mực"
    rf"|lòng|mai|mặt|lần nữa|khác|tí|ít|vừa|đằng|bên|khi|hệ thống|cuộc|mạch|thể|nhà)(?!\p{{L}})", regex.I)
# "năm" is "year" when a calendar word or a number touches it
_NAM_NEXT_NOT = regex.compile(
    rf"^{_SP}(?:nay|qua|ngoái|trước|sau|tới|học|đó|này|ấy|kia|mới|sinh|tài|thứ|nào|rồi|liền|liên|trở|gần"
    rf"|đầu|cuối|nữa|kế|hoạch|được|là|có|đã|sẽ|vừa|tháng|ngày|rưỡi|hoạt|các|\d)(?!\p{{L}})", regex.I)
_NAM_PREV_NOT = regex.compile(
    rf"(?<![\p{{L}}])(?:mỗi|hằng|hàng|các|cả|trong|cuối|đầu|giữa|nửa|của|những|nhiều|mấy|vài|bao nhiêu|suốt"
    rf"|sau|trước|qua|tháng|ngày|tuổi|mươi|trăm|nghìn|ngàn|một|hai|ba|bốn|sáu|bảy|tám|chín|mười|\d+){_SP}$",
    regex.I)
_NUA_NEXT = regex.compile(rf"^{_SP}(?:năm|tháng|ngày|tuần|giờ|tiếng|phút|thế kỷ)(?!\p{{L}})", regex.I)


# ---------------------------------------------------------------- matching

class _Claims:
    """Character ranges already read, so that a later, weaker rule cannot re-read them."""

    def __init__(self):
        self.ranges: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= s or e <= start for s, e in self.ranges)

    def take(self, start: int, end: int) -> None:
        self.ranges.append((start, end))


def _qualifier(text: str, start: int) -> tuple[str | None, int]:
    """The hedge printed before ``start`` and where the number's text begins with it."""
    before = text[max(0, start - 20):start]
    m = _qualifier_rx().search(before)
    if not m:
        return None, start
    q = m.group("q")
    if _COMPARATIVE.search(before[:m.start()]):
        return None, start
    q_low = q.lower()
    in_text = _qualifier_in_text().get(q_low, False)
    return q_low, (start - len(before) + m.start()) if in_text else start


def _before(text: str, start: int, width: int = 40) -> str:
    return text[max(0, start - width):start]


# "số 12 đường ...", "số 45/3 Trần Hưng Đạo": a house number, unlike "tổng số 230 CĐCS"
_HOUSE_NUMBER_AFTER = regex.compile(rf"^(?:/\d+\p{{L}}?)?(?:{_SP0},)?{_SP}(?:đường|phố|hẻm|ngõ|ấp|khóm|tổ|khu phố"
                                    rf"|phường|quận|\p{{Lu}})", regex.I)


def _name_head(text: str, start: int, end: int | None = None) -> bool:
    before = _before(text, start)
    if _name_head_rx().search(before):
        return True
    return end is not None and bool(regex.search(rf"(?<![\p{{L}}])(?<!(?i:tổng|trong|con|những|các|với|đủ|lượng)"
                                                 rf"{_SP})(?i:số){_SP}$", before)) \
        and bool(_HOUSE_NUMBER_AFTER.match(text[end:end + 20]))


def _sentence_start(text: str, start: int) -> bool:
    return bool(_SENTENCE_START.search(_before(text, start, 3)))


def _capitalised_word_before(text: str, start: int) -> bool:
    m = regex.search(rf"(?<![\p{{L}}])(\p{{Lu}}[\p{{L}}]*){_SP}$", _before(text, start))
    return bool(m) and not _sentence_start(text, start - len(m.group(0)))


def _fixed_rules(text: str, claims: _Claims) -> list[NumberMatch]:
    """Codes, phone numbers, clock times and numeric dates: read first, never statistics."""
    out = []

    def add(s, e, value, kind, rule, total=None):
        if claims.free(s, e):
            claims.take(s, e)
            out.append(NumberMatch(s, e, text[s:e], value, total, kind, None, True, rule))

    for m in _PHONE.finditer(text):
        if sum(ch.isdigit() for ch in m.group()) >= 9 or m.group().startswith("1"):
            add(m.start(), m.end(), float(regex.sub(r"\D", "", m.group())), "phone", "<phone>")
    for name, rx in _NUMERIC_DATES:
        for m in rx.finditer(text):
            g = m.groupdict()
            if g.get("m") and not 1 <= int(g["m"]) <= 12 or g.get("d") and not 1 <= int(g["d"]) <= 31:
                continue
            if g.get("y2") and int(g["y2"]) < int(g["y"]):
                continue
            value = float(g["y"]) if g.get("y") else float(parse_roman(g["q"]) or g["q"])
            add(m.start(), m.end(), value, "date", name)
    for name, rx in _CODES:
        for m in rx.finditer(text):
            digits = regex.sub(r"\D", "", m.group())
            add(m.start(), m.end(), float(digits) if digits else 0.0, "code", name)
    for name, rx in _CLOCKS:
        for m in rx.finditer(text):
            h, mm = int(m.group("h")), int(m.group("m") or 0)
            if name == "<h> giờ <m>" and not _is_clock(text, m, h):
                continue
            if h > 24:
                continue
            add(m.start(), m.end(), h + mm / 60, "clock", name)
    return out


def _is_clock(text: str, m, hour: int) -> bool:
    """"17 giờ" is a time of day; "trong 24 giờ", "hơn 2 giờ" are durations."""
    if hour > 24:
        return False
    if m.group("m"):
        return True
    before = _before(text, m.start(), 20)
    if _DURATION_CUE_BEFORE.search(before) and not _CLOCK_CUE_AFTER.match(text[m.end():m.end() + 12]):
        return False
    return not regex.match(rf"{_SP}(?:qua|liền|liên tục|đồng hồ|mỗi)", text[m.end():m.end() + 12])


def _ordinal_and_roman(text: str, claims: _Claims) -> list[NumberMatch]:
    out = []
    for m in _ORDINAL_WORD.finditer(text):
        head, word = m.group("head"), m.group("w")
        if not claims.free(m.start(), m.end()):
            continue
        after = text[m.end():m.end() + 12]
        weekday = head.lower() == "thứ" and word[0].isupper() and word.lower() != "nhất" \
            and bool(_WEEKDAY_NEXT.match(after))
        if head.lower() == "thứ" and word.lower() in ("năm", "mười") and not weekday:
            continue   # "thứ năm" as a rank is rare; "thứ mười" too
        rank = head.lower() == "thứ" and not weekday and bool(_RANK_BEFORE.search(_before(text, m.start())))
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


def _scale_rule(numx: str) -> str:
    words = [w for w in numx.split()[1:] if not _digits_value(w)]
    return " ".join(["<n>"] + words) if words else "<n>"


def _digit_expressions(text: str, claims: _Claims) -> list[NumberMatch]:
    out = []
    for m in _NUM_EXPR.finditer(text):
        s, e = m.start("a"), m.end("a")
        if claims.free(m.start(), m.end()):
            parts = (m.group("b"), m.group("c") or m.group("d"), m.group("pct"))
        elif claims.free(s, e):   # a longer reading ran into claimed text: read the first number alone
            parts = (None, None, None)
        else:
            continue
        out.extend(_read_digit_match(text, m, s, e, *parts, claims))
    return out


def _read_digit_match(text, m, s, e, b, c, pct, claims) -> list[NumberMatch]:
    a_text = text[s:e]
    got = _numx_value(a_text)
    if got is None:
        return []
    a_val, scaled = got
    before = _before(text, s)
    qual, q_start = _qualifier(text, s)
    kind = "multiplier" if scaled else ("decimal" if "," in a_text or regex.search(r"\.\d{1,2}$", a_text)
                                        else "cardinal")
    rule = _scale_rule(a_text)
    in_name = False
    head_start = q_start
    end = e
    # ordinals "thứ 4", "thứ 12/63": ranks are statistics, "lần thứ 9", "Kỳ họp thứ 9" are names
    thu = regex.search(rf"(?<![\p{{L}}])(?i:thứ|hạng){_SP}$", before)
    if thu:
        head_start = s - len(thu.group())
        kind, rule = "ordinal", thu.group().split()[0].lower() + " <n>"
        in_name = _name_head(text, s) or (not _RANK_BEFORE.search(_before(text, head_start))
                                           and bool(_WEEKDAY_NEXT.match(text[e:e + 12])) and a_val <= 8
                                           and not b)
        qual = None
    if b:                                   # ratio "60/114"
        total = _digits_value(b)
        end = m.end("b")
        if total and a_val <= 31 and total <= 12 and _date_cue(text, s):
            return _claimed(claims, s, end, text, a_val, None, "date", None, True, "<d>/<m>")
        kind = "ratio" if kind != "ordinal" else "ratio"
        rule = thu.group().split()[0].lower() + " <n>/<m>" if thu else "<n>/<m>"
        if pct:
            end = m.end("pct")
        return _claimed(claims, head_start, end, text, a_val, total, kind, qual, in_name or _name_head(text, s), rule)
    if c:                                   # range "3-5", "từ 3 đến 5 triệu"
        c_start = m.start("c") if m.group("c") else m.start("d")
        c_end = m.end("c") if m.group("c") else m.end("d")
        c_got = _numx_value(text[c_start:c_end])
        if c_got is None:
            return []
        c_val, c_scaled = c_got
        dash = bool(m.group("c"))
        if dash and a_val <= 31 and c_val <= 12 and not scaled and not c_scaled and _date_cue(text, s):
            return _claimed(claims, s, c_end, text, a_val, None, "date", None, True, "<d>-<m>")
        if not dash and not (qual == "từ"):
            c = None                        # "tăng 3 đến 5": not a range unless "từ" opens it
        else:
            if c_scaled and not scaled:     # "2-3 triệu": the scale word serves both ends
                first = _digits_value(text[c_start:c_end].split()[0])
                a_val *= c_val / first if first else 1
            pct_end = m.end("pct") if pct else c_end
            rule_r = "<n>-<m>" if dash else "từ <n> đến <m>"
            in_name_r = _name_head(text, s) or _calendar_before(text, s)
            kind_r = "date" if in_name_r and _calendar_before(text, s) else ("percent" if pct else "range")
            out = _claimed(claims, q_start if not dash else s, e, text, a_val, None, kind_r, qual, in_name_r, rule_r)
            out += _claimed(claims, c_start, pct_end, text, c_val, None, kind_r, None, in_name_r, rule_r)
            return out
    if pct:
        end = m.end("pct")
        kind, rule = "percent", "<n>%" if "%" in pct else "<n> phần trăm"
    elif not thu:
        unit = _ATTACHED_UNIT.match(text[e:e + 4])
        if unit and (_SPORT_BEFORE.search(before) or _SPORT_AFTER.match(text[e + unit.end():e + unit.end() + 20])):
            return _claimed(claims, s, e + unit.end(), text, a_val, None, "measure", None, True, "<n><unit> (event)")
        if _calendar_before(text, s):
            return _claimed(claims, s, e, text, a_val, None, "date", None, True, "<calendar> <n>")
        digits_only = regex.fullmatch(r"\d+", a_text)
        if digits_only and len(a_text) == 4 and 1900 <= a_val <= 2099 and \
                not regex.match(rf"{_SP}\p{{Ll}}", text[e:e + 3]):
            return _claimed(claims, s, e, text, a_val, None, "year", None, True, "<yyyy>")
        if _name_head(text, s, e) or (digits_only and len(a_text) <= 3 and _capitalised_word_before(text, s)
                                   and not qual):
            in_name = True
            rule = "<name> <n>"
    return _claimed(claims, head_start, end, text, a_val, None, kind, qual, in_name, rule)


def _calendar_before(text: str, start: int) -> bool:
    return bool(_CALENDAR_BEFORE.search(_before(text, start, 20)))


def _date_cue(text: str, start: int) -> bool:
    """A day/month pair reads as a date after "ngày", "Sáng", "hôm qua (" or after an earlier date
    it is paired with ("ngày 8 và 9-7", "từ ngày 25/3 đến 15/4")."""
    before = _before(text, start, 40)
    if regex.search(rf"(?<![\p{{L}}])(?i:ngày|sáng|chiều|tối|trưa|đêm|hôm nay|hôm qua|mùng|mồng|rạng sáng|khuya)"
                    rf"{_SP0}[(]?$", before):
        return True
    return bool(regex.search(rf"(?i:ngày|sáng|chiều|tối|trưa|đêm)[^\n]{{0,25}}(?:đến|và|[-–,]){_SP0}$", before))


def _claimed(claims, s, e, text, value, total, kind, qual, in_name, rule) -> list[NumberMatch]:
    if not claims.free(s, e):
        return []
    claims.take(s, e)
    return [NumberMatch(s, e, text[s:e], float(value), None if total is None else float(total),
                        kind, qual, bool(in_name), rule)]


def _word_numbers(text: str, claims: _Claims) -> list[NumberMatch]:
    """Spelled-out numbers: "hai đối tượng", "mười lăm", "một triệu rưỡi", "hàng trăm"."""
    out = []
    for m in _WORD_NUMBER.finditer(text):
        words = list(regex.finditer(r"\S+", m.group()))
        # a capitalised number word inside a sentence is a name ("Ba Tri", "Năm Căn")
        cut = len(words)
        for i, w in enumerate(words):
            if w.group() != w.group().lower() and (i > 0 or not _sentence_start(text, m.start())):
                cut = i
                break
        words = words[:cut]
        while words:
            low = [w.group().lower() for w in words]
            value = parse_number_words(low)
            s, e = m.start() + words[0].start(), m.start() + words[-1].end()
            qual, q_start = _qualifier(text, s)
            if value is None and low[0] in ("trăm", "chục", "nghìn", "ngàn", "triệu", "tỷ", "tỉ") and qual == "hàng":
                value = parse_number_words(["một"] + low)      # "hàng trăm", "hàng chục nghìn"
            if value is not None and _word_ok(text, low, s, e, qual):
                if claims.free(s, e):
                    claims.take(q_start, e)
                    kind = "fraction" if low == ["nửa"] else "word"
                    out.append(NumberMatch(q_start, e, text[q_start:e], float(value), None, kind, qual,
                                           _name_head(text, s), "<words>"))
                break
            words = words[:-1]
    return out


def _word_ok(text: str, low: list[str], s: int, e: int, qual: str | None) -> bool:
    """Context checks for a spelled-out number that could be another word."""
    row = _words().get(low[0], {})
    after, before = text[e:e + 20], _before(text, s)
    if low[0] == "không" or regex.match(rf"{_SP}(?:chứng|lệ|số|phú)(?!\p{{L}})", after) and low[-1] in _SCALES:
        return False   # "không triệu chứng", "tỷ lệ": not numbers
    if len(low) == 1:
        if row.get("context") == "inner":
            return False
        if low[0] in _SCALES or low[0] in ("trăm", "chục"):
            return qual == "hàng"
        if low[0] == "một":
            return not _MOT_NOT_NUMBER.match(after) and bool(regex.match(rf"{_SP}\p{{Ll}}", after))
        if low[0] == "năm":
            return (bool(regex.match(rf"{_SP}\p{{Ll}}", after)) and not _NAM_NEXT_NOT.match(after)
                    and not _NAM_PREV_NOT.search(before))
        if low[0] == "nửa":
            return bool(_NUA_NEXT.match(after)) and not regex.search(rf"(?i:một){_SP}$", before)
        if regex.match(rf"{_SP}\p{{Lu}}", after):
            return False   # "Ba Tri", "Năm Căn": a place name
        if low[0] == "ba" and regex.match(rf"{_SP}(?:mẹ|má|con|anh|chị|ơi)(?!\p{{L}})", after):
            return False
        if low[0] == "chín" and (regex.match(rf"{_SP}(?:muồi|chắn|mọng|rộ|vàng|đỏ|sớm|đều)(?!\p{{L}})", after)
                                 or regex.search(rf"(?i:lúa|quả|trái|nấu|chín){_SP}$", before)):
            return False
    if regex.match(rf"{_SP}\d", after) and low[-1] == "năm":
        return False
    return True


def match_numerals(text: str) -> list[NumberMatch]:
    """Every number expression in ``text``, in text order.

    >>> [(m.text, m.value, m.kind, m.in_name) for m in match_numerals("Đại hội XII có 60/114 CĐCS")]
    [('XII', 12.0, 'roman', True), ('60/114', 60.0, 'ratio', False)]
    """
    claims = _Claims()
    found = _fixed_rules(text, claims)
    found += _ordinal_and_roman(text, claims)
    found += _digit_expressions(text, claims)
    found += _word_numbers(text, claims)
    return sorted(found, key=lambda n: (n.start, n.end))


def find_numerals(doc) -> list:
    """Spans labelled NUM over ``doc.text`` with ``_.number``, ``_.number_total``,
    ``_.number_kind``, ``_.number_qualifier`` and ``_.number_in_name`` set;
    numbers inside site boilerplate are left out."""
    spans, seen = [], set()
    for n in match_numerals(doc.text):
        if in_boilerplate(doc, n.start, n.end):
            continue
        span = make_span(doc, n.start, n.end, "NUM", n.rule, number=n.value, number_total=n.total,
                         number_kind=n.kind, number_qualifier=n.qualifier, number_in_name=n.in_name)
        if span is not None and (span.start, span.end) not in seen:
            seen.add((span.start, span.end))
            spans.append(span)
    return spans
