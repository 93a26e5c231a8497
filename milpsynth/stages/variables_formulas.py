"""Variables of a text that writes its statements in algebra: the symbols of its formulas.

Where the prose names the same decisions by labels ('services X and Y', then '$x - 0.5y \\geq
3000$'), the labelled decisions are kept (their words carry the data the prose states); otherwise
each symbol is a decision of its own, a whole number where the text says so (as for labels).
"""
from __future__ import annotations

from ..document import Problem
from ..formulas.find import symbols
from ..formulas.shape import aliases
from ..variables import Variable, VariableTable
from .variables_labels import WHOLE, labelled_variables


def formula_symbols(problem: Problem) -> list[str]:
    """The symbols of the statements' formulas, in order of first appearance."""
    out: list[str] = []
    for p in problem.paragraphs:
        for s in symbols(p.formula) if p.formula and not p.skipped else ():
            if s not in out:
                out.append(s)
    return out


def formula_variables(problem: Problem) -> bool:
    """Set `problem.variables` from the formulas and say True, or say False where no statement writes one
    (or the caller named the variables)."""
    found = formula_symbols(problem)
    if not found or problem.variable_overrides is not None:
        return False
    said = list(problem.warnings)
    if labelled_variables(problem):
        known = aliases(problem.variables)
        folded = {a.lower() for a in known}
        if all(s in known or s.lower() in folded for s in found):
            return True
        problem.labelled_decisions = False          # the symbols are the decisions instead
        problem.warnings[:] = said
    kind = "integer" if WHOLE.search(problem.text) else "continuous"
    problem.variables = VariableTable.build([Variable(s, kind, s, [s]) for s in found], pure_binary=False)
    problem.warnings.append("decisions are the symbols the formulas write: " + ", ".join(found))
    return True
