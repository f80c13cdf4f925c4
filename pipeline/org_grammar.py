"""The grammar of an organization mention, over the words of one line.

    mention := unit [parent-unit]            "Phòng PC04" + "Công an tỉnh Long An"
    unit    := HEAD name* [ident] [place]    "Công ty" "CP Vật liệu xây dựng" "Tân Thành"
             | BRAND [branch | place]        "Agribank" "Chi nhánh huyện Yên Thành"
    ident   := number | "số" number          "Ban Chuyên án 0122", "Đội CSGT số 2"
    place   := LEVEL [Name] | PROVINCE       "tỉnh An Giang", "TX. Tân Châu", "An Giang"

A name runs through capitalized words, acronyms, listed fields ("Văn hóa, Thể thao và Du lịch")
and short lowercase runs that a capitalized word or a level closes ("Vật liệu xây dựng Tân Thành",
"Kiểm soát bệnh tật tỉnh"). It stops at punctuation, function words and verbs, events and titles
(``org_stopwords.txt``), a person's name, and the next head. Heads are matched on the words with
their abbreviations spelled out, so "UBND", "Ủy ban MTTQ Việt Nam" and "CDC" open names too.

>>> [m.text for m in match_organizations("Huyện ủy - HĐND - UBND huyện Chợ Mới tổ chức lễ.")]
['Huyện ủy', 'HĐND', 'UBND huyện Chợ Mới']
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from .org_lexicon import Head, abbreviation_words, longest
from .org_line import _NO_PLACE, Line, lines_of
from .org_names import Unit, fold, with_place
from .org_places import _place_names

_PLURAL_BEFORE = {"các", "những", "mọi", "nhiều", "từng", "hai", "ba", "bốn"}
_YEAR = regex.compile(r"(?:19|20)\d\d")
_FRACTION = regex.compile(r"\d+/\d+")
_ALIAS = regex.compile(r"\s*\((\p{Lu}[\p{L}\p{N}&\-]{1,14})\)")
_COORDINATORS = {"-", "–", ",", "và", "&"}
_ORDINAL_WORDS = {"thứ", "lần", "khóa", "số", "kỳ", "phiên", "đợt"}



@dataclass
class OrgMatch:
    """One mention: character offsets into the text, its units (child first), the rule that
    made it, and whether it is a bare head that only names an organization printed in full elsewhere."""
    start: int
    end: int
    text: str
    units: tuple[Unit, ...]
    rule: str
    needs_fuller: bool = False
    heads: tuple[Head, ...] = field(default=(), repr=False)
    first_word: int = field(default=-1, repr=False)
    end_word: int = field(default=-1, repr=False)


# ---------------------------------------------------------------- parsing
def _parse_unit(line: Line, i: int, absorbed: bool = False):
    """Parse one unit (and its parent) opening at word ``i``: (end word, units, heads, rule) or None."""
    hit = line.head_at(i)
    if hit is None:
        return None
    head, j, implicit = hit
    if head.needs == "brand":
        return _parse_brand(line, j, head)
    w, n = line.w, line.n
    name = [implicit] if implicit else []
    ident = level = place = ""
    plural = central = False
    last = "head" if not implicit else "cap"
    plain_before = False
    lower_ok = head.lower
    if j < n and w[j].lower and w[j].fold in ("các", "những"):
        if not head.lower or j + 1 >= n or line.level_at(j + 1) or w[j + 1].fold in ("cấp", "đơn", "cơ"):
            return None                   # "Công an các huyện", "UBND các xã": a category
        name.append(w[j].text)            # "Ban Quản lý các khu công nghiệp tỉnh"
        j += 1
    while j < n:
        x = w[j]
        if x.punct:
            nxt = j + 1
            if x.text in "-–" and last in ("cap", "lower") and line.proper_bound(nxt, False):
                name.append(x.text)       # "Ban Thi đua - Khen thưởng", "Khoa Hồi sức tích cực - Chống độc"
                j = nxt
                continue
            break
        size = line.field_at(j)
        if size:
            name.append(" ".join(v.text for v in w[j:j + size]))
            j, last = j + size, "field"
            continue
        lv = line.level_at(j)
        if lv:
            level_word, org_level, k, numbered = lv
            if not org_level and (head.text not in line.lex["village_heads"] or line.place_end(k, numbered) == k):
                break                     # "UBND xã | ấp 3", but "Chi bộ ấp 3" (not "Chi bộ thôn" alone)
            if level_word in _NO_PLACE and line.head_at(j):
                # "Ban Thường vụ | Trung ương Đoàn": the central body is the parent; the organ
                # keeps its level so that "Ban Chấp hành Trung ương" alone still names it
                central, level = True, level_word
                break
            # "Trung ương" takes no place but a province ("Bệnh viện Đa khoa Trung ương Cần Thơ")
            end = line.place_end(k, numbered) if level_word not in _NO_PLACE else k + line.province_at(k)
            if end == k and k + 1 < n and w[k].text == "," and (line.level_at(k + 1) or w[k + 1].fold == "thị"):
                plural = True             # "LĐLĐ huyện, thị, thành phố"
            level, place = level_word, " ".join(v.text for v in w[k:end])
            j = end
            break
        size = line.province_at(j)
        if size:
            place = " ".join(v.text for v in w[j:j + size])
            j += size
            break
        if line.head_at(j):
            if not name and head.needs in ("name", "proper") and not absorbed:
                sub = line.head_at(j)     # "Bộ Công an", "Trường Đại học Đồng Tháp": the head is the name
                name.append(" ".join(v.text for v in w[j:sub[1]]) + (" " + sub[2] if sub[2] else ""))
                lower_ok = sub[0].lower
                j, last = sub[1], "head"
                continue
            break
        if line.stop_at(j) or line.new_sentence(j):
            break
        if x.cap or x.upper:
            start = j
            if head.names == "field" and last in ("field", "acronym"):
                break                     # "Bộ GDĐT Bành Tiến Long": the field ended the name
            # a school named after a person: the name comes first or after its type only
            # ("Trường THPT chuyên Nguyễn Quang Diêu", not "ĐH Kinh tế quốc dân Phan Công Nghĩa")
            if line.person_at(j) and not (head.names == "person" and _school_types_only(line, name)) \
                    and not (head.names == "business" and line.company_name(j)):
                break
            if name and line.office_before(i) and line.foreign_person_at(j) \
                    and not any(part.isupper() or part.casefold() in line.lex["generic"] for part in name):
                break                     # "Chủ tịch Ngân hàng Thế giới | Paul Wolfowitz" (a company's
                                          # legal form keeps its foreign name: "Công ty TNHH Golden Star")
            if head.needs == "none":      # "Huyện ủy Chợ Mới": a place follows a standalone body
                # a committee of a level takes any place; others a listed one ("Chính phủ Nhật Bản",
                # not "Liên Hợp Quốc Kofi Annan")
                end = line.place_end(j, bare=True) if head.level else j + (
                    line.province_at(j) or longest(line.lex["countries"], w, j, limit=6))
                if end == j and not head.level and not _names_a_body(line, j):
                    break                 # "Liên Hợp Quốc Kofi Annan": a person after the body, not its name
                if end > j:
                    place = " ".join(v.text for v in w[j:end])
                    j = end
                    break
            name.append(x.text)
            j += 1
            j = line.word_end(j)
            if j > start + 1:
                name[-1] = " ".join(v.text for v in w[start:j])
            # two plain capitalized words make a proper name ("Đồng Xanh"), after which no lowercase
            # word follows; a word that goes on in lowercase ("Cổ phần", "Vật liệu") does not
            # (nor does a capitalized function word: "Các Khu công nghiệp")
            plain = " " not in name[-1] and not x.upper
            if x.upper:
                last = "acronym"
            elif plain and plain_before and w[j - 2].fold not in ("các", "những"):
                last = "proper"
            else:
                last = "cap"
            plain_before = plain
            continue
        if line.numbered_at(j) and not ident:
            ident, last = f"{x.text} {w[j + 1].text}", "ident"   # "Đội CSGT số 2", "Trường Tiểu học số 1"
            j += 2
            continue
        if x.digits and head.needs == "ident" and not ident:
            if j + 1 < n and w[j + 1].lower and not line.stop_at(j + 1):
                break                     # "Sở Y tế 2 năm": a count, not an identifier
            ident, last = x.text, "ident"
            j += 1
            continue
        if x.lower:
            if x.fold == "và" and last == "cap" and line.proper_bound(j + 1, False):
                name.append(x.text)       # "Trung tâm Huấn luyện và Thi đấu ..."
                j += 1
                continue
            if last == "field":
                break
            if last == "head" and not lower_ok:
                # a business's field may open in lowercase when its proper name closes it
                size = line.lower_run(j, last, head) if head.names == "business" else 0
                nouns = all(line.nominal(x) or (line.w[x].tag == "V" and not line.starts_verb(x))
                            for x in range(j, j + size))       # not "Ngân hàng lớn nhất Rumani"
                if size and nouns and line.w[j + size].fold not in ("các", "những") \
                        and line.proper_bound(j + size, line.company_name(j + size)):
                    name.append(" ".join(v.text for v in w[j:j + size]))
                    j, last = j + size, "lower"
                    continue
                break
            size = line.lower_run(j, last, head)
            if size:
                name.append(" ".join(v.text for v in w[j:j + size]))
                j, last = j + size, "lower"
                continue
        break
    if plural:
        return None
    while name and name[-1] in ("và", "-", "–", ","):
        name.pop()
        j -= 1
    branch = _branch(line, j) if head.names == "business" and name else None
    if branch is not None:                # "Ngân hàng Nông nghiệp ... Việt Nam - Chi nhánh huyện Yên Thành"
        j, level, place = branch
    unit = Unit(head.text, " ".join(name), ident, level, place)
    units, heads = [unit], [head]
    rule = "<head>" + (" <name>" if name else "") + (" <ident>" if ident else "") + \
           (" <level>" if level else "") + (" <place>" if place else "")
    # a parent body printed right after: "Ban Thường vụ Tỉnh ủy", "Phòng PC04 Công an tỉnh"
    if (not level or level in _NO_PLACE) and not place and line.head_at(j):
        parent = _parse_unit(line, j, absorbed=True)
        if parent is not None and not (len(parent[1]) == 1 and parent[1][0].bare
                                       and parent[2][0].needs in ("level", "parent", "ident")):
            j, more, more_heads, _ = parent
            units += more
            heads += more_heads
            rule += " <parent>"
    generic = line.lex["generic"]
    distinctive = (any(part.casefold() not in generic for part in name) and " ".join(name).casefold() not in generic) \
        or place or level or ident
    # an office of the central bodies: "Văn phòng Trung ương Đảng", "Ủy ban Trung ương MTTQ Việt Nam"
    central = (central or level in _NO_PLACE) and len(units) > 1
    if head.needs == "name" and not ((name and distinctive) or (place and not level) or central):
        return None                       # "Trung tâm tỉnh Phú Thọ" is the province's centre; "Báo An Giang" is named
    if head.needs == "proper" and not (distinctive and (name or place)):
        return None
    if head.needs == "proper" and not (place or any(part[:1].isupper() and not part.isupper() for part in name)):
        return None                       # "Đoàn đại biểu", "Đoàn HS": a delegation must be named
    return j, units, heads, rule


def _branch(line: Line, j: int):
    """A branch printed after a bank or company: "[-] Chi nhánh [level] <place>" (or "CN"), as
    (end word, level, place); None when no branch with a place follows."""
    w, n, k = line.w, line.n, j
    if k < n and w[k].text in "-–":
        k += 1
    if k + 1 < n and w[k].fold == "chi" and w[k + 1].fold == "nhánh":
        k += 2
    elif k < n and w[k].text == "CN":
        k += 1
    else:
        return None
    lv = line.level_at(k)
    if lv and lv[1]:
        end = line.place_end(lv[2], lv[3])
        return (end, lv[0], " ".join(v.text for v in w[lv[2]:end])) if end > lv[2] else None
    end = line.place_end(k) if k < n and w[k].cap else k
    return (end, "", " ".join(v.text for v in w[k:end])) if end > k else None


def _parse_brand(line: Line, j: int, head: Head):
    """A brand ("Agribank", "BIDV") with its branch or place: "Agribank Chi nhánh huyện Yên Thành",
    "Viettel Nghệ An"; the key keeps the place, so "Agribank Yên Thành" is the same branch."""
    level = place = ""
    rule = "<brand>"
    branch = _branch(line, j)
    if branch is not None:
        j, level, place = branch
        rule += " Chi nhánh" + (" <level>" if level else "") + " <place>"
    elif j < line.n and line.w[j].cap and not line.w[j].punct and not line.person_at(j) and not line.stop_at(j):
        end = line.province_at(j) or line.place_end(j) - j
        if end:
            place = " ".join(v.text for v in line.w[j:j + end])
            j += end
            rule += " <place>"
    return j, [Unit(head.text, "", "", level, place)], [head], rule


@lru_cache(maxsize=None)
def _kind_pattern(kind: str):
    return regex.compile(rf"(?<!\S){regex.escape(kind)}(?!\S)", flags=regex.I)


def _school_types_only(line: Line, name: list[str]) -> bool:
    """The name so far only says what kind of school it is ("THPT chuyên", "Tiểu học")."""
    text = " ".join(name)
    for kind in sorted(line.lex["school_types"], key=len, reverse=True):
        text = _kind_pattern(kind).sub(" ", text)
    return not text.strip()


def _names_a_body(line: Line, j: int) -> bool:
    """The capitalized words from ``j`` hold a common word or an acronym ("Khối Doanh nghiệp",
    "Cộng sản Cuba", "CGT"), not only a foreign person's name ("Kofi Annan")."""
    k = j
    while k < line.n and line.w[k].cap and not line.w[k].punct:
        if line.w[k].upper or line.sentence_case(k) or line._dictionary_word(k):
            return True
        k += 1
    return False


def _plural_before(line: Line, i: int) -> bool:
    if i == 0:
        return False
    prev = line.w[i - 1]
    if prev.fold == "cấp" and i > 1 and line.w[i - 2].fold == "các":
        return True                       # "các cấp Công đoàn": every level, no one body
    ordinal = i > 1 and line.w[i - 2].fold in _ORDINAL_WORDS    # "Kỳ họp thứ 7 HĐND tỉnh"
    return prev.fold in _PLURAL_BEFORE or (prev.digits and not _YEAR.fullmatch(prev.text) and not ordinal) \
        or bool(_FRACTION.fullmatch(prev.text))


def _inside_person(line: Line, i: int) -> bool:
    """Word ``i`` goes on a personal name begun up to three capitalized words before it."""
    k = i
    while k > max(0, i - 3) and line.w[k - 1].cap and not line.w[k - 1].punct:
        k -= 1
        if line.person_at(k):
            return True
    return False


def _match_line(line: Line) -> list[OrgMatch]:
    out, i = [], 0
    while i < line.n:
        parsed = _parse_unit(line, i) if line.w[i].cap and not _inside_person(line, i) and not line.person_at(i) else None
        if parsed is None:
            i += 1
            continue
        j, units, heads, rule = parsed
        if heads[0].needs == "brand" and any(tuple(w.fold for w in line.w[i - k:i]) in line.lex["product_nouns"]
                                             for k in range(1, min(i, 3) + 1)):
            i = j                         # "sữa Vinamilk", "mạng Viettel": a product of the brand
            continue
        if not _plural_before(line, i):
            bare = len(units) == 1 and heads[0].needs in ("level", "parent", "ident") \
                and (units[0].bare or (heads[0].needs == "parent" and not units[0].level and not units[0].ident))
            out.append(OrgMatch(line.w[i].start, line.w[j - 1].end, "", tuple(units), rule, bare,
                                tuple(heads), i, j))
        i = j
    _share_places(line, out)
    return out


def _share_places(line: Line, matches: list[OrgMatch]) -> None:
    """Give bare heads of a coordination the place of its last member:
    "Huyện ủy - HĐND - UBND - Ủy ban MTTQ Việt Nam huyện Chợ Mới"."""
    run: list[OrgMatch] = []
    for match in matches + [None]:
        if match is not None and run and match.first_word == run[-1].end_word + 1 \
                and line.w[run[-1].end_word].fold in _COORDINATORS:
            run.append(match)
            continue
        if len(run) > 1:
            last = run[-1].units[0]
            if last.place:
                for member in run[:-1]:
                    unit, head = member.units[0], member.heads[0]
                    if len(member.units) == 1 and unit.bare and head.needs in ("none", "level") \
                            and head.level in ("", last.level):
                        member.units = (with_place(unit, last.level, last.place, head.level),)
                        member.needs_fuller = False
                        member.rule += " (shares the place of a coordination)"
        run = [match] if match is not None else []


def _parenthesized(text: str, matches: list[OrgMatch]) -> list[OrgMatch]:
    """"X (Y)": Y is another name of X. An acronym in the parentheses that is no head
    ("Tập đoàn Điện lực Việt Nam (EVN)") becomes a mention of X wherever it is printed."""
    learned: dict[str, tuple[Unit, ...]] = {}
    brands: dict[Unit, tuple[Unit, ...]] = {}
    for a, b in zip(matches, matches[1:]):
        if text[a.end:b.start].strip() != "(" or not text[b.end:b.end + 2].strip().startswith(")"):
            continue
        if _same_body(a.units[0], b.units[0]):
            b.units = a.units
            b.needs_fuller = a.needs_fuller
            b.rule += " (alias in parentheses)"
        elif _is_brand(b) and b.units[0].bare and not a.needs_fuller:
            brands[b.units[0]] = a.units  # "Ngân hàng TMCP Ngoại thương Việt Nam (Vietcombank)"
    for m in matches:
        if _is_brand(m) and len(m.units) == 1 and m.units[0] in brands:
            m.units = brands[m.units[0]]
            m.rule += " (brand defined in parentheses)"
    for a in matches:
        m = _ALIAS.match(text, a.end)
        if not m or a.needs_fuller or any(b.start == m.start(1) for b in matches):
            continue
        word = m.group(1)
        acronym = word.isupper()
        business = a.heads and a.heads[0].names == "business"   # "(Vietcombank)", not a university's "(Canada)"
        if (acronym and _echoes_initials(word, a.text) and word not in abbreviation_words()) \
                or (business and not acronym and len(word) >= 4 and (word.casefold(),) not in _place_names()):
            learned[word] = a.units       # "(EVN)", "(HLTTQG)", "(Vietcombank)", "(Navico)"
    if not learned:
        return matches
    taken = [(m.start, m.end) for m in matches]
    extra = []
    for acronym, units in learned.items():
        for m in regex.finditer(rf"(?<![\p{{L}}\p{{N}}]){regex.escape(acronym)}(?![\p{{L}}\p{{N}}])", text):
            if not any(m.start() < e and s < m.end() for s, e in taken):
                extra.append(OrgMatch(m.start(), m.end(), m.group(), units, "<abbreviation defined in parentheses>"))
    return sorted(matches + extra, key=lambda m: m.start)


def _is_brand(match: OrgMatch) -> bool:
    return bool(match.heads) and match.heads[0].needs == "brand"


def _same_body(a: Unit, b: Unit) -> bool:
    """One head and one name: "(Phòng PC04)" renames the Phòng before it, "ĐH Khoa học tự nhiên
    (ĐHQG Hà Nội)" and "ĐH Nông lâm (ĐH Huế)" name its parent."""
    if fold(a.head) != fold(b.head) or fold(a.name) != fold(b.name):
        return False
    return not a.place or not b.place or fold(a.place) == fold(b.place)


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
                   if not unicodedata.combining(c))


def _echoes_initials(acronym: str, name: str) -> bool:
    """"HLTTQG" for "Trung tâm Huấn luyện thể thao Quốc gia": its letters are initials of the
    name, in order. A newspaper's byline "(NLĐ)" after a name is not its acronym."""
    initials = [_plain(word)[0] for word in name.split() if word[0].isalnum()]
    letters, k, hits = _plain(acronym), 0, 0
    for letter in letters:
        for pos in range(k, len(initials)):
            if initials[pos] == letter:
                hits, k = hits + 1, pos + 1
                break
    return hits >= 2 and hits == len(letters)


def match_organizations(text: str, *, lines=None) -> list[OrgMatch]:
    """Every organization mention of ``text`` (bare heads included, ``needs_fuller`` set);
    ``lines``, the text's :func:`~pipeline.org_line.lines_of` with the tagger's tokens (the
    grammar stops at verbs), saves splitting it again.

    >>> [m.text for m in match_organizations("Giám đốc Sở GD-ĐT Đồng Tháp Nguyễn Văn Định cho biết")]
    ['Sở GD-ĐT Đồng Tháp']
    """
    out = []
    for line in lines if lines is not None else lines_of(text):
        for match in _match_line(line):
            match.text = text[match.start:match.end]
            out.append(match)
    return _parenthesized(text, out)
