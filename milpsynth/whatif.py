"""What-if: a plan the user proposes checked against the model without solving.

`check(problem, plan)` gives the objective of the plan and, grouped by paragraph, every constraint
it breaks and by how much (in the unit the paragraph states its limit in). Indicators the user
does not give are set from their quantity (bi_x = 1 exactly when x > 0); yes/no decisions must be
0/1 (True/False); decisions left out are taken as 0 and listed. `check_many` evaluates a matrix of
plans at once (vectorised) for sweeps and sampling.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

import numpy as np

from .errors import InputError
from .wording import amount, short, unit_of

TOL = 1e-6
LOGIC_TEMPLATES = ("type10", "type11", "type12", "type13")


@dataclass
class Violation:
    constraint: str
    paragraph: int | None          # 0-based; None for a linking constraint or a variable's bound
    template: str
    sense: str
    limit: float
    value: float                   # the plan's left-hand side
    by: float                      # how far from holding
    unit: str = ""
    sentence: str = ""             # the constraint read back in words (milpsynth.readback)

    def describe(self) -> str:
        word, need = {"<=": ("at most", "allowed"), ">=": ("at least", "required"),
                      "==": ("exactly", "required")}[self.sense]
        said = f"'{self.sentence}' does not hold: " if self.sentence else ""
        if self.template in LOGIC_TEMPLATES and self.sentence:
            return f"{self.constraint}: '{self.sentence}' does not hold"
        return (f"{self.constraint}: {said}{amount(self.value, self.unit)} where {word} "
                f"{amount(self.limit, self.unit)} is {need} (off by {amount(self.by, self.unit)})")

    def to_dict(self) -> dict:
        return {"constraint": self.constraint, "paragraph": None if self.paragraph is None else self.paragraph + 1,
                "template": self.template, "sense": self.sense, "limit": self.limit, "value": self.value,
                "by": self.by, "unit": self.unit, "sentence": self.sentence}


@dataclass
class CheckResult:
    objective: float
    feasible: bool
    violations: list[Violation] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)      # decisions not in the plan (taken as 0)
    derived: dict[str, float] = field(default_factory=dict)   # indicators set from their quantity
    fractional: list[str] = field(default_factory=list)   # integer decisions given a fraction
    problem: object = field(default=None, repr=False, compare=False)

    def by_paragraph(self) -> dict[int | None, list[Violation]]:
        out: dict[int | None, list[Violation]] = {}
        for v in self.violations:
            out.setdefault(v.paragraph, []).append(v)
        return out

    def to_dict(self) -> dict:
        return {"objective": self.objective, "feasible": self.feasible,
                "violations": [v.to_dict() for v in self.violations], "missing": self.missing,
                "derived": self.derived, "fractional": self.fractional}

    def __str__(self) -> str:
        from .display import value_text
        p = self.problem
        sense = p.objective.sense if p is not None and p.objective is not None else "objective"
        lines = [f"plan {'meets every constraint' if self.feasible else 'breaks the model'}; "
                 f"objective ({sense}): {value_text(self.objective)}"]
        if self.missing:
            lines.append(f"not in the plan, taken as 0: {', '.join(self.missing)}")
        if self.derived:
            lines.append("indicators set from their quantities: "
                         + ", ".join(f"{k} = {value_text(v)}" for k, v in self.derived.items()))
        if self.fractional:
            lines.append(f"integer decisions given a fraction: {', '.join(self.fractional)}")
        for para, vs in self.by_paragraph().items():
            if para is None:
                lines.append("breaks linking constraints or bounds:")
            else:
                text = short(p.paragraphs[para].text) if p is not None else ""
                lines.append(f"breaks paragraph {para + 1}: {text}")
            lines += [f"  {v.describe()}" for v in vs]
        return "\n".join(lines)


class PlanChecker:
    """The model as arrays (rows, bounds, objective) for evaluating plans quickly."""

    def __init__(self, problem):
        from .build import check_buildable
        check_buildable(problem)
        self.problem = problem
        self.vars = list(problem.variables.values())
        self.names = [v.name for v in self.vars]
        self.col = {n: i for i, n in enumerate(self.names)}
        cons = problem.constraints
        self.cons = cons
        a = np.zeros((len(cons), len(self.vars)))
        for i, c in enumerate(cons):
            for v, k in c.lhs.terms:
                a[i, self.col[v]] = k
        self.a = a
        self.lo = np.array([c.rhs if c.sense in (">=", "==") else -np.inf for c in cons])
        self.hi = np.array([c.rhs if c.sense in ("<=", "==") else np.inf for c in cons])
        self.lb = np.array([v.lb if v.lb is not None else -np.inf for v in self.vars])
        self.ub = np.array([v.ub if v.ub is not None else np.inf for v in self.vars])
        self.cost = np.zeros(len(self.vars))
        for v, k in problem.objective.expr.terms:
            self.cost[self.col[v]] = k
        self.const = problem.objective.expr.constant
        self.integer = np.array([v.kind in ("integer", "binary") for v in self.vars], dtype=bool)
        self.indicator_of = {i: self.col[v.indicator_of] for i, v in enumerate(self.vars)
                             if v.indicator_of is not None and v.indicator_of in self.col}

    def matrix(self, plans: Sequence[Mapping[str, float]] | np.ndarray, names: Sequence[str] | None = None
               ) -> tuple[np.ndarray, list[str], dict[str, np.ndarray]]:
        """Full plan matrix (k, n): given columns, indicators derived where not given, others 0."""
        if isinstance(plans, np.ndarray):
            given_names = list(names or [])
            if plans.ndim != 2 or plans.shape[1] != len(given_names):
                raise InputError(f"plans must be a (k, {len(given_names)}) array for names {given_names}",
                                 field="plan")
            given = np.asarray(plans, dtype=float)
        else:
            raise InputError("check_many takes a numpy array of plans and their column names", field="plan")
        unknown = [n for n in given_names if n not in self.col]
        if unknown:
            raise InputError(f"not a decision of this problem: {', '.join(unknown)} "
                             f"(decisions: {', '.join(self.names)})", field="plan")
        x = np.zeros((given.shape[0], len(self.vars)))
        for j, n in enumerate(given_names):
            x[:, self.col[n]] = given[:, j]
        derived = {}
        for i, q in self.indicator_of.items():
            if self.names[i] not in given_names:
                x[:, i] = (x[:, q] > TOL).astype(float)
                derived[self.names[i]] = x[:, i]
        missing = [n for i, n in enumerate(self.names) if n not in given_names and i not in self.indicator_of]
        return x, missing, derived

    def evaluate(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(objective (k,), row violations (k, m), bound violations (k, n)) of full plans x (k, n)."""
        act = x @ self.a.T
        row_v = np.maximum(np.maximum(act - self.hi, self.lo - act), 0.0)
        col_v = np.maximum(np.maximum(x - self.ub, self.lb - x), 0.0)
        return x @ self.cost + self.const, row_v, col_v

    def tolerance(self) -> np.ndarray:
        return TOL * np.maximum(1.0, np.abs(np.where(np.isfinite(self.hi), self.hi, self.lo)))


def _plan_row(problem, plan: Mapping[str, float]) -> tuple[list[str], np.ndarray]:
    if not isinstance(plan, Mapping):
        raise InputError(f"a plan is a mapping of decision names to values, got {type(plan).__name__}",
                         field="plan")
    names, vals = [], []
    for name, value in plan.items():
        if isinstance(value, bool):
            value = float(value)
        if not isinstance(value, (int, float)) or not np.isfinite(value):
            raise InputError(f"the value of {name!r} must be a finite number, got {value!r}", field="plan")
        v = problem.variables.get(name) if isinstance(name, str) else None
        if v is not None and v.kind == "binary" and value not in (0, 1):
            raise InputError(f"{name!r} is a yes/no decision: give 0 or 1 (or False/True), got {value!r}",
                             field="plan")
        names.append(name)
        vals.append(float(value))
    return names, np.array([vals])


def check(problem, plan: Mapping[str, float]) -> CheckResult:
    """The objective of `plan` and every constraint it breaks, grouped by paragraph."""
    pc = PlanChecker(problem)
    names, row = _plan_row(problem, plan)
    x, missing, derived = pc.matrix(row, names)
    obj, row_v, col_v = pc.evaluate(x)
    tol = pc.tolerance()
    act = (x @ pc.a.T)[0]
    out = []
    reader = None
    for i in np.flatnonzero(row_v[0] > tol):
        from .readback import Reader
        reader = reader or Reader(problem)
        c = pc.cons[i]
        para = problem.paragraphs[c.paragraph] if c.paragraph is not None else None
        out.append(Violation(c.name, c.paragraph, c.template, c.sense, c.rhs, float(act[i]), float(row_v[0, i]),
                             unit_of(para.text, c.rhs) if para is not None else "",
                             reader.constraint(c, para.slots if para is not None else None)))
    for j in np.flatnonzero(col_v[0] > TOL):
        v = pc.vars[j]
        sense, limit = ("<=", v.ub) if x[0, j] > (v.ub if v.ub is not None else np.inf) else (">=", v.lb)
        out.append(Violation(f"bound of {v.name}", None, "bound", sense, float(limit), float(x[0, j]),
                             float(col_v[0, j])))
    frac = [pc.names[j] for j in np.flatnonzero(pc.integer & (np.abs(x[0] - np.round(x[0])) > TOL))]
    return CheckResult(float(obj[0]), not out and not frac, out, missing,
                       {k: float(v[0]) for k, v in derived.items()}, frac, problem)


def check_many(problem, plans: np.ndarray, names: Sequence[str]) -> dict[str, np.ndarray]:
    """Vectorised check of k plans (rows of `plans`, columns named by `names`): objective (k,),
    feasible (k,) bool, worst (k,) largest violation of any row or bound, broken (k, m) bool per
    constraint (`problem.constraints` order)."""
    pc = PlanChecker(problem)
    x, _, _ = pc.matrix(np.asarray(plans, dtype=float), names)
    obj, row_v, col_v = pc.evaluate(x)
    broken = row_v > pc.tolerance()
    frac = (pc.integer & (np.abs(x - np.round(x)) > TOL)).any(axis=1)
    worst = np.maximum(row_v.max(axis=1, initial=0.0), col_v.max(axis=1, initial=0.0))
    feasible = ~broken.any(axis=1) & ~(col_v > TOL).any(axis=1) & ~frac
    return {"objective": obj, "feasible": feasible, "worst": worst, "broken": broken}
