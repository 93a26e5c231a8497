"""Pollution control (LP): x_ik in [0, 1] share of source i's output treated with method k; the
shares of a source add up to at most 1; removal sum_ik e_i * eff_ik / 100 * x_ik must reach the
target (tons); minimise the cost sum c_ik x_ik (c_ik: cost of treating all of source i with k).

Size: the number of sources n; three abatement methods.
"""
from __future__ import annotations

import numpy as np

from .arrays import ArrayModel
from .base import Augment, Generator

METHODS = 3


def removal(d) -> np.ndarray:
    return np.asarray(d["emissions"], dtype=float)[:, None] * np.asarray(d["efficiency"], dtype=float) / 100.0


class Pollution(Generator):
    name = "pollution"
    kind = "LP"
    sense = "minimize"
    size_name = "number of sources"
    min_size = 2
    augment_kinds = {"method_cap": "aug_method_cap", "source_min": "aug_source_min"}

    def sample(self, n, rng):
        e = rng.integers(20, 201, n)
        eff = rng.integers(20, 96, size=(n, METHODS))
        cost = np.rint(e[:, None] * eff * rng.uniform(0.05, 0.2, size=(n, METHODS))).astype(int) + 1
        best = float((e * eff.max(axis=1) / 100.0).sum())
        return {"emissions": e.tolist(), "efficiency": eff.tolist(), "costs": cost.tolist(),
                "target": int(best * rng.uniform(0.3, 0.7))}

    def arrays(self, d):
        n, k = np.asarray(d["costs"], dtype=float).shape   # k: METHODS for sampled data, any count when read
        am = ArrayModel("minimize")
        x = am.add_block("x", (n, k), 0.0, 1.0, cost=np.asarray(d["costs"], dtype=float))
        am.add_rows("treated_share", x, 1.0, hi=1.0)
        am.add_row("target", x.ravel(), removal(d).ravel(), lo=float(d["target"]))
        return am

    def pyomo(self, d):
        import pyomo.environ as pe
        n = len(d["emissions"])
        r = removal(d)
        m = pe.ConcreteModel(name="pollution")
        m.S = pe.RangeSet(0, n - 1)
        m.K = pe.RangeSet(0, len(d["costs"][0]) - 1)
        m.x = pe.Var(m.S, m.K, bounds=(0, 1))
        m.objective = pe.Objective(expr=sum(d["costs"][i][k] * m.x[i, k] for i in m.S for k in m.K))
        m.treated_share = pe.Constraint(m.S, rule=lambda m, i: sum(m.x[i, k] for k in m.K) <= 1)
        m.target = pe.Constraint(expr=sum(float(r[i, k]) * m.x[i, k] for i in m.S for k in m.K) >= d["target"])
        return m

    def paragraph_specs(self, d):
        return [("context", "intro", None), ("data", "data", None), ("data", "method_table", None),
                ("objective", "objective", 0), ("constraint", "treated_share", 2), ("constraint", "target", 7)]

    def aug_method_cap(self, d, rng):
        i, k = int(rng.integers(len(d["emissions"]))), int(rng.integers(METHODS))
        pct = int(rng.integers(10, 61))
        return Augment.one("method_cap", 1, {"source": i + 1, "method": k + 1, "percent": pct},
                           [("x", (i, k), 1.0)], "<=", pct / 100.0)

    def aug_source_min(self, d, rng):
        i = int(rng.integers(len(d["emissions"])))
        r = removal(d)[i]
        low = int(rng.integers(1, max(2, int(r.max() * 0.6))))
        return Augment.one("source_min", 7, {"source": i + 1, "minimum": low},
                           [("x", (i, k), float(r[k])) for k in range(METHODS)], ">=", float(low))
