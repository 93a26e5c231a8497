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

import re

from ..labels import LOGIC_TYPES
from ..nlp import cues
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


# --- problem-level decoding ---------------------------------------------------------------------
# The paragraph alone cannot settle some types; the problem can (its decisions, its other paragraphs).
SUM_OF = {1: 2, 5: 6}
_LOGIC_WORDS = re.compile(r"\b(?:either|neither|nor|both|unless|otherwise|or)\b", re.I)
_ASKS = re.compile(r"\?\s*$|\b(?:aims?|goal|objective|wants?|wish(?:es)?|seeks?|determine|find|calculate|what)\b", re.I)
_WORD = re.compile(r"[a-z]+")


def _stem(w: str) -> str:
    w = w.lower()
    for suf, rep in (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("ses", "s"), ("s", "")):
        if w.endswith(suf) and len(w) > len(suf) + 2:
            return w[: -len(suf)] + rep
    return w


def _words(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text.lower())}


def has_logic_cue(text: str) -> bool:
    """True when the paragraph words a logic relation (if, only if, exactly/at least/at most one,
    either/or, both, neither, unless)."""
    return any(p.search(text) for p in (cues.IF, cues.ONLY_IF, cues.PREREQUISITE, cues.EXACTLY_ONE,
                                        cues.AT_LEAST_ONE, cues.AT_MOST_ONE, _LOGIC_WORDS))


def asks_objective(text: str) -> bool:
    """True for a paragraph that asks for or states what to maximise/minimise."""
    return bool(cues.OBJECTIVE.search(text) and _ASKS.search(text))


def covers_several(text: str, decisions: list[str]) -> bool:
    """True when the paragraph's subject is a category word covering several decisions: it names no
    decision in full but a word that two or more decisions' names end with ('boxes' for 'small boxes'
    and 'large boxes'), or a total/combined/all of the decisions."""
    if len(decisions) < 2:
        return False
    have = _words(text)
    named = [set(_stem(w) for w in _WORD.findall(d.lower())) for d in decisions]
    full = sum(1 for n in named if n and n <= have)
    if full == 1:
        return False
    if full >= 2:
        return True
    heads: dict[str, int] = {}
    for d in decisions:
        ws = _WORD.findall(d.lower())
        if ws:
            heads[_stem(ws[-1])] = heads.get(_stem(ws[-1]), 0) + 1
    return any(n >= 2 and h in have for h, n in heads.items())


def _move(pred, t: int, why: str):
    moved = pred.as_type(t, why)
    moved.low_confidence = pred.low_confidence
    return moved


def _next_type(pred, exclude) -> int | None:
    return next((t for t in pred.ranked_types() if t not in exclude), None)


def decode_problem(texts: list[str], preds: list, problem) -> list:
    """Problem-level decoding of one problem's predictions (`texts[i]` read as `preds[i]`):

    - logic types only over yes/no decisions: a logic prediction (10-13) in a problem whose decisions
      are not yes/no, for a paragraph without any logic wording, takes its most probable other type;
    - a bound on one decision (1 / 5) whose subject is a category word covering several decisions
      (`covers_several`) is a bound on their sum (2 / 6);
    - the objective is the paragraph that asks what to maximise/minimise: a paragraph that asks for it
      (`asks_objective`) and words no bound (`states_bound`) is read as the objective; where it is
      the only one that asks and the one read as the objective does not ask, that one takes its next
      type. (Several objectives left are the classify stage's to settle: it keeps the one that asks.)
    Predictions without probabilities (a caller's) are left alone. Returns a new list."""
    from .context import decision_names
    names, yes_no = decision_names(problem)
    out = list(preds)
    for i, (text, p) in enumerate(zip(texts, out)):
        if not p.probs:
            continue
        if p.type in LOGIC_TYPES and names and not yes_no and not has_logic_cue(text):
            t = _next_type(p, LOGIC_TYPES)
            if t is not None:
                out[i] = _move(p, t, f"type {p.type} -> {t}: no logic wording and the decisions are not yes/no")
        elif p.type in SUM_OF and covers_several(text, names):
            out[i] = _move(p, SUM_OF[p.type], f"type {p.type} -> {SUM_OF[p.type]}: its subject covers several decisions")
    asking = [i for i, t in enumerate(texts) if asks_objective(t) and not states_bound(t)]
    objective = [i for i, p in enumerate(out) if p.type == 0]
    for a in asking:
        if a in objective or not out[a].probs:
            continue
        if len(asking) == 1 and len(objective) == 1 and not asks_objective(texts[objective[0]]) \
                and out[objective[0]].probs:
            o = objective[0]
            t = _next_type(out[o], (0,))
            if t is not None:
                out[o] = _move(out[o], t, f"not the objective: paragraph {a + 1} asks what to maximise/minimise")
        out[a] = _move(out[a], 0, "it asks what to maximise/minimise and states no bound")
    return out


def states_bound(text: str) -> bool:
    """True when the paragraph words a bound or a share ('at most', 'cannot exceed', 'at least', '%')
    and holds a figure to bound by ('the minimum total cost' alone is no bound)."""
    return bool(re.search(r"\d", text)) and any(
        p.search(text) for p in (cues.UPPER, cues.LOWER, cues.NEGATED_UPPER, cues.NEGATED_LOWER, cues.SHARE))
