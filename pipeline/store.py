"""The output database: every finished article is committed as it completes.

SQLite in the output folder is the source of truth of a batch run; the JSONL and CSV
files are exports of it. An article is known by the hash of its bytes, so a renamed
file is not redone and an edited one is.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from pathlib import Path

DB_NAME = "vnie.sqlite"
SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    source TEXT PRIMARY KEY,       -- file path as given
    hash TEXT NOT NULL,            -- sha256 of the file's bytes
    doc_id TEXT,
    record TEXT NOT NULL,          -- the record as JSON
    done_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_hash ON articles(hash);
CREATE TABLE IF NOT EXISTS errors (
    source TEXT PRIMARY KEY,
    hash TEXT,
    reason TEXT NOT NULL,
    at REAL NOT NULL
);
"""


def file_hash(path: str | Path, chunk: int = 1 << 20) -> str:
    """sha256 of a file's bytes, read in chunks (bounded memory)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


class Store:
    """Finished records and errors of one output folder."""

    def __init__(self, out_dir: str | Path):
        self.path = Path(out_dir) / DB_NAME
        self.db = sqlite3.connect(self.path, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")  # a committed article survives a power cut
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def status(self, source: str, digest: str) -> str:
        """'done' when this file's content is recorded, 'copy' when the same content is recorded
        under another path, 'new' otherwise."""
        row = self.db.execute("SELECT hash FROM articles WHERE source = ?", (source,)).fetchone()
        if row and row[0] == digest:
            return "done"
        if self.db.execute("SELECT 1 FROM articles WHERE hash = ? LIMIT 1", (digest,)).fetchone():
            return "copy"
        return "new"

    def copy_record(self, source: str, digest: str, doc_id: str) -> None:
        """Reuse a record of identical content for a renamed or copied file."""
        old_source, text = self.db.execute(
            "SELECT source, record FROM articles WHERE hash = ? LIMIT 1", (digest,)).fetchone()
        record = json.loads(text)
        record.update(doc_id=doc_id, source=source)
        self.save(source, digest, record)
        if old_source != source and not Path(old_source).exists():  # renamed: forget the old path
            with self.db:
                self.db.execute("DELETE FROM articles WHERE source = ?", (old_source,))

    def save(self, source: str, digest: str, record: dict) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?)",
                            (source, digest, record.get("doc_id"),
                             json.dumps(record, ensure_ascii=False), time.time()))
            self.db.execute("DELETE FROM errors WHERE source = ?", (source,))

    def save_error(self, source: str, digest: str | None, reason: str) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO errors VALUES (?, ?, ?, ?)",
                            (source, digest, reason, time.time()))
            self.db.execute("DELETE FROM articles WHERE source = ?", (source,))

    def clear(self) -> None:
        with self.db:
            self.db.execute("DELETE FROM articles")
            self.db.execute("DELETE FROM errors")

    def records(self) -> list[dict]:
        rows = self.db.execute("SELECT record FROM articles ORDER BY source").fetchall()
        return [json.loads(text) for (text,) in rows]

    def errors(self) -> list[tuple[str, str]]:
        return self.db.execute("SELECT source, reason FROM errors ORDER BY source").fetchall()

    def counts(self) -> tuple[int, int]:
        done = self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        failed = self.db.execute("SELECT COUNT(*) FROM errors").fetchone()[0]
        return done, failed
