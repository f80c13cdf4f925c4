"""Subjects of award clauses: who grants or receives, read from the words before the verb.

The subject is the noun phrase right before the verb, without adverbs ("đã", "vừa được",
"long trọng tổ chức lễ"): a named person or organization, an office ("Chủ tịch UBND tỉnh"),
a body ("Nhà nước"), a counted group ("52 cá nhân") or capitalized words without verbs.

>>> ctx = Clauses(doc)
>>> ctx.subject(start, verb).name      # "Kết quả, Đoàn thể thao Tiền Giang giành được ..."
'Đoàn thể thao Tiền Giang'
"""
from __future__ import annotations

import regex

from .award_context import _AWARD_HEAD, _BARE_GROUP, _NOT_IN_NP, _PLACE_WORDS, ANAPHORS, SP, Context, Entity, Subject
from .award_phrases import GROUP_AT, giver_head_at, triggers

# words between a subject and its verb: "đã", "vừa được", "long trọng tổ chức lễ", "5 năm liền"
_ADVERBS = regex.compile(
    rf"{SP}*(?<![^\s])(?:đã|đang|vừa|mới|cũng|sẽ|còn|lại|đều|lần lượt|tiếp tục|chính thức|long trọng|vinh dự|xuất sắc"
    rf"|may mắn|trực tiếp|trang trọng|quyết định|ký quyết định|kịp thời|bất ngờ|được|(?<!Ban{SP})tổ chức|buổi|lễ|Lễ"
    rf"|Buổi lễ|và|(?:\d+|nhiều|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười){SP}+(?:năm|lần)(?:{SP}+(?:liền|liên tiếp|liên tục))?|trân trọng|vui mừng|phấn khởi"
    rf"|hân hạnh|đồng thời|cùng|vừa qua|hôm qua|hôm nay|mới đây|trước đó|dẫn đầu|toàn đoàn|xếp thứ{SP}+\S+"
    rf"|đứng thứ{SP}+\S+|đồng){SP}*[,]?{SP}*$")
# part-of-speech tags a noun phrase may open with (underthesea: nouns, proper, classifier, abbreviation)
_NOUN_TAGS = {"N", "Np", "Nc", "Ny", "Nu"}
# an event or a programme receives nothing: "Lễ kỷ niệm 60 năm Ngày Truyền thống và đón nhận ..."
_EVENT_HEAD = regex.compile(r"(?:Lễ|Buổi lễ|Hội nghị|Đại hội|Chương trình|Cuộc thi|Hội thi|Kỳ thi|Phong trào)"
                            r"(?![\p{L}\p{M}])")
# words that open a clause before its subject: "Kết quả, ...", "Dịp này, ..."
_INTRO = regex.compile(rf"{SP}*(?:Kết quả|Trong đó|Nổi bật là|Nổi bật|Đặc biệt|Riêng|Ngoài ra|Bên cạnh đó|Dịp này"
                       rf"|Nhân dịp này|Tại buổi lễ|Cũng tại buổi lễ|Tại lễ|Theo đó|Như vậy|Trước đó|Sau đó|Đồng thời"
                       rf"|Hôm nay|Hôm qua|Sáng nay|Chiều nay|Tối nay|Trước đây|Hiện nay|Năm nay"
                       rf"|Theo{SP}[^,;.\n]{{1,80}}(?=,))"
                       rf"(?![\p{{L}}\p{{M}}]){SP}*,?{SP}*", regex.I)
_HONORIFIC = regex.compile(r"^(?:ông|bà|anh|chị|em|cô|thầy|đồng chí|đ/c|cụ|cháu|(?:Đại|Thượng|Trung|Thiếu)"
                           r"[ ](?:tá|úy|tướng))(?![\p{L}\p{M}])", regex.I)
_HELPS = regex.compile(rf"(?:giúp(?:{SP}+cho)?|góp{SP}+phần{SP}+(?:giúp|đưa)|đưa){SP}+(?=\S)")
_COORDINATION = regex.compile(rf"{SP}*(?:,{SP}*và|,|và){SP}*")
_PAREN_END = regex.compile(rf"{SP}*\([^()\n]{{1,80}}\){SP}*$")
# verbs that introduce what follows rather than act: "đạt 12 giải, gồm 1 giải Nhì"
_LIST_VERBS = {"gồm", "bao gồm", "có", "được", "thêm", "tới", "lên"}


class Clauses(Context):
    """A Doc's spans (see :class:`Context`) with readers for the subject of a verb."""

    def verb_between(self, start: int, end: int) -> bool:
        """A lower-case verb in ``start:end`` ("nhận in cờ thi đua": "in" is what is received)."""
        return any(start <= s and e <= end and tag == "V" and word[:1].islower() and word not in _LIST_VERBS
                   for s, e, word, tag in self.tagged(start, end))

    def _has_verb(self, start: int, end: int, *, first: bool = False) -> bool:
        """A lower-case verb, preposition, pronoun or adverb in ``start:end``: no bare noun
        phrase. With ``first``, a function word that opens it counts too ("Trong số ...")."""
        words = [(s, e, w, tag) for s, e, w, tag in self.tagged(start, end + 1) if e <= end + 1]
        if first and words and words[0][3] in _NOT_IN_NP - {"V"}:
            return True
        for i, (_, _, word, tag) in enumerate(words):
            nxt = words[i + 1][2] if i + 1 < len(words) else ""
            possessive = word in ("của", "và") and (nxt[:1].isupper() or nxt.casefold() in _PLACE_WORDS | {"trường"})
            if tag in _NOT_IN_NP and word[:1].islower() and not possessive:
                return True
        return False

    def _strip(self, start: int, end: int) -> int:
        """End of the subject before a verb: without adverbs and a trailing "(...)"."""
        while True:
            m = _ADVERBS.search(self.text, start, end) or _PAREN_END.search(self.text, start, end)
            if not m or m.start() == end:
                return end
            end = m.start()

    def subject(self, start: int, end: int) -> Subject:
        """The noun phrase right before a verb at ``end`` (its clause starts at ``start``):
        an entity ending there, an office or body, a counted group, or capitalized words."""
        tail = self._strip(start, end)
        while tail > start and self.text[tail - 1] in " ,":
            tail -= 1
        if tail <= start or not self.text[start:tail].strip(" ,;và"):
            return Subject("empty", None, None, start, start)
        ent = self.entity_ending(start, tail, tolerance=max(8, end - tail + 8))
        comma = self._last_comma(start, tail, ent)
        seg = _INTRO.match(self.text, comma, tail)
        seg_start = self.skip_dates(seg.end() if seg else comma)
        while seg_start < tail and self.text[seg_start] in " ,":
            seg_start += 1
        helps = _HELPS.match(self.text, seg_start, tail)
        if helps:   # "..., giúp đội Thể Công giành hai giải nhất": the team wins
            seg_start = helps.end()
        group = self._group_before(start, tail) or (self._group_before(start, ent.start) if ent else None)
        if group and (ent is None or ent.kind != "person" or ent.start < group.start):
            return group    # "48 cán bộ, công chức ngành TAND": TAND only says whose staff they are
        apposed = self._person_before_comma(start, seg_start) or self._leading_person(start, tail)
        if apposed and (ent is None or ent.kind != "person"):
            return self._with_apposed_partners(start, apposed)  # "Phạm Kim Hùng, HS lớp 12 ..., giành ..."
        if ent:
            if ent.kind == "person":
                return self._coordinated(start, ent, tail)
            head = giver_head_at(self.text[seg_start:ent.start])
            if ent.kind == "org" and head and not self.text[seg_start + len(head[0]):ent.start].strip():
                return Subject("office", self.text[seg_start:min(ent.end, tail)].strip(), None, seg_start, ent.end)
            if ent.start > seg_start + 1 and not head:
                # the entity closes a longer name: "Đoàn thể thao người khuyết tật Việt Nam",
                # "VKS phúc thẩm tại TP HCM"; keep the whole phrase as printed
                phrase = self.text[seg_start:tail].strip()
                noun = _BARE_GROUP.match(self.text, seg_start, ent.start)
                if noun and ent.kind in ("org", "person") \
                        and regex.fullmatch(rf"{SP}*(?:của{SP}+)?", self.text[noun.end():ent.start]):
                    # "học sinh Trường THPT chuyên X đoạt 4 giải Nhất": the pupils win, the school
                    # only says whose they are
                    return Subject("group", regex.sub(r"\s+", " ", noun.group("noun")), None, seg_start, tail)
                if (phrase[:1].isupper() or _BARE_GROUP.match(phrase)) and len(phrase.split()) <= 12 \
                        and not self._has_verb(seg_start, ent.start, first=True):
                    return Subject("phrase", phrase, None, seg_start, tail)
                if ent.kind == "place":
                    return Subject("unknown", None, None, seg_start, tail)
            return self._coordinated(start, ent, tail)
        segment = self.text[seg_start:tail].strip()
        if not segment:
            return Subject("empty", None, None, start, start)
        if _HONORIFIC.match(segment):
            return Subject("person", None, None, seg_start, tail)
        head = giver_head_at(segment)
        if head and len(segment.split()) <= 12 and not self._has_verb(seg_start + len(head[0]), tail):
            return Subject(head[1], segment, None, seg_start, tail)
        if group:
            return group
        if (segment[:1].isupper() or _BARE_GROUP.match(segment)) and len(segment.split()) <= 10 \
                and not self._has_verb(seg_start, tail, first=True) \
                and not self.dates_in(seg_start, tail) and not regex.search(r"\d[-/.,]\d|(?<!\p{L}[ ])\b\d", segment) \
                and not _EVENT_HEAD.match(segment):
            return Subject("phrase", segment, None, seg_start, tail)
        bare = _BARE_GROUP.match(segment)
        if bare and not self.verb_between(seg_start, tail):
            # "học sinh các trường THPT trên địa bàn tỉnh đoạt 3 giải Nhất": the head noun receives
            return Subject("group", regex.sub(r"\s+", " ", bare.group("noun")), None, seg_start, tail)
        return Subject("unknown", None, None, seg_start, tail)

    def _group_before(self, start: int, end: int) -> Subject | None:
        """The last counted group ("52 cá nhân") in ``start:end``, when no verb follows it there."""
        found = []
        for m in GROUP_AT.finditer(self.text, start, end):
            if m.group("num") and (m.start() == 0 or not self.text[m.start() - 1].isalnum()):
                found.append(m)
        if not found or self._has_verb(found[-1].end(), end):
            return None

        def group(m) -> Subject:
            return Subject("group", regex.sub(r"\s+", " ", m.group("noun")), self.number(m.start("num"), m.end("num")),
                           m.start(), m.end())
        last = group(found[-1])
        # "12 tập thể và 20 cá nhân được ... tặng Bằng khen": each coordinated group receives
        for prev, nxt in zip(reversed(found[:-1]), reversed(found[1:])):
            if not _COORDINATION.fullmatch(self.text, prev.end(), nxt.start()):
                break
            last.others.insert(0, group(prev))
        return last

    def _past_intro(self, pos: int, limit: int) -> int:
        """Where a clause's content starts after its openers ("Trong đó", "Dịp này"), dates
        and commas, read before ``limit``."""
        while True:
            seg = _INTRO.match(self.text, pos, limit)
            nxt = self.skip_dates(seg.end() if seg else pos)
            nxt += len(self.text[nxt:limit]) - len(self.text[nxt:limit].lstrip(" ,"))
            if nxt == pos:
                return pos
            pos = nxt

    def _leading_person(self, start: int, tail: int) -> Subject | None:
        """A person who opens the clause and whose roles follow in apposition
        ("Ông Phan Diễn - Ủy viên Bộ Chính trị, thường trực Ban Bí thư đã trao ...")."""
        pos = self._past_intro(start, tail)
        ent = self.entity_at(pos, slack=12)
        if not ent or ent.kind != "person" or ent.end >= tail or not self._prefix_ok(pos, ent.start):
            return None
        if not regex.match(rf"{SP}*[-–,(]", self.text[ent.end:tail]) or self._has_verb(ent.end, tail):
            return None
        return Subject("person", ent.name, None, ent.start, ent.end)

    def _with_apposed_partners(self, start: int, person: Subject) -> Subject:
        """The persons coordinated before a person, each with a role in apposition: "bác sĩ A,
        Giám đốc Bệnh viện và bác sĩ B, Trưởng Khoa Nhi được phong tặng ..." is received by both."""
        current = person.start
        while True:
            before = [e for e in self.entities if e.kind == "person" and start <= e.start and e.end <= current]
            if not before:
                return person
            prev = max(before, key=lambda e: e.end)
            gap = self.text[prev.end:current]
            m = regex.fullmatch(rf"(?P<role>{SP}*,[^,;:.\n]{{2,80}}?)?(?:{SP}*,|{SP}+và){SP}+(?P<pre>[^,;:.\n]{{0,40}})", gap)
            if not m or _AWARD_HEAD.search(gap) or self._has_verb(prev.end, prev.end + len(m.group("role") or "")) \
                    or not self._prefix_ok(current - len(m.group("pre")), current):
                return person
            person.others.insert(0, Subject("person", prev.name, None, prev.start, prev.end))
            current = prev.start

    def _person_before_comma(self, start: int, seg_start: int) -> Subject | None:
        """A person right before the comma that opens the subject's last segment."""
        comma = self.text.rfind(",", start, seg_start)
        if comma < 0 or self.text[comma + 1:seg_start].strip():
            return None
        before = [e for e in self.entities if e.kind == "person" and start <= e.start and comma - 1 <= e.end <= comma]
        return Subject("person", before[0].name, None, before[0].start, before[0].end) if before else None

    def _last_comma(self, start: int, tail: int, ent: Entity | None) -> int:
        pos = tail
        while True:
            pos = self.text.rfind(",", start, pos)
            if pos < 0:
                return start
            if not any(e.start <= pos < e.end for e in self.entities) and (ent is None or pos < ent.start):
                return pos + 1

    def _coordinated(self, start: int, ent: Entity, tail: int | None = None) -> Subject:
        """A named subject with the names coordinated before it ("A và B giành HCV"); for
        co-givers ("Nhà nước, Chính phủ và Bộ Công an tặng") the first one comes first."""
        name = ent.name
        if tail is not None and ent.end > tail + 1:     # a word token ran into the verb: "Bộ VHTT tặng"
            printed = self.text[ent.start:tail].strip()
            name = self._org_name(ent.start, tail) if ent.kind == "org" else \
                (printed if ent.kind == "place" or name.endswith(self.text[tail:ent.end].strip()) else name)
        main = Subject(ent.kind, name, None, ent.start, ent.end)
        current = ent.start
        while True:
            sep = regex.search(rf"(?:,|và|,{SP}*và){SP}*$", self.text[start:current])
            if not sep:
                return main
            left = start + sep.start()
            while left > start and self.text[left - 1] == " ":
                left -= 1
            before = [e for e in self.entities if start <= e.start and left - 1 <= e.end <= left and e.kind == ent.kind]
            if before:
                e = max(before, key=lambda x: x.end - x.start)
                main.others.insert(0, Subject(e.kind, e.name, None, e.start, e.end))
                current = e.start
                continue
            body = regex.search(rf"(?:^|[,;]{SP}*|{SP}và{SP}+)(?P<b>[^,;]{{2,30}})$", self.text[start:left])
            b = start + body.start("b") if body else left
            if ent.kind == "org" and body and giver_head_at(body.group("b")) and not self._has_verb(b, left):
                main.others.insert(0, Subject("body", body.group("b").strip(), None, b, left))
                current = b
                continue
            return main

    def giver_subject(self, start: int, end: int) -> Subject:
        """The subject of a grant verb, with co-givers reduced to the first."""
        subject = self.subject(start, end)
        return subject.others[0] if subject.others else subject

    def first_named(self, start: int, end: int) -> list[Subject]:
        """The clause's first counted group or named person or organization: the subject of
        a long clause ("4 học sinh đoạt huy chương vàng ... đã được nhận bằng khen")."""
        start = self._past_intro(start, end)
        group = GROUP_AT.match(self.text, start, end)
        if group and group.group("num"):
            return [Subject("group", regex.sub(r"\s+", " ", group.group("noun")),
                            self.number(group.start("num"), group.end("num")), group.start(), group.end())]
        ent = self.entity_at(start)
        if ent and ent.kind != "place" and ent.start <= start + 2 and ent.end <= end + 2:
            return [Subject(ent.kind, ent.name, None, ent.start, ent.end)]
        # the noun phrase that opens the clause, up to its first verb or preposition:
        # "Đoàn vận động viên tỉnh | tham dự Giải ... giành 3 huy chương vàng"
        stop = next((s for s, e, word, tag in self.tagged(start, end) if tag in _NOT_IN_NP
                     and word[:1].islower() and word != "và"), None)
        phrase = self.text[start:stop].strip(" ,") if stop else ""
        first = next((tag for s, e, word, tag in self.tagged(start)), "")
        one_word = len(phrase.split()) == 1 and first != "Np" and phrase.casefold() not in ANAPHORS
        if phrase and first in _NOUN_TAGS and not one_word and (phrase[:1].isupper() or _BARE_GROUP.match(phrase)) \
                and len(phrase.split()) <= 8 and not regex.search(r"\d|,", phrase) and not triggers(phrase) \
                and not _EVENT_HEAD.match(phrase) and not _HONORIFIC.match(phrase):
            return [Subject("phrase", phrase, None, start, start + len(phrase))]
        return []

    def passive_agent(self, start: int, verb: int) -> Subject | None:
        """The agent of "được <agent> tặng": an organization, office or body between them."""
        m = None
        for m in regex.finditer(rf"(?<![\p{{L}}\p{{M}}])được{SP}+", self.text[start:verb]):
            pass
        if m is None:
            return None
        a = start + m.end()
        np = self.noun_phrase(a, verb)
        if np is None or np.kind == "person":
            return None
        if not self.text[np.end:verb].strip(" ,") or self._strip(np.end, verb) <= np.end + 1:
            return np
        return None
