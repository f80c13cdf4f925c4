"""One progress bar for a batch run, shown only on a terminal."""
from __future__ import annotations

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn


class BatchProgress:
    def __init__(self, enabled: bool = True):
        self.enabled = enabled
        self.bar = None
        self.task = None
        self.errors = 0

    def __enter__(self) -> "BatchProgress":
        if self.enabled:
            self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("{task.fields[errors]} errors"), TimeRemainingColumn(), transient=False)
            self.bar.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)

    def plan(self, total: int, done: int) -> None:
        if self.bar is not None:
            self.task = self.bar.add_task("articles", total=total, completed=done, errors=0)

    def advance(self, result) -> None:
        if result.error is not None:
            self.errors += 1
        if self.bar is not None and self.task is not None:
            self.bar.update(self.task, advance=1, errors=self.errors)
