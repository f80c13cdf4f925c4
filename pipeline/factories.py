"""Every vnie pipeline component, registered with spaCy in one module.

Each component is a thin wrapper: it checks that the stages it needs have run, calls the
stage's pure function, and stores the spans in the stage's span group.

>>> nlp = pipeline.load()
>>> nlp.pipe_names
['vn_layout', 'vn_numerals', 'vn_dates', 'vn_entities', 'vn_awards', 'vn_statistics', 'vn_record']
"""
from __future__ import annotations

from typing import Callable

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from . import spans as groups
from .extensions import register_extensions

register_extensions()


class MissingStageError(ValueError):
    """A component ran before a stage it needs."""


def require(doc: Doc, component: str, *span_groups: str) -> None:
    """Fail with a message naming the missing stage when a needed span group is absent."""
    for group in span_groups:
        if group not in doc.spans:
            raise MissingStageError(
                f"{component} needs doc.spans[{group!r}]: add the component that makes it "
                f"(see pipeline.STAGES) before {component}")


class SpanStage:
    """Run ``find(doc) -> list[Span]`` and store the result in ``doc.spans[group]``."""

    def __init__(self, name: str, group: str, find: Callable, needs: tuple[str, ...] = ()):
        self.name, self.group, self.find, self.needs = name, group, find, needs

    def __call__(self, doc: Doc) -> Doc:
        require(doc, self.name, *self.needs)
        doc.spans[self.group] = self.find(doc)
        return doc


@Language.factory("vn_layout", assigns=["doc._.published", "doc._.author", "doc._.headline", "doc.spans"])
def make_layout(nlp: Language, name: str):
    from .layout import set_layout
    return set_layout


@Language.factory("vn_numerals", assigns=["doc.spans", "span._.number"])
def make_numerals(nlp: Language, name: str):
    from .numerals import find_numerals
    return SpanStage(name, groups.NUMERALS, find_numerals)


@Language.factory("vn_dates", requires=["doc._.published"], assigns=["doc.spans", "span._.date_value"])
def make_dates(nlp: Language, name: str):
    from .dates import find_dates
    return SpanStage(name, groups.DATES, find_dates, needs=(groups.LAYOUT, groups.NUMERALS))


class EntityStage:
    """Persons, organizations and places: their own span groups, and ``doc.ents`` without overlaps."""

    def __init__(self, name: str):
        from .organizations import find_locations, find_organizations
        from .persons import find_persons
        self.name = name
        self.find_persons, self.find_organizations, self.find_locations = find_persons, find_organizations, find_locations

    def __call__(self, doc: Doc) -> Doc:
        require(doc, self.name, groups.LAYOUT)
        doc.spans[groups.ORGANIZATIONS] = self.find_organizations(doc)
        doc.spans[groups.PERSONS] = self.find_persons(doc)
        doc.spans[groups.LOCATIONS] = self.find_locations(doc)
        found = list(doc.spans[groups.PERSONS]) + list(doc.spans[groups.ORGANIZATIONS]) + list(doc.spans[groups.LOCATIONS])
        doc.ents = filter_spans(found)
        return doc


@Language.factory("vn_entities", assigns=["doc.ents", "doc.spans", "span._.person_name", "span._.org_name"])
def make_entities(nlp: Language, name: str):
    return EntityStage(name)


@Language.factory("vn_awards", assigns=["doc.spans", "span._.award_name"])
def make_awards(nlp: Language, name: str):
    from .awards import find_awards
    return SpanStage(name, groups.AWARDS, find_awards,
                     needs=(groups.NUMERALS, groups.DATES, groups.PERSONS, groups.ORGANIZATIONS))


@Language.factory("vn_statistics", assigns=["doc.spans", "span._.stat_value"])
def make_statistics(nlp: Language, name: str):
    from .quantities import find_statistics
    return SpanStage(name, groups.STATISTICS, find_statistics,
                     needs=(groups.NUMERALS, groups.DATES, groups.AWARDS))


@Language.factory("vn_record", requires=["doc._.published"], assigns=["doc._.record"])
def make_record(nlp: Language, name: str):
    from .record import set_record
    return set_record
