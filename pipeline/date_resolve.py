"""Resolving dates: a parsed date (``Point``s in a ``DateMatch``) against the article's
dateline, Duckling's resolve step; also the intervals ("từ ... đến ...") built from parsed
atoms and the lunar holidays fixed from their table. The rules that parse text into these
atoms are in dates.py.

>>> resolve_date(DateMatch(0, 7, "hôm qua", "hôm nay", "day", Point(day_rel=-1)), "2021-01-18")
'2021-01-17'
>>> tet = Point(lunar=("tet", "Nhâm Dần"))      # "Tết Nhâm Dần": the year is the nearest Nhâm Dần
>>> resolve_date(DateMatch(0, 12, "Tết Nhâm Dần", "<holiday> <y>", "day", tet), "2022-01-20")
'2022-02-01'
"""
from __future__ import annotations

import calendar
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

import regex

from .resources import load_table

S, S0 = r"[^\S\n]+", r"[^\S\n]*"


@dataclass(frozen=True)
class Point:
    """A calendar point as printed: absent fields are None; ``*_rel`` are offsets from the
    reference date (``year_rel=-1`` for "năm ngoái", ``day_rel=-1`` for "hôm qua")."""
    year: int | None = None
    month: int | None = None
    day: int | None = None
    year_rel: int | None = None
    month_rel: int | None = None
    day_rel: int | None = None
    weekday: int | None = None      # with week_rel: "thứ Hai tuần trước"
    week_rel: int | None = None
    lunar: tuple[str, str] | None = None   # (holiday column, Can Chi) when only the Can Chi fixes the year
    month_end: bool = False         # the last month of a period ("6 tháng đầu năm" -> month 6)


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    text: str
    rule: str
    granularity: str                 # day, month, quarter, year, range
    first: Point
    last: Point | None = None        # the end of an interval
    weak: bool = False               # only a date inside a range ("ngày 7" in "từ ngày 7 đến 9/12")
    value: str | None = None         # ISO value once resolved

    def to_dict(self) -> dict:
        return asdict(self)


@lru_cache(maxsize=1)
def _lunar_table() -> dict[int, dict[str, str]]:
    return {int(r["year"]): r for r in load_table("lunar_holidays")}


def _lunar_day(column: str, year: int) -> Point | None:
    row = _lunar_table().get(year)
    if not row:
        return None
    yy, mm, dd = (int(x) for x in row[column].split("-"))
    return Point(yy, mm, dd)


# ---------------------------------------------------------------- ranges

_CLOSE_RANGE = regex.compile(rf"^(?:{S}(?:đến|tới){S}|{S0}[-–]{S0})$", regex.I)
_FROM = regex.compile(rf"(?<![\p{{L}}])(?i:từ){S}$")


def _inherit(a: Point, b: Point) -> tuple[Point, Point]:
    """The first end of "từ ngày 7 đến 9/12/2022" takes month and year from the second."""
    if a.month is None and b.month is not None and a.day is not None:
        a = replace(a, month=b.month)
    if a.year is None and b.year is not None and (a.month is not None):
        a = replace(a, year=b.year)
        if (a.month, a.day or 0) > (b.month or 12, b.day or 31):
            a = replace(a, year=b.year - 1)           # "từ 20/12 đến 15/1/2022"
    if b.year is None and a.year is not None and b.month is not None:
        b = replace(b, year=a.year + (1 if (b.month, b.day or 0) < (a.month or 1, a.day or 0) else 0))
    return a, b


def _level(p: Point) -> str:
    return "day" if p.day is not None else "month" if p.month is not None else "year"


def _join_ranges(atoms: list[DateMatch], text: str) -> list[DateMatch]:
    """Merge "từ A đến B" and "A - B" into one interval; a lone weak atom is dropped."""
    atoms = sorted(atoms, key=lambda a: a.start)
    out, i = [], 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        if b and b.start >= a.end and _CLOSE_RANGE.match(text[a.end:b.start]) and a.last is None \
                and b.last is None and _mergeable(a, b):
            frm = _FROM.search(text[max(0, a.start - 10):a.start])
            dash = "đến" not in text[a.end:b.start] and "tới" not in text[a.end:b.start]
            if frm or not (a.weak and b.weak) and (not dash or not (a.weak or b.weak)):
                first, last = _inherit(a.first, b.first)
                start = a.start - len(frm.group()) if frm else a.start
                out.append(DateMatch(start, b.end, text[start:b.end], f"từ {a.rule} đến {b.rule}", "range",
                                     first, last))
                i += 2
                continue
        out.append(a)
        i += 1
    return [d for d in out if not d.weak]


def _mergeable(a: DateMatch, b: DateMatch) -> bool:
    if any(x is not None for p in (a.first, b.first) for x in (p.year_rel, p.month_rel, p.day_rel, p.week_rel,
                                                                  p.lunar)):
        return False
    la, lb = _level(a.first), _level(b.first)
    return la == lb or (la == "day" and a.first.month is None and lb == "day")


# ---------------------------------------------------------------- resolve

def parse_published(published) -> date | None:
    """The reference date of a ``published`` value "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"."""
    if not published:
        return None
    m = regex.match(r"(\d{4})-(\d{2})-(\d{2})", str(published))
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
    except ValueError:
        return None


def _resolve_point(p: Point, ref: date | None, *, is_end: bool = False) -> str | None:
    if p.day_rel is not None:
        return (ref + timedelta(days=p.day_rel)).isoformat() if ref else None
    if p.week_rel is not None or p.weekday is not None and p.week_rel is None and p.day is None:
        if not ref:
            return None
        if p.week_rel is None:       # "thứ Hai vừa qua": the last such day before the dateline
            back = (ref.isoweekday() - p.weekday) % 7 or 7
            return (ref - timedelta(days=back)).isoformat()
        monday = ref - timedelta(days=ref.isoweekday() - 1)
        return (monday + timedelta(days=7 * p.week_rel + p.weekday - 1)).isoformat()
    if p.month_rel is not None:
        if not ref:
            return None
        k = ref.year * 12 + ref.month - 1 + p.month_rel
        return f"{k // 12:04d}-{k % 12 + 1:02d}"
    if p.lunar is not None:
        return _resolve_lunar(p, ref)
    year = p.year
    if year is None and p.year_rel is not None:
        if not ref:
            return None
        year = ref.year + p.year_rel
    if year is None and p.month is not None:
        if not ref:
            return f"--{p.month:02d}-{p.day:02d}" if p.day else None
        year = ref.year
        if p.day:          # a day more than half a year away from the dateline is in the other year
            try:
                gap = (date(year, p.month, p.day) - ref).days
            except ValueError:
                return None
            year += -1 if gap > 200 else 1 if gap < -200 else 0
    if year is None:
        return None
    if p.month is None:
        return f"{year:04d}"
    if p.day is None:
        return f"{year:04d}-{p.month:02d}"
    if p.day > calendar.monthrange(year, p.month)[1]:
        return None
    return f"{year:04d}-{p.month:02d}-{p.day:02d}"


def _resolve_lunar(p: Point, ref: date | None) -> str | None:
    column, cc = p.lunar
    if not ref:
        return None
    years = [y for y in (ref.year - 1, ref.year, ref.year + 1) if _lunar_table().get(y, {}).get("can_chi") == cc]
    if not years:
        return None
    if column == "year":
        return f"{years[0]:04d}"
    point = _lunar_day(column, years[0])
    return _resolve_point(point, ref) if point else None


def resolve_date(match: DateMatch, published=None) -> str | None:
    """The ISO value of a parsed date against the dateline ``published``: "YYYY", "YYYY-MM",
    "YYYY-MM-DD", "--MM-DD", or "START/END"; None when it cannot be fixed (a deictic
    date without a dateline)."""
    ref = parse_published(published) if not isinstance(published, date) else published
    first = _resolve_point(match.first, ref)
    if first is None:
        return None
    if match.last is None:
        return first
    last = _resolve_point(match.last, ref, is_end=True)
    if last is None:
        return None
    if first == last:
        return first
    return f"{first}/{last}" if first.lstrip("-") <= last.lstrip("-") else None
