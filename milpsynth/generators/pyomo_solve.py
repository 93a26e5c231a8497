"""Solve a generator's Pyomo model with HiGHS (single thread, time limit); statuses as milpsynth's Status."""
from __future__ import annotations

import math
import time

from ..errors import SolverError
from ..highs.core import status_of_termination
from ..status import Status
from .arrays import SolveResult


def add_augments(model, augments) -> None:
    """Add augmentation constraints (terms over the model's indexed Vars) to a Pyomo model."""
    import pyomo.environ as pe

    model.augment = pe.ConstraintList()
    for a in augments:
        for terms, sense, rhs in a.rows:
            expr = sum(coef * getattr(model, blk)[idx if len(idx) > 1 else idx[0]] for blk, idx, coef in terms)
            if sense == "<=":
                model.augment.add(expr <= rhs)
            elif sense == ">=":
                model.augment.add(expr >= rhs)
            else:
                model.augment.add(expr == rhs)


def solve_pyomo(model, time_limit: float | None, mip: bool) -> SolveResult:
    from pyomo.contrib.solver.common.factory import SolverFactory
    import pyomo.contrib.solver.plugins  # noqa: F401  (registers 'highs')
    from pyomo.contrib.solver.common.results import SolutionStatus

    opt = SolverFactory("highs")
    # HiGHS default threads: the thread count cannot change once its scheduler runs in this process
    kw = {"load_solutions": False, "raise_exception_on_nonoptimal_result": False}
    if time_limit is not None:
        kw["time_limit"] = float(time_limit)
    if mip:
        kw["rel_gap"] = 0.0
    start = time.perf_counter()
    try:
        res = opt.solve(model, **kw)
    except Exception as exc:  # translate anything Pyomo/HiGHS raises
        raise SolverError(f"HiGHS could not be run: {type(exc).__name__}: {exc}", field="solve") from None
    secs = time.perf_counter() - start
    has_sol = res.solution_status in (SolutionStatus.optimal, SolutionStatus.feasible)
    status = status_of_termination(res.termination_condition) or Status.INFEASIBLE   # infeasible-or-unbounded: re-sample
    obj = float(res.incumbent_objective) if has_sol and res.incumbent_objective is not None else None
    gap = None
    if obj is not None:
        bound = res.objective_bound
        if not mip:
            gap = 0.0
        elif bound is not None and math.isfinite(bound):
            gap = abs(bound - obj) / max(1e-10, abs(obj))
    if status in (Status.INFEASIBLE, Status.UNBOUNDED):
        obj, gap = None, None
    return SolveResult(status, obj, gap, secs)
