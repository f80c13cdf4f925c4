"""Decoding file bytes: which encoding a Vietnamese file is in, and its text.

Encodings: UTF-8 (with or without BOM), UTF-16/32 with BOM, Windows-1258 and the two
legacy 8-bit Vietnamese font encodings still found in old government files, TCVN3
(ABC, ``.VnTime``) and VNI-Windows (``VNI-Times``). charset-normalizer knows neither
legacy encoding, so their tables are data files in ``pipeline/resources`` and the
right decoding is chosen by how Vietnamese the result looks::

    >>> decode_bytes(b"H\\xe0 N\\xf4\\xf2i")              # Windows-1258
    ('Hà Nội', 'cp1258')
    >>> decode_bytes(b"H\\xb5 N\\xe9i")              # TCVN3
    ('Hà Nội', 'tcvn3')

Bytes that are no text at all raise :class:`ArticleError` with a short reason;
:mod:`pipeline.reading` builds on this to read whole files.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib.resources import files

import regex

# Scoring a candidate decoding on a prefix is enough to tell encodings apart.
_SCORE_SAMPLE = 64_000


class ArticleError(Exception):
    """An input file that cannot be read as an article; ``str(e)`` is the reason."""


# ---------------------------------------------------------------- legacy tables


@lru_cache(maxsize=None)
def _legacy_table(name: str) -> dict[str, str]:
    """Load ``legacy_<name>.tsv``: legacy byte sequence (as latin-1 text) -> Unicode."""
    table: dict[str, str] = {}
    text = (files("pipeline") / "resources" / f"legacy_{name}.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        hexes, char = line.split("\t")[:2]
        table[bytes.fromhex(hexes).decode("latin-1")] = char
    return table


# 0x80-0x9F are the Windows punctuation (curly quotes, dashes) in both font encodings.
_C1_AS_CP1252 = {
    b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


@lru_cache(maxsize=None)
def _legacy_decoder(name: str):
    table = _legacy_table(name)
    # Longest sequence first, so VNI "ô"+"ù" (ớ) wins over "ô" (ơ) followed by "ù".
    keys = sorted(table, key=len, reverse=True)
    pattern = regex.compile("|".join(regex.escape(k) for k in keys))
    c1 = str.maketrans(_C1_AS_CP1252)

    def decode(data: bytes) -> str:
        text = pattern.sub(lambda m: table[m.group()], data.decode("latin-1"))
        return text.translate(c1)

    return decode


# ------------------------------------------------------- how Vietnamese is a text

_TONES = {"\u0300": "grave", "\u0301": "acute", "\u0303": "tilde", "\u0309": "hook", "\u0323": "dot"}
# Syllable = onset + vowel nucleus + coda; the nuclei are the attested vowel clusters.
_NUCLEI = (
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô"
    " uơ uy ưa ưi ươ ưu yê iêu oai oay oeo uây uôi uya uyê uyu ươi ươu yêu"
).split()
_SYLLABLE = regex.compile(
    r"(?:ngh|ng|gh|gi|kh|ph|th|tr|ch|nh|qu|[bcdđghklmnprstvx])?"
    r"(?P<nucleus>" + "|".join(sorted(_NUCLEI, key=len, reverse=True)) + r")"
    r"(?P<coda>ch|ng|nh|[cmnpt])?"
)
_TOKEN_EDGES = "\"'()[]{}<>.,;:!?…“”‘’«»*%0123456789"
_TOKEN_SPLIT = regex.compile(r"[\s\-–—/_|+=]+")


def _is_syllable(token: str) -> bool:
    """'trường', 'nghiệp' yes; 'bỏt' no: a stop coda (c, ch, p, t) only takes sắc or nặng."""
    decomposed = unicodedata.normalize("NFD", token.lower())
    tones = [_TONES[c] for c in decomposed if c in _TONES]
    if len(tones) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    m = _SYLLABLE.fullmatch(base)
    if m is None:
        return False
    if tones and m.group("coda") in ("c", "ch", "p", "t"):
        return tones[0] in ("acute", "dot")
    return True


def vietnamese_score(text: str) -> int:
    """Valid Vietnamese syllables minus invalid tokens, counting only non-ASCII tokens.

    >>> vietnamese_score("Bát Xát"), vietnamese_score("B¸t X¸t")
    (2, -2)
    """
    score = 0
    for raw in _TOKEN_SPLIT.split(text):
        token = raw.strip(_TOKEN_EDGES)
        if token and not token.isascii():
            score += 1 if _is_syllable(token) else -1
    return score


# ------------------------------------------------------------------- decoding

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Control bytes that never occur in text files (tab, LF, VT, FF, CR and ESC excepted).
_CONTROL_BYTES = bytes([*range(0x01, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    try:
        from charset_normalizer import from_bytes

        matches = list(from_bytes(data))
        if not matches:
            return None
        # On short texts its ranking is shaky (French cp1252 comes out as mac_latin2);
        # when Windows-1252 is among the plausible ones, it is the likely one.
        best = next((m for m in matches if m.encoding == "cp1252"), matches[0])
        return _nfc(str(best)), best.encoding
    except Exception:  # a detector bug must not stop the batch
        return None


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first bytes, if Python knows it."""
    m = regex.search(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", data[:4096], regex.I)
    if not m:
        return None
    import codecs

    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except LookupError:
        return None


def decode_bytes(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """Decode file bytes to NFC text; returns ``(text, encoding name)``.

    Order: BOM, strict UTF-8, UTF-8 with a few stray bytes, then the Vietnamese
    8-bit candidates (cp1258, VNI, TCVN3) scored by :func:`vietnamese_score`; when
    none looks Vietnamese, the charset a page declares (``declared``), then
    charset-normalizer's guess.

    >>> decode_bytes("Đà Nẵng".encode("utf-8"))
    ('Đà Nẵng', 'utf-8')
    >>> decode_bytes(b"\\xd1a\\xf8 Na\\xfcng")          # VNI
    ('Đà Nẵng', 'vni')
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return _nfc(data[len(bom) :].decode(name.removesuffix("-sig"))), name
            except UnicodeDecodeError as e:
                raise ArticleError(f"undecodable: invalid {name} after its byte-order mark") from e
    if b"\x00" in data:
        raise ArticleError("binary file (NUL bytes)")
    if len(data) - len(data.translate(None, _CONTROL_BYTES)) > 0.02 * len(data):
        raise ArticleError("binary file (mostly non-text)")
    try:
        text = data.decode("utf-8")
        return _nfc(text), "ascii" if data.isascii() else "utf-8"
    except UnicodeDecodeError:
        pass
    # UTF-8 with a few stray bytes (a cp1252 dash pasted in, a cut character) is still
    # UTF-8: legacy text almost never forms valid multi-byte sequences by chance.
    lossy = data.decode("utf-8", errors="replace")
    bad = lossy.count("\ufffd")
    if len(lossy) - len(lossy.encode("ascii", "ignore")) - bad >= 20 * bad:
        return _nfc(lossy), f"utf-8 ({bad} invalid byte{'s' if bad > 1 else ''} replaced)"

    sample = data[:_SCORE_SAMPLE]
    candidates: list[tuple[int, str]] = []  # (score, name), in order of preference on ties
    candidates.append((vietnamese_score(_nfc(sample.decode("cp1258", "replace"))), "cp1258"))
    for name in ("vni", "tcvn3"):
        candidates.append((vietnamese_score(_nfc(_legacy_decoder(name)(sample))), name))
    best_score, best_name = max(candidates, key=lambda c: c[0])  # max keeps the first of ties
    if best_score > 0:
        if best_name == "cp1258":
            return _nfc(data.decode("cp1258", "replace")), "cp1258"
        return _nfc(_legacy_decoder(best_name)(data)), best_name
    # Not Vietnamese in any 8-bit encoding we know: what the page declares, if it
    # fits, else the general detector. (Old Vietnamese sites declared iso-8859-1 while
    # drawing TCVN3/VNI fonts, which is why the declaration is not trusted first.)
    if declared:
        try:
            return _nfc(data.decode(declared)), declared
        except (UnicodeDecodeError, LookupError):
            pass
    guess = _charset_normalizer_guess(data)
    if guess is None:
        raise ArticleError("undecodable: no known text encoding fits")
    return guess
