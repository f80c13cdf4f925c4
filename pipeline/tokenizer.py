"""A spaCy tokenizer that wraps underthesea, in the way ``spacy/lang/vi`` wraps pyvi.

Each paragraph (line) is split into sentences with ``sent_tokenize``; each sentence is
segmented into words with underthesea's CRF once, and its words are tagged with
underthesea's fast CRF part-of-speech model once. Words keep their inner spaces
("Liên đoàn", "Lê Văn Nưng") and every token points into the normalized text:
``doc.text == normalize_text(text)``.

>>> nlp = pipeline.load()
>>> [t.text for t in nlp.tokenizer("Liên đoàn Lao động tỉnh An Giang")]
['Liên đoàn', 'Lao động', 'tỉnh', 'An Giang']
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import regex
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from .normalize import normalize_text

_FALLBACK_TOKEN = regex.compile(r"\w+|[^\w\s]")
_LINE = regex.compile(r"[^\n]+")


@lru_cache(maxsize=1)
def _pos_model():
    """underthesea's fast CRF part-of-speech model (shipped in its wheel)."""
    import underthesea.pipeline.pos_tag as pos_package
    from underthesea.models.fast_crf_sequence_tagger import FastCRFSequenceTagger

    model = FastCRFSequenceTagger()
    model.load(str(Path(pos_package.__file__).parent / "models" / "pos_crf_vlsp2013_20230303"))
    return model


def _segment(sentence: str) -> list[str]:
    from underthesea import word_tokenize

    return word_tokenize(sentence)


def _sentences(paragraph: str) -> list[str]:
    from underthesea import sent_tokenize

    return sent_tokenize(paragraph)


def pos_tags(words: list[str]) -> list[str]:
    """Part-of-speech tags of segmented words ("X" for all when the tagger fails on them)."""
    try:
        labels = _pos_model().predict([[" ".join(word.split())] for word in words])
    except BaseException as error:  # underthesea_core raises a Rust panic, not an Exception
        if isinstance(error, (KeyboardInterrupt, SystemExit)):
            raise
        return ["X"] * len(words)
    return [label[2:] if label[:2] in ("B-", "I-") else label for label in labels]


def align_words(text: str, words: list[str], offset: int = 0) -> list[tuple[int, int]] | None:
    """Character offsets of each word in ``text`` (words may hold inner spaces), or None
    when the words do not spell the text."""
    spans, cursor = [], 0
    for word in words:
        start = None
        for syllable in word.split():
            while cursor < len(text) and text[cursor].isspace():
                cursor += 1
            if not text.startswith(syllable, cursor):
                return None
            if start is None:
                start = cursor
            cursor += len(syllable)
        if start is not None:
            spans.append((offset + start, offset + cursor))
    return spans


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character offsets of the sentences: each line is a paragraph, split by ``sent_tokenize``."""
    out = []
    for line in _LINE.finditer(text):
        body = line.group()
        if not body.strip():
            continue
        cursor = 0
        for sentence in _sentences(body):
            sentence = sentence.strip()
            found = body.find(sentence, cursor) if sentence else -1
            if found < 0:
                break
            out.append((line.start() + found, line.start() + found + len(sentence)))
            cursor = found + len(sentence)
        rest = body[cursor:]
        if rest.strip():
            lead = len(rest) - len(rest.lstrip())
            out.append((line.start() + cursor + lead, line.start() + len(body.rstrip())))
    return out


class VietnameseTokenizer:
    """Normalize, split sentences, segment words and tag them, once per sentence."""

    def __init__(self, vocab: Vocab, pos: bool = True):
        self.vocab = vocab
        self.pos = pos

    def __call__(self, text: str) -> Doc:
        text = normalize_text(text)
        tokens: list[tuple[int, int]] = []
        tags: list[str] = []
        starts: set[int] = set()
        for s_start, s_end in sentence_spans(text):
            sentence = text[s_start:s_end]
            words = _segment(sentence)
            spans = align_words(sentence, words, s_start)
            if spans is None:  # the segmenter changed the text: fall back to plain tokens
                spans = [(s_start + m.start(), s_start + m.end()) for m in _FALLBACK_TOKEN.finditer(sentence)]
                sentence_tags = ["X"] * len(spans)
            elif self.pos and spans:
                sentence_tags = pos_tags(words)
            else:
                sentence_tags = [""] * len(spans)
            if spans:
                starts.add(spans[0][0])
            tokens.extend(spans)
            tags.extend(sentence_tags)
        return self._make_doc(text, tokens, tags, starts)

    def _make_doc(self, text, tokens, tags, starts) -> Doc:
        words, spaces, doc_tags, sent_starts = [], [], [], []

        def add(word, tag, is_start):
            words.append(word)
            spaces.append(False)
            doc_tags.append(tag)
            sent_starts.append(is_start)

        cursor = 0
        for (start, end), tag in zip(tokens, tags):
            gap = text[cursor:start]
            if gap:
                if gap[0] == " " and words and not spaces[-1] and not words[-1].isspace():
                    spaces[-1] = True
                    gap = gap[1:]
                if gap:
                    add(gap, "_SP", False)
            add(text[start:end], tag, start in starts)
            cursor = end
        if cursor < len(text):
            add(text[cursor:], "_SP", False)
        if sent_starts:
            sent_starts[0] = True
        return Doc(self.vocab, words=words, spaces=spaces, tags=doc_tags or None,
                   sent_starts=sent_starts or None)

    # spaCy serialization hooks: the tokenizer has no state beyond its settings
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "VietnameseTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path, **kwargs) -> "VietnameseTokenizer":
        return self


@registry.tokenizers("vnie.Tokenizer.v1")
def create_tokenizer(pos: bool = True):
    def make_tokenizer(nlp):
        return VietnameseTokenizer(nlp.vocab, pos=pos)

    return make_tokenizer
