"""Statistics: every number that counts or measures something, with what it counts.

Built on the numerals stage: a number that is not part of a name, a code, a clock time or
a date (``span._.number_in_name``, ``doc.spans["dates"]``) and is not an award's count
becomes a statistic when a unit goes with it (``quantity_units.read_unit``): "3.072 thí sinh
dự thi" -> 3072 ``thí sinh``; "5.230 tỷ đồng" -> 5 230 000 000 000 ``đồng``. A few nouns
give the unit before the number ("điểm trung bình 6,75" -> 6,75 ``điểm``); ranks keep their
rank word ("vị trí thứ 4"; "đứng thứ 3" -> ``thứ``); "từ 20 đến 25 ha" gives two statistics.
The hedge ("hơn", "gần", "khoảng"), the direction ("tăng 15,3%") and the comparison
("so với năm 2021") printed around a statistic are kept with it.

>>> [(s.text, s._.stat_value, s._.stat_unit) for s in find_statistics(nlp("Có 3.072 thí sinh dự thi."))]
[('3.072 thí sinh', 3072.0, 'thí sinh')]
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

import regex
from spacy.tokens import Doc, Span

from .quantity_units import END, SP, Tags, alt, is_measure, rate_end, read_unit
from .resources import alternation, load_table
from .spans import AWARDS, DATES, NUMERALS, doc_text, in_boilerplate, make_span

LABEL = "STAT"
# numeral kinds that never count anything by themselves
# ("hàng trăm hộ", "vài chục người" are vague: an order of magnitude, no value)
_NEVER_KINDS = {"clock", "date", "year", "code", "phone", "roman", "vague"}
_RANK_WORD = regex.compile(rf"(?i:thứ|hạng){SP}+")
_RANK_NOUN = regex.compile(rf"(?<!\p{{L}})(?i:vị{SP}+trí|vị{SP}+thứ){SP}+$")
_RANK_VERB = regex.compile(rf"(?<!\p{{L}})(?i:đứng|xếp|giữ|vươn{SP}+lên|lên|tụt|xuống|đạt|giành"
                           rf"|chiếm|ở|vị{SP}+trí|vị{SP}+thứ){SP}+$")
# a duration that belongs to a date or a plan period: "6 tháng đầu năm 2022", "5 năm giai đoạn 2021-2025"
_DATE_DURATION = regex.compile(
    rf"{SP}+(?i:tháng|quý|năm){SP}+(?i:(?:đầu|cuối|giữa){SP}+năm"
    rf"|năm{SP}+(?:\d{{4}}|nay|qua|trước|ngoái|tới|học)|giai{SP}+đoạn|nhiệm{SP}+kỳ|\d{{4}}|\(\d{{4}})")
_RANGE_LINK = regex.compile(rf"{SP}*(?:[-–]|đến|tới){SP}*")
_NAME_WORD = regex.compile(rf"{SP}+\p{{Ll}}")
_COMPARISON = regex.compile(
    rf"(?P<gap>[^\n.,;:!?\d]{{0,25}}?)(?<!\p{{L}})(?P<cmp>(?i:so{SP}+với|so{SP}+cùng{SP}+kỳ))"
    rf"(?P<what>(?:(?!{SP}(?i:và|tăng|giảm|đạt|là|thì|nhưng|còn|trong khi)(?!\p{{L}}))"
    rf"(?:[^\n.,;:!?()\"“”]|(?<=\d)[.,](?=\d))){{0,60}})")
_DIRECTION_FILLER = regex.compile(rf"(?:{SP}+(?i:bình{SP}+quân|trung{SP}+bình|được|thêm|ước|ước{SP}+tính"
                                  rf"|khoảng|hơn|gần|trên|là|đến|tới))*{SP}*$")
_GAP_STOP = regex.compile(r"\d|[,.;:!?()\n]")
_NUMBER_LABEL = regex.compile(rf"(?<!\p{{L}})(?i:số|mã|hạng|lớp|câu|phòng){SP}+$")
_COUNTED_BEFORE = regex.compile(
    rf"(?<!\p{{L}})(?i:tổng{SP}+số|số{SP}+lượng|số)(?!{SP}+(?:báo|hiệu|điện|nhà|thứ|tiền))"
    rf"{SP}(?P<noun>\p{{Ll}}[^\n]*?)(?P<gap>(?<!\p{{L}})(?i:là|đạt|lên{SP}+tới|lên{SP}+đến|lên|tới|còn)"
    rf"(?:{SP}+(?i:khoảng|gần|hơn|trên))?{SP}+)$")
_SENTENCE_END = regex.compile(r"[.!?](?=\s|$)|\n")
# "26 vàng, 39 bạc và 43 đồng" are medals, not money
_MEDAL = (rf"\d+{SP}+(?:HC{SP}*|huy{SP}+chương{SP}+)?(?:vàng|bạc)(?!\p{{L}})"
          rf"(?:{SP}*[,;]{SP}*|{SP}+và{SP}+)")
_MEDAL_LIST = regex.compile(rf"{_MEDAL}(?:{_MEDAL})?$")
_PERCENT_WORDS = regex.compile(rf"phần{SP}+trăm$")


@lru_cache(maxsize=1)
def _lex() -> dict:
    guard = load_table("stat_award_guard")
    return {
        "direction": [(regex.compile(rf"(?<!\p{{L}})(?i:{regex.escape(r['verb'])})$"), r["direction"])
                      for r in load_table("stat_directions")],
        "pre_unit": regex.compile(rf"(?<!\p{{L}})(?i:{alt(load_table('stat_pre_units'), 'noun')}){END}"),
        "pre_unit_of": {r["noun"].lower(): r["unit"] for r in load_table("stat_pre_units")},
        "award_before": regex.compile(rf"(?<!\p{{L}})(?i:{alt(guard, 'word', lambda r: r['role'] == 'award')})"
                                      rf"[^;.!?\n]*$"),
        "recipient": regex.compile(rf"(?i:{alt(guard, 'word', lambda r: r['role'] == 'recipient')})(?!\p{{L}})"),
        "won": regex.compile(
            rf"{SP}+(?:(?i:đều|cùng|đã|vừa|lần lượt){SP}+)*"
            rf"(?i:{alt(load_table('stat_award_wins'), 'word', lambda r: r['role'] == 'verb')}){SP}+"
            rf"(?i:{alt(load_table('stat_award_wins'), 'word', lambda r: r['role'] == 'prize')})(?!\p{{L}})"),
        "referent": regex.compile(rf"{SP}+(?i:{alt(load_table('stat_word_referents'), 'noun')}){END}"),
        "hedges": {r["qualifier"].lower(): r["in_text"] == "yes" for r in load_table("number_qualifiers")},
    }


@dataclass(frozen=True)
class Stat:
    """One statistic; ``doc.text[start:end]`` is its printed text."""
    start: int
    end: int
    value: float
    unit: str
    rule: str
    total: float | None = None
    qualifier: str | None = None
    direction: str | None = None
    comparison: str | None = None


@dataclass(frozen=True)
class Numeral:
    """A number expression at its exact characters: a span is widened to whole tokens
    ("1.250 viên" is one token), so the unit is read from the numeral's own end."""
    start: int
    end: int
    text: str
    value: float
    total: float | None
    kind: str
    qualifier: str | None
    in_name: bool


def numerals_of(doc: Doc) -> list[Numeral]:
    """The numerals stage's numbers (``doc.spans["numerals"]``) at character precision."""
    from .numerals import doc_numerals

    if NUMERALS not in doc.spans:
        return []
    spans = sorted((s.start_char, s.end_char) for s in doc.spans[NUMERALS])
    starts = [s for s, _ in spans]
    out = []
    for m in doc_numerals(doc):
        i = bisect_right(starts, m.start) - 1
        if i >= 0 and m.end <= spans[i][1]:
            out.append(Numeral(m.start, m.end, m.text, m.value, m.total, m.kind, m.qualifier, m.in_name))
    return out


@dataclass
class Context:
    """What the whole doc says about where numbers are not statistics."""
    text: str
    tags: Tags
    dates: list[tuple[int, int]]
    awards: list[tuple[int, int, float | None]]


# ---------------------------------------------------------------- one numeral

def _core(n: Numeral) -> tuple[int, int, str | None]:
    """Where the statistic's text starts (with its hedge when the hedge is printed as part
    of it: "hơn 8.600 đoàn viên", but not "lên tới 40%"), where the number starts, the hedge."""
    rank = _RANK_WORD.match(n.text)
    if rank:
        return n.start, n.start + rank.end(), None
    q = n.qualifier
    if q and n.text.lower().startswith(q.lower()):
        digits = n.start + len(n.text) - len(n.text[len(q):].lstrip())
        return (n.start if _lex()["hedges"].get(q.lower(), True) else digits), digits, q
    return n.start, n.start, q


def _statistic(ctx: Context, n: Numeral) -> Stat | str | None:
    """The statistic a numeral states; "bare" for a number with no unit after it; "name"
    for a number inside a program name; "date" for one inside a date ("6 tháng đầu năm
    2022"); None for a number that is no statistic."""
    text, lex = ctx.text, _lex()
    if n.value is None or n.kind in _NEVER_KINDS:
        return None
    start, num_start, qualifier = _core(n)
    if num_start > n.start and qualifier is None:            # "thứ 4", "hạng 21/65"
        return _rank(ctx, n)
    if n.kind == "ordinal":
        return None                      # "lần thứ 9", "thứ Năm tuần trước"
    if n.in_name and _name_like(text, n.end):
        return "name"
    if _DATE_DURATION.match(text, n.end):
        return "date"
    if n.in_name or _inside(num_start, n.end, ctx.dates):
        return None
    if any(s <= num_start and n.end <= e and (c is None or c == n.value) for s, e, c in ctx.awards):
        return None
    if n.kind in ("word", "fraction") and lex["referent"].match(text, n.end):
        return None                      # "giữa hai nước": read before the unit, which may tag the sentence
    if n.text.endswith("%") or _PERCENT_WORDS.search(n.text):   # "30%", "30 phần trăm"
        end = rate_end(text, n.end, ctx.tags)            # "6,8%/năm"
        unit = "%" + text[n.end:end]
    else:
        got = read_unit(text, n.end, ctx.tags, strict=n.kind in ("word", "fraction", "multiplier"))
        if got is None:
            return "bare"
        unit, end = got
    if n.kind in ("word", "fraction") and n.text.lower().split()[-1] in ("một", "nửa") and not is_measure(unit):
        return None                      # "một doanh nghiệp"
    if unit == "đồng" and _MEDAL_LIST.search(text, max(0, num_start - 60), num_start):
        return None
    if _award_count(ctx, num_start, unit, end):
        return None
    rule = "<n> %" if unit.startswith("%") else ("<n> <measure>" if is_measure(unit) else "<n> <noun>")
    return Stat(start, end, n.value, unit, rule, total=n.total, qualifier=qualifier)


def _inside(start: int, end: int, ranges) -> bool:
    return any(s <= start and end <= e for s, e, *_ in ranges)


def _name_like(text: str, end: int) -> bool:
    """A number the numerals stage put in a name, followed by a noun: "Chương trình 75 ngàn
    sáng kiến"; the same words printed elsewhere are that name too."""
    return bool(_NAME_WORD.match(text[end:end + 3]))


def _award_count(ctx: Context, num_start: int, unit: str, end: int) -> bool:
    """"tặng Bằng khen cho 2 tập thể", "4 tiết mục đạt HCV": an award count even where no award
    span covers it."""
    lex = _lex()
    won = lex["won"].search(ctx.text, num_start, end + 60)
    if won and won.start() <= end:       # the verb may be read into the unit: "3 tác phẩm đoạt | được giải A"
        return True
    if not lex["recipient"].match(unit):
        return False
    clause_start = max(ctx.text.rfind(";", 0, num_start), ctx.text.rfind("\n", 0, num_start), 0)
    return bool(lex["award_before"].search(ctx.text[clause_start:num_start]))


def _rank(ctx: Context, n: Numeral) -> Stat | None:
    """"vị trí thứ 4" (unit vị trí), "xếp thứ 12/63 tỉnh, thành phố", "đứng thứ 3" (unit thứ);
    "lần thứ 9", "Kỳ họp thứ 9", "hạng Ba" are not ranks."""
    if n.in_name:
        return None
    before = ctx.text[max(0, n.start - 40):n.start]
    noun = _RANK_NOUN.search(before)
    if not noun and not _RANK_VERB.search(before):
        return None
    start, end = (n.start - len(noun.group()), n.end) if noun else (n.start, n.end)
    unit = " ".join(noun.group().lower().split()) if noun else n.text.split()[0].lower()
    if n.total is not None:
        got = read_unit(ctx.text, n.end, ctx.tags)
        if got:
            unit, end = got
    return Stat(start, end, n.value, unit, "<rank> <n>", total=n.total)


# ---------------------------------------------------------------- the whole doc

def statistics_in(doc: Doc) -> list[Stat]:
    """Every statistic in ``doc``, in text order (the pure part of :func:`find_statistics`)."""
    text = doc_text(doc)
    ctx = Context(text, Tags(doc),
                  [(s.start_char, s.end_char) for s in doc.spans[DATES]] if DATES in doc.spans else [],
                  [(s.start_char, s.end_char, s._.award_count) for s in doc.spans[AWARDS]]
                  if AWARDS in doc.spans else [])
    numerals = [n for n in numerals_of(doc)
                if not in_boilerplate(doc, n.start, n.end)]
    found = [_statistic(ctx, n) for n in numerals]
    stats: list[tuple[str, Stat]] = []
    listed = ("", -1)          # a list of bare scores that take the unit of the one before them
    for i, (n, got) in enumerate(zip(numerals, found)):
        if got == "bare":
            following = (numerals[i + 1], found[i + 1]) if i + 1 < len(numerals) else None
            got = _bare(ctx, n, following, listed)
        if isinstance(got, Stat) and (got.rule.startswith("<pre-unit>") or got.unit == "điểm"):
            listed = (got.unit, _sentence_end(text, got.end))
        if isinstance(got, Stat):
            stats.append((_echo(n.text, got.unit), got))
    names = _name_echoes(ctx, [n for n, got in zip(numerals, found) if got in ("name", "date")],
                         {echo for echo, _ in stats})
    return [replace(st, direction=_direction(text, st.start), comparison=_comparison(text, st.end))
            for echo, st in stats if echo not in names]


def _name_echoes(ctx: Context, names: list[Numeral], echoes: set[str]) -> set[str]:
    """The words of a program name stay a name wherever they are printed again, and a period
    printed as part of a date ("9 tháng năm 2022") is that period in the headline too: which
    of the statistics' ``echoes`` repeat such a name. A name's unit is read (which may tag its
    sentence) only when its number opens one of them."""
    openings = {" ".join(echo.split()[:k]) for echo in echoes for k in range(1, len(echo.split()) + 1)}
    return {_echo(n.text, (read_unit(ctx.text, n.end, ctx.tags) or ("",))[0])
            for n in names if _echo(n.text, "") in openings}


def _bare(ctx: Context, n: Numeral, following, listed: tuple[str, int]) -> Stat | None:
    """A number with no unit after it: the first end of a range ("từ 20 đến 25 ha"), a number
    whose unit is printed before it ("điểm trung bình 6,75"; "Tổng số hộ bị cháy là 29"), or a
    score in a list after another ("Ngữ văn 6,92 điểm; Toán 6,61")."""
    text = ctx.text
    if following and isinstance(following[1], Stat) and n.total is None \
            and _RANGE_LINK.fullmatch(text, n.end, following[0].start):
        start, num_start, qualifier = _core(n)
        if qualifier == "từ":            # "từ 20 đến 30 triệu đồng": a range word, not a threshold
            start, qualifier = num_start, None
        return Stat(start, n.end, n.value, following[1].unit, "<n> - <n> <unit>", qualifier=qualifier)
    if n.kind not in ("cardinal", "decimal", "ratio") or n.in_name:
        return None
    num_start = _core(n)[1]
    if n.kind != "ratio" and listed[1] > num_start and n.value <= 100 \
            and not _NUMBER_LABEL.search(text, max(0, num_start - 8), num_start):
        return Stat(num_start, n.end, n.value, listed[0], "<pre-unit> <n> (list)")
    # "điểm trung bình 6,75", "điểm trung bình tích lũy 3,86/4": the unit printed before the number
    unit = _pre_unit(ctx, num_start)
    if unit and (n.kind == "decimal" or n.value != int(n.value)
                 or _lex()["pre_unit"].search(text, max(0, num_start - 30), num_start)):
        return Stat(num_start, n.end, n.value, unit, "<pre-unit> <n>", total=n.total)
    unit = _counted_before(ctx, num_start) if n.kind == "cardinal" else None
    return Stat(num_start, n.end, n.value, unit, "số <noun> là <n>") if unit else None


def _pre_unit(ctx: Context, num_start: int) -> str | None:
    """The unit of a noun printed shortly before the number in the same clause."""
    lex = _lex()
    found = list(lex["pre_unit"].finditer(ctx.text, max(0, num_start - 60), num_start))
    if found and len(gap := ctx.text[found[-1].end():num_start]) <= 40 and not _GAP_STOP.search(gap):
        return lex["pre_unit_of"][" ".join(found[-1].group().lower().split())]
    return None


def _counted_before(ctx: Context, num_start: int) -> str | None:
    """"Tổng số hộ bị cháy là 29", "số ca mắc mới lên tới 120": the noun after "số" is the unit
    when the clause links it to the number with "là", "đạt", "lên tới"."""
    m = _COUNTED_BEFORE.search(ctx.text, max(0, num_start - 60), num_start)
    if not m or _GAP_STOP.search(m.group("gap")):
        return None
    got = read_unit(ctx.text, m.start("noun") - 1, ctx.tags)
    return got[0] if got and got[1] <= m.start("gap") + len(m.group("gap")) and not is_measure(got[0]) else None


def _sentence_end(text: str, pos: int) -> int:
    m = _SENTENCE_END.search(text, pos)
    return m.start() if m else len(text)


def _direction(text: str, start: int) -> str | None:
    """tăng/giảm printed right before the statistic ("tăng 15,3%", "giảm 2 bậc"); not for
    the level reached ("giảm còn 2,1%", "tăng lên 30%")."""
    before = text[max(0, start - 40):start]
    before = before[:_DIRECTION_FILLER.search(before).start()]
    for rx, direction in _lex()["direction"]:
        if rx.search(before):
            return direction
    return None


def _comparison(text: str, end: int) -> str | None:
    """"so với năm 2021" printed after the statistic in the same clause."""
    m = _COMPARISON.match(text, end)
    if not m or not m.group("what").strip():
        return None
    return " ".join((m.group("cmp") + m.group("what")).split())


def _echo(number: str, unit: str) -> str:
    """What identifies a program name's words: the number and the unit's first two words."""
    return " ".join(number.casefold().split() + unit.casefold().split()[:2])


def find_statistics(doc: Doc) -> list[Span]:
    """Statistic spans (label ``STAT``) with ``_.stat_value``, ``_.stat_total``, ``_.stat_unit``,
    ``_.stat_qualifier``, ``_.stat_direction`` and ``_.stat_comparison`` set.

    >>> [s._.stat_unit for s in find_statistics(nlp("Đạt 68,5 tạ/ha, tăng 2,3 tạ/ha so với vụ trước."))]
    ['tạ/ha', 'tạ/ha']
    """
    out, taken = [], set()
    for st in reversed(statistics_in(doc)):
        start = st.start
        # span attributes are stored by character offsets: when the tokenizer joined both ends
        # of a range into one word ("22-23 điểm"), the first end takes the word before it too
        while (span := doc.char_span(start, st.end, alignment_mode="expand")) is not None \
                and (span.start_char, span.end_char) in taken and span.start > 0:
            start = doc[span.start - 1].idx
        if span is None or (span.start_char, span.end_char) in taken:
            continue
        taken.add((span.start_char, span.end_char))
        out.append(make_span(doc, start, st.end, LABEL, st.rule, stat_value=st.value, stat_total=st.total,
                             stat_unit=st.unit, stat_qualifier=st.qualifier, stat_direction=st.direction,
                             stat_comparison=st.comparison))
    return [span for span in reversed(out) if span is not None]
