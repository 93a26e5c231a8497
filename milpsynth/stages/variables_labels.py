"""Variables of a text that names its decisions by labels (`nlp.decision_labels`): one per label."""
from __future__ import annotations

import re

from ..document import Problem
from ..nlp.decision_labels import find_labels
from ..variables import Variable, VariableTable
from .variables_rules import is_yes_no

# what says the decisions are whole numbers
WHOLE = re.compile(r"\b(?:integers?|integral|whole(?:\s+numbers?|\s+units?)?|indivisible|discrete|"
                    r"cannot be (?:split|divided|fractional)|no fractions?|fractional \w+ (?:are|is) not)\b", re.I)


def labelled_variables(problem: Problem) -> bool:
    """Set `problem.variables` to the labelled decisions and say True, or leave it and say False.

    Kind: integer where the text says whole numbers / integers / indivisible, else continuous (plain LP
    prose that says nothing of it is a linear program)."""
    if is_yes_no(problem.text):
        return False          # which options to choose: yes/no decisions, named by the rules ('bi_A')
    labels = find_labels(problem.text)
    if len(labels) < 2:
        return False
    kind = "integer" if WHOLE.search(problem.text) else "continuous"
    variables = [Variable(lab.name, kind, lab.text, sorted(lab.forms, key=len, reverse=True)) for lab in labels]
    problem.variables = VariableTable.build(variables, pure_binary=False)
    problem.labelled_decisions = True
    problem.warnings.append("decisions named by their labels: " + ", ".join(lab.text for lab in labels))
    return True


def labelled(problem: Problem) -> bool:
    """Whether the decisions were named by their labels (statements over them read as algebra)."""
    return bool(getattr(problem, "labelled_decisions", False))
