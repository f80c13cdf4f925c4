"""How fast is vnie, beside what a user would run instead? One run, the same texts.

On the 2,000 real news articles of ``../shared/benchmarks/news/vntc`` (7.4 MB) it measures:

- vnie, one process: ``pipeline.load()``, then every stage on every article (the loop
  ``Language.__call__`` runs, timed per stage so the table shows where time goes);
  any article that raises is reported as a crash;
- vnie, N processes: the batch engine ``pipeline.batch.run_batch`` (what ``vnie run``
  does: read, extract, store in SQLite) into a temporary folder;
- ``underthesea.word_tokenize`` on every sentence: segmentation alone, the cost floor;
- ``underthesea.ner`` on every sentence of a sample of articles (it is ~15x slower than
  segmentation, so a sample keeps the run short); vnie's time on the very same
  articles is taken from its per-article timings.

The baselines split sentences the way a user would (each line, then ``sent_tokenize``),
and that time is counted. Each measurement runs in its own fresh process, one after
the other, so peak memory (``ru_maxrss``) is that system's own and no two compete for
the cores. Start-up is import + ``load()`` + a first one-sentence article (models load
lazily on first use) in a fresh process.

    python benchmarks/throughput.py                    # everything, ~10 min on 2 cores
    python benchmarks/throughput.py --limit 200 --sample 20     # a quick look
    python benchmarks/throughput.py --profile /tmp/vnie.prof    # + cProfile of vnie

Prints markdown tables (for the README) and exits 1 when a target is missed or an
article crashed; skips with a message (exit 0) when the corpus is absent.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import random
import resource
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "benchmarks" / "news" / "vntc"
FIRST = "Sáng 18-1, ông Lê Văn Nưng dự hội nghị tại Hà Nội."

# issue 7's targets, all measured in one run on the same texts
MIN_SPEEDUP_OVER_NER = 5.0     # vnie 1 process >= 5x underthesea.ner's throughput
MAX_COST_OVER_SEGMENTER = 2.0  # ... and <= 2x the time of word_tokenize alone
MAX_PEAK_MB = 500.0            # per process
MAX_STARTUP_S = 3.0            # import + load


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory in MB (Linux reports ru_maxrss in KiB; for RUSAGE_CHILDREN
    it is the largest single child, i.e. the largest worker)."""
    kib = resource.getrusage(who).ru_maxrss
    return kib / 1024 / (1024 if sys.platform == "darwin" else 1)


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def read_texts(paths: list[str]) -> list[str]:
    return [Path(p).read_text(encoding="utf-8") for p in paths]


def user_sentences(text: str) -> list[str]:
    """Sentences as a user of underthesea gets them: each line, then sent_tokenize."""
    from underthesea import sent_tokenize

    return [s for line in text.splitlines() if line.strip() for s in sent_tokenize(line)]


# --------------------------------------------------------- measurements (child processes)


def _crash_note(path: str, error: BaseException) -> str:
    return f"{Path(path).name}: {type(error).__name__}: {error}"


def _fatal(error: BaseException) -> bool:
    # underthesea_core's Rust code raises pyo3's PanicException, a BaseException: catch
    # it as a crash of that article, but let Ctrl-C and exit through
    return isinstance(error, (KeyboardInterrupt, SystemExit))


def measure_vnie(paths: list[str]) -> dict:
    """vnie alone in this process: start-up, peak memory, crashes, and every stage on
    every article timed apart (the loop ``Language.__call__`` runs)."""
    texts = read_texts(paths)
    started, cpu_started = time.perf_counter(), cpu_seconds()
    import pipeline

    nlp = pipeline.load()
    loaded = time.perf_counter()
    nlp(FIRST)
    ready, cpu_ready = time.perf_counter(), cpu_seconds()
    per_article, crashes = [], []
    stages: dict[str, float] = defaultdict(float)
    for path, text in zip(paths, texts):
        t0 = time.perf_counter()
        try:
            doc = nlp.make_doc(text)
            t1 = time.perf_counter()
            stages["tokenizer"] += t1 - t0
            for name, component in nlp.pipeline:
                doc = component(doc)
                t2 = time.perf_counter()
                stages[name] += t2 - t1
                t1 = t2
        except BaseException as error:  # robustness is measured, not assumed
            if _fatal(error):
                raise
            crashes.append(_crash_note(path, error))
        per_article.append(time.perf_counter() - t0)
    return {"per_article": per_article, "stages": dict(stages), "crashes": crashes,
            "import_load": loaded - started, "startup": ready - started, "startup_cpu": cpu_ready - cpu_started,
            "peak_mb": peak_rss_mb()}


def measure_side_by_side(paths: list[str], sample: list[int]) -> dict:
    """vnie, vnie without part-of-speech tagging, word_tokenize and (on the sample) ner on
    each article in turn, the order rotating, so that other load on the machine slows all
    of them alike and the ratios hold even when the absolute numbers drift."""
    texts = read_texts(paths)
    import underthesea

    import pipeline

    nlp, untagged = pipeline.load(), pipeline.load(pos="none")
    systems = {"vnie": nlp, "vnie_nopos": untagged, "word_tokenize": underthesea.word_tokenize,
               "ner": underthesea.ner}
    for run in systems.values():
        run(FIRST)

    def baseline(run):
        return lambda text: [run(sentence) for sentence in user_sentences(text)]

    calls = {"vnie": nlp, "vnie_nopos": untagged, "word_tokenize": baseline(underthesea.word_tokenize),
             "ner": baseline(underthesea.ner)}
    times: dict[str, list[float]] = {name: [] for name in calls}
    in_sample = set(sample)
    for i, text in enumerate(texts):
        names = ["vnie", "vnie_nopos", "word_tokenize"] + (["ner"] if i in in_sample else [])
        shift = i % len(names)
        for name in names[shift:] + names[:shift]:
            t0 = time.perf_counter()
            try:
                calls[name](text)
            except BaseException as error:  # counted in measure_vnie; here only the time matters
                if _fatal(error):
                    raise
            times[name].append(time.perf_counter() - t0)
    return times


def measure_memory(paths: list[str], function: str) -> dict:
    """Start-up and peak memory of ``underthesea.<function>`` alone, on these articles."""
    texts = read_texts(paths)
    started = time.perf_counter()
    import underthesea

    run = getattr(underthesea, function)
    run(FIRST)
    ready = time.perf_counter()
    for text in texts:
        for sentence in user_sentences(text):
            run(sentence)
    return {"startup": ready - started, "peak_mb": peak_rss_mb()}


def measure_batch(paths: list[str], workers: int) -> dict:
    """The batch engine (``vnie run``) with ``workers`` processes, into a temporary folder."""
    from pipeline.batch import run_batch

    errors = []

    def on_result(result):
        if result.error is not None:
            errors.append(f"{Path(result.source).name}: {result.error}")

    with tempfile.TemporaryDirectory(prefix="vnie-bench-") as out:
        started = time.perf_counter()
        summary = run_batch(paths, out, workers=workers, force=True, on_result=on_result)
        seconds = time.perf_counter() - started
    worker_mb = peak_rss_mb(resource.RUSAGE_CHILDREN) if workers > 1 else peak_rss_mb()
    return {"seconds": seconds, "processed": summary.processed, "crashes": errors,
            "peak_mb": worker_mb, "main_peak_mb": peak_rss_mb()}


def profile_vnie(paths: list[str], out: str, top: int = 30) -> str:
    """cProfile of the vnie one-process loop; the stats go to ``out``, the top lines are returned."""
    import cProfile
    import io
    import pstats

    texts = read_texts(paths)
    import pipeline

    nlp = pipeline.load()
    nlp(FIRST)
    profiler = cProfile.Profile()
    profiler.enable()
    for text in texts:
        try:
            nlp(text)
        except BaseException as error:
            if _fatal(error):
                raise
    profiler.disable()
    profiler.dump_stats(out)
    buffer = io.StringIO()
    pstats.Stats(profiler, stream=buffer).sort_stats("tottime").print_stats(top)
    return buffer.getvalue()


def isolated(function, *args):
    """Run ``function(*args)`` in a fresh interpreter and return its result (a pool
    executor's worker, unlike ``multiprocessing.Pool``'s, may start the batch's workers)."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


# ------------------------------------------------------------------------- report


def table(headers: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(headers) + " |",
             "|" + "|".join("---" if i == 0 else "---:" for i in range(len(headers))) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def rate_row(name: str, n: int, seconds: float, kb: float, peak_mb: float | None, startup: float | None) -> list:
    return [name, n, f"{n / seconds:.2f}", f"{kb / seconds:.1f}", f"{seconds:.1f}",
            "" if peak_mb is None else f"{peak_mb:.0f}", "" if startup is None else f"{startup:.2f}"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of *.txt articles")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--sample", type=int, default=100, help="articles for underthesea.ner (default 100)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="processes for the batch run")
    parser.add_argument("--seed", type=int, default=0, help="which articles form the ner sample")
    parser.add_argument("--skip-batch", action="store_true", help="leave out the N-process batch run")
    parser.add_argument("--profile", metavar="PATH", help="also write a cProfile of vnie (1 process) to PATH")
    parser.add_argument("--json", metavar="PATH", help="write every measurement as JSON")
    args = parser.parse_args(argv)

    paths = sorted(str(p) for p in args.corpus.glob("*.txt")) if args.corpus.is_dir() else []
    if not paths:
        print(f"skipped: no benchmark corpus at {args.corpus} (it lives outside the repository, "
              "in ../shared/benchmarks/news/vntc; pass --corpus FOLDER)")
        return 0
    paths = paths[: args.limit] if args.limit else paths
    sizes = [len(Path(p).read_text(encoding="utf-8").encode("utf-8")) / 1000 for p in paths]
    total_kb = sum(sizes)
    sample = sorted(random.Random(args.seed).sample(range(len(paths)), min(args.sample, len(paths))))
    sample_paths = [paths[i] for i in sample]
    sample_kb = sum(sizes[i] for i in sample)
    print(f"{len(paths)} articles, {total_kb / 1000:.1f} MB; ner sample {len(sample)} articles, "
          f"{sample_kb:.0f} kB; {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.2f} (other work on the machine slows every row alike)", flush=True)

    results: dict = {}
    steps = [("vnie alone: start-up, memory, stages, crashes", "vnie", measure_vnie, (paths,)),
             ("vnie, word_tokenize and ner side by side", "side_by_side", measure_side_by_side,
              (paths, sample)),
             ("underthesea.word_tokenize alone: memory", "word_tokenize", measure_memory,
              (sample_paths, "word_tokenize")),
             ("underthesea.ner alone: memory", "ner", measure_memory, (sample_paths, "ner"))]
    if not args.skip_batch:
        steps.insert(1, (f"vnie batch, {args.workers} processes", "batch", measure_batch,
                         (paths, args.workers)))
    for title, key, function, call in steps:
        t0 = time.perf_counter()
        print(f"measuring {title} ...", end=" ", flush=True)
        results[key] = isolated(function, *call)
        print(f"{time.perf_counter() - t0:.0f} s", flush=True)

    vnie, times = results["vnie"], results["side_by_side"]
    vnie_s, seg_s, ner_s = sum(times["vnie"]), sum(times["word_tokenize"]), sum(times["ner"])
    vnie_sample_s = sum(times["vnie"][i] for i in sample)
    speedup = ner_s / vnie_sample_s
    cost = vnie_s / seg_s

    seg, ner = results["word_tokenize"], results["ner"]
    rows = [rate_row("vnie, 1 process", len(paths), vnie_s, total_kb, vnie["peak_mb"], vnie["startup"])]
    if "batch" in results:
        batch = results["batch"]
        rows.append(rate_row(f"vnie, {args.workers} processes (`vnie run`, incl. reading and storing)",
                             len(paths), batch["seconds"], total_kb, batch["peak_mb"], None))
    nopos_s = sum(times["vnie_nopos"])
    rows.append(rate_row('vnie, 1 process, `load(pos="none")`', len(paths), nopos_s, total_kb, None, None))
    rows.append(rate_row("underthesea.word_tokenize (the floor)", len(paths), seg_s, total_kb, seg["peak_mb"],
                         seg["startup"]))
    rows.append(rate_row("vnie, 1 process, on the ner sample", len(sample), vnie_sample_s, sample_kb,
                         vnie["peak_mb"], None))
    rows.append(rate_row("underthesea.ner, on the ner sample", len(sample), ner_s, sample_kb, ner["peak_mb"],
                         ner["startup"]))
    print("\n" + table(["system", "articles", "articles/s", "KB/s", "seconds", "peak RSS MB", "start-up s"],
                       rows))

    crashes = vnie["crashes"] + results.get("batch", {}).get("crashes", [])
    peak = max(vnie["peak_mb"], results.get("batch", {}).get("peak_mb", 0.0))
    checks = [
        ("vnie throughput / underthesea.ner (same sample)", f"{speedup:.1f}×", f"≥ {MIN_SPEEDUP_OVER_NER:g}×",
         speedup >= MIN_SPEEDUP_OVER_NER),
        ("vnie time / word_tokenize time (all articles)", f"{cost:.2f}×", f"≤ {MAX_COST_OVER_SEGMENTER:g}×",
         cost <= MAX_COST_OVER_SEGMENTER),
        ("peak memory per process", f"{peak:.0f} MB", f"< {MAX_PEAK_MB:g} MB", peak < MAX_PEAK_MB),
        ("start-up (import + load + first article)", f"{vnie['startup']:.2f} s", f"< {MAX_STARTUP_S:g} s",
         vnie["startup"] < MAX_STARTUP_S),
        ("articles processed without a crash", f"{len(paths) - len(vnie['crashes'])}/{len(paths)}", "all",
         not crashes),
    ]
    print("\n" + table(["target", "measured", "goal", "met"],
                       [[a, b, c, "yes" if ok else "**no**"] for a, b, c, ok in checks]))
    alone_s = sum(vnie["per_article"])
    stage_rows = [[name, f"{s:.1f}", f"{100 * s / alone_s:.0f}%", f"{1000 * s / len(paths):.1f}"]
                  for name, s in vnie["stages"].items()]
    stage_rows.append(["all (vnie alone)", f"{alone_s:.1f}", "100%", f"{1000 * alone_s / len(paths):.1f}"])
    print("\n" + table(["vnie stage", "seconds", "share", "ms/article"], stage_rows))
    print(f'\nwithout part-of-speech tagging (`pipeline.load(pos="none")`): vnie time / word_tokenize time '
          f"{nopos_s / seg_s:.2f}×, vnie throughput / underthesea.ner "
          f"{ner_s / sum(times['vnie_nopos'][i] for i in sample):.1f}×; the tagger's share of vnie's time "
          f"{100 * (1 - nopos_s / vnie_s):.0f}%")
    print(f"\nstart-up: import + load {vnie['import_load']:.2f} s, first article ready {vnie['startup']:.2f} s "
          f"({vnie['startup_cpu']:.2f} s of CPU); the baselines' memory is measured on the ner sample; "
          f"load average at the end {os.getloadavg()[0]:.2f}")
    if crashes:
        print(f"\n{len(crashes)} crash(es):")
        for line in crashes[:50]:
            print("  " + line)

    if args.profile:
        print(f"\nprofiling vnie (1 process) into {args.profile} ...", flush=True)
        print(isolated(profile_vnie, paths, args.profile))
    if args.json:
        Path(args.json).write_text(json.dumps({"articles": len(paths), "kb": total_kb, "sample": sample,
                                               "workers": args.workers, "results": results}, indent=1))
    return 0 if all(ok for *_, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
