"""Words and lexicons for organization names: the lexicon files of ``pipeline/resources``
loaded once, and a line split into words with the POS tag and sentence start of the
underthesea token each word belongs to.

>>> [w.text for w in split_words("LĐLĐ TP.HCM và UBND Q.Gò Vấp")]
['LĐLĐ', 'TP.', 'HCM', 'và', 'UBND', 'Q.', 'Gò', 'Vấp']
"""
from __future__ import annotations

import pickle
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from .normalize import normalize_text
from .resources import load_lexicon, load_table

_WORD = regex.compile(r"[\p{L}\p{N}]+(?:[.&\-/][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]")
_DECIMAL = regex.compile(r"[\d.,]+")
# a level and a place written as one word
_GLUED = {"TPHCM": ("TP", "HCM"), "TpHCM": ("Tp", "HCM")}


class Word:
    """One word of a line (a syllable, an acronym or a punctuation mark) and its token's tag.
    What its spelling says (``fold``, ``cap``, ``upper`` ...) is read once per spelling."""
    __slots__ = ("text", "start", "end", "_tag", "_tags", "token", "sent_start", "fold", "punct", "cap", "lower",
                 "upper", "digits")

    def __init__(self, text: str, start: int, end: int, token: int = -1, sent_start: bool = False, tags=None):
        self.text, self.start, self.end = text, start, end
        self.token, self.sent_start = token, sent_start
        self._tag, self._tags = (None, tags) if tags is not None and token >= 0 else ("", None)
        self.fold, self.punct, self.cap, self.lower, self.upper, self.digits = _shape(text)

    @property
    def tag(self) -> str:
        """The part-of-speech tag of the word's token ("" for none), read when first asked for:
        the tokenizer tags a sentence only then."""
        if self._tag is None:
            self._tag = self._tags[self.token]
        return self._tag

    def __repr__(self) -> str:
        return f"Word({self.text!r}, {self.start}, {self.end}, tag={self.tag!r}, token={self.token})"


@lru_cache(maxsize=1 << 16)
def _shape(text: str) -> tuple[str, bool, bool, bool, bool, bool]:
    """(casefolded, punctuation, capitalized, lowercase, in capitals, a number of at most 5 digits)."""
    first = text[0]
    if text.isalpha():                    # most words: str.isupper() settles a lowercase one at once
        upper = len(text) > 1 and text.isupper() and all(c.isupper() for c in text)
    else:
        letters = [c for c in text if c.isalpha()]
        upper = bool(letters) and all(c.isupper() for c in letters) and (len(letters) > 1 or any(c.isdigit() for c in text))
    return (text.casefold(), not first.isalnum(), first.isupper(), first.islower(), upper,
            len(text) <= 5 and text.isdecimal())   # \d{1,5}


@dataclass(frozen=True)
class Head:
    text: str
    needs: str
    lower: bool
    names: str
    level: str
    word: bool = False


def syllables(text: str) -> tuple[str, ...]:
    return tuple(text.casefold().split())


@lru_cache(maxsize=1)
def _dotted() -> frozenset[str]:
    """Abbreviations that end in a dot ("Tp.", "TX."): the dot belongs to the word."""
    return frozenset([row["abbreviation"] for row in load_table("org_abbreviations") if row["abbreviation"].endswith(".")]
                     + [row["word"] for row in load_table("place_levels") if row["word"].endswith(".")])


@lru_cache(maxsize=1)
def lexicons() -> dict:
    """Every organization lexicon of ``pipeline/resources``, loaded once."""
    heads = {}
    for row in load_table("org_heads"):
        heads[syllables(row["head"])] = Head(row["head"], row["needs"], row["lower"] == "yes",
                                               row["names"], row["level"], row["word"] == "yes")
    for brand in load_lexicon("org_brands"):
        # a brand names its body alone and takes a branch ("Agribank Chi nhánh huyện Yên Thành")
        heads.setdefault(syllables(brand), Head(brand, "brand", False, "proper", ""))
    abbreviations = {}
    for row in load_table("org_abbreviations"):
        abbreviations[tuple(row["abbreviation"].split())] = row["full"].split()
    levels = {}
    for row in load_table("place_levels"):
        levels[syllables(row["word"])] = (row["level"], row["org"] == "yes", row["word"],
                                           row["numbered"] == "yes")
    provinces = {syllables(row["name"]): row["level"] for row in load_table("provinces")}
    try:
        surnames = {row["surname"]: row["ambiguous"] == "yes" for row in load_table("person_surnames")}
    except (FileNotFoundError, KeyError):
        surnames = {}
    return {
        "heads": heads,
        "abbreviations": abbreviations,
        "abbr_longest": max(len(k) for k in abbreviations),
        "levels": levels,
        "provinces": provinces,
        "countries": {syllables(c) for c in load_lexicon("countries")},
        "fields": {tuple(w.text for w in split_words(f)) for f in load_lexicon("org_fields")},
        "stops": {syllables(s): s[0].islower() for s in load_lexicon("org_stopwords")},
        "non_heads": {syllables(s) for s in load_lexicon("org_non_heads")},
        "generic": {s.casefold() for s in load_lexicon("org_generic_names")},
        "school_types": tuple(load_lexicon("org_school_types")),
        "village_heads": frozenset(load_lexicon("org_village_heads")),
        # offices before a name ("Chủ tịch Ngân hàng Thế giới Paul Wolfowitz"), read from the persons' list
        "offices": {syllables(s) for s in load_lexicon("person_title_heads")},
        "product_nouns": {syllables(s) for s in load_lexicon("org_product_nouns")},
        "surnames": surnames,
    }


def longest(table, words, i, key: str = "fold", limit=8):
    """Length of the longest entry of ``table`` (tuples of syllables) matching at ``words[i]``,
    comparing each Word's attribute ``key`` ("fold" or "text")."""
    if i >= len(words):
        return 0
    sizes = table_index(table).get(getattr(words[i], key))
    if sizes is None:
        return 0                          # most words open no entry: no tuples to build
    most = min(limit, len(words) - i)
    for size in sizes:
        if size <= most and tuple(getattr(w, key) for w in words[i:i + size]) in table:
            return size
    return 0


_INDEXES: dict[int, tuple] = {}


def table_index(table) -> dict[str, tuple[int, ...]]:
    """The lengths of ``table``'s entries by their first syllable, longest first: "thành" opens
    only "thành phố" (the tables are loaded once, so this is built once per table)."""
    known = _INDEXES.get(id(table))
    if known is None or known[0] is not table:
        sizes: dict[str, set[int]] = {}
        for entry in table:
            if entry:
                sizes.setdefault(entry[0], set()).add(len(entry))
        known = (table, {first: tuple(sorted(lengths, reverse=True)) for first, lengths in sizes.items()})
        _INDEXES[id(table)] = known
    return known[1]


@lru_cache(maxsize=1)
def dictionary() -> frozenset[str]:
    """underthesea's word list (72k words, shipped in its wheel with the segmenter): it tells a
    word ("Vật liệu", "Khảo thí") from a name with a verb glued on ("Luật tuyển")."""
    try:
        import underthesea.pipeline.word_tokenize as segmenter
        path = Path(segmenter.__file__).parent / "models" / "ws_crf_vlsp2013_20230727" / "dictionary.bin"
        with path.open("rb") as handle:
            words = pickle.load(handle)
    except (ImportError, OSError, pickle.UnpicklingError, EOFError):
        return frozenset()
    # the list spells tones the old way ("văn hoá"); the text is normalized ("văn hóa")
    syllables: dict[str, str] = {}
    out = set()
    for word in words:
        parts = []
        for syllable in word.split():
            if syllable not in syllables:
                syllables[syllable] = normalize_text(syllable)
            parts.append(syllables[syllable])
        out.add(" ".join(parts))
    return frozenset(out)


# ---------------------------------------------------------------- words
def split_words(text: str, start: int = 0, tokens=None, tags=None) -> list[Word]:
    """Words and punctuation of ``text`` (one line). "Tp." keeps its dot; "TP.HCM", "TPHCM" and
    "Q.Gò" are two words; "TPHCM.Ông" is three; "3.072" stays one. ``tokens``, the tagger's
    (start, end, opens a sentence), and ``tags``, their POS tags by index, give each word its
    token, when ``text`` starts at ``start`` in the text the tokens point into."""
    dotted, glued = _dotted(), _GLUED
    found: list[tuple[str, int, int]] = []    # (word, start, end) in the text
    taken = 0                             # where the last word ends in the line
    for m in _WORD.finditer(text):
        s, e = m.span()
        if s < taken:
            continue                      # the dot was taken by the abbreviation before it
        w = m.group()
        if "." not in w and w not in glued and text[e:e + 1] != ".":
            found.append((w, start + s, start + e))   # most words: nothing to split or to glue on
            taken = e
            continue
        pieces = _split_dots(w, dotted)
        if e < len(text) and text[e] == "." and pieces[-1] + "." in dotted:
            pieces[-1] += "."
        at = s
        for piece in pieces:
            at = text.find(piece, at)
            for part in glued.get(piece, (piece,)):
                found.append((part, start + at, start + at + len(part)))
                at += len(part)
        taken = at
    if not tokens:
        return [Word(w, s, e) for w, s, e in found]
    starts = _starts(tokens)
    words = []
    for w, s, e in found:
        k = bisect_right(starts, s) - 1
        token = tokens[k] if k >= 0 else None
        if token is not None and s < token[1]:
            words.append(Word(w, s, e, k, token[2] and s == token[0], tags))
        else:
            words.append(Word(w, s, e))
    return words


_STARTS: list = [None, None]   # the last token table and its start offsets


def _starts(tokens) -> list[int]:
    """Start offsets of ``tokens``, made once per table (a doc's lines all share one)."""
    if _STARTS[0] is not tokens:
        _STARTS[:] = [tokens, [t[0] for t in tokens]]
    return _STARTS[1]


def _split_dots(word: str, dotted) -> list[str]:
    """Split a word at inner dots that are not decimal marks or part of an abbreviation."""
    if "." not in word or _DECIMAL.fullmatch(word) or word in abbreviation_words():
        return [word]
    parts = word.split(".")
    if all(len(part) <= 2 for part in parts[:-1]) and parts[0] + "." not in dotted:
        return [word]                     # initials: "V.H", "X.Nam"
    out, piece = [], ""
    for part in parts:
        if piece and piece + "." in dotted:
            out.append(piece + ".")
        elif piece:
            out += [piece, "."]
        piece = part
    out.append(piece)
    return [p for p in out if p]


@lru_cache(maxsize=1)
def abbreviation_words() -> frozenset[str]:
    return frozenset(row["abbreviation"] for row in load_table("org_abbreviations"))


