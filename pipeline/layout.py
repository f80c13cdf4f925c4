"""Layout: headline, dateline (→ ``published``), byline (→ ``author``) and site boilerplate.

It runs early because the date resolver needs the reference date. Every decision is
per line: news pages put each of these parts on a line of its own.

>>> layout_of("Tiêu đề bài báo\\n18/01/2021 - 14:18\\nA A\\nNội dung.\\nMỸ HẠNH").published
'2021-01-18T14:18'
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex
from spacy.tokens import Doc

from .resources import alternation, load_lexicon
from .spans import LAYOUT, doc_text, make_span

_WEEKDAY = r"(?:thứ[ ]+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ[ ]+nhật|CN|T[2-7])"
_TIME = r"(?P<H>[01]?\d|2[0-3])\s*[:hg]\s*(?P<M>[0-5]\d)(?::[0-5]\d)?(?:\s*(?P<ampm>AM|PM|SA|CH))?"
_DATE = (r"(?:ngày[ ]+)?(?:(?P<d>[0-3]?\d)[/.-](?P<m>[01]?\d)[/.-](?P<y>(?:19|20)\d\d)"
         r"|(?P<d2>[0-3]?\d)[ ]+tháng[ ]+(?P<m2>[01]?\d)(?:[ ]+năm|,)[ ]+(?P<y2>(?:19|20)\d\d)"
         r"|(?P<y3>(?:19|20)\d\d)-(?P<m3>[01]\d)-(?P<d3>[0-3]\d))")
_PREFIX = alternation(load_lexicon("dateline_prefixes"))
# what may stand around the date on a dateline: weekday, clock time, prefixes, time zone, separators
_DATELINE_FILLER = regex.compile(
    rf"(?:\s|[,|\-–—:()]|{_WEEKDAY}|lúc|ngày|sáng|chiều|tối|trưa|{_PREFIX}|\(?GMT\s*[+-]\s*\d{{1,2}}\)?"
    rf"|\[?\d{{1,2}}\s*[:hg]\s*\d\d(?::\d\d)?(?:\s*(?:AM|PM|SA|CH))?\]?)*",
    regex.I)
_DATE_RE = regex.compile(_DATE, regex.I)
_TIME_RE = regex.compile(_TIME, regex.I)
_BOILERPLATE = [regex.compile(p, regex.I) for p in load_lexicon("boilerplate")]
_BYLINE_LABEL = regex.compile(rf"^(?:{alternation(load_lexicon('byline_prefixes'))})\s*:\s*(?P<name>.+)$", regex.I)
_AGENCY = regex.compile(r"^(?:Theo|Nguồn)\s*:?\s+(?P<name>\p{Lu}[\p{L}\d .\-&]{1,60})$")
_NAME_WORD = r"(?:\p{Lu}[\p{L}]*\.?|\p{Lu}\.\p{Lu}[\p{L}]*)"
_PERSON_BYLINE = regex.compile(rf"^{_NAME_WORD}(?:[ ]+{_NAME_WORD}){{0,4}}(?:\s*[-–,]\s*{_NAME_WORD}(?:[ ]+{_NAME_WORD}){{0,4}})*$")
_SECTION_LABEL = regex.compile(r"^[\p{Lu}\d ,\-–&/]+$")
_EXHORTATION = regex.compile(r"!\s*$")


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str


@dataclass
class Layout:
    headline: Line | None = None
    dateline: Line | None = None
    byline: Line | None = None
    published: str | None = None
    author: str | None = None
    boilerplate: list[Line] = field(default_factory=list)


def split_lines(text: str) -> list[Line]:
    """Non-empty lines with their offsets, stripped of surrounding spaces."""
    out = []
    for m in regex.finditer(r"[^\n]+", text):
        body = m.group()
        if body.strip():
            lead = len(body) - len(body.lstrip())
            out.append(Line(m.start() + lead, m.start() + len(body.rstrip()), body.strip()))
    return out


def parse_dateline(line: str) -> str | None:
    """ISO date (with ``THH:MM`` when a clock time is printed) when the whole line is a dateline.

    >>> parse_dateline("Thứ Hai, 10/7/2023 08:30")
    '2023-07-10T08:30'
    """
    if len(line) > 80:
        return None
    dates = list(_DATE_RE.finditer(line))
    if len(dates) != 1:
        return None
    date = dates[0]
    rest = line[:date.start()] + " " + line[date.end():]
    if not _DATELINE_FILLER.fullmatch(rest):
        return None
    day = int(date["d"] or date["d2"] or date["d3"])
    month = int(date["m"] or date["m2"] or date["m3"])
    year = date["y"] or date["y2"] or date["y3"]
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    iso = f"{year}-{month:02d}-{day:02d}"
    time = _TIME_RE.search(rest)
    if time:
        hour = int(time["H"])
        afternoon = (time["ampm"] or "").upper() in ("PM", "CH") or regex.search(r"\b(?:chiều|tối)\b", rest, regex.I)
        if afternoon and hour < 12:
            hour += 12
        iso += f"T{hour:02d}:{time['M']}"
    return iso


def is_boilerplate(line: str) -> bool:
    """Site furniture: font buttons, share bars, menus, related-article lists, counters."""
    if len(line) > 200:
        return False
    if any(p.fullmatch(line) for p in _BOILERPLATE):
        return True
    # menus: many short items separated by "|" or runs of spaces
    items = [item for item in regex.split(r"\s*\|\s*|\s{2,}", line) if item.strip()]
    return len(items) >= 4 and all(len(item.split()) <= 4 for item in items)


def byline_name(line: str) -> str | None:
    """The author printed on a byline line, or None when the line is not one.

    >>> byline_name("Bài, ảnh: PHƯƠNG LAN")
    'PHƯƠNG LAN'
    """
    m = _BYLINE_LABEL.match(line)
    if m:
        return m["name"].strip()
    m = _AGENCY.match(line)
    if m:
        return m["name"].strip()
    if line.upper() == "PV" or (len(line) <= 40 and _PERSON_BYLINE.match(line) and not line.endswith(".")):
        return line
    return None


def layout_of(text: str) -> Layout:
    """Find the layout parts of an article's normalized text."""
    lines = split_lines(text)
    result = Layout()
    # the dateline is near the top; some sites print it at the foot
    candidates = lines[:12] + lines[-4:]
    for line in candidates:
        published = parse_dateline(line.text)
        if published:
            result.dateline, result.published = line, published
            break
    result.boilerplate = [line for line in lines if is_boilerplate(line.text)]
    junk = {line.start for line in result.boilerplate}
    top = lines[: lines.index(result.dateline)] if result.dateline else lines
    # above the headline: section labels in capitals and slogan banners
    for line in top:
        if line.start in junk:
            continue
        if _SECTION_LABEL.match(line.text) or (_EXHORTATION.search(line.text) and line is not top[-1]):
            result.boilerplate.append(line)
            junk.add(line.start)
        elif not result.dateline:
            break  # no dateline: the first content line is the headline
    heads = [line for line in top if line.start not in junk]
    if heads:
        result.headline = heads[-1] if result.dateline else heads[0]
    result.byline, result.author = _find_byline(lines, result, junk)
    return result


def _find_byline(lines: list[Line], layout: Layout, junk: set[int]) -> tuple[Line | None, str | None]:
    content = [line for line in lines if line.start not in junk]
    if layout.dateline in lines:  # right under the dateline
        after = lines[lines.index(layout.dateline) + 1:]
        after = [line for line in after if line.start not in junk][:1]
    else:
        after = []
    tail = content[-1:] if content else []
    for line in tail + after:
        if line is layout.headline or line is layout.dateline:
            continue
        name = byline_name(line.text)
        if name:
            return line, name
    return None, None


def set_layout(doc: Doc) -> Doc:
    """Store the layout on the Doc: ``doc._.published``, ``doc._.author``, ``doc._.headline``,
    and the parts as labelled spans in ``doc.spans["layout"]``."""
    layout = layout_of(doc_text(doc))
    if doc._.published is None:
        doc._.published = layout.published
    if doc._.author is None:
        doc._.author = layout.author
    doc._.headline = layout.headline.text if layout.headline else None
    parts = [(layout.headline, "HEADLINE"), (layout.dateline, "DATELINE"), (layout.byline, "BYLINE")]
    parts += [(line, "BOILERPLATE") for line in layout.boilerplate]
    spans = [make_span(doc, line.start, line.end, label, rule=f"layout:{label.lower()}")
             for line, label in parts if line is not None]
    doc.spans[LAYOUT] = [span for span in spans if span is not None]
    return doc
