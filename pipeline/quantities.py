"""Statistics: every number that counts or measures something, with what it counts.

Built on the numerals stage: a number that is not part of a name, a code, a clock time or
a date (``span._.number_in_name``, ``doc.spans["dates"]``) and is not an award's count
becomes a statistic when a unit goes with it. The unit is read after the number: a measure
alone ("450 ha lúa" -> ``ha``; "5.230 tỷ đồng" -> 5 230 000 000 000 ``đồng``), a rate
("6,2 tấn/ha"), ``%``, or the counted noun phrase up to the first verb, preposition or
relative word ("3.072 thí sinh dự thi" -> ``thí sinh``). A few nouns give the unit before
the number ("điểm trung bình 6,75" -> 6,75 ``điểm``); ranks keep their rank word
("vị trí thứ 4"; "đứng thứ 3" -> ``thứ``); "từ 20 đến 25 ha" gives two statistics.

>>> [(s.text, s._.stat_value, s._.stat_unit) for s in find_statistics(nlp("Có 3.072 thí sinh dự thi."))]
[('3.072 thí sinh', 3072.0, 'thí sinh')]
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

import regex
from spacy.tokens import Doc, Span

from .resources import alternation, load_table
from .spans import AWARDS, DATES, NUMERALS, in_boilerplate, make_span

LABEL = "STAT"
_SP = r"[^\S\n]"
# numeral kinds that never count anything by themselves
_NEVER_KINDS = {"clock", "date", "year", "code", "phone", "roman"}
# underthesea POS tags that end a counted noun phrase after its head noun
_STOP_TAGS = {"V", "E", "C", "Cc", "CH", "R", "P", "M", "T", "I", "L", "X", "Z"}
# tags that cannot head a counted noun phrase; verbs and adjectives can, after digits: the
# tagger calls "đoàn viên" a verb and "trẻ" (children) an adjective
_BAD_HEAD_TAGS = {"R", "E", "C", "Cc", "P", "T", "I", "L", "CH"}
_MAX_UNIT_SYLLABLES = 6
_SPACES = regex.compile(rf"{_SP}+")
_SYLLABLE = regex.compile(r"[\p{L}\d][\p{L}\d\-²³]*|\S")


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


# ---------------------------------------------------------------- lexicons (data files)

def _alt(rows, column, where=lambda r: True):
    return alternation(r[column] for r in rows if where(r))


@lru_cache(maxsize=1)
def _lex() -> dict:
    measures = load_table("stat_measures")
    heads = load_table("stat_name_heads")
    guard = load_table("stat_award_guard")
    stops = load_table("stat_unit_stops")
    end = r"(?![\p{L}\d²³])"
    return {
        "percent": regex.compile(rf"{_SP}*%|{_SP}+phần{_SP}+trăm{end}", regex.I),
        # glued measures may touch the number ("500.000đ"); the others follow a space
        "measure": regex.compile(rf"(?:{_SP}*(?:{_alt(measures, 'unit', lambda r: r['attached'] == 'yes')})"
                                 rf"|{_SP}+(?:{_alt(measures, 'unit')})){end}"),
        "address": regex.compile(rf"(?:{_alt(load_table('stat_address_nouns'), 'noun')}){_SP}+\p{{Lu}}", regex.I),
        "referent": regex.compile(rf"{_SP}+(?i:{_alt(load_table('stat_word_referents'), 'noun')}){end}"),
        "compound": regex.compile(rf"(?:{_alt(load_table('stat_measure_compounds'), 'word')}){end}", regex.I),
        "rate": regex.compile(rf"(?:/{_SP}?(?:(?:{_alt(load_table('stat_rate_nouns'), 'noun')}){end}"
                              rf"|(?!\d)[\p{{L}}\d²³]+))+"),
        "stop": regex.compile(rf"(?:{_alt(stops, 'word')}){end}"),
        # at the head only closed-class words stop: a place noun may be what is counted ("12 xã")
        "head_stop": regex.compile(rf"(?:{_alt(stops, 'word', lambda r: r['kind'] != 'place')}){end}"),
        "pair": regex.compile(rf"(?:{_alt(load_table('stat_unit_pairs'), 'pair')}){end}"),
        "not_unit": regex.compile(rf"(?:{_alt(load_table('stat_not_units'), 'noun')}){end}", regex.I),
        "name_head": regex.compile(
            rf"(?<!\p{{L}})(?:(?i:{_alt(heads, 'head', lambda r: r['case'] == 'any')})"
            rf"|{alternation(r['head'][0].upper() + r['head'][1:] for r in heads if r['case'] == 'upper')})"
            rf"(?:{_SP}+số)?{_SP}+$"),
        "direction": [(regex.compile(rf"(?<!\p{{L}})(?i:{regex.escape(r['verb'])})$"), r["direction"])
                      for r in load_table("stat_directions")],
        "pre_unit": regex.compile(
            rf"(?<!\p{{L}})(?i:{_alt(load_table('stat_pre_units'), 'noun')}){end}"),
        "pre_unit_of": {r["noun"].lower(): r["unit"] for r in load_table("stat_pre_units")},
        "award_before": regex.compile(rf"(?<!\p{{L}})(?i:{_alt(guard, 'word', lambda r: r['role'] == 'award')})"
                                      rf"[^;.!?\n]*$"),
        "recipient": regex.compile(rf"(?:lượt{_SP}+)?(?i:{_alt(guard, 'word', lambda r: r['role'] == 'recipient')})"
                                   rf"(?!\p{{L}})"),
        "hedges": {r["qualifier"].lower(): r["in_text"] == "yes" for r in load_table("number_qualifiers")},
        "hedge_before": regex.compile(
            rf"(?<!\p{{L}})(?P<q>(?i:{_alt(load_table('number_qualifiers'), 'qualifier')})){_SP}+$"),
    }


# a rank printed before the number: "vị trí thứ 4", "đứng thứ 3", "xếp hạng 21/65 đoàn"
_RANK_BEFORE = regex.compile(
    rf"(?<!\p{{L}})(?:(?P<noun>vị{_SP}+trí|vị{_SP}+thứ){_SP}+)?(?P<word>thứ|hạng){_SP}+$", regex.I)
_RANK_VERB = regex.compile(rf"(?<!\p{{L}})(?:đứng|xếp|giữ|vươn{_SP}+lên|lên|tụt|xuống|đạt|giành|chiếm|"
                           rf"ở|vị{_SP}+trí|vị{_SP}+thứ){_SP}+$", regex.I)
# a duration that belongs to a date or a plan period: "6 tháng đầu năm 2022", "5 năm giai đoạn 2021-2025"
_DATE_DURATION = regex.compile(
    rf"{_SP}+(?:tháng|quý|năm){_SP}+(?:(?:đầu|cuối|giữa){_SP}+năm|năm{_SP}+(?:\d{{4}}|nay|qua|trước|ngoái|tới|học)"
    rf"|giai{_SP}+đoạn|nhiệm{_SP}+kỳ|\d{{4}}|\(\d{{4}})", regex.I)
_RANGE_LINK = regex.compile(rf"{_SP}*(?:[-–]|đến|tới){_SP}*")
_COMPARISON = regex.compile(
    rf"(?P<gap>[^\n.,;:!?\d]{{0,25}}?)(?<!\p{{L}})(?P<cmp>so{_SP}+với|so{_SP}+cùng{_SP}+kỳ)"
    rf"(?P<what>[^\n.,;:!?()\"“”]{{0,60}})", regex.I)
_DIRECTION_FILLER = regex.compile(rf"(?:{_SP}+(?:bình{_SP}+quân|trung{_SP}+bình|được|thêm|ước|ước{_SP}+tính"
                                  rf"|khoảng|hơn|gần|trên|là|đến|tới))*{_SP}*$", regex.I)
_SENTENCE_START = regex.compile(r"(?:[.!?](?=\s)|\n)[^.!?\n]*$")
_CAPITALIZED_HEAD = regex.compile(
    r"(?:Trung tâm|Bệnh viện|Trường|Công ty|Hợp tác xã|Chi bộ|Đảng bộ|Công đoàn|Sở|Phòng|Ban|Hội|Đội"
    r"|Tổ|Đoàn|Nhà máy|Xí nghiệp|Trạm|Khu|Cụm)(?!\p{L})")
_SCALE_IN = regex.compile(r"(?<!\p{L})(?:nghìn|ngàn|triệu|tỷ|tỉ)(?!\p{L})", regex.I)
# "26 vàng, 39 bạc và 43 đồng" are medals, not money
_MEDAL_LIST = regex.compile(r"\d+[^\S\n]+(?:HC[^\S\n]*|huy[^\S\n]+chương[^\S\n]+)?(?:vàng|bạc)(?!\p{L})[^.;\n]{0,40}$")


# ---------------------------------------------------------------- the unit after a number

class Tags:
    """underthesea POS tags looked up by character offset (none on a hand-built Doc)."""

    def __init__(self, doc: Doc):
        self.starts = [t.idx for t in doc]
        self.tokens = list(doc)

    def word(self, start: int):
        """The token that starts at ``start``; None inside a token (a word that shares a
        token with what precedes it gives no evidence)."""
        i = bisect_right(self.starts, start) - 1
        return self.tokens[i] if i >= 0 and self.tokens[i].idx == start else None

    def covering(self, pos: int):
        """The token whose characters include ``pos``."""
        i = bisect_right(self.starts, pos) - 1
        if i < 0 or pos >= self.tokens[i].idx + len(self.tokens[i].text):
            return None
        return self.tokens[i]

    def at(self, start: int) -> str | None:
        word = self.word(start)
        return (word.tag_ or None) if word is not None else None


def read_unit(text: str, pos: int, tags: Tags | None = None, *, strict: bool = False) -> tuple[str, int] | None:
    """The unit printed right after a number ending at ``pos``, and where it ends.

    >>> read_unit("2 triệu tấn lúa", 7)
    ('tấn', 11)
    >>> read_unit("3.072 thí sinh dự thi", 5)
    ('thí sinh', 14)
    """
    lex = _lex()
    for kind in ("percent", "measure"):
        m = lex[kind].match(text, pos)
        if m and kind == "measure" and _compound(text, m):
            break
        if m:
            rate = lex["rate"].match(text, m.end())
            end = rate.end() if rate else m.end()
            unit = text[pos:end].strip()
            return ("%" + unit[len(m.group().strip()):] if kind == "percent" else unit), end
    return _noun_phrase(text, pos, tags, strict)


def _noun_phrase(text: str, pos: int, tags: Tags | None, strict: bool) -> tuple[str, int] | None:
    """The counted noun phrase: a head noun, then words up to the first stop. ``strict``
    (after a spelled-out or multiplied number) also refuses a head the tagger calls a verb."""
    lex = _lex()
    space = _SPACES.match(text, pos)
    if not space:
        return None                      # glued to letters: "57kg", "F0", "200m"
    start = space.end()
    if lex["not_unit"].match(text, start) or _stops(lex["head_stop"], text, start, tags):
        return None
    pair = lex["pair"].match(text, start)
    head = _CAPITALIZED_HEAD.match(text, start)
    if tags and not pair and not head and (tags.at(start) in _BAD_HEAD_TAGS or strict and tags.at(start) in ("V", "A")):
        return None                      # "2 giỏi", "1 triệu gì đó", "5 triệu bù thêm"
    end = pair.end() if pair else (head.end() if head else None)
    # after a capitalised body noun, capitalised words belong to it ("9 Trung tâm Y tế");
    # after an abbreviation, only abbreviations do ("02 CĐCS DN", not "2 VĐV Phạm Văn Mách")
    caps = "any" if head else ("abbreviation" if regex.match(r"\p{Lu}{2,}", text[start:start + 2]) else None)
    cursor = end or start
    for w in _SYLLABLE.finditer(text, cursor):
        if text[cursor:w.start()].strip() or "\n" in text[cursor:w.start()]:
            break
        word = w.group()
        if not word[0].isalpha():
            break
        if end is None:                  # the head noun: capitalised only if an abbreviation
            if word[0].isupper() and not word.isupper():
                return None
        else:
            if _stops(lex["stop"], text, w.start(), tags) or lex["not_unit"].match(text, w.start()):
                break
            if word[0].isupper() and not (caps == "any" or caps == "abbreviation" and word.isupper()):
                break
            if tags and tags.at(w.start()) in _STOP_TAGS:
                break
            if regex.match(rf"(?:năm|tháng|ngày|quý){_SP}+(?:\d|nay|qua|này|trước|tới)", text[w.start():], regex.I):
                break
            if len(text[start:w.end()].split()) > _MAX_UNIT_SYLLABLES:
                break
        end = cursor = w.end()
    if end is None:
        return None
    rate = lex["rate"].match(text, end)
    end = rate.end() if rate else end
    return text[start:end], end


def _stops(rx, text: str, start: int, tags: Tags | None) -> bool:
    """A stop word at ``start``, unless the tagger reads it as part of a longer noun
    ("chỉ tiêu", not the adverb "chỉ"; "hợp tác xã", not the place "xã")."""
    m = rx.match(text, start)
    if not m or tags is None:
        return bool(m)
    word = tags.covering(start)
    if word is None:
        return True
    if word.idx < start:
        return not word.tag_.startswith("N")
    return not (word.idx + len(word.text) > m.end() and word.tag_.startswith("N"))


def _compound(text: str, m) -> bool:
    """A measure that is the first syllable of another noun ("187 đồng chí")."""
    return bool(_lex()["compound"].match(text, m.end() - len(m.group().lstrip())))


# ---------------------------------------------------------------- one numeral

@dataclass(frozen=True)
class Numeral:
    """A number expression at its exact characters (a span is widened to whole tokens,
    "1.250 viên" being one token, so the unit is read from the numeral's own end)."""
    start: int
    end: int
    text: str
    value: float
    total: float | None
    kind: str
    qualifier: str | None
    in_name: bool


def numerals_of(doc: Doc) -> list[Numeral]:
    """The numerals stage's numbers at character precision, in text order."""
    from .numerals import match_numerals

    if NUMERALS not in doc.spans:
        return []
    spans = sorted((s.start_char, s.end_char) for s in doc.spans[NUMERALS])
    starts = [s for s, _ in spans]
    out = []
    for m in match_numerals(doc.text):
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


def _inside(start: int, end: int, ranges) -> bool:
    return any(s <= start and end <= e for s, e, *_ in ranges)


def _core(n: Numeral) -> tuple[int, int, str | None]:
    """Where the statistic's text starts (with its hedge when the hedge is printed as part
    of it), where the number itself starts, and the hedge."""
    lex = _lex()
    rank = regex.match(rf"(?i:thứ|hạng){_SP}+", n.text)
    if rank:
        return n.start, n.start + rank.end(), None
    q = n.qualifier
    if q and n.text.lower().startswith(q.lower()):
        digits = n.start + len(q) + len(n.text[len(q):]) - len(n.text[len(q):].lstrip())
        return (n.start if lex["hedges"].get(q.lower(), True) else digits), digits, q
    return n.start, n.start, q


def _statistic(ctx: Context, n: Numeral) -> Stat | str | None:
    """The statistic a numeral states; "bare" for a number with no unit after it; "name"
    for a number inside a program name; None."""
    text, lex = ctx.text, _lex()
    if n.value is None or n.kind in _NEVER_KINDS:
        return None
    start, num_start, qualifier = _core(n)
    if num_start > n.start and qualifier is None:            # "thứ 4", "hạng 21/65"
        return _rank(ctx, n, num_start)
    if n.kind == "ordinal":
        return None
    before = text[max(0, start - 60):start]
    if lex["name_head"].search(before) or n.in_name and _name_like(text, n.end):
        return "name"
    if n.in_name or _inside(num_start, n.end, ctx.dates) or _DATE_DURATION.match(text, n.end) \
            or _code_tail(text, num_start, n):
        return None
    if any(s <= num_start and n.end <= e and (c is None or c == n.value) for s, e, c in ctx.awards):
        return None
    if n.text.rstrip().endswith("%") or regex.search(rf"phần{_SP}+trăm$", n.text):
        rate = lex["rate"].match(text, n.end)
        unit, end = "%" + (rate.group() if rate else ""), rate.end() if rate else n.end
    else:
        got = read_unit(text, n.end, ctx.tags, strict=n.kind in ("word", "fraction", "multiplier"))
        if got is None or _address(text, got):
            return "bare"
        unit, end = got
    if n.kind in ("word", "fraction") and (lex["referent"].match(text, n.end) or _inside_word(ctx.tags, n)
                                           or n.text.lower().split()[-1] in ("một", "nửa")
                                           and not lex["measure"].match(text, n.end)):
        return None
    if unit == "đồng" and _MEDAL_LIST.search(text, max(0, num_start - 60), num_start):
        return None
    if _award_count(ctx, num_start, unit) or _year_like(n) and _unit_rule(unit) != "<measure>":
        return None
    return Stat(start, end, n.value, unit, f"<n> {_unit_rule(unit)}", total=n.total, qualifier=qualifier)


def _code_tail(text: str, num_start: int, n: Numeral) -> bool:
    """The tail of a code or house number: "K1-51", "28768-70-72" (a range "20-40 USD" is not)."""
    return n.kind not in ("range", "percent") and num_start >= 2 and text[num_start - 1] in "-/" \
        and text[num_start - 2].isalnum()


def _year_like(n: Numeral) -> bool:
    """"Siêu mẫu Việt Nam 2004 khu vực": four bare digits from 1900 to 2099 are a year
    (news prints counts that large with a thousands dot: "2.004 hộ")."""
    return bool(regex.fullmatch(r"(?:19|20)\d\d", n.text))


def _address(text: str, got: tuple[str, int]) -> bool:
    """"287/80 đường Trần Quý Cáp": a house number before a street name."""
    unit, end = got
    return bool(_lex()["address"].fullmatch(text[end - len(unit):end + 3]))


def _inside_word(tags: Tags, n: Numeral) -> bool:
    """A number word the tagger reads inside a longer word ("năm xưa", "Ba Tri")."""
    first, last = tags.covering(n.start), tags.covering(n.end - 1)
    return first is not None and first.idx < n.start or last is not None and last.idx + len(last.text) > n.end


def _name_like(text: str, end: int) -> bool:
    """A number the numerals stage put in a name, followed by a noun: "Chương trình 75 ngàn
    sáng kiến" — the same words printed elsewhere are that name too."""
    return bool(regex.match(rf"{_SP}+\p{{Ll}}", text[end:end + 3]))


def _unit_rule(unit: str) -> str:
    if unit.startswith("%"):
        return "%"
    return "<measure>" if _lex()["measure"].fullmatch(" " + unit.split("/")[0]) else "<noun>"


def _award_count(ctx: Context, num_start: int, unit: str) -> bool:
    """"tặng Bằng khen cho 2 tập thể": an award count even where no award span covers it."""
    lex = _lex()
    if not lex["recipient"].fullmatch(unit.split(",")[0].strip()):
        return False
    clause_start = max(ctx.text.rfind(";", 0, num_start), ctx.text.rfind("\n", 0, num_start), 0)
    return bool(lex["award_before"].search(ctx.text[clause_start:num_start]))


def _rank(ctx: Context, n: Numeral, num_start: int) -> Stat | None:
    """"vị trí thứ 4" (unit vị trí), "xếp thứ 12/63 tỉnh, thành phố", "đứng thứ 3" (unit thứ);
    "lần thứ 9", "Kỳ họp thứ 9", "hạng Ba" are not ranks."""
    if n.in_name:
        return None
    before = ctx.text[max(0, n.start - 40):n.start]
    noun = regex.search(rf"(?<!\p{{L}})(?i:vị{_SP}+trí|vị{_SP}+thứ){_SP}+$", before)
    if not noun and not _RANK_VERB.search(before):
        return None
    start, end = (n.start - len(noun.group()), n.end) if noun else (n.start, n.end)
    unit = regex.sub(rf"{_SP}+", " ", noun.group().strip().lower()) if noun else n.text.split()[0].lower()
    if n.total is not None:
        got = read_unit(ctx.text, n.end, ctx.tags)
        if got:
            unit, end = got
    return Stat(start, end, n.value, unit, "<rank> <n>", total=n.total)


# ---------------------------------------------------------------- the whole doc

def statistics_in(doc: Doc) -> list[Stat]:
    """Every statistic in ``doc``, in text order (the pure part of :func:`find_statistics`)."""
    text = doc.text
    ctx = Context(text, Tags(doc),
                  [(s.start_char, s.end_char) for s in doc.spans[DATES]] if DATES in doc.spans else [],
                  [(s.start_char, s.end_char, s._.award_count) for s in doc.spans[AWARDS]]
                  if AWARDS in doc.spans else [])
    numerals = [n for n in numerals_of(doc) if not in_boilerplate(doc, n.start, n.end)]
    found = [_statistic(ctx, n) for n in numerals]
    # the words of a program name stay a name wherever they are printed again
    names = {_echo(n.text, (read_unit(text, n.end, ctx.tags) or ("",))[0])
             for n, got in zip(numerals, found) if got == "name"}
    stats: list[Stat] = []
    listed_until = -1          # a list of bare numbers that take their unit from before them
    for i, (n, got) in enumerate(zip(numerals, found)):
        if got == "bare":
            following = (numerals[i + 1], found[i + 1]) if i + 1 < len(numerals) else None
            got = _bare(ctx, n, following, listed_until)
            if got is not None and got.rule.startswith("<pre-unit>"):
                listed_until = _sentence_end(text, got.end)
        if isinstance(got, Stat):
            if _echo(n.text, got.unit) in names:
                continue
            stats.append(replace(got, direction=_direction(text, got.start), comparison=_comparison(text, got.end)))
    return stats


def _bare(ctx: Context, n: Numeral, following, listed_until: int) -> Stat | None:
    """A number with no unit after it: the first end of a range ("từ 20 đến 25 ha"), or a
    number whose unit is printed before it ("điểm trung bình 6,75; Toán 6,61")."""
    text = ctx.text
    if following and isinstance(following[1], Stat) and n.total is None \
            and _RANGE_LINK.fullmatch(text, n.end, following[0].start):
        return Stat(n.start, n.end, n.value, following[1].unit, "<n> - <n> <unit>", qualifier=n.qualifier)
    start, num_start, _ = _core(n)
    if n.kind not in ("cardinal", "decimal") or n.in_name:
        return None
    unit = _pre_unit(ctx, num_start, listed_until > num_start)
    if unit and (n.kind == "decimal" or listed_until <= num_start):
        return Stat(num_start, n.end, n.value, unit, "<pre-unit> <n>")
    return None


def _pre_unit(ctx: Context, num_start: int, listed: bool) -> str | None:
    """The unit of a noun printed before the number in the same sentence, close to it
    (or anywhere before it when the number continues a list)."""
    lex = _lex()
    sentence = _sentence_start(ctx.text, num_start)
    found = list(lex["pre_unit"].finditer(ctx.text, sentence, num_start))
    if not found:
        return None
    last = found[-1]
    gap = ctx.text[last.end():num_start]
    if listed or (len(gap) <= 40 and not regex.search(r"\d|[,.;!?]", gap)):
        return lex["pre_unit_of"][regex.sub(r"\s+", " ", last.group().lower())]
    return None


def _sentence_start(text: str, pos: int) -> int:
    m = _SENTENCE_START.search(text, max(0, pos - 400), pos)
    return m.start() + 1 if m else max(0, pos - 400)


def _sentence_end(text: str, pos: int) -> int:
    m = regex.search(r"[.!?](?=\s|$)|\n", text[pos:])
    return pos + m.start() if m else len(text)


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
    return regex.sub(r"\s+", " ", (m.group("cmp") + m.group("what")).strip())


def _echo(number: str, unit: str) -> str:
    """What identifies a program name's words: the number and the unit's first two words."""
    return _fold(number) + " " + " ".join(_fold(unit).split()[:2])


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def find_statistics(doc: Doc) -> list[Span]:
    """Statistic spans (label ``STAT``) with ``_.stat_value``, ``_.stat_total``, ``_.stat_unit``,
    ``_.stat_qualifier``, ``_.stat_direction`` and ``_.stat_comparison`` set.

    >>> [s._.stat_unit for s in find_statistics(nlp("Đạt 68,5 tạ/ha, tăng 2,3 tạ/ha so với vụ trước."))]
    ['tạ/ha', 'tạ/ha']
    """
    out = []
    for st in statistics_in(doc):
        span = make_span(doc, st.start, st.end, LABEL, st.rule, stat_value=st.value, stat_total=st.total,
                         stat_unit=st.unit, stat_qualifier=st.qualifier, stat_direction=st.direction,
                         stat_comparison=st.comparison)
        if span is not None:
            out.append(span)
    return out
