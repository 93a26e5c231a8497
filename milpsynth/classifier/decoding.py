"""Direction-consistent decoding: the classifier picks the family, the paragraph's own words the side.

Types 1-4 and 5-8 are the same four families (one variable, a sum, a weighted sum, a proportion) with
the bound on the other side. The encoder is good at the family and sometimes wrong about the side with
full confidence ('less than or equal to 40% of the total' read as a lower bound at p = 1.00). When the
paragraph states its side unambiguously (`nlp.cues.direction`, strict: 'at most', 'cannot be less than')
and the most probable type is a bound on the other side, the prediction moves to the partner type of
the same family, carrying the probability of both. Nothing else changes: objective, comparison and
logic predictions, and paragraphs whose cues are absent, mixed or '=='.
"""
from __future__ import annotations

from ..nlp.cues import direction

UPPER_TYPES = (1, 2, 3, 4)
PARTNER = {**{t: t + 4 for t in UPPER_TYPES}, **{t + 4: t for t in UPPER_TYPES}}


def side_of(t: int) -> str | None:
    if t in UPPER_TYPES:
        return "<="
    return ">=" if t in PARTNER else None


def aligned_type(text: str, top: int) -> tuple[int, str]:
    """(type, note): `top`, or its partner when the text's direction says the other side."""
    side = side_of(top)
    if side is None:
        return top, ""
    said = direction(text, strict=True)
    if said in ("<=", ">=") and said != side:
        return PARTNER[top], f"type {top} -> {PARTNER[top]}: the paragraph says '{said}'"
    return top, ""
