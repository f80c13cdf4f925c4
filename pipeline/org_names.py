"""Canonical names of organizations: which mentions of an article are one organization.

A mention is a chain of units, child first ("Phòng PC04" / "Công an tỉnh Long An"); each unit
has a head, a name, an identifier, a level and a place. Its key spells every unit out in full
(abbreviations expanded from ``org_abbreviations.tsv``, case and spaces folded away), so
"Sở GD-ĐT Đồng Tháp" and "Sở Giáo dục và Đào tạo tỉnh Đồng Tháp" share one key.

A shorter mention then joins the one fuller organization it can only mean: "UBND tỉnh" joins
"UBND tỉnh Vĩnh Long" when Vĩnh Long is the article's province (not "UBND tỉnh Cửu Long (cũ)"),
"Phòng PC04" joins "Phòng PC04 Công an tỉnh Long An", "Ban Chuyên án" joins "Ban Chuyên án 0122".
Each organization is named by the longest form printed for it.

>>> expand_abbreviations("LĐLĐ Tp. Long Xuyên")
'Liên đoàn Lao động Thành phố Long Xuyên'
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

import regex

from .resources import load_table

_WORDS = regex.compile(r"\S+")
_NOT_ALNUM = regex.compile(r"[^\p{L}\p{N}]+")


@dataclass(frozen=True)
class Unit:
    """One body of a mention as printed: ``head`` is the full head form ("Ủy ban nhân dân" for
    "UBND"), ``name`` the rest of its name, ``level`` the canonical level word, ``place`` as printed."""
    head: str
    name: str = ""
    ident: str = ""
    level: str = ""
    place: str = ""

    @property
    def bare(self) -> bool:
        return not (self.name or self.ident or self.level or self.place)


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[dict[tuple[str, ...], str], int]:
    table = {tuple(row["abbreviation"].split()): row["full"] for row in load_table("org_abbreviations")}
    return table, max(len(k) for k in table)


def expand_abbreviations(name: str) -> str:
    """Spell out every abbreviation of ``name`` (longest match first, whole words only).

    >>> expand_abbreviations("Công ty CP VLXD Tân Thành")
    'Công ty Cổ phần Vật liệu xây dựng Tân Thành'
    """
    table, longest = _abbreviations()
    words = [w for w in _WORDS.findall(name)]
    # "TP.HCM" is two words: the dotted level and the place
    split: list[str] = []
    for word in words:
        head, dot, rest = word.partition(".")
        if dot and rest and (head + ".",) in table and not rest[0].isdigit():
            split.extend([head + ".", rest])
        else:
            split.append(word)
    out, i = [], 0
    while i < len(split):
        for size in range(min(longest, len(split) - i), 0, -1):
            full = table.get(tuple(split[i:i + size]))
            if full is not None:
                out.append(full)
                i += size
                break
        else:
            out.append(split[i])
            i += 1
    return " ".join(out)


def fold(text: str) -> str:
    """Compare form: expanded, case-folded, letters and digits only ("Agimex pharm" = "Agimexpharm")."""
    return _NOT_ALNUM.sub("", expand_abbreviations(text).casefold())


@lru_cache(maxsize=1)
def _provinces() -> dict[str, str]:
    return {fold(row["name"]): row["level"] for row in load_table("provinces")}


@lru_cache(maxsize=1)
def _equivalents() -> tuple[dict[str, str], ...]:
    return tuple({**row, "head": fold(row["head"]), "full_head": fold(row["full_head"]),
                  "full_place": fold(row["full_place"])} for row in load_table("org_equivalents"))


KeyUnit = tuple[str, str, str, str, str]


@lru_cache(maxsize=4096)
def unit_key(unit: Unit) -> KeyUnit:
    """The folded unit, a province without its level word taking the province's level, and the
    equivalent full form applied ("công đoàn @tỉnh an giang" → "liên đoàn lao động @tỉnh an giang")."""
    head, name, ident, place = fold(unit.head), fold(unit.name), fold(unit.ident), fold(unit.place)
    level = unit.level
    if place and not level and place in _provinces():
        level = _provinces()[place]
    for row in _equivalents():
        if row["head"] != head:
            continue
        when = row["when"]
        plain = not name and not ident
        if (when == "any" or (when == "bare" and plain and not level and not place)
                or (when == "place" and plain and (level or place))
                or (when == "level" and bool(level))
                or (when.startswith("place=") and plain and place == fold(when[6:]))):
            head = row["full_head"]
            if row["full_place"]:
                place, level = row["full_place"], _provinces().get(row["full_place"], "")
            level = level or row.get("full_level", "")
    return head, name, ident, level, place


def chain_key(units) -> tuple[KeyUnit, ...]:
    return tuple(unit_key(u) for u in units)


@lru_cache(maxsize=1)
def _business_heads() -> frozenset[str]:
    return frozenset(fold(row["head"]) for row in load_table("org_heads") if row["names"] == "business")


def _short_name(head: str, short: str, full: str) -> bool:
    """A business printed by the proper name that ends its full name: "HTX Xuân Thành" is
    "Hợp tác xã Nông nghiệp dịch vụ tổng hợp Xuân Thành"."""
    return head in _business_heads() and len(short) >= 4 and len(full) > len(short) and full.endswith(short)


def _narrower(a: tuple[KeyUnit, ...], b: tuple[KeyUnit, ...]) -> bool:
    """True when ``a`` says less than ``b`` and nothing else: ``b`` adds a place, a level, an
    identifier, a parent body or a business's field words ("UBND tỉnh" < "UBND tỉnh An Giang";
    "Phòng PC04" < "Phòng PC04 Công an tỉnh"; "HTX Xuân Thành" < "HTX Nông nghiệp Xuân Thành")."""
    if a == b or len(a) > len(b):
        return False
    for (ah, an, ai, al, ap), (bh, bn, bi, bl, bp) in zip(a, b):
        if ah != bh or (an != bn and not _short_name(ah, an, bn)) or ai not in ("", bi) or al not in ("", bl) \
                or ap not in ("", bp):
            return False
    return True


def _adds_place(a: tuple[KeyUnit, ...], b: tuple[KeyUnit, ...]) -> list[tuple[str, str]]:
    """The (level, place) pairs ``b`` fills in where ``a`` has none."""
    return [(bu[3], bu[4]) for au, bu in zip(a, b) if not au[4] and bu[4]]


def dominant_places(text: str, keys) -> dict[str, str]:
    """The article's place for each level: the most printed of the places its organizations
    name at that level (ties go to the first printed)."""
    seen: dict[str, dict[str, str]] = {}
    for key in keys:
        for _, _, _, level, place in key:
            if place:
                seen.setdefault(level, {})[place] = place
    if not seen:
        return {}
    folded_text = _NOT_ALNUM.sub("", text.casefold())
    out = {}
    for level, places in seen.items():
        counts = Counter({p: folded_text.count(p) for p in places})
        out[level] = min(places, key=lambda p: (-counts[p], folded_text.find(p)))
    return out


def resolve_keys(keys: list[tuple[KeyUnit, ...]], text: str) -> dict[tuple[KeyUnit, ...], tuple[KeyUnit, ...]]:
    """Map each key to the key of the organization it refers to (itself when nothing fuller fits)."""
    distinct = list(dict.fromkeys(keys))
    dominant = dominant_places(text, distinct)
    target = {}
    for a in distinct:
        wider = [b for b in distinct if _narrower(a, b)]
        widest = [b for b in wider if not any(_narrower(b, c) for c in wider)]
        # a place the short form leaves out must be the article's own place for that level
        fitting = [b for b in widest
                   if all(dominant.get(level) == place for level, place in _adds_place(a, b))]
        target[a] = fitting[0] if len(fitting) == 1 else a
    return target


def canonical_names(matches, text: str) -> list[str | None]:
    """For each match (with ``.units``, ``.text`` and ``.needs_fuller``), the name of the
    organization it refers to: the longest form printed for that organization. None for a bare
    head that names no organization of the article ("UBND" with no UBND printed in full,
    "Ban Chấp hành" alone).

    "LĐLĐ tỉnh" and "Công đoàn An Giang" in one article → "Công đoàn An Giang" for both.
    """
    keys = [chain_key(m.units) for m in matches]
    target = resolve_keys(keys, text)
    targets = []
    for match, key in zip(matches, keys):
        goal = target[key]
        # a bare internal organ ("Ban Thường vụ") is its parent's only in the same paragraph
        if goal != key and match.needs_fuller and match.heads and match.heads[0].needs == "parent" \
                and not any(k == goal and _same_line(text, match, other) for other, k in zip(matches, keys)):
            goal = key
        targets.append(goal)
    groups: dict = {}
    for match, key, goal in zip(matches, keys, targets):
        groups.setdefault(goal, []).append((match, key))
    names: dict = {}
    for goal, members in groups.items():
        if all(m.needs_fuller for m, _ in members):
            names[goal] = None         # only bare heads: no organization is named
        else:
            # the fullest form names it, even when a shorter form is spelled out longer
            # ("Ban Chấp hành T.Ư Đảng", not "Ban Chấp hành Trung ương")
            full = [m for m, key in members if key == goal] or [m for m, _ in members]
            names[goal] = max((m.text for m in full), key=len)
    return [names[goal] for goal in targets]


def _same_line(text: str, a, b) -> bool:
    lo, hi = (a, b) if a.start < b.start else (b, a)
    return "\n" not in text[lo.start:hi.end]


def with_place(unit: Unit, level: str, place: str, implicit_level: str = "") -> Unit:
    """The unit with a place shared from a coordination ("HĐND" in "Huyện ủy - HĐND - UBND huyện Chợ Mới")."""
    return replace(unit, level="" if implicit_level else level, place=place)
