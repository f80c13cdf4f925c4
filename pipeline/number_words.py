"""Reading a number string into its value: digits with Vietnamese separators, multiplier words,
spelled-out numbers and Roman numerals. No context here: finding numbers in running text, and
deciding whether one is a count or part of a name, is ``numerals.py``'s job.

"." groups thousands and "," is the decimal mark; ngàn/nghìn/triệu/tỷ multiply; after
"mươi"/"mười" the digits take euphonic forms ("mốt" = 1, "tư" = 4, "lăm" = 5).

>>> parse_number_words("hai mươi mốt"), parse_roman("XII"), digits_value("3.072")
(21, 12, 3072.0)
"""
from __future__ import annotations

from functools import lru_cache

import regex

from .resources import load_table

SP = r"[^\S\n]+"
SP0 = r"[^\S\n]*"


@lru_cache(maxsize=1)
def word_table() -> dict[str, dict]:
    return {row["word"]: row for row in load_table("number_words")}


SCALES = {"nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9}
UNITS = {"không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5,
          "lăm": 5, "nhăm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9}
# after "mươi"/"mười" a unit digit may take its euphonic form; "năm" there is the noun
# "year" ("hai mươi năm" = twenty years), the number being "hai mươi lăm"
_AFTER_TENS = {u: v for u, v in UNITS.items() if u not in ("không", "năm")}
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
    if ws[0] not in UNITS or ws[0] in _COLLOQUIAL_TAIL:
        return None
    d = UNITS[ws[0]]
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
    if len(left) != 1 or left[0] not in UNITS or left[0] in _COLLOQUIAL_TAIL:
        return None
    hundreds = UNITS[left[0]] * 100
    if not right:
        return hundreds
    if right == ["rưỡi"]:
        return hundreds + 50
    if right[0] in ("linh", "lẻ", "không"):
        if len(right) == 2 and right[1] in UNITS and right[1] not in _COLLOQUIAL_TAIL:
            return hundreds + UNITS[right[1]]
        return None
    if len(right) == 1 and right[0] in UNITS and right[0] not in ("không",):
        return hundreds + UNITS[right[0]] * 10        # "một trăm hai" = 120
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
    scales = [(i, SCALES[w]) for i, w in enumerate(ws) if w in SCALES]
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
    if len(right) == 1 and right[0] in UNITS and right[0] not in ("không",) and top >= 1e3:
        return lv * top + UNITS[right[0]] * top / 10   # "một triệu hai" = 1 200 000
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

DIGITS = (r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?"     # 12.345.000 / 1.234,5
           r"|\d{1,3}(?:,\d{3}){2,}"              # 12,345,000 (English grouping)
           r"|\d+(?:,\d+)?)")                      # 98,92 / 02 / 2022


_ENGLISH_GROUPS = regex.compile(r"\d{1,3}(?:,\d{3}){2,}")
_ENGLISH_DECIMAL = regex.compile(r"\d+\.\d{1,2}")
_VIETNAMESE_DIGITS = regex.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")


def digits_value(text: str) -> float | None:
    text = text.strip()
    if _ENGLISH_GROUPS.fullmatch(text):
        return float(text.replace(",", ""))
    if _ENGLISH_DECIMAL.fullmatch(text):          # an English decimal point "6.8"
        return float(text)
    if not _VIETNAMESE_DIGITS.fullmatch(text):
        return None
    return float(text.replace(".", "").replace(",", "."))


SCALE_WORD = (r"(?:nghìn|ngàn|triệu(?!{sp}chứng)|tỷ(?!{sp}lệ|{sp}số)|tỉ(?!{sp}lệ|{sp}số)|trăm|chục)"
               r"(?!\p{{L}})").format(sp=SP)
SCALES_RX = rf"{SCALE_WORD}(?:{SP}{SCALE_WORD})*"
# a digit number, optionally multiplied: "2,5 triệu", "1 tỷ 200 triệu", "2 triệu rưỡi"
NUMX = (rf"{DIGITS}(?:{SP}{SCALES_RX}(?:{SP}{DIGITS}{SP}{SCALES_RX})*"
         rf"(?:{SP}rưỡi)?)?")


def numx_value(text: str) -> tuple[float, bool] | None:
    """Value of a ``NUMX`` string and whether a scale word multiplied it."""
    parts = text.split()
    total, current, scaled, half_of = 0.0, None, False, None
    for part in parts:
        low = part.lower()
        if low in SCALES or low in ("trăm", "chục"):
            factor = SCALES.get(low) or (100 if low == "trăm" else 10)
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
            v = digits_value(part)
            if v is None:
                return None
            if current is not None:
                return None
            current = v
    if current is not None:
        total += current
    return total, scaled


