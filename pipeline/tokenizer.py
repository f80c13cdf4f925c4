"""A spaCy tokenizer that wraps underthesea, in the way ``spacy/lang/vi`` wraps pyvi.

Each paragraph (line) is split into sentences with ``sent_tokenize``; each sentence is
segmented into words with underthesea's CRF once, and its words are tagged with
underthesea's fast CRF part-of-speech model at most once: by default only when a stage
first asks for a tag in that sentence (:func:`tags_of`). Words keep their inner spaces
("Liên đoàn", "Lê Văn Nưng") and every token points into the normalized text:
``doc.text == normalize_text(text)``.

>>> nlp = pipeline.load()
>>> [t.text for t in nlp.tokenizer("Liên đoàn Lao động tỉnh An Giang")]
['Liên đoàn', 'Lao động', 'tỉnh', 'An Giang']
"""
from __future__ import annotations

import weakref
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path

import numpy
import regex
from spacy.attrs import SENT_START, TAG
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from .normalize import normalize_text
from .spans import memo

POS_MODES = ("needed", "all", "none")

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
        while cursor < len(text) and text[cursor].isspace():
            cursor += 1
        if word and not word[-1].isspace() and text.startswith(word, cursor):   # printed as is
            spans.append((offset + cursor, offset + cursor + len(word)))
            cursor += len(word)
            continue
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


class SentenceTags:
    """The part-of-speech tag of each token of a Doc, by token index. A sentence is tagged
    the first time a tag in it is asked for: most sentences of an article hold nothing a
    stage reads a tag in, and tagging costs over half as much as segmenting. Tagging
    a sentence also sets its tokens' ``tag_``."""

    def __init__(self, doc: Doc, words: list[str], tags: list[str | None], firsts: list[int]):
        self._doc = weakref.ref(doc)         # no strong reference: a memo of the Doc holds this
        self._words, self._tags = words, tags
        self._firsts = firsts                # each sentence's first token, in order

    def __len__(self) -> int:
        return len(self._tags)

    def __getitem__(self, i: int) -> str:
        tag = self._tags[i]
        if tag is None:
            self._tag_sentence(i)
            tag = self._tags[i]
        return tag

    def _tag_sentence(self, i: int) -> None:
        """Tag the sentence that holds token ``i``."""
        k = bisect_right(self._firsts, i) - 1
        end = self._firsts[k + 1] if k + 1 < len(self._firsts) else len(self._tags)
        members = [j for j in range(self._firsts[k], end) if self._tags[j] is None]
        doc = self._doc()
        for j, tag in zip(members, pos_tags([self._words[j] for j in members])):
            self._tags[j] = tag
            if doc is not None:
                doc[j].tag_ = tag


def tags_of(doc: Doc):
    """The part-of-speech tag of each token, by index ("" where the Doc has none), tagging
    sentences as they are asked for when the tokenizer left them for later."""
    return memo(doc, "pos tags", lambda d: [t.tag_ for t in d])


class VietnameseTokenizer:
    """Normalize, split sentences, segment words and tag them, once per sentence.

    ``pos``: "needed" (default) tags a sentence when a stage first reads a tag in it;
    "all" tags every sentence at once (``token.tag_`` everywhere, for users who want tags);
    "none" never tags (the stages then do without; a little less accurate)."""

    def __init__(self, vocab: Vocab, pos: str | bool = "needed"):
        self.vocab = vocab
        self.pos = {True: "all", False: "none"}.get(pos, pos)
        if self.pos not in POS_MODES:
            raise ValueError(f"pos must be one of {POS_MODES}, not {pos!r}")

    def __call__(self, text: str) -> Doc:
        text = normalize_text(text)
        tokens: list[tuple[int, int]] = []
        tags: list[str | None] = []
        starts: set[int] = set()
        for s_start, s_end in sentence_spans(text):
            piece = text[s_start:s_end]
            words = _segment(piece)
            spans = align_words(piece, words, s_start)
            if spans is None:  # the segmenter changed the text: fall back to plain tokens
                spans = [(s_start + m.start(), s_start + m.end()) for m in _FALLBACK_TOKEN.finditer(piece)]
                sentence_tags = ["X"] * len(spans)
            elif self.pos == "all" and spans:
                sentence_tags = pos_tags([text[s:e] for s, e in spans])
            else:
                sentence_tags = [None if self.pos == "needed" else ""] * len(spans)
            if spans:
                starts.add(spans[0][0])
            tokens.extend(spans)
            tags.extend(sentence_tags)
        return self._make_doc(text, tokens, tags, starts)

    def _make_doc(self, text, tokens, tags, starts) -> Doc:
        """The Doc of the tokens: whitespace between them is a token's trailing space, or a
        space token ("_SP") when it is more than one space; ``tags`` None are left for later."""
        words, spaces, doc_tags, firsts = [], [], [], []
        cursor = 0
        for (start, end), tag in zip(tokens, tags):
            if start > cursor:
                gap = text[cursor:start]
                if gap[0] == " " and words:   # words[-1] is a word here (tokens hold no spaces)
                    spaces[-1] = True
                    gap = gap[1:]
                if gap:
                    words.append(gap)
                    spaces.append(False)
                    doc_tags.append("_SP")
            if start in starts:
                firsts.append(len(words))
            words.append(text[start:end])
            spaces.append(False)
            doc_tags.append(tag)
            cursor = end
        if cursor < len(text):
            words.append(text[cursor:])
            spaces.append(False)
            doc_tags.append("_SP")
        doc = Doc(self.vocab, words=words, spaces=spaces)
        if words:
            doc.from_array([TAG, SENT_START], self._annotations(doc_tags, firsts))
        memo(doc, "text", lambda d: text)     # doc.text joins every token anew; it is ``text``
        if None in doc_tags:
            tags_now = SentenceTags(doc, words, doc_tags, firsts)
            memo(doc, "pos tags", lambda d: tags_now)
        return doc

    def _annotations(self, tags: list[str | None], firsts: list[int]) -> numpy.ndarray:
        """The TAG and SENT_START columns ``Doc(tags=..., sent_starts=...)`` would set (a tag
        None is none yet), built at once rather than cell by cell as ``Doc`` does."""
        ids = {tag: self.vocab.strings.add(tag or "") for tag in set(tags)}
        sent_starts = numpy.full(len(tags), -1, dtype=numpy.int64)
        sent_starts[[0, *firsts]] = 1
        array = numpy.empty((len(tags), 2), dtype=numpy.uint64)
        array[:, 0] = [ids[tag] for tag in tags]
        array[:, 1] = sent_starts.astype(numpy.uint64)
        return array

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
def create_tokenizer(pos: str | bool = "needed"):
    def make_tokenizer(nlp):
        return VietnameseTokenizer(nlp.vocab, pos=pos)

    return make_tokenizer
