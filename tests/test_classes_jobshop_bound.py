"""The job-shop makespan lower bound (a solver row of the class model): valid on generated instances, and
the preemptive one-machine bound with heads and tails (Jackson's rule) on small cases worked by hand."""
import pytest

from milpsynth.classes import formulate_class
from milpsynth.classes.corpus import own_statement
from milpsynth.classes.jobshop import _preemptive_bound, lower_bound


def test_preemptive_bound_on_one_machine_worked_by_hand():
    # (head, time, tail): the long-tailed operation is released at 1 and preempts the other one
    ops = [(0.0, 4.0, 0.0), (1.0, 2.0, 6.0)]
    # t=0..1 first op; t=1..3 second (tail 6 -> 9); t=3..6 rest of the first (-> 6): bound 9
    assert _preemptive_bound(ops) == 9.0
    # the simple bound says min head 0 + load 6 + min tail 0 = 6
    assert min(o[0] for o in ops) + sum(o[1] for o in ops) + min(o[2] for o in ops) == 6.0


def test_bound_takes_the_job_lengths_and_release_times():
    routes, times = [[1, 2], [2, 1]], [[3.0, 2.0], [4.0, 1.0]]
    assert lower_bound(routes, times) >= 5.0
    assert lower_bound(routes, times, [10.0, 0.0]) >= 15.0


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_bound_never_exceeds_the_optimum(seed):
    s = own_statement("jobshop", level="plain", scenario=seed % 3, perturb="none", seed=seed, solve=True)
    p = formulate_class(s["question"])
    d = p.data
    lb = lower_bound(d["routes"], d["times"])
    assert lb <= s["answer"] + 1e-9
    assert p.solve(time_limit=60).objective == pytest.approx(s["answer"])
