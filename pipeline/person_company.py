"""Company names inside titles: after the head ("Công ty", "HTX") and legal form ("TNHH",
"MTV", "CP") come the company's fields and its own name, and they belong to the title even
where a field has lower-case syllables: "Kế toán trưởng Công ty TNHH MTV Kho vận Thành Đạt".
A two-syllable name right after them is the company's ("Công ty TNHH Xây dựng Hoàng Long"),
not a person's.

>>> company_before(words, 5)     # "Công ty TNHH Xây dựng | Hoàng Long"
True
"""
from __future__ import annotations

from functools import lru_cache

from .person_words import Words, match_phrase, phrase_table
from .resources import load_lexicon


@lru_cache(maxsize=1)
def _company_words() -> dict:
    return phrase_table(load_lexicon("person_company_words"))


def company_words_at(words: Words, i: int) -> int:
    """Number of words of a company head or legal form starting at word ``i`` (0 if none)."""
    return match_phrase(words, i, _company_words())


def field_tail(words: Words, k: int, limit: int, stops: set[str]) -> int:
    """The lower-case syllables (one or two) of a company's field that opens with a capital
    right before word ``k``, when a capitalised name follows them: "Kho vận" in "Kho vận
    Thành Đạt". Verbs and function words (person_title_stops) are no part of it."""
    n = 0
    while n < 2 and k + n < limit and not words[k + n].is_cap and words[k + n].text.isalpha() \
            and words[k + n].lower not in stops and words[k + n].lower not in ("và", "của") \
            and words[k + n].spaced:
        n += 1
    if n and k + n < limit and words[k + n].is_cap and words[k + n].spaced:
        return n
    return 0


def company_before(words: Words, s: int) -> bool:
    """A company's head or legal form stands right before word ``s``, at most its fields
    between them ("Công ty TNHH Xây dựng | Hoàng Long", "Công ty TNHH Thương mại Dịch vụ |
    Hoàng Phát", "HTX | Tân Phú"): the capitalised words at ``s`` are the company's own name."""
    def company_ends(j: int) -> bool:
        return words[j].spaced and any(j - n >= 0 and company_words_at(words, j - n) == n for n in (4, 3, 2, 1))

    if s <= 0 or company_ends(s):
        return s > 0
    j = s
    for _ in range(3):                              # a field: a capital, then lower-case syllables
        k, lower = j - 1, 0
        while k > 0 and not words[k].is_cap and lower < 3 and words[k].text.isalpha() \
                and words[k + 1].spaced:
            k, lower = k - 1, lower + 1
        if not (lower and words[k].is_cap and words[k + 1].spaced):
            return False
        if company_ends(k):
            return True
        j = k
    return False
