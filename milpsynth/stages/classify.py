"""The 'classify' stage: any classifier with `predict(texts) -> list[Prediction]`, plus caller overrides.

Predictions below `threshold` are kept but flagged `low_confidence` and named in the problem's warnings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..document import Prediction, Problem
from ..errors import ClassificationError, GenerationError
from ..formulas.shape import formula_type, read
from ..labels import default_fine
from ..nlp import cues, lexicon
from ..nlp.analysis import analyse
from ..nlp.numbers import find_numbers
from ..classifier.decoding import asks_objective
from .split_data import to_facts
from .split_statements import asks_after_clause, is_objective


@dataclass
class Classify:
    classifier: Any
    threshold: float = 0.6

    @property
    def name(self) -> str:
        return getattr(self.classifier, "name", type(self.classifier).__name__)

    def __call__(self, problem: Problem) -> Problem:
        by_formula(problem)
        todo = [p for p in problem.paragraphs if p.prediction is None and not p.skipped]
        if todo:
            try:
                texts = [p.text for p in todo]
                if getattr(self.classifier, "uses_problem", False):
                    preds = self.classifier.predict(texts, problem=problem)
                else:
                    preds = self.classifier.predict(texts)
            except ClassificationError:
                raise
            except Exception as exc:  # a model backend failing is a typed error, not a traceback
                raise ClassificationError(f"classifier {self.name!r} failed: {type(exc).__name__}: {exc}",
                                          field="classify") from None
            if len(preds) != len(todo):
                raise ClassificationError(f"classifier returned {len(preds)} predictions for {len(todo)} paragraphs",
                                          field="classify")
            for p, pred in zip(todo, preds):
                if pred.prob < self.threshold:
                    pred.low_confidence = True
                    problem.warnings.append(
                        f"paragraph {p.index + 1}: classified as type {pred.type} with low confidence "
                        f"({pred.prob:.2f}); check it or override with types={{{p.index + 1}: ...}}")
                elif pred.note:
                    problem.warnings.append(f"paragraph {p.index + 1}: {pred.note}; read as type {pred.type}")
                p.prediction = pred
        one_objective(problem)
        return problem


def by_formula(problem: Problem) -> None:
    """A statement that writes a formula (`Paragraph.formula`) has the type of the formula's shape,
    for sure; one the decisions cannot read (a symbol that is no decision) is left to the classifier.
    Where a formula writes the objective, statements the classifier would take for it again are facts."""
    written = []
    for p in problem.paragraphs:
        if p.formula is None or p.prediction is not None or p.skipped or problem.variables is None:
            continue
        try:
            t = formula_type(read(p.formula, problem.variables))
        except GenerationError as exc:
            p.notes.append(f"its formula {p.formula!r} was not read ({exc.reason}); classified by its words")
            continue
        p.prediction = Prediction(t, default_fine(t), 1.0, "formula")
        written.append(p)
    if problem.split and any(p.type == 0 for p in written):
        again = [p for p in problem.paragraphs if p.prediction is None and not p.skipped and p.formula is None
                 and is_objective(p.text) and not lexicon.directions(p.text)]
        if again:
            to_facts(problem, again, "it states the objective that a formula writes")


SURE = 0.9      # an objective this probable is one: two of them are the user's error, not the classifier's
FLOOR = 0.05    # no paragraph this improbable is taken for the missing objective


_QUESTION = re.compile(r"\?\s*$|^\s*(?:how|what|determine|find|formulate|help)\b", re.I)


def _one_question(problem: Problem, objectives: list) -> None:
    """Free text stating its objective more than once ('They want to maximize exposure ...', then
    'How many ... to obtain maximum exposure?'): the question (else the last that says what to
    optimise) is the objective; the other statements
    are facts when they hold no number (or have no other probable type), else their next most
    probable type."""
    asked = [p for p in objectives if _QUESTION.search(p.text)]
    # failing a question, one that says what to optimise ('... to minimize the cost'), not one that
    # only names 'the objective function'
    stated = [p for p in objectives if is_objective(p.text)]
    best = (asked or stated or objectives)[-1]
    plain = []
    for p in objectives:
        nxt = next((t for t in p.prediction.ranked_types() if t != 0), None)
        if p is best:
            continue
        if not find_numbers(p.text) or nxt is None:
            plain.append(p)
            continue
        p.prediction = p.prediction.as_type(nxt, f"not the objective (paragraph {best.index + 1}, the question, is)")
        problem.warnings.append(f"paragraph {p.index + 1}: {p.prediction.note}; read as type {p.type}")
    if plain:
        to_facts(problem, plain, "the objective said again, with no number; the question states it")


def _bounds(text: str) -> bool:
    """A comparative that bounds something ('must not be more than 1', 'at least 6'): a statement
    typed as the objective that says one, and nothing about what to optimise, states a constraint."""
    return any(c.strength == 2 for c in lexicon.directions(text))


def _asks_again(problem: Problem, p) -> bool:
    """A statement the split took for the objective ('Find out what would be the minimum total cost,
    rounded to the nearest dollar') that names no decision and holds no number: nothing to bound."""
    if not is_objective(p.text) or [n for n in find_numbers(p.text) if n.kind != "word"]:
        return False
    return not analyse(p.text, problem.variables).mentions


def one_objective(problem: Problem) -> None:
    """A description has exactly one objective. Where the classifier found several but is unsure of
    all but one, the others take their next most probable type; where it found none, the paragraph
    most probably an objective is it (if any is at all probable), or the one paragraph that says
    'maximise'/'minimise' in so many words. Sure duplicates, a caller's
    override and predictions without probabilities are left as they are (the pipeline then reports
    two objectives, or none)."""
    live = [p for p in problem.paragraphs if p.prediction is not None and not p.skipped]
    objectives = [p for p in live if p.type == 0]
    if objectives and problem.split:
        asking = [p for p in live if p.prediction.source != "user" and _asks_again(problem, p)]
        stating = [o for o in objectives if not any(o is r for r in asking)
                   and (cues.OBJECTIVE.search(o.text) or (o.prediction.prob >= 0.5 and not _bounds(o.text)))]
        keep = stating
        if not stating:
            # every objective only asks, with nothing to bound ('The firm aims to minimize its costs',
            # 'What is the minimum cost?'): one is kept, the question as in `_one_question`
            only_asking = [o for o in objectives if any(o is r for r in asking)]
            keep = ([o for o in only_asking if _QUESTION.search(o.text)] or only_asking)[-1:]
        # the others, a question typed as a constraint too, have nothing to constrain
        repeats = [p for p in asking if keep and not any(p is k for k in keep)]
        if repeats:
            objectives = [o for o in objectives if not any(o is r for r in repeats)]
            to_facts(problem, repeats, "it asks for the optimum's value again; another statement states the objective")
            live = [p for p in live if not any(p is r for r in repeats)]
    for p in live:
        if p.type != 0 and cues.OBJECTIVE.search(p.text):
            problem.warnings.append(f"paragraph {p.index + 1} reads like an objective ('"
                                    f"{cues.OBJECTIVE.search(p.text).group(0)}') but was classified as type "
                                    f"{p.type}; check it, or override with types={{{p.index + 1}: 0}}")
    if len(objectives) == 1 or any(p.prediction.source == "user" or not p.prediction.probs for p in objectives):
        return
    scored = [p for p in live if p.prediction.probs and p.prediction.source != "user"]
    if not scored:
        return
    best = max(scored, key=lambda p: p.prediction.probs.get(0, 0.0))
    p_best = best.prediction.probs.get(0, 0.0)
    why = f"the most probable objective of all paragraphs (p = {p_best:.2f})"
    asking = [p for p in objectives if asks_objective(p.text)]
    if len(objectives) > 1 and len(asking) == 1 and asking[0] in scored:
        best, p_best = asking[0], max(asking[0].prediction.probs.get(0, 0.0), FLOOR)
        why = "the paragraph that asks what to maximise/minimise"
    stated = [p for p in scored if cues.OBJECTIVE.search(p.text)]
    if not objectives and len(stated) == 1:
        best, why = stated[0], f"it states the objective ('{cues.OBJECTIVE.search(stated[0].text).group(0)}')"
    elif not objectives and not stated and problem.split \
            and len(asked := [p for p in scored if is_objective(p.text) or asks_after_clause(p.text)]) == 1:
        best, why = asked[0], "it asks for the optimum ('What is the minimum ...?')"
    elif sum(1 for p in objectives if p.prediction.probs.get(0, 0.0) >= SURE) > 1:
        if problem.split:
            _one_question(problem, objectives)
        return
    elif p_best < FLOOR:
        return
    moved = []
    if best.type != 0:
        best.prediction = best.prediction.as_type(0, why)
        moved.append(best)
    for p in objectives:
        if p is not best:
            nxt = next((t for t in p.prediction.ranked_types() if t != 0), None)
            if nxt is None:       # no other type at all: the pipeline reports two objectives
                continue
            p.prediction = p.prediction.as_type(nxt, f"not the objective (paragraph {best.index + 1} is)")
            moved.append(p)
    for p in moved:
        problem.warnings.append(f"paragraph {p.index + 1}: {p.prediction.note}; read as type {p.type}")
