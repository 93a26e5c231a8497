"""Job shop: each job's route through the machines with a processing time per step (route lines
'J1: (M2, 5) -> (M1, 3)' or a table of 'Machine 2 (5)' cells); minimise the makespan.

Model (generators.jobshop): start times s_jk, precedence along each route, disjunctive big-M order
binaries per machine (M = the sum of all processing times), makespan >= each job's completion.
C^3-Bench's 'total completion time for all jobs is minimised' is the makespan (the time the last job
is done), which is what its answers are. Every job visits every machine once (as the generator
assumes); a route that repeats or skips a machine is reported as unreadable.
Extra statements: a job that cannot start before time t (its first step), a job that must start no
later than another, a fixed set-up time added (shift).
"""
from __future__ import annotations

import re

from ..errors import InputError
from ..generators.base import Augment
from . import readers as R
from .common import Reading
from .jobshop_search import upper_bound

BASE = [r"\bminimi[sz]|\bmakespan\b|\bas (?:early|soon)\b|\bcompletion time\b|\bfinish\w*\b",
        r"\binterrupt\w*\b|\bone (?:job|\w+) at a time\b|\bat once\b|\bsimultaneously\b|\bcontinuous\w*\b|\bpause\b",
        r"\border\b|\bsequence\b|\broute\b|\bpairs?\b|\bsteps?\b|\bone after the other\b|\bmove on\b"]


def read(text: str, evidence: dict):
    rd = Reading(text, "jobshop")
    doc = rd.doc
    tables = R.read_tables(doc)
    routes = R.read_routes(doc)
    jobs: list[tuple[str, list[tuple[str, object]], int]] = []
    if routes:
        jobs = [(r.name, r.steps, r.line) for r in routes]
    else:
        for t in tables:
            steps_rows = []
            for row in t.rows:
                st = [R.route_cell(c) for c in row.cells[1:] if c.text.strip()]
                if st and all(x is not None for x in st):
                    steps_rows.append((row.label, st, row.line))
            if len(steps_rows) >= 2:
                jobs = steps_rows
                break
    if len(jobs) < 2:
        raise InputError("no job routes found (lines 'Job: (Machine, time) -> ...' or a table of "
                         "'Machine k (time)' cells)", field="routes")
    machine_names: list[str] = []
    for _, steps, _ in jobs:
        for m, _ in steps:
            if m not in machine_names:
                machine_names.append(m)
    mach = R.Names(machine_names)
    order = sorted(range(len(machine_names)), key=lambda k: _sort_key(machine_names[k]))
    machine_names = [machine_names[k] for k in order]
    M = len(machine_names)
    routes_out, times = [], []
    for name, steps, line in jobs:
        idx = [machine_names.index(m) + 1 for m, _ in steps]
        if sorted(idx) != list(range(1, M + 1)):
            raise InputError(f"the route of {name} does not visit each of the {M} machines exactly once "
                             "(the job-shop model needs one step per machine)", field=f"line {line}")
        routes_out.append(idx)
        times.append([float(v.value) for _, v in steps])
        rd.source("routes", [v for _, v in steps])
    J = len(jobs)
    job_names = [j[0] for j in jobs]
    jn = R.Names(job_names)
    rd.names += [jn, mach]
    rd.count_sizes(J, M)
    rd.labels = {"s": [job_names, machine_names], "makespan": [["all jobs"]]}
    first = [r[0] - 1 for r in routes_out]
    for s in rd.sentences():
        ids = []
        for i, _, _ in jn.mentions(s.text):
            if i not in ids:
                ids.append(i)
        t = s.text
        nums = rd.numbers_in(s)
        if len(ids) == 1 and nums and re.search(r"\b(?:before|until|earliest|available|release\w*|not start|"
                                                 r"cannot start|no earlier|or later|elapsed|arriv\w*|ready)"
                                                 r"\b", t, re.I):
            j = ids[0]
            v = rd.take(s, nums[0], "release times")
            rd.augment(Augment.one("release", 5, {"job": j + 1, "time": v.value}, [("s", (j, first[j]), 1.0)],
                                   ">=", float(v.value)),
                       f"release[{job_names[j]}]", f"s[{job_names[j]}, first step] >= {v.value:g}", s)
        elif len(ids) == 2 and re.search(r"\bstart\w*|\bbegin\w*|\bahead of\b", t, re.I) and re.search(
                r"\bno later than\b|\bat or before\b|\bbefore\b|\bahead of\b|\bnot\b.*\bahead\b|\bearlier\b|\bfirst\b",
                t, re.I):
            a, b = ids
            if re.search(r"\bmay not be started ahead of\b|\bnot (?:be )?start\w* (?:ahead of|before)\b", t, re.I):
                a, b = b, a
            rd.augment(Augment.one("start_order", 9, {"job_a": a + 1, "job_b": b + 1},
                                   [("s", (a, first[a]), 1.0), ("s", (b, first[b]), -1.0)], "<=", 0.0),
                       f"start_order[{job_names[a]}, {job_names[b]}]",
                       f"s[{job_names[a]}, first] <= s[{job_names[b]}, first]", s)
    rd.objective_constant(maximize=False)
    data = {"jobs": J, "machines": M, "routes": routes_out, "times": times}
    kinds = {a.kind for a in rd.augments}
    if kinds <= {"release"}:
        rel = [0.0] * J
        for a in rd.augments:
            rel[a.params["job"] - 1] = max(rel[a.params["job"] - 1], float(a.params["time"]))
        lb = lower_bound(routes_out, times, rel)
        try:
            ub, start = upper_bound(routes_out, times, rel, lb=lb)      # a checked schedule's makespan
        except ValueError:                                               # (never expected) no bound then
            ub = start = None
        if start is not None:
            data["horizon"] = ub
            rd.notes.append(f"big-M and start-time bound H = {ub:g}, the makespan of a schedule found by list "
                            f"scheduling and N5 tabu search (checked; valid: an optimal schedule ends by then; it "
                            f"is also the MIP start); the sum of all times would be {sum(map(sum, times)):g}")
            rd.start = {"schedule": start, "makespan": ub}
        rd.cuts.append((Augment.one("makespan_lb", 0, {}, [("makespan", (0,), 1.0)], ">=", lb),
                        f"makespan >= {lb:g} (longest job, or one machine's preemptive schedule with heads and "
                        "tails)"))
    obj = rd.find(BASE[0])
    rd.family("objective", "minimize makespan (the time the last job is done)", obj[0] if obj else None)
    rd.family("precedence[j,k]", "s[j,next] >= s[j,k] + p[j,k] along each route", None, data_lines=J)
    ov = rd.find(BASE[1])
    big_m = "a schedule's makespan, see the notes" if "horizon" in data else "the sum of all times"
    rd.family("no_overlap[j,j',k]", f"s[j,k] + p[j,k] <= s[j',k] + H (1 - z[j,j',k]) and the reverse (H = {big_m})",
              ov[0] if ov else None)
    rd.family("makespan_def[j]", "makespan >= s[j,last] + p[j,last]", None)
    prob = rd.finish(data, evidence, BASE)
    if getattr(rd, "start", None):
        prob.start = _start_vector(data, rd.start["schedule"], rd.start["makespan"])
    return prob


def _start_vector(data, start, makespan):
    """Initial values of the blocks s, makespan, z for a known schedule (a MIP start for HiGHS)."""
    import numpy as np
    J, M = data["jobs"], data["machines"]
    s = np.array(start, dtype=float)
    z = np.zeros((J, J, M))
    for j in range(J):
        for j2 in range(j + 1, J):
            for k in range(M):
                z[j, j2, k] = 1.0 if s[j, k] <= s[j2, k] else 0.0
    return {"s": s, "makespan": np.array([makespan]), "z": z}


def _sort_key(name: str):
    m = re.search(r"(\d+)\s*$", name)
    return (re.sub(r"\d+\s*$", "", name), int(m.group(1)) if m else -1, name)


def lower_bound(routes, times, release=None) -> float:
    """A valid lower bound on the makespan: max over jobs of release + route length, and over machines of
    the one-machine relaxation with heads (release + the job's earlier steps) and tails (its later steps):
    min head + load + min tail, and the preemptive schedule that always runs the released operation with
    the longest tail (Jackson's rule, optimal for the preemptive one-machine problem)."""
    J = len(routes)
    M = max(max(r) for r in routes)
    rel = release or [0.0] * J
    lb = max(rel[j] + sum(times[j]) for j in range(J))
    for m in range(1, M + 1):
        ops = []
        for j in range(J):
            k = routes[j].index(m)
            ops.append((rel[j] + sum(times[j][:k]), float(times[j][k]), sum(times[j][k + 1:])))
        lb = max(lb, min(o[0] for o in ops) + sum(o[1] for o in ops) + min(o[2] for o in ops),
                 _preemptive_bound(ops))
    return lb


def _preemptive_bound(ops) -> float:
    """max over operations of completion + tail in Jackson's preemptive schedule of (head, time, tail) ops."""
    import heapq
    ops = sorted(ops)
    t, i, heap, rem, lb = 0.0, 0, [], {}, 0.0
    while i < len(ops) or heap:
        if not heap and t < ops[i][0]:
            t = ops[i][0]
        while i < len(ops) and ops[i][0] <= t:
            heapq.heappush(heap, (-ops[i][2], i))
            rem[i] = ops[i][1]
            i += 1
        neg_tail, k = heap[0]
        run = min(rem[k], (ops[i][0] if i < len(ops) else float("inf")) - t)
        t += run
        rem[k] -= run
        if rem[k] <= 1e-12:
            heapq.heappop(heap)
            lb = max(lb, t - neg_tail)
    return lb
