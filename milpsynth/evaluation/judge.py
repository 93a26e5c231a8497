"""The automatic judge: a generated `Problem` against a reference model, at two levels.

(a) Solution level. Both models are solved with every non-binary variable continuous, and again
    with every one integer; status (optimal / infeasible / unbounded) and optimum must agree
    (relative tolerance `rel_tol`). The reference is solved at each M in `m_values`. With
    continuous variables the lower link `bi_x <= M * x` is weak (bi_x = 1 only forces x >= 1/M), so
    where the reference optimum moves with M the continuous reading is skipped. With integer
    variables `bi_x <= M * x` is exact for any M >= 1, so the integer reading always applies and
    uses the largest M (a move is noted: it means a smaller M cut off feasible quantities).
    The generated model is re-read on a copy whose quantities get the other kind, with the linking
    stage run again (its lower-link M depends on the kind).
(b) Structural level: see `structure.py` (matching up to scaling and renaming, links by kind).
(c) Per paragraph: a constraint paragraph is correct when its constraint is matched to a reference
    paragraph constraint (one to one); the objective paragraph when the objective matches.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Problem
from ..expr import Constraint
from ..reference import FOLDED, LINK_UPPER, ReferenceModel, parse_reference
from ..status import Status
from ..stages.link import Linker
from .numeric import NumericResult, same_result, solve_numeric
from .structure import LOWER, UPPER, Comparison, Row, Side, find_renaming

KINDS = ("continuous", "integer")


@dataclass
class Reading:
    """One reading (all quantities continuous, or all integer) of both models."""

    kind: str
    reference: NumericResult                       # at the largest M
    reference_by_m: dict[float, NumericResult]
    generated: NumericResult
    applicable: bool = True
    reason: str = ""

    @property
    def agree(self) -> bool:
        return same_result(self.generated, self.reference)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "applicable": self.applicable, "reason": self.reason,
                "agree": self.agree, "reference": self.reference.to_dict(),
                "reference_by_m": {f"{m:g}": r.to_dict() for m, r in self.reference_by_m.items()},
                "generated": self.generated.to_dict()}


@dataclass
class Verdict:
    readings: dict[str, Reading]
    comparison: Comparison | None
    paragraphs_ok: list[bool]                      # per paragraph of the problem
    notes: list[str] = field(default_factory=list)

    @property
    def solution_ok(self) -> bool:
        """Every applicable reading agrees (False when none applies)."""
        used = [r for r in self.readings.values() if r.applicable]
        return bool(used) and all(r.agree for r in used)

    @property
    def structural_ok(self) -> bool:
        return self.comparison is not None and self.comparison.ok

    @property
    def paragraphs_correct(self) -> int:
        return sum(self.paragraphs_ok)

    def to_dict(self) -> dict:
        c = self.comparison
        return {
            "solution_ok": self.solution_ok, "structural_ok": self.structural_ok,
            "paragraphs_ok": list(self.paragraphs_ok),
            "readings": {k: r.to_dict() for k, r in self.readings.items()},
            "renaming": {g: (None if r.startswith("?") else r) for g, r in c.rename.items()} if c else {},
            "objective_ok": c.objective_ok if c else False,
            "missing": list(c.missing) if c else [], "extra": list(c.extra) if c else [],
            "missing_links": list(c.missing_links) if c else [],
            "extra_links": list(c.extra_links) if c else [],
            "notes": list(self.notes),
        }

    def __str__(self) -> str:
        lines = [f"solution level: {'correct' if self.solution_ok else 'WRONG'}; "
                 f"structural: {'correct' if self.structural_ok else 'WRONG'}; "
                 f"paragraphs {self.paragraphs_correct}/{len(self.paragraphs_ok)}"]
        for r in self.readings.values():
            g, ref = r.generated, r.reference
            lines.append(f"  {r.kind}: generated {g.status} {g.objective}, reference {ref.status} {ref.objective}"
                         + ("" if r.applicable else f" (skipped: {r.reason})"))
        c = self.comparison
        if c is not None:
            renamed = {g: r for g, r in c.rename.items() if g != r and not r.startswith("?")}
            if renamed:
                lines.append(f"  renaming: {renamed}")
            if not c.objective_ok:
                lines.append("  objective does not match")
            lines += [f"  missing: {m}" for m in c.missing] + [f"  extra: {e}" for e in c.extra]
            lines += [f"  missing link: {m}" for m in c.missing_links]
            lines += [f"  extra link: {e}" for e in c.extra_links]
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)


# -- reducing both models for structural comparison ----------------------------------------------
def reference_side(ref: ReferenceModel, M: float = 1e6) -> Side:
    rows, links = [], {}
    for c in ref.constraints:
        label = f"line {c.line_no}: {c.line.strip()}"
        if c.kind == FOLDED:
            rows.append(Row.make({c.variable: 1.0}, "<=", c.bound, label))
            links[(c.variable, UPPER)] = label
        elif c.is_link:
            links[(c.variable, UPPER if c.kind == LINK_UPPER else LOWER)] = label
        else:
            n = c.numeric(M)
            rows.append(Row.make(n.lhs.coefs, n.sense, n.rhs, label))
    objective = None
    if ref.objective is not None:
        o = ref.objective.numeric(M)
        objective = (o.sense, o.expr.terms, o.expr.constant)
    entities: dict[str, tuple[str | None, str | None]] = {}
    for v in ref.quantities:
        bi = "bi_" + v
        entities[v] = (v, bi if bi in ref.variables else None)
    for b in ref.binaries:
        base = b[3:]
        if base not in entities:
            entities[base] = (None, b)
    return Side(rows, links, objective, entities)


def _link_shape(c: Constraint, problem: Problem):
    """(x, 'upper', U) for `x <= U*bi_x`, (x, 'lower', None) for `bi_x <= c*x`, else None."""
    if len(c.lhs.terms) != 2 or c.rhs != 0 or c.sense == "==":
        return None
    variables = problem.variables
    (a, ca), (b, cb) = c.lhs.terms
    for x, cx, bi, cbi in ((a, ca, b, cb), (b, cb, a, ca)):
        v = variables.get(bi)
        if v is not None and v.indicator_of == x:
            sign = 1.0 if c.sense == "<=" else -1.0
            if cx * sign > 0 > cbi * sign:
                return x, UPPER, -cbi / cx
            if cx * sign < 0 < cbi * sign:
                return x, LOWER, None
    return None


def generated_side(problem: Problem) -> Side:
    rows, links, extra_links = [], {}, []
    for p in problem.paragraphs:
        c = p.element
        if not isinstance(c, Constraint):
            continue
        label = f"paragraph {p.index + 1}: {c.display}"
        shape = _link_shape(c, problem)
        if shape is not None and shape[1] == UPPER:          # folded bound x <= b * bi_x
            rows.append(Row.make({shape[0]: 1.0}, "<=", shape[2], label, p.index))
            links[(shape[0], UPPER)] = label
        else:
            rows.append(Row.make(c.lhs.coefs, c.sense, c.rhs, label, p.index))
    for c in problem.links:
        shape = _link_shape(c, problem)
        label = f"{c.name or c.template}: {c.display}"
        if shape is None:
            extra_links.append(label)
        else:
            links[(shape[0], shape[1])] = label
    objective = None
    if problem.objective is not None:
        o = problem.objective
        objective = (o.sense, o.expr.terms, o.expr.constant)
    entities: dict[str, tuple[str | None, str | None]] = {}
    if problem.variables is not None:
        for v in problem.variables.values():
            if v.indicator_of is not None:
                continue
            if v.kind == "binary":
                ent = v.name[3:] if v.name.startswith("bi_") else v.name
                entities[ent if ent not in entities else v.name] = (None, v.name)
            else:
                bi = "bi_" + v.name
                entities[v.name] = (v.name, bi if bi in problem.variables else None)
    return Side(rows, links, objective, entities, extra_links)


# -- solution level ------------------------------------------------------------------------------
def _reread(problem: Problem, kind: str, linker) -> Problem:
    """A copy with every quantity of `kind`. Where a kind changed, the links are made again (the
    lower-link M depends on the kind), but only the links the problem had: a link the generator
    left out stays out, so the reading judges the model as generated."""
    copy = Problem.from_dict(problem.to_dict())
    changed = False
    for v in copy.variables.values():
        if v.kind in KINDS and v.kind != kind:
            v.kind, changed = kind, True
    if not changed:
        return copy
    had = {}
    kept = []
    for c in problem.links:
        shape = _link_shape(c, problem)
        if shape is None:
            kept.append(c)
        else:
            had[shape[:2]] = c
    linker(copy)
    copy.links = [c for c in copy.links if (_link_shape(c, copy) or (None, None))[:2] in had] + kept
    return copy


def _generated_result(problem: Problem, kind: str, linker, time_limit: float) -> NumericResult:
    if problem.variables is None or problem.objective is None:
        return NumericResult(Status.ERROR, message="the generated problem has no model (no variables or objective)")
    copy = _reread(problem, kind, linker)
    return solve_numeric(list(copy.variables.values()), copy.constraints, copy.objective, time_limit=time_limit)


def judge(problem: Problem, reference: ReferenceModel | str, *, m_values=(1e4, 1e6), rel_tol: float = 1e-6,
          move_tol: float = 1e-9, linker=None, time_limit: float = 20.0) -> Verdict:
    """Judge `problem` (from `formulate`) against a reference model (parsed or text).

    rel_tol: optima agree within this relative tolerance (also used for coefficients).
    move_tol: the reference optimum "moves with M" when it changes by more than this (relative):
        strict, since a weak link can move the optimum by less than rel_tol while the generated
        model's own (proven) M moves it by more.
    """
    ref = parse_reference(reference) if isinstance(reference, str) else reference
    linker = linker or Linker()
    notes = []
    if ref.unread:
        notes.append(f"the reference has {len(ref.unread)} unread line(s): "
                     + "; ".join(str(u) for u in ref.unread))
    m_values = sorted(m_values)
    readings = {}
    if ref.objective is not None:
        for kind in KINDS:
            by_m = {}
            for M in m_values:
                num = ref.instantiate(M, kind)
                by_m[M] = solve_numeric(num.variables, num.constraints, num.objective, time_limit=time_limit)
            main = by_m[m_values[-1]]
            moves = not all(same_result(r, main, move_tol) for r in by_m.values())
            gen = _generated_result(problem, kind, linker, time_limit)
            reading = Reading(kind, main, by_m, gen)
            if moves and kind == "continuous":
                reading.applicable = False
                reading.reason = ("the reference optimum moves with M (bi_x <= M*x is weak for continuous x): "
                                  + ", ".join(f"M={m:g}: {r.status} {r.objective}" for m, r in by_m.items()))
            elif moves:
                notes.append(f"integer reading: the reference optimum moves with M; M={m_values[-1]:g} used")
            readings[kind] = reading
    else:
        notes.append("the reference has no objective: no solution-level judgement")
    ref_side = reference_side(ref, m_values[-1])
    gen_side = generated_side(problem)
    comparison = find_renaming(gen_side, ref_side, tol=rel_tol)
    ok = [False] * len(problem.paragraphs)
    for row, match in zip(gen_side.rows, comparison.row_match):
        if match is not None and row.paragraph is not None:
            ok[row.paragraph] = True
    obj = problem.objective
    if obj is not None and obj.paragraph is not None and 0 <= obj.paragraph < len(ok):
        ok[obj.paragraph] = comparison.objective_ok
    return Verdict(readings, comparison, ok, notes)
