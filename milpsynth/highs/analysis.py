"""What a model says beyond its optimum: infeasible subsets, duals and ranging, elastic relaxation."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..expr import Constraint, Objective
from ..status import Status
from ..variables import Variable
from .core import configure, run
from .model import build


def relaxation_status(variables: Sequence[Variable], constraints: Sequence[Constraint]) -> Status | None:
    """Feasibility of the LP relaxation (no objective): OPTIMAL (feasible), INFEASIBLE, or None."""
    m = build(variables, constraints, None, relax=True)
    st = run(m.h, mip=False).status
    return st if st in (Status.OPTIMAL, Status.INFEASIBLE) else None


def feasibility_status(variables: Sequence[Variable], constraints: Sequence[Constraint],
                       time_limit: float | None = None) -> Status | None:
    """Feasibility of the model itself, integrality kept (no objective)."""
    m = build(variables, constraints, None)
    configure(m.h, time_limit)
    return run(m.h).status


def iis_rows(variables: Sequence[Variable], constraints: Sequence[Constraint]) -> list[int]:
    """Rows (indices into `constraints`) of an irreducible infeasible subset of the LP relaxation;
    empty when the relaxation is feasible or HiGHS finds none."""
    m = build(variables, constraints, None, relax=True)
    return _iis(m.h)[0]


def _iis(h) -> tuple[list[int], list[int]]:
    """(rows, columns) of an irreducible infeasible subset of the LP in `h` (columns: their bounds)."""
    import highspy
    strategy = int(highspy.IisStrategy.kIisStrategyFromLp) | int(highspy.IisStrategy.kIisStrategyIrreducible)
    h.setOptionValue("iis_strategy", strategy)
    h.run()
    _, iis = h.getIis()
    if not iis.valid_:
        return [], []
    return sorted(set(int(i) for i in iis.row_index_)), sorted(set(int(j) for j in iis.col_index_))


def _relaxed_copy(h):
    """A new silent Highs holding the LP relaxation (no integrality, no objective) of the model in `h`."""
    from .core import new_highs
    lp = h.getLp()
    lp.integrality_ = []
    lp.col_cost_ = np.zeros(lp.num_col_)
    lp.offset_ = 0.0
    h2 = new_highs()
    h2.passModel(lp)
    return h2


def model_iis(h) -> tuple[list[int], list[int]]:
    """(rows, columns whose bounds take part) of an IIS of the LP relaxation of the model held by
    `h` (a highspy.Highs, e.g. an array model's); empty when the relaxation is feasible."""
    h2 = _relaxed_copy(h)
    h2.run()
    if status_of_model(h2) != Status.INFEASIBLE:
        return [], []
    return _iis(h2)


def status_of_model(h) -> Status | None:
    from .core import status_of
    return status_of(h.getModelStatus())


def model_elastic(h, rows: Sequence[int], weights: Sequence[float], *, time_limit: float | None = 30.0,
                  mip_gap: float | None = None, reoptimise: bool = True) -> Relaxation:
    """`elastic` for a model held by a Highs: slacks on `rows` (weighted), integrality kept, the
    weighted slack minimised; then (`reoptimise`) the relaxed right-hand sides fixed and the original
    objective optimised for the relaxed plan. changes: row -> amount added to the row's bound(s)."""
    import highspy
    from .core import new_highs
    base = h.getLp()
    lp = h.getLp()
    lp.col_cost_ = np.zeros(lp.num_col_)
    lp.offset_ = 0.0
    lp.sense_ = highspy.ObjSense.kMinimize
    e = new_highs()
    e.passModel(lp)
    slack = {}     # row -> (column of the downward slack or None, column of the upward slack or None)
    n = lp.num_col_
    for k, i in enumerate(rows):
        lo, hi = float(lp.row_lower_[i]), float(lp.row_upper_[i])
        dn = up = None
        if math.isfinite(hi):      # lhs <= hi: lhs - dn <= hi lets lhs exceed it
            e.addCol(float(weights[k]), 0.0, highspy.kHighsInf, 1, np.array([i], dtype=np.int32), np.array([-1.0]))
            dn, n = n, n + 1
        if math.isfinite(lo):      # lhs >= lo: lhs + up >= lo
            e.addCol(float(weights[k]), 0.0, highspy.kHighsInf, 1, np.array([i], dtype=np.int32), np.array([1.0]))
            up, n = n, n + 1
        slack[i] = (dn, up)
    configure(e, time_limit, mip_gap=mip_gap)
    res = run(e)
    if res.status not in (Status.OPTIMAL, Status.TIME_LIMIT) or res.values is None:
        return Relaxation(res.status or Status.INFEASIBLE, {}, None, None)
    changes: dict[int, float] = {}
    for i, (dn, up) in slack.items():
        delta = (res.values[dn] if dn is not None else 0.0) - (res.values[up] if up is not None else 0.0)
        ref = max(1.0, abs(float(base.row_upper_[i] if math.isfinite(base.row_upper_[i]) else base.row_lower_[i])))
        if abs(delta) > 1e-7 * ref:
            changes[i] = float(delta)
    values, obj = res.values[:base.num_col_], None
    if reoptimise:
        fixed = new_highs()
        fixed.passModel(base)
        for i, delta in changes.items():
            lo, hi = float(base.row_lower_[i]), float(base.row_upper_[i])
            fixed.changeRowBounds(i, lo + delta if math.isfinite(lo) else lo, hi + delta if math.isfinite(hi) else hi)
        configure(fixed, time_limit, mip_gap=mip_gap)
        res2 = run(fixed)
        if res2.values is not None:
            values, obj = res2.values, res2.objective
    return Relaxation(Status.OPTIMAL, changes, values, obj)


@dataclass
class RowSensitivity:
    """A constraint's dual value (objective change per unit of right-hand side) and the range of
    right-hand sides over which that value holds."""
    dual: float
    rhs_low: float | None     # None: no limit that way
    rhs_high: float | None


@dataclass
class ColSensitivity:
    """A decision's reduced cost and the range of its objective coefficient that keeps the plan."""
    reduced_cost: float
    cost_low: float | None
    cost_high: float | None


def _finite(x: float) -> float | None:
    return float(x) if math.isfinite(x) and abs(x) < 1e29 else None


def sensitivity(variables: Sequence[Variable], constraints: Sequence[Constraint], objective: Objective
                ) -> tuple[list[RowSensitivity], list[ColSensitivity]] | None:
    """Duals and ranging of the LP (integrality ignored: call it for LPs only); None unless optimal."""
    m = build(variables, constraints, objective, relax=True)
    if run(m.h, mip=False).status != Status.OPTIMAL:
        return None
    import highspy
    sol = m.h.getSolution()
    basis = m.h.getBasis()
    _, rng = m.h.getRanging()
    n = len(m.variables)
    rows, cols = [], []
    for i, con in enumerate(m.rows):
        if basis.row_status[i] == highspy.HighsBasisStatus.kBasic:
            # not binding: the dual is 0 from the row's activity outwards (HiGHS ranges other things here)
            act = float(sol.row_value[i])
            lo, hi = (act, None) if con.sense == "<=" else (None, act) if con.sense == ">=" else (act, act)
        else:
            lo = _finite(rng.row_bound_dn.value_[i]) if rng.valid else None
            hi = _finite(rng.row_bound_up.value_[i]) if rng.valid else None
        rows.append(RowSensitivity(float(sol.row_dual[i]), lo, hi))
    for j in range(n):
        lo = _finite(rng.col_cost_dn.value_[j]) if rng.valid else None
        hi = _finite(rng.col_cost_up.value_[j]) if rng.valid else None
        cols.append(ColSensitivity(float(sol.col_dual[j]), lo, hi))
    return rows, cols


@dataclass
class Relaxation:
    """The smallest weighted change of right-hand sides that makes the model feasible."""
    status: Status                       # OPTIMAL when a relaxation was found
    changes: dict[int, float]            # row index -> amount added to its right-hand side (signed)
    values: np.ndarray | None            # a plan of the relaxed model (original objective when given)
    objective: float | None


def elastic(variables: Sequence[Variable], constraints: Sequence[Constraint], rows: Sequence[int],
            objective: Objective | None = None, *, weights: Sequence[float] | None = None,
            time_limit: float | None = 30.0) -> Relaxation:
    """Elastic model: each row in `rows` gets slack variables (one per direction it can be broken),
    minimise the weighted sum of slacks with integrality kept (the L1 relaxation), then fix the
    relaxed right-hand sides and optimise `objective` over them for the relaxed plan
    (`model_elastic` on the built model: one row per constraint, in order)."""
    rows = list(rows)
    w = list(weights) if weights is not None else [1.0] * len(rows)
    m = build(variables, constraints, objective)
    return model_elastic(m.h, rows, w, time_limit=time_limit, reoptimise=objective is not None)
