"""Lexicons and rule tables shipped inside the package, loaded with importlib.resources
so they work from an installed wheel as well as from a checkout.

File formats:
- ``NAME.txt``: one entry per line; ``#`` starts a comment; blank lines are skipped.
- ``NAME.tsv``: tab-separated rows; the first row names the columns; ``#`` lines are comments.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import regex


def _lines(filename: str) -> list[str]:
    text = resources.files(__name__).joinpath(filename).read_text(encoding="utf-8")
    return [line.rstrip("\n") for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=None)
def load_lexicon(name: str) -> tuple[str, ...]:
    """Entries of ``resources/NAME.txt`` in file order, stripped."""
    return tuple(line.strip() for line in _lines(f"{name}.txt"))


@lru_cache(maxsize=None)
def load_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``resources/NAME.tsv`` as dicts keyed by the header row."""
    rows = [line.split("\t") for line in _lines(f"{name}.tsv")]
    header, body = rows[0], rows[1:]
    return tuple(dict(zip(header, (cell.strip() for cell in row))) for row in body)


def alternation(entries, *, flags_longest_first: bool = True) -> str:
    """A regex alternation of literal lexicon entries, longest first so the longest wins;
    metacharacters are escaped, and spaces match any run of spaces."""
    items = sorted(set(entries), key=len, reverse=True) if flags_longest_first else list(entries)
    return "|".join(regex.escape(item).replace(r"\ ", r"[ ]+") for item in items)
