"""Class problems end to end: the project's own statements read back give the generator's optimum, and
small texts written for these tests give the optimum found by exhaustive search."""
import itertools
import math

import numpy as np
import pytest

from milpsynth.classes import formulate_class
from milpsynth.classes.corpus import own_statement, tables_as_lists
from milpsynth.errors import InputError
from milpsynth.generators import CLASSES
from milpsynth.solve import Solution
from milpsynth.status import Status


def close(a, b, tol=1e-6):
    return a is not None and abs(a - b) <= tol * max(1.0, abs(b))


@pytest.mark.parametrize("cls", CLASSES)
@pytest.mark.parametrize("perturb,level", [("none", "plain"), ("augment", "moderate"), ("objective", "hard")])
def test_own_statement_read_back_gives_the_generators_optimum(cls, perturb, level):
    s = own_statement(cls, level=level, scenario=1, perturb=perturb, seed=11, solve=True)
    p = formulate_class(s["question"])
    assert p is not None and p.problem_class == cls
    assert not p.unplaced, [str(u) for u in p.unplaced]
    sol = p.solve(time_limit=60)
    assert isinstance(sol, Solution) and sol.status == Status.OPTIMAL
    assert close(sol.objective, s["answer"]), (sol.objective, s["answer"])
    assert len(p.augments) == len(s["augments"])


@pytest.mark.parametrize("cls", ["knapsack", "binpacking", "tsp", "jobshop", "inventory", "netflow", "transportation"])
def test_own_statement_as_bullet_and_pair_lists(cls):
    s = own_statement(cls, level="plain", scenario=0, perturb="augment", seed=5, solve=True)
    p = formulate_class(tables_as_lists(s["question"], np.random.default_rng(2)))
    assert p is not None and p.problem_class == cls
    assert close(p.solve(time_limit=60).objective, s["answer"])


KNAPSACK = """A courier picks parcels for one van trip.
* Box A: weight 12 kg, value $40
* Box B: weight 9 kg, value $30
* Box C: weight 15 kg, value $55
* Box D: weight 7 kg, value $18
* Box E: weight 10 kg, value $1,035

The van takes at most 30 kg. Pick the parcels that give the highest total value; a parcel goes whole or not at all.
Exactly one of Box A and Box B must be taken.
If Box C is taken, it needs packing that costs the van 5 kg of its capacity."""


def test_knapsack_text_with_logic_and_capacity_drop():
    p = formulate_class(KNAPSACK)
    assert p.problem_class == "knapsack" and p.data["capacity"] == 30
    assert p.data["values"][4] == 1035 and p.sources["capacity"] == [8]
    w, v = [12, 9, 15, 7, 10], [40, 30, 55, 18, 1035]
    best = max(sum(vi * xi for vi, xi in zip(v, x)) for x in itertools.product((0, 1), repeat=5)
               if x[0] + x[1] == 1 and sum(wi * xi for wi, xi in zip(w, x)) + 5 * x[2] <= 30)
    sol = p.solve()
    assert close(sol.objective, best)
    assert {u.kind for u in p.augments} == {"logic_exactly_one", "capacity_drop"}
    assert [u.type for u in p.augments if u.kind == "logic_exactly_one"] == [11]    # its type among the 13
    assert {f.name: f.type for f in p.families}["capacity"] == 3                   # a weighted sum <= C
    text = str(p)
    assert "capacity: sum_i w[i] x[i] <= C = 30" in text and "Exactly one of Box A" in text
    assert sol.values["x[Box E]"] == 1.0


def test_an_extra_statement_that_cannot_be_placed_is_reported():
    p = formulate_class(KNAPSACK + "\nBox D must reach the client before noon.")
    assert len(p.unplaced) == 1 and "Box D must reach" in p.unplaced[0].text
    assert "NOT PLACED" in str(p)
    assert "not placed" in p.solve().message


TSP = """A surveyor visits five towns once each and returns to the start.
The driving times are:
* Alder to Birch: 10.5 min
* Alder to Cedar: 12.0 min
* Alder to Dune: 9.5 min
* Alder to Elm: 14.0 min
* Birch to Cedar: 6.5 min
* Birch to Dune: 11.0 min
* Birch to Elm: 8.0 min
* Cedar to Dune: 7.5 min
* Cedar to Elm: 9.0 min
* Dune to Elm: 13.5 min

Find the shortest tour. No direct road exists between Alder and Dune.
A fixed 7 minutes is added for paperwork, whatever the route."""


def test_tsp_pair_list_with_forbidden_link_and_constant():
    p = formulate_class(TSP)
    assert p.problem_class == "tsp" and p.shift == 7
    names = ["Alder", "Birch", "Cedar", "Dune", "Elm"]
    d = {}
    for line in TSP.splitlines():
        if " to " in line and ":" in line:
            a, rest = line[2:].split(" to ")
            b, t = rest.split(": ")
            d[(a, b)] = d[(b, a)] = float(t.split()[0])
    best = math.inf
    for perm in itertools.permutations(names[1:]):
        tour = ("Alder",) + perm + ("Alder",)
        legs = list(zip(tour, tour[1:]))
        if any({a, b} == {"Alder", "Dune"} for a, b in legs):
            continue
        best = min(best, sum(d[leg] for leg in legs))
    assert close(p.solve().objective, best + 7)


JOBSHOP = """A print shop runs three orders through two presses, each order in its own order of steps.
* O1: (Press X, 3) -> (Press Y, 2)
* O2: (Press Y, 4) -> (Press X, 1)
* O3: (Press X, 2) -> (Press Y, 3)
A press handles one order at a time and a step is never interrupted. Minimise the makespan."""


def _makespan(routes, order):
    """Semi-active schedule of given machine sequences (dict machine -> job order)."""
    start, done = {}, {}
    pending = [(j, 0) for j in range(len(routes))]
    pos = {m: 0 for m in order}
    t_job = [0.0] * len(routes)
    t_mach = {m: 0.0 for m in order}
    progress = True
    while pending and progress:
        progress = False
        for j, k in list(pending):
            m, p = routes[j][k]
            if order[m][pos[m]] != j:
                continue
            s = max(t_job[j], t_mach[m])
            t_job[j] = t_mach[m] = s + p
            pos[m] += 1
            pending.remove((j, k))
            if k + 1 < len(routes[j]):
                pending.append((j, k + 1))
            progress = True
    return max(t_job) if not pending else math.inf


def test_jobshop_routes_give_the_exhaustive_optimum():
    p = formulate_class(JOBSHOP)
    assert p.problem_class == "jobshop" and p.data["jobs"] == 3 and p.data["machines"] == 2
    routes = [[("X", 3), ("Y", 2)], [("Y", 4), ("X", 1)], [("X", 2), ("Y", 3)]]
    best = min(_makespan(routes, {"X": ox, "Y": oy}) for ox in itertools.permutations(range(3))
               for oy in itertools.permutations(range(3)))
    assert close(p.solve().objective, best)


def test_jobshop_route_missing_a_machine_names_the_line():
    bad = JOBSHOP.replace("* O3: (Press X, 2) -> (Press Y, 3)", "* O3: (Press X, 2) -> (Press X, 3)")
    with pytest.raises(InputError, match="line 4"):
        formulate_class(bad)


INVENTORY = """A depot plans fuel deliveries over 4 weeks.
The initial stock at the start of week 1 is 20 barrels.
In each week t = 1, ..., 4, one delivery of between 5 and 40 barrels must be requested.
Each delivery takes 1 week to arrive.
Weekly demand:
* Week 1: 30 barrels
* Week 2: 25 barrels
* Week 3: 35 barrels
* Week 4: 10 barrels
Demand that cannot be met is lost and not carried forward. The tank holds at most 45 barrels at any moment.
The total cost has three parts: the purchase cost, which is 3 per barrel ordered; the storage cost, which is 1 per
barrel held from one week to the next; and the shortage penalty, which is 9 per barrel of unmet demand.
In week 2, at most 12 barrels may be ordered."""


def test_inventory_text_with_lost_sales_and_an_order_cap():
    p = formulate_class(INVENTORY)
    assert p.problem_class == "inventory"
    d = p.data
    assert d["demand"] == [30, 25, 35, 10] and d["initial_stock"] == 20 and d["lead_time"] == 1
    assert (d["min_order"], d["max_order"], d["capacity"]) == (5, 40, 45)
    assert (d["purchase_cost"][0], d["holding_cost"], d["backlog_cost"]) == (3, 1, 9)
    assert d["lost_sales"] and d["order_periods"] == 4 and d["capacity_on_arrival"]
    assert [(a.kind, a.params["period"], a.params["limit"]) for a in p.augments] == [("order_cap", 2, 12)]
    cap = next(f for f in p.families if f.name == "capacity[t]")      # remembers the sentence it stands for
    assert cap.statement == "The tank holds at most 45 barrels at any moment." and cap.line == 10
    assert cap.type == 1 and [f.type for f in p.extras] == [1]     # a bound on one variable, for every t
    sol = p.solve()
    assert sol.status == Status.OPTIMAL and sol.values["q[Week 2]"] <= 12 + 1e-9


PORTFOLIO = """An endowment splits its budget over four funds.
* Fund A: expected return 0.080, risk 0.20, limits [0.10, 0.50]
* Fund B: expected return 0.050, risk 0.05, limits [0.05, 0.60]
* Fund C: expected return 0.120, risk 0.30, limits [0.00, 0.40]
* Fund D: expected return 0.030, risk 0.02, limits [0.00, 0.70]
The shares must sum to one. The liquid funds L = {B, D} must together receive at least 0.30 of the budget.
The portfolio risk must not exceed 0.15, and the total return must be at least 0.05. Maximise the expected return."""


def test_portfolio_fractions_with_a_liquid_set():
    p = formulate_class(PORTFOLIO)
    assert p.problem_class == "portfolio"
    d = p.data
    assert d["min_share"] == [10, 5, 0, 0] and d["max_share"] == [50, 60, 40, 70]
    assert d["liquid"] == [2, 4] and d["min_liquid"] == pytest.approx(30) and d["max_risk"] == 0.15
    sol = p.solve()
    x = np.array([sol.values[f"x[Fund {k}]"] for k in "ABCD"]) / 100
    r = np.array([0.08, 0.05, 0.12, 0.03])
    assert x.sum() == pytest.approx(1) and x @ np.array([0.2, 0.05, 0.3, 0.02]) <= 0.15 + 1e-9
    assert x[1] + x[3] >= 0.3 - 1e-9 and sol.objective == pytest.approx(float(x @ r))


TRANSPORT = """A co-op moves grain from silos (set S) to mills (set M).
*S1 has 50 tonnes.
*S2 has 70 tonnes.
*M1 requires 40 tonnes.
*M2 requires 60 tonnes.
The cost per tonne:
| From / To | M1 | M2 |
|--|-|
| S1 | 4 | 6 |
| S2 | 5 | 3 |
Find the cheapest plan."""


def test_transportation_bullets_and_matrix():
    p = formulate_class(TRANSPORT)
    assert p.problem_class == "transportation"
    assert p.data == {"supplies": [50, 70], "demands": [40, 60], "costs": [[4, 6], [5, 3]]}
    assert close(p.solve().objective, 40 * 4 + 60 * 3)


NETFLOW = """An operator sends power from two plants to two towns.
* Plant North: output = 30 MW
* Plant South: output = 20 MW
* Town East: demand = 25 MW
* Town West: demand = 25 MW
The lines between them:
* From Plant North:
  - to Town East: capacity = 20, cost = 2
  - to Town West: capacity = 30, cost = 5
* From Plant South:
  - to Town East: capacity = 20, cost = 4
  - to Town West: capacity = 10, cost = 1
Minimise the transmission cost without exceeding any plant's output."""


def test_netflow_nested_arcs():
    p = formulate_class(NETFLOW)
    assert p.problem_class == "netflow"
    assert p.data["arcs"] == [[1, 1, 20, 2], [1, 2, 30, 5], [2, 1, 20, 4], [2, 2, 10, 1]]
    assert p.data["supply_at_most"] is True
    # all 50 MW ship: West gets 10 from South (1) + 15 from North (5); East 15 from North (2) + 10 from South (4)
    assert close(p.solve().objective, 10 * 1 + 15 * 5 + 15 * 2 + 10 * 4)


def test_not_a_class_problem_is_none_and_empty_text_is_an_error():
    assert formulate_class("A shop sells tea at $3 and coffee at $4 and wants the most profit from 100 cups.") is None
    with pytest.raises(InputError):
        formulate_class("  ")


def test_formulate_with_default_stage_names_still_reads_a_class_problem():
    """Naming a stage's default component (what the CLI does: classify='auto') is no customisation:
    the text is still read as its class; a non-default component keeps the paragraph pipeline."""
    from milpsynth import formulate
    from milpsynth.errors import MilpsynthError
    p = formulate(KNAPSACK, classify="auto")
    assert p.problem_class == "knapsack"
    with pytest.raises(MilpsynthError):     # the paragraph pipeline cannot read a bullet-list knapsack
        formulate(KNAPSACK, classify="rules")


def test_cli_formulate_reads_a_class_problem(tmp_path, capsys):
    from milpsynth.cli import main
    f = tmp_path / "van.txt"
    f.write_text(KNAPSACK, encoding="utf-8")
    assert main(["formulate", str(f), "--solve"]) == 0
    out = capsys.readouterr().out
    assert "knapsack" in out.lower()


BAKERY = """A bakery plans its bread supply over 3 days.
At the start of day 1 there are 15 loaves on the shelves.
On each day t = 1, ..., 3, the bakery may commission a batch of between 10 and 50 loaves from a partner oven.
A commissioned batch is delivered without any delay.
Loaves needed:
* Day 1: 30 loaves
* Day 2: 20 loaves
* Day 3: 40 loaves
Unmet demand is lost and not carried forward. The shelves hold at most 60 loaves.
The costs are: a commissioning charge of 4 per loaf commissioned; a keeping cost of 1 per loaf kept overnight;
and a penalty of 7 per loaf short."""


def test_the_decision_verb_of_the_text_names_the_purchase_cost():
    # no stock word for ordering ('commission'): the cost stated with the decision's own verb is the purchase cost
    p = formulate_class(BAKERY, problem_class="inventory")
    d = p.data
    assert (d["min_order"], d["max_order"], d["lead_time"]) == (10, 50, 0)
    assert (d["purchase_cost"][0], d["holding_cost"], d["backlog_cost"]) == (4, 1, 7)
    # day 1: 15 + q1 >= 30 needs q1 >= 15 ...; the cheapest plan buys exactly the demand: 15 + 20 + 40 loaves
    assert close(p.solve().objective, 4 * (15 + 20 + 40))


def test_a_runner_up_that_explains_more_of_the_text_is_taken(monkeypatch):
    import milpsynth.classes as C
    from milpsynth.classes.problem import ClassProblem, Unplaced

    def fake(cls, left):
        return lambda text, ev: ClassProblem(cls, ev, {}, unplaced=[Unplaced(i + 1, "x", "unused") for i in range(left)])
    left = {"binpacking": 3, "inventory": 0, "knapsack": 1}
    monkeypatch.setattr(C, "reader", lambda cls: fake(cls, left[cls]))
    first = fake("binpacking", 3)("t", {})
    best = C._best_explained("t", first, ["knapsack", "inventory"], {})
    assert best.problem_class == "inventory" and "left 3 statement(s) unplaced" in best.notes[-1]
    left["inventory"] = 3          # no runner-up explains more: the words' first choice stays
    assert C._best_explained("t", first, ["knapsack"], {}).problem_class == "knapsack"
    left["knapsack"] = 3
    assert C._best_explained("t", first, ["knapsack", "inventory"], {}) is first


@pytest.mark.parametrize("kind, type_", [("implies", 10), ("exactly_one", 11), ("at_least_one", 12),
                                         ("at_most_one", 13)])
def test_a_logic_statement_between_two_items_has_its_own_type(kind, type_):
    from milpsynth.classes.common import Logic
    assert Logic(kind, 0, 1).type == type_
