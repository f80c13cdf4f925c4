"""Exports of an output folder's database: JSON Lines records, and tables as CSV
(UTF-8 with BOM, so Excel shows Vietnamese), Parquet or one Excel workbook."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .store import Store
from .tables import TABLES, to_frames

FORMATS = ("jsonl", "csv", "parquet", "xlsx")


def _replace(path: Path, write) -> Path:
    """Write to a temporary file and rename it over ``path``: readers never see half a file."""
    tmp = path.with_name(f".{path.name}.tmp")
    write(tmp)
    os.replace(tmp, path)
    return path


def write_jsonl(records: list[dict], path: Path) -> Path:
    def write(tmp):
        with open(tmp, "w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return _replace(path, write)


def errors_frame(errors: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(errors, columns=["path", "reason"])


@dataclass(frozen=True)
class Exported:
    files: list[Path]       # what was written
    rows: dict[str, int]    # rows per table, errors included


def export(out_dir: str | Path, formats=("jsonl", "csv")) -> Exported:
    """Write the requested formats from ``out_dir``'s database; returns the files and row counts."""
    out_dir = Path(out_dir)
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown export format(s): {', '.join(sorted(unknown))}; choose from {', '.join(FORMATS)}")
    with Store(out_dir) as store:
        records, errors = store.records(), store.errors()
    frames = to_frames(records)
    frames["errors"] = errors_frame(errors)
    written = []
    if "jsonl" in formats:
        written.append(write_jsonl(records, out_dir / "records.jsonl"))
    if "csv" in formats:
        for name, frame in frames.items():
            written.append(_replace(out_dir / f"{name}.csv",
                                    lambda tmp, f=frame: f.to_csv(tmp, index=False, encoding="utf-8-sig")))
    if "parquet" in formats:
        for name, frame in frames.items():
            written.append(_replace(out_dir / f"{name}.parquet", lambda tmp, f=frame: f.to_parquet(tmp, index=False)))
    if "xlsx" in formats:
        def write_book(tmp):
            with pd.ExcelWriter(tmp, engine="openpyxl") as book:
                for name in (*TABLES, "errors"):
                    frames[name].to_excel(book, sheet_name=name, index=False)
        written.append(_replace(out_dir / "vnie.xlsx", write_book))
    return Exported(written, {name: len(frame) for name, frame in frames.items()})
