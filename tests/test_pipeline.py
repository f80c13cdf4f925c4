"""The whole pipeline: its shape, stage requirements, the record and tables, whole articles."""
from __future__ import annotations

from pathlib import Path

import pytest

import pipeline
from conftest import GOLD_DEV, needs_shared
from pipeline import evaluation
from pipeline.factories import MissingStageError
from pipeline.record import RECORD_FIELDS, drop_contained
from pipeline.tables import COLUMNS

DATA_GOLD = Path(__file__).parent.parent / "data" / "gold"
SENTENCE = ("Sáng 18-1, Liên đoàn Lao động tỉnh An Giang tổ chức hội nghị. Dịp này, Liên đoàn Lao động "
            "tỉnh An Giang tặng cờ thi đua 10 tập thể. Có 3.072 thí sinh dự thi.")


def test_stages_in_order(nlp):
    assert nlp.pipe_names == list(pipeline.STAGES)


def test_analyze_pipes_reports_no_problems(nlp):
    analysis = nlp.analyze_pipes()
    assert not any(analysis["problems"].values()), analysis["problems"]


def test_a_stage_run_out_of_order_names_what_is_missing():
    nlp = pipeline.load(exclude=["vn_numerals"])
    with pytest.raises(MissingStageError, match="numerals"):
        nlp("Năm 2020, có 10 tập thể.")


def test_record_has_the_format_fields_and_traces(nlp):
    record = pipeline.extract(SENTENCE, doc_id="t1", published="2021-01-18", nlp=nlp)
    assert list(record)[:len(RECORD_FIELDS)] == list(RECORD_FIELDS)
    assert record["published"] == "2021-01-18"
    for kind in ("persons", "organizations", "dates", "awards", "statistics"):
        for item in record[kind]:
            for mention in item["mentions"]:
                assert SENTENCE[mention["start"]:mention["end"]] == mention["text"]
                assert isinstance(mention["sentence"], int)


def test_published_given_overrides_and_empty_text(nlp):
    record = pipeline.extract("", nlp=nlp)
    assert record["published"] is None and record["persons"] == [] and record["statistics"] == []
    assert pipeline.extract("   \n ", nlp=nlp)["dates"] == []


def test_nlp_pipe_gives_the_same_records(nlp):
    texts = [SENTENCE, "Ông Nguyễn Văn An, Chủ tịch UBND tỉnh, dự lễ năm 2022."]
    piped = [doc._.record for doc in nlp.pipe(texts)]
    assert piped == [pipeline.extract(t, nlp=nlp) for t in texts]


def test_doc_serialization_keeps_spans(nlp):
    from spacy.tokens import Doc
    doc = nlp(SENTENCE)
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [s.text for s in again.spans["statistics"]] == [s.text for s in doc.spans["statistics"]]


def test_to_frames_columns_and_keys(nlp):
    records = [pipeline.extract(SENTENCE, doc_id="a", nlp=nlp), pipeline.extract(SENTENCE, doc_id="b", nlp=nlp)]
    frames = pipeline.to_frames(records)
    assert set(frames) == set(COLUMNS)
    for table, frame in frames.items():
        assert list(frame.columns[:len(COLUMNS[table])]) == COLUMNS[table]
        assert set(frame["doc_id"]) <= {"a", "b"}
    assert len(frames["articles"]) == 2
    assert pipeline.to_frames([])["persons"].empty


def test_render_is_html(nlp):
    html = pipeline.render(pipeline.process(SENTENCE, nlp=nlp), jupyter=False)
    assert "<mark" in html or "span" in html and "Liên đoàn" in html


@pytest.mark.parametrize("titles,expected", [
    (["Chủ tịch UBND tỉnh", "Chủ tịch UBND tỉnh An Giang"], ["Chủ tịch UBND tỉnh An Giang"]),
    (["Đại tá", "đại tá"], ["Đại tá"]),
    (["Bí thư Tỉnh ủy", "Chủ tịch HĐND tỉnh"], ["Bí thư Tỉnh ủy", "Chủ tịch HĐND tỉnh"]),
])
def test_titles_keep_the_fullest_form(titles, expected):
    assert drop_contained(titles) == expected


def _scores(gold_dir: Path):
    golds = evaluation.load_gold(gold_dir)
    preds = {r["doc_id"]: r for r in pipeline.extract_files([gold_dir / f"{d}.txt" for d in golds])}
    return evaluation.score(golds, preds)


# Floors well under what vnie reaches today: a fall below them is a regression to look at.
FLOORS = {"published": 0.95, "author": 0.9, "persons": 0.7, "person_titles": 0.4, "organizations": 0.5,
          "dates": 0.7, "awards": 0.5, "awards_full": 0.3, "statistics": 0.6}


def _check(scores, floors):
    low = {f: round(scores.fields[f].f1, 3) for f, floor in floors.items() if scores.fields[f].f1 < floor}
    assert not low, f"fields under their floor: {low}"


def test_whole_articles_of_the_project_gold_set():
    _check(_scores(DATA_GOLD), FLOORS)


@needs_shared
def test_whole_articles_of_the_dev_set():
    _check(_scores(GOLD_DEV), FLOORS)


def test_memo_computes_once_per_doc_and_forgets_a_changed_doc(nlp):
    from pipeline.spans import doc_text, memo
    doc = nlp.make_doc("Sáng 18-1, ông Lê Văn Nưng dự hội nghị.")
    calls = []
    assert memo(doc, "test", lambda d: calls.append(1) or len(calls)) == 1
    assert memo(doc, "test", lambda d: calls.append(1) or len(calls)) == 1
    assert doc_text(doc) == doc.text and "test" not in doc.user_data
    with doc.retokenize() as retokenizer:        # a Doc with other tokens is read anew
        retokenizer.merge(doc[0:2])
    assert memo(doc, "test", lambda d: calls.append(1) or len(calls)) == 2


def test_load_readies_the_models_and_lexicons_before_the_first_article():
    from pipeline import org_lexicon, person_words, tokenizer
    loaders = (tokenizer._pos_model, org_lexicon.dictionary, person_words.common_words)
    for loader in loaders:
        loader.cache_clear()                # other tests may have loaded them already
    pipeline.load()
    assert tokenizer._pos_model.cache_info().currsize == 1        # the tagger, though tagging waits
    assert org_lexicon.dictionary.cache_info().currsize == 1
    assert person_words.common_words.cache_info().currsize == 1
