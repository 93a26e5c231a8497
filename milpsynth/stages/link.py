"""Linking constraints for indicators, with the tightest big-M that can be proven.

For each quantity x whose indicator bi_x is used (by a constraint or the objective):
  upper link `x <= U * bi_x`: U is (1) the bound b of a type-1 paragraph `x <= b`, which is then
  folded into `x <= b * bi_x` as the paper does, else (2) the maximum of x over the LP relaxation of
  the paragraph constraints (rounded down for integer x), else (3) `default_m`, with a warning;
  lower link `bi_x <= M * x`: M = 1 for integer x (bi_x = 1 forces x >= 1, exactly), else
  M = 1 / min_positive (bi_x = 1 forces x >= min_positive).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from ..document import Problem
from ..expr import Constraint, LinearExpr, fmt_num
from ..highs import maximise_each


@dataclass
class Linker:
    default_m: float = 1e6
    min_positive: float = 1e-3

    name = "link"

    def __call__(self, problem: Problem) -> Problem:
        variables = problem.variables
        problem.links = []
        if variables is None or variables.pure_binary:
            return problem
        used = self._used_indicators(problem)
        if not used:
            return problem
        folded = self._fold_upper_bounds(problem, used)
        need_lp = [x for x in used if x not in folded]
        lp_bounds = {}
        if need_lp:
            lp_bounds = maximise_each(list(variables.values()), problem.paragraph_constraints, need_lp)
        for x in used:
            var = variables[x]
            bi = variables.indicator(x)
            if x not in folded:
                u = lp_bounds.get(x)
                if u is None or not math.isfinite(u):
                    u = self.default_m
                    warning = (f"no upper bound on {x} could be proven from the constraints; "
                               f"the link {x} <= M * {bi} uses the default M = {fmt_num(u)}")
                    if warning not in problem.warnings:      # linking may run again (the judge re-links)
                        problem.warnings.append(warning)
                    source = "default M"
                else:
                    if var.kind == "integer":
                        u = math.floor(u + 1e-6)
                    source = "LP relaxation bound"
                problem.links.append(Constraint.between(
                    LinearExpr.var(x), "<=", LinearExpr.var(bi, u), name=f"link_upper_{x}",
                    template="link_upper", notes=[f"U = {fmt_num(u)} ({source})"]))
            m_low = 1.0 if var.kind == "integer" else 1.0 / self.min_positive
            why = ("integer: bi = 1 forces x >= 1" if var.kind == "integer"
                   else f"bi = 1 forces x >= {fmt_num(self.min_positive)}")
            problem.links.append(Constraint.between(
                LinearExpr.var(bi), "<=", LinearExpr.var(x, m_low), name=f"link_lower_{x}",
                template="link_lower", notes=[f"M = {fmt_num(m_low)} ({why})"]))
        return problem

    @staticmethod
    def _used_indicators(problem: Problem) -> list[str]:
        variables = problem.variables
        seen: dict[str, None] = {}
        elements = problem.paragraph_constraints + ([problem.objective] if problem.objective else [])
        for el in elements:
            for name in el.variables:
                v = variables[name]
                if v.is_indicator:
                    seen.setdefault(v.indicator_of, None)
        return list(seen)

    @staticmethod
    def _fold_upper_bounds(problem: Problem, used: list[str]) -> dict[str, str]:
        """Replace `x <= b` (type 1) by `x <= b * bi_x` for used indicators; return x -> source."""
        best: dict[str, tuple[float, object]] = {}
        out: dict[str, str] = {}
        for p in problem.paragraphs:
            c = p.element
            if isinstance(c, Constraint) and c.template == "type1+link_upper":
                out[c.variables[0]] = f"paragraph {p.index + 1}"   # folded by an earlier run
                continue
            if (isinstance(c, Constraint) and c.template == "type1" and c.sense == "<="
                    and len(c.lhs.terms) == 1 and c.lhs.terms[0][1] > 0):
                x, a = c.lhs.terms[0]
                if x in used:
                    b = c.rhs / a
                    if x not in best or b < best[x][0]:
                        best[x] = (b, p)
        for x, (b, p) in best.items():
            bi = problem.variables.indicator(x)
            old = p.element
            p.element = Constraint.between(LinearExpr.var(x), "<=", LinearExpr.var(bi, b), name=old.name,
                                           paragraph=p.index, template="type1+link_upper",
                                           notes=[f"upper bound folded into the link (U = {fmt_num(b)})"])
            out[x] = f"paragraph {p.index + 1}"
        return out
