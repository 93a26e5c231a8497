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
        ub, start = list_schedule(routes_out, times, rel)
        lb = lower_bound(routes_out, times, rel)
        runs = ((600, 8),) if J * M < 36 else ((1200, 8), (1200, 12))     # larger shops: two tabu runs
        for iters, tenure in runs:
            if ub <= lb:
                break
            better = tabu_schedule(routes_out, times, rel, start, iters=iters, tenure=tenure)
            if better is not None and better[0] < ub:
                ub, start = better
        data["horizon"] = ub
        rd.notes.append(f"big-M and start-time bound H = {ub:g}, the makespan of a schedule found by list "
                        f"scheduling and tabu search (valid: an optimal schedule ends by then; it is also the MIP "
                        f"start); the sum of all times would be {sum(map(sum, times)):g}")
        rd.cuts.append((Augment.one("makespan_lb", 0, {}, [("makespan", (0,), 1.0)], ">=", lb),
                        f"makespan >= {lb:g} (longest job, or one machine's preemptive schedule with heads and "
                        "tails)"))
        rd.start = {"schedule": start, "makespan": ub}
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


def list_schedule(routes, times, release=None, tries: int = 300, seed: int = 0):
    """Best makespan of randomised Giffler-Thompson active schedules: (makespan, start[j][machine 0-based])."""
    import numpy as np
    rng = np.random.default_rng(seed)
    J = len(routes)
    M = max(max(r) for r in routes)
    rel = release or [0.0] * J
    best = None
    rules = ["spt", "mwkr", "random"]
    for t in range(tries):
        rule = rules[t % 3] if t < 30 else "random"
        nxt = [0] * J
        job_ready = list(map(float, rel))
        mach_ready = [0.0] * M
        start = [[0.0] * M for _ in range(J)]
        remaining = [sum(times[j]) for j in range(J)]
        done = 0
        total = sum(len(r) for r in routes)
        while done < total:
            cand = [j for j in range(J) if nxt[j] < len(routes[j])]
            ect = []
            for j in cand:
                m = routes[j][nxt[j]] - 1
                st = max(job_ready[j], mach_ready[m])
                ect.append((st + times[j][nxt[j]], st, j, m))
            c_star, _, _, m_star = min(ect)
            conflict = [(st, j) for e, st, j, m in ect if m == m_star and st < c_star]
            if rule == "spt":
                st, j = min(conflict, key=lambda x: (times[x[1]][nxt[x[1]]], x[0]))
            elif rule == "mwkr":
                st, j = max(conflict, key=lambda x: (remaining[x[1]], -x[0]))
            else:
                st, j = conflict[int(rng.integers(len(conflict)))]
            p = times[j][nxt[j]]
            start[j][m_star] = st
            job_ready[j] = st + p
            mach_ready[m_star] = st + p
            remaining[j] -= p
            nxt[j] += 1
            done += 1
        mk = max(job_ready)
        if best is None or mk < best[0]:
            best = (mk, start)
    return best


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


def _evaluate(routes, times, seqs, rel):
    """Makespan, start times and a critical path of the schedule given by machine sequences (None: cyclic)."""
    J = len(routes)
    pos = [{m - 1: k for k, m in enumerate(r)} for r in routes]
    # predecessors: job predecessor and machine predecessor
    mpred = {}
    for m, seq in enumerate(seqs):
        for a, b in zip(seq, seq[1:]):
            mpred[(b, m)] = a
    indeg = {}
    succ = {}
    for j in range(J):
        for k, m1 in enumerate(routes[j]):
            node = (j, m1 - 1)
            indeg.setdefault(node, 0)
            if k + 1 < len(routes[j]):
                nxt = (j, routes[j][k + 1] - 1)
                succ.setdefault(node, []).append(nxt)
                indeg[nxt] = indeg.get(nxt, 0) + 1
    for (b, m), a in mpred.items():
        succ.setdefault((a, m), []).append((b, m))
        indeg[(b, m)] = indeg.get((b, m), 0) + 1
    start = {n: (rel[n[0]] if pos[n[0]][n[1]] == 0 else 0.0) for n in indeg}
    prev = {n: None for n in indeg}
    stack = [n for n, d in indeg.items() if d == 0]
    seen = 0
    while stack:
        n = stack.pop()
        seen += 1
        end = start[n] + times[n[0]][pos[n[0]][n[1]]]
        for s2 in succ.get(n, ()):
            if end > start[s2]:
                start[s2] = end
                prev[s2] = n
            indeg[s2] -= 1
            if indeg[s2] == 0:
                stack.append(s2)
    if seen != len(indeg):
        return None
    last = max(indeg, key=lambda n: start[n] + times[n[0]][pos[n[0]][n[1]]])
    mk = start[last] + times[last[0]][pos[last[0]][last[1]]]
    path = [last]
    while prev[path[-1]] is not None:
        path.append(prev[path[-1]])
    return mk, start, path[::-1]


def tabu_schedule(routes, times, rel=None, start=None, iters: int = 400, tenure: int = 8):
    """Improve a schedule by swapping adjacent critical operations on a machine (N1 tabu search)."""
    J = len(routes)
    M = max(max(r) for r in routes)
    rel = rel or [0.0] * J
    seqs = [sorted(range(J), key=lambda j: (start[j][m], j)) for m in range(M)]
    res = _evaluate(routes, times, seqs, rel)
    if res is None:
        return None
    best_mk, best_seqs = res[0], [s[:] for s in seqs]
    cur = res
    tabu: dict = {}
    for it in range(iters):
        _, _, path = cur
        moves = []
        for a, b in zip(path, path[1:]):
            if a[1] == b[1]:
                moves.append((a[1], a[0], b[0]))
        if not moves:
            break
        cand = fallback = None
        for m, ja, jb in moves:
            seq = seqs[m]
            ia = seq.index(ja)
            if ia + 1 >= len(seq) or seq[ia + 1] != jb:
                continue
            seq[ia], seq[ia + 1] = jb, ja
            r = _evaluate(routes, times, seqs, rel)
            seq[ia], seq[ia + 1] = ja, jb
            if r is None:
                continue
            is_tabu = tabu.get((m, jb, ja), -1) >= it
            if is_tabu and r[0] >= best_mk:
                if fallback is None or tabu[(m, jb, ja)] < fallback[5]:
                    fallback = (r, m, ia, ja, jb, tabu[(m, jb, ja)])
                continue
            if cand is None or r[0] < cand[0][0]:
                cand = (r, m, ia, ja, jb)
        if cand is None:
            if fallback is None:
                break
            cand = fallback[:5]
        r, m, ia, ja, jb = cand
        seqs[m][ia], seqs[m][ia + 1] = jb, ja
        tabu[(m, ja, jb)] = it + tenure
        cur = r
        if r[0] < best_mk:
            best_mk, best_seqs = r[0], [s[:] for s in seqs]
    mk, st, _ = _evaluate(routes, times, best_seqs, rel)
    out = [[0.0] * M for _ in range(J)]
    for (j, m), v in st.items():
        out[j][m] = v
    return mk, out
