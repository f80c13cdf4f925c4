"""Records to tables: one pandas DataFrame per kind of item, keyed by ``doc_id``.

>>> frames = pipeline.to_frames([pipeline.extract(text, doc_id="a1")])
>>> sorted(frames)
['articles', 'awards', 'dates', 'locations', 'organizations', 'persons', 'statistics']
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:  # pandas costs ~0.45 s of `import pipeline`: load it when tables are made
    import pandas as pd

LIST_SEPARATOR = "; "

# columns of each table, in order; list-valued fields are joined with LIST_SEPARATOR
COLUMNS = {
    "articles": ["doc_id", "source", "published", "author", "headline", "persons", "organizations",
                 "dates", "awards", "statistics"],
    "persons": ["doc_id", "name", "titles"],
    "organizations": ["doc_id", "name", "aliases"],
    "locations": ["doc_id", "name"],
    "dates": ["doc_id", "text", "value", "granularity"],
    "awards": ["doc_id", "giver", "award", "count", "recipient", "year", "text"],
    "statistics": ["doc_id", "text", "value", "total", "unit", "qualifier", "direction", "comparison"],
}
TRACE = ["mentions", "sentence", "start", "end", "evidence"]
NULLABLE_INTEGERS = {"awards": ["count", "year"], "articles": COLUMNS["articles"][5:]}
TABLES = tuple(COLUMNS)


def _cell(value):
    return LIST_SEPARATOR.join(map(str, value)) if isinstance(value, list) else value


def _row(doc_id: str, item: dict, columns: list[str]) -> dict:
    row = {"doc_id": doc_id, **{c: _cell(item.get(c)) for c in columns[1:]}}
    mentions = item.get("mentions") or []
    first = mentions[0] if mentions else {}
    row.update(mentions=len(mentions), sentence=first.get("sentence"), start=first.get("start"),
               end=first.get("end"), evidence=item.get("evidence"))
    return row


def _article_row(record: dict) -> dict:
    row = {c: record.get(c) for c in COLUMNS["articles"][:5]}
    row.update({table: len(record.get(table) or []) for table in COLUMNS["articles"][5:]})
    return row


def to_frames(records: Iterable[dict]) -> dict[str, pd.DataFrame]:
    """One DataFrame per table: articles, persons, organizations, locations, dates, awards, statistics."""
    import pandas as pd

    rows: dict[str, list[dict]] = {table: [] for table in TABLES}
    for record in records:
        if record.get("error"):
            continue
        rows["articles"].append(_article_row(record))
        for table in TABLES[1:]:
            rows[table] += [_row(record.get("doc_id"), item, COLUMNS[table]) for item in record.get(table) or []]
    frames = {}
    for table, table_rows in rows.items():
        columns = COLUMNS[table] + ([] if table == "articles" else TRACE)
        frame = pd.DataFrame(table_rows, columns=columns)
        for column in NULLABLE_INTEGERS.get(table, []):
            frame[column] = frame[column].astype("Int64")
        frames[table] = frame
    return frames


def award_summary(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Total counts by giver and award, the view a commendation office asks for.

    Rows without a printed count are counted in ``rows`` but add nothing to ``count``.
    """
    import pandas as pd

    awards = frames["awards"]
    if awards.empty:
        return pd.DataFrame(columns=["giver", "award", "count", "rows", "articles"])
    table = awards.assign(giver=awards["giver"].fillna("(không rõ)"))
    summary = table.groupby(["giver", "award"], dropna=False).agg(
        count=("count", "sum"), rows=("award", "size"), articles=("doc_id", "nunique")).reset_index()
    return summary.sort_values(["count", "rows"], ascending=False, ignore_index=True)
