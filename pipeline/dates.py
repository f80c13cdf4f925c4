"""Dates: every expression that points at a calendar time, parsed, then resolved against
the article's dateline (Duckling's parse-then-resolve).

A date's text keeps its calendar keyword, part of day and weekday ("Sáng 18-1",
"Thứ Hai, 10/7/2023", "nhiệm kỳ 2018-2023") and leaves out prepositions, except a closed
"từ ... đến ..." range, which is one interval ("từ ngày 7 đến 9/12/2022"). A date without a
year takes the year of ``published`` ("--MM-DD" when there is none); a deictic date
("năm nay", "hôm qua") needs ``published`` and is dropped without it.

>>> [(m.text, m.value) for m in match_dates("Sáng 18-1, quý I/2022 và năm nay", "2021-01-18")]
[('Sáng 18-1', '2021-01-18'), ('quý I/2022', '2022-01/2022-03'), ('năm nay', '2021')]
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import regex

from .date_resolve import S, S0, DateMatch, Point, _join_ranges, _lunar_day, _lunar_table, parse_published, resolve_date
from .numerals import parse_number_words, parse_roman
from .resources import alternation, load_table
from .spans import doc_text, in_boilerplate, make_span

__all__ = ["DateMatch", "Point", "find_dates", "match_dates", "parse_published", "resolve_date"]

# ---------------------------------------------------------------- lexicon

@lru_cache(maxsize=1)
def _words() -> dict[str, list[dict]]:
    roles: dict[str, list[dict]] = {}
    for row in load_table("date_words"):
        roles.setdefault(row["role"], []).append(row)
    return roles


def _alt(role: str) -> str:
    return alternation(r["word"] for r in _words()[role])


@lru_cache(maxsize=1)
def _weekdays() -> dict[str, int]:
    return {regex.sub(r"\s+", " ", r["word"].lower()): int(r["value"]) for r in _words()["weekday"]}


@lru_cache(maxsize=1)
def _holidays() -> dict[str, str]:
    return {r["word"].lower(): r["value"] for r in _words()["holiday"]}


CAN_CHI = (r"(?:Giáp|Ất|Bính|Đinh|Mậu|Kỷ|Canh|Tân|Nhâm|Quý)[^\S\n]+"
           r"(?:Tý|Sửu|Dần|Mão|Mẹo|Thìn|Tỵ|Tị|Ngọ|Mùi|Thân|Dậu|Tuất|Hợi)")
_YEAR = r"(?:1[89]|20)\d\d"
_BOUND_L = r"(?<![\d.,/])"
_BOUND_R = r"(?![\d/]|[.,]\d|[-–]\d)"
_MONTH_WORDS = r"(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mười một|mười hai)"
_DEICTIC_YEAR = r"(?P<yrel>nay|ngoái|trước|tới)"


@lru_cache(maxsize=1)
def _rules() -> list[tuple[str, regex.Pattern, regex.Pattern | None, int]]:
    """Named atom patterns, Duckling-style: (rule name, pattern, core, lead width); the parse
    is in ``_atom``, the search in ``_finditer``."""
    pod, wd, edge = _alt("part_of_day"), _alt("weekday"), _alt("edge")
    period, season = _alt("period"), _alt("season")
    holiday, lunar_year = _alt("holiday"), _alt("lunar_year")
    # every prefix-led rule starts with a digit or one of the prefix's first words: this
    # lookahead (implied by the pattern, so it changes no match) spares trying the all-optional
    # prefix at every character, which was most of this stage's time
    prefix = (rf"(?=\d|\(|{pod}|{wd}|hôm|ngày|mùng|mồng)"
              rf"(?:(?P<pod>{pod})(?:{S}(?P<podrel>nay|qua|hôm{S}nay|hôm{S}qua))?(?:{S0},{S0}|{S}))?"
              rf"(?:(?P<deic>hôm{S}nay|hôm{S}qua|hôm{S}kia)(?:{S0},{S0}|{S}))?"
              rf"(?:(?P<wd>{wd})(?:{S0},{S0}|{S}))?(?P<paren>\({S0})?(?:(?P<kw>ngày|mùng|mồng|hôm){S})?")
    close = rf"(?(paren){S0}\)|)"
    # the other optional leads: "đầu năm 2022", "sáng hôm qua", "nhiệm kỳ 2018-2023"
    at_edge, at_pod = rf"(?:(?P<edge>{edge}){S})?", rf"(?:(?P<pod>{pod}){S})?"
    at_period = rf"(?:(?P<kw>{period}|vụ{S}(?:lúa{S})?(?:{season})){S})?"
    widest = {role: max(len(r["word"].replace(" ", "")) for r in _words()[role])
              for role in ("part_of_day", "weekday", "edge", "period", "season")}
    # the most non-space characters each lead can hold ("rạng sáng hôm qua, hôm kia, thứ Hai, (ngày ")
    leads = [(prefix, widest["part_of_day"] + 2 * len("hômqua,") + widest["weekday"] + len(",(ngày")),
             (at_edge, widest["edge"]), (at_pod, widest["part_of_day"]),
             (at_period, max(widest["period"], len("vụlúa") + widest["season"]))]
    rules = [
        ("<d>-<d>/<m>/<y>", rf"{prefix}{_BOUND_L}(?P<d1>\d{{1,2}}){S0}[-–]{S0}(?P<d>\d{{1,2}})(?P<sep>[/-])"
                                 rf"(?P<m>\d{{1,2}})(?:(?P=sep)(?P<y>{_YEAR}))?{_BOUND_R}{close}"),
        ("<d> và <d>/<m>", rf"{prefix}{_BOUND_L}(?P<d1>\d{{1,2}})(?:{S0},{S0}\d{{1,2}})*{S}và{S}(?P<d>\d{{1,2}})"
                                rf"(?P<sep>[/-])(?P<m>\d{{1,2}})(?:(?P=sep)(?P<y>{_YEAR}))?{_BOUND_R}{close}"),
        ("<d>/<m>/<y>", rf"{prefix}{_BOUND_L}(?P<d>\d{{1,2}})(?P<sep>[/.-])(?P<m>\d{{1,2}})(?P=sep)(?P<y>{_YEAR})"
                        rf"{_BOUND_R}{close}"),
        ("<y>-<m>-<d>", rf"{_BOUND_L}(?<![-–])(?P<y>{_YEAR})-(?P<m>\d{{2}})-(?P<d>\d{{2}})(?![\d/\p{{L}}-]|[.,]\d)"),
        ("<d> tháng <m> năm <y>", rf"{prefix}{_BOUND_L}(?P<d>\d{{1,2}}){S}tháng{S}(?P<m>\d{{1,2}})"
                                       rf"(?:(?:{S}năm{S}|{S0},{S0}(?:năm{S})?|{S0}[/-]{S0})(?P<y>{_YEAR}))?"
                                       rf"{_BOUND_R}{close}"),
        ("<d>/<m>", rf"{prefix}{_BOUND_L}(?P<d>\d{{1,2}})(?P<sep>[/.-])(?P<m>\d{{1,2}})"
                    rf"(?:{S}năm{S}(?P<y>{_YEAR}))?{_BOUND_R}{close}"),
        ("ngày <d>", rf"(?P<kw>ngày|mùng|mồng){S}(?P<d>\d{{1,2}})(?![\d/.,-]|{S}tháng)"),
        ("tháng <m> và <m>/<y>", rf"tháng{S}(?P<m1>\d{{1,2}}){S0}(?:và|,|[-–]){S0}(?:tháng{S})?(?P<m>\d{{1,2}})"
                                 rf"(?:{S0}[/-]{S0}|{S}năm{S})(?P<y>{_YEAR}){_BOUND_R}"),
        ("tháng <m>/<y>", rf"{at_edge}tháng{S}(?P<m>\d{{1,2}})(?:(?:{S0}[/-]{S0}|{S}năm{S})"
                          rf"(?P<y>{_YEAR})|{S}năm{S}{_DEICTIC_YEAR}(?!\p{{L}}))?{_BOUND_R}(?!{S}năm)"),
        ("<m>/<y>", rf"{_BOUND_L}(?P<m>\d{{1,2}})/(?P<y>{_YEAR}){_BOUND_R}"),
        ("quý <q>/<y>", rf"{at_edge}quý{S}(?P<q>IV|III|II|I|[1-4])(?![\p{{L}}\d])"
                        rf"(?:(?:{S0}[/-]{S0}|{S}năm{S}|{S0},{S0}năm{S})(?P<y>{_YEAR})|{S}năm{S}{_DEICTIC_YEAR}"
                        rf"(?!\p{{L}}))?{_BOUND_R}"),
        ("<n> tháng đầu năm <y>", rf"(?<![\d.,])(?P<n>\d{{1,2}}|{_MONTH_WORDS}){S}tháng(?:{S}(?P<half>đầu|cuối))?"
                                  rf"{S}(?:của{S})?năm{S}(?:(?P<y>{_YEAR}){_BOUND_R}|{_DEICTIC_YEAR}(?!\p{{L}}))"),
        ("nửa đầu năm <y>", rf"nửa{S}(?P<half>đầu|cuối){S}năm{S}(?:(?P<y>{_YEAR}){_BOUND_R}|{_DEICTIC_YEAR}(?!\p{{L}}))"),
        ("<period> <y>-<y>", rf"{at_period}{_BOUND_L}(?<![-–])"
                             rf"(?P<y>{_YEAR}){S0}[-–/]{S0}(?P<y2>{_YEAR})(?![\d/]|[.,]\d|[-–])"),
        ("vụ <season> <y>", rf"vụ{S}(?:lúa{S})?(?:{season}){S}(?:năm{S})?(?P<y>{_YEAR}){_BOUND_R}"),
        ("năm <y>", rf"{at_edge}(?:năm|SN){S}(?P<y>{_YEAR}){_BOUND_R}"),
        ("<y>", rf"{_BOUND_L}(?<![-–]{S0})(?P<y>{_YEAR}){_BOUND_R}"),
        ("năm nay", rf"{at_edge}năm{S}{_DEICTIC_YEAR}(?!\p{{L}})"),
        ("tháng trước", rf"{at_edge}tháng{S}(?P<mrel>trước|này|tới)(?!\p{{L}})"),
        # two rules of one name: as one alternation, the core kept both branches and was
        # slow to search; their matches never overlap, so nothing else changes
        ("hôm nay", rf"{at_pod}(?P<deic>hôm{S}nay|hôm{S}qua|hôm{S}kia|ngày{S}mai)(?!\p{{L}})"),
        ("hôm nay", rf"(?P<pod>{pod}){S}(?P<podrel>nay|qua)(?!\p{{L}})"),
        ("<weekday> tuần trước", rf"{at_pod}(?P<wd>{wd}){S}(?P<wrel>tuần{S}trước|tuần{S}này|tuần{S}tới"
                                 rf"|tuần{S}sau|vừa{S}qua|tuần{S}qua)(?!\p{{L}})"),
        ("<holiday> <y>", rf"(?P<hol>{holiday})(?:{S}(?:năm{S})?(?P<cc>{CAN_CHI}))?(?:{S}(?:năm{S})?(?P<y>{_YEAR}))?"
                          rf"{_BOUND_R}"),
        ("năm mới <Can Chi>", rf"(?<![\p{{L}}])(?:{lunar_year}){S}(?P<cc>{CAN_CHI})(?:{S}(?P<y>{_YEAR}))?{_BOUND_R}"),
    ]
    return [(name, regex.compile(rx, regex.I if name not in ("năm mới <Can Chi>",) else 0),
             *_core(rx, leads, close)) for name, rx in rules]


def _core(rx: str, leads, close: str) -> tuple[regex.Pattern | None, int]:
    """A rule that opens with an optional lead, without it (and the closing bracket): the
    part every match holds; with the most non-space characters the lead can add before it."""
    for lead, width in leads:
        if rx.startswith(lead):
            core = rx[len(lead):]
            core = core[:-len(close)] if core.endswith(close) else core
            return regex.compile(core, regex.I), width + 4
    return None, 0


def _finditer(rx: regex.Pattern, core: regex.Pattern | None, width: int, text: str):
    """``rx.finditer(text)`` for a rule with an optional lead, found from its core: trying the
    optional lead at every character took most of this stage's time. Each core is looked up
    first; the rule is then tried at every start that the lead could reach back to (same line,
    at most ``width`` non-space characters), leftmost first, as ``finditer`` does."""
    if core is None:
        yield from rx.finditer(text)
        return
    tried = 0                                # every start before ``tried`` is settled
    c = core.search(text, 0)
    while c is not None:
        q, p, seen = c.start(), c.start(), 0
        while p > tried and text[p - 1] != "\n" and (seen < width or text[p - 1].isspace()):
            seen += not text[p - 1].isspace()
            p -= 1
        for start in range(p, q + 1):
            m = rx.match(text, start)
            if m is not None:
                yield m
                tried = m.end()
                break
        else:
            tried = q + 1
        c = core.search(text, tried)


# ---------------------------------------------------------------- parse

# "năm trước đó" looks back from another date, "những năm trước" is plural: not deictic
_PLURAL_BEFORE = regex.compile(rf"(?<![\p{{L}}])(?i:những|các|nhiều|mấy|vài|bao|mọi|mỗi|hằng|hàng|(?<![\d/.,–-])\d{{1,3}}|một|hai|ba|bốn"
                               rf"|năm|sáu|bảy|tám|chín|mười|mươi|chục|trăm|nghìn|ngàn|triệu|tỷ|nửa|cùng|của){S}$")
_ANAPHORIC_AFTER = regex.compile(rf"^{S}(?i:đó|đấy|ấy|kia|nữa|trở lại|qua)(?!\p{{L}})")
_YREL = {"nay": 0, "ngoái": -1, "trước": -1, "tới": 1}
_MREL = {"trước": -1, "này": 0, "tới": 1}
_WREL = {"tuần trước": -1, "tuần qua": -1, "tuần này": 0, "tuần tới": 1, "tuần sau": 1, "vừa qua": None}
_DEIC = {"hôm nay": 0, "hôm qua": -1, "hôm kia": -2, "ngày mai": 1, "nay": 0, "qua": -1}


def _int(g):
    return int(g) if g else None


def _low(g):
    return regex.sub(r"\s+", " ", g.lower()) if g else None


def _atom(name: str, m, text: str) -> DateMatch | None:
    """Parse one pattern match into a DateMatch (unresolved), or None when it is no date."""
    g = m.groupdict()
    y = _int(g.get("y"))
    s, e = m.start(), m.end()
    if name == "<y>":
        return DateMatch(s, e, m.group(), name, "year", Point(year=y), weak=True)
    if name in ("<period> <y>-<y>",):
        y2 = _int(g["y2"])
        if not (y < y2 <= y + 100) or ("/" in m.group() and not g.get("kw")):
            return None
        if not g.get("kw") and regex.search(rf"[/.]\d{{1,2}}[/.]?{S0}$", text[max(0, s - 6):s]):
            return None
        return DateMatch(s, e, m.group(), name, "range", Point(year=y), Point(year=y2))
    if name in ("vụ <season> <y>", "năm <y>"):
        return DateMatch(s, e, m.group(), name, "year", Point(year=y))
    if name == "năm nay":
        before, after = text[max(0, s - 20):s], text[e:e + 15]
        if not g.get("edge") and (_PLURAL_BEFORE.search(before) or _ANAPHORIC_AFTER.match(after)):
            return None
        return DateMatch(s, e, m.group(), name, "year", Point(year_rel=_YREL[g["yrel"].lower()]))
    if name == "tháng trước":
        if _PLURAL_BEFORE.search(text[max(0, s - 20):s]) or _ANAPHORIC_AFTER.match(text[e:e + 15]):
            return None
        return DateMatch(s, e, m.group(), name, "month", Point(month_rel=_MREL[g["mrel"].lower()]))
    if name == "hôm nay":
        if _PLURAL_BEFORE.search(text[max(0, s - 20):s]):
            return None              # "mấy hôm nay": these days
        rel = _DEIC[_low(g.get("deic") or g.get("podrel"))]
        return DateMatch(s, e, m.group(), name, "day", Point(day_rel=rel))
    if name == "<weekday> tuần trước":
        return DateMatch(s, e, m.group(), name, "day",
                         Point(weekday=_weekdays()[_low(g["wd"])], week_rel=_WREL[_low(g["wrel"])]))
    if name in ("<holiday> <y>", "năm mới <Can Chi>"):
        return _lunar_atom(name, m, g, y)
    if name == "quý <q>/<y>":
        q = parse_roman(g["q"].upper()) or int(g["q"])
        yp = Point(year=y) if y else Point(year_rel=_YREL[g["yrel"].lower()]) if g.get("yrel") else Point()
        return DateMatch(s, e, m.group(), name, "quarter", replace(yp, month=3 * q - 2), replace(yp, month=3 * q))
    if name in ("<n> tháng đầu năm <y>", "nửa đầu năm <y>"):
        n = 6 if name.startswith("nửa") else _int(g["n"]) if g["n"].isdigit() else parse_number_words(g["n"])
        if not n or not 1 <= n <= 12:
            return None
        yp = Point(year=y) if y else Point(year_rel=_YREL[g["yrel"].lower()])
        first, last = (13 - n, 12) if (g.get("half") or "").lower() == "cuối" else (1, n)
        return DateMatch(s, e, m.group(), name, "range", replace(yp, month=first), replace(yp, month=last))
    mo, d = _int(g.get("m")), _int(g.get("d"))
    if mo is not None and not 1 <= mo <= 12 or d is not None and not 1 <= d <= 31:
        return None
    if name == "tháng <m> và <m>/<y>":
        m1 = _int(g["m1"])
        if not 1 <= m1 < mo:
            return None
        return DateMatch(s, e, m.group(), name, "range", Point(year=y, month=m1), Point(year=y, month=mo))
    if name in ("tháng <m>/<y>", "<m>/<y>"):
        if name == "<m>/<y>" and regex.match(r"[^\S\n]*(?:/|-\d)", text[e:e + 3]):
            return None
        yp = Point(year=y) if y else Point(year_rel=_YREL[g["yrel"].lower()]) if g.get("yrel") else Point()
        return DateMatch(s, e, m.group(), name, "month", replace(yp, month=mo))
    if name == "ngày <d>":
        return DateMatch(s, e, m.group(), name, "day", Point(day=d), weak=True)
    # day rules: a prefix (part of day, weekday, "ngày", "hôm qua (...)") makes a bare d/m a date
    cued = any(g.get(k) for k in ("pod", "wd", "kw", "deic"))
    if g.get("sep") == "." and not (g.get("kw") or y):
        return None                  # "12.5" without "ngày" is a decimal
    # the rule name shows the prefix that was printed: "<part of day> <d>/<m>", "<weekday>, ngày <d>/<m>/<y>"
    shown = "".join(label for key, label in (("pod", "<part of day> "), ("deic", "<hôm qua> "), ("wd", "<weekday>, "),
                                             ("kw", "ngày ")) if g.get(key)) + name
    if name in ("<d>-<d>/<m>/<y>", "<d> và <d>/<m>"):
        d1 = _int(g["d1"])
        if not 1 <= d1 < d or (name.startswith("<d>-") and not cued and not y):
            return None
        return DateMatch(s, e, m.group(), shown, "range", Point(y, mo, d1), Point(y, mo, d), weak=not cued)
    return DateMatch(s, e, m.group(), shown, "day", Point(y, mo, d), weak=not (cued or y))


def _lunar_atom(name, m, g, y) -> DateMatch | None:
    cc = regex.sub(r"\s+", " ", g["cc"]).replace("Mẹo", "Mão").replace("Tị", "Tỵ") if g.get("cc") else None
    if y and cc and _lunar_table().get(y, {}).get("can_chi") != cc:
        return None                          # the Can Chi contradicts the year: leave it
    if name == "năm mới <Can Chi>":
        point = Point(year=y) if y else Point(lunar=("year", cc))
        return DateMatch(m.start(), m.end(), m.group(), name, "year", point)
    if not (y or cc):
        return None                          # a bare "Tết" is not a date
    column = _holidays()[_low(g["hol"])]
    point = _lunar_day(column, y) if y else Point(lunar=(column, cc))
    return DateMatch(m.start(), m.end(), m.group(), name, "day", point) if point else None


# ---------------------------------------------------------------- match

def _parse(text: str) -> list[DateMatch]:
    candidates = []
    for order, (name, rx, core, width) in enumerate(_rules()):
        for m in _finditer(rx, core, width, text):
            atom = _atom(name, m, text)
            if atom is not None:
                candidates.append((atom, order))
    # longest first, then rule order; overlapping shorter readings are dropped
    candidates.sort(key=lambda c: (-(c[0].end - c[0].start), c[1], c[0].start))
    taken: list[DateMatch] = []
    for atom, _ in candidates:
        if all(atom.end <= t.start or t.end <= atom.start for t in taken):
            taken.append(atom)
    return _join_ranges(taken, text)


def match_dates(text: str, published=None) -> list[DateMatch]:
    """Every date in ``text`` resolved against ``published`` (see ``resolve_date``), in text
    order; dates that cannot be resolved are left out."""
    out = []
    for d in _parse(text):
        value = resolve_date(d, published)
        if value is not None:
            gran = d.granularity
            if "/" in value and gran not in ("quarter", "range"):
                gran = "range"
            out.append(replace(d, value=value, granularity=gran))
    return sorted(out, key=lambda d: d.start)


def find_dates(doc) -> list:
    """Spans labelled DATE with ``_.date_value`` and ``_.date_granularity``, resolved against
    ``doc._.published``; dates inside site boilerplate are left out."""
    spans, widened = [], []
    for d in match_dates(doc_text(doc), doc._.published):
        if in_boilerplate(doc, d.start, d.end):
            continue
        span = make_span(doc, d.start, d.end, "DATE", d.rule, date_value=d.value, date_granularity=d.granularity)
        if span is not None:
            spans.append(span)
            if span.text != d.text:
                widened.append((span, d.text))
    # a word that straddles the date ("Cũng trong sáng 13-1": "trong sáng" is one word) widens
    # the span; when the same date is also printed exactly, the widened copy adds nothing
    exact = {(s.text.casefold(), s._.date_value) for s in spans}
    drop = {id(s) for s, text in widened if (text.casefold(), s._.date_value) in exact}
    return [s for s in spans if id(s) not in drop]
