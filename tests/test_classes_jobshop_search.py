"""The job-shop upper bound (classes.jobshop_search): N5 tabu search with restarts. Its schedules are real
schedules (checked independently here), its makespan lies between the lower bound and the MIP optimum's
value only when equal to it, it is the brute-force optimum on 3x3 shops, the incremental heads/tails
agree with a full recomputation, and the result is deterministic."""
import itertools
import random

import numpy as np
import pytest

from milpsynth.classes import formulate_class
from milpsynth.classes.corpus import own_statement
from milpsynth.classes.jobshop import lower_bound
from milpsynth.classes.jobshop_search import Shop, check_schedule, iteration_budget, n5_moves, upper_bound


def _instance(J, M, seed, hi=10):
    rng = np.random.default_rng(seed)
    routes = [(rng.permutation(M) + 1).tolist() for _ in range(J)]
    times = rng.integers(1, hi + 1, size=(J, M)).tolist()
    return routes, times


def _semi_active(routes, times, rel, order):
    """Makespan of machine sequences order[m] (job lists), scheduled as early as possible; inf if the
    sequences deadlock. Written independently of the search module."""
    J = len(routes)
    nxt, pos = [0] * J, [0] * len(order)
    t_job, t_mach = [float(r) for r in rel], [0.0] * len(order)
    left = sum(len(r) for r in routes)
    while left:
        moved = False
        for j in range(J):
            if nxt[j] == len(routes[j]):
                continue
            m = routes[j][nxt[j]] - 1
            if order[m][pos[m]] != j:
                continue
            s = max(t_job[j], t_mach[m])
            t_job[j] = t_mach[m] = s + times[j][nxt[j]]
            pos[m] += 1
            nxt[j] += 1
            left -= 1
            moved = True
        if not moved:
            return float("inf")
    return max(t_job)


def _brute_force(routes, times, rel):
    J, M = len(routes), len(routes[0])
    perms = list(itertools.permutations(range(J)))
    return min(_semi_active(routes, times, rel, list(o)) for o in itertools.product(perms, repeat=M))


def _independent_check(routes, times, rel, start):
    """Route order, release times and one job at a time per machine, from the start times alone."""
    ends = []
    for j, r in enumerate(routes):
        t = rel[j]
        for k, m in enumerate(r):
            assert start[j][m - 1] >= t - 1e-9
            t = start[j][m - 1] + times[j][k]
        ends.append(t)
    for m in range(len(routes[0])):
        iv = sorted((start[j][m], start[j][m] + times[j][routes[j].index(m + 1)]) for j in range(len(routes)))
        assert all(b[0] >= a[1] - 1e-9 for a, b in zip(iv, iv[1:]))
    return max(ends)


@pytest.mark.parametrize("seed", range(6))
def test_3x3_finds_the_brute_force_optimum(seed):
    routes, times = _instance(3, 3, seed)
    rel = [0.0, 0.0, 0.0] if seed % 2 == 0 else [float(seed), 0.0, 2.0]
    opt = _brute_force(routes, times, rel)
    mk, start = upper_bound(routes, times, rel, lb=lower_bound(routes, times, rel))
    assert mk == pytest.approx(opt)
    assert _independent_check(routes, times, rel, start) == pytest.approx(mk)
    assert lower_bound(routes, times, rel) <= opt + 1e-9


@pytest.mark.parametrize("J,M,seed", [(4, 3, 1), (5, 5, 2), (8, 6, 3), (10, 10, 4)])
def test_schedule_is_valid_and_at_least_the_lower_bound(J, M, seed):
    routes, times = _instance(J, M, seed, hi=20)
    rel = [float(j % 3) * 5 for j in range(J)]
    lb = lower_bound(routes, times, rel)
    mk, start = upper_bound(routes, times, rel, lb=lb, iters=3000)
    assert _independent_check(routes, times, rel, start) == pytest.approx(mk)
    assert mk >= lb - 1e-9


def test_search_improves_on_the_list_schedules_and_is_deterministic():
    routes, times = _instance(8, 8, 7, hi=20)
    lb = lower_bound(routes, times)
    no_search = upper_bound(routes, times, lb=lb, iters=0)[0]
    a = upper_bound(routes, times, lb=lb, iters=4000)
    b = upper_bound(routes, times, lb=lb, iters=4000)
    assert a == b
    assert a[0] <= no_search


def test_check_schedule_rejects_what_is_not_a_schedule():
    routes, times = [[1, 2], [2, 1]], [[3.0, 2.0], [4.0, 1.0]]
    good = [[0.0, 4.0], [4.0, 0.0]]                      # job 1: M1 0-3, M2 4-6; job 2: M2 0-4, M1 4-5
    assert check_schedule(routes, times, None, good) == 6.0
    with pytest.raises(ValueError, match="overlap"):
        check_schedule(routes, times, None, [[0.0, 3.0], [4.0, 0.0]])      # M2: job 1 at 3 while job 2 runs
    with pytest.raises(ValueError, match="before"):
        check_schedule(routes, times, None, [[0.0, 2.0], [4.0, 0.0]])      # job 1 on M2 before its M1 step ends
    with pytest.raises(ValueError, match="before"):
        check_schedule(routes, times, [1.0, 0.0], good)                     # job 1 released at 1


def test_incremental_update_matches_a_full_evaluation_and_the_estimate_is_a_lower_bound():
    routes, times = _instance(6, 6, 11, hi=20)
    shop = Shop(routes, times, [0.0, 3.0, 0.0, 7.0, 0.0, 1.0])
    rng = random.Random(0)
    start = upper_bound(routes, times, shop.release, iters=0)[1]
    mp, ms = shop.links(shop.seqs_from_starts(start))
    order, r, q, cmax, end = shop.evaluate(mp, ms)
    pos = {o: i for i, o in enumerate(order)}
    pos = [pos[o] for o in range(shop.N)]
    for _ in range(200):
        moves = n5_moves(shop.critical_blocks(r, end, mp))
        if not moves:
            break
        u, v = moves[rng.randrange(len(moves))]
        est = shop.swap_estimate(u, v, r, q, mp, ms)
        shop.swap_and_update(u, v, mp, ms, order, pos, r, q)
        cmax, end = shop.makespan(r)
        full = shop.evaluate(mp, ms)
        assert full is not None
        assert r == pytest.approx(full[1]) and q == pytest.approx(full[2]) and cmax == pytest.approx(full[3])
        assert est <= cmax + 1e-9
        assert sorted(order) == list(range(shop.N))
        assert all(pos[o] == i for i, o in enumerate(order))
        assert all(pos[shop.jp[o]] < pos[o] for o in range(shop.N) if shop.jp[o] >= 0)
        assert all(pos[mp[o]] < pos[o] for o in range(shop.N) if mp[o] >= 0)
        seqs = [[shop.job[o] for o in seq] for seq in sorted(shop.seqs_from_links(mp, ms),
                                                               key=lambda s: shop.mach[s[0]])]
        assert _semi_active(routes, times, shop.release, seqs) == pytest.approx(cmax)


def test_iteration_budget_is_bounded_by_the_size():
    assert iteration_budget(9) < iteration_budget(100) == 30_000
    assert iteration_budget(400) * 400 <= 3_000_000


@pytest.mark.parametrize("seed", [4, 5, 6])
def test_horizon_equals_the_mip_optimum_on_small_generated_shops(seed):
    s = own_statement("jobshop", level="plain", scenario=seed % 3, perturb="none", seed=seed, solve=True)
    p = formulate_class(s["question"])
    d = p.data
    assert d["horizon"] >= s["answer"] - 1e-9            # a valid big-M: an optimal schedule ends by then
    if d["jobs"] * d["machines"] <= 36:
        assert d["horizon"] == pytest.approx(s["answer"])
    assert p.solve(time_limit=60).objective == pytest.approx(s["answer"])
    assert _independent_check(d["routes"], d["times"], [0.0] * d["jobs"], p.start["s"].tolist()) == \
        pytest.approx(d["horizon"])
