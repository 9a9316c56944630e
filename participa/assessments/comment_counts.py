"""How many of the public's comments each self-assessment holds (the visible ones, answers
included), for its document and its open data. The comments feature, above, registers the
counter (``register``), which reads any number of self-assessments in one statement;
without one, the document says nothing of comments and the open data says null."""

from __future__ import annotations

from collections.abc import Callable, Collection

Counter = Callable[[Collection[int]], dict[int, int]]
_COUNTERS: list[Counter] = []


def register(counter: Counter) -> None:
    _COUNTERS[:] = [counter]


def visible_comments_of(assessment_ids: Collection[int]) -> dict[int, int] | None:
    """Each self-assessment's count (0 for one without comments), in one statement."""
    if not _COUNTERS:
        return None
    if not assessment_ids:
        return {}
    counts = _COUNTERS[0](assessment_ids)
    return {assessment_id: counts.get(assessment_id, 0) for assessment_id in assessment_ids}


def visible_comments(assessment_id: int) -> int | None:
    counts = visible_comments_of([assessment_id])
    return None if counts is None else counts[assessment_id]
