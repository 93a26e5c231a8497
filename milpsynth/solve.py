"""Solve a problem with HiGHS (through `milpsynth.highs`); infeasible and unbounded are results, not errors."""
from __future__ import annotations

from dataclasses import dataclass, field

from .document import Problem
from .errors import MilpsynthError, SolverError
from .expr import fmt_num
from .status import Status

__all__ = ["Solution", "Status", "solve"]


@dataclass
class Solution:
    status: Status
    objective: float | None = None
    values: dict[str, float] = field(default_factory=dict)
    gap: float | None = None
    message: str = ""
    conflict: list[str] = field(default_factory=list)            # constraint names in the IIS
    conflict_paragraphs: list[int] = field(default_factory=list)  # 0-based paragraph indices
    seconds: float = 0.0
    problem: Problem | None = field(default=None, repr=False, compare=False)

    @property
    def has_values(self) -> bool:
        return bool(self.values)

    def to_dict(self) -> dict:
        return {"status": self.status.value, "objective": self.objective, "values": self.values, "gap": self.gap,
                "message": self.message, "conflict": self.conflict,
                "conflict_paragraphs": [i + 1 for i in self.conflict_paragraphs], "seconds": self.seconds}

    def explain(self) -> str:
        """The solution in the problem's words: status, objective, decisions, binding paragraphs."""
        from .explain import explain
        return explain(self)

    def report(self) -> str:
        """`explain()` plus the slack of every paragraph and, for LPs, duals and ranging in words."""
        from .report import report
        return report(self)

    def __str__(self) -> str:
        return self.explain()


def solve(problem: Problem, time_limit: float | None = 30.0, *, mip_gap: float | None = None,
          threads: int | None = None) -> Solution:
    from .build import check_buildable
    from .highs import build, configure, run
    from .highs.analysis import feasibility_status

    check_buildable(problem)
    variables = list(problem.variables.values())
    try:
        model = build(variables, problem.constraints, problem.objective)
        configure(model.h, time_limit, mip_gap=mip_gap, threads=threads)
        res = run(model.h)
        status = res.status
        if status is None:       # HiGHS: 'infeasible or unbounded'; a feasibility solve decides
            feas = feasibility_status(variables, problem.constraints, time_limit)
            status = Status.UNBOUNDED if feas == Status.OPTIMAL else Status.INFEASIBLE
    except MilpsynthError:
        raise
    except Exception as exc:  # translate anything highspy raises
        raise SolverError(f"HiGHS could not be run: {type(exc).__name__}: {exc}", field="solve") from None
    sol = Solution(status, problem=problem, seconds=res.seconds)
    if res.values is not None and status in (Status.OPTIMAL, Status.TIME_LIMIT):
        sol.values = _clean_values(problem, {v.name: float(res.values[model.columns[v.name]]) for v in variables})
        sol.objective = res.objective
        sol.gap = res.gap
    if status == Status.INFEASIBLE:
        _explain_infeasible(problem, sol)
    elif status == Status.UNBOUNDED:
        _explain_unbounded(problem, sol)
    elif status == Status.ERROR:
        sol.message = f"HiGHS stopped with '{res.model_status}'"
    elif status == Status.TIME_LIMIT:
        sol.message = (f"stopped at the time limit ({fmt_num(time_limit)} s)"
                       + (f", gap {sol.gap:.2%}" if sol.gap is not None else "")
                       + ("" if sol.values else ", no feasible solution found"))
    return sol


def _clean_values(problem: Problem, raw: dict) -> dict[str, float]:
    out = {}
    for name, val in raw.items():
        kind = problem.variables[name].kind
        if kind in ("binary", "integer") and abs(val - round(val)) < 1e-5:
            val = float(round(val))
        out[name] = 0.0 if val == 0 else float(val)   # no -0.0
    return out


def _explain_infeasible(problem: Problem, sol: Solution) -> None:
    """Name the paragraphs behind an irreducible infeasible subset of the LP relaxation."""
    from .highs.analysis import iis_rows, relaxation_status

    variables = list(problem.variables.values())
    cons = problem.constraints
    if relaxation_status(variables, cons) == Status.OPTIMAL:
        sol.message = ("infeasible only because of integrality: the LP relaxation is feasible, so no "
                       "irreducible subset of constraints can be named from it")
        return
    rows = iis_rows(variables, cons)
    if not rows:
        sol.message = "infeasible; HiGHS found no irreducible subset to report"
        return
    sol.conflict = [cons[i].name for i in rows]
    paras = sorted({cons[i].paragraph for i in rows if cons[i].paragraph is not None})
    sol.conflict_paragraphs = paras
    linked = [cons[i].name for i in rows if cons[i].paragraph is None]
    sol.message = ("infeasible: these paragraphs cannot all hold: "
                   + ", ".join(str(p + 1) for p in paras)
                   + (f" (with linking constraints {', '.join(linked)})" if linked else ""))


def unbounded_decisions(problem: Problem) -> list[str]:
    """The decisions that improve the objective and that nothing limits (LP relaxation maxima)."""
    from .highs import maximise_each
    obj = problem.objective
    sign = 1.0 if obj.sense == "maximize" else -1.0
    improving = [v for v, c in obj.expr.terms if sign * c > 0]
    return [v for v, ub in maximise_each(list(problem.variables.values()), problem.constraints,
                                         improving).items() if ub is None]


def _explain_unbounded(problem: Problem, sol: Solution) -> None:
    obj = problem.objective
    names = ", ".join(unbounded_decisions(problem)) or "some variables"
    sol.conflict_paragraphs = [obj.paragraph] if obj.paragraph is not None else []
    sol.message = (f"unbounded: nothing limits {names}, and the objective (paragraph "
                   f"{(obj.paragraph or 0) + 1}) improves without end as they grow")
