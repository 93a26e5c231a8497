"""Minimum-cost network flow (transportation form with arc capacities), integer flows:
warehouses ship exactly their supply, stores receive exactly their demand (total supply = total
demand), flow on each arc within [0, capacity]; minimise total cost.

Optional data key: "supply_at_most": True -> a warehouse ships at most its supply (for statements that
give supplies as capacities; the same model when total supply equals total demand).

Size: the number of nodes n; warehouses: max(2, n // 3), stores: the rest. About 70% of the
warehouse-store pairs are arcs (each node keeps at least one).
"""
from __future__ import annotations

import numpy as np

from .arrays import ArrayModel
from .base import Augment, Generator


def split_nodes(n: int) -> tuple[int, int]:
    w = max(2, n // 3)
    return w, n - w


class NetFlow(Generator):
    name = "netflow"
    kind = "MIP"
    sense = "minimize"
    size_name = "number of nodes"
    min_size = 4
    integral_objective = True
    augment_kinds = {"arc_cap": "aug_arc_cap", "arc_min": "aug_arc_min"}

    def sample(self, n, rng):
        W, S = split_nodes(n)
        demand = rng.integers(10, 51, S)
        total = int(demand.sum())
        cuts = np.sort(rng.choice(np.arange(1, total), size=W - 1, replace=False))
        supply = np.diff(np.r_[0, cuts, total])
        present = rng.random((W, S)) < 0.7
        present[rng.integers(W, size=S), np.arange(S)] = True
        present[np.arange(W), rng.integers(S, size=W)] = True
        arcs = []
        for i, j in zip(*np.nonzero(present)):
            arcs.append([int(i) + 1, int(j) + 1, int(rng.integers(10, 61)), int(rng.integers(1, 21))])
        return {"supplies": supply.tolist(), "demands": demand.tolist(), "arcs": arcs}

    def arrays(self, data):
        arcs = np.asarray(data["arcs"], dtype=float)
        am = ArrayModel("minimize")
        f = am.add_block("f", len(arcs), 0.0, arcs[:, 2], integer=True, cost=arcs[:, 3])
        src, dst = arcs[:, 0].astype(int) - 1, arcs[:, 1].astype(int) - 1
        at_most = bool(data.get("supply_at_most", False))
        for i, s in enumerate(data["supplies"]):
            am.add_row(f"supply_{i + 1}", f[src == i], np.ones(int((src == i).sum())), -np.inf if at_most else s, s)
        for j, d in enumerate(data["demands"]):
            am.add_row(f"demand_{j + 1}", f[dst == j], np.ones(int((dst == j).sum())), d, d)
        return am

    def pyomo(self, data):
        import pyomo.environ as pe
        arcs = data["arcs"]
        m = pe.ConcreteModel(name="netflow")
        m.A = pe.RangeSet(0, len(arcs) - 1)
        m.f = pe.Var(m.A, within=pe.NonNegativeIntegers, bounds=lambda _, a: (0, arcs[a][2]))
        m.objective = pe.Objective(expr=sum(arcs[a][3] * m.f[a] for a in m.A))
        if data.get("supply_at_most", False):
            m.supply = pe.Constraint(range(len(data["supplies"])), rule=lambda m, i:
                                     sum(m.f[a] for a in m.A if arcs[a][0] == i + 1) <= data["supplies"][i])
        else:
            m.supply = pe.Constraint(range(len(data["supplies"])), rule=lambda m, i:
                                     sum(m.f[a] for a in m.A if arcs[a][0] == i + 1) == data["supplies"][i])
        m.demand = pe.Constraint(range(len(data["demands"])), rule=lambda m, j:
                                 sum(m.f[a] for a in m.A if arcs[a][1] == j + 1) == data["demands"][j])
        return m

    def paragraph_specs(self, data):
        return [("context", "intro", None), ("data", "data", None), ("data", "arc_table", None),
                ("objective", "objective", 0), ("constraint", "supply", None), ("constraint", "demand", None),
                ("constraint", "capacity", 1), ("constraint", "integral", None)]

    def aug_arc_cap(self, data, rng):
        a = int(rng.integers(len(data["arcs"])))
        i, j, cap, _ = data["arcs"][a]
        lim = int(rng.integers(0, cap))
        return Augment.one("arc_cap", 1, {"from": i, "to": j, "limit": lim}, [("f", (a,), 1.0)], "<=", float(lim))

    def aug_arc_min(self, data, rng):
        a = int(rng.integers(len(data["arcs"])))
        i, j, cap, _ = data["arcs"][a]
        low = int(rng.integers(1, cap + 1))
        return Augment.one("arc_min", 5, {"from": i, "to": j, "minimum": low}, [("f", (a,), 1.0)], ">=", float(low))
