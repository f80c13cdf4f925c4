"""The words the persons stage reads: one per syllable, abbreviation or number of the text,
with the spaCy token that holds it, the common-word test that tells "Giáo dục" (a word)
from "Hoàng Long" (a name), and the lookup of lexicon phrases at a word.

>>> [w.text for w in words_of(nlp("Ông Lê Văn Nưng, Phó Bí thư"))][:4]
['Ông', 'Lê', 'Văn', 'Nưng']
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import regex
from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc

from .spans import doc_text
from .tokenizer import tags_of

# a syllable, an abbreviation ("GD-ĐT", "PGS.TS", "PC04") or a number
_WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’\-./&][\p{L}\p{N}]+)*")
_SPACE = regex.compile(r"[^\S\n]+")


class Word(NamedTuple):
    """One syllable of the text: its offsets, as printed and case-folded, the index of the
    spaCy token that holds it (-1 if none), whether only spaces, no line break, stand
    between it and the word before, and whether it opens with a capital."""
    start: int
    end: int
    text: str
    token: int
    lower: str
    spaced: bool
    is_cap: bool


class Words(list):
    """The words of one Doc, in order; ``.text`` is the text they were cut from, and
    ``.memo`` keeps what other modules work out once per text (where title heads may open)."""

    def __init__(self, doc: Doc, text: str, words=()):
        super().__init__(words)
        self.doc = doc
        self.text = text
        self.memo: dict = {}

    def tag(self, i: int) -> str:
        """The part-of-speech tag of the token that holds word ``i`` ("" if none)."""
        token = self[i].token
        tags = tags_of(self.doc)
        return tags[token] if 0 <= token < len(tags) else ""


def words_of(doc: Doc) -> Words:
    """Every syllable of ``doc.text`` with the index of its token."""
    text = doc_text(doc)
    spans = [m.span() for m in _WORD.finditer(text)]
    offsets = doc.to_array([IDX, LENGTH])
    # the token holding each word: the last one starting at or before it
    tokens = (offsets[:, 0].searchsorted([start for start, _ in spans], side="right") - 1).tolist()
    token_ends = offsets.sum(axis=1).tolist()
    words, previous_end = [], None
    for (start, end), i in zip(spans, tokens):
        word = text[start:end]
        words.append(Word(start, end, word, i if i >= 0 and start < token_ends[i] else -1, word.casefold(),
                          previous_end is not None and _only_spaces(text[previous_end:start]), word[:1].isupper()))
        previous_end = end
    return Words(doc, text, words)


def _only_spaces(gap: str) -> bool:
    """Spaces and no line break, as most gaps between words are (a single space)."""
    return gap == " " or (gap != "" and _SPACE.fullmatch(gap) is not None)


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Words of two or more syllables from the Viet74K word list that ships inside
    underthesea ("thanh niên", "giáo dục", "y tế"), case-folded: a capitalised syllable
    that opens one of them starts a common word, not a name. Empty if the list is missing."""
    try:
        text = resources.files("underthesea").joinpath("corpus/data/Viet74K.txt").read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError):
        return frozenset()
    return frozenset(line.strip().casefold() for line in text.splitlines() if " " in line.strip())


def forms_word(words: Words, i: int) -> bool:
    """Word ``i`` and the next word, one space apart, spell a common word."""
    return i + 1 < len(words) and words[i + 1].spaced \
        and f"{words[i].lower} {words[i + 1].lower}" in common_words()


def gap_text(words: Words, i: int) -> str:
    """The characters between word ``i-1`` and word ``i``."""
    return words.text[words[i - 1].end:words[i].start]


def phrase_table(entries, *, fold: bool = True) -> dict[str, list[tuple[str, ...]]]:
    """First word -> phrases (as word tuples), longest first. With ``fold``, phrases of
    two or more words are kept case-folded and compared case-insensitively ("Phó trưởng
    Ban" = "Phó Trưởng ban"); a one-syllable entry ("Trưởng", "HLV") must be printed as
    listed, since lower-case "trưởng" ends words like "tăng trưởng"."""
    table: dict[str, list[tuple[str, ...]]] = {}
    for entry in entries:
        words = tuple(entry.split())
        if fold and len(words) > 1:
            words = tuple(w.casefold() for w in words)
        table.setdefault(words[0], []).append(words)
    for phrases in table.values():
        phrases.sort(key=len, reverse=True)
    return table


def match_phrase(words: Words, i: int, table, *, fold: bool = True) -> int:
    """Number of words of the longest phrase of ``table`` starting at word ``i`` (0 if none).
    Multi-word phrases are compared case-insensitively when ``fold``."""
    if i >= len(words):
        return 0
    candidates = list(table.get(words[i].text, ()))
    if fold:
        candidates += [p for p in table.get(words[i].lower, ()) if len(p) > 1]
    best = 0
    for phrase in candidates:
        n = len(phrase)
        if n <= best or i + n > len(words):
            continue
        forms = [words[i + k].lower if (fold and n > 1) else words[i + k].text for k in range(n)]
        if tuple(forms) == phrase and all(words[i + k].spaced for k in range(1, n)):
            best = n
    return best
