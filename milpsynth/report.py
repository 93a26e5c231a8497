"""A solution report: decisions in words, every paragraph's slack, and for LPs duals and ranging
("each extra hour of the oven is worth $3, up to 52 hours")."""
from __future__ import annotations

from .display import value_text
from .status import Status
from .wording import amount, short, unit_of


def _slack_lines(problem, values) -> list[str]:
    from .whatif import LOGIC_TEMPLATES
    lines = ["slack by paragraph:"]
    for c in problem.paragraph_constraints:
        para = problem.paragraphs[c.paragraph]
        text = para.text
        if c.template in LOGIC_TEMPLATES:
            lines.append(f"  paragraph {c.paragraph + 1}: holds  ({short(text, 60)})")
            continue
        used, rhs = c.lhs.value(values), c.rhs
        if c.template == "type1+link_upper" and para.slots and {"var", "bound"} <= set(para.slots):
            used, rhs = values.get(para.slots["var"], 0.0), float(para.slots["bound"])   # the bound it states
        unit = unit_of(text, rhs)
        if c.sense == "==":
            state = "holds exactly"
        else:
            slack = rhs - used if c.sense == "<=" else used - rhs
            state = "binding" if abs(slack) <= 1e-6 * max(1.0, abs(rhs)) else f"slack {amount(slack, unit)}"
        word = {"<=": "limit", ">=": "requirement", "==": "target"}[c.sense]
        lines.append(f"  paragraph {c.paragraph + 1}: {amount(used, unit)} against the {word} "
                     f"{amount(rhs, unit)}, {state}  ({short(text, 60)})")
    return lines


def _per_unit(unit: str) -> str:
    """'each extra hour of labour' from 'hours of labour'; 'each extra $' from '$'."""
    if not unit or unit == "%":
        return "each extra unit"
    if unit == "$":
        return "each extra $"
    first, _, rest = unit.partition(" ")
    if first.endswith("s") and not first.endswith("ss"):
        first = first[:-1]
    return f"each extra {first}{' ' + rest if rest else ''}"


def used_variables(problem) -> list:
    """The variables the objective or a constraint uses (unused indicators left out)."""
    used = set(problem.objective.variables)
    for c in problem.constraints:
        used.update(c.variables)
    return [v for v in problem.variables.values() if v.name in used]


def _sensitivity_lines(problem) -> list[str]:
    from .highs.analysis import sensitivity
    variables = used_variables(problem)
    if any(v.kind in ("integer", "binary") for v in variables):
        return ["duals and ranging: not given, the model has integer or yes/no decisions (they are defined "
                "for linear programs only)"]
    sens = sensitivity(variables, problem.constraints, problem.objective)
    if sens is None:
        return ["duals and ranging: not available (the LP did not solve to an optimum)"]
    rows, cols = sens
    lines = ["what each limit is worth (LP duals, with the range of the limit they hold over):"]
    for c, r in zip(problem.constraints, rows):
        if c.paragraph is None:
            continue
        unit = unit_of(problem.paragraphs[c.paragraph].text, c.rhs)
        per = _per_unit(unit)
        lo = amount(r.rhs_low, unit) if r.rhs_low is not None else "no lower limit"
        hi = amount(r.rhs_high, unit) if r.rhs_high is not None else "no upper limit"
        if abs(r.dual) <= 1e-9:
            lines.append(f"  paragraph {c.paragraph + 1}: worth nothing at the margin; its "
                         f"{amount(c.rhs, unit)} can move between {lo} and {hi} without changing the optimum")
        else:
            lines.append(f"  paragraph {c.paragraph + 1}: {per} is worth {value_text(r.dual)} in the objective, "
                         f"while the limit stays between {lo} and {hi}")
    lines.append("objective coefficients that keep this plan optimal:")
    for v, k in zip(variables, cols):
        if v.is_indicator:
            continue
        coef = problem.objective.expr.coefs.get(v.name, 0.0)
        lo = value_text(k.cost_low) if k.cost_low is not None else "-inf"
        hi = value_text(k.cost_high) if k.cost_high is not None else "+inf"
        lines.append(f"  {v.label or v.name}: {value_text(coef)} (stays optimal from {lo} to {hi})")
    return lines


def report(sol) -> str:
    from .explain import explain
    lines = [explain(sol)]
    problem = sol.problem
    if problem is None or sol.status not in (Status.OPTIMAL, Status.TIME_LIMIT) or not sol.values:
        return lines[0]
    lines += _slack_lines(problem, sol.values)
    if sol.status == Status.OPTIMAL:
        lines += _sensitivity_lines(problem)
    return "\n".join(lines)
