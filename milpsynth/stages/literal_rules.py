"""The literal reading of a constraint statement of free text (`nlp.relations`) as the slots of the
type it states: one decision -> type 1/5, a plain sum -> 2/6, anything weighted or signed -> 3/7.
Where that type differs from the classifier's, the paragraph is retyped and the note says why."""
from __future__ import annotations

from ..document import Paragraph, Problem
from ..nlp import data_table, relations
from ..nlp.analysis import Analysis
from .variables_labels import labelled


def literal_slots(problem: Problem, a: Analysis, p: Paragraph) -> dict | None:
    """Slots of the literal reading, or None: no reading, an equality, paragraph input (a statement
    given as its own paragraph is read by its type's rules), or, for decisions named by nouns, a
    bound or plain sum (their rates stand in the facts, which the type's rules read; the plain
    literal reading, tried there, lost NL4Opt dev problems: 77/99 against 91). A statement over nouns
    that writes its own weights or signs ('three times the wheat plus twice the barley') is read."""
    if not problem.split:
        return None
    by_label = labelled(problem)
    quantities = [v.name for v in problem.variables.quantities]
    forms = {v.name: set(v.mentions) | {v.label} for v in problem.variables.quantities}
    table = data_table.of(problem)
    rel = relations.read(a, quantities, table.weights, forms, plain_ok=by_label, own_unit=table.own_unit)
    if rel is None or rel.sense == "==" or (not by_label and not rel.explicit):
        return None
    upper = rel.sense == "<="
    if rel.single and rel.rhs != 0:
        t, slots = (1 if upper else 5), {"var": rel.single, "bound": rel.rhs}
    elif rel.plain_sum and rel.rhs != 0:
        t, slots = (2 if upper else 6), {"vars": list(rel.coefs), "bound": rel.rhs}
    else:
        t, slots = (3 if upper else 7), {"coefs": dict(rel.coefs), "bound": rel.rhs}
    if t != p.type:
        said = p.type
        p.prediction = p.prediction.as_type(t, f"type {said} read literally as type {t}")
        problem.warnings.append(f"paragraph {p.index + 1}: read literally as type {t} (the classifier said {said})")
    p.notes.extend(rel.notes)
    return slots
