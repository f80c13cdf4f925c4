"""Numerals: every number expression Vietnamese news prints, with its value.

"." groups thousands and "," is the decimal mark ("3.072" = 3072, "98,92" = 98.92);
ngàn/nghìn/triệu/tỷ multiply ("2,5 triệu" = 2 500 000); small numbers are spelled out
("hai mươi mốt" = 21, "một triệu rưỡi" = 1 500 000). Numbers that belong to a name, a code,
an address, a clock time or a date are found too, but flagged ``in_name`` so that the
statistics stage never counts them ("Đại hội XII", "57-NQ/TW", "lớp 12", "Tiểu đoàn 2", "14:18",
"Gần 18 giờ,"). Vague quantities ("hàng trăm hộ", "vài chục người") have kind ``vague``: an order
of magnitude, no value. Head words and house numbers are read in ``number_heads.py``; codes,
clock times, dates and ordinals in ``number_names.py``.

>>> [(m.text, m.value, m.kind, m.qualifier) for m in match_numerals("gần 1,9 tỷ đồng")]
[('gần 1,9 tỷ', 1900000000.0, 'multiplier', 'gần')]
"""
from __future__ import annotations

from functools import lru_cache

import regex
from spacy.attrs import IDX, LENGTH

from .number_heads import (Words, inside_longer_word, name_head as _name_head, qualifier, qualifier_alternation,
                           qualifier_role)
from .number_names import (RANK_BEFORE as _RANK_BEFORE, WEEKDAY_NEXT as _WEEKDAY_NEXT, Claims,
                           NumberMatch, before as _before, is_clock, read_names)
from .number_words import (DIGITS as _DIGITS, NUMX as _NUMX, SCALES as _SCALES, SP as _SP, SP0 as _SP0,
                           UNITS as _UNITS, digits_value as _digits_value, numx_value as _numx_value,
                           parse_number_words, parse_roman, word_table as _words)
from .resources import alternation, load_table
from .spans import doc_text, in_boilerplate, make_span, memo

__all__ = ["NumberMatch", "find_numerals", "match_numerals", "parse_number", "parse_number_words", "parse_roman"]



def parse_number(text: str) -> float | None:
    """Value of one number expression, or None.

    ``"3.072"`` -> 3072, ``"98,92"`` -> 98.92, ``"75 ngàn"`` -> 75000, ``"2,5 triệu"`` ->
    2 500 000, ``"hai mươi mốt"`` -> 21, ``"hơn 15%"`` -> 15; a ratio gives its numerator.
    """
    if not text:
        return None
    text = regex.sub(r"\s+", " ", text.strip()).rstrip(" .,;:")
    text = regex.sub(r"^(?:" + qualifier_alternation() + r")\s+", "", text, flags=regex.I)
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


# ---------------------------------------------------------------- context

# a calendar keyword right before a number makes it part of a date ("năm 2020", "tháng 3")
_CALENDAR_BEFORE = regex.compile(
    rf"(?<![\p{{L}}])(?i:ngày|tháng|năm|quý|mùng|mồng|nhiệm kỳ|giai đoạn|niên khóa|niên khoá"
    rf"|niên vụ|sn|sinh năm|đông xuân|hè thu|thu đông){_SP}$")
# attached metric units in a sports context are event names: "200m bướm", "hạng cân 57kg"
_SPORT_BEFORE = regex.compile(rf"(?i:nội dung|cự ly|cự li|hạng cân|hạng|môn|ở|và){_SP}$")
_SPORT_AFTER = regex.compile(rf"^{_SP}(?i:nam|nữ|tự do|ếch|bướm|ngửa|hỗn hợp|vượt rào|tiếp sức|"
                             rf"và{_SP}\d+(?:m|kg))(?!\p{{L}})")
_SENTENCE_START = regex.compile(r"(?:^|[.!?:;\n\"“(]|[-–]\s)\s*$")


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
# "năm" is "year" after a word that quantifies or places years ("mỗi năm", "trong năm")
_NAM_PREV_NOT = regex.compile(
    rf"(?<![\p{{L}}])(?:mỗi|hằng|hàng|các|cả|cuối|đầu|giữa|nửa|của|những|nhiều|mấy|vài|bao nhiêu"
    rf"|tháng|ngày|tuổi|mươi|trăm|nghìn|ngàn|một|hai|ba|bốn|sáu|bảy|tám|chín|mười|\d+){_SP}$",
    regex.I)


@lru_cache(maxsize=1)
def _counted_noun_rx():
    return regex.compile(rf"{_SP}(?:{alternation(r['noun'] for r in load_table('number_counted_nouns'))})(?!\p{{L}})")


# "năm con khỉ" is the year of the monkey
_ZODIAC_YEAR = regex.compile(rf"{_SP}con{_SP}(?:chuột|trâu|hổ|cọp|mèo|rồng|rắn|ngựa|dê|khỉ|gà|chó|lợn|heo)(?!\p{{L}})",
                             regex.I)
_NUA_NEXT = regex.compile(rf"^{_SP}(?:năm|tháng|ngày|tuần|giờ|tiếng|phút|thế kỷ)(?!\p{{L}})", regex.I)
# "ngã ba" is a road junction, "tháng sáu" a month name, "thứ năm" a weekday or rank
_NAMING_WORD_BEFORE = regex.compile(rf"(?<![\p{{L}}])(?i:ngã|tháng|thứ){_SP}$")
_COMPOUND_AFTER_SCALE = regex.compile(rf"{_SP}(?:chứng|lệ|số|phú)(?!\p{{L}})")     # "không triệu chứng", "tỷ lệ"
_LOWER_AFTER = regex.compile(rf"{_SP}\p{{Ll}}")
_UPPER_AFTER = regex.compile(rf"{_SP}\p{{Lu}}")
_DIGIT_AFTER = regex.compile(rf"{_SP}\d")
_MOT_BEFORE = regex.compile(rf"(?i:một){_SP}$")
_BA_KIN = regex.compile(rf"{_SP}(?:mẹ|má|con|anh|chị|ơi)(?!\p{{L}})")
_CHIN_RIPE_AFTER = regex.compile(rf"{_SP}(?:muồi|chắn|mọng|rộ|vàng|đỏ|sớm|đều)(?!\p{{L}})")
_CHIN_RIPE_BEFORE = regex.compile(rf"(?i:lúa|quả|trái|nấu|chín){_SP}$")
_SYLLABLES = regex.compile(r"\S+")


# ---------------------------------------------------------------- matching

@lru_cache(maxsize=1)
def _measure_after():
    return regex.compile(rf"{_SP}(?:{alternation(r['unit'] for r in load_table('stat_measures'))})(?![\p{{L}}\d])")


def _year(text: str, start: int, end: int, qual: str | None) -> bool:
    """A bare "19xx"/"20xx" is a year ("năm 2020", "Siêu mẫu Việt Nam 2004 khu vực"): counts that
    large print a thousands dot ("2.004 thí sinh"); a measure after it still counts ("2000 ha")."""
    if not _LOWER_AFTER.match(text[end:end + 3]):
        return True
    return not _measure_after().match(text, end, end + 20) and qualifier_role().get(qual) not in ("approx", "bound")


def _sentence_start(text: str, start: int) -> bool:
    return bool(_SENTENCE_START.search(_before(text, start, 3)))


_CAPITALISED_BEFORE = regex.compile(rf"(?<![\p{{L}}])(\p{{Lu}}[\p{{L}}]*){_SP}$")


def _capitalised_word_before(text: str, start: int) -> bool:
    m = _CAPITALISED_BEFORE.search(_before(text, start))
    return bool(m) and not _sentence_start(text, start - len(m.group(0)))


def _scale_rule(numx: str) -> str:
    words = [w for w in numx.split()[1:] if not _digits_value(w)]
    return " ".join(["<n>"] + words) if words else "<n>"


def _digit_expressions(text: str, claims: Claims, words: Words | None) -> list[NumberMatch]:
    out = []
    for m in _NUM_EXPR.finditer(text):
        s, e = m.start("a"), m.end("a")
        if claims.free(m.start(), m.end()):
            parts = (m.group("b"), m.group("c") or m.group("d"), m.group("pct"))
        elif claims.free(s, e):   # a longer reading ran into claimed text: read the first number alone
            parts = (None, None, None)
        else:
            continue
        out.extend(_read_digit_match(text, m, s, e, *parts, claims, words))
    return out


_ENGLISH_GROUPS = regex.compile(r"\d{1,3}(?:,\d{3}){2,}")       # "12,345,000" is no decimal
_DECIMAL = regex.compile(r",\d+$|^\d+\.\d{1,2}$")
_RANK_WORD_BEFORE = regex.compile(rf"(?<![\p{{L}}])(?i:thứ|hạng){_SP}$")


def _read_digit_match(text, m, s, e, b, c, pct, claims, words) -> list[NumberMatch]:
    a_text = text[s:e]
    got = _numx_value(a_text)
    if got is None:
        return []
    a_val, scaled = got
    before = _before(text, s)
    qual, q_start = qualifier(text, s, words)
    decimal = not _ENGLISH_GROUPS.fullmatch(a_text) and bool(_DECIMAL.search(a_text))
    kind = "multiplier" if scaled else "decimal" if decimal else "cardinal"
    rule = _scale_rule(a_text)
    in_name = False
    head_start = q_start
    end = e
    # ordinals "thứ 4", "thứ 12/63": ranks are statistics, "lần thứ 9", "Kỳ họp thứ 9" are names
    thu = _RANK_WORD_BEFORE.search(before)
    if thu:
        head_start = s - len(thu.group())
        kind, rule = "ordinal", thu.group().split()[0].lower() + " <n>"
        in_name = _name_head(text, s, words=words) or (not _RANK_BEFORE.search(_before(text, head_start))
                                           and bool(_WEEKDAY_NEXT.match(text[e:e + 12])) and a_val <= 8
                                           and not b)
        qual = None
    if b:                                   # ratio "60/114"
        total = _digits_value(b)
        end = m.end("b")
        paren = text[s - 1:s] == "(" and text[m.end("b"):m.end("b") + 1] == ")"
        if total and a_val <= 31 and total <= 12 and (_date_cue(text, s) or paren):
            return _claimed(claims, s, end, text, a_val, None, "date", None, True, "<d>/<m>")
        kind = "ratio" if kind != "ordinal" else "ratio"
        rule = thu.group().split()[0].lower() + " <n>/<m>" if thu else "<n>/<m>"
        if pct:
            end = m.end("pct")
        in_name = in_name or _name_head(text, s, e, words)      # "số 287/80 đường Trần Quý Cáp"
        return _claimed(claims, head_start, end, text, a_val, total, kind, qual, in_name, rule)
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
        if dash and not (scaled or c_scaled) and _is_score(text, s, a_val, c_val, a_text, text[c_start:c_end]):
            return _claimed(claims, s, c_end, text, a_val, c_val, "score", None, True, "<n>-<m> (score)")
        if not dash and not (qual == "từ"):
            c = None                        # "tăng 3 đến 5": not a range unless "từ" opens it
        else:
            if c_scaled and not scaled:     # "2-3 triệu": the scale word serves both ends
                first = _digits_value(text[c_start:c_end].split()[0])
                a_val *= c_val / first if first else 1
            pct_end = m.end("pct") if pct else c_end
            rule_r = "<n>-<m>" if dash else "từ <n> đến <m>"
            in_name_r = _name_head(text, s, words=words) or _calendar_before(text, s)
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
        digits_only = a_text.isdecimal()
        if digits_only and len(a_text) == 4 and 1900 <= a_val <= 2099 and _year(text, s, e, qual):
            return _claimed(claims, s, e, text, a_val, None, "year", None, True, "<yyyy>")
        if _name_head(text, s, e, words) or (digits_only and len(a_text) <= 3 and _capitalised_word_before(text, s)
                                   and not qual):
            in_name = True
            rule = "<name> <n>"
    if qualifier_role().get(qual) == "vague":
        kind = "vague"                  # "hàng 100 người", "vài 3 ngày": no value is asserted
    return _claimed(claims, head_start, end, text, a_val, None, kind, qual, in_name, rule)


# a match score "thắng 2-0", "tỷ số 4-3": the first number is not below the second, or a cue says so
_SCORE_CUE = regex.compile(r"(?i:tỷ số|tỉ số|thắng|thua|hòa|hoà|gỡ|dẫn|bại|kết quả|chiến thắng|cách biệt)"
                           r"[^\n.;]{0,20}$")


def _is_score(text: str, start: int, a: float, c: float, a_text: str, c_text: str) -> bool:
    if not (a_text.isdigit() and c_text.isdigit() and a <= 20 and c <= 20):
        return False
    return a >= c or bool(_SCORE_CUE.search(_before(text, start, 30)))


def _calendar_before(text: str, start: int) -> bool:
    return bool(_CALENDAR_BEFORE.search(_before(text, start, 20)))


_DAY_CUE = regex.compile(rf"(?<![\p{{L}}])(?i:ngày|sáng|chiều|tối|trưa|đêm|hôm nay|hôm qua|mùng|mồng|rạng sáng"
                         rf"|khuya){_SP0}[(]?$")
_PAIRED_DAY_CUE = regex.compile(rf"(?i:ngày|sáng|chiều|tối|trưa|đêm)[^\n]{{0,25}}(?:đến|và|[-–,]){_SP0}$")


def _date_cue(text: str, start: int) -> bool:
    """A day/month pair reads as a date after "ngày", "Sáng", "hôm qua (" or after an earlier date
    it is paired with ("ngày 8 và 9-7", "từ ngày 25/3 đến 15/4")."""
    before = _before(text, start, 40)
    return bool(_DAY_CUE.search(before) or _PAIRED_DAY_CUE.search(before))


def _claimed(claims, s, e, text, value, total, kind, qual, in_name, rule) -> list[NumberMatch]:
    if not claims.free(s, e):
        return []
    claims.take(s, e)
    return [NumberMatch(s, e, text[s:e], float(value), None if total is None else float(total),
                        kind, qual, bool(in_name), rule)]


_HOUR_AFTER = regex.compile(rf"{_SP}giờ(?!\p{{L}})", regex.I)


def _word_numbers(text: str, claims: Claims, words: Words | None) -> list[NumberMatch]:
    """Spelled-out numbers: "hai đối tượng", "mười lăm", "một triệu rưỡi", "hàng trăm"."""
    out = []
    for m in _WORD_NUMBER.finditer(text):
        syllables = list(_SYLLABLES.finditer(m.group()))
        # a capitalised number word inside a sentence is a name ("Ba Tri", "Năm Căn")
        cut = len(syllables)
        for i, w in enumerate(syllables):
            if w.group() != w.group().lower() and (i > 0 or not _sentence_start(text, m.start())):
                cut = i
                break
        syllables = syllables[:cut]
        while syllables:
            low = [w.group().lower() for w in syllables]
            value = parse_number_words(low)
            s, e = m.start() + syllables[0].start(), m.start() + syllables[-1].end()
            qual, q_start = qualifier(text, s, words)
            vague = qualifier_role().get(qual) == "vague"
            if value is None and low[0] in ("trăm", "chục", "nghìn", "ngàn", "triệu", "tỷ", "tỉ") and vague:
                value = parse_number_words(["một"] + low)      # "hàng trăm", "vài chục nghìn"
            if value is not None and _word_ok(text, low, s, e, qual):
                if _glued(text, s, e, words):
                    break       # the segmenter reads it inside a longer word: "năm xưa", "hoa mười giờ"
                hour = _HOUR_AFTER.match(text, e)
                if hour and value <= 24 and is_clock(text, s, hour.end(), value):   # "Hai giờ chiều"
                    out += _claimed(claims, s, hour.end(), text, value, None, "clock", None, True, "<words> giờ")
                elif claims.free(s, e):
                    claims.take(q_start, e)
                    kind = "vague" if vague else "fraction" if low == ["nửa"] else "word"
                    out.append(NumberMatch(q_start, e, text[q_start:e], float(value), None, kind, qual,
                                           _name_head(text, s, words=words), "<words>"))
                break
            syllables = syllables[:-1]
    return out


def _glued(text: str, s: int, e: int, words: Words | None) -> bool:
    return words is not None and (inside_longer_word(text, s, e, words, "before")
                                  or inside_longer_word(text, s, e, words, "after"))


def _word_ok(text: str, low: list[str], s: int, e: int, qual: str | None) -> bool:
    """Context checks for a spelled-out number that could be another word."""
    row = _words().get(low[0], {})
    after, before = text[e:e + 20], _before(text, s)
    if _NAMING_WORD_BEFORE.search(before):
        return False
    if low[0] == "không" or _COMPOUND_AFTER_SCALE.match(after) and low[-1] in _SCALES:
        return False   # "không triệu chứng", "tỷ lệ": not numbers
    if len(low) == 1:
        if low[0] in _SCALES or low[0] in ("trăm", "chục"):
            return qualifier_role().get(qual) == "vague"      # "hàng trăm", "mấy chục"
        if row.get("context") == "inner":
            return False
        if low[0] == "một":
            # "một" is mostly the article "a" ("một cán bộ cho biết"); only a hedge makes it a count
            return qualifier_role().get(qual) == "approx" \
                and not _MOT_NOT_NUMBER.match(after) and bool(_LOWER_AFTER.match(after))
        if low[0] == "năm":     # "năm người", but "năm nay", "là năm trọng tâm", "năm xưa"
            return bool(_counted_noun_rx().match(text, e, e + 20)) and not _NAM_PREV_NOT.search(before) \
                and not _ZODIAC_YEAR.match(text, e, e + 20)
        if low[0] == "nửa":
            return bool(_NUA_NEXT.match(after)) and not _MOT_BEFORE.search(before)
        if _UPPER_AFTER.match(after):
            return False   # "Ba Tri", "Năm Căn": a place name
        if low[0] == "ba" and _BA_KIN.match(after):
            return False
        if low[0] == "chín" and (_CHIN_RIPE_AFTER.match(after) or _CHIN_RIPE_BEFORE.search(before)):
            return False
    if _DIGIT_AFTER.match(after) and low[-1] == "năm":
        return False
    return True


def match_numerals(text: str, words: Words | None = None) -> list[NumberMatch]:
    """Every number expression in ``text``, in text order. ``words``, the segmenter's words as
    sorted ``(start, end)`` offsets (:func:`words_of`), tell a head word from the end of a longer
    word ("lớp 12" but "quy tập 146"); without them underthesea's word list does.

    >>> [(m.text, m.value, m.kind, m.in_name) for m in match_numerals("Đại hội XII có 60/114 CĐCS")]
    [('XII', 12.0, 'roman', True), ('60/114', 60.0, 'ratio', False)]
    """
    claims = Claims()
    found = read_names(text, claims)
    found += _digit_expressions(text, claims, words)
    found += _word_numbers(text, claims, words)
    return sorted(found, key=lambda n: (n.start, n.end))


def words_of(doc) -> Words:
    """The Doc's words as sorted character offsets (underthesea's words: "quy tập" is one)."""
    offsets = doc.to_array([IDX, LENGTH])
    return list(zip(offsets[:, 0].tolist(), offsets.sum(axis=1).tolist()))


def doc_numerals(doc) -> list[NumberMatch]:
    """:func:`match_numerals` over a Doc, read once: the statistics stage asks again for the
    numbers the numerals stage found."""
    return memo(doc, "numerals", lambda d: match_numerals(doc_text(d), words_of(d)))


def find_numerals(doc) -> list:
    """Spans labelled NUM over ``doc.text`` with ``_.number``, ``_.number_total``,
    ``_.number_kind``, ``_.number_qualifier`` and ``_.number_in_name`` set;
    numbers inside site boilerplate are left out."""
    spans, seen = [], set()
    for n in doc_numerals(doc):
        if in_boilerplate(doc, n.start, n.end):
            continue
        span = make_span(doc, n.start, n.end, "NUM", n.rule, number=n.value, number_total=n.total,
                         number_kind=n.kind, number_qualifier=n.qualifier, number_in_name=n.in_name)
        if span is not None and (span.start, span.end) not in seen:
            seen.add((span.start, span.end))
            spans.append(span)
    return spans
