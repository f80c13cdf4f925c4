"""Batch runs over folders of articles: parallel, resumable, and safe on bad input.

Workers load the pipeline once and return one result per file; the main process is
the only writer and commits each result to the output database as it arrives, so an
interrupted run (Ctrl-C, ``kill -9``, a crashed worker) loses nothing that finished,
and running again resumes where it stopped.
"""
from __future__ import annotations

import os
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .reading import ArticleError, find_articles, read_article
from .store import Store, file_hash


@dataclass(frozen=True)
class Result:
    source: str
    digest: str | None
    record: dict | None = None
    error: str | None = None


@dataclass
class Summary:
    articles: int = 0       # files found
    processed: int = 0      # extracted in this run
    reused: int = 0         # already done (same content), not redone
    errors: int = 0         # files that failed in this run
    seconds: float = 0.0
    out_dir: Path | None = None


_NLP = None


def _nlp():
    global _NLP
    if _NLP is None:
        from .api import load
        _NLP = load()
    return _NLP


def process_file(source: str, digest: str | None = None) -> Result:
    """Read and extract one file; never raises for a bad file (the error is the result)."""
    from .api import extract

    try:
        article = read_article(source)
    except ArticleError as error:
        return Result(source, digest, error=str(error))
    try:
        record = extract(article.text, doc_id=Path(source).stem, published=article.published,
                         author=article.author, source=source, nlp=_nlp())
    except BaseException as error:  # a bug must not stop the batch: report it for this file
        if isinstance(error, (KeyboardInterrupt, SystemExit)):
            raise
        return Result(source, digest, error=f"extraction failed: {type(error).__name__}: {error}")
    if article.encoding not in ("utf-8", "ascii"):
        record["encoding"] = article.encoding
    return Result(source, digest, record=record)


class LocalEngine:
    """A process pool on this machine; one worker per core by default."""

    def __init__(self, workers: int | None = None):
        self.workers = workers or os.cpu_count() or 1

    def map(self, jobs: list[tuple[str, str | None]]) -> Iterator[Result]:
        if self.workers == 1:
            for job in jobs:
                yield process_file(*job)
            return
        pending = list(jobs)
        while pending:
            suspects, pending = yield from self._run_pool(pending)
            # a worker died (segfault, OOM kill): run each job that was in flight alone,
            # so only the file that crashes a worker by itself is reported
            for job in suspects:
                yield self._run_alone(job)

    def _run_pool(self, jobs):
        """Results until done, or until a worker dies: then (in-flight jobs, jobs not started)."""
        queue = iter(jobs)
        running = {}
        with ProcessPoolExecutor(self.workers) as pool:
            try:
                while True:
                    while len(running) < self.workers * 4 and (job := next(queue, None)) is not None:
                        running[pool.submit(process_file, *job)] = job
                    if not running:
                        return [], []
                    done, _ = wait(running, return_when=FIRST_COMPLETED)
                    for future in done:
                        job = running.pop(future)
                        try:
                            result = future.result()
                        except BrokenProcessPool:
                            running[future] = job
                            raise
                        except Exception as error:  # e.g. an exception that cannot be pickled back
                            result = Result(job[0], job[1], error=f"worker failed: {type(error).__name__}: {error}")
                        yield result
            except BrokenProcessPool:
                return list(running.values()), list(queue)

    @staticmethod
    def _run_alone(job) -> Result:
        with ProcessPoolExecutor(1) as pool:
            try:
                return pool.submit(process_file, *job).result()
            except BrokenProcessPool:
                return Result(job[0], job[1], error="worker process crashed on this file")


class DaskEngine:
    """The same jobs on a Dask cluster; a LocalCluster when no scheduler address is given."""

    def __init__(self, scheduler: str | None = None, workers: int | None = None):
        self.scheduler, self.workers = scheduler, workers

    def map(self, jobs: list[tuple[str, str | None]]) -> Iterator[Result]:
        try:
            from dask.distributed import Client, LocalCluster, as_completed
        except ImportError as error:
            raise RuntimeError("the dask engine needs dask.distributed: pip install 'vnie[dask]'") from error
        cluster = None
        if self.scheduler:
            client = Client(self.scheduler)
        else:
            cluster = LocalCluster(n_workers=self.workers or os.cpu_count() or 1, threads_per_worker=1,
                                   processes=True, dashboard_address=None)
            client = Client(cluster)
        try:
            futures = [client.submit(process_file, *job, pure=False) for job in jobs]
            for future in as_completed(futures):
                yield future.result()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def plan(store: Store, paths: Iterable[Path], force: bool) -> tuple[list[tuple[str, str | None]], int]:
    """Jobs still to do, and how many files were already done (or reused from identical content)."""
    jobs, reused = [], 0
    for path in paths:
        source = str(path)
        try:
            digest = file_hash(path)
        except OSError:
            jobs.append((source, None))  # the worker reports why it cannot be read
            continue
        status = "new" if force else store.status(source, digest)
        if status == "done":
            reused += 1
        elif status == "copy":
            store.copy_record(source, digest, Path(source).stem)
            reused += 1
        else:
            jobs.append((source, digest))
    return jobs, reused


def run_batch(inputs: list[str | Path], out_dir: str | Path, *, workers: int | None = None,
              force: bool = False, engine: str = "local", scheduler: str | None = None,
              on_result: Callable[[Result], None] | None = None,
              on_plan: Callable[[int, int], None] | None = None) -> Summary:
    """Extract every article under ``inputs`` into ``out_dir``'s database; returns a summary.

    ``on_plan(total, already_done)`` and ``on_result(result)`` drive a progress display.
    """
    started = time.perf_counter()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = find_articles(inputs)
    summary = Summary(articles=len(paths), out_dir=out_dir)
    with Store(out_dir) as store:
        if force:
            store.clear()
        jobs, summary.reused = plan(store, paths, force)
        if on_plan:
            on_plan(len(paths), summary.reused)
        runner = DaskEngine(scheduler, workers) if engine == "dask" else LocalEngine(workers)
        for result in runner.map(jobs):
            if result.error is not None:
                store.save_error(result.source, result.digest, result.error)
                summary.errors += 1
            else:
                store.save(result.source, result.digest or "", result.record)
                summary.processed += 1
            if on_result:
                on_result(result)
    summary.seconds = time.perf_counter() - started
    return summary
