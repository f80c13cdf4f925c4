"""The CLI on temporary folders, as a user runs it: files, headers, BOM, errors, resume."""
from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from test_reading import encode_cp1258
from typer.testing import CliRunner

from fixtures.bad_inputs.builders import BAD_INPUTS, running_as_root
from pipeline.cli import app
from pipeline.tables import COLUMNS

SAMPLES = Path(__file__).parent.parent / "data" / "samples"
runner = CliRunner()


def vnie(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def records(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "records.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def articles(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(SAMPLES, folder, ignore=shutil.ignore_patterns("README.md"))
    return folder


def test_run_writes_records_tables_and_summary(articles, tmp_path):
    out = tmp_path / "out"
    result = vnie("run", articles, "--out", out, "--workers", 1)
    assert result.exit_code == 0, result.output
    assert "3 articles: 3 extracted" in result.output
    recs = records(out)
    assert sorted(r["doc_id"] for r in recs) == ["dai-hoi-the-thao", "khen-thuong-cong-doan", "kinh-te-quy-1"]
    for table, columns in COLUMNS.items():
        raw = (out / f"{table}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), f"{table}.csv has no BOM for Excel"
        header = next(csv.reader(raw.decode("utf-8-sig").splitlines()))
        assert header[:len(columns)] == columns
    with open(out / "articles.csv", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["doc_id"] for row in rows} == {r["doc_id"] for r in recs}
    assert (out / "errors.csv").read_text(encoding="utf-8-sig").splitlines() == ["path,reason"]


def test_html_article_uses_page_metadata(articles, tmp_path):
    out = tmp_path / "out"
    vnie("run", articles / "dai-hoi-the-thao.html", "--out", out, "--workers", 1)
    (record,) = records(out)
    assert record["published"].startswith("2023-11-20")
    assert record["author"] == "Ngọc Hân"  # from the page's author metadata
    assert "Trang chủ" not in json.dumps(record, ensure_ascii=False)


def test_bad_files_are_reported_and_the_batch_goes_on(articles, tmp_path):
    """One of each bad input in a folder: every good article extracted, every bad one reported."""
    zoo = tmp_path / "articles" / "bad"
    zoo.mkdir()
    expected = {}
    for kind, (build, reason) in BAD_INPUTS.items():
        if kind in ("missing", "directory") or (kind == "unreadable" and running_as_root()):
            continue  # a folder walk never yields these
        sub = zoo / kind
        sub.mkdir()
        build(sub)
        expected.update({path.name: reason for path in sub.iterdir()})  # a link loop is two files
    (articles / "cp1258.txt").write_bytes(encode_cp1258("Sáng 18-1, ông Lê Văn Nưng dự hội nghị tại tỉnh An Giang."))
    (articles / "nfd.txt").write_text(unicodedata.normalize("NFD", "Chủ tịch Nguyễn Thiện Phú dự lễ."), encoding="utf-8")
    out = tmp_path / "out"
    result = vnie("run", articles, "--out", out, "--workers", 1)
    assert result.exit_code == 0, result.output
    with open(out / "errors.csv", encoding="utf-8-sig") as handle:
        errors = {Path(row["path"]).name: row["reason"] for row in csv.DictReader(handle)}
    assert set(errors) == set(expected)
    for name, reason in expected.items():
        assert errors[name].startswith(reason), (name, errors[name])
    done = {r["doc_id"]: r for r in records(out)}
    assert set(done) == {"dai-hoi-the-thao", "khen-thuong-cong-doan", "kinh-te-quy-1", "cp1258", "nfd"}
    assert "Lê Văn Nưng" in json.dumps(done["cp1258"], ensure_ascii=False)
    assert "Nguyễn Thiện Phú" in json.dumps(done["nfd"], ensure_ascii=False)


def test_rerun_resumes_by_content(articles, tmp_path):
    out = tmp_path / "out"
    vnie("run", articles, "--out", out, "--workers", 1)
    again = vnie("run", articles, "--out", out, "--workers", 1)
    assert "0 extracted, 3 already done" in again.output
    (articles / "kinh-te-quy-1.txt").rename(articles / "bao-cao.txt")          # renamed: not redone
    with open(articles / "khen-thuong-cong-doan.txt", "a", encoding="utf-8") as handle:
        handle.write("\nBổ sung: 3 tập thể được biểu dương.\n")                   # edited: redone
    third = vnie("run", articles, "--out", out, "--workers", 1)
    assert "1 extracted, 2 already done" in third.output, third.output
    ids = sorted(r["doc_id"] for r in records(out))
    assert ids == ["bao-cao", "dai-hoi-the-thao", "khen-thuong-cong-doan"]
    forced = vnie("run", articles, "--out", out, "--workers", 1, "--force")
    assert "3 extracted" in forced.output


def test_export_formats(articles, tmp_path):
    out = tmp_path / "out"
    vnie("run", articles, "--out", out, "--workers", 1)
    result = vnie("export", out, "--to", "parquet", "--to", "xlsx", "--to", "jsonl")
    assert result.exit_code == 0, result.output
    import pandas as pd
    assert len(pd.read_parquet(out / "articles.parquet")) == 3
    book = pd.read_excel(out / "vnie.xlsx", sheet_name=None)
    assert set(book) >= set(COLUMNS) | {"errors"}


def test_extract_file_and_stdin(articles):
    result = vnie("extract", articles / "kinh-te-quy-1.txt")
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["doc_id"] == "kinh-te-quy-1" and record["published"] == "2024-04-05T09:30"
    piped = vnie("extract", "-", "--published", "2024-04-05", input="Sáng nay, 12 tập thể được khen thưởng.")
    assert json.loads(piped.output)["published"] == "2024-04-05"


@pytest.mark.parametrize("args,message", [
    (["run", "khong-ton-tai", "--out", "x"], "input not found"),
    (["extract", "khong-ton-tai.txt"], "file not found"),
    (["export", "."], "not a vnie output folder"),
    (["eval", "khong-ton-tai"], "gold folder not found"),
    (["run", ".", "--out", "x", "--engine", "spark"], "unknown engine"),
])
def test_user_mistakes_are_one_clear_line(args, message):
    result = vnie(*args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_unwritable_output(articles, tmp_path):
    target = tmp_path / "a-file"
    target.write_text("x")
    result = vnie("run", articles, "--out", target)
    assert result.exit_code == 2 and "output path is a file" in result.output


@pytest.mark.parametrize("command", ["run", "extract", "export", "eval"])
def test_every_command_has_help(command):
    result = vnie(command, "--help")
    assert result.exit_code == 0 and "Usage" in result.output


def test_python_dash_m_is_the_same_command():
    result = subprocess.run([sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "run" in result.stdout


def _many_articles(folder: Path, n: int) -> None:
    base = (SAMPLES / "khen-thuong-cong-doan.txt").read_text(encoding="utf-8")
    folder.mkdir()
    for i in range(n):
        (folder / f"bai-{i:02d}.txt").write_text(base.replace("4.215", f"{4000 + i}"), encoding="utf-8")


def _db_count(out: Path) -> int:
    try:
        with sqlite3.connect(out / "vnie.sqlite", timeout=5) as db:
            return db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def _comparable(recs):
    return sorted(json.dumps({k: v for k, v in r.items() if k != "source"}, sort_keys=True) for r in recs)


def test_killed_run_resumes_without_loss_or_duplicates(tmp_path):
    folder = tmp_path / "many"
    _many_articles(folder, 16)
    out = tmp_path / "killed"
    command = [sys.executable, "-m", "pipeline", "run", str(folder), "--out", str(out), "--workers", "1", "--no-progress"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while _db_count(out) < 3 and time.time() < deadline and process.poll() is None:
        time.sleep(0.2)
    process.send_signal(signal.SIGKILL)
    process.wait()
    killed_at = _db_count(out)
    assert 0 < killed_at < 16
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    clean = tmp_path / "clean"
    subprocess.run(command[:6] + [str(clean)] + command[7:], check=True, stdout=subprocess.DEVNULL)
    resumed = records(out)
    assert len(resumed) == 16 == len({r["doc_id"] for r in resumed})
    assert _comparable(resumed) == _comparable(records(clean))


def test_parallel_and_dask_engines_give_the_same_records(articles, tmp_path):
    pytest.importorskip("dask.distributed")
    outs = {}
    for name, extra in {"one": ["--workers", 1], "two": ["--workers", 2],
                        "dask": ["--engine", "dask", "--workers", 1]}.items():
        outs[name] = tmp_path / name
        result = vnie("run", articles, "--out", outs[name], *extra)
        assert result.exit_code == 0, result.output
    expected = _comparable(records(outs["one"]))
    assert _comparable(records(outs["two"])) == expected
    assert _comparable(records(outs["dask"])) == expected
