"""The ``vnie`` command line: a thin layer over the library.

    vnie run ARTICLES/ --out OUT/        # every article → OUT/records.jsonl, OUT/<table>.csv
    vnie extract bai-bao.txt             # one record as JSON (``-`` reads standard input)
    vnie export OUT/ --to xlsx           # tables for Excel, Parquet for pandas/DuckDB
    vnie eval GOLD/                      # precision / recall / F1 against annotated articles
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="vnie: Vietnamese news information extraction (dates, people, organizations, "
                       "awards, statistics) into records and tables.")


def fail(message: str, code: int = 2) -> None:
    """One clear line on standard error and a non-zero exit, never a traceback."""
    typer.echo(f"vnie: error: {message}", err=True)
    raise typer.Exit(code)


def _check_out_dir(out: Path) -> None:
    if out.exists() and not out.is_dir():
        fail(f"output path is a file, not a folder: {out}")
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".vnie-write-test"
        probe.write_text("")
        probe.unlink()
    except OSError as error:
        fail(f"cannot write to output folder {out}: {error.strerror or error}")


@app.command()
def run(inputs: List[Path] = typer.Argument(..., help="Article files and folders (searched recursively for *.txt, *.html)."),
        out: Path = typer.Option(..., "--out", "-o", help="Output folder (created if missing)."),
        workers: Optional[int] = typer.Option(None, "--workers", "-w", min=1, help="Processes (default: all cores)."),
        force: bool = typer.Option(False, "--force", help="Redo every article, even those already done."),
        engine: str = typer.Option("local", "--engine", help="local (process pool) or dask."),
        scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address, e.g. tcp://host:8786."),
        progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on a terminal.")):
    """Extract every article into OUT: records.jsonl, one CSV per table, errors.csv, vnie.sqlite.

    Running again on the same OUT resumes: finished articles are not redone."""
    from .batch import run_batch
    from .exports import export
    from .progress import BatchProgress

    if engine not in ("local", "dask"):
        fail(f"unknown engine {engine!r}: choose local or dask")
    for item in inputs:
        if not item.exists() and not item.is_symlink():
            fail(f"input not found: {item}")
    _check_out_dir(out)
    with BatchProgress(enabled=progress and sys.stderr.isatty()) as bar:
        try:
            summary = run_batch(inputs, out, workers=workers, force=force, engine=engine,
                                scheduler=scheduler, on_plan=bar.plan, on_result=bar.advance)
        except KeyboardInterrupt:
            export(out)
            fail("interrupted: finished articles are saved; run the same command again to resume", 130)
        except (RuntimeError, OSError) as error:
            fail(str(error))
    tables = export(out).rows
    typer.echo(f"{summary.articles} articles: {summary.processed} extracted, {summary.reused} already done, "
               f"{summary.errors} errors, {summary.seconds:.1f} s")
    typer.echo("rows: " + ", ".join(f"{name} {count}" for name, count in tables.items()))
    typer.echo(f"output: {out}/records.jsonl, {out}/<table>.csv" + (f"; errors in {out}/errors.csv" if summary.errors else ""))


@app.command()
def extract(file: str = typer.Argument(..., help="An article file, or - for standard input."),
            published: Optional[str] = typer.Option(None, help="Reference date (ISO) when the text has no dateline."),
            doc_id: Optional[str] = typer.Option(None, help="Identifier for the record (default: file name).")):
    """Print one article's record as indented JSON."""
    from .api import extract as extract_text
    from .reading import ArticleError, read_article

    if file == "-":
        data = sys.stdin.buffer.read()
        from .reading import decode_bytes
        try:
            text, _ = decode_bytes(data)
        except ArticleError as error:
            fail(f"standard input: {error}")
        source = author = None
    else:
        if not Path(file).exists():
            fail(f"file not found: {file}")
        try:
            article = read_article(file)
        except ArticleError as error:
            fail(f"{file}: {error}")
        text, source = article.text, file
        published = published or article.published
        author = article.author
        doc_id = doc_id or Path(file).stem
    if not text.strip():
        fail("empty input")
    record = extract_text(text, doc_id=doc_id, published=published, author=author, source=source)
    typer.echo(json.dumps(record, ensure_ascii=False, indent=2))


@app.command("export")
def export_cmd(out: Path = typer.Argument(..., help="An output folder of `vnie run`."),
               to: List[str] = typer.Option(["csv"], "--to", help="csv, jsonl, parquet or xlsx (repeatable).")):
    """Write tables from OUT's database: CSV (Excel-ready), JSON Lines, Parquet, or one Excel workbook."""
    from .exports import FORMATS, export
    from .store import DB_NAME

    if not (out / DB_NAME).exists():
        fail(f"{out} is not a vnie output folder (no {DB_NAME}); run `vnie run INPUT --out {out}` first")
    bad = [f for f in to if f not in FORMATS]
    if bad:
        fail(f"unknown format {bad[0]!r}: choose from {', '.join(FORMATS)}")
    try:
        for path in export(out, to).files:
            typer.echo(str(path))
    except ImportError as error:
        fail(f"{error.name} is needed for this format: pip install 'vnie[export]'")


@app.command("eval")
def eval_cmd(gold_dir: Path = typer.Argument(..., help="Folder of NAME.txt + NAME.gold.json pairs."),
             pred: Optional[Path] = typer.Option(None, "--pred", help="Records to score (JSONL); default: run vnie now."),
             as_json: bool = typer.Option(False, "--json", help="Print scores and errors as JSON."),
             errors: int = typer.Option(30, "--errors", help="How many errors to list (0: none, -1: all).")):
    """Precision, recall and F1 per field against gold annotations, and the errors with their sentences."""
    from . import evaluation

    if not gold_dir.is_dir():
        fail(f"gold folder not found: {gold_dir}")
    golds = evaluation.load_gold(gold_dir)
    if not golds:
        fail(f"no *.gold.json files in {gold_dir}")
    if pred is not None:
        if not pred.exists():
            fail(f"predictions not found: {pred}")
        preds = evaluation.load_records(pred)
    else:
        from .api import extract_files
        preds = {r["doc_id"]: r for r in extract_files([gold_dir / f"{doc_id}.txt" for doc_id in golds])}
    scores = evaluation.score(golds, preds)
    if as_json:
        typer.echo(json.dumps(scores.to_dict(), ensure_ascii=False, indent=1))
        return
    typer.echo(evaluation.format_table(scores))
    if errors:
        typer.echo("")
        typer.echo(evaluation.format_errors(scores, limit=None if errors < 0 else errors))


@app.command()
def serve(host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0: every interface)."),
          port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
          max_chars: int = typer.Option(100_000, "--max-chars", min=1, help="Longest article text accepted (413 past it).")):
    """Serve the REST API (POST /extract, /extract/batch; docs at /docs) and the article viewer at /."""
    try:
        from .service import serve as run_service
    except ImportError as error:
        fail(f"{error.name} is needed for the web service: pip install 'vnie[serve]'")
    typer.echo(f"vnie: viewer at http://{host}:{port}/ , API docs at http://{host}:{port}/docs")
    run_service(host, port, max_chars=max_chars)


@app.command()
def report(out: Path = typer.Argument(..., help="An output folder of `vnie run` (reads OUT/records.jsonl).")):
    """Write OUT/report.html: totals, awards summary, frequent names, dates over time, charts; opens offline."""
    try:
        from .report import write_report
    except ImportError as error:
        fail(f"{error.name} is needed for the report: pip install 'vnie[report]'")
    if not (out / "records.jsonl").exists():
        fail(f"{out} has no records.jsonl; run `vnie run INPUT --out {out}` first")
    try:
        typer.echo(str(write_report(out)))
    except (ValueError, OSError) as error:
        fail(str(error))


def main() -> None:
    app(prog_name="vnie")


if __name__ == "__main__":
    main()
