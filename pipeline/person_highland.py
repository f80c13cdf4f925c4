"""Names of the Central Highlands peoples: given name first, clan name last.

Ê Đê, M'nông, Gia Rai and K'Ho names open with a gender marker, a word of its own ("Y" for
men) or glued with an apostrophe ("H'" for women, "K'"), and end with the clan name
(``person_highland_names.tsv``): "Y Khoa Niê", "H'Hen Niê", "Y Ngông Niê Kdăm". So a later
short mention is the *beginning* of the full name, not its end as in Kinh names:
"chị H'Liễu" and "chị Liễu" after "bà H'Liễu Niê", "anh Y Khoa" after "Y Khoa Niê".

>>> highland_start(words, a, b)          # the run "H'Liễu Niê"
0
>>> sorted(highland_short_forms(words, 0, 2))
[("h'liễu",), ('liễu',)]
"""
from __future__ import annotations

from functools import lru_cache

import regex

from .person_words import Words
from .resources import load_table

_APOSTROPHE = regex.compile(r"[’‘`´]")


def fold(text: str) -> str:
    """Case-folded, with one apostrophe: "H’Liễu" and "H'Liễu" are one name."""
    return _APOSTROPHE.sub("'", text).casefold()


@lru_cache(maxsize=1)
def _lex() -> dict:
    rows = load_table("person_highland_names")
    markers = [fold(r["entry"]) for r in rows if r["kind"] == "marker"]
    return {
        "word": {m for m in markers if not m.endswith("'")},          # "y"
        "glued": tuple(m for m in markers if m.endswith("'")),         # "h'", "k'"
        "clan": {tuple(fold(r["entry"]).split()) for r in rows if r["kind"] == "clan"},
    }


def marker(text: str) -> str | None:
    """The gender marker that opens this word: "y" for "Y", "h'" for "H'Liễu"; else None."""
    lex = _lex()
    folded = fold(text)
    if folded in lex["word"] and text[:1].isupper():
        return folded
    for glued in lex["glued"]:
        if folded.startswith(glued) and len(folded) > len(glued) and text[:1].isupper():
            return glued
    return None


def _clan_length(words: Words, s: int, b: int) -> int:
    """Words of the clan name that ends the run [s, b), longest first (0 if none)."""
    for n in (3, 2, 1):
        if b - n > s and tuple(fold(w.text) for w in words[b - n:b]) in _lex()["clan"]:
            return n
    return 0


def _given(words: Words, s: int, b: int) -> tuple[int, int] | None:
    """The given name [start, end) of a highland full name [s, b), the marker included."""
    found = marker(words[s].text)
    n = _clan_length(words, s, b) if found is not None else 0
    if not n:
        return None
    end = b - n
    # "Y" needs a given name after it; "H'Hen" carries its own
    return (s, end) if end - s >= (2 if found in _lex()["word"] else 1) else None


def highland_start(words: Words, a: int, b: int) -> int | None:
    """Where a highland full name (marker ... clan) ending at ``b`` starts inside the run
    [a, b); None when there is none. Only the first two words may open it, so that a
    sentence-opening word ("Theo H'Hen Niê") can stand before it."""
    for s in range(a, min(a + 2, b - 1)):
        if _given(words, s, b):
            return s
    return None


def highland_short_forms(words: Words, first: int, last: int) -> set[tuple[str, ...]]:
    """Folded short mentions of the highland full name [first, last): the given name with
    and without its marker ("y khoa", "khoa"; "h'liễu", "liễu"). Empty for other names."""
    given = _given(words, first, last)
    if given is None:
        return set()
    parts = tuple(fold(w.text) for w in words[given[0]:given[1]])
    found = marker(words[first].text)
    bare = parts[1:] if found in _lex()["word"] else (parts[0][len(found):],) + parts[1:]
    return {parts, bare} if bare and bare[0] else {parts}
