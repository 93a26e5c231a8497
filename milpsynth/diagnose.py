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
SENSE_WORD = {"<=": "at most", ">=": "at least", "==": "exactly"}


@dataclass
class Change:
    paragraph: int                 # 0-based
    constraint: str
    sense: str
    old: float
    new: float
    unit: str = ""

    def describe(self, text: str) -> str:
        word = SENSE_WORD[self.sense]
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


# ---- class problems (milpsynth.classes): rows of indexed families ---------------------------------

@dataclass
class RowChange:
    member: str
    family: str
    sense: str          # <=, >=, ==
    old: float
    new: float
    lines: list

    def describe(self) -> str:
        from .classes.problem import lines_text
        from .display import value_text
        word = SENSE_WORD[self.sense]
        where = f"  ({lines_text(self.lines)})" if self.lines else ""
        return f"{self.member}: {word} {value_text(self.new)} instead of {value_text(self.old)}{where}"

    def to_dict(self) -> dict:
        return {"member": self.member, "family": self.family, "sense": self.sense, "old": self.old,
                "new": self.new, "lines": self.lines}


@dataclass
class ClassDiagnosis:
    """Why a class problem has no optimum, by the rows of its families and the statements behind them."""
    status: Status
    message: str = ""
    conflict: list = field(default_factory=list)        # [(family, [member names], statement line, data lines)]
    bounds: list = field(default_factory=list)          # [(family or None, [column names])] bounds in the IIS
    changes: list = field(default_factory=list)         # RowChange
    relaxed_objective: float | None = None
    suggestions: list = field(default_factory=list)

    @property
    def families(self) -> list[str]:
        return [f.name for f, *_ in self.conflict] + [f.name for f, _ in self.bounds if f is not None]

    @property
    def statement_lines(self) -> list[int]:
        """The text's lines the conflict rests on: statements and the data lines of the rows involved."""
        out = set()
        for f, _, line, data in self.conflict:
            out.update(data)
            if line:
                out.add(line)
        for f, _ in self.bounds:
            if f is not None and f.line:
                out.add(f.line)
        return sorted(out)

    def to_dict(self) -> dict:
        return {"status": self.status.value, "message": self.message,
                "conflict": [{"family": f.name, "statement": f.statement, "line": line, "members": ms,
                              "data_lines": data} for f, ms, line, data in self.conflict],
                "bounds": [{"family": f.name if f else None, "columns": cs} for f, cs in self.bounds],
                "changes": [c.to_dict() for c in self.changes], "relaxed_objective": self.relaxed_objective,
                "suggestions": self.suggestions}

    def __str__(self) -> str:
        from .display import value_text
        lines = [f"status: {self.status}"] + ([self.message] if self.message else [])
        if self.conflict or self.bounds:
            lines.append("these statements and rows cannot all hold:")
        for f, ms, line, data in self.conflict:
            src = f'line {line}: "{short(f.statement, 70)}"' if f.statement else "implied by the class"
            shown = ", ".join(ms[:6]) + (f", ... ({len(ms)} rows)" if len(ms) > 6 else "")
            lines.append(f"  {f.name} ({src}): {shown}" + (f"; data lines {', '.join(map(str, data))}"
                                                          if data else ""))
        for f, cs in self.bounds:
            shown = ", ".join(cs[:6]) + (f", ... ({len(cs)})" if len(cs) > 6 else "")
            lines.append(f"  bounds: {shown}" + (f" ({f.name})" if f is not None else ""))
        if self.changes:
            lines.append("smallest change that makes it feasible:")
            lines += ["  " + c.describe() for c in self.changes]
            if self.relaxed_objective is not None:
                lines.append(f"with that change the best plan has objective {value_text(self.relaxed_objective)}")
        lines += [f"suggestion: {s}" for s in self.suggestions]
        return "\n".join(lines)


def diagnose_class(problem, *, time_limit: float | None = 30.0) -> ClassDiagnosis:
    """Diagnosis of a class problem (`milpsynth.classes.ClassProblem`): solve; when infeasible, an IIS of
    the LP relaxation of its array model mapped onto the families' rows (by name), the statements and
    data lines behind them, and the smallest weighted change of those rows' limits (weight
    1 / max(1, |limit|), integrality kept) with the objective of the relaxed plan."""
    from .classes.indexed import IndexedModel
    from .highs.analysis import model_elastic, model_iis
    am = problem.build()       # built once: solved, then named
    sol = problem.solve(time_limit=time_limit, am=am)
    d = ClassDiagnosis(sol.status)
    if sol.status in (Status.OPTIMAL, Status.TIME_LIMIT):
        d.message = "the model is feasible; nothing to diagnose"
        return d
    if sol.status != Status.INFEASIBLE:
        d.message = sol.message
        return d
    view = IndexedModel(problem, am)
    h = am.to_highs()
    rows, cols = model_iis(h)
    if not rows and not cols:
        d.message = ("infeasible only because of integrality: the statements can all hold with fractional "
                     "decisions, but not with whole numbers or yes/no choices")
        rows = [m.row for m in view.members if m.family.statement or m.family in problem.families]
    else:
        d.message = f"infeasible: {len(rows)} row(s) of the model conflict"
    by_fam: dict[int, tuple] = {}
    for r in rows:
        m = view.members[r]
        fam = m.family
        entry = by_fam.setdefault(id(fam), (fam, [], fam.line, set()))
        entry[1].append(m.name)
        entry[3].update(ln for ln in m.lines if ln != fam.line)
    d.conflict = [(f, ms, line, sorted(data)) for f, ms, line, data in by_fam.values()]
    bound_fams: dict = {}
    lp = h.getLp()
    for c in cols:
        f = view.bound_family(c)
        bound_fams.setdefault(id(f), (f, []))[1].append(_bound_text(view.columns[c], float(lp.col_lower_[c]),
                                                                    float(lp.col_upper_[c])))
    d.bounds = list(bound_fams.values())
    def relax_rows(rs):       # a relative change of each limit: weight 1 / max(1, |limit|)
        refs = [max(1.0, abs(float(lp.row_upper_[r] if lp.row_upper_[r] < 1e300 else lp.row_lower_[r])))
                for r in rs]
        return model_elastic(h, rs, [1.0 / x for x in refs], time_limit=time_limit)

    relax = relax_rows(rows)
    stated = [m.row for m in view.members if not m.family.name.startswith("solver row")]
    if relax.status != Status.OPTIMAL and set(stated) != set(rows):
        relax = relax_rows(stated)      # the conflict's rows alone cannot give way: any stated row may
    if relax.status != Status.OPTIMAL:
        d.suggestions.append("no change of these rows' limits alone makes the model feasible")
        return d
    for r, delta in sorted(relax.changes.items()):
        m = view.members[r]
        lo, hi = float(lp.row_lower_[r]), float(lp.row_upper_[r])
        sense = "==" if lo == hi else "<=" if hi < 1e300 else ">="
        old = hi if sense != ">=" else lo
        d.changes.append(RowChange(m.name, m.family.name, sense, old, old + delta, m.lines))
    d.relaxed_objective = relax.objective
    return d


def _bound_text(name: str, lo: float, hi: float) -> str:
    from .display import value_text
    if lo > -1e300 and hi < 1e300:
        return f"{value_text(lo)} <= {name} <= {value_text(hi)}"
    return f"{name} >= {value_text(lo)}" if lo > -1e300 else f"{name} <= {value_text(hi)}"
