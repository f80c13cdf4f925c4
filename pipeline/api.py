"""The notebook API: one call from text to a record, records to tables, a picture of what was found.

>>> import pipeline
>>> record = pipeline.extract(open("bai-bao.txt").read(), doc_id="bai-bao")
>>> frames = pipeline.to_frames([record])
>>> pipeline.render(text)          # displaCy, inline in Jupyter
"""
from __future__ import annotations

import warnings
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import factories  # noqa: F401  (registers the components)
from . import tokenizer  # noqa: F401  (registers the tokenizer)
from .spans import AWARDS, DATES, LOCATIONS, ORGANIZATIONS, PERSONS, STATISTICS

# a short article that reaches every stage (the tagger, the organization and person lexicons,
# the number, date, award and unit rules), run once by load()
_WARM_UP = ("Liên đoàn Lao động tỉnh An Giang tổng kết năm 2023\n"
            "Sáng 18-1, ông Lê Văn Nưng, Phó Bí thư Tỉnh ủy, dự hội nghị của LĐLĐ tỉnh tại TP Long Xuyên. "
            "Dịp này, Tổng LĐLĐ Việt Nam tặng Bằng khen cho 10 tập thể; hội thi có 3.072 thí sinh với "
            "2.952 ý tưởng, tăng 12,5% so với năm trước.")

STAGES = ("vn_layout", "vn_numerals", "vn_dates", "vn_entities", "vn_awards", "vn_statistics", "vn_record")


def load(*, pos: str | bool = "needed", exclude: Iterable[str] = ()) -> Language:
    """A spaCy ``Language`` with vnie's tokenizer and every stage, in order.

    ``pos`` is when sentences get part-of-speech tags: ``"needed"`` (default) when a stage
    first reads a tag in one, so ``token.tag_`` is empty elsewhere; ``"all"`` (or True) every
    sentence, for users who want tags; ``"none"`` (or False) never, faster and a little less
    accurate. ``exclude`` leaves stages out, e.g. ``exclude=["vn_record"]``.
    """
    exclude = set(exclude)
    config = {"nlp": {"tokenizer": {"@tokenizers": "vnie.Tokenizer.v1", "pos": pos}}}
    nlp = spacy.blank("vi", config=config)
    for name in STAGES:
        if name not in exclude:
            nlp.add_pipe(name)
    if not exclude:     # (a partial pipeline may still be completed by the caller)
        nlp(_WARM_UP)   # models and lexicons load now, not during the first article
    return nlp


@lru_cache(maxsize=1)
def _shared_nlp() -> Language:
    return load()


def process(text: str, *, doc_id: str | None = None, published: str | None = None,
            author: str | None = None, source: str | None = None, nlp: Language | None = None) -> Doc:
    """Run the pipeline on one text and return the Doc (``published`` and ``author``, e.g. from
    a web page's metadata, override the dateline and the byline)."""
    nlp = nlp or _shared_nlp()
    doc = nlp.make_doc(text)
    doc._.doc_id, doc._.source, doc._.published, doc._.author = doc_id, source, published, author
    return nlp(doc)


def extract(text: str, doc_id: str | None = None, published: str | None = None, *,
            author: str | None = None, source: str | None = None, nlp: Language | None = None) -> dict:
    """One record (the fields of FORMAT.md, with mentions) from an article's text.

    >>> extract("Sáng 18-1, ông Lê Văn Nưng dự hội nghị.", published="2021-01-18")["dates"][0]["value"]
    '2021-01-18'
    """
    return process(text, doc_id=doc_id, published=published, author=author, source=source, nlp=nlp)._.record


def extract_files(paths_or_folder, *, on_error: str = "warn") -> Iterator[dict]:
    """Records for files and folders (recursive ``*.txt``, ``*.html``), one at a time.

    A file that cannot be read is skipped with a warning (``on_error="warn"``), skipped
    silently (``"skip"``) or raises (``"raise"``).
    """
    from .reading import ArticleError, find_articles, read_article

    inputs = [paths_or_folder] if isinstance(paths_or_folder, (str, Path)) else list(paths_or_folder)
    for path in find_articles(inputs):
        try:
            article = read_article(path)
        except ArticleError as error:
            if on_error == "raise":
                raise
            if on_error == "warn":
                warnings.warn(f"{path}: {error}", stacklevel=2)
            continue
        yield extract(article.text, doc_id=Path(path).stem, published=article.published, author=article.author,
                      source=str(path))


COLORS = {"PER": "#f9c74f", "ORG": "#90be6d", "LOC": "#cdb4db", "DATE": "#73c2fb",
          "STAT": "#f8961e", "AWARD": "#f28482", "NUM": "#dddddd"}


def render(text_or_doc, *, jupyter: bool | None = None, page: bool = False) -> str | None:
    """displaCy picture of everything found: persons, organizations, places, dates,
    statistics and awards, each in its colour. Inline in Jupyter; HTML elsewhere."""
    from spacy import displacy

    doc = text_or_doc if isinstance(text_or_doc, Doc) else process(text_or_doc)
    shown = []
    for group, label in ((PERSONS, "PER"), (ORGANIZATIONS, "ORG"), (LOCATIONS, "LOC"), (DATES, "DATE"),
                         (STATISTICS, "STAT"), (AWARDS, "AWARD")):
        for span in doc.spans.get(group, []):
            shown.append(doc.char_span(span.start_char, span.end_char, label=label, alignment_mode="expand"))
    doc.spans["vnie"] = [span for span in shown if span is not None]
    return displacy.render(doc, style="span", jupyter=jupyter, page=page,
                           options={"spans_key": "vnie", "colors": COLORS})
