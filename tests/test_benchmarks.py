"""The benchmark scripts run: they are not imported by the package, so nothing else would
notice one that no longer parses or whose report lost a row."""
import json
import py_compile
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
SAMPLES = BENCHMARKS.parent / "data" / "samples"


@pytest.mark.parametrize("script", sorted(p.name for p in BENCHMARKS.glob("*.py")))
def test_script_compiles(script):
    py_compile.compile(str(BENCHMARKS / script), doraise=True, cfile=None)


def test_throughput_reports_every_system_and_target(tmp_path):
    out = tmp_path / "speed.json"
    run = subprocess.run([sys.executable, str(BENCHMARKS / "throughput.py"), "--corpus", str(SAMPLES),
                          "--sample", "1", "--skip-batch", "--json", str(out)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode in (0, 1), run.stderr     # 1: a target missed on two tiny articles
    for row in ("vnie, 1 process", 'load(pos="none")', "underthesea.word_tokenize (the floor)",
                "underthesea.ner, on the ner sample", "vnie time / word_tokenize time", "| tokenizer |"):
        assert row in run.stdout
    measured = json.loads(out.read_text())
    assert measured["articles"] == len(list(SAMPLES.glob("*.txt")))
    assert not measured["results"]["vnie"]["crashes"]
