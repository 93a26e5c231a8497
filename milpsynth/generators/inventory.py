"""Inventory planning (LP) over T periods with lead time and backlog.

Orders q_t (t = 1..T-L, within [min_order, max_order]) arrive L periods later; end stock I_t in
[0, capacity], backlog B_t >= 0: I_t - B_t = I_(t-1) - B_(t-1) + q_(t-L) - d_t, with I_0 the initial
stock and no initial backlog. Minimise purchase + holding + backlog cost.

Optional data keys (absent: the model above), for statements worded otherwise:
- "lost_sales": True -> unmet demand is lost, not carried: I_t - U_t = I_(t-1) + q_(t-L) - d_t with the
  shortage U_t >= 0 (block "shortage", costed at backlog_cost; "shortage_at_most_demand": True also
  bounds U_t by d_t; without it, as C^3-Bench states the model, U_t only has to be non-negative);
- "order_periods": the number of periods in which an order is placed (default T - L; orders of the
  last L periods then arrive after the horizon but are still bought and bounded);
- "capacity_on_arrival": True -> the capacity also bounds the stock right after the delivery, before
  the demand: I_(t-1) + q_(t-L) <= capacity.
"""
from __future__ import annotations

import numpy as np

from .arrays import ArrayModel
from .base import Augment, Generator


class Inventory(Generator):
    name = "inventory"
    kind = "LP"
    sense = "minimize"
    size_name = "number of periods"
    min_size = 3
    integral_objective = False
    augment_kinds = {"order_cap": "aug_order_cap", "min_stock": "aug_min_stock"}

    def sample(self, T, rng):
        return {"demand": rng.integers(20, 81, T).tolist(), "purchase_cost": rng.integers(5, 16, T).tolist(),
                "holding_cost": int(rng.integers(1, 4)), "backlog_cost": int(rng.integers(20, 41)),
                "min_order": int(rng.integers(0, 11)), "max_order": int(rng.integers(90, 151)),
                "lead_time": int(rng.integers(0, min(2, T - 2) + 1)), "initial_stock": int(rng.integers(0, 101)),
                "capacity": int(rng.integers(150, 301))}

    @staticmethod
    def _order_periods(d) -> int:
        T, L = len(d["demand"]), d["lead_time"]
        return int(d.get("order_periods", T - L))

    def arrays(self, d):
        T, L = len(d["demand"]), d["lead_time"]
        lost = bool(d.get("lost_sales", False))
        nq = self._order_periods(d)
        am = ArrayModel("minimize")
        q = am.add_block("q", nq, d["min_order"], d["max_order"], cost=d["purchase_cost"][:nq])
        stock = am.add_block("stock", T, 0.0, d["capacity"], cost=d["holding_cost"])
        dem = np.asarray(d["demand"], dtype=float)
        bounded = lost and bool(d.get("shortage_at_most_demand", False))
        back = am.add_block("shortage" if lost else "backlog", T, 0.0, dem if bounded else np.inf,
                            cost=d["backlog_cost"])
        rhs = -dem
        rhs[0] += d["initial_stock"]
        # first period: I_1 - B_1 (- q_1 when L = 0) = I_0 - d_1
        t = np.arange(T)
        has_prev = t > 0
        has_q = (t >= L) & (t - L < nq)
        # rows with both a previous period and an arrival, and the rest, added in batches of equal length
        for prev in (False, True):
            for arr in (False, True):
                sel = t[(has_prev == prev) & (has_q == arr)]
                if not len(sel):
                    continue
                cols = [stock[sel], back[sel]]
                vals = [1.0, -1.0]
                if prev:
                    cols.append(stock[sel - 1])
                    vals.append(-1.0)
                    if not lost:
                        cols.append(back[sel - 1])
                        vals.append(1.0)
                if arr:
                    cols.append(q[sel - L])
                    vals.append(-1.0)
                am.add_rows(f"balance_{'p' if prev else 'f'}{'a' if arr else 'n'}", np.stack(cols, axis=1),
                            np.array(vals), rhs[sel], rhs[sel])
        if d.get("capacity_on_arrival"):
            cap = float(d["capacity"])
            sel = t[has_q & has_prev]
            if len(sel):
                am.add_rows("capacity_on_arrival", np.stack([stock[sel - 1], q[sel - L]], axis=1),
                            np.array([1.0, 1.0]), hi=np.full(len(sel), cap))
            if has_q[0]:
                am.add_row("capacity_on_arrival_first", [q[0]], [1.0], hi=cap - d["initial_stock"])
        return am

    def pyomo(self, d):
        import pyomo.environ as pe
        T, L = len(d["demand"]), d["lead_time"]
        lost = bool(d.get("lost_sales", False))
        nq = self._order_periods(d)
        m = pe.ConcreteModel(name="inventory")
        m.T = pe.RangeSet(0, T - 1)
        m.q = pe.Var(range(nq), bounds=(d["min_order"], d["max_order"]))
        m.stock = pe.Var(m.T, bounds=(0, d["capacity"]))
        bounded = lost and bool(d.get("shortage_at_most_demand", False))
        short = pe.Var(m.T, bounds=lambda _, t: (0, d["demand"][t] if bounded else None))
        m.add_component("shortage" if lost else "backlog", short)
        m.objective = pe.Objective(expr=sum(d["purchase_cost"][t] * m.q[t] for t in range(nq))
                                   + sum(d["holding_cost"] * m.stock[t] + d["backlog_cost"] * short[t] for t in m.T))

        def arrival(m, t):
            return m.q[t - L] if t >= L and t - L < nq else 0

        def balance(m, t):
            if t > 0:
                before = m.stock[t - 1] - (0 if lost else short[t - 1])
            else:
                before = d["initial_stock"]
            return m.stock[t] - short[t] == before + arrival(m, t) - d["demand"][t]
        m.balance = pe.Constraint(m.T, rule=balance)
        if d.get("capacity_on_arrival"):
            rows = [t for t in range(T) if t >= L and t - L < nq]
            m.capacity_on_arrival = pe.Constraint(rows, rule=lambda m, t: (m.stock[t - 1] if t > 0 else
                                                                           d["initial_stock"]) + m.q[t - L]
                                                  <= d["capacity"])
        return m

    def paragraph_specs(self, d):
        return [("context", "intro", None), ("data", "data", None), ("objective", "objective", 0),
                ("constraint", "order_min", 5), ("constraint", "order_max", 1), ("constraint", "balance", None),
                ("constraint", "capacity", 1)]

    def aug_order_cap(self, d, rng):
        k = int(rng.integers(self._order_periods(d)))
        cap = int(rng.integers(d["min_order"], d["max_order"]))
        return Augment.one("order_cap", 1, {"period": k + 1, "limit": cap}, [("q", (k,), 1.0)], "<=", float(cap))

    def aug_min_stock(self, d, rng):
        T, L = len(d["demand"]), d["lead_time"]
        k = int(rng.integers(L, T))
        level = int(rng.integers(5, 31))
        return Augment.one("min_stock", 5, {"period": k + 1, "minimum": level}, [("stock", (k,), 1.0)], ">=",
                           float(level))
