"""Text normalization: the normalized string is ``doc.text`` and every offset refers to it.

underthesea's segmenter normalizes characters internally (NFC, "ð" → "đ", old-style
tone marks "hoà" → "hòa"), so we apply the same maps first: otherwise its words would
not align with the text.

>>> normalize_text("Ho\\u0300a Bi\\u0300nh&nbsp;thuỷ")
'Hòa Bình thủy'
"""
from __future__ import annotations

import html
import unicodedata

import regex
from underthesea.pipeline.text_normalize.character_normalize import character_normalize
from underthesea.pipeline.text_normalize.text_normalizer import token_map

# every Unicode space (NBSP, thin space, ideographic space ...) but not newlines and tabs,
# nor the plain space itself (replacing each plain space by itself is most of the work)
_SPACES = regex.compile(r"[^\S \n\t]")
# C0/C1 controls, zero-width characters, soft hyphen, BOM; newlines and tabs are kept
_INVISIBLE = regex.compile(r"[\p{Cc}\p{Cf}--[\n\t]]", flags=regex.V1)
_TAG = regex.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,500})?/?>")
_BLOCK_TAG = regex.compile(r"</?(?:p|div|br|li|tr|h[1-6]|section|article|table|ul|ol)\b[^<>]{0,500}>", regex.I)
_SCRIPT = regex.compile(r"<(script|style)\b[^<>]*>.*?</\1\s*>", regex.I | regex.S)
_WORD = regex.compile(r"\w+")
_TRAILING_SPACE = regex.compile(r"[ \t]+\n")
_MANY_BLANK_LINES = regex.compile(r"\n{3,}")


def strip_html_debris(text: str) -> str:
    """Drop scripts, styles and tags left in copied web text; block tags become line breaks."""
    if "<" not in text:
        return text
    text = _SCRIPT.sub(" ", text)
    text = _BLOCK_TAG.sub("\n", text)
    return _TAG.sub("", text)


# underthesea only maps short tokens (its token_normalize skips longer ones)
_MAPPED = frozenset(word for word, mapped in token_map.items() if len(word) <= 6 and word != mapped)


def _normalize_word(match: regex.Match) -> str:
    word = match.group()
    return token_map[word] if word in _MAPPED else word


def normalize_text(text: str) -> str:
    """NFC, one tone-mark style, plain spaces, no HTML entities, tags or control characters."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text:
        text = html.unescape(text)
    text = strip_html_debris(text)
    text = unicodedata.normalize("NFC", text)
    text = character_normalize(text)
    text = _SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    if not _MAPPED.isdisjoint(_WORD.findall(text)):     # most texts have no word to map
        text = _WORD.sub(_normalize_word, text)
    if " \n" in text or "\t\n" in text:
        text = _TRAILING_SPACE.sub("\n", text)
    text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip()
