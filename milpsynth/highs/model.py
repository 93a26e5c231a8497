"""A HiGHS model straight from milpsynth's plain data, remembering which row is which constraint."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

import numpy as np

from ..expr import Constraint, Objective
from ..variables import Variable
from .core import new_highs


@dataclass
class HighsModel:
    """`h` (a highspy.Highs), column index by variable name, and the constraint behind each row."""

    h: object
    columns: dict[str, int]
    rows: list[Constraint]
    variables: list[Variable]

    def row_of(self, name: str) -> int:
        for i, c in enumerate(self.rows):
            if c.name == name:
                return i
        raise KeyError(name)


def build(variables: Sequence[Variable], constraints: Iterable[Constraint],
          objective: Objective | None = None, *, relax: bool = False) -> HighsModel:
    """The model over `variables` (bounds, integrality unless `relax`; binaries keep [0, 1]), one row
    per constraint in order, and the objective (none: a feasibility problem)."""
    import highspy

    variables = list(variables)
    rows = list(constraints)
    h = new_highs()
    inf = highspy.kHighsInf
    col = {v.name: i for i, v in enumerate(variables)}
    n = len(variables)
    lower = np.array([v.lb if v.lb is not None else -inf for v in variables], dtype=float)
    upper = np.array([v.ub if v.ub is not None else inf for v in variables], dtype=float)
    h.addVars(n, lower, upper)
    if objective is not None and n:
        cost = np.zeros(n)
        for name, c in objective.expr.terms:
            cost[col[name]] = c
        h.changeColsCost(n, np.arange(n, dtype=np.int32), cost)
    if not relax:
        ints = [i for i, v in enumerate(variables) if v.kind in ("integer", "binary")]
        if ints:
            h.changeColsIntegrality(len(ints), np.array(ints, dtype=np.int32),
                                    np.array([highspy.HighsVarType.kInteger] * len(ints)))
    for con in rows:
        idx = np.array([col[v] for v, _ in con.lhs.terms], dtype=np.int32)
        val = np.array([c for _, c in con.lhs.terms], dtype=float)
        lo = con.rhs if con.sense in (">=", "==") else -inf
        hi = con.rhs if con.sense in ("<=", "==") else inf
        h.addRow(lo, hi, len(idx), idx, val)
    if objective is not None:
        sense = highspy.ObjSense.kMaximize if objective.sense == "maximize" else highspy.ObjSense.kMinimize
        h.changeObjectiveSense(sense)
        h.changeObjectiveOffset(objective.expr.constant)
    return HighsModel(h, col, rows, variables)


def maximise_each(variables: Sequence[Variable], constraints: Sequence[Constraint],
                  targets: Iterable[str]) -> Mapping[str, float | None]:
    """The LP-relaxation maximum of each target variable over `constraints` (None: unbounded/unknown).

    Valid upper bounds: every feasible point of the MILP satisfies the relaxation.
    """
    import highspy

    m = build(variables, constraints, None, relax=True)
    h = m.h
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    n = len(m.variables)
    out: dict[str, float | None] = {}
    for name in targets:
        cost = np.zeros(n)
        cost[m.columns[name]] = 1.0
        h.changeColsCost(n, np.arange(n, dtype=np.int32), cost)
        h.run()
        if h.getModelStatus() == highspy.HighsModelStatus.kOptimal:
            out[name] = float(h.getInfo().objective_function_value)
        else:
            out[name] = None
    return out
