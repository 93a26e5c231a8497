"""Solve plain model data with HiGHS directly (no Pyomo): the many small solves the judge makes.

Optima are compared at a relative tolerance of about 1e-6, so the solve asks HiGHS for a proven
optimum (no MIP gap) and then *polishes* it: the binaries are fixed at their rounded values and the
model is solved again, which removes the small leaks a big M allows within the integrality
tolerance (with M = 1e6, `x <= M * bi_x` lets x reach 1 while bi_x = 1e-6 still counts as 0).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ..expr import Constraint, Objective
from ..highs import build, configure, run
from ..highs.analysis import feasibility_status
from ..status import Status
from ..variables import Variable


@dataclass
class NumericResult:
    status: Status
    objective: float | None = None
    message: str = ""

    def to_dict(self) -> dict:
        return {"status": self.status.value, "objective": self.objective}


def _configure(h, time_limit: float) -> None:
    configure(h, time_limit, mip_gap=0.0)
    h.setOptionValue("mip_abs_gap", 1e-9)


def solve_numeric(variables: Sequence[Variable], constraints: Sequence[Constraint],
                  objective: Objective | None, *, time_limit: float = 20.0) -> NumericResult:
    variables = list(variables)
    h = build(variables, constraints, objective).h
    _configure(h, time_limit)
    status = run(h).status
    if status is None:
        # infeasible or unbounded: decide with a feasibility solve (no objective)
        feas = feasibility_status(variables, constraints, time_limit)
        status = Status.UNBOUNDED if feas == Status.OPTIMAL else (
            Status.INFEASIBLE if feas == Status.INFEASIBLE else Status.ERROR)
        return NumericResult(status, message="HiGHS said infeasible-or-unbounded; decided by a feasibility solve")
    if status != Status.OPTIMAL:
        return NumericResult(status)
    value = float(h.getInfo().objective_function_value)
    binaries = [i for i, v in enumerate(variables) if v.kind == "binary"]
    if binaries:
        x = list(h.getSolution().col_value)
        for i in binaries:
            r = float(round(x[i]))
            h.changeColBounds(i, r, r)
        if run(h).status == Status.OPTIMAL:
            value = float(h.getInfo().objective_function_value)
    return NumericResult(Status.OPTIMAL, value)


def same_result(a: NumericResult, b: NumericResult, rel_tol: float = 1e-6) -> bool:
    """Same status among optimal/infeasible/unbounded, and for optimal the same optimum."""
    if a.status != b.status or a.status not in (Status.OPTIMAL, Status.INFEASIBLE, Status.UNBOUNDED):
        return False
    if a.status != Status.OPTIMAL:
        return True
    return abs(a.objective - b.objective) <= rel_tol * max(1.0, abs(a.objective), abs(b.objective))
