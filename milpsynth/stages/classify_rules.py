"""Interim rule-based classifier: cue phrases plus how many variables and numbers a paragraph mentions.

Honest and small; the transformer classifier replaces it as the default where it is installed.
"""
from __future__ import annotations

import re

from ..document import Prediction
from ..labels import coarse
from ..nlp import attributes, cues
from ..nlp.analysis import analyse


def _logic(text: str) -> int | None:
    """Fine label 10..20 for logic phrasings, None when the paragraph is not a logic statement."""
    if cues.ONLY_IF.search(text):
        return 10            # 'A only if B': A implies B
    if cues.PREREQUISITE.search(text):
        return 12            # 'A is a prerequisite for B': B implies A
    if cues.EXACTLY_ONE.search(text):
        return 14 if re.search(r"\beither\b", text, re.I) else 13
    m = cues.IF.search(text)
    if m and m.start() > 0 and not re.search(r"(?:,|\bthen|^\s*\w+)\s*$", text[:m.start()]):
        return 12            # 'B if A': the condition comes second
    if m:
        rest = text[m.end():]
        parts = re.split(r",|\bthen\b", rest, maxsplit=1)
        cond, result = (parts[0], parts[1]) if len(parts) == 2 else (rest, "")
        neg_c, neg_r = bool(cues.NEG.search(cond)), bool(cues.NEG.search(result))
        if neg_c and neg_r:
            return 11
        if neg_c:
            return 16
        if neg_r:
            return 19
        return 10
    if cues.AT_LEAST_ONE.search(text):
        return 17 if re.search(r"\bor both\b", text, re.I) else 15
    if cues.AT_MOST_ONE.search(text):
        return 20 if re.search(r"\bneither\b", text, re.I) else 18
    return None


class RuleClassifier:
    name = "rules"
    uses_problem = True

    def predict(self, texts, problem=None) -> list[Prediction]:
        variables = problem.variables if problem is not None else None
        preds = [self._one(t, variables, problem) for t in texts]
        if preds and not any(p.type == 0 for p in preds) and problem is not None:
            # no explicit objective cue: the paragraph that asks 'how many/which' is the objective
            for i, t in enumerate(texts):
                if re.search(r"\bhow (?:many|much)\b|\bwhich\b|\bprofit\b|\bcost\b", t, re.I):
                    preds[i] = Prediction(0, 0, 0.55, self.name)
                    break
        return preds

    def _one(self, text: str, variables, problem=None) -> Prediction:
        a = analyse(text, variables)
        t = a.text
        if cues.OBJECTIVE.search(t):
            return Prediction(0, 0, 0.9, self.name)
        fine = _logic(t)
        if fine is not None:
            return Prediction(coarse(fine), fine, 0.85, self.name)
        sense = cues.direction(t)
        lower = sense == ">="
        if cues.COUNT_OF_TYPES.search(t) and a.values and len(a.vars_in_order) != 1:
            return self._p(6 if lower else 2, 0.75)
        if a.shares:
            return self._p(8 if lower else 4, 0.85)
        if len(a.vars_in_order) >= 2 and (a.factors or cues.COMPARE.search(t)) and not a.values:
            return self._p(9, 0.85)
        if len(a.vars_in_order) == 2 and not a.values and sense is not None:
            return self._p(9, 0.7)
        n_vars, n_vals = len(a.vars_in_order), len(a.values)
        if n_vals >= 2 and n_vars >= 2:
            return self._p(7 if lower else 3, 0.85)
        if n_vars == 1 and n_vals >= 1 and not cues.TOTAL.search(t):
            return self._p(5 if lower else 1, 0.85)
        if n_vals >= 1 and n_vars == 0 and problem is not None and problem.facts \
                and attributes.refer(problem, a, a.values[0].kind == "money") is not None \
                and not attributes.counts_the_decisions(problem, a):
            return self._p(7 if lower else 3, 0.7)   # bounds an attribute whose values the facts give
        if n_vals >= 1:
            return self._p(6 if lower else 2, 0.7)
        return self._p(7 if lower else 3, 0.3)

    def _p(self, t: int, prob: float) -> Prediction:
        return Prediction(t, t, prob, self.name)
