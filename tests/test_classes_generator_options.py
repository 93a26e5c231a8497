"""The optional data keys the class readers use in the generators: the array model and the Pyomo model
agree with them, and without them the models are unchanged."""
import numpy as np
import pytest

from milpsynth.generators import get
from milpsynth.generators.jobshop import horizon
from milpsynth.status import Status


def both(cls, data, augments=()):
    g = get(cls)
    a = g.solve(data, augments, backend="highs", time_limit=60)
    b = g.solve(data, augments, backend="pyomo", time_limit=60)
    assert a.status == b.status == Status.OPTIMAL
    assert a.objective == pytest.approx(b.objective, rel=1e-7, abs=1e-7)
    return a.objective


INV = {"demand": [30.0, 25.0, 35.0, 10.0, 40.0], "purchase_cost": [3.0] * 5, "holding_cost": 1.0,
       "backlog_cost": 9.0, "min_order": 5.0, "max_order": 40.0, "lead_time": 2, "initial_stock": 20.0,
       "capacity": 45.0}


@pytest.mark.parametrize("opts", [{}, {"lost_sales": True}, {"lost_sales": True, "shortage_at_most_demand": True},
                                  {"order_periods": 5}, {"capacity_on_arrival": True},
                                  {"lost_sales": True, "order_periods": 5, "capacity_on_arrival": True}])
def test_inventory_options_agree_in_both_models(opts):
    both("inventory", {**INV, **opts})


def test_inventory_options_change_what_they_say():
    base = both("inventory", INV)
    assert both("inventory", {**INV, "order_periods": 5}) >= base          # two more orders bought at >= 5 each
    lost = both("inventory", {**INV, "lost_sales": True})
    bounded = both("inventory", {**INV, "lost_sales": True, "shortage_at_most_demand": True})
    assert bounded >= lost - 1e-9


def test_netflow_supply_at_most():
    d = {"supplies": [30, 40], "demands": [25, 25],
         "arcs": [[1, 1, 30, 2], [1, 2, 30, 5], [2, 1, 40, 4], [2, 2, 40, 1]]}
    exact = {**d, "supplies": [25, 25]}
    assert both("netflow", {**d, "supply_at_most": True}) == pytest.approx(25 * 2 + 25 * 1)
    assert both("netflow", exact) == pytest.approx(25 * 2 + 25 * 1)


def test_pollution_with_four_methods():
    rng = np.random.default_rng(0)
    d = {"emissions": [100.0, 80.0], "efficiency": rng.integers(20, 90, (2, 4)).tolist(),
         "costs": rng.integers(10, 50, (2, 4)).tolist(), "target": 60.0}
    both("pollution", d)


def test_jobshop_horizon_is_a_valid_tighter_big_m():
    d = {"jobs": 3, "machines": 2, "routes": [[1, 2], [2, 1], [1, 2]], "times": [[3, 2], [4, 1], [2, 3]]}
    assert horizon(d) == 15
    full = both("jobshop", d)
    assert both("jobshop", {**d, "horizon": full}) == pytest.approx(full)
