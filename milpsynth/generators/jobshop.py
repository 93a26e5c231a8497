"""Job shop: start times s_jk (job j on machine k), precedence along each job's route, disjunctive
big-M order binaries z_jj'k (j < j'), makespan >= every job's completion; minimise the makespan.

Size: "JxM" (jobs x machines) or an integer n meaning n x n. Big-M: the sum of all processing times.
"""
from __future__ import annotations

import re

import numpy as np

from ..errors import GeneratorError
from .arrays import ArrayModel
from .base import Augment, Generator


def horizon(data) -> float:
    """The big-M and the bound on start times: the sum of all processing times, or `data["horizon"]` when
    given (any upper bound on an optimal makespan, e.g. a known schedule's, is valid and tighter)."""
    if data.get("horizon") is not None:
        return float(data["horizon"])
    return float(sum(map(sum, data["times"])))


class JobShop(Generator):
    name = "jobshop"
    kind = "MIP"
    integral_objective = True
    sense = "minimize"
    size_name = "jobs x machines"
    augment_kinds = {"release": "aug_release", "start_order": "aug_start_order"}

    def parse_size(self, size):
        m = re.fullmatch(r"\s*(\d+)\s*(?:[xX]\s*(\d+))?\s*", str(size))
        if not m:
            raise GeneratorError(f"jobshop: size must be JOBSxMACHINES (e.g. 10x10) or a whole number, got {size!r}",
                                 field="size")
        j, k = int(m.group(1)), int(m.group(2) or m.group(1))
        if j < 2 or k < 1:
            raise GeneratorError(f"jobshop: need at least 2 jobs and 1 machine, got {j}x{k}", field="size")
        return f"{j}x{k}"

    def size_key(self, size):
        j, k = str(size).split("x")
        return (int(j), int(k))

    def sample(self, size, rng):
        J, M = self.size_key(size)
        routes = [(rng.permutation(M) + 1).tolist() for _ in range(J)]
        times = rng.integers(1, 21, size=(J, M)).tolist()
        return {"jobs": J, "machines": M, "routes": routes, "times": times}

    @staticmethod
    def _ops(data):
        """(job, machine 0-based, duration) in route order for each job."""
        return [[(j, r - 1, float(p)) for r, p in zip(route, data["times"][j])] for j, route in enumerate(data["routes"])]

    def arrays(self, data):
        J, M, H = data["jobs"], data["machines"], horizon(data)
        ops = self._ops(data)
        am = ArrayModel("minimize")
        s = am.add_block("s", (J, M), 0.0, H)
        cmax = am.add_block("makespan", 1, 0.0, H, cost=1.0)
        zub = np.zeros((J, J, M))
        iu, ju = np.triu_indices(J, 1)
        zub[iu, ju, :] = 1.0
        z = am.add_block("z", (J, J, M), 0.0, zub, integer=True)
        prec = [(s[j, k2], s[j, k1], p1) for route in ops for (j, k1, p1), (_, k2, _) in zip(route, route[1:])]
        if prec:
            c = np.array([[a, b] for a, b, _ in prec])
            am.add_rows("precedence", c, np.array([1.0, -1.0]), lo=np.array([p for _, _, p in prec]))
        p = np.zeros((J, M))
        for route in ops:
            for j, k, d in route:
                p[j, k] = d
        jj, kk = np.repeat(iu, M), np.tile(np.arange(M), len(iu))
        j2 = np.repeat(ju, M)
        cols = np.stack([s[jj, kk], s[j2, kk], z[jj, j2, kk]], axis=1)
        am.add_rows("first_before", cols, np.array([1.0, -1.0, H]), hi=H - p[jj, kk])
        am.add_rows("second_before", cols, np.array([-1.0, 1.0, -H]), hi=-p[j2, kk])
        last = [route[-1] for route in ops]
        am.add_rows("makespan_def", np.array([[cmax[0], s[j, k]] for j, k, _ in last]), np.array([1.0, -1.0]),
                    lo=np.array([d for _, _, d in last]))
        return am

    def pyomo(self, data):
        import pyomo.environ as pe
        J, M, H = data["jobs"], data["machines"], horizon(data)
        ops = self._ops(data)
        p = {(j, k): d for route in ops for j, k, d in route}
        m = pe.ConcreteModel(name="jobshop")
        m.J = pe.RangeSet(0, J - 1)
        m.K = pe.RangeSet(0, M - 1)
        m.s = pe.Var(m.J, m.K, bounds=(0, H))
        m.makespan = pe.Var([0], bounds=(0, H))
        m.z = pe.Var(m.J, m.J, m.K, within=pe.Binary)
        for j in m.J:
            for j2 in m.J:
                if j2 <= j:
                    for k in m.K:
                        m.z[j, j2, k].fix(0)
        m.objective = pe.Objective(expr=m.makespan[0])
        m.precedence = pe.ConstraintList()
        for route in ops:
            for (j, k1, p1), (_, k2, _) in zip(route, route[1:]):
                m.precedence.add(m.s[j, k2] >= m.s[j, k1] + p1)
        pairs = [(j, j2, k) for j in range(J) for j2 in range(j + 1, J) for k in range(M)]
        m.first_before = pe.Constraint(pairs, rule=lambda m, j, j2, k:
                                       m.s[j, k] + p[j, k] <= m.s[j2, k] + H * (1 - m.z[j, j2, k]))
        m.second_before = pe.Constraint(pairs, rule=lambda m, j, j2, k:
                                        m.s[j2, k] + p[j2, k] <= m.s[j, k] + H * m.z[j, j2, k])
        m.makespan_def = pe.Constraint(m.J, rule=lambda m, j: m.makespan[0] >= m.s[j, ops[j][-1][1]] + ops[j][-1][2])
        return m

    def view(self, data):
        steps = [[f"Machine {r} ({p})" for r, p in zip(route, times)]
                 for route, times in zip(data["routes"], data["times"])]
        return {**data, "steps": steps}

    def paragraph_specs(self, data):
        return [("context", "intro", None), ("data", "data", None), ("objective", "objective", 0),
                ("constraint", "precedence", None), ("constraint", "no_overlap", None)]

    def aug_release(self, data, rng):
        j = int(rng.integers(data["jobs"]))
        t = int(rng.integers(1, 21))
        first = data["routes"][j][0] - 1
        return Augment.one("release", 5, {"job": j + 1, "time": t}, [("s", (j, first), 1.0)], ">=", float(t))

    def aug_start_order(self, data, rng):
        a, b = (int(v) for v in rng.choice(data["jobs"], size=2, replace=False))
        fa, fb = data["routes"][a][0] - 1, data["routes"][b][0] - 1
        return Augment.one("start_order", 9, {"job_a": a + 1, "job_b": b + 1},
                           [("s", (a, fa), 1.0), ("s", (b, fb), -1.0)], "<=", 0.0)
