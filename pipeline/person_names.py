"""Finding the names of persons: full names, short mentions, bylines and photo credits.

A full name is a run of capitalised syllables that opens with a family name
(``person_surnames.tsv``): "Lê Văn Nưng", "Thạch Thị Sa Rươl". A short mention joins the
full name it ends with ("ông Nưng", "Kim Loan"); a given name after an honorific with no
full name anywhere stays as printed ("anh Tèo"). Places and bodies named after people are
not persons: "đường Trần Hưng Đạo", "170 Nguyễn Đình Chiểu", "Trường THPT chuyên
Nguyễn Quang Diêu", "Thành phố Hồ Chí Minh".

>>> [(words[m.first].text, m.kind) for m in resolve_mentions(words, *name_mentions(doc, words))]
[('Lê', 'full'), ('Nưng', 'short')]
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex
from spacy.tokens import Doc

from .person_foreign import foreign_name_start
from .person_highland import fold, highland_short_forms, highland_start, marker
from .person_company import company_before
from .person_titles import Title, head_at, titles_before
from .person_words import Words, forms_word
from .resources import load_lexicon, load_table
from .spans import LAYOUT, ORGANIZATIONS, in_boilerplate

_NAME_SYLLABLE = regex.compile(r"\p{Lu}\p{Ll}*(?:['’]\p{Lu}?\p{Ll}+)?(?:-\p{L}\p{Ll}*)*")
_SPACE = regex.compile(r"[^\S\n]+")
_CREDIT = regex.compile(
    r"(?:(?<=^|[\s(.\[])(?:Ảnh|ẢNH|Bài,?[^\S\n]+(?:và[^\S\n]+)?ảnh|Bài/ảnh|Tin,?[^\S\n]+(?:và[^\S\n]+)?ảnh"
    r"|Video|Clip|Đồ họa))[^\S\n]*:[^\S\n]*(?P<names>[^\n()\[\]]{2,60})", regex.M)
# one Vietnamese syllable: onset, vowels, coda; "Riedl", "Calisto" are not ("HLV Riedl" is a
# person, "nhà văn Anh" is a nationality)
_VIETNAMESE_SYLLABLE = regex.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"[aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]{1,3}"
    r"(?:ch|ng|nh|[cmnpt])?")
_YEAR = regex.compile(r"(?:19|20)\d\d")
_CREDIT_WORDS = ("Ảnh", "Nguồn", "Video", "Clip")
_CREDIT_WORD = regex.compile(rf"(?:{'|'.join(_CREDIT_WORDS)})[^\S\n]*:")
# where a capitalised honorific opens a sentence ("Ông Trần Quốc Việt"); mid-sentence,
# "Anh Dũng" is a name
_SENTENCE_START = regex.compile(r"(?:^|[.!?:;…\"“”'‘’(\[]|[-–][^\S\n])[^\S\n]*$", regex.M)
_PART_SPLIT = regex.compile(r"[^\S\n]*[-–,;/][^\S\n]*|[^\S\n]+và[^\S\n]+")
# "X.Nam", "T.Hà": an initial and a name, as bylines abbreviate them
_INITIALED = regex.compile(r"\p{Lu}\.[^\S\n]?\p{Lu}\p{Ll}+(?:[^\S\n]+\p{Lu}\p{Ll}+){0,3}")
_PLAIN_NAME = regex.compile(r"\p{Lu}[\p{L}]*(?:[^\S\n]+\p{Lu}[\p{L}]*){1,4}")


@dataclass
class Mention:
    first: int               # word indexes [first, last)
    last: int
    kind: str                # full, short, given, byline, credit
    rule: str
    cue: int | None = None   # first word of the honorific or cue before the name
    name: str | None = None
    titles: list[Title] = field(default_factory=list)


@lru_cache(maxsize=1)
def _lex() -> dict:
    def phrases(name):
        return {tuple(entry.split()) for entry in load_lexicon(name)}
    return {
        "surname": {row["surname"]: row["ambiguous"] == "yes" for row in load_table("person_surnames")},
        "honorific": {tuple(e.casefold().split()) for e in load_lexicon("person_honorifics")},
        "honorific_or_cue": {tuple(e.casefold().split())
                             for e in load_lexicon("person_honorifics") + load_lexicon("person_cues")},
        "middle": set(load_lexicon("person_middle_names")),
        "place": phrases("person_place_words"),
        "not_name": {tuple(e.casefold().split()) for e in load_lexicon("person_not_names")},
        "byline_not": {e.casefold() for e in load_lexicon("person_byline_not_names")},
        "given_role": {tuple(e.casefold().split()) for e in load_lexicon("person_given_name_roles")},
        "alias": {tuple(row["alias"].casefold().split()): row["name"] for row in load_table("person_aliases")},
        "alias_end": {row["alias"].casefold().split()[-1] for row in load_table("person_aliases")},
        "lunar_year": _lunar_years(),
        "epithet": {tuple(e.casefold().split()) for e in load_lexicon("person_alias_epithets")},
    }


# the same earthly branch is printed two ways: "Quý Tỵ" / "Quý Tị", "Kỷ Mão" / "Kỷ Mẹo"
_BRANCH_SPELLINGS = {"tỵ": "tị", "mão": "mẹo"}


def _lunar_years() -> set[tuple[str, ...]]:
    """The 60 lunar year names (Can Chi: "Giáp Thìn", "Quý Mão"), read from the dates
    stage's lunar table: "Tết Nguyên đán Giáp Thìn 2024" names a year, not a person,
    though "Giáp" and "Đinh" are family names."""
    names = set()
    for row in load_table("lunar_holidays"):
        stem, branch = row["can_chi"].casefold().split()
        names |= {(stem, branch), (stem, _BRANCH_SPELLINGS.get(branch, branch))}
    return names


def _gap(words: Words, i: int) -> str:
    return words.text[words[i - 1].end:words[i].start] if 0 < i < len(words) else ""


def _phrase_before(words: Words, i: int, phrases: set, *, fold: bool = True, max_len: int = 4) -> int | None:
    """First word of the longest phrase of ``phrases`` that ends right before word ``i``."""
    reach = 0                                       # words before ``i`` joined to it by spaces only
    while reach < max_len and words[i - reach].spaced:
        reach += 1
    key = tuple(w.lower if fold else w.text for w in words[i - reach:i])
    for n in range(reach, 0, -1):
        s = i - n
        if s > 0 and words[s - 1].token == words[s].token >= 0:
            continue                                # "thôn" of "nông thôn" is no village
        if key[reach - n:] in phrases:
            return s
    return None


def _place_before(words: Words, i: int) -> bool:
    """A place or organization word stands right before word ``i`` ("đường", "TX.", "THPT")."""
    if i == 0:
        return False
    gap = _gap(words, i)
    if gap.startswith(".") and _SPACE.fullmatch(gap[1:]):
        return (words[i - 1].text + ".",) in _lex()["place"]
    return _phrase_before(words, i, _lex()["place"], fold=False) is not None


def _number_before(words: Words, i: int) -> bool:
    """A house number right before the name makes it a street: "170 Nguyễn Đình Chiểu",
    "số 9/22 Phạm Văn Hai"; not a year ("năm 2004 Võ Thành Bang") nor the number of a
    name ("SEA Games 23 Nguyễn Hồng Minh")."""
    if i == 0 or not words[i - 1].text[:1].isdigit() or not words[i].spaced:
        return False
    number = words[i - 1].text
    if _YEAR.fullmatch(number):
        return False
    return i < 2 or not (words[i - 2].is_cap and words[i - 1].spaced)


def _is_name_syllable(words: Words, i: int) -> bool:
    """Capitalised, and not the capitalised first syllable of a common word ("Thanh niên",
    "Giáo dục", "Đoàn Chủ tịch"): the pair is in the word list and the segmenter kept it
    whole. A name glued to the verb after it ("Phạm Quốc Bảo dự") is still a name."""
    word = words[i]
    if not word.is_cap or not _NAME_SYLLABLE.fullmatch(word.text):
        return False                                # is_cap first: most words are lower-case
    if i + 1 < len(words) and not words[i + 1].is_cap and forms_word(words, i) \
            and (word.token < 0 or words[i + 1].token == word.token):
        return False
    if i > 0 and not words[i - 1].is_cap and forms_word(words, i - 1) and words[i - 1].token == word.token >= 0:
        return False                                # "ngư" + "Trần" is no word; "thị Xã" would be
    return True


@lru_cache(maxsize=1)
def _prefixes() -> set[str]:
    return set(load_lexicon("person_title_prefixes"))


@lru_cache(maxsize=1)
def _title_stops() -> set[str]:
    return set(load_lexicon("person_title_stops"))


def _runs(words: Words) -> list[tuple[int, int]]:
    """Maximal runs of name syllables separated by spaces only."""
    runs, start = [], None
    for i in range(len(words) + 1):
        ok = i < len(words) and words[i].is_cap and _is_name_syllable(words, i) \
            and not (words[i].text in _CREDIT_WORDS and _CREDIT_WORD.match(words.text, words[i].start))
        if ok and start is not None and not words[i].spaced:
            runs.append((start, i))
            start = None
        if ok and start is None:
            start = i
        elif not ok and start is not None:
            runs.append((start, i))
            start = None
    return runs


def _not_name_at(words: Words, s: int, e: int) -> bool:
    """The run [s, e) opens with a listed place or group ("Hà Nội", "Hoàng Anh Gia Lai"); a
    one-word entry ("Mỹ", "Anh") only when it is the whole run: "Mỹ Linh" is a name. A
    lunar year name is no name when it is the whole run ("xuân Đinh Dậu")."""
    keys = _lex()["not_name"]
    if tuple(w.text.casefold() for w in words[s:e]) in _lex()["lunar_year"]:
        return True
    return any(tuple(w.text.casefold() for w in words[s:s + n]) in keys
               for n in range(1 if e - s == 1 else 2, min(5, e - s) + 1))


def _cue_before(words: Words, i: int) -> int | None:
    """First word of an honorific or status word right before word ``i``."""
    lex = _lex()
    found = _phrase_before(words, i, lex["honorific_or_cue"])
    if found is not None and found > 0 and not words[found - 1].is_cap and forms_word(words, found - 1):
        return None                                 # "em bé", "người mẹ", "cô bác" are common nouns
    return found


def _alias_at(doc: Doc, words: Words, a: int, b: int, cue: int | None) -> Mention | None:
    """A form of address that names one well-known person ("Bác Hồ"), also after a
    sentence-opening word that is no name ("Theo Bác Hồ, ...")."""
    aliases = _lex()["alias"]
    if words[b - 1].lower not in _lex()["alias_end"]:
        return None                                 # most runs: every alias ends with its last word

    def alias(start: int) -> str | None:
        return aliases.get(tuple(w.lower for w in words[start:b]))

    if cue is not None and (name := alias(cue)):
        return Mention(a, b, "short", "<alias>", cue=cue, name=name)
    if name := alias(a):
        return Mention(a, b, "short", "<alias>", name=name)
    # the opening word is tested last: that may run the tagger on the sentence
    if b - a > 2 and (name := alias(a + 1)) and _prefix_is_no_name(doc, words, a, a + 1):
        return Mention(a + 1, b, "short", "<alias>", name=name)
    return None


def _prefix_is_no_name(doc: Doc, words: Words, a: int, s: int) -> bool:
    """The capitalised words before a family name inside a run are a place ("Sài Gòn
    Nguyễn Văn Tăng") or a sentence-opening word that is no proper noun ("Rồi Lê Thanh Nghị")."""
    if _not_name_at(words, a, s) and len(words[a:s]) <= 3 and \
            tuple(w.text.casefold() for w in words[a:s]) in _lex()["not_name"]:
        return True
    if tuple(w.text for w in words[a:s]) in _lex()["place"]:
        return False                                # "Cầu Trần Thị Lý" is a bridge
    opening = _SENTENCE_START.search(words.text[max(0, words[a].start - 3):words[a].start])
    return bool(opening) and s - a == 1 and words.tag(a) not in ("Np", "Ny", "")


def _choose_full(doc: Doc, words: Words, a: int, b: int, cue: int | None) -> tuple[int, str] | None:
    """Where a full name starts inside the run [a, b), and the rule that took it."""
    lex = _lex()
    best, best_score, best_titled = None, -1, False
    for s in range(a, b - 1):
        length = b - s
        surname = words[s].text
        if surname not in lex["surname"] or length > 5:
            continue
        if s == a and (_place_before(words, s) or _number_before(words, s)):
            continue
        if s > a and words[s - 1].token == words[s].token >= 0:
            continue        # "An Giang" is one word: no name starts at "Giang"
        if _not_name_at(words, s, b):
            continue
        titles = titles_before(words, s)
        if titles and _place_before(words, titles[0].first):
            continue        # "Lăng Chủ tịch Hồ Chí Minh" is a place
        titled = bool(titles)
        if s > a and not titled and not _prefix_is_no_name(doc, words, a, s):
            continue        # "Bồ Đào Nha" is no "Đào Nha"; "tỉnh An Giang Nguyễn Thiện Phú" needs the title
        cued = (s == a and cue is not None) or titled
        # a middle name, or a second family name ("Lâm Huỳnh Bảo Toàn")
        middle = length > 2 and (words[s + 1].text in lex["middle"]
                                 or (s == a and lex["surname"].get(words[s + 1].text) is False))
        if lex["surname"][surname] and not (cued or middle):
            continue
        if s == a and company_before(words, s) and not (titled and middle):
            continue        # "Công ty TNHH Xây dựng Hoàng Long": the company's name
        # two syllables need a cue, or the tagger's one proper noun (asked below, when it matters)
        proper_noun_needed = length == 2 and not cued
        if proper_noun_needed and not (words[s].token == words[b - 1].token >= 0):
            continue
        if length == 2 and lex["surname"][surname] and not (s == a and cue is not None):
            continue        # "ĐH Nông Lâm" after a title is a school; "ông Danh Sơn" is a person
        score = 3 * cued + 2 * middle + (length in (3, 4))
        score += 2 * (s == 0 or words[s - 1].token != words[s].token or words[s].token < 0)
        if score > best_score and not (proper_noun_needed and words.tag(s) != "Np"):
            best, best_score, best_titled = s, score, titled
    if best is None:
        return None
    rule = "<title> <surname> <name>" if best_titled else \
        "<honorific> <surname> <name>" if best == a and cue is not None else "<surname> <name>"
    return best, rule


def _in_organization(doc: Doc, start: int, end: int) -> bool:
    """Inside an organization's name: "Mỹ" in "Đồn Biên phòng Mỹ Quý Tây" is no country."""
    return any(o.start_char <= start and end <= o.end_char for o in doc.spans.get(ORGANIZATIONS, []))


def name_mentions(doc: Doc, words: Words) -> tuple[list[Mention], list[tuple[int, int, int | None]]]:
    """Full and given-name mentions; the runs left over may be short mentions."""
    lex = _lex()
    mentions, leftovers = [], []
    for a, b in _runs(words):
        if in_boilerplate(doc, words[a].start, words[b - 1].end):
            continue
        while b - a > 2 and head_at(words, b - 1) is not None:
            b -= 1                                  # "Ngô Xuân Quýnh Cựu trưởng đoàn"
        cue = _cue_before(words, a)
        alias = _alias_at(doc, words, a, b, cue)
        if alias:
            # "Bộ đội Cụ Hồ", "Cháu ngoan Bác Hồ", "Lăng Bác Hồ" name a group, a distinction
            # or a place: no mention of the person, and no bare "Hồ" either
            at = alias.cue if alias.cue is not None else alias.first
            if not (_phrase_before(words, at, lex["epithet"]) is not None or _place_before(words, at)):
                mentions.append(alias)
            continue
        # "Ông Trần Quốc Việt": a capitalised honorific opening the sentence
        for n in (2, 1):
            if b - a > n and tuple(w.lower for w in words[a:a + n]) in lex["honorific"] \
                    and not _not_name_at(words, a, b) \
                    and (_SENTENCE_START.search(words.text[max(0, words[a].start - 3):words[a].start])
                         or words[a + n].text in lex["surname"]):
                cue, a = a, a + n
                break
        # "H'Hen Niê", "Y Khoa Niê": a Central Highlands name, clan last
        s = highland_start(words, a, b)
        if s is not None and (s == a or _prefix_is_no_name(doc, words, a, s)):
            mentions.append(Mention(s, b, "full", "<marker> <given name> <clan>", cue=cue if s == a else None))
            continue
        s = foreign_name_start(words, a, b)
        if s is not None and not _in_organization(doc, words[a].start, words[b - 1].end):
            mentions.append(Mention(s, b, "full", "<office> <country> <name>"))  # "Tổng thống Mỹ Joe Biden"
            continue
        chosen = _choose_full(doc, words, a, b, cue)
        if chosen:
            s, rule = chosen
            mentions.append(Mention(s, b, "full", rule, cue=cue if s == a else None))
            continue
        honorific = cue is not None and tuple(w.lower for w in words[cue:a]) in lex["honorific"]
        # "ca sĩ Mỹ Tâm", "HLV Park Hang-seo": the role is a title, so it stays outside the cue
        role = cue is None and _phrase_before(words, a, lex["given_role"]) is not None \
            and (b - a >= 2 or not _VIETNAMESE_SYLLABLE.fullmatch(words[a].lower)) \
            and (words[a].text,) not in lex["place"]
        if (honorific or role) and b - a <= 4 and not _place_before(words, a) and not _not_name_at(words, a, b) \
                and head_at(words, a) is None and words[a].text not in _prefixes():
            rule = "<role> <given name>" if role else "<honorific> <name>"
            mentions.append(Mention(a, b, "given", rule, cue=None if role else cue))
        elif b - a <= 3:
            leftovers.append((a, b, cue))
    return mentions, leftovers


def _fold_words(words: Words, m: Mention) -> tuple[str, ...]:
    return tuple(fold(w.text) for w in words[m.first:m.last])


def resolve_mentions(words: Words, mentions: list[Mention], leftovers) -> list[Mention]:
    """Give every mention its canonical name; short mentions join the full name they end with
    (or begin with, for a Central Highlands name: "chị H'Liễu" of "H'Liễu Niê")."""
    fulls = [m for m in mentions if m.kind == "full"]
    for m in fulls:
        m.name = words.text[words[m.first].start:words[m.last - 1].end]

    folded = [(f, _fold_words(words, f), highland_short_forms(words, f.first, f.last)) for f in fulls]

    def full_for(parts: tuple[str, ...], at: int) -> Mention | None:
        matches = [f for f, full, short_forms in folded if len(full) > len(parts)
                   and (full[-len(parts):] == parts or parts in short_forms)]
        before = [f for f in matches if f.first < at]
        return (before[-1] if before else matches[0]) if matches else None

    out = list(fulls) + [m for m in mentions if m.kind == "short"]
    for m in mentions:
        if m.kind == "given":
            full = full_for(_fold_words(words, m), m.first)
            if full:
                m.kind, m.rule, m.name = "short", "<honorific> <given name of a full name>", full.name
            else:
                m.name = words.text[words[m.first].start:words[m.last - 1].end]
            out.append(m)
    # "chị H'Ma" after "bà H'Ma Ktul", a clan the lexicon lacks: the longer marked name
    marked = [m for m in out if m.kind == "given" and marker(words[m.first].text)]
    for m in marked:
        parts = _fold_words(words, m)
        longer = [g for g in marked if g.last - g.first > len(parts) and _fold_words(words, g)[:len(parts)] == parts]
        if longer:
            m.kind, m.rule = "short", "<honorific> <given name of a full name>"
            m.name = max(longer, key=lambda g: g.last - g.first).name
    for a, b, cue in leftovers:
        parts = tuple(fold(w.text) for w in words[a:b])
        if len(parts) < 2 and cue is None and not marker(words[a].text):
            continue
        full = full_for(parts, a)
        if full:
            out.append(Mention(a, b, "short", "<given name of a full name>", cue=cue, name=full.name))
    return sorted(out, key=lambda m: m.first)


def _author_parts(text: str) -> list[str]:
    """The personal names in a byline or photo credit ("Nhật Huy - Thảo Nguyên")."""
    out = []
    for part in _PART_SPLIT.split(text.strip().rstrip(".")):
        part = part.strip()
        if not part or part.casefold() in _lex()["byline_not"] \
                or part.split()[0].casefold() in _lex()["byline_not"]:
            continue
        if _INITIALED.fullmatch(part) or _PLAIN_NAME.fullmatch(part):
            out.append(part)
    return out


def credit_mentions(doc: Doc, text: str) -> list[tuple[int, int, str]]:
    """Photographers and authors named in credits ("Ảnh: KIM NGÂN") and the byline;
    ``text`` is ``doc.text``, which spaCy rebuilds on every read."""
    found = []
    for m in _CREDIT.finditer(text):
        names = m.group("names")
        if len(_PART_SPLIT.split(names.strip())) == 1 and not _PLAIN_NAME.fullmatch(names.strip().rstrip(".")) \
                and not _INITIALED.fullmatch(names.strip().rstrip(".")):
            continue
        for part in _author_parts(names):
            if _INITIALED.fullmatch(part) and m.group().startswith(("Ảnh", "ẢNH")):
                continue          # bare initials in a photo credit are not a name
            start = text.find(part, m.start("names"))
            found.append((start, start + len(part), "credit"))
    author = doc._.author
    bylines = [s for s in doc.spans[LAYOUT] if s.label_ == "BYLINE"] if LAYOUT in doc.spans else []
    if author and bylines:
        line = bylines[0]
        for part in _author_parts(author):
            start = text.find(part, line.start_char, line.end_char + 1)
            if start >= 0:
                found.append((start, start + len(part), "byline"))
    return found
