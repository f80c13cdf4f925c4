"""Places that are not organizations: a level word with its name ("huyện Chợ Mới", "ấp Xẻo
Nhàu"), an industrial zone ("Khu công nghiệp Hòa Phú"), a province or country printed on its own.

>>> [t for t in find_places("Hàng hóa xuất sang Campuchia và huyện Chợ Mới.")]
[(19, 28, '<province or country>'), (32, 45, '<level> <place>')]
"""
from __future__ import annotations

from functools import lru_cache

import regex

from .org_lexicon import longest, split_words, table_index
from .org_line import Line, lines_of
from .resources import load_lexicon, load_table

_ZONE = regex.compile(r"(?:Khu|Cụm)[ ]+(?:công[ ]+nghiệp|kinh[ ]+tế|chế[ ]+xuất)|KCN")


def find_places(text: str, *, lines=None) -> list[tuple[int, int, str]]:
    """Places as (start, end, rule): a level word with its name ("huyện Chợ Mới", "ấp Xẻo Nhàu"),
    an industrial zone ("Khu công nghiệp Hòa Phú"), a province or country printed on its own.
    ``lines``, the text's :func:`~pipeline.org_line.lines_of`, saves splitting it again."""
    out = []
    for line in lines if lines is not None else lines_of(text):
        level_firsts = table_index(line.lex["levels"])
        j = 0
        while j < line.n:
            w = line.w[j]
            if not w.cap and w.fold not in level_firsts:
                j += 1                    # a place opens with a level word or a capital
                continue
            # "Q. Liêm" in a photo credit is a person: a one-letter level is only read inside a name
            lv = line.level_at(j) if not (w.text.endswith(".") and len(w.text) <= 2) else None
            if lv and line.place_end(lv[2], lv[3]) > lv[2]:
                end = line.place_end(lv[2], lv[3])
                out.append((w.start, line.w[end - 1].end, "<level> <place>"))
                j = end
                continue
            zone_match = _ZONE.match(text, w.start) if w.cap else None
            if zone_match:
                k = j
                while k < line.n and line.w[k].end <= zone_match.end():
                    k += 1
                end = line.place_end(k)
                if end > k:
                    out.append((w.start, line.w[end - 1].end, "<zone> <name>"))
                    j = end
                    continue
            size = line.province_at(j) or (longest(line.lex["countries"], line.w, j, limit=6) if w.cap else 0)
            if size and _stands_alone(line, j, j + size):
                out.append((w.start, line.w[j + size - 1].end, "<province or country>"))
                j += size
                continue
            j += 1
    return out


def _place_names() -> set[tuple[str, ...]]:
    return set(_place_spellings())


@lru_cache(maxsize=1)
def _place_spellings() -> dict[tuple[str, ...], str]:
    """Province and country names as the lexicons spell them, by their folded words."""
    names = [row["name"] for row in load_table("provinces")] + list(load_lexicon("countries"))
    return {tuple(w.fold for w in split_words(name)): name for name in names}


def _stands_alone(line: Line, i: int, k: int) -> bool:
    """A province or country name printed as one: every word capitalized ("Hải dương học" is a
    science), not part of a longer name ("Phạm Thị Ngọc Mỹ", "Việt Đức") or of a word ("văn Pháp")."""
    words = line.w[i:k]
    printed = _place_spellings().get(tuple(w.fold for w in words), "")
    if not words[0].upper and [w.cap for w in words] != [p[0].isupper() for p in printed.split()]:
        return False
    before = line.w[i - 1] if i > 0 else None
    after = line.w[k] if k < line.n else None
    if (before is not None and before.cap and not before.punct) or (after is not None and after.cap and not after.punct):
        return False
    glued = (before is not None and before.token >= 0 and before.token == words[0].token) or \
            (after is not None and after.token >= 0 and after.token == words[-1].token)
    return not glued
