"""Reading input files: a path becomes clean article text or an :class:`ArticleError`.

A batch over a messy folder must never stop, so every way a file can be unusable
(empty, binary, unreadable, broken or looping link, too large, undecodable) is turned
into an ``ArticleError`` whose message is a short reason for the report.

Bytes become text in :mod:`pipeline.decoding` (UTF-8, UTF-16, Windows-1258 and the
legacy TCVN3 / VNI font encodings); ``decode_bytes`` and ``ArticleError`` are
re-exported here. ``.html``/``.htm`` files go through trafilatura for the main text
and the date/author/title metadata. Output text is NFC with LF line ends; the rest of
the normalization is :mod:`pipeline.normalize`'s job.
"""

from __future__ import annotations

import errno
import os
import stat
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import regex

from .decoding import ArticleError, _declared_charset, _is_syllable, decode_bytes, vietnamese_score  # noqa: F401

__all__ = [
    "Article",
    "ArticleError",
    "decode_bytes",
    "extract_html",
    "find_articles",
    "read_article",
    "vietnamese_score",
]

DEFAULT_MAX_BYTES = 5_000_000
ARTICLE_SUFFIXES = frozenset({".txt", ".html", ".htm"})
HTML_SUFFIXES = frozenset({".html", ".htm"})


@dataclass(frozen=True)
class Article:
    text: str
    source: str
    encoding: str
    published: str | None = None
    author: str | None = None
    title: str | None = None


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
