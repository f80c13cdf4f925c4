"""The batch engine on its own: a worker that dies takes only its own file down."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline import batch
from pipeline.batch import LocalEngine, Result


def crash_on_boom(source: str, digest: str | None = None) -> Result:
    """Stands in for process_file: a segfault-like exit on one file, a record for the others."""
    if "boom" in source:
        os._exit(1)
    return Result(source, digest, record={"doc_id": Path(source).stem})


@pytest.mark.skipif(os.name != "posix", reason="forked workers inherit the patched function")
def test_a_crashing_worker_is_one_error_row(monkeypatch):
    monkeypatch.setattr(batch, "process_file", crash_on_boom)
    jobs = [(f"bai-{i}.txt", None) for i in range(6)] + [("boom.txt", None)] + [(f"tin-{i}.txt", None) for i in range(6)]
    results = {r.source: r for r in LocalEngine(workers=2).map(jobs)}
    assert set(results) == {source for source, _ in jobs}
    assert results["boom.txt"].error == "worker process crashed on this file"
    assert all(r.record == {"doc_id": Path(s).stem} for s, r in results.items() if s != "boom.txt")
