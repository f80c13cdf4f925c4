"""Reading input files: a path becomes clean article text or an :class:`ArticleError`.

A batch over a messy folder must never stop, so every way a file can be unusable
(empty, binary, unreadable, broken or looping link, too large, undecodable) is turned
into an ``ArticleError`` whose message is a short reason for the report.

Encodings: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1258 and the two
legacy 8-bit Vietnamese font encodings still found in old government files, TCVN3
(ABC, ``.VnTime``) and VNI-Windows (``VNI-Times``). charset-normalizer knows neither
legacy encoding, so their tables are data files in ``pipeline/resources`` and the
right decoding is chosen by how Vietnamese the result looks::

    >>> decode_bytes(b"H\\xe0 N\\xf4\\xf2i")              # Windows-1258
    ('Hà Nội', 'cp1258')
    >>> decode_bytes(b"H\\xb5 N\\xe9i")              # TCVN3
    ('Hà Nội', 'tcvn3')

``.html``/``.htm`` files go through trafilatura for the main text and the
date/author/title metadata. Output text is NFC with LF line ends; the rest of the
normalization is :mod:`pipeline.normalize`'s job.
"""

from __future__ import annotations

import errno
import os
import stat
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path

import regex

DEFAULT_MAX_BYTES = 5_000_000
ARTICLE_SUFFIXES = frozenset({".txt", ".html", ".htm"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
# Scoring a candidate decoding on a prefix is enough to tell encodings apart.
_SCORE_SAMPLE = 64_000


class ArticleError(Exception):
    """An input file that cannot be read as an article; ``str(e)`` is the reason."""


@dataclass(frozen=True)
class Article:
    text: str
    source: str
    encoding: str
    published: str | None = None
    author: str | None = None
    title: str | None = None


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


# ------------------------------------------------------------------------ HTML

_BLOCK_TAGS = frozenset(
    "p div br li ul ol tr table h1 h2 h3 h4 h5 h6 section article header footer blockquote "
    "figcaption pre title dd dt".split()
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head"})


class _PlainText(HTMLParser):
    """Every visible text of a page, one block per line (the fallback extraction)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def _plain_text(html: str) -> str:
    parser = _PlainText()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # html.parser is lenient; this is only a last guard
        pass
    return "".join(parser.parts)


# Where pages state their publication time: meta tags (either attribute order), JSON-LD.
_TIME_KEYS = r"(?:article:published_time|datePublished|pubdate|publishdate|dc\.date)"
_PUBLISHED_AT = (
    regex.compile(rf"<meta[^>]{{1,500}}?{_TIME_KEYS}[^>]{{0,500}}?content\s*=\s*[\"']([^\"']+)[\"']", regex.I),
    regex.compile(rf"<meta[^>]{{1,500}}?content\s*=\s*[\"']([^\"']+)[\"'][^>]{{0,500}}?{_TIME_KEYS}", regex.I),
    regex.compile(r"\"datePublished\"\s*:\s*\"([^\"]+)\""),
)


def _published(html: str, date: str | None) -> str | None:
    """trafilatura's date (YYYY-MM-DD), with the clock time when the page states it.

    <meta property="article:published_time" content="2023-07-10T08:30:00+07:00">
    -> "2023-07-10T08:30" (the wall-clock time as written; the offset is dropped)
    """
    from datetime import datetime

    head = html[:300_000]
    for pattern in _PUBLISHED_AT:
        for value in pattern.findall(head):
            try:
                when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
            except ValueError:
                continue
            if date in (None, when.date().isoformat()):
                if (when.hour, when.minute) == (0, 0):
                    return when.date().isoformat()
                return when.strftime("%Y-%m-%dT%H:%M")
    return date


def _paragraphs(text: str) -> str:
    """One paragraph per line, blank lines between, as the gold articles are laid out."""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def extract_html(html: str) -> tuple[str, str | None, str | None, str | None]:
    """Main text and (published, author, title) of a news page.

    trafilatura drops menus, share bars and footers; when it finds no main text the
    page's visible text is used instead, so a page is never silently empty.
    """
    text = title = author = date = None
    try:
        import trafilatura

        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True
        )
        if doc is not None:
            text, title, author, date = doc.text, doc.title, doc.author, doc.date
    except Exception:  # a broken page must become plain text, not a stopped batch
        pass
    if not text or not text.strip():
        text = _plain_text(html)
    text = _paragraphs(text)
    title = title.strip() if title and title.strip() else None
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}" if text else title
    return text, _published(html, date), (author or None), title


# ----------------------------------------------------------------------- files


def _format_size(n: int) -> str:
    """12_300_000 -> '12.3 MB', 5_000_000 -> '5 MB', 1_800 -> '1.8 kB'."""
    for unit, size in (("MB", 1_000_000), ("kB", 1_000)):
        if n >= size:
            return f"{n / size:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def _read_bounded(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, or an ArticleError; never reads more than max_bytes + 1."""
    try:
        st = os.stat(path)  # follows links, so loops and dangling links show up here
    except FileNotFoundError:
        raise ArticleError("broken symbolic link" if os.path.islink(path) else "file not found") from None
    except PermissionError:
        raise ArticleError("not readable: permission denied") from None
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise ArticleError("symbolic link loop") from None
        raise ArticleError(f"not readable: {(e.strerror or str(e)).lower()}") from None
    if stat.S_ISDIR(st.st_mode):
        raise ArticleError("is a directory, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise ArticleError("not a regular file")
    if st.st_size > max_bytes:
        raise ArticleError(f"too large: {_format_size(st.st_size)} > {_format_size(max_bytes)} limit")
    try:
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)
    except PermissionError:
        raise ArticleError("not readable: permission denied") from None
    except OSError as e:
        raise ArticleError(f"not readable: {(e.strerror or str(e)).lower()}") from None
    if len(data) > max_bytes:  # grew since stat
        raise ArticleError(f"too large: more than the {_format_size(max_bytes)} limit")
    return data


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return unicodedata.normalize("NFC", text)


def read_article(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read one article file; raises :class:`ArticleError` with a short reason.

    >>> read_article("bao/dai-hoi.txt").text[:22]       # doctest: +SKIP
    'Đại hội Công đoàn ngành'
    """
    path = Path(path)
    data = _read_bounded(path, max_bytes)
    if not data.strip():
        raise ArticleError("empty file")
    is_html = path.suffix.lower() in HTML_SUFFIXES
    text, encoding = decode_bytes(data, declared=_declared_charset(data) if is_html else None)
    published = author = title = None
    if is_html:
        text, published, author, title = extract_html(text)
    text = _clean(text)
    if not text.strip():
        raise ArticleError("empty file" if not is_html else "empty page (no text found)")
    return Article(text, str(path), encoding, published, author, title)


def _is_article_name(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in ARTICLE_SUFFIXES


def find_articles(inputs: list[str | Path]) -> list[Path]:
    """Article files under the inputs: files as given, folders searched recursively.

    Folders yield ``*.txt``, ``*.html``, ``*.htm`` (hidden folders skipped). Linked
    folders are followed once each, so a link loop ends; broken or looping links to
    articles are returned so that read_article reports them instead of them vanishing.

    >>> find_articles(["bao/"])                          # doctest: +SKIP
    [PosixPath('bao/2023/dai-hoi.txt'), PosixPath('bao/index.html')]
    """
    found: dict[object, Path] = {}

    def add(path: Path) -> None:
        try:
            st = os.stat(path)
            key: object = (st.st_dev, st.st_ino)
        except OSError:  # broken link, loop, unreadable: keep it for the error report
            key = os.path.abspath(path)
        found.setdefault(key, path)

    def walk(folder: Path, seen: set[tuple[int, int]]) -> None:
        try:
            st = os.stat(folder)
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        if (st.st_dev, st.st_ino) in seen:
            return
        seen.add((st.st_dev, st.st_ino))
        for entry in entries:
            child = folder / entry.name
            try:
                is_dir = entry.is_dir()  # follows links; False for broken ones
            except OSError:
                is_dir = False
            if is_dir:
                if not entry.name.startswith("."):
                    walk(child, seen)
            elif _is_article_name(entry.name):
                add(child)

    for item in inputs:
        path = Path(item)
        if not os.path.lexists(path):
            raise FileNotFoundError(f"input path not found: {path}")
        if path.is_dir():
            walk(path, set())
        else:
            add(path)
    return sorted(found.values())
