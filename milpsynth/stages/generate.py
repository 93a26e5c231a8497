"""The 'generate' stage: a slot filler proposes slots, the paragraph type's template builds the element.

A slot filler is any object with `fill(problem, paragraph) -> dict` (rules, a language model, ...);
slots the caller gave for a paragraph are used as they are. The template validates every slot.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..document import Paragraph, Problem
from ..errors import ClassificationError, GenerationError, NotAConstraintError, VariableError
from ..formulas.shape import formula_slots, read
from ..labels import LOGIC_TYPES
from ..nlp import cues
from ..nlp.mentions import fold
from ..nlp.statements import not_a_constraint
from ..pipeline import each_paragraph
from ..templates import TEMPLATES


# When the predicted type's template refuses a paragraph, another type is tried in its place only
# where it is plausible: the classifier gives it p >= FALLBACK_FLOOR (one chance in twenty), or,
# less probable, the paragraph's own words state what that type states (a direction for a bound: 'at
# most', 'at least', 'available'; a comparison for type 9; a logic phrase for types 10-13). Below the
# floor and without such words a fit is the slot filler finding a name and a number, not a meaning
# (word salad, a stray sentence). The words are needed, not the floor alone: the shipped classifier
# puts right second choices as low as p < 0.01 (li2023 dev 2/10 and NL4Opt dev 5 problems need them).
FALLBACK_FLOOR = 0.05
_LOGIC_WORDS = (cues.IF, cues.ONLY_IF, cues.PREREQUISITE, cues.EXACTLY_ONE, cues.AT_LEAST_ONE, cues.AT_MOST_ONE)


def words_state(t: int, text: str) -> bool:
    """The paragraph's words state what type `t` states (see FALLBACK_FLOOR)."""
    if t in LOGIC_TYPES:
        return any(c.search(text) for c in _LOGIC_WORDS)
    if t == 9:
        return bool(cues.COMPARE.search(text) or re.search(r"\btimes\b|\bas (?:many|much)\b", text, re.I))
    return cues.direction(text) is not None


@dataclass
class Generate:
    filler: Any
    min_prob: float = FALLBACK_FLOOR   # alternatives less probable than this are not tried

    @property
    def name(self) -> str:
        return getattr(self.filler, "name", type(self.filler).__name__)

    def __call__(self, problem: Problem) -> Problem:
        if problem.variables is None:
            raise VariableError("no variables: the 'variables' stage must run before 'generate'", field="variables")
        prepare = getattr(self.filler, "prepare", None)
        if prepare is not None:
            prepare(problem)
        each_paragraph(problem, lambda p: self._one(problem, p))
        return problem

    def _one(self, problem: Problem, p: Paragraph) -> None:
        if p.prediction is None:
            raise ClassificationError("has no type", paragraph=p.index)
        given = p.slots is not None
        if not given and p.type != 0 and p.prediction.source != "user":
            why = not_a_constraint(p.text)
            if why:
                raise NotAConstraintError(f"states no constraint: {why}", paragraph=p.index)
        try:
            element = self._build(problem, p)
        except (GenerationError, VariableError) as first:
            if given or not self._retry_types(problem, p, first):
                raise
            return
        self._name(p, element)

    def _build(self, problem: Problem, p: Paragraph):
        if p.slots is None and p.formula is not None and p.prediction.source == "formula":
            p.slots = formula_slots(read(p.formula, problem.variables), p.type, problem.variables)
        if p.slots is None:
            p.slots = self.filler.fill(problem, p)
        return TEMPLATES[p.type].build(p.slots, problem.variables, p.index)

    def _retry_types(self, problem: Problem, p: Paragraph, first: Exception) -> bool:
        """The predicted type's template refused this paragraph: try the classifier's next most
        probable constraint types, those that are plausible (`FALLBACK_FLOOR`: p >= min_prob, or
        stated by the paragraph's words), where their template takes the slots filled for them, and
        say so in the result. Where none does, the first refusal stands (raised, or the paragraph
        skipped), with a note of the types not tried."""
        pred = p.prediction
        if pred.source == "user" or pred.type == 0:
            return False
        tried = []
        for t in pred.ranked_types():
            if t == 0 or pred.probs.get(t, 0.0) < self.min_prob and not words_state(t, fold(p.text)):
                continue
            tried.append(t)
            p.prediction, p.slots = pred.as_type(t, f"type {pred.type} did not fit ({first.reason})"), None
            try:
                element = self._build(problem, p)
            except (GenerationError, VariableError):
                continue
            self._name(p, element)
            problem.warnings.append(f"paragraph {p.index + 1}: read as type {t} (p = {pred.probs[t]:.2f}) "
                                    f"because type {pred.type} did not fit: {first.reason}")
            return True
        p.prediction, p.slots = pred, None
        untried = [t for t in pred.ranked_types() if t != 0 and t not in tried]
        if untried:     # said beside the refusal (whose message stays the first type's reason)
            p.notes.append(f"type(s) {', '.join(map(str, untried[:3]))}{'...' if len(untried) > 3 else ''} were not "
                           f"tried in place of type {pred.type}: less probable than {self.min_prob:.2f} and not "
                           "stated by the paragraph's words")
        return False

    @staticmethod
    def _name(p: Paragraph, element) -> None:
        if p.type != 0:
            element.name = f"p{p.index + 1}_type{p.type}"
        p.element = element
