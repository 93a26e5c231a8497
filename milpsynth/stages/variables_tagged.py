"""'variables' from an entity tagger: the VAR mentions it finds, grouped into decisions.

"truck", "trucks" and "each truck" are one decision; "dining tables" and "tables" too when no other
decision ends in "table". The decision is named after its first mention, as NL4Opt's annotators
did. Spans are cleaned first (`tagged_spans`), mentions grouped (`nlp.mention_groups`), then groups
that are no decisions dropped with a warning (`decision_filters`). Pure-binary problems, caller
overrides and texts where the tagger finds fewer than two decisions fall back to the rule-based stage.
"""
from __future__ import annotations

from ..document import Problem
from ..nlp.mention_groups import group_mentions
from ..nlp.mentions import fold, singular
from .decision_filters import drop_non_decisions
from .tagged_spans import (FUNCTION_WORDS, one_forms, is_rate_unit, adjacent_joined, distribute_heads, whole_words,
                           with_model_numbers)
from .split_compound import split_compound
from .split_data import move_unit_data
from .variables_formulas import formula_variables
from .variables_labels import labelled_variables
from .variables_rules import RuleVariables


class TaggedVariables(RuleVariables):
    name = "tagger"

    def __init__(self, tagger=None):
        self._tagger = tagger

    @property
    def tagger(self):
        if self._tagger is None:
            from ..tagger import load_tagger
            self._tagger = load_tagger()
        return self._tagger

    def _candidates(self, problem: Problem, objective_text: str) -> list[tuple[str, list[str]]]:
        entities = self.tagger.tag([problem.text])[0]
        spans = [whole_words(problem.text, e.start, e.end) for e in entities if e.label == "VAR"]
        spans = [x for x in spans if x[0].lower() not in FUNCTION_WORDS]    # 'by' in 'by delivery truck'
        found = with_model_numbers(problem.text, adjacent_joined(problem.text, spans))
        found = [f for f in found if not is_rate_unit(problem.text, f[0])] or found
        groups = group_mentions(distribute_heads(problem.text, found))
        if len(groups) < 2:        # the tagger missed a decision ('pencils' beside 'pens'): the rules' list
            ruled = super()._candidates(problem, objective_text)
            if len(ruled) >= 2 or not groups:
                if groups:
                    problem.warnings.append("the tagger found one decision; the decisions are read by the rules")
                return ruled
        groups = drop_non_decisions(problem, groups)
        tagged = [(g[0].strip(), [m.strip() for m in g[1:]] + one_forms(g[0], [o[0] for o in groups if o is not g]))
                  for g in groups]
        return _completed_by_the_list(problem, tagged, super()._candidates(problem, objective_text))


def _completed_by_the_list(problem: Problem, tagged: list, ruled: list) -> list:
    """The tagger's decisions, or the rules' enumeration where that names every one of them and more
    ('four crops to choose from: wheat, corn, rice, and soybean' where the tagger found two): the
    enumeration, each item with the tagger's forms of it."""
    key = lambda name: singular(fold(name).lower())         # noqa: E731
    found = {key(n): (n, forms) for n, forms in tagged}
    listed = {key(n) for n, _ in ruled}
    if len(ruled) <= len(tagged) or not set(found) <= listed:
        return tagged
    problem.warnings.append("the tagger missed decisions the text lists; the decisions are the list's: "
                            + ", ".join(n for n, _ in ruled))
    return [found.get(key(n), (n, forms)) for n, forms in ruled]


class AutoVariables:
    """Decisions written as symbols of formulas ('2x + y <= 100') -> those symbols; named by labels
    ('projects X and Y', 'x1 ... x4') -> those labels; else free text (split into statements) -> the
    tagger, where it is installed; paragraph input -> rules.

    The tagger learnt NL4Opt's free-text documents; a description written one statement per
    paragraph names its decisions in the objective paragraph's enumeration, which the rules read."""

    name = "auto"

    def __init__(self):
        self.rules = RuleVariables()
        self._tagged = None

    def __call__(self, problem: Problem) -> Problem:
        if formula_variables(problem) or problem.variable_overrides is None and labelled_variables(problem):
            return split_compound(move_unit_data(problem))
        if problem.split and self._tagger_ready():
            return self._tagged(problem)
        return self.rules(problem)

    def _tagger_ready(self) -> bool:
        if self._tagged is None:
            from ..tagger import shipped_available
            if not shipped_available():
                return False
            self._tagged = TaggedVariables()
        return True
