"""Free text, once the decisions are known (the split's second phase): compound bounds and listings.

    'the cap is 300 units for line X and 450 units for line Y'               -> X <= 300, Y <= 450
    'X must get $2,000 or more, while Y may not get under $1,500'            -> X >= 2000, Y >= 1500
    'with room for at most 80 and 90 crates of X and Y respectively'         -> X <= 80, Y <= 90

A statement whose numbers each pair with one decision (alternating, or 'respectively') and that says
a direction, with no sum, difference or factor, states one bound per decision: it becomes one
statement per decision, each with the slots of its bound (type 1 or 5), the direction the nearest cue
before its number gives.
"""
from __future__ import annotations

import re

from ..document import Paragraph, Prediction, Problem
from ..nlp import cues, lexicon
from ..nlp.analysis import analyse
from ..nlp.data_table import paired_numbers
from ..nlp.mentions import fold
from .variables_labels import labelled

_NOT_SINGLE = ("total", "plus", "minus", "difference", "excess")


def split_compound(problem: Problem) -> Problem:
    if not problem.split or problem.variables is None:
        return problem
    if not labelled(problem):
        return problem          # nouns name the decisions: the rules' own readings of rates apply
    out: list[Paragraph] = []
    changed = False
    for p in problem.paragraphs:
        pieces = _bounds(problem, p)
        if pieces is None:
            out.append(p)
            continue
        changed = True
        out.extend(pieces)
    if changed:
        for i, p in enumerate(out):
            p.index = i
        problem.paragraphs = out
        problem.split = [p.text for p in out]
    return problem


def _bounds(problem: Problem, p: Paragraph) -> list[Paragraph] | None:
    if p.prediction is not None or p.slots is not None or cues.OBJECTIVE.search(fold(p.text)):
        return None
    a = analyse(p.text, problem.variables)
    pairs = paired_numbers(a)
    if len(pairs) < 2 or len(pairs) != len(a.numbers) or len(set(pairs)) != len(pairs):
        return None
    if any(c.strength == 2 for c in lexicon.cues(a.text, _NOT_SINGLE)):
        return None
    found = [c for c in lexicon.directions(a.text) if c.strength == 2 or c.phrase in ("maximum", "minimum")]
    if not found or any(c.role == "equal" for c in found):
        return None           # 'requires 2 hours for a chair and 3 for a table' states rates, no bound
    pieces = []
    for var, n in pairs.items():
        before = [c for c in found if c.end <= n.start]
        cue = max(before, key=lambda c: (c.start, c.strength)) if before else found[0]
        t = 1 if cue.role == "upper" else 5
        piece = Paragraph(0, p.text, Prediction(t, t, 1.0, "split"), {"var": var, "bound": n.value})
        piece.notes.append(f"one of {len(pairs)} bounds the statement lists; this one on {var}")
        pieces.append(piece)
    problem.warnings.append(f"a statement lists one bound per decision; read as {len(pieces)} bounds: {p.text!r}")
    return pieces
