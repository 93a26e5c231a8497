"""Diagnosis of a model that has no optimum, in the paragraphs' words.

Infeasible: the paragraphs of irreducible infeasible subsets (HiGHS's IIS of the LP relaxation,
repeated with each found subset set aside until the rest is feasible, so two separate conflicts
are both named), then the smallest relaxation that restores feasibility: an elastic model with a
slack on each implicated paragraph's constraint, weighted by 1 / max(1, |right-hand side|) (a
relative change), integrality kept, minimised; each relaxed limit is said in the paragraph's unit,
with the plan of the relaxed model (its original objective optimised). 'Integrality only' (the LP
relaxation is feasible) is said so, and the relaxation is sought over every paragraph.
Unbounded: the objective paragraph, the decisions nothing limits, and the bound that is missing.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .status import Status
from .wording import amount, short, unit_of

MAX_SUBSETS = 10


@dataclass
class Change:
    paragraph: int                 # 0-based
    constraint: str
    sense: str
    old: float
    new: float
    unit: str = ""

    def describe(self, text: str) -> str:
        word = {"<=": "at most", ">=": "at least", "==": "exactly"}[self.sense]
        return (f"paragraph {self.paragraph + 1}: {word} {amount(self.new, self.unit)} instead of "
                f"{amount(self.old, self.unit)}  ({short(text, 70)})")

    def to_dict(self) -> dict:
        return {"paragraph": self.paragraph + 1, "constraint": self.constraint, "sense": self.sense,
                "old": self.old, "new": self.new, "unit": self.unit}


@dataclass
class Diagnosis:
    status: Status
    message: str = ""
    conflicts: list[list[int]] = field(default_factory=list)     # each: 0-based paragraphs of one IIS
    links_involved: list[str] = field(default_factory=list)
    integrality_only: bool = False
    changes: list[Change] = field(default_factory=list)
    relaxed_status: Status | None = None
    relaxed_objective: float | None = None
    relaxed_values: dict[str, float] = field(default_factory=dict)
    unlimited: list[str] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    problem: object = field(default=None, repr=False, compare=False)

    @property
    def conflict_paragraphs(self) -> list[int]:
        return sorted({p for c in self.conflicts for p in c})

    def to_dict(self) -> dict:
        return {"status": self.status.value, "message": self.message,
                "conflicts": [[p + 1 for p in c] for c in self.conflicts], "links_involved": self.links_involved,
                "integrality_only": self.integrality_only, "changes": [c.to_dict() for c in self.changes],
                "relaxed_status": self.relaxed_status.value if self.relaxed_status else None,
                "relaxed_objective": self.relaxed_objective, "relaxed_values": self.relaxed_values,
                "unlimited": self.unlimited, "suggestions": self.suggestions}

    def __str__(self) -> str:
        from .display import value_text
        p = self.problem
        lines = [f"status: {self.status}", self.message] if self.message else [f"status: {self.status}"]
        for k, conflict in enumerate(self.conflicts, 1):
            head = "these paragraphs cannot all hold" + (f" (conflict {k})" if len(self.conflicts) > 1 else "")
            lines.append(head + ":")
            lines += [f"  paragraph {i + 1}: {short(p.paragraphs[i].text)}" for i in conflict]
        if self.links_involved:
            lines.append(f"  with the linking constraints {', '.join(self.links_involved)}")
        if self.changes:
            lines.append("smallest change that makes it feasible:")
            lines += ["  " + c.describe(p.paragraphs[c.paragraph].text) for c in self.changes]
            if self.relaxed_objective is not None:
                lines.append(f"with that change the best plan has objective {value_text(self.relaxed_objective)}:")
                for name, val in self.relaxed_values.items():
                    v = p.variables[name]
                    if not v.is_indicator:
                        lines.append(f"  {v.label or name}: {value_text(val)}")
        lines += [f"suggestion: {s}" for s in self.suggestions]
        return "\n".join(lines)


def _conflicts(variables, cons) -> tuple[list[list[int]], list[int]]:
    """Row sets of IISs found one after another, each set aside for the next search; and all rows."""
    from .highs.analysis import iis_rows, relaxation_status
    conflicts, aside = [], set()
    for _ in range(MAX_SUBSETS):
        keep = [i for i in range(len(cons)) if i not in aside]
        rest = [cons[i] for i in keep]
        if relaxation_status(variables, rest) != Status.INFEASIBLE:
            break
        rows = [keep[i] for i in iis_rows(variables, rest)]
        if not rows:
            break
        conflicts.append(rows)
        paragraph_rows = [i for i in rows if cons[i].paragraph is not None]
        aside.update(paragraph_rows or rows)
    return conflicts, sorted(aside)


def diagnose(problem, *, time_limit: float | None = 30.0) -> Diagnosis:
    """Why `problem` has no optimum, and what would give it one (see the module's docstring)."""
    from .solve import solve, unbounded_decisions
    sol = solve(problem, time_limit=time_limit)
    d = Diagnosis(sol.status, problem=problem)
    if sol.status in (Status.OPTIMAL, Status.TIME_LIMIT):
        d.message = "the model is feasible" + (" and solved to an optimum" if sol.status == Status.OPTIMAL else
                                               " (stopped at the time limit)") + "; nothing to diagnose"
        return d
    if sol.status == Status.UNBOUNDED:
        _unbounded(problem, d, unbounded_decisions(problem))
        return d
    if sol.status == Status.INFEASIBLE:
        _infeasible(problem, d, time_limit)
        return d
    d.message = sol.message
    return d


def _unbounded(problem, d: Diagnosis, unlimited: list[str]) -> None:
    obj = problem.objective
    d.unlimited = unlimited
    para = (obj.paragraph or 0) + 1
    d.message = (f"unbounded: the objective of paragraph {para} ({obj.sense}) improves without end as "
                 f"{', '.join(unlimited) or 'some decisions'} grow{'s' if len(unlimited) == 1 else ''}")
    for name in unlimited:
        v = problem.variables[name]
        d.suggestions.append(f"add a paragraph that limits {v.label or name} (e.g. 'At most N {v.label or name} "
                             f"...'), or a resource that every unit of it uses")
    d.suggestions.append(f"or check the direction of the objective in paragraph {para} "
                         f"({'minimise' if obj.sense == 'maximize' else 'maximise'}?)")


def _infeasible(problem, d: Diagnosis, time_limit) -> None:
    from .highs.analysis import elastic, relaxation_status
    variables = list(problem.variables.values())
    cons = problem.constraints
    paragraph_rows = [i for i, c in enumerate(cons) if c.paragraph is not None]
    if relaxation_status(variables, cons) == Status.OPTIMAL:
        d.integrality_only = True
        d.message = ("infeasible only because of integrality: the paragraphs can all hold with fractional "
                     "decisions, but not with whole numbers or yes/no choices")
        implicated = paragraph_rows
    else:
        conflicts, implicated = _conflicts(variables, cons)
        d.conflicts = [sorted({cons[i].paragraph for i in rows if cons[i].paragraph is not None})
                       for rows in conflicts]
        d.links_involved = sorted({cons[i].name for rows in conflicts for i in rows if cons[i].paragraph is None})
        d.message = f"infeasible: {len(conflicts)} conflict{'s' if len(conflicts) != 1 else ''} between paragraphs"
        implicated = [i for i in implicated if cons[i].paragraph is not None] or paragraph_rows
    def relax_rows(rows):     # a relative change of each limit: weight 1 / max(1, |limit|)
        weights = [1.0 / max(1.0, abs(cons[i].rhs)) for i in rows]
        return elastic(variables, cons, rows, problem.objective, weights=weights, time_limit=time_limit)

    relax = relax_rows(implicated)
    if relax.status != Status.OPTIMAL and implicated != paragraph_rows:
        relax = relax_rows(paragraph_rows)
    d.relaxed_status = relax.status
    if relax.status != Status.OPTIMAL:
        d.suggestions.append("no change of the paragraphs' limits alone makes the model feasible; check the "
                             "logic paragraphs and the decisions' kinds")
        return
    for i, delta in sorted(relax.changes.items(), key=lambda kv: cons[kv[0]].paragraph):
        c = cons[i]
        d.changes.append(Change(c.paragraph, c.name, c.sense, c.rhs, c.rhs + delta,
                                unit_of(problem.paragraphs[c.paragraph].text, c.rhs)))
    d.relaxed_objective = relax.objective
    if relax.values is not None:
        d.relaxed_values = {v.name: float(round(x, 9)) for v, x in zip(variables, relax.values)}
