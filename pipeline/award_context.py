"""What the awards stage reads around an award phrase: the persons, organizations, places,
numerals and dates other stages found, and the noun phrases built from them: the giver in
"của X", the recipient list after "cho" (subjects before a verb: :mod:`pipeline.award_subjects`).

>>> ctx = Context(doc)            # doc processed up to the entities stage
>>> [s.name for s in ctx.recipient_list(pos, end, loose=True)]   # "cho 2 tập thể và 3 cá nhân"
['tập thể', 'cá nhân']
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property

import regex
from spacy.attrs import IDX, IS_SPACE, LENGTH
from spacy.tokens import Doc

from . import spans as groups
from .award_phrases import AWARDS, GROUP_AT, RECIPIENT_NOUNS, SP, giver_head_at, triggers
from .resources import alternation, load_table
from .spans import boilerplate_ranges, doc_text
from .tokenizer import tags_of

_NOUNS = alternation(RECIPIENT_NOUNS)
ANAPHORS = {row["noun"]: row["head"] for row in load_table("award_anaphors")}
_AWARD_HEAD = regex.compile(rf"(?:{alternation(AWARDS)})(?![\p{{L}}\p{{M}}])", regex.I)
# "Liên hoan ... do UBND tỉnh An Giang (phối hợp với ...) tổ chức": who runs a competition
_ORGANIZED_BY = regex.compile(rf"(?<![\p{{L}}\p{{M}}])do{SP}+(?P<g>[^;.\n()]{{2,100}}?)(?:{SP}*\([^()\n]{{1,60}}\))?"
                              rf"(?:{SP}+(?:phối hợp|cùng){SP}+[^,;.\n]{{1,80}}?)?{SP}+(?:đăng cai{SP}+)?tổ{SP}+chức"
                              rf"(?![\p{{L}}\p{{M}}])", regex.I)
_COMPETITION = regex.compile(r"(?<![\p{L}\p{M}])(?:(?i:hội thi|cuộc thi|hội diễn|liên hoan|festival|hội thao|hội khỏe"
                             r"|đại hội thể dục thể thao|kỳ thi|hội chợ|triển lãm|giải đấu)"
                             r"|Giải(?![^\S\n]+(?i:nhất|nhì|ba|tư|khuyến khích|đặc biệt|triển vọng|vàng|bạc|đồng|[ABC])"
                             r"(?![\p{L}\p{M}]))(?=[^\S\n]+\p{Lu}))(?![\p{L}\p{M}])")


_EVENT_NAME = regex.compile(rf"{SP}+(\p{{Lu}}[\p{{L}}\p{{M}}]*)")


def _event_key(text: str, m) -> tuple[str, str]:
    """A competition mention as (head, first word of its proper name or "")."""
    head = " ".join(m.group().split()).casefold()
    name = _EVENT_NAME.match(text, m.end())
    return head, name.group(1).casefold() if name else ""
# a number the numerals stage took for part of a name still counts when an award, a recipient
# noun or "năm liền" follows it ("Trường Tiểu học Lê Lợi 5 năm liền đạt ...")
_COUNTED_AFTER = regex.compile(rf"{SP}+(?:(?i:{alternation(AWARDS)})|(?:{_NOUNS})|năm|lần)(?![\p{{L}}\p{{M}}])")

# words before a recipient's name: titles, ranks, forms of address; never a preposition
_PREFIX = regex.compile(rf"^(?:(?!(?:do|của|tại|ở|với|về|vì|từ|trong|theo|và)\b)[^\s,;.\d]+{SP}+){{0,4}}$")
_BARE_GROUP = regex.compile(rf"(?P<noun>(?:{_NOUNS})(?:{SP}*(?:,|và){SP}*(?:{_NOUNS}))*)(?![\p{{L}}\p{{M}}])")
# a group noun before a name or number names one body: "cho xã Tân Hòa", "cho tổ 3"
_NAMED_AFTER = regex.compile(rf"{SP}+(?:\p{{Lu}}|\d)")
_ADDRESS = r"(?:ông|bà|anh|chị|em|cô|thầy|đồng chí|đ/c|cụ|cháu|GS|PGS|TS|ThS|(?:Đại|Thượng|Trung|Thiếu)[ ](?:tá|úy|tướng))"
_APPOSITION = regex.compile(rf"(?P<role>{SP}*[-–,]{SP}*+(?!{_ADDRESS}(?![\p{{L}}\p{{M}}]))[^,;.\n]{{2,80}}?)"
                            rf"(?=(?:,|{SP}và|{SP}-){SP}*{_ADDRESS}(?![\p{{L}}\p{{M}}])|{SP}*[;.\n]|{SP}+(?:vì|do|có|đã|về)\b|$)")
_BARE_LEVEL = regex.compile(r"(?P<stem>\p{Lu}[^,;()\n]{2,60}?)[ ](?:tỉnh|huyện|thành phố|thị xã|quận|TP)")
_LEVEL_WORD = regex.compile(r"^(?:tỉnh|thành phố|TP\.?|Tp\.?|huyện|thị xã|quận)[ ]+")
_BRACKET = regex.compile(rf"{SP}*\((?P<a>[^()\n]{{2,60}})\)")
_SEPARATOR = regex.compile(rf"{SP}*(?:,{SP}*và|,|và|cùng){SP}+")
_PLACE_WORDS = {"tỉnh", "huyện", "xã", "thành phố", "quận", "phường", "thị xã", "thị trấn", "nước", "nhân dân", "và"}
_STOP = regex.compile(rf"{SP}+(?:vì|có|đã|đạt|do|về|trong|tại|nhân dịp|với|đang|từ|góp|để|nhằm|khi|sau|năm|đối với"
                      rf"|kèm|nhờ|được|là|nhận|vào|theo|gồm)(?![\p{{L}}\p{{M}}])|[;.:(\n]|$")
# lower-case words of these kinds cannot be inside a subject noun phrase
_NOT_IN_NP = {"V", "E", "P", "R", "C", "Cc", "T", "I", "X"}


def _fuller_names(names: set[str]) -> dict[str, str]:
    """Short forms of an organization the organizations stage kept apart, mapped to the one
    fuller name printed in the article: same head, same proper name at the end
    ("HTX Hoa Sen" → "Hợp tác xã Nông nghiệp dịch vụ Hoa Sen"). A place as the proper name
    proves nothing ("Đoàn thể thao Tiền Giang"), nor does a level word ("Hội Nông dân tỉnh")."""
    from .org_names import _provinces, expand_abbreviations, fold
    spelled = {n: expand_abbreviations(n).split() for n in names}
    out = {}
    for short, words in spelled.items():
        found = set()
        for k in range(1, len(words)):
            head, tail = [w.casefold() for w in words[:k]], words[k:]
            if not any(w[:1].isupper() for w in tail) or fold(" ".join(tail)) in _provinces():
                continue
            for full, fwords in spelled.items():
                low = [w.casefold() for w in fwords]
                if len(fwords) > len(words) and low[:k] == head and fwords[-len(tail):] == tail:
                    found.add(full)
        if len(found) == 1:
            out[short] = found.pop()
    return out


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    name: str       # canonical name (person_name / org_name) or the printed text of a place
    kind: str       # person | org | place


@dataclass
class Subject:
    """A noun phrase that gives or receives: a named entity, an office, a counted group."""
    kind: str                   # person | org | office | body | group | phrase | place | empty
    name: str | None
    count: float | None
    start: int
    end: int
    others: list = field(default_factory=list)

    def giver(self) -> str | None:
        """As a giver: an organization's canonical name, an office or body as printed; a
        person only hands the award over, so gives None."""
        return self.name if self.kind in ("org", "office", "body", "phrase") else None

    def members(self) -> list["Subject"]:
        return [self] + self.others


class Context:
    """Spans of earlier stages by character offsets, and phrase readers over them."""

    def __init__(self, doc: Doc):
        self.doc, self.text = doc, doc_text(doc)
        self.boiler = boilerplate_ranges(doc)

    # Most articles have no award phrase: the tables below are built on first use.

    @cached_property
    def entities(self) -> list[Entity]:
        ents = []
        for group, kind, attr in ((groups.PERSONS, "person", "person_name"),
                                  (groups.ORGANIZATIONS, "org", "org_name"), (groups.LOCATIONS, "place", None)):
            for s in self._group(group):
                name = getattr(s._, attr) if attr else None
                ents.append(Entity(s.start_char, s.end_char, name or s.text, kind))
        fuller = _fuller_names({e.name for e in ents if e.kind == "org"})
        fuller.update(self._bracketed(ents))
        ents = [Entity(e.start, e.end, fuller.get(e.name, e.name), e.kind) for e in ents]
        return sorted(ents, key=lambda e: (e.start, -e.end))

    @cached_property
    def starts(self) -> list[int]:
        return [e.start for e in self.entities]

    @cached_property
    def numerals(self) -> list[tuple]:
        # a clock time ("10:58") or a number inside a name ("Quân khu 9") counts nothing
        return sorted((s.start_char, s.end_char, None if s._.number_kind == "clock"
                       or (s._.number_in_name and not _COUNTED_AFTER.match(self.text, s.end_char))
                       else s._.number) for s in self._group(groups.NUMERALS) if s._.number is not None)

    @cached_property
    def dates(self) -> list[tuple]:
        return sorted((s.start_char, s.end_char, s.text, s._.date_value) for s in self._group(groups.DATES)
                      if s._.date_value)

    @cached_property
    def tokens(self) -> list[tuple]:
        """(start, end, text, token index) of every word (read from the Doc's arrays: no Token objects)."""
        starts, lengths, spaces = self.doc.to_array([IDX, LENGTH, IS_SPACE]).T.tolist()
        return [(s, s + n, self.text[s:s + n], i)
                for i, (s, n, space) in enumerate(zip(starts, lengths, spaces)) if not space]

    @cached_property
    def _token_starts(self) -> list[int]:
        return [s for s, _, _, _ in self.tokens]

    def tagged(self, start: int, end: int | None = None):
        """(start, end, text, POS tag) of each word that opens in ``start:end``, in order: tags
        are read only here, so the tagger runs only on the sentences an award phrase is in."""
        tags = tags_of(self.doc)
        for s, e, word, i in self.tokens[bisect_left(self._token_starts, start):]:
            if end is not None and s >= end:
                return
            yield s, e, word, tags[i]

    def _bracketed(self, ents: list[Entity]) -> dict[str, str]:
        """Short forms printed in brackets after an organization's full name: "Ngân hàng Nông
        nghiệp và Phát triển nông thôn Việt Nam - Chi nhánh Cần Thơ (Agribank Cần Thơ)"."""
        orgs = [e for e in ents if e.kind == "org"]
        out = {}
        for e in orgs:
            m = _BRACKET.match(self.text, e.end)
            inner = [f for f in orgs if m and f.start == m.start("a") and f.end <= m.end("a") and f.name != e.name]
            if inner and len(inner[0].name) < len(e.name):
                out[inner[0].name] = e.name
        return out

    def _group(self, name: str) -> list:
        return list(self.doc.spans[name]) if name in self.doc.spans else []

    def titles_at(self, start: int, end: int) -> list[str]:
        """The titles the persons stage attached to the person mentioned at ``start:end``."""
        for span in self._group(groups.PERSONS):
            if span.start_char < end and start < span.end_char:
                return list(span._.person_titles or [])
        return []

    def of_the_province(self, name: str | None) -> str | None:
        """A body printed with a bare level word, named in full elsewhere in the article:
        "Đoàn thể thao tỉnh" → "Đoàn thể thao Vĩnh Long" (the only one of its kind)."""
        m = _BARE_LEVEL.fullmatch(name or "")
        if not m:
            return None
        from .org_names import _provinces, fold
        stem = m.group("stem").casefold() + " "
        places = set(_provinces()) | {fold(e.name) for e in self.entities if e.kind == "place"}
        found = {e.name for e in self.entities if e.kind == "org" and e.name.casefold().startswith(stem)
                 and fold(_LEVEL_WORD.sub("", e.name[len(stem):])) in places}
        return found.pop() if len(found) == 1 else None

    def antecedent(self, noun: str | None, pos: int) -> str | None:
        """The organization a common noun points back at ("cho nhà trường" → "Trường THPT chuyên
        Nguyễn Đình Chiểu"): the last one of that kind named before ``pos``, else the first."""
        head = ANAPHORS.get((noun or "").casefold())
        if head is None:
            return None
        from .org_names import expand_abbreviations
        found = [e for e in self.entities if e.kind == "org"
                 and expand_abbreviations(e.name).casefold().startswith(head.casefold() + " ")]
        before = [e for e in found if e.start < pos]
        return (before[-1] if before else found[0]).name if found else None

    def persons_titled(self, title: str) -> list[str]:
        """Persons printed with ``title`` among their titles ("Thầy thuốc Ưu tú, bác sĩ Trần Văn Hùng")."""
        names = []
        for span in self._group(groups.PERSONS):
            if any(title in " ".join(t.split()).casefold() for t in span._.person_titles or []) \
                    and span._.person_name and span._.person_name not in names:
                names.append(span._.person_name)
        return names

    def is_org(self, name: str | None) -> bool:
        """``name`` is an organization of the article, or printed as one."""
        if not name:
            return False
        if any(e.kind == "org" and e.name == name for e in self.entities):
            return True
        try:
            from .organizations import match_organizations
        except ImportError:
            return False
        return any(m.start == 0 for m in match_organizations(name))

    def boilerplate(self, start: int, end: int) -> bool:
        return any(start < e and s < end for s, e in self.boiler)

    # ------------------------------------------------------------ competitions

    def organizer(self, pos: int) -> str | None:
        """The organizer of the competition a prize at ``pos`` was won in: the last "<event> do
        <giver> tổ chức" printed before it, else the article's only one ("Liên hoan ... do UBND
        tỉnh An Giang tổ chức")."""
        if not hasattr(self, "_organizers"):
            self._organizers = []
            for m in _ORGANIZED_BY.finditer(self.text):
                line_start = max(self.text.rfind("\n", 0, m.start()) + 1, m.start() - 160)
                events = list(_COMPETITION.finditer(self.text, line_start, m.start()))
                np = self.noun_phrase(m.start("g"), m.end("g"))
                if events and np and np.giver() and not self.boilerplate(m.start(), m.end()):
                    self._organizers.append((m.start(), _event_key(self.text, events[-1]), np.giver()))
        candidates = [o for o in self._organizers if o[0] < pos]
        if not candidates and len({g for _, _, g in self._organizers}) == 1:
            candidates = self._organizers[:1]
        if not candidates:
            return None
        start, (head, name), giver = candidates[-1]
        # another competition named in between ("Tại kỳ thi học sinh giỏi quốc gia, ...",
        # "cuộc thi Nữ hoàng trang sức") is not this one's; a bare "Liên hoan" repeats it
        lo, hi = min(start, pos), max(start, pos)
        for m in _COMPETITION.finditer(self.text, lo, hi):
            other_head, other_name = _event_key(self.text, m)
            if other_head != head or (other_name and other_name != name):
                return None
        return giver

    # ------------------------------------------------------------ numbers and dates

    def number(self, start: int, end: int) -> float | None:
        """The count printed at ``start:end``, from the numerals stage: a whole number, never
        part of a clock time or a name ("10:58 giải Nhất" counts no prize)."""
        for s, e, value in self.numerals:
            if s <= start < e or start <= s < end:
                return value if value is not None and float(value).is_integer() else None
        from .numerals import parse_number
        value = parse_number(self.text[start:end])
        return value if value is not None and float(value).is_integer() else None

    def dates_in(self, start: int, end: int) -> list[tuple]:
        return [d for d in self.dates if start <= d[0] and d[1] <= end]

    def skip_dates(self, pos: int) -> int:
        """Past a date printed right here ("danh hiệu ... năm 2021 cho 52 cá nhân")."""
        for s, e, _, _ in self.dates:
            if s >= pos and not self.text[pos:s].strip():
                return e
        return pos

    # ------------------------------------------------------------ entities

    def entity_at(self, pos: int, slack: int = 0) -> Entity | None:
        """The longest entity that starts at ``pos`` (or up to ``slack`` characters after it)."""
        i = bisect_left(self.starts, pos - 12)
        # a span may start a little early when a word token ran across it ("khen Ban Chuyên án")
        found = [e for e in self.entities[i:i + 16] if e.start <= pos + slack and e.end > pos + 1]
        return min(found, key=lambda e: (max(e.start, pos), e.kind == "place", e.start - e.end), default=None)

    def entity_ending(self, start: int, end: int, tolerance: int) -> Entity | None:
        """The longest entity inside ``start:end + tolerance`` that ends at ``end`` (± tokenization)."""
        found = [e for e in self.entities if start <= e.start < end and end - 1 <= e.end <= end + tolerance]
        return min(found, key=lambda e: (e.kind == "place", e.start), default=None)

    def _org_name(self, start: int, end: int, *, whole: bool = False) -> str:
        """The canonical name of the organization printed at ``start:end``; with ``whole``, only
        when one organization covers it all ("Đảng bộ, chính quyền và Nhân dân huyện Chợ Mới"
        is no "Đảng bộ huyện")."""
        printed = self.text[start:end].strip()
        try:
            from .organizations import canonical_org, match_organizations
        except ImportError:
            return printed
        if whole and not any(m.text.strip() == printed for m in match_organizations(printed)):
            return printed
        return canonical_org(self.doc, printed) or printed

    # ------------------------------------------------------------ noun phrases

    def _cap_run(self, pos: int, limit: int) -> int:
        """End of a run of capitalized words (and place words) starting at ``pos``."""
        end = pos
        for s, e, word, _ in self.tokens:
            if e <= pos:
                continue
            word = self.text[max(s, pos):e]     # a token may start before pos ("khen Ban")
            if s >= limit or (s > end and self.text[end:s].strip()):
                break
            if _AWARD_HEAD.match(self.text, s, limit):
                break
            if word[:1].isupper() or word[:1].isdigit() or word.casefold() in _PLACE_WORDS:
                end = min(e, limit)   # a token may run past the verb ("Long An tặng")
            else:
                break
        while self.text[pos:end].rstrip().endswith(" và"):
            end = pos + self.text[pos:end].rstrip().rfind(" và")
        return end

    def noun_phrase(self, pos: int, limit: int) -> Subject | None:
        """The giver-like phrase at ``pos``: an organization, an office ("Chủ tịch UBND tỉnh
        Long An"), a body ("Nhà nước") or capitalized words. Co-givers: the first one."""
        while pos < limit and self.text[pos].isspace():
            pos += 1
        head = giver_head_at(self.text[pos:limit])
        if head:
            word, kind = head
            after = pos + len(word)
            ent = self.entity_at(after + 1) if self.text[after:after + 1] == " " else None
            end = min(ent.end, limit) if ent and ent.kind == "org" else self._cap_run(after, limit)
            end = max(end, after)
            return Subject(kind, self.text[pos:end].strip(), None, pos, end)
        ent = self.entity_at(pos)
        if ent and ent.kind == "org" and ent.end <= limit + 6:
            return Subject("org", ent.name, None, pos, ent.end)
        if ent and ent.kind == "person":
            return Subject("person", ent.name, None, pos, ent.end)
        end = self._cap_run(pos, limit)
        if end > pos and self.text[pos].isupper():
            return Subject("phrase", self.text[pos:end].strip(), None, pos, end)
        return None

    def _item(self, pos: int, limit: int, *, loose: bool = False) -> Subject | None:
        """One recipient: a counted group ("29 vận động viên, huấn luyện viên"), "các tập thể",
        a named person or organization (titles before the name allowed) or, after "cho", a
        bare group noun ("cho tập thể, cá nhân xuất sắc")."""
        m = GROUP_AT.match(self.text, pos, limit)
        if m:
            count = self.number(m.start("num"), m.end("num")) if m.group("num") else None
            noun = regex.sub(r"\s+", " ", m.group("noun"))
            return Subject("group", noun, count, pos, m.end())
        ent = self.entity_at(pos, slack=30)
        if ent and ent.start < limit and self._prefix_ok(pos, ent.start):
            end = ent.end
            if ent.kind == "place" and ent.start > pos:
                return Subject("phrase", self.text[pos:end].strip(), None, pos, end)
            paren = regex.match(rf"{SP}*\([^()\n]{{1,60}}\)", self.text[end:limit])
            if paren:
                end += paren.end()
            return Subject(ent.kind, ent.name, None, pos, end)
        bare = _BARE_GROUP.match(self.text, pos, limit) if loose else None
        if bare and not _NAMED_AFTER.match(self.text, bare.end(), limit):
            return Subject("group", regex.sub(r"\s+", " ", bare.group("noun")), None, pos, bare.end())
        return None

    def _prefix_ok(self, pos: int, start: int) -> bool:
        """Words before a name may be a title or form of address, never a verb, an award or "cho"."""
        prefix = self.text[pos:max(pos, start)]
        return bool(_PREFIX.match(prefix)) and not _AWARD_HEAD.search(prefix) and not triggers(prefix) \
            and not regex.search(r"(?<![\p{L}\p{M}])cho(?![\p{L}\p{M}])", prefix)

    def _skip_apposition(self, pos: int, limit: int) -> int:
        """Past a role printed after a person ("ông A, Hiệu trưởng PTTH Chu Văn An, ông B"):
        to the separator before the next person with a form of address, else ``pos``."""
        m = _APPOSITION.match(self.text, pos, limit)
        if not m:
            return pos
        word = regex.match(rf"{SP}*[-–,]{SP}*", self.text[pos:limit])
        nxt = self.entity_at(pos + word.end())
        if nxt and nxt.kind == "person" and nxt.start <= pos + word.end() + 1:
            return pos          # "cho Nguyễn Văn A, Trần Văn B": a second name, not a role
        return m.end("role")

    def recipient_list(self, pos: int, limit: int, *, loose: bool) -> list[Subject]:
        """Recipient groups from ``pos``: one per counted group or named entity. With ``loose``
        (after "cho"), an unparsed phrase is one recipient as printed ("Đảng bộ, chính quyền
        và Nhân dân huyện Chợ Mới")."""
        while pos < limit and self.text[pos].isspace():
            pos += 1
        items: list[Subject] = []
        p = pos
        while True:
            item = self._item(p, limit, loose=loose)
            # after a person only another person or a counted group: anything else is a role in apposition
            if item is None or (items and items[-1].kind == "person" and item.kind != "person"
                                and not (item.kind == "group" and item.count is not None)):
                break
            items.append(item)
            end = self._skip_apposition(item.end, limit) if item.kind == "person" else item.end
            sep = _SEPARATOR.match(self.text, end, limit) or self._counted_after(item, end, limit)
            if not sep:
                break
            nxt = self._item(sep.end(), limit, loose=loose)
            if nxt is None and len(items) == 1 and item.kind in ("org", "place") and loose \
                    and not _AWARD_HEAD.match(self.text, sep.end(), limit):
                items = []
                break
            p = sep.end()
        if items or not loose:
            return items
        stop = _STOP.search(self.text, pos, limit)
        end = stop.start() if stop else limit
        award = _AWARD_HEAD.search(self.text, pos, end)
        end = award.start() if award else end
        # a counted group after the name is a recipient of its own: "cho Khoa Nhi và 4 cá nhân"
        rest: list[Subject] = []
        for sep in _SEPARATOR.finditer(self.text, pos, end):
            group = GROUP_AT.match(self.text, sep.end(), limit)
            if group and group.group("num"):
                rest = self.recipient_list(sep.end(), limit, loose=True)
                end = sep.start()
                break
        phrase = self.text[pos:end].strip(" ,-–")
        if phrase and len(phrase.split()) <= 14 and not regex.match(r"[\p{Ll}]", phrase[:1] or "x") \
                or phrase.casefold().startswith(("đảng bộ", "cán bộ", "tập thể")) or phrase.casefold() in ANAPHORS:
            name = self._org_name(pos, pos + len(phrase), whole=True) if phrase[:1].isupper() else phrase
            return [Subject("phrase", name, None, pos, pos + len(self.text[pos:end].rstrip(" ,-–")))] + rest
        return rest

    def _counted_after(self, item: Subject, end: int, limit: int):
        """The separator before a counted group past the rest of a name the organizations stage
        cut short ("cho Khoa Chẩn đoán | hình ảnh và 4 cá nhân")."""
        if item.kind not in ("org", "place", "phrase"):
            return None
        stop = _STOP.search(self.text, end, limit)
        for sep in _SEPARATOR.finditer(self.text, end, min(limit, stop.start() if stop else limit, end + 40)):
            group = GROUP_AT.match(self.text, sep.end(), limit)
            return sep if group and group.group("num") else None
        return None

    def capitalized_object(self, pos: int, limit: int) -> list[Subject]:
        """A name printed right after the award, with no "cho": "gửi thư khen Ban Chuyên án"."""
        while pos < limit and self.text[pos] == " ":
            pos += 1
        end = self._cap_run(pos, limit)
        phrase = self.text[pos:end].strip()
        if len(phrase.split()) < 2 or not phrase[:1].isupper() or giver_head_at(phrase):
            return []
        return [Subject("phrase", phrase, None, pos, end)]

    def object_between(self, start: int, end: int) -> list[Subject]:
        """A recipient printed between the verb and the award: "trao tặng Trường X Huân chương"."""
        items = self.recipient_list(start + 1, end, loose=False)
        return items if items and not self.text[items[-1].end:end].strip() else []
