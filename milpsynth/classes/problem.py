"""`ClassProblem`: a recognised OR class problem with its data read from the text, built and solved with
the class's generator model (`milpsynth.generators`), so the model is the same verified one the
generators use.

A ClassProblem records where every data field came from (its lines), which statements of the text
became which constraint family, the extra statements that became augmentation rows or an objective
shift, the choices made where the text's formulation differs from the generator's defaults
(`notes`), and every statement it could not place (`unplaced`): those are reported, never dropped
silently.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ..solve import Solution
from ..status import Status

C3_NAMES = {"tsp": "TSP", "knapsack": "Knapsack", "binpacking": "BinPacking", "jobshop": "JobShop",
            "netflow": "NetworkFlow", "inventory": "Inventory", "portfolio": "Portfolio",
            "production": "Production", "transportation": "Transportation", "pollution": "Pollution"}
FROM_C3 = {v: k for k, v in C3_NAMES.items()}


def _short(text: str, n: int = 72) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 3] + "..."


@dataclass
class Family:
    """One constraint family (or the objective) in the problem's terms, with the statement it stands for."""
    name: str                  # "capacity[j]"
    math: str                  # "sum_i w[i] x[i,j] <= C y[j]"
    statement: str = ""        # the sentence of the text it comes from ("" when implied by the class)
    line: int | None = None
    data_lines: int = 0        # how many data lines feed it
    augment: object = field(default=None, repr=False, compare=False)   # the Augment of an extra statement
    type: int | None = None    # its type among the 13 (0 the objective) where one template writes each of its
    #                            rows ('capacity: sum_i w[i] x[i] <= C' is 3); None for the class's structure

    def __str__(self) -> str:
        parts = []
        if self.statement:
            where = f"line {self.line}: " if self.line else ""
            parts.append(f'statement: {where}"{_short(self.statement)}"')
        else:
            parts.append("implied by the class")
        if self.data_lines:
            parts.append(f"data: {self.data_lines} line{'s' if self.data_lines != 1 else ''}")
        return f"{self.name}: {self.math}   ({'; '.join(parts)})"


@dataclass
class Unplaced:
    """A statement of the text that no part of the model accounts for."""
    line: int
    text: str
    reason: str

    def __str__(self) -> str:
        return f'line {self.line}: "{_short(self.text, 90)}" ({self.reason})'


@dataclass
class ClassProblem:
    problem_class: str                     # generator name: "knapsack", "tsp", ...
    evidence: dict
    data: dict                             # the generator's data dict
    sources: dict = field(default_factory=dict)     # data field -> [line numbers]
    augments: list = field(default_factory=list)    # generators.base.Augment rows from extra statements
    shift: float = 0.0                     # constant added to the objective (fixed cost / bonus)
    families: list = field(default_factory=list)
    extras: list = field(default_factory=list)      # Family entries of the extra statements
    unplaced: list = field(default_factory=list)
    notes: list = field(default_factory=list)       # formulation choices that follow the text
    labels: dict = field(default_factory=dict)      # block -> per-axis entity names (for value names)
    text: str = ""
    cuts: list = field(default_factory=list)        # (Augment, words): valid rows that only speed the solve
    start: dict | None = None                       # block -> initial values (a MIP start), optional
    sets: dict = field(default_factory=dict)        # index set -> member names the reader found (not in labels)

    # ---- the model ------------------------------------------------------------------------------
    @property
    def c3_name(self) -> str:
        return C3_NAMES[self.problem_class]

    @property
    def generator(self):
        from ..generators import get
        return get(self.problem_class)

    @property
    def sense(self) -> str:
        return self.generator.sense

    def build(self):
        """The generator's ArrayModel with the augmentation rows and the objective shift."""
        return self.generator.build_arrays(self.data, list(self.augments) + [a for a, _ in self.cuts], self.shift)

    def solve(self, time_limit: float | None = 60.0, *, am=None) -> Solution:
        """Solve with HiGHS (the generators' array path); infeasible and unbounded are results.
        am: this problem's array model when already built (`self.build()`)."""
        from ..generators.arrays import configure
        from ..highs import run
        am = self.build() if am is None else am
        h = am.to_highs()
        configure(h, time_limit, am.is_mip)
        if self.start:
            self._set_start(h, am)
        res = run(h, mip=am.is_mip)
        status = res.status or Status.INFEASIBLE
        sol = Solution(status, seconds=res.seconds)
        if res.values is not None and status in (Status.OPTIMAL, Status.TIME_LIMIT):
            sol.objective = None if res.objective is None else float(res.objective)
            sol.gap = res.gap
            sol.values = self._named_values(am, np.asarray(res.values))
        if status == Status.TIME_LIMIT:
            sol.message = f"stopped at the time limit ({time_limit} s)" + (
                f", gap {sol.gap:.2%}" if sol.gap is not None else "")
        elif status == Status.INFEASIBLE:
            sol.message = "infeasible: the stated data and requirements cannot all hold"
        elif status == Status.ERROR:
            sol.message = f"HiGHS stopped with '{res.model_status}'"
        if self.unplaced:
            sol.message = (sol.message + "; " if sol.message else "") + \
                f"{len(self.unplaced)} statement(s) of the text were not placed in the model"
        return sol

    def _set_start(self, h, am) -> None:
        import highspy
        x = np.zeros(am.n)
        for name, vals in self.start.items():
            b = am.blocks.get(name)
            if b is None:
                return
            x[b.offset:b.offset + int(np.prod(b.shape))] = np.asarray(vals, dtype=float).ravel()
        sol = highspy.HighsSolution()
        sol.col_value = x.tolist()
        sol.value_valid = True
        h.setSolution(sol)

    def _named_values(self, am, x) -> dict[str, float]:
        out = {}
        for b in am.blocks.values():
            names = self.labels.get(b.name)
            for idx in np.ndindex(*b.shape):
                v = float(x[b.offset + int(np.ravel_multi_index(idx, b.shape))])
                if b.integer and abs(v - round(v)) < 1e-6:
                    v = float(round(v))
                if v == 0:
                    v = 0.0
                if names and all(k < len(names[a]) for a, k in enumerate(idx)):
                    key = f"{b.name}[{', '.join(str(names[a][k]) for a, k in enumerate(idx))}]"
                else:
                    key = b.name + "".join(f"_{i + 1}" for i in idx)
                out[key] = v
        return out

    # ---- the indexed model as the user sees it ----------------------------------------------------
    def model(self):
        """The indexed view (`milpsynth.classes.indexed.IndexedModel`): index sets, parameters with their
        lines, variables, and every row named as a member of its family."""
        from .indexed import IndexedModel
        return IndexedModel(self)

    def to_lp(self) -> str:
        """CPLEX LP text with readable names (`supply(Plant_1)`, `x(Plant_1,Store_2)`), each row under a
        comment naming its member, family and the statement and lines it came from."""
        from ..highs.lp import arrays_lp
        v = self.model()
        am = v.am
        rows = []
        for m in v.members:
            where = f'line {m.family.line}: "{m.family.statement}"' if m.family.statement else "implied by the class"
            data = f"; data {lines_text(m.lines)}" if m.lines else ""
            fam = "" if m.name.split("#")[0] == m.family.name else f" in {m.family.name}"
            rows.append((m.name, f"{m.name}{fam} ({where}{data})", *v.row_data(m.row)))
        cat = [np.concatenate(getattr(am, a)) for a in ("_cost", "_lb", "_ub", "_int")]
        return arrays_lp(am.sense, v.columns, cat[0], cat[1], cat[2], cat[3], am.offset, rows,
                         f"milpsynth {self.c3_name} model: {len(v.columns)} columns, {len(rows)} rows")

    def write_lp(self, path) -> None:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(self.to_lp())

    def explain(self) -> str:
        """Each family beside its statement and data lines, with its first rows as algebra and in words."""
        from ..readback import explain_class
        return explain_class(self, self.model())

    def diagnose(self, **options):
        """Why the problem has no optimum: the families' rows in an IIS, the statements and data lines
        behind them, and the smallest change of their limits (`milpsynth.diagnose.ClassDiagnosis`)."""
        from ..diagnose import diagnose_class
        return diagnose_class(self, **options)

    # ---- printing --------------------------------------------------------------------------------
    def __str__(self) -> str:
        from ..display import render_class
        return render_class(self, self.model())

    def to_dict(self) -> dict:
        return {"problem_class": self.problem_class, "c3_class": self.c3_name, "evidence": self.evidence,
                "data": self.data, "sources": self.sources,
                "augments": [a.record() for a in self.augments], "shift": self.shift,
                "families": [str(f) for f in self.families], "extras": [str(f) for f in self.extras],
                "unplaced": [str(u) for u in self.unplaced], "notes": self.notes}


def lines_text(lines) -> str:
    ls = sorted({int(x) for x in lines if x is not None})
    if not ls:
        return "stated by the class"
    runs, start, prev = [], ls[0], ls[0]
    for x in ls[1:]:
        if x == prev + 1:
            prev = x
            continue
        runs.append((start, prev))
        start = prev = x
    runs.append((start, prev))
    txt = ", ".join(f"{a}" if a == b else f"{a}-{b}" for a, b in runs[:4])
    if len(runs) > 4:
        txt += ", ..."
    return ("line " if len(ls) == 1 else "lines ") + txt


def finite(x: float) -> bool:
    return x is not None and math.isfinite(x)
