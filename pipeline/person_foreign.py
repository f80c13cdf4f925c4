"""Foreign leaders named after their office and country: "Tổng thống Mỹ Joe Biden",
"Thủ tướng Nhật Bản Fumio Kishida", "Chủ tịch Trung Quốc Tập Cận Bình", "Tổng Thư ký
Liên hợp quốc António Guterres". Their names open with no Vietnamese family name, so the
office and the country (``countries.txt`` and ``person_countries.txt``) are what make them
a person; the title is "<office> <country>".

>>> foreign_name_start(words, a, b)      # the run "Mỹ Joe Biden" after "Tổng thống"
1
"""
from __future__ import annotations

from functools import lru_cache

import regex

from .person_titles import lexicons, titles_before
from .person_words import Words
from .resources import load_lexicon, load_table

# one Vietnamese syllable: a one-word name after the country must not be one ("Biden" is a
# name, "Mỹ Tho" is no "<country> <name>")
_VIETNAMESE_SYLLABLE = regex.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"[aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]{1,3}"
    r"(?:ch|ng|nh|[cmnpt])?")


@lru_cache(maxsize=1)
def _countries() -> frozenset[tuple[str, ...]]:
    names = load_lexicon("countries") + load_lexicon("person_countries")
    return frozenset(tuple(c.casefold().split()) for c in names)


@lru_cache(maxsize=1)
def _provinces() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(r["name"].casefold().split()) for r in load_table("provinces"))


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """The first words of the countries and provinces, case-folded."""
    return frozenset(name[0] for name in _countries() | _provinces() if name)


def _is_name(words: Words, c: int, b: int) -> bool:
    """Up to four words; a single one is a foreign surname ("Putin"), not an initial ("N.")
    nor a Vietnamese syllable."""
    return 0 < b - c <= 4 and not (b - c == 1 and (
        len(words[c].text) < 3 or _VIETNAMESE_SYLLABLE.fullmatch(words[c].lower)))


def _office_before(words: Words, i: int) -> bool:
    """An office ends right before the country, and no place word: "UBND xã Đức Lập Thượng"
    is a commune, not Germany."""
    if any(i >= n and " ".join(w.text for w in words[i - n:i]) in lexicons()["place"] for n in (1, 2)):
        return False
    titles = titles_before(words, i)
    return bool(titles) and titles[-1].kind in ("office", "role")


def foreign_name_start(words: Words, a: int, b: int) -> int | None:
    """Where the name starts in the run [a, b) when a country printed right after an office
    opens the run or ends right before or inside it ("Tổng thống | Mỹ | Joe Biden",
    "Tổng Thư ký | Liên hợp quốc | António Guterres", "Đại sứ | Liên minh châu Âu | ...");
    None when the run is no such thing."""
    countries, provinces = _countries(), _provinces()
    for s in range(max(0, a - 4), a + 1):
        if words[s].lower not in _first_words() or not words[s].is_cap \
                or not all(words[k].spaced for k in range(s + 1, a + 1)):
            continue
        folded = tuple(w.lower for w in words[s:s + 6])    # as far as c + 2 reaches
        for c in range(min(s + 4, b - 1), max(a, s + 1) - 1, -1):
            if folded[:c - s + 1] in provinces or folded[:c - s + 2] in provinces:
                break                               # "Tỉnh ủy Lào Cai": a province, not Laos
            if folded[:c - s] in countries:
                return c if _office_before(words, s) and _is_name(words, c, b) else None
    return None
