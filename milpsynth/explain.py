"""A solution in the user's words: what to do, which paragraphs bind, what conflicts."""
from __future__ import annotations

from .display import value_text
from .solve import Solution
from .status import Status
from .wording import short


def explain(sol: Solution) -> str:
    problem = sol.problem
    lines = [f"status: {sol.status}"]
    if sol.message:
        lines.append(sol.message)
    if problem is not None and sol.status in (Status.INFEASIBLE, Status.UNBOUNDED):
        for i in sol.conflict_paragraphs:
            lines.append(f"  paragraph {i + 1}: {short(problem.paragraphs[i].text)}")
    if sol.objective is not None:
        obj = problem.objective if problem is not None else None
        word = obj.sense if obj is not None else "objective"
        lines.append(f"objective ({word}): {value_text(sol.objective)}")
    if sol.values and problem is not None:
        lines.append("decisions:")
        for v in problem.variables.values():
            if v.is_indicator or v.name not in sol.values:
                continue
            val = sol.values[v.name]
            label = v.label or v.name
            if v.kind == "binary":
                lines.append(f"  {label}: {'yes' if val > 0.5 else 'no'}  ({v.name} = {value_text(val)})")
            else:
                named = f"  ({v.name})" if v.name != label else ""
                lines.append(f"  {label}: {value_text(val)}{named}")
        binding = []
        for c in problem.paragraph_constraints:
            if c.sense != "==" and abs(c.lhs.value(sol.values) - c.rhs) <= 1e-6 * max(1.0, abs(c.rhs)):
                binding.append(c)
        if binding:
            lines.append("binding (holding with no slack):")
            for c in binding:
                lines.append(f"  paragraph {c.paragraph + 1}: {short(problem.paragraphs[c.paragraph].text)}")
    return "\n".join(lines)
