"""A batch at a glance: ``OUT/records.jsonl`` becomes ``OUT/report.html``, one file that opens offline.

    $ vnie run bao/ --out out/ && vnie report out/
    >>> write_report("out")                     # doctest: +SKIP
    PosixPath('out/report.html')

The report has the totals per table, the awards summary (giver × award → count, what a
commendation office asks for: "Tổng LĐLĐ Việt Nam · bằng khen · 42"), the organizations and
persons named most often (persons with their titles), the dates mentioned over time and the
units the statistics count. Charts are drawn with matplotlib and embedded as inline SVG;
the styles are inline too: no script, no font, no image is fetched from anywhere.
"""
from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from datetime import datetime
from html import escape
from io import StringIO
from pathlib import Path
from typing import Iterable

import pandas as pd
import regex

from .tables import award_summary, to_frames

TOP = 20
TABLE_LABELS = {
    "articles": "Bài báo · articles", "persons": "Người · persons", "organizations": "Tổ chức · organizations",
    "locations": "Địa danh · locations", "dates": "Thời gian · dates", "awards": "Khen thưởng · awards",
    "statistics": "Số liệu · statistics",
}
# what makes two rows of a table "the same item" across articles, for the distinct count
DISTINCT = {"persons": ["name"], "organizations": ["name"], "locations": ["name"], "dates": ["value"],
            "awards": ["giver", "award"], "statistics": ["unit"]}


def number(value) -> str:
    """Vietnamese digit grouping: 3072 → "3.072", 1.5 → "1,5"; missing → "—"."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "—"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".").replace(",", " ").replace(".", ",").replace(" ", ".")
    return escape(str(value))


def read_records(path: str | Path) -> list[dict]:
    """Records from a JSON Lines file; blank lines are skipped, a broken line names its number."""
    records = []
    with open(path, encoding="utf-8") as handle:
        for n, line in enumerate(handle, 1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise ValueError(f"{path}:{n}: not a JSON record ({error.msg})") from None
    return records


def _fold(text) -> str:
    return " ".join(str(text).split()).casefold()


# ---------------------------------------------------------------- HTML pieces

def html_table(rows: Iterable[Iterable], header: list[str], numeric: Iterable[int] = (), cls: str = "") -> str:
    numeric = set(numeric)
    head = "".join(f"<th{' class=num' if i in numeric else ''}>{escape(h)}</th>" for i, h in enumerate(header))
    body = []
    for row in rows:
        cells = []
        for i, value in enumerate(row):
            text = number(value) if i in numeric else ("—" if value is None or value == "" else escape(str(value)))
            cells.append(f"<td{' class=num' if i in numeric else ''}>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    if not body:
        return '<p class="empty">Không có (none).</p>'
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def svg_chart(draw, *, name: str, width: float = 7.5, height: float = 3.2) -> str:
    """An inline ``<svg>`` drawn by ``draw(ax)``; text stays text (searchable, any system font renders
    Vietnamese), and ids are salted by ``name`` so several charts can share one page."""
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": f"vnie-{name}",
                                "font.family": "sans-serif", "font.size": 9}):
        figure = Figure(figsize=(width, height), layout="constrained")
        draw(figure.add_subplot())
        buffer = StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]
    # matplotlib numbers its elements per figure ("patch_1"): prefix every id so the charts of one
    # page never share one, and the clip paths and markers each chart refers to stay its own
    prefix = regex.sub(r"\W+", "-", name)
    svg = regex.sub(r'(\bid="|href="#|url\(#)', lambda m: f"{m.group(1)}{prefix}-", svg)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(name)}" class="chart" ', 1)


def _bar_chart(labels: list[str], values: list[float], *, name: str, color: str, xlabel: str) -> str:
    def draw(ax):
        positions = range(len(labels))[::-1]
        ax.barh(list(positions), values, color=color)
        ax.set_yticks(list(positions), labels)
        ax.set_xlabel(xlabel)
        ax.spines[["top", "right"]].set_visible(False)
        for y, v in zip(positions, values):
            ax.text(v, y, f" {number(v)}", va="center", fontsize=8)
    return svg_chart(draw, name=name, height=max(1.6, 0.28 * len(labels) + 0.8))


def _column_chart(labels: list[str], values: list[float], *, name: str, color: str, ylabel: str) -> str:
    def draw(ax):
        ax.bar(range(len(labels)), values, color=color)
        step = max(1, len(labels) // 16)
        ax.set_xticks(list(range(0, len(labels), step)), labels[::step], rotation=45 if len(labels) > 8 else 0,
                      ha="right" if len(labels) > 8 else "center")
        ax.set_ylabel(ylabel)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.spines[["top", "right"]].set_visible(False)
    from matplotlib.ticker import MaxNLocator

    return svg_chart(draw, name=name, height=2.8)


# ---------------------------------------------------------------- sections

def totals(frames: dict[str, pd.DataFrame]) -> list[tuple]:
    """Per table: rows, distinct items across articles, articles with at least one row."""
    rows = [(TABLE_LABELS["articles"], len(frames["articles"]), None, None)]
    for table, keys in DISTINCT.items():
        frame = frames[table]
        distinct = len({tuple(_fold(v) for v in row) for row in frame[keys].itertuples(index=False)}) if len(frame) else 0
        rows.append((TABLE_LABELS[table], len(frame), distinct, frame["doc_id"].nunique() if len(frame) else 0))
    return rows


def frequent(records: list[dict], table: str, extra: str, top: int = TOP) -> list[tuple]:
    """Items named in most articles: name, articles, mentions, and the ``extra`` list field
    (titles of persons, aliases of organizations) merged across articles, commonest first."""
    articles: Counter = Counter()
    mentions: Counter = Counter()
    names: dict[str, Counter] = defaultdict(Counter)
    extras: dict[str, Counter] = defaultdict(Counter)
    for record in records:
        seen = set()
        for item in record.get(table) or []:
            if not item.get("name"):
                continue
            key = _fold(item["name"])
            names[key][item["name"]] += 1
            mentions[key] += len(item.get("mentions") or []) or 1
            if key not in seen:
                articles[key] += 1
                seen.add(key)
            for value in item.get(extra) or []:
                extras[key][value] += 1
    ranked = sorted(articles, key=lambda k: (-articles[k], -mentions[k], k))[:top]
    return [(names[k].most_common(1)[0][0], articles[k], mentions[k], "; ".join(v for v, _ in extras[k].most_common(6)))
            for k in ranked]


def date_years(frames: dict[str, pd.DataFrame]) -> Counter:
    """How many date items point into each year (a range counts for the year it starts in)."""
    years: Counter = Counter()
    for value in frames["dates"]["value"].dropna():
        head = str(value).split("/")[0]
        if head[:4].isdigit():
            years[int(head[:4])] += 1
    return years


def published_months(records: list[dict]) -> Counter:
    months: Counter = Counter()
    for record in records:
        published = record.get("published") or ""
        if len(published) >= 7 and published[:4].isdigit() and published[4] == "-" and published[5:7].isdigit():
            months[published[:7]] += 1
    return months


def month_range(first: str, last: str, limit: int = 240) -> list[str]:
    """Every month from ``first`` to ``last`` ("2021-11", "2021-12", "2022-01"), so gaps show as gaps;
    past ``limit`` months only the months present would be readable, and the caller keeps those."""
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last and len(months) < limit:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def read_errors(out_dir: Path) -> list[tuple[str, str]]:
    path = out_dir / "errors.csv"
    if not path.exists():
        return []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [(row.get("path", ""), row.get("reason", "")) for row in csv.DictReader(handle)]


# ---------------------------------------------------------------- the page

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, "DejaVu Sans", sans-serif;
       color: #1d2430; background: #f4f5f7; margin: 0; line-height: 1.45; }
header { background: #243447; color: #fff; padding: .8rem 1.5rem; }
header h1 { margin: 0; font-size: 1.35rem; } header p { margin: .2rem 0 0; opacity: .8; font-size: .9rem; }
main { max-width: 1100px; margin: 0 auto; padding: 1rem 1.5rem 2rem; }
section { background: #fff; border: 1px solid #d9dde3; border-radius: 6px; padding: .8rem 1rem; margin: 1rem 0; }
h2 { font-size: 1.1rem; margin: 0 0 .6rem; } h3 { font-size: .95rem; margin: .8rem 0 .3rem; }
.cards { display: flex; flex-wrap: wrap; gap: .6rem; }
.card { flex: 1 1 90px; border-left: 4px solid var(--c, #2b6cb0); background: #f8fafc; padding: .4rem .7rem; }
.card b { display: block; font-size: 1.4rem; font-variant-numeric: tabular-nums; } .card span { font-size: .85rem; color: #5d6675; }
table { border-collapse: collapse; width: 100%; font-size: .88rem; margin: .3rem 0; }
th, td { text-align: left; padding: .22rem .45rem; border-bottom: 1px solid #e3e6ea; vertical-align: top; }
th { color: #5d6675; } .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr:nth-child(even) { background: #fafbfc; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; } @media (max-width: 800px) { .two { grid-template-columns: 1fr; } }
svg.chart { max-width: 100%; height: auto; display: block; margin: .4rem 0; }
.empty, .note { color: #5d6675; font-size: .88rem; }
"""

COLORS = {"persons": "#f9c74f", "organizations": "#90be6d", "locations": "#cdb4db", "dates": "#73c2fb",
          "statistics": "#f8961e", "awards": "#f28482", "articles": "#2b6cb0"}


def build_report(records: list[dict], *, title: str = "vnie report", errors: list[tuple[str, str]] = ()) -> str:
    """The report page for these records, as one HTML string."""
    records = [r for r in records if not r.get("error")]
    frames = to_frames(records)
    summary = award_summary(frames)
    parts = []

    cards = "".join(
        f'<div class="card" style="--c:{COLORS[t]}"><b>{number(len(frames[t]))}</b><span>{escape(TABLE_LABELS[t])}</span></div>'
        for t in TABLE_LABELS)
    parts.append(f'<section id="totals"><h2>Tổng số · totals</h2><div class="cards">{cards}</div>'
                 + html_table(totals(frames), ["bảng · table", "dòng · rows", "khác nhau · distinct", "bài · articles"],
                              numeric=(1, 2, 3), cls="totals")
                 + '<p class="note">"distinct" counts items once across articles: persons and organizations by name, '
                   'dates by value, awards by giver and award, statistics by unit.</p></section>')

    award_rows = [(r.giver, r.award, r.count, r.rows, r.articles) for r in summary.itertuples()]
    chart = ""
    if len(summary):
        by_award = summary.groupby("award")["count"].sum().sort_values(ascending=False).head(12)
        chart = _bar_chart([str(a) for a in by_award.index], [float(v) for v in by_award.values],
                           name="awards by kind", color=COLORS["awards"], xlabel="số lượng · count")
    parts.append('<section id="awards"><h2>Khen thưởng · awards summary (giver × award → count)</h2>' + chart
                 + html_table(award_rows, ["cơ quan tặng · giver", "hình thức · award", "số lượng · count",
                                           "dòng · rows", "bài · articles"], numeric=(2, 3, 4), cls="award-summary")
                 + '<p class="note">count adds up the printed numbers; a row without a printed count adds to rows '
                   'but not to count.</p></section>')

    organizations = frequent(records, "organizations", "aliases")
    persons = frequent(records, "persons", "titles")
    parts.append('<section id="frequent"><h2>Được nhắc nhiều nhất · most frequent</h2><div class="two"><div>'
                 '<h3>Tổ chức · organizations</h3>'
                 + html_table(organizations, ["tên · name", "bài", "lần", "tên khác · aliases"], numeric=(1, 2),
                              cls="organizations")
                 + '</div><div><h3>Người · persons, with titles</h3>'
                 + html_table(persons, ["họ tên · name", "bài", "lần", "chức danh · titles"], numeric=(1, 2),
                              cls="persons")
                 + '</div></div><p class="note">bài: articles naming it; lần: mentions in all.</p></section>')

    years, months = date_years(frames), published_months(records)
    time_parts = []
    if years:
        span = range(min(years), max(years) + 1) if max(years) - min(years) <= 60 else sorted(years)
        time_parts.append("<h3>Năm được nhắc đến · years the dates point to</h3>" + _column_chart(
            [str(y) for y in span], [years.get(y, 0) for y in span], name="dates by year", color=COLORS["dates"],
            ylabel="ngày tháng · dates"))
    if months:
        labels = month_range(min(months), max(months))
        if labels[-1:] != [max(months)]:
            labels = sorted(months)
        time_parts.append("<h3>Bài theo tháng đăng · articles by month published</h3>" + _column_chart(
            labels, [months.get(m, 0) for m in labels], name="articles by month", color=COLORS["articles"],
            ylabel="bài · articles"))
    parts.append('<section id="dates"><h2>Thời gian · dates over time</h2>'
                 + ("".join(time_parts) or '<p class="empty">Không có ngày tháng (no dates).</p>') + "</section>")

    stats = frames["statistics"]
    if len(stats):
        units = stats.assign(unit=stats["unit"].fillna("(không rõ)")).groupby("unit").agg(
            rows=("unit", "size"), articles=("doc_id", "nunique")).sort_values("rows", ascending=False).head(TOP)
        unit_rows = list(units.itertuples(name=None))
    else:
        unit_rows = []
    parts.append('<section id="statistics"><h2>Số liệu · statistics by unit</h2>'
                 + html_table(unit_rows, ["đơn vị · unit", "dòng · rows", "bài · articles"], numeric=(1, 2),
                              cls="units") + "</section>")

    if errors:
        parts.append(f'<section id="errors"><h2>Không đọc được · unreadable inputs ({number(len(errors))})</h2>'
                     + html_table(errors, ["tệp · path", "lý do · reason"], cls="errors") + "</section>")

    generated = datetime.now().strftime("%Y-%m-%d %H:%M")
    return (f'<!doctype html>\n<html lang="vi"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(title)}</title>'
            f"<style>{STYLE}</style></head><body><header><h1>{escape(title)}</h1>"
            f"<p>{number(len(records))} bài báo · articles · tạo lúc {generated} bởi vnie</p></header>"
            f"<main>{''.join(parts)}</main></body></html>\n")


def write_report(out_dir: str | Path) -> Path:
    """Read ``out_dir/records.jsonl`` (and ``errors.csv`` if there), write ``out_dir/report.html``."""
    out_dir = Path(out_dir)
    source = out_dir / "records.jsonl"
    if not source.exists():
        raise FileNotFoundError(f"{source} not found: run `vnie run INPUT --out {out_dir}` first")
    html = build_report(read_records(source), title=f"vnie · {out_dir.resolve().name}", errors=read_errors(out_dir))
    target = out_dir / "report.html"
    tmp = target.with_name(".report.html.tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(target)
    return target
