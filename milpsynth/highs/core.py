"""A silent HiGHS, its options, and one mapping of its statuses onto milpsynth's `Status`."""
from __future__ import annotations

import contextlib
import math
import os
import time
from dataclasses import dataclass, field

import numpy as np

from ..status import Status


@contextlib.contextmanager
def _quiet_fd():
    """HiGHS prints its banner from C++ on the first Highs(); keep library use silent."""
    try:
        fd = os.dup(1)
    except OSError:  # pragma: no cover - no stdout
        yield
        return
    with open(os.devnull, "w") as null:
        os.dup2(null.fileno(), 1)
        try:
            yield
        finally:
            os.dup2(fd, 1)
            os.close(fd)


def new_highs():
    """An empty `highspy.Highs` that prints nothing."""
    import highspy
    with _quiet_fd():
        h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    return h


def status_of(model_status) -> Status | None:
    """HiGHS's model status as a `Status`; None for 'infeasible or unbounded' (the caller decides)."""
    import highspy
    S = highspy.HighsModelStatus
    if model_status == S.kOptimal:
        return Status.OPTIMAL
    if model_status == S.kInfeasible:
        return Status.INFEASIBLE
    if model_status == S.kUnbounded:
        return Status.UNBOUNDED
    if model_status == S.kUnboundedOrInfeasible:
        return None
    if model_status in (S.kTimeLimit, S.kIterationLimit, S.kSolutionLimit, S.kInterrupt, S.kObjectiveBound,
                        S.kObjectiveTarget):
        return Status.TIME_LIMIT
    return Status.ERROR


def status_of_termination(tc) -> Status | None:
    """A Pyomo `TerminationCondition` (the generators' Pyomo path) as a `Status`, same rules."""
    from pyomo.contrib.solver.common.results import TerminationCondition as TC
    if tc == TC.convergenceCriteriaSatisfied:
        return Status.OPTIMAL
    if tc in (TC.provenInfeasible, TC.locallyInfeasible):
        return Status.INFEASIBLE
    if tc == TC.unbounded:
        return Status.UNBOUNDED
    if tc == TC.infeasibleOrUnbounded:
        return None
    if tc in (TC.maxTimeLimit, TC.iterationLimit, TC.objectiveLimit, TC.interrupted):
        return Status.TIME_LIMIT
    return Status.ERROR


def configure(h, time_limit: float | None = None, *, mip_gap: float | None = None, threads: int | None = None,
              seed: int | None = 0) -> None:
    """Set the options every milpsynth solve uses (None leaves HiGHS's default)."""
    if seed is not None:
        h.setOptionValue("random_seed", int(seed))
    if time_limit is not None:
        h.setOptionValue("time_limit", float(time_limit))
    if mip_gap is not None:
        h.setOptionValue("mip_rel_gap", float(mip_gap))
    if threads is not None:
        h.setOptionValue("threads", int(threads))


@dataclass
class RunResult:
    status: Status | None            # None: HiGHS said 'infeasible or unbounded'
    objective: float | None = None
    gap: float | None = None
    values: np.ndarray | None = field(default=None, repr=False)   # column values when a solution exists
    seconds: float = 0.0
    model_status: str = ""           # HiGHS's own word, for messages


def run(h, *, mip: bool | None = None) -> RunResult:
    """Run a configured Highs; its status, incumbent objective, relative gap (MIPs) and column values."""
    start = time.perf_counter()
    h.run()
    secs = time.perf_counter() - start
    ms = h.getModelStatus()
    info = h.getInfo()
    status = status_of(ms)
    has_sol = int(info.primal_solution_status) == 2    # kSolutionStatusFeasible
    if status in (Status.INFEASIBLE, Status.UNBOUNDED, None):
        has_sol = False
    obj = float(info.objective_function_value) if has_sol else None
    gap = None
    if has_sol:
        if mip is None:
            mip = len(h.getLp().integrality_ or ()) > 0
        gap = float(info.mip_gap) if mip else 0.0
        if not math.isfinite(gap):
            gap = None
    values = np.asarray(h.getSolution().col_value, dtype=float) if has_sol else None
    return RunResult(status, obj, gap, values, secs, h.modelStatusToString(ms))
