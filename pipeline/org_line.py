"""The tests the organization grammar asks about one word of a line: does a head, a level,
a province, a person's name or a stop word start here, and how far does a name run on.

>>> from pipeline.org_lexicon import split_words
>>> line = Line(split_words("Sở Giáo dục và Đào tạo tỉnh Đồng Tháp"))
>>> line.head_at(0)[0].text, line.field_at(1), line.level_at(6)[0]
('Sở', 5, 'tỉnh')
"""
from __future__ import annotations

from functools import cached_property

import regex

from .org_lexicon import Head, Word, dictionary, lexicons, longest, split_words, syllables, table_index

_NO_PLACE = {"trung ương", "tối cao"}   # "Ban Tổ chức Trung ương", "TAND Tối cao": no place follows
_NUMBER_LABEL = regex.compile(r"\d{1,4}\p{Lu}")
# one Vietnamese syllable: "Paul", "Wolfowitz", "Lagarde" are none
_SYLLABLE = regex.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"[aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]{1,3}"
    r"(?:ch|ng|nh|[cmnpt])?")


_LINE = regex.compile(r"[^\n]+")


def lines_of(text: str, tokens=None, tags=None) -> list[Line]:
    """Every line of ``text`` split into words once (organizations and places read the same lines);
    ``tokens`` and ``tags`` as in :func:`~pipeline.org_lexicon.split_words`."""
    return [Line(split_words(m.group(), m.start(), tokens, tags)) for m in _LINE.finditer(text)]


class Line:
    """One line's words and the parsing state over them."""

    def __init__(self, words: list[Word]):
        self.w, self.n, self.lex = words, len(words), lexicons()
        self._heads: dict = {}
        self.glued: set[int] = set()
        # the words with abbreviations spelled out: (syllable, word index, original-case syllable)
        table, most = self.lex["abbreviations"], self.lex["abbr_longest"]
        firsts = table_index(table)
        if firsts.keys().isdisjoint(w.text for w in words):   # most lines hold no abbreviation
            self.stream = [(w.fold, i, w.text) for i, w in enumerate(words)]
            self.first = list(range(self.n))
            return
        self.stream, self.first = [], []
        i = 0
        while i < self.n:
            if words[i].text not in firsts:   # most words are no abbreviation
                self.first.append(len(self.stream))
                self.stream.append((words[i].fold, i, words[i].text))
                i += 1
                continue
            size = longest(table, words, i, key="text", limit=most)
            full = table[tuple(w.text for w in words[i:i + size])] if size else [words[i].text]
            for k in range(max(size, 1)):
                self.first.append(len(self.stream))
            for syllable in full:
                self.stream.append((syllable.casefold(), i + max(size, 1) - 1, syllable))
            i += max(size, 1)

    @cached_property
    def all_caps(self) -> bool:
        """A headline in capitals: capitals say nothing, so places come from the lexicon only."""
        letters = [w for w in self.w if w.text[0].isalpha()]
        return len(letters) >= 3 and sum(w.text.isupper() for w in letters) >= 0.8 * len(letters)

    # -- lexicon tests at a word index
    def head_at(self, i):
        """(head, end word, implicit name) for a head opening at word ``i``."""
        if i not in self._heads:
            self._heads[i] = self._head_at(i)
        return self._heads[i]

    def _inside_proper_noun(self, i) -> bool:
        """Word ``i`` continues a proper noun the tagger read as one word: "Tây Ban Nha", "Lê Bá
        Đảng" (but the segmenter's one "Ban Chấp hành Trung ương Đảng" is two bodies). The tag
        is read last: it makes the tagger run on the sentence."""
        w = self.w[i]
        if not (i > 0 and w.token >= 0 and self.w[i - 1].token == w.token and self.w[i - 1].cap):
            return False
        k = i - 1
        while k > 0 and self.w[k - 1].token == w.token:
            k -= 1
        opened = self.head_at(k)
        return (opened is None or opened[1] > i) and w.tag == "Np"

    def _head_at(self, i):
        if i >= self.n or not self.w[i].cap:
            return None
        w = self.w[i]
        heads, p = self.lex["heads"], self.first[i]
        sizes = table_index(heads).get(self.stream[p][0]) if p < len(self.stream) else None
        if sizes is None:
            return None                   # most words open no head
        most = min(10, len(self.stream) - p)
        for size in sizes:
            if size > most:
                continue
            head = heads.get(tuple(s for s, _, _ in self.stream[p:p + size]))
            if head is None:
                continue
            if self._inside_proper_noun(i):
                return None
            last_word = self.stream[p + size - 1][1]
            # the rest of the abbreviation the head ends in (its syllables follow one another)
            rest, k = [], p + size
            while k < len(self.stream) and self.stream[k][1] == last_word:
                rest.append(self.stream[k][2])
                k += 1
            non_head = longest(self.lex["non_heads"], self.w, i)
            if non_head and non_head > last_word + 1 - i:
                return None
            end = last_word + 1
            last = self.w[last_word]
            if size > 1 and last.cap and head.text.split()[-1][0].islower() and not rest \
                    and (self.field_at(last_word) or self._dictionary_word(last_word)):
                continue                  # "Hội đồng Thi đua - Khen thưởng": "Thi" opens a field
            if head.word and end < self.n and self.w[end].token == w.token \
                    and self.w[end].cap and not self.w[end].upper and w.tag == "Np":
                return None               # "Trường Sơn", "Hội An", "Đoàn Khuê": one proper noun
            return head, end, " ".join(rest)
        return None

    def stop_at(self, j) -> int:
        """Length of the stop word at ``j`` (0 for none). The tag is read only for a stop word:
        it makes the tagger run on the sentence."""
        stops = self.lex["stops"]
        if j >= self.n or self.w[j].fold not in table_index(stops):
            return 0                      # most words open no stop word
        for size in range(min(3, self.n - j), 0, -1):
            lower_only = stops.get(tuple(w.fold for w in self.w[j:j + size]))
            if lower_only is not None and (not lower_only or self.w[j].lower or self.all_caps):
                return 0 if self._inside_noun(j) else size
        return 0

    def _inside_noun(self, j) -> bool:
        """Word ``j`` goes on a noun begun before it: "Điện ảnh", "đồng bằng", "Hàng không"."""
        return 0 < j < self.n and self.w[j].token >= 0 and self.w[j].token == self.w[j - 1].token \
            and self.w[j].tag in ("N", "Ny")

    def field_at(self, j) -> int:
        return longest(self.lex["fields"], self.w, j, key="text", limit=16)

    def province_at(self, j) -> int:
        if j >= self.n or not self.w[j].cap:
            return 0
        size = longest(self.lex["provinces"], self.w, j, limit=5)
        if not size and syllables(" ".join(self.lex["abbreviations"].get((self.w[j].text,), []))) in self.lex["provinces"]:
            size = 1                      # "HCM", "VN"
        return size

    def level_at(self, j):
        """(level, org-level?, end) for a level word at ``j``; a capitalized full word
        ("Thành phố", "Xã") only counts before a place name."""
        size = longest(self.lex["levels"], self.w, j, limit=3)
        if not size:
            return None
        level, org, entry, numbered = self.lex["levels"][tuple(w.fold for w in self.w[j:j + size])]
        word = self.w[j]
        after = j + size
        if after < self.n and self.w[after].lower and word.token >= 0 and self.w[after].token == self.w[after - 1].token:
            return None                   # "xã hội", "tỉnh táo": a word of its own
        if entry[0].isupper() and not word.cap:
            return None                   # "TP.", "TX." are printed capitalized
        if entry.isupper() and "." not in entry and word.text != entry:
            return None                   # "TƯ" is "trung ương", "Tư" in "Bộ Tư pháp" is not
        if word.cap and entry[0].islower() and level not in _NO_PLACE \
                and self.place_end(j + size, numbered) == j + size:
            return None                   # "Xã hội", "Tỉnh đã ...": no place follows
        return level, org, j + size, numbered

    def person_at(self, j) -> bool:
        """A personal name starts at ``j``: a surname and more capitalized words ("Lê Văn Nưng")."""
        if j + 1 >= self.n or not self.w[j + 1].cap or self.w[j + 1].punct or self.w[j + 1].upper:
            return False                  # "Đoàn TNCS Hồ Chí Minh" is no Mr Đoàn
        w = self.w[j]
        if j > 0 and w.token >= 0 and w.token == self.w[j - 1].token and not self.w[j - 1].upper \
                and self.w[j + 1].token != w.token:
            return False                  # "Công ty Đế Vương": the surname ends a word begun before
        ambiguous = self.lex["surnames"].get(self.w[j].text)
        if ambiguous is None:
            return False
        if not ambiguous:
            return True
        return self.w[j + 1].text in ("Thị", "Văn") or (j + 2 < self.n and self.w[j + 2].cap and not self.w[j + 2].punct)

    def new_sentence(self, k) -> bool:
        """Word ``k`` opens a sentence (underthesea may split after "TX." in "TX. Tân Châu")."""
        w = self.w[k]
        if not w.sent_start:
            return False
        after_abbreviation = k > 0 and self.w[k - 1].text.endswith(".") and len(self.w[k - 1].text) > 1
        return not after_abbreviation or (w.fold,) in self.lex["stops"]

    def place_end(self, k, numbered: bool = False, bare: bool = False) -> int:
        """End of the place name at ``k`` (``k`` itself when there is none). ``numbered``: the
        level takes numbers ("quận 5"); ``bare``: no level word before it, so a lone capitalized
        word followed by lowercase is a common noun ("Đảng Cộng sản"), not a place."""
        if k >= self.n or self.new_sentence(k):
            return k                      # "UBND TP. Trong khi ...": a new sentence
        if k > 0 and self.w[k - 1].text.endswith(".") and not self.province_at(k) \
                and not (numbered and self.w[k].digits) and self.w[k].tag not in ("", "Np", "Ny"):
            return k                      # "UBND TP. Việc ...", "HĐND TP. Ông Lâm ..."
        size = self.province_at(k)
        if size:
            return k + size
        first = self.w[k]
        if first.digits or (numbered and _NUMBER_LABEL.fullmatch(first.text)):
            return k + 1 if numbered else k       # "quận 5", "ấp 3", "thôn 1A"
        if self.all_caps:
            return k                      # "UBND TỈNH TRAO CỜ": no place name but a listed one
        if self.sentence_case(k) or (bare and not (k + 1 < self.n and self.w[k + 1].cap)):
            return k
        j = k
        while j < self.n and j - k < 4:
            w = self.w[j]
            if not w.cap or w.punct or self.new_sentence(j) or self.person_at(j) or self.head_at(j) \
                    or (j > k and (self.stop_at(j) or self.sentence_case(j))):
                break
            j += 1
        if bare and j < self.n and (self.sentence_case(j) or (
                self.w[j].lower and self.w[j].token >= 0 and self.w[j].token == self.w[j - 1].token)):
            return k                      # "Đảng ủy Khối Doanh nghiệp": a name, not a place
        return j

    def sentence_case(self, k) -> bool:
        """A capitalized word that goes on in lowercase as one word: "Cộng sản", "Doanh nghiệp"
        (but not "Phú Tân trao", where the segmenter glued a verb to a place)."""
        w = self.w[k]
        return w.cap and self._dictionary_word(k) and (w.token < 0 or self.w[k + 1].token == w.token)

    def proper_bound(self, j, persons: bool = False) -> bool:
        """A capitalized word at ``j`` continues the name (not a head, event, title or person)."""
        if j >= self.n:
            return False
        w = self.w[j]
        return (w.cap or w.upper) and not w.punct and not self.new_sentence(j) and not self.head_at(j) and not self.stop_at(j) \
            and (persons or not self.person_at(j)) and not self.level_at(j)

    def word_end(self, j) -> int:
        """End of the word that the capitalized word before ``j`` opens: "Dân vận", "Khoa giáo",
        "Bảo vệ" are one word in underthesea's dictionary, "Luật tuyển" is not (underthesea's
        segmenter glues a verb to a name; that tail is kept as a verb)."""
        first = self.w[j - 1]
        if first.upper:
            return j
        words = dictionary()
        end = j
        for size in range(2, 5):
            k = j - 1 + size
            if k > self.n or not all(v.lower for v in self.w[j:k]):
                break
            if " ".join(v.fold for v in self.w[j - 1:k]) in words:
                end = k
        opens_token = j - 1 == 0 or self.w[j - 2].token != first.token
        in_proper = j >= 2 and self.w[j - 2].cap and not self.w[j - 2].upper   # "Thoại Ngọc Hầu đoạt"
        goes_on = j < self.n and self.w[j].lower and self.w[j].token == first.token
        if end == j and first.token >= 0 and opens_token and not in_proper and goes_on and (not words or first.tag == "N"):
            # a word the list lacks ("Phụ sản", "Ung bướu"): trust the segmenter's noun (its tag,
            # read last, makes the tagger run on the sentence)
            while end < self.n and end - j < 2 and self.w[end].lower and self.w[end].token == first.token:
                end += 1
        glued = end
        while glued < self.n and self.w[glued].lower and first.token >= 0 and self.w[glued].token == first.token:
            glued += 1
        if glued > end and (first.tag == "V" or self.w[end - 1].tag == "V"):
            self.glued.update(range(end, glued))
        return end

    def _dictionary_word(self, x) -> bool:
        """Word ``x`` and the lowercase word after it make one dictionary word ("Thi đua")."""
        return x + 1 < self.n and self.w[x + 1].lower and f"{self.w[x].fold} {self.w[x + 1].fold}" in dictionary()

    def nominal(self, x, adjective: bool = False) -> bool:
        """Word ``x`` may be part of a noun phrase (untagged text gives the benefit of the doubt)."""
        return self.w[x].tag in ("", "N", "Ny", "Np", "Nb", "X") or (adjective and self.w[x].tag == "A")

    def starts_verb(self, x) -> bool:
        """Word ``x`` opens a verb token (a verb's later syllables belong to a capitalized word
        before it: "Bảo vệ thực vật")."""
        w = self.w[x]
        k = x + 1
        while k < self.n and w.token >= 0 and self.w[k].token == w.token and self.w[k].lower:
            k += 1
        if k < self.n and w.token >= 0 and self.w[k].token == w.token and self.w[k].cap:
            return False                  # one token with the name after it ("cam Xuân Thành"/V) is no verb
        return x in self.glued or ((x == 0 or self.w[x - 1].token != w.token or w.token < 0) and w.tag == "V")

    def _verbs_in_last_token(self, j, k) -> bool:
        """No verb opens among the words from ``j`` to ``k`` (excluded) but in the last word's
        token ("... vận tải Tân Thành" may end in a glued verb). A word of that token is not
        asked about: its tag is not needed."""
        return all(self.w[x].token == self.w[k - 1].token or not self.starts_verb(x) for x in range(j, k - 1))

    def office_before(self, i) -> bool:
        """An office ends right before word ``i`` ("Chủ tịch | Ngân hàng Thế giới")."""
        return any(tuple(w.fold for w in self.w[i - k:i]) in self.lex["offices"] for k in range(1, min(i, 3) + 1))

    def foreign_person_at(self, j) -> bool:
        """Two to four capitalized words from ``j`` that end the run and open with a word no
        Vietnamese syllable spells: a foreign person's name ("Paul Wolfowitz", "Christine Lagarde")."""
        k = j
        while k < self.n and self.w[k].cap and not self.w[k].punct and not self.w[k].upper:
            k += 1
        if not 2 <= k - j <= 4 or (k < self.n and (self.w[k].cap or self.w[k].upper) and not self.w[k].punct):
            return False
        return not _SYLLABLE.fullmatch(self.w[j].fold)

    def numbered_at(self, j) -> bool:
        """A unit's number at ``j``: "số 2" in "Đội CSGT số 2", "Trạm Y tế số 3"."""
        return j + 1 < self.n and self.w[j].fold == "số" and self.w[j + 1].digits

    def company_name(self, j) -> bool:
        """Two capitalized words that end the name: a business's own name, not a person's
        ("Công ty TNHH Xây dựng Hoàng Long"; "Công ty ... Nguyễn Văn A" is a person)."""
        two = [self.w[k] for k in range(j, min(j + 2, self.n))]
        after = self.w[j + 2] if j + 2 < self.n else None
        return len(two) == 2 and all(v.cap and not v.punct and not v.upper for v in two) \
            and (after is None or not after.cap or after.punct)

    def lower_run(self, j, last, head: Head) -> int:
        """How many lowercase words from ``j`` belong to the name (0 for none)."""
        k = j
        while k < self.n and k - j < 6 and self.w[k].lower and not self.stop_at(k) \
                and not self.level_at(k) and self.w[k].fold != "và" and not self.numbered_at(k):
            k += 1
        if k == j:
            return 0
        # which words open a verb, found when first needed (it reads tags: the tagger runs)
        found: list[bool] = []

        def verbs() -> list[bool]:
            if not found:
                found.extend(self.starts_verb(x) for x in range(j, k))
            return found

        if k < self.n and self.w[k].fold == "và" and self.proper_bound(k + 1, False) and not any(verbs()):
            return k + 1 - j              # "Trồng trọt và Bảo vệ ...", "Huấn luyện và Thi đấu ..."
        # after a ministry's or department's field only its province follows ("Sở Tài nguyên môi
        # trường Hà Nội"), never another name ("Bộ Công nghiệp yêu cầu Vinatex")
        bound_ok = head.names != "field" or bool(self.province_at(k))
        # a business's field words run longer ("Nông nghiệp dịch vụ tổng hợp Xuân Thành")
        most = 6 if head.names == "business" else 3
        persons = head.names == "person" or (head.names == "business" and k < self.n and self.company_name(k))
        if k - j <= most and bound_ok and self.proper_bound(k, persons) \
                and (self._verbs_in_last_token(j, k) if last == "cap" else not any(verbs())):
            return k - j                  # "Vật liệu xây dựng Tân Thành" (not "Đoàn HS dự thi Olympic")
        if k < self.n and self.level_at(k) and ((last == "head" and head.lower) or not any(verbs())):
            return k - j                  # "Kiểm soát bệnh tật tỉnh", "Ban Quản lý dự án đầu tư xây dựng tỉnh"
        if last == "proper":              # after a proper name only a single word before ")" or ","
            nxt = self.w[k].text if k < self.n else ""
            return 1 if k - j == 1 and nxt in (")", ",") and self.nominal(j) else 0
        if last not in ("cap", "head"):
            return 0
        before_verb = verbs().index(True) if any(verbs()) else k - j
        # an adjective only where punctuation closes the name ("Khoa Hồi sức tích cực - Chống độc",
        # not "ĐH Luật cao hơn", "Sở Bưu chính Viễn thông chính thức")
        parent = bool(self.head_at(k)) and self.head_at(k)[0].needs != "brand"   # a brand is no parent body
        closed = before_verb == k - j and (k >= self.n or self.w[k].punct or parent)
        if not all(self.nominal(x, adjective=closed) for x in range(j, j + before_verb)):
            return 0                      # "Sở TDTT đầu tiên", "Bộ Thương mại vừa ..."
        rest_ok = k >= self.n or self.w[k].punct or self.stop_at(k) or before_verb < k - j or self.numbered_at(k) \
            or parent or self.person_at(k)   # "Ban Dân vận Tỉnh ủy", "... Ngân sách Tào Hữu Phùng"
        return before_verb if 0 < before_verb <= 3 and rest_ok else 0


