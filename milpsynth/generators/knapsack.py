"""0-1 knapsack: binary x_i, sum w_i x_i <= C (C half the total weight), maximise sum v_i x_i."""
from __future__ import annotations


from .arrays import ArrayModel
from .base import Augment, Generator


class Knapsack(Generator):
    name = "knapsack"
    kind = "MIP"
    integral_objective = True
    sense = "maximize"
    size_name = "number of items"
    min_size = 2
    augment_kinds = {"exclusive": "aug_exclusive", "implies": "aug_implies",
                     "at_least_one": "aug_at_least_one", "capacity_drop": "aug_capacity_drop"}

    def sample(self, n, rng):
        w = rng.integers(5, 61, n)
        v = rng.integers(10, 101, n)
        return {"weights": w.tolist(), "values": v.tolist(), "capacity": int(round(0.5 * w.sum()))}

    def arrays(self, d):
        am = ArrayModel("maximize")
        x = am.add_block("x", len(d["weights"]), 0, 1, integer=True, cost=d["values"])
        am.add_row("capacity", x, d["weights"], hi=d["capacity"])
        return am

    def pyomo(self, d):
        import pyomo.environ as pe
        n, w, v = len(d["weights"]), d["weights"], d["values"]
        m = pe.ConcreteModel(name="knapsack")
        m.I = pe.RangeSet(0, n - 1)
        m.x = pe.Var(m.I, within=pe.Binary)
        m.objective = pe.Objective(expr=sum(v[i] * m.x[i] for i in m.I), sense=pe.maximize)
        m.capacity = pe.Constraint(expr=sum(w[i] * m.x[i] for i in m.I) <= d["capacity"])
        return m

    def paragraph_specs(self, d):
        return [("context", "intro", None), ("data", "data", None), ("objective", "objective", 0),
                ("constraint", "capacity", 3)]

    def _pair(self, d, rng):
        a, b = rng.choice(len(d["weights"]), size=2, replace=False)
        return int(a), int(b)

    def _logic(self, kind, type_, d, rng, coefs, sense, rhs):
        a, b = self._pair(d, rng)
        return Augment.one(kind, type_, {"item_a": a + 1, "item_b": b + 1},
                       [("x", (a,), coefs[0]), ("x", (b,), coefs[1])], sense, rhs)

    def aug_exclusive(self, d, rng):
        return self._logic("exclusive", 13, d, rng, (1, 1), "<=", 1)

    def aug_implies(self, d, rng):
        return self._logic("implies", 10, d, rng, (1, -1), "<=", 0)

    def aug_at_least_one(self, d, rng):
        return self._logic("at_least_one", 12, d, rng, (1, 1), ">=", 1)

    def aug_capacity_drop(self, d, rng):
        k = int(rng.integers(len(d["weights"])))
        r = int(rng.integers(1, max(2, d["capacity"] // 5)))
        terms = [("x", (i,), float(w)) for i, w in enumerate(d["weights"])]
        terms[k] = ("x", (k,), float(d["weights"][k] + r))
        return Augment.one("capacity_drop", 3, {"item": k + 1, "reduction": r}, terms, "<=", d["capacity"])
