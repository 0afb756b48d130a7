"""What a lossy read left out: the public name of :mod:`wikiround.lossy._report`."""

from wikiround.lossy._report import Dropped, Kind, LossyResult, Report

__all__ = ["Dropped", "Kind", "LossyResult", "Report"]
