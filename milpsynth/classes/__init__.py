"""Class problems: texts that state one of the ten OR classes of OPT-Engine / C^3-Bench (TSP, knapsack,
bin packing, job shop, network flow, inventory, portfolio, production, transportation, pollution),
read into the class generator's data and solved with the generator's own model.

>>> from milpsynth.classes import formulate_class
>>> p = formulate_class(text)          # None when the text is not one of the ten classes
>>> print(p)                           # the families by name, each with its statement and data lines
>>> sol = p.solve(time_limit=60)       # milpsynth.solve.Solution
>>> p.to_lp()                          # LP text with readable names: supply(Plant_1), x(Plant_1,Store_2)
>>> print(p.explain())                 # each family's statement, data lines and first rows in words
>>> print(p.diagnose())                # when infeasible: the families' rows of an IIS, their lines, a fix

The indexed view behind these (`p.model()`, `milpsynth.classes.indexed.IndexedModel`) names every
column and row of the class's array model in the text's terms: index sets, parameters with the lines
they were read from, indexed variables, and each row as a member of its family.

`detect(text)` recognises the class (a small logistic regression over words and format cues, trained
on the project's own generator statements and on plain word problems for `None`). Each class has a
reader (`milpsynth.classes.<class>.read`) built on the format readers of `readers.py`.
"""
from __future__ import annotations

import importlib

from ..errors import InputError
from .detector import detect, has_structure
from .problem import C3_NAMES, FROM_C3, ClassProblem, Family, Unplaced

CLASS_MODULES = {"knapsack": "knapsack", "binpacking": "binpacking", "tsp": "tsp", "jobshop": "jobshop",
                 "netflow": "netflow", "inventory": "inventory", "portfolio": "portfolio",
                 "production": "production", "transportation": "transportation", "pollution": "pollution"}


def reader(problem_class: str):
    """The `read(text, evidence)` function of a class (generator name or C^3 name)."""
    cls = FROM_C3.get(problem_class, problem_class)
    if cls not in CLASS_MODULES:
        raise InputError(f"unknown problem class {problem_class!r}; one of {', '.join(CLASS_MODULES)}",
                         field="problem_class")
    return importlib.import_module(f".{CLASS_MODULES[cls]}", __name__).read


def formulate_class(text: str, *, problem_class: str | None = None) -> ClassProblem | None:
    """The class problem a text states, or None when it is not one of the ten classes.

    problem_class: skip recognition and read the text as this class. Raises InputError when the class
    is recognised but its data cannot be read (the message names the line)."""
    if not isinstance(text, str) or not text.strip():
        raise InputError("the text is empty", field="text")
    if problem_class is not None:
        try:
            return reader(problem_class)(text, {"given": True})
        except InputError as exc:
            raise _with_table_error(text, exc) from None
    if not has_structure(text):
        # the cheap gate (regex counts, ~0.05 ms): without a list, table, pair list or route no class is
        # recognised whatever the words say, so word problems skip the detector
        return None
    cls, evidence = detect(text)
    if cls is None:
        return None
    # the likeliest class first; when its reader cannot read the text, a runner-up that can (p >= 0.1)
    others = [c for c, p in evidence.get("ranked", []) if c not in (cls, "none") and p >= 0.1]
    try:
        prob = reader(cls)(text, evidence)
    except InputError as first:
        for alt in others:
            try:
                prob = reader(alt)(text, {**evidence, "label": alt, "read_as_runner_up": True,
                                          "first_choice": cls, "first_choice_error": str(first)})
            except InputError:
                continue
            prob.notes.append(f"recognised as {C3_NAMES[cls]} first, but that reader failed ({first}); read as "
                              f"{C3_NAMES[alt]}")
            return prob
        if "fallback" in evidence:      # a weak recognition that no reader confirms: not a class problem
            return None
        raise _with_table_error(text, first) from None
    return _best_explained(text, prob, others, evidence)


def _best_explained(text: str, prob: ClassProblem, others, evidence) -> ClassProblem:
    """The reading that leaves the fewest statements unplaced: when the first choice's reader leaves some,
    each plausible runner-up (p >= 0.1) reads the text too, and one that accounts for more of it (fewer
    statements whose numbers no part of its model uses) is taken instead. The words decide the class;
    where they are unsure, how much of the text a class's model explains decides between them."""
    best = prob
    for alt in others if prob.unplaced else ():
        try:
            cand = reader(alt)(text, {**evidence, "label": alt, "read_as_runner_up": True,
                                      "first_choice": prob.problem_class})
        except InputError:
            continue
        if len(cand.unplaced) < len(best.unplaced):
            best = cand
    if best is not prob:
        best.notes.append(f"recognised as {C3_NAMES[prob.problem_class]} first, but that reading left "
                          f"{len(prob.unplaced)} statement(s) unplaced; read as {C3_NAMES[best.problem_class]}, "
                          f"which leaves {len(best.unplaced)}")
    return best


def _with_table_error(text: str, exc: InputError) -> InputError:
    """The reader's error, naming the line of a data table's unreadable cell or short row when the text
    has such a table (the likeliest reason no reader found its data)."""
    from . import readers as R
    from .text import Doc
    try:
        R.check_numeric_tables(R.read_tables(Doc(text)), "data")
    except InputError as bad:
        return InputError(f"{exc.reason} ({bad.reason})", field=bad.field)
    return exc


__all__ = ["formulate_class", "detect", "reader", "ClassProblem", "Family", "Unplaced", "C3_NAMES", "FROM_C3",
           "CLASS_MODULES"]
