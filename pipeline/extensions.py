"""Every custom attribute vnie puts on spaCy objects, registered in one place.

Each kind of item has attributes of its own name (``_.date_value``, ``_.stat_unit``):
spaCy keys span extension values by character offsets, so one generic ``_.value``
would leak between span groups that share offsets.
"""
from spacy.tokens import Doc, Span

DOC_ATTRS = {
    "doc_id": None,
    "source": None,
    "headline": None,
    "published": None,      # ISO 8601 "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM", from the dateline
    "author": None,         # byline as printed
    "record": None,         # the FORMAT.md record, set by the record stage
}

SPAN_ATTRS = {
    "rule": None,           # name of the rule that produced the span (traceability)
    "exact": None,          # (start_char, end_char) printed, when the span had to widen to token edges
    # numerals
    "number": None,         # float value of a number expression
    "number_total": None,   # denominator of a ratio "60/114"
    "number_kind": None,    # cardinal, decimal, percent, ratio, range, word, ordinal, roman
    "number_qualifier": None,  # hedge printed before it: hơn, gần, khoảng ...
    "number_in_name": False,   # part of a name, code or ordinal: never a statistic
    # dates
    "date_value": None,     # ISO 8601 value: YYYY, YYYY-MM, YYYY-MM-DD, --MM-DD, START/END
    "date_granularity": None,  # day, month, quarter, year, range
    # persons
    "person_name": None,    # canonical full name the mention refers to
    "person_titles": None,  # list of titles attached at this mention
    # organizations
    "org_name": None,       # canonical (longest full) name the mention refers to
    # awards
    "award_giver": None,
    "award_name": None,     # normalized, lower-cased
    "award_count": None,
    "award_recipient": None,
    "award_year": None,
    # statistics
    "stat_value": None,
    "stat_total": None,
    "stat_unit": None,
    "stat_qualifier": None,
    "stat_direction": None,    # tăng / giảm when the sentence says so
    "stat_comparison": None,   # "so với năm 2021"
}


def register_extensions() -> None:
    """Register all attributes; safe to call any number of times."""
    for name, default in DOC_ATTRS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in SPAN_ATTRS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


register_extensions()
