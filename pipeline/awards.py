"""Awards: who granted which distinction to whom, how many, and for which year.

>>> doc = pipeline.process("Dịp này, Liên đoàn Lao động tỉnh An Giang tặng cờ thi đua 10 tập thể và "
...                        "tặng bằng khen 24 tập thể đạt thành tích xuất sắc năm 2020.")
>>> [(s._.award_giver, s._.award_name, s._.award_count, s._.award_recipient, s._.award_year)
...  for s in doc.spans["awards"]]
[('Liên đoàn Lao động tỉnh An Giang', 'cờ thi đua', 10, 'tập thể', 2020),
 ('Liên đoàn Lao động tỉnh An Giang', 'bằng khen', 24, 'tập thể', 2020)]

Per sentence: the award phrases (lexicon, :mod:`pipeline.award_phrases`), the trigger verb
that governs each, then the giver (subject of a grant verb, "được X tặng", "của X",
"do X trao", "Thừa ủy quyền của X"), the recipient groups (after "cho", right after the
award, or the subject of a receive verb) and the year. Last, rows that a headline or a
caption only repeats are merged into the fuller row, so each award is listed once.
A person who only hands an award over is never its giver. Each span covers the award
phrase and its count, so the statistics stage can leave award counts alone.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import regex
from spacy.tokens import Doc, Span

from .award_phrases import (NUMBER, NUMBER_BEFORE, REPEATS_BEFORE, SP, AwardPhrase, Trigger, award_phrases,
                            blocked, giver_head_at, rule_statement_after, triggers)
from .award_context import Subject
from .award_rows import Row, merge_rows, personal_titles
from .award_subjects import Clauses as Context
from .spans import make_span

LABEL = "AWARD"

_CHAIN_GAP = regex.compile(rf"^{SP}*(?:,|và|,{SP}*và|cùng|;)?{SP}*$")
_PASSIVE_BEFORE = regex.compile(rf"được{SP}+(?:(?:chính thức|vinh dự|lần lượt){SP}+)?$")
_CEREMONY_BEFORE = regex.compile(rf"lễ(?:{SP}+(?:long trọng|chính thức))?{SP}+$", regex.I)
# "<A> tổ chức lễ kỷ niệm 92 năm Ngày thành lập <B> (...) và đón nhận ...": A hosts and receives;
# B only names the anniversary
_HOST = regex.compile(rf"(?<![\p{{L}}\p{{M}}])tổ{SP}+chức{SP}+(?:buổi{SP}+)?(?:lễ|họp mặt|hội nghị|đại hội|chương trình)"
                      rf"(?![\p{{L}}\p{{M}}])[^;:\n]*?(?:,{SP}*|{SP}+)(?:và|đồng thời|kết hợp){SP}+$", regex.I)
_OF = regex.compile(rf"{SP}*(?:của|do){SP}+", regex.I)
_AFTER_FILL = regex.compile(rf"(?:{SP}*\((?:[^()\n]{{1,60}})\))?{SP}*")
_TO = regex.compile(rf"{SP}*(?:tặng{SP}+)?(?:cho|đến|tới){SP}+", regex.I)
_BY_AFTER = regex.compile(rf"{SP}*(?:do|của){SP}+(?P<giver>[^,;.\n]{{2,80}}?){SP}+"
                          rf"(?:đã{SP}+)?(?:trao tặng|trao|tặng|khen tặng|tặng thưởng|cấp|phong tặng|truy tặng)(?P<end>){SP}*"
                          rf"(?=cho|[,;.]|$)", regex.I)
_PASSIVE_AFTER = regex.compile(rf"{SP}+(?:đã{SP}+|sẽ{SP}+|cũng{SP}+)?được{SP}+(?:(?P<agent>[^,;.\n]{{2,60}}?){SP}+)?"
                               rf"(?:trao tặng|trao|tặng|khen tặng|tặng thưởng|phong tặng|truy tặng|cấp){SP}+"
                               rf"(?:cho{SP}+)?", regex.I)
# "Bơi lội: 3 HCV": the row's label is words, never a clock time ("10:58 giải Nhất")
# "Giải Nhất toàn đoàn thuộc về huyện Chợ Mới": a prize with its winner and no grant verb
_BELONGS_AFTER = regex.compile(rf"(?:{SP}+[^\s,;:.()]+){{0,4}}?{SP}+(?:đã{SP}+|lần lượt{SP}+)?(?:thuộc{SP}+về|về{SP}+tay"
                               rf"|gọi{SP}+tên){SP}+", regex.I)
# the prize opens its clause: "Công lớn trong các tấm HCV ... thuộc về chuyên gia" gives no prize
_CLAUSE_OPEN = regex.compile(rf"{SP}*(?:(?:còn|riêng|trong đó|và|đồng thời|ngoài ra|cuối cùng){SP}+)?"
                             rf"(?:(?:các|những|{NUMBER}){SP}+)?", regex.I)
_TABLE_ROW = regex.compile(rf"(?:^|[\n.;])[^\S\n]*(?P<who>\p{{L}}[^:;\n.]{{1,39}}?)(?<!\d){SP}*:(?!\d){SP}*(?:\d+{SP}+)?$")
_PROXY = regex.compile(rf"(?:Thừa{SP}+ủy{SP}+quyền|Thừa{SP}+lệnh|Thay{SP}+mặt){SP}+(?:của{SP}+)?"
                       rf"(?P<g>[^,;\n]{{2,80}}?){SP}*,", regex.I)
# rule names, as templates of what was read
_RULES = {"grant": "<giver> {verb} <award> cho <recipient>", "receive": "<recipient> {verb} <award> của <giver>",
          "passive": "<award> được trao cho <recipient>", "table": "<recipient>: <n> <award>",
          "belongs": "<award> thuộc về <recipient>"}
# verbs that only say an award was handed over: their subject is a presenter, never the giver
_PRESENT = {"trao", "trao tặng", "trao thưởng"}
# a year compared with, or a birth year, is not the year an award is for
_COMPARISON = regex.compile(r"(?:so với|so cùng kỳ|hơn|kém)[^,;.]*$|(?:sinh|SN|sinh năm)[^\S\n]*$", regex.I)
_YEAR_LIST = regex.compile(r"[^\S\n]*(?:,|và)[^\S\n]*(?:năm[^\S\n]*)?(?:1[89]|20)\d\d(?!\d)")
_EVENT = regex.compile(r"(?i:đại hội|giải|SEA Games|Olympic|ASIAD|Games|hội thi|cuộc thi|kỳ thi|hội khỏe|hội diễn"
                       r"|liên hoan|vô địch|festival)")
# a clause after ";" with a subject of its own; "; được UBND tỉnh tặng ..." shares the sentence's
_OWN_CLAUSE = regex.compile(rf";(?!{SP}*(?:và{SP}+|cũng{SP}+|đồng thời{SP}+)?(?:được|nhận|đón nhận)(?![\p{{L}}\p{{M}}]))",
                            regex.I)
_YEAR_PRINTED = regex.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")


# ---------------------------------------------------------------- chains and triggers

def _chains(text: str, phrases: list[AwardPhrase]) -> list[list[AwardPhrase]]:
    """Award phrases joined by commas, "và" or a count ("6 HCV, 9 HCB và 14 HCĐ") share a clause."""
    chains: list[list[AwardPhrase]] = []
    for p in phrases:
        if chains:
            gap = text[chains[-1][-1].end:p.start]
            number = NUMBER_BEFORE.search(gap)
            if _CHAIN_GAP.match(gap[:number.start()] if number else gap):
                chains[-1].append(p)
                continue
        chains.append([p])
    return chains


def _governing(ctx: Context, chain: list[AwardPhrase], trigs: list[Trigger],
               phrases: list[AwardPhrase]) -> Trigger | None:
    """The last trigger before the chain in its sentence, close enough, not across ";" and with
    no other verb between them."""
    text, head = ctx.text, chain[0]
    for t in reversed(trigs):
        if t.end > head.start:
            continue
        gap = text[t.end:head.start]
        if ";" in gap or ":" in gap or len(gap) > 160:
            return None
        if t.role == "medal":
            if head.kind == "honour" or not regex.fullmatch(rf"{SP}*(?:\S+{SP}+)?", gap):
                return None
        if head.bare and len(gap) > 12:
            return None
        first = next((p.start for p in phrases if p.start >= t.end), head.start)
        return None if ctx.verb_between(t.end, first) else t
    return None


# ---------------------------------------------------------------- pieces of a row

def _window_start(text: str, s0: int, anchor: int, floor: int) -> int:
    cut = max(text.rfind(";", s0, anchor), text.rfind(":", s0, anchor))
    return max(s0, floor, cut + 1)


def _giver_of(ctx: Context, pos: int, limit: int) -> str | None:
    """The giver named by the noun phrase at ``pos`` ("của UBND tỉnh", "Chủ tịch UBND tỉnh Long An")."""
    np = ctx.noun_phrase(pos, limit)
    return np.giver() if np else None


def _office_of(ctx: Context, person: Subject) -> str | None:
    """The granting office of a person who grants in that office ("Bộ trưởng Bộ Y tế Đào Hồng Lan
    tặng Bằng khen"): the office, not the person. "trao" only hands an award over; deputies too."""
    for title in ctx.titles_at(person.start, person.end):
        head = giver_head_at(title)
        if head and head[1] == "office" and not title.startswith("Phó"):
            return title
    return None


def _count_before(ctx: Context, text: str, start: int, floor: int) -> tuple[float | None, int]:
    m = NUMBER_BEFORE.search(text, floor, start)
    if m:
        value = ctx.number(m.start("num"), m.end("num"))
        if value is not None:
            return value, m.start("num")
    return None, start


def _recipients_after(ctx: Context, pos: int, limit: int) -> tuple[list[Subject], str | None, int, bool]:
    """Recipient groups after an award, the giver of a "của X" / "do X trao" complement, where
    they end, and whether "cho" introduced them."""
    text, giver = ctx.text, None
    m = _OF.match(text, pos, limit)
    if m and text[m.start():m.end()].strip().casefold() == "của":
        np = ctx.noun_phrase(m.end(), limit)
        if np:
            giver, pos = np.giver(), np.end
    by = _BY_AFTER.match(text, pos, limit)
    if by:
        giver = giver or _giver_of(ctx, by.start("giver"), by.end("giver"))
        pos = by.end("end")
    pos = ctx.skip_dates(_AFTER_FILL.match(text, pos, limit).end())
    to = _TO.match(text, pos, limit)
    start = to.end() if to else pos
    items = ctx.recipient_list(start, limit, loose=bool(to))
    if not items and not to:
        items = ctx.capitalized_object(start, limit)
    end = max([i.end for i in items], default=pos)
    return items, giver, end, bool(to)


def _year(ctx: Context, row_start: int, award_end: int, s0: int, s1: int, competition: bool) -> int | None:
    """The single year the award is for: the first date after it in the sentence, else the
    nearest before it; a period gives None. Medals fall back to the last event year before.
    A year is not carried across ";" into another clause with a verb of its own ("Hội X tặng
    Bằng khen cho 2 tập thể; UBND tỉnh tặng ... năm 2022": 2022 is the province's)."""
    cut = ctx.text.find(";", award_end, s1)
    if cut >= 0 and _OWN_CLAUSE.match(ctx.text, cut) and triggers(ctx.text[cut:s1]):
        s1 = cut
    cut = ctx.text.rfind(";", s0, row_start)
    if cut >= 0 and _OWN_CLAUSE.match(ctx.text, cut) and triggers(ctx.text[cut:row_start]):
        s0 = cut + 1
    after = [d for d in ctx.dates_in(award_end, s1) if not _COMPARISON.search(ctx.text[s0:d[0]])]
    if after:
        if _YEAR_LIST.match(ctx.text, after[0][1]):
            return None     # "(năm 1980, 1985 và 2000)": several years
        return _single_year(after[0])
    before = [d for d in ctx.dates_in(s0, row_start) if not _COMPARISON.search(ctx.text[s0:d[0]])]
    if before:
        return None if _YEAR_LIST.match(ctx.text, before[-1][1]) else _single_year(before[-1])
    if competition:     # the year of the competition, printed shortly before
        for d in reversed(ctx.dates_in(max(0, s0 - 700), s0)):
            year = _single_year(d)
            line_start = ctx.text.rfind("\n", 0, d[0]) + 1
            line_end = ctx.text.find("\n", d[1])
            line = ctx.text[line_start:line_end if line_end >= 0 else len(ctx.text)]
            if year is not None and not _COMPARISON.search(ctx.text[max(0, d[0] - 80):d[0]]) \
                    and _EVENT.search(line):
                return year
    return None


def _single_year(date: tuple) -> int | None:
    _, _, text, value = date
    if not value or not _YEAR_PRINTED.search(text):
        return None
    years = {part.lstrip("-")[:4] for part in str(value).split("/")}
    return int(years.pop()) if len(years) == 1 and all(y.isdigit() for y in years) else None


# ---------------------------------------------------------------- one sentence

@dataclass
class _State:
    giver: str | None = None
    recipients: list = field(default_factory=list)
    floor: int = 0


def _sentence_rows(ctx: Context, s0: int, s1: int) -> list[Row]:
    text = ctx.text
    phrases = [AwardPhrase(p.start + s0, p.end + s0, p.name, p.kind, p.bare) for p in award_phrases(text[s0:s1])]
    phrases = [p for p in phrases if not ctx.boilerplate(p.start, p.end)]
    if not phrases:
        return []
    trigs = [Trigger(t.start + s0, t.end + s0, t.verb, t.role) for t in triggers(text[s0:s1])]
    trigs = [t for t in trigs if not any(p.start <= t.start < p.end for p in phrases)]
    rows: list[Row] = []
    state = _State(floor=s0)
    for chain in _chains(text, phrases):
        rows += _chain_rows(ctx, chain, trigs, phrases, s0, s1, state)
    return rows


@dataclass
class _Clause:
    """How an award chain is governed: the role of its verb, its giver and the recipients read
    before the award (the subject of a receive verb)."""
    role: str
    giver: str | None = None
    recipients: list = field(default_factory=list)
    weak: bool = False      # "lễ đón nhận": the subject organizes the ceremony, it may not receive
    anchor: int = 0


def _without_trigger(ctx: Context, chain: list[AwardPhrase], s0: int, s1: int) -> _Clause | None:
    """A chain with no verb before it: "Bằng khen ... được trao cho ...", or a medal table row."""
    text, head, last = ctx.text, chain[0], chain[-1]
    after = _PASSIVE_AFTER.match(text, last.end, s1)
    if after:
        giver = _giver_of(ctx, after.start("agent"), after.end("agent")) if after.group("agent") else None
        return _Clause("passive", giver, ctx.recipient_list(after.end(), s1, loose=True), anchor=head.start)
    belongs = _BELONGS_AFTER.match(text, last.end, s1) if head.kind != "honour" else None
    opening = max(text.rfind(c, s0, head.start) for c in ",;:(\n")
    if belongs and _CLAUSE_OPEN.fullmatch(text, max(s0, opening + 1), head.start):
        return _Clause("belongs", None, ctx.recipient_list(belongs.end(), s1, loose=True), anchor=head.start)
    table = _TABLE_ROW.search(text[s0:head.start]) if head.kind != "honour" else None
    if table:   # "Bơi lội: 3 HCV, 2 HCB"
        who = Subject("phrase", table.group("who").strip(), None, s0 + table.start("who"), s0 + table.end("who"))
        return _Clause("table", None, [who], anchor=head.start)
    return None


def _elliptical(ctx: Context, trig: Trigger, head: AwardPhrase, phrases: list[AwardPhrase]) -> _Clause | None:
    """A winner named between two prizes of one verb: "đội Bến Tre giành giải Nhất, đội Tiền
    Giang giải Nhì, đội Long An và đội Vĩnh Long đồng giải Ba"."""
    before = [p for p in phrases if trig.end <= p.start and p.end <= head.start]
    if trig.role != "receive" or not before:
        return None
    start = before[-1].end
    if not regex.match(rf"{SP}*,{SP}*\S", ctx.text[start:head.start]):
        return None
    start = ctx.text.index(",", start) + 1
    members = []
    # "đội Long An và đội Vĩnh Long đồng giải Ba": each coordinated winner
    cuts = [m for m in regex.finditer(rf"{SP}+và{SP}+", ctx.text[start:head.start])]
    bounds = [start] + [start + m.end() for m in cuts]
    ends = [start + m.start() for m in cuts] + [head.start]
    for a, b in zip(bounds, ends):
        subject = ctx.subject(a, b)
        if subject.kind not in ("person", "org", "place", "phrase", "group") or not subject.name:
            return None
        members += subject.members()
    return _Clause("receive", None, members, anchor=head.start)


def _with_trigger(ctx: Context, trig: Trigger, s0: int, state: _State) -> _Clause:
    """Giver or recipients from the words before the verb: active grant ("X tặng"), passive with
    an agent ("Y được X tặng"), or receive ("Y nhận", "Y được tặng")."""
    text = ctx.text
    passive = trig.role == "grant" and _PASSIVE_BEFORE.search(text, s0, trig.start)
    ws = _window_start(text, s0, trig.start, state.floor)
    agent = ctx.passive_agent(ws, trig.start) if trig.role == "grant" and not passive else None
    if trig.role == "grant" and not passive and agent is None:
        subject = ctx.giver_subject(ws, trig.start)
        proxy = _PROXY.search(text, s0, trig.start)
        if proxy:       # "Thừa ủy quyền của Chủ tịch nước, ông X trao ..."
            giver = _giver_of(ctx, proxy.start("g"), proxy.end("g"))
        elif subject.kind == "empty" or (subject.kind == "unknown" and s0 < ws == state.floor):
            giver = state.giver  # "... tặng Giấy khen cho 40 tập thể ... và công nhận danh hiệu ..."
        elif subject.kind == "person" and trig.verb not in _PRESENT:
            giver = _office_of(ctx, subject)
        else:
            giver = subject.giver()
        state.giver = giver
        return _Clause("grant", giver, anchor=trig.start)
    subject_end = agent.start if agent is not None else (passive.start() if passive else trig.start)
    host = _HOST.search(text, ws, subject_end)
    if host:
        subject_end = host.start()
    subject = ctx.subject(ws, subject_end)
    if subject.kind == "empty":     # "...; được UBND tỉnh tặng Cờ thi đua": the sentence's subject
        recipients = list(state.recipients) or ctx.first_named(s0, subject_end)
    elif subject.kind in ("unknown", "office", "body"):
        recipients = ctx.first_named(ws, subject_end) or list(state.recipients)
    else:
        recipients = subject.members()
    state.recipients = recipients
    weak = bool(host or _CEREMONY_BEFORE.search(text, ws, subject_end if passive or agent else trig.start))
    return _Clause("receive", agent.giver() if agent else None, recipients, weak, trig.start)


def _chain_rows(ctx: Context, chain: list[AwardPhrase], trigs: list[Trigger], phrases: list[AwardPhrase],
                s0: int, s1: int, state: _State) -> list[Row]:
    """The rows of one chain of award phrases: one per award and recipient group."""
    text = ctx.text
    head, last = chain[0], chain[-1]
    if any(rule_statement_after(text, p.end) for p in chain):
        return []
    trig = _governing(ctx, chain, trigs, phrases)
    if blocked(text[_window_start(text, s0, (trig or head).start, s0):head.start]):
        return []
    clause = _elliptical(ctx, trig, head, phrases) if trig else None
    clause = clause or (_with_trigger(ctx, trig, s0, state) if trig else _without_trigger(ctx, chain, s0, s1))
    if clause is None:
        return []
    role, giver, recipients, weak, anchor = clause.role, clause.giver, clause.recipients, clause.weak, clause.anchor
    rows = []
    repeat = REPEATS_BEFORE.search(text, s0, anchor)
    for p in chain:
        floor = max(s0, trig.end if trig else s0)
        count, count_start = _count_before(ctx, text, p.start, floor)
        if count is None and repeat and p is head:
            count, count_start = ctx.number(repeat.start("num"), repeat.end("num")), repeat.start("num")
        groups_after, of_giver, after_end, to = _recipients_after(ctx, last.end if p is not last else p.end, s1)
        by = _BY_AFTER.match(text, after_end, s1)
        row_giver = of_giver or (_giver_of(ctx, by.start("giver"), by.end("giver")) if by else None) or giver
        if role == "grant":
            members = groups_after or ctx.object_between(trig.end, head.start)
        else:
            members = recipients if recipients else (groups_after if to else [])
        year = _year(ctx, count_start, p.end, s0, s1, p.kind != "honour")
        base = Row(p.name, p.kind, min(count_start, p.start), p.end, giver=row_giver, year=year,
                   rule=_RULES[role].format(verb=trig.verb if trig else ""))
        if not members:
            rows.append(replace(base, count=count))
            continue
        for member in members:
            # a receiver's own count yields to the award's ("28 học sinh đoạt giải, gồm 2 giải Nhì, 11 giải Ba")
            first, second = (count, member.count) if role == "receive" else (member.count, count)
            row = replace(base, count=first if first is not None else second, holder=member.kind,
                          who=(member.start, member.end))
            if weak and role == "receive":
                row.weak = member.name
            else:
                row.recipient = member.name
            if member.count is not None:
                row.start = min(row.start, member.start)
            if member.start >= p.end:
                row.end = max(row.end, member.end)
            rows.append(row)
        state.floor = max([state.floor] + [m.end for m in members if m.start >= p.end])
    if groups_after:
        state.floor = max(state.floor, after_end)
    return rows


# ---------------------------------------------------------------- the whole Doc

def find_awards(doc: Doc) -> list[Span]:
    """AWARD spans, one per award row, with ``_.award_giver/name/count/recipient/year``."""
    if not len(doc):
        return []
    ctx = Context(doc)
    rows: list[Row] = []
    for sent in doc.sents:
        rows += _sentence_rows(ctx, sent.start_char, sent.end_char)
    for row in rows:
        if row.giver is None and row.kind != "honour":
            row.giver = ctx.organizer(row.start)
    for row in rows:    # "cho nhà trường": the school the article is about
        row.recipient = ctx.antecedent(row.recipient, row.start) or ctx.of_the_province(row.recipient) \
            or row.recipient
        row.weak = ctx.antecedent(row.weak, row.start) or row.weak
    rows = personal_titles(ctx, rows)
    spans = []
    owner: dict[tuple[int, int], int] = {}
    for i, (rep, members) in enumerate(merge_rows(rows)):
        count = int(rep.count) if rep.count is not None and float(rep.count).is_integer() else rep.count
        attrs = dict(award_giver=rep.giver, award_name=rep.name, award_count=count, award_recipient=rep.recipient,
                     award_year=rep.year)
        for member in members:
            # spaCy keys extension values by offsets: two rows on one award phrase ("A và B giành HCV")
            # need spans of their own, so the second covers its recipient's name
            for start, end in ((member.start, member.end), member.who,
                               (min(member.start, member.who[0]), max(member.end, member.who[1]))):
                span = make_span(doc, start, end, LABEL, member.rule) if start < end else None
                if span is not None and owner.setdefault((span.start_char, span.end_char), i) == i:
                    for name, value in attrs.items():
                        setattr(span._, name, value)
                    spans.append(span)
                    break
    return spans


__all__ = ["LABEL", "Row", "find_awards", "merge_rows"]
