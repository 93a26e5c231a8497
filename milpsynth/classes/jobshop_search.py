"""Upper bounds for the job shop (the big-M / horizon H and the MIP start of classes.jobshop).

A schedule is a set of machine sequences (the order of the operations on each machine); its start times
are the heads (longest paths) of the disjunctive graph, its makespan the longest path. The search is the
tabu search of Nowicki and Smutnicki (1996) with their N5 neighbourhood: on one critical path, swap the
first two and the last two operations of each critical block (maximal run of consecutive critical
operations on one machine). Such a swap never creates a cycle. Moves are ranked by Taillard's estimate of
the new makespan from the heads and tails of the two swapped operations (O(1) a move); the chosen move is
applied and the heads and tails recomputed exactly (O(operations), flat Python lists).

Several runs (restarts) start from different Giffler-Thompson active schedules (priority rules, then
random ones from a seeded generator) and from the best schedule found so far with a few random critical
swaps; a run ends after a number of iterations without improving on its own best. The total number of
iterations is a fixed function of the instance size (so the result is deterministic), with a wall-clock
cap as a safety net on a slow machine; the search stops early at a known lower bound.

Every schedule returned is checked by `check_schedule` (release times, routes, one operation at a time per
machine), so its makespan is a valid upper bound on the optimum.
"""
from __future__ import annotations

import random
import time

EPS = 1e-9


class Shop:
    """An instance as flat operation arrays: operation o = offset[j] + k is step k of job j."""

    def __init__(self, routes, times, release=None):
        J = len(routes)
        self.J = J
        self.M = max(max(r) for r in routes)
        rel = [float(x) for x in (release or [0.0] * J)]
        self.release = rel
        self.routes, self.times = routes, times
        job, mach, p, jp, js, head0, offset = [], [], [], [], [], [], []
        for j, r in enumerate(routes):
            offset.append(len(job))
            for k, m in enumerate(r):
                o = len(job)
                job.append(j)
                mach.append(m - 1)
                p.append(float(times[j][k]))
                jp.append(o - 1 if k > 0 else -1)
                js.append(o + 1 if k + 1 < len(r) else -1)
                head0.append(rel[j] if k == 0 else 0.0)
        self.N = len(job)
        self.job, self.mach, self.p, self.jp, self.js, self.head0, self.offset = job, mach, p, jp, js, head0, offset

    # ---- schedules as machine sequences --------------------------------------------------------------
    def links(self, seqs):
        """Machine predecessor / successor arrays of machine sequences (lists of operations)."""
        mp, ms = [-1] * self.N, [-1] * self.N
        for seq in seqs:
            for a, b in zip(seq, seq[1:]):
                ms[a] = b
                mp[b] = a
        return mp, ms

    def seqs_from_starts(self, start):
        """Machine sequences of start times start[j][machine 0-based] (ties by job)."""
        seqs = [[] for _ in range(self.M)]
        for o in range(self.N):
            seqs[self.mach[o]].append(o)
        for m in range(self.M):
            seqs[m].sort(key=lambda o: (start[self.job[o]][self.mach[o]], self.job[o]))
        return seqs

    def seqs_from_links(self, mp, ms):
        seqs = []
        firsts = [o for o in range(self.N) if mp[o] < 0]
        firsts.sort(key=lambda o: self.mach[o])
        for o in firsts:
            seq = []
            while o >= 0:
                seq.append(o)
                o = ms[o]
            seqs.append(seq)
        return seqs

    def topo_order(self, mp, ms):
        """A topological order of the disjunctive graph (Kahn), or None when it has a cycle."""
        N, jp, js = self.N, self.jp, self.js
        indeg = [(jp[o] >= 0) + (mp[o] >= 0) for o in range(N)]
        stack = [o for o in range(N) if indeg[o] == 0]
        order = []
        while stack:
            o = stack.pop()
            order.append(o)
            for s in (js[o], ms[o]):
                if s >= 0:
                    indeg[s] -= 1
                    if not indeg[s]:
                        stack.append(s)
        return order if len(order) == N else None

    def heads(self, order, mp, r, lo: int = 0):
        """Heads (earliest starts) r, recomputed in place for order[lo:] (those before are unchanged)."""
        p, jp, h0 = self.p, self.jp, self.head0
        for i in range(lo, len(order)):
            o = order[i]
            t = h0[o]
            x = jp[o]
            if x >= 0 and r[x] + p[x] > t:
                t = r[x] + p[x]
            x = mp[o]
            if x >= 0 and r[x] + p[x] > t:
                t = r[x] + p[x]
            r[o] = t

    def tails(self, order, ms, q, hi: int | None = None):
        """Tails q (longest path after the operation, its own time excluded), recomputed in place for
        order[:hi + 1] (those after are unchanged)."""
        p, js = self.p, self.js
        for i in range(len(order) - 1 if hi is None else hi, -1, -1):
            o = order[i]
            t = 0.0
            x = js[o]
            if x >= 0:
                t = q[x] + p[x]
            x = ms[o]
            if x >= 0 and q[x] + p[x] > t:
                t = q[x] + p[x]
            q[o] = t

    def makespan(self, r):
        """(makespan, the last job operation that ends then) of heads r."""
        p, end, cmax = self.p, -1, -1.0
        for j in range(self.J):
            o = self.offset[j] + len(self.routes[j]) - 1
            if r[o] + p[o] > cmax + EPS:
                cmax, end = r[o] + p[o], o
        return cmax, end

    def evaluate(self, mp, ms):
        """(order, heads, tails, makespan, last operation) of a schedule's links, or None when cyclic."""
        order = self.topo_order(mp, ms)
        if order is None:
            return None
        r, q = [0.0] * self.N, [0.0] * self.N
        self.heads(order, mp, r)
        self.tails(order, ms, q)
        return (order, r, q) + self.makespan(r)

    def critical_blocks(self, r, end, mp):
        """The blocks (lists of operations, in path order) of one critical path, traced back from its
        last operation `end`, preferring the machine predecessor (longer blocks)."""
        p, jp = self.p, self.jp
        o = end
        path = [o]
        while True:
            a = mp[o]
            if a >= 0 and abs(r[a] + p[a] - r[o]) <= EPS:
                o = a
            else:
                a = jp[o]
                if a >= 0 and abs(r[a] + p[a] - r[o]) <= EPS:
                    o = a
                else:
                    break
            path.append(o)
        path.reverse()
        blocks, cur = [], [path[0]]
        for a, b in zip(path, path[1:]):
            if mp[b] == a:
                cur.append(b)
            else:
                blocks.append(cur)
                cur = [b]
        blocks.append(cur)
        return blocks

    def swap_and_update(self, u, v, mp, ms, order, pos, r, q):
        """Swap u and its machine successor v (u before v on a critical path, so acyclic), repair the
        topological order locally and recompute the heads and tails that can change."""
        self.swap(u, v, mp, ms)
        a, b = pos[u], pos[v]
        # order[a..b]: the operations reachable from u (in the new graph) move after the others
        jp = self.jp
        moved = {u}
        keep, after = [], [u]
        for i in range(a + 1, b + 1):
            o = order[i]
            if jp[o] in moved or mp[o] in moved:
                moved.add(o)
                after.append(o)
            else:
                keep.append(o)
        seg = keep + after
        order[a:b + 1] = seg
        for i, o in enumerate(seg, a):
            pos[o] = i
        self.heads(order, mp, r, a)
        self.tails(order, ms, q, b)

    def swap_estimate(self, u, v, r, q, mp, ms):
        """Taillard's estimate of the makespan after swapping u and v (v the machine successor of u)."""
        p, jp, js, h0 = self.p, self.jp, self.js, self.head0
        a, b = mp[u], ms[v]
        rv = h0[v]
        x = jp[v]
        if x >= 0 and r[x] + p[x] > rv:
            rv = r[x] + p[x]
        if a >= 0 and r[a] + p[a] > rv:
            rv = r[a] + p[a]
        ru = rv + p[v]
        x = jp[u]
        if x >= 0 and r[x] + p[x] > ru:
            ru = r[x] + p[x]
        if ru < h0[u]:
            ru = h0[u]
        qu = 0.0
        x = js[u]
        if x >= 0:
            qu = q[x] + p[x]
        if b >= 0 and q[b] + p[b] > qu:
            qu = q[b] + p[b]
        qv = qu + p[u]
        x = js[v]
        if x >= 0 and q[x] + p[x] > qv:
            qv = q[x] + p[x]
        return max(rv + p[v] + qv, ru + p[u] + qu)

    @staticmethod
    def swap(u, v, mp, ms):
        """Swap u and its machine successor v in place."""
        a, b = mp[u], ms[v]
        if a >= 0:
            ms[a] = v
        if b >= 0:
            mp[b] = u
        mp[v], ms[v] = a, u
        mp[u], ms[u] = v, b

    def starts(self, r):
        """Start times as start[j][machine 0-based]."""
        out = [[0.0] * self.M for _ in range(self.J)]
        for o in range(self.N):
            out[self.job[o]][self.mach[o]] = r[o]
        return out


def n5_moves(blocks):
    """The N5 swaps (u, v) of a critical path's blocks: first two and last two operations of each block
    (all blocks, so that release times, where the path need not start at 0, are covered too)."""
    moves = []
    for bl in blocks:
        if len(bl) < 2:
            continue
        moves.append((bl[0], bl[1]))
        if len(bl) > 2:
            moves.append((bl[-2], bl[-1]))
    return moves


def giffler_thompson(shop: Shop, rule: str, rng: random.Random):
    """An active schedule (Giffler-Thompson) with a priority rule: 'spt', 'mwkr' (most work remaining),
    'lrpt'-like 'mor' (most operations remaining) or 'random'. Returns (makespan, start[j][m])."""
    J, p, mach = shop.J, shop.p, shop.mach
    off = shop.offset
    length = [len(r) for r in shop.routes]
    nxt = [0] * J
    job_ready = shop.release[:]
    mach_ready = [0.0] * shop.M
    remaining = [sum(p[off[j]:off[j] + length[j]]) for j in range(J)]
    start = [[0.0] * shop.M for _ in range(J)]
    left = shop.N
    while left:
        best_c, m_star = None, -1
        cand = []
        for j in range(J):
            if nxt[j] < length[j]:
                o = off[j] + nxt[j]
                m = mach[o]
                st = job_ready[j] if job_ready[j] > mach_ready[m] else mach_ready[m]
                cand.append((j, o, m, st))
                c = st + p[o]
                if best_c is None or c < best_c - EPS or (abs(c - best_c) <= EPS and m < m_star):
                    best_c, m_star = c, m
        conflict = [x for x in cand if x[2] == m_star and x[3] < best_c - EPS]
        if rule == "spt":
            j, o, m, st = min(conflict, key=lambda x: (p[x[1]], x[3], x[0]))
        elif rule == "mwkr":
            j, o, m, st = max(conflict, key=lambda x: (remaining[x[0]], -x[3], -x[0]))
        elif rule == "mor":
            j, o, m, st = max(conflict, key=lambda x: (length[x[0]] - nxt[x[0]], -x[3], -x[0]))
        else:
            j, o, m, st = conflict[rng.randrange(len(conflict))]
        start[j][m] = st
        job_ready[j] = mach_ready[m] = st + p[o]
        remaining[j] -= p[o]
        nxt[j] += 1
        left -= 1
    return max(job_ready), start


def check_schedule(routes, times, release, start, tol: float = 1e-6) -> float:
    """The makespan of start[j][machine 0-based] after checking it is a schedule: each job starts no
    earlier than its release time and follows its route, and no machine runs two operations at once.
    Raises ValueError otherwise."""
    J = len(routes)
    rel = release or [0.0] * J
    mk = 0.0
    per_machine: dict[int, list] = {}
    for j, r in enumerate(routes):
        t = float(rel[j])
        for k, m in enumerate(r):
            s = float(start[j][m - 1])
            if s < t - tol:
                raise ValueError(f"job {j + 1} step {k + 1} starts at {s:g} before {t:g}")
            t = s + float(times[j][k])
            per_machine.setdefault(m, []).append((s, t, j))
        mk = max(mk, t)
    for m, ops in per_machine.items():
        ops.sort()
        for (s1, e1, j1), (s2, e2, j2) in zip(ops, ops[1:]):
            if s2 < e1 - tol:
                raise ValueError(f"jobs {j1 + 1} and {j2 + 1} overlap on machine {m}")
    return mk


def iteration_budget(n_ops: int) -> int:
    """Total tabu iterations for n_ops operations: 300 per operation, at most 3e6 / n_ops (an iteration
    costs O(n_ops)), so 30 000 for a 10x10 shop (about 2 s in CPython), 7 500 for 20x20."""
    return max(200, min(300 * n_ops, 3_000_000 // max(1, n_ops)))


def tabu_search(shop: Shop, mp, ms, iters: int, best_known: float, lb: float, rng: random.Random,
                tenure: tuple[int, int], max_stall: int, deadline: float):
    """One N5 tabu run from the links (mp, ms) (changed in place). Returns (iterations used, the run's
    best makespan, its links)."""
    order, r, q, cmax, end = shop.evaluate(mp, ms)
    pos = [0] * shop.N
    for i, o in enumerate(order):
        pos[o] = i
    best, best_links = cmax, (mp[:], ms[:])
    tabu: dict = {}
    stall = 0
    it = 0
    lo_t, hi_t = tenure
    estimate = shop.swap_estimate
    while it < iters and stall < max_stall and best > lb + EPS:
        if (it & 63) == 0 and time.perf_counter() > deadline:
            break
        it += 1
        moves = n5_moves(shop.critical_blocks(r, end, mp))
        if not moves:
            break                       # the critical path is a single job's route: optimal
        target = min(best, best_known)
        chosen, chosen_est = None, None
        oldest, oldest_t = None, None
        for u, v in moves:
            est = estimate(u, v, r, q, mp, ms)
            t_until = tabu.get((u, v), -1)
            if t_until >= it and est >= target - EPS:
                if oldest is None or t_until < oldest_t:
                    oldest, oldest_t = (u, v), t_until
                continue
            if chosen is None or est < chosen_est - EPS:
                chosen, chosen_est = (u, v), est
        if chosen is None:
            chosen = oldest
        u, v = chosen
        shop.swap_and_update(u, v, mp, ms, order, pos, r, q)
        tabu[(v, u)] = it + rng.randint(lo_t, hi_t)      # forbid putting u back before v for a while
        cmax, end = shop.makespan(r)
        if cmax < best - EPS:
            best, best_links = cmax, (mp[:], ms[:])
            stall = 0
        else:
            stall += 1
    return it, best, best_links


def perturb(shop: Shop, mp, ms, rng: random.Random, k: int):
    """k random swaps of adjacent operations on critical blocks (always acyclic)."""
    for _ in range(k):
        _, r, _, _, end = shop.evaluate(mp, ms)
        pairs = [(a, b) for bl in shop.critical_blocks(r, end, mp) for a, b in zip(bl, bl[1:])]
        if not pairs:
            return
        u, v = pairs[rng.randrange(len(pairs))]
        shop.swap(u, v, mp, ms)


def upper_bound(routes, times, release=None, lb: float = 0.0, seed: int = 0, iters: int | None = None,
                max_seconds: float = 5.0, n_starts: int = 24, max_stall: int | None = None,
                tenure: tuple[int, int] | None = None, fresh_every: int = 2):
    """A good schedule: (makespan, start[j][machine 0-based]) of the best of Giffler-Thompson schedules
    improved by N5 tabu search with restarts (see the module doc). `lb`: a known lower bound (the search
    stops when it is reached); `iters`: the total tabu iterations (default `iteration_budget`);
    `max_seconds`: a wall-clock safety cap. Deterministic for a given seed when the cap is not hit."""
    shop = Shop(routes, times, release)
    rng = random.Random(seed)
    t0 = time.perf_counter()
    deadline = t0 + max_seconds
    # starting schedules: the priority rules, then random active schedules (distinct makespans first)
    starts = []
    for rule in ("mwkr", "spt", "mor"):
        starts.append(giffler_thompson(shop, rule, rng))
    for _ in range(max(0, n_starts - len(starts))):
        starts.append(giffler_thompson(shop, "random", rng))
    order = sorted(range(len(starts)), key=lambda i: (starts[i][0], i))
    best_mk, best_start = starts[order[0]]
    best_links = shop.links(shop.seqs_from_starts(best_start))
    total = iteration_budget(shop.N) if iters is None else iters
    n = shop.N
    if max_stall is None:
        max_stall = max(200, min(2500, 25 * n))
    if tenure is None:
        tenure = (max(2, n // 12), max(4, n // 12 + 6))
    used, run = 0, 0
    while used < total and best_mk > lb + EPS and time.perf_counter() < deadline:
        if run % fresh_every == 0 and run // fresh_every < len(order):   # the next list schedule
            mp, ms = shop.links(shop.seqs_from_starts(starts[order[run // fresh_every]][1]))
        else:                                          # from the best so far, shaken
            mp, ms = best_links[0][:], best_links[1][:]
            perturb(shop, mp, ms, rng, 2 + rng.randrange(4))
        k, mk, links = tabu_search(shop, mp, ms, total - used, best_mk, lb, rng, tenure, max_stall, deadline)
        used += max(1, k)
        run += 1
        if mk < best_mk - EPS:
            best_mk, best_links = mk, links
            best_start = shop.starts(shop.evaluate(*best_links)[1])
    mk = check_schedule(routes, times, release, best_start)
    return mk, best_start
