"""Award rows while they are built, and the last step over a whole article: rows that a headline
or a caption only repeats merge into the fuller row, and a title only persons hold goes to the
persons, not to the hospital that held the ceremony.

>>> headline = Row("bằng khen", "honour", 0, 9, recipient="HTX Hoa Sen")
>>> body = Row("bằng khen", "honour", 50, 59, giver="Thủ tướng Chính phủ", recipient="HTX Hoa Sen", year=2022)
>>> [(r.giver, r.recipient, r.year) for r, members in merge_rows([headline, body])]
[('Thủ tướng Chính phủ', 'HTX Hoa Sen', 2022)]
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from .award_phrases import PERSONAL_TITLES


@dataclass
class Row:
    """One award row while it is being built; ``start:end`` is the text its span covers."""
    name: str
    kind: str
    start: int
    end: int
    giver: str | None = None
    count: float | None = None
    recipient: str | None = None
    year: int | None = None
    weak: str | None = None      # a recipient guessed from a ceremony's organizer: used only if nothing fuller
    rule: str = ""
    holder: str = ""             # the recipient's kind: person, org, place, group, phrase
    who: tuple[int, int] = (0, 0)   # where the recipient is printed

    def info(self) -> tuple:
        return (self.count is not None, self.giver is not None, self.recipient is not None, self.year is not None)


def _fold(text) -> str:
    return " ".join(str(text).split()).casefold().strip(" ,.") if text is not None else ""


def _same_award(a: str, b: str) -> bool:
    """Equal names, or one that leaves the rank out ("Huân chương Lao động" in a headline)."""
    short, long_ = sorted((a, b), key=len)
    return a == b or (long_.startswith(short + " hạng ") and len(long_.split()) == len(short.split()) + 2)


def _compatible(a: Row, b: Row) -> bool:
    if not _same_award(a.name, b.name):
        return False
    for x, y in ((a.count, b.count), (a.year, b.year)):
        if x is not None and y is not None and x != y:
            return False
    for x, y in ((a.giver, b.giver), (a.recipient, b.recipient)):
        if x and y and not (_fold(x) in _fold(y) or _fold(y) in _fold(x)):
            return False
    return True


def _union(a: Row, b: Row) -> Row:
    longer = lambda x, y: x if len(_fold(x)) >= len(_fold(y)) else y  # noqa: E731
    return replace(a, name=max(a.name, b.name, key=len), count=a.count if a.count is not None else b.count,
                   year=a.year if a.year is not None else b.year,
                   giver=longer(a.giver, b.giver) if a.giver and b.giver else (a.giver or b.giver),
                   recipient=longer(a.recipient, b.recipient) if a.recipient and b.recipient
                   else (a.recipient or b.recipient), weak=a.weak or b.weak)


def merge_rows(rows: list[Row]) -> list[tuple[Row, list[Row]]]:
    """Group rows that tell the same award (a caption or headline repeating a body row):
    (merged row, member rows). Rows with no recipient at all are dropped."""
    rows = [r for r in rows if r.recipient or r.weak]
    order = sorted(range(len(rows)), key=lambda i: (tuple(not x for x in rows[i].info()), i))
    merged: list[list] = []
    for i in order:
        row = rows[i]
        for group in merged:
            if _compatible(group[0], row):
                group[0] = _union(group[0], row)
                group[1].append(row)
                break
        else:
            merged.append([row, [row]])
    out = []
    for rep, members in sorted(merged, key=lambda g: min(m.start for m in g[1])):
        if rep.recipient is None and rep.weak:
            rep = replace(rep, recipient=rep.weak)
        if rep.recipient:
            out.append((rep, members))
    return out


def personal_titles(ctx, rows: list[Row]) -> list[Row]:
    """A title only persons hold (Thầy thuốc Ưu tú, Nhà giáo Nhân dân, Chiến sĩ thi đua) that an
    organization "receives" went to its staff: the persons the article gives that title to
    (as rows, or as a title printed with their name), else no row at all."""
    out = []
    for row in rows:
        if row.name not in PERSONAL_TITLES or not (row.holder in ("org", "place") or ctx.is_org(row.recipient or row.weak)):
            out.append(row)
            continue
        if any(r.name == row.name and r.holder in ("person", "group") for r in rows):
            continue
        for name in ctx.persons_titled(row.name):
            out.append(replace(row, recipient=name, weak=None, holder="person"))
    return out


__all__ = ["Row", "merge_rows", "personal_titles"]
