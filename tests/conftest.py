"""Shared fixtures and the corpus helpers every stage's tests use."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

HERE = Path(__file__).parent
CORPORA = HERE / "corpora"
SHARED = HERE.parent.parent / "shared"
GOLD_DEV = SHARED / "gold" / "dev"


def corpus(name: str) -> list[dict]:
    """Rows of ``tests/corpora/NAME.jsonl``."""
    lines = (CORPORA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip() and not line.startswith("//")]


def negatives(name: str) -> list[str]:
    """Lines of ``tests/corpora/NAME.negative.txt`` (``#`` starts a comment)."""
    lines = (CORPORA / f"{name}.negative.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def cases(name: str, *fields: str) -> list:
    """One pytest param per surface text of a corpus, with the text as its id."""
    out = []
    for row in corpus(name):
        for text in row["texts"]:
            out.append(pytest.param(text, *(row.get(f) for f in fields), id=text))
    return out


@pytest.fixture(scope="session")
def tokenizer_only():
    """vnie's Language with the tokenizer and no stages: for tokenizer tests."""
    import pipeline
    return pipeline.load(exclude=pipeline.STAGES)


@pytest.fixture(scope="session")
def nlp():
    import pipeline
    return pipeline.load()


needs_shared = pytest.mark.skipif(not GOLD_DEV.is_dir(), reason="../shared/gold/dev is not present (a user's clone)")
