"""Tokenizer invariants: the text is never changed away from the normalized input,
tokens cover it exactly, and odd input still gives a Doc."""
import unicodedata

import pytest
from spacy.attrs import IS_SPACE, ORTH, SENT_START, SPACY, TAG
from spacy.tokens import Doc
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize import normalize_text
import pipeline
from pipeline.spans import doc_text
from pipeline.tokenizer import VietnameseTokenizer, align_words, sentence_spans, tags_of

ARTICLE = ("Liên đoàn Lao động An Giang đạt nhiều kết quả\n\n18/01/2021 - 14:18\n\n"
           " - Sáng 18-1, Liên đoàn Lao động tỉnh An Giang tổ chức hội nghị. Phó Bí thư Lê Văn Nưng dự.\n\nMỸ HẠNH")


def test_words_keep_their_inner_spaces(tokenizer_only):
    doc = tokenizer_only.make_doc("Liên đoàn Lao động tỉnh An Giang")
    assert [t.text for t in doc] == ["Liên đoàn", "Lao động", "tỉnh", "An Giang"]
    assert tags_of(doc)[3] == "Np"


def test_a_sentence_is_tagged_when_a_tag_in_it_is_first_asked_for(tokenizer_only):
    doc = tokenizer_only.make_doc("Trời mưa to. Ông Lê Văn Nưng dự hội nghị.")
    second = next(t.i for t in doc if t.text == "Lê Văn Nưng")
    assert all(t.tag_ == "" for t in doc if not t.is_space)       # nothing tagged yet
    assert tags_of(doc)[second] == "Np"
    assert doc[second].tag_ == "Np"                                 # the Doc gets the tags too
    assert all(t.tag_ == "" for t in doc[:second] if t.sent.start == 0 and not t.is_space)


@pytest.mark.parametrize("mode", ["all", True])
def test_all_tags_every_sentence_at_once(tokenizer_only, mode):
    doc = VietnameseTokenizer(tokenizer_only.vocab, pos=mode)(ARTICLE)
    assert all(t.tag_ for t in doc)
    assert list(tags_of(doc)) == [t.tag_ for t in doc]


@pytest.mark.parametrize("mode", ["none", False])
def test_none_never_tags(tokenizer_only, mode):
    doc = VietnameseTokenizer(tokenizer_only.vocab, pos=mode)(ARTICLE)
    assert {tags_of(doc)[t.i] for t in doc if not t.is_space} == {""}


def test_lazy_tags_are_the_tags_of_tagging_everything(tokenizer_only):
    eager = VietnameseTokenizer(tokenizer_only.vocab, pos="all")(ARTICLE)
    lazy = tokenizer_only.make_doc(ARTICLE)
    assert [tags_of(lazy)[i] for i in range(len(lazy))] == [t.tag_ for t in eager]


def test_an_unknown_mode_is_refused(tokenizer_only):
    with pytest.raises(ValueError, match="pos must be one of"):
        VietnameseTokenizer(tokenizer_only.vocab, pos="some")


def test_records_do_not_depend_on_when_sentences_are_tagged():
    text = ARTICLE + "\nTỉnh tặng Bằng khen cho 10 tập thể và 3.072 thí sinh dự thi với 2.952 ý tưởng."
    assert pipeline.extract(text, nlp=pipeline.load(pos="all")) == pipeline.extract(text)


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
    assert align_words("Lê Văn Nưng dự", ["Lê Văn Nưng", "dự"], 5) == [(5, 16), (17, 19)]
    assert align_words("ab  cd,", ["ab cd ", "", ","]) == [(0, 6), (6, 7)]   # no span for spaces
    assert align_words("abc", ["abd"]) is None


@pytest.mark.parametrize("mode", ["needed", "all", "none"])
def test_the_doc_is_the_one_doc_builds_from_words_tags_and_sentence_starts(tokenizer_only, mode):
    doc = VietnameseTokenizer(tokenizer_only.vocab, pos=mode)(ARTICLE + "\n  x  y \n")
    rebuilt = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc],
                  tags=[t.tag_ for t in doc], sent_starts=[t.is_sent_start for t in doc])
    attrs = [ORTH, SPACY, TAG, SENT_START, IS_SPACE]
    assert (doc.to_array(attrs) == rebuilt.to_array(attrs)).all()
    assert doc_text(doc) == doc.text


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
