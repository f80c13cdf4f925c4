"""vnie: Vietnamese news information extraction.

>>> import pipeline
>>> record = pipeline.extract(text)            # one article → one record (a dict)
>>> frames = pipeline.to_frames(records)       # records → pandas DataFrames, one per table
>>> pipeline.render(text)                      # what was found, highlighted (displaCy)
"""
from .api import STAGES, extract, extract_files, load, process, render
from .tables import award_summary, to_frames

__version__ = "0.1.0"
__all__ = ["STAGES", "award_summary", "extract", "extract_files", "load", "process", "render", "to_frames"]
