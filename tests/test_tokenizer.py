"""Tokenizer invariants: the text is never changed away from the normalized input,
tokens cover it exactly, and odd input still gives a Doc."""
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize import normalize_text
from pipeline.tokenizer import align_words, sentence_spans

ARTICLE = ("Liên đoàn Lao động An Giang đạt nhiều kết quả\n\n18/01/2021 - 14:18\n\n"
           " - Sáng 18-1, Liên đoàn Lao động tỉnh An Giang tổ chức hội nghị. Phó Bí thư Lê Văn Nưng dự.\n\nMỸ HẠNH")


def test_words_keep_their_inner_spaces(tokenizer_only):
    doc = tokenizer_only.make_doc("Liên đoàn Lao động tỉnh An Giang")
    assert [t.text for t in doc] == ["Liên đoàn", "Lao động", "tỉnh", "An Giang"]
    assert doc[3].tag_ == "Np"


def test_text_is_the_normalized_input(tokenizer_only):
    raw = unicodedata.normalize("NFD", ARTICLE).replace(" ", "\u00a0", 3)
    doc = tokenizer_only.make_doc(raw)
    assert doc.text == normalize_text(raw)


def test_sentences_follow_lines_and_sentence_ends(tokenizer_only):
    doc = tokenizer_only.make_doc(ARTICLE)
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[0] == "Liên đoàn Lao động An Giang đạt nhiều kết quả"
    assert "Phó Bí thư Lê Văn Nưng dự." in sentences
    assert sentences[-1] == "MỸ HẠNH"


@pytest.mark.parametrize("text", ["", " ", "\n\n", "...", "A", "\u00a0\u00a0", "12/12", "😀 🎉"])
def test_odd_input(tokenizer_only, text):
    doc = tokenizer_only.make_doc(text)
    assert doc.text == normalize_text(text)


def test_align_words_offsets():
    assert align_words("Lê  Văn Nưng dự", ["Lê Văn Nưng", "dự"]) == [(0, 12), (13, 15)]
    assert align_words("abc", ["abd"]) is None


def test_sentence_spans_point_into_text():
    text = "Câu một. Câu hai!\nDòng hai"
    for start, end in sentence_spans(text):
        assert text[start:end].strip() == text[start:end]
    assert [text[a:b] for a, b in sentence_spans(text)][-1] == "Dòng hai"


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=0, max_size=80))
def test_any_text_gives_a_doc_over_the_normalized_text(tokenizer_only, text):
    doc = tokenizer_only.make_doc(text)
    assert doc.text == normalize_text(text)
    for token in doc:
        assert doc.text[token.idx:token.idx + len(token.text)] == token.text
