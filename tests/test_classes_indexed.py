"""The indexed model of class problems as users see it: index sets, parameters with their lines, indexed
variables, families whose rows are named members; the same names in print, LP export, explain and the
diagnosis of an infeasible problem. Also: unreadable tables name their line, every class reads back on
each wording of its generator, and word problems skip the detector."""
import highspy
import pytest

import milpsynth.classes as classes
from milpsynth.classes import formulate_class
from milpsynth.classes.corpus import own_statement
from milpsynth.errors import InputError
from milpsynth.generators import CLASSES
from milpsynth.status import Status

SHIPPING = """A dairy moves milk churns from two farms to three shops.
Farm stock:
- Hill Farm: 50 churns
- Vale Farm: 40 churns
Shop orders:
- North Shop: 30 churns
- Quay Shop: 45 churns
- Mill Shop: 15 churns
Cost per churn:
| From | North Shop | Quay Shop | Mill Shop |
|---|---|---|---|
| Hill Farm | 4 | 6 | 9 |
| Vale Farm | 5 | 3 | 7 |
Every shop gets exactly what it ordered and no farm sends more than it has. Minimize the total cost."""


def close(a, b, tol=1e-6):
    return a is not None and abs(a - b) <= tol * max(1.0, abs(b))


def test_print_shows_sets_parameters_variables_and_named_rows_with_their_lines():
    p = formulate_class(SHIPPING)
    text = str(p)
    assert "sources i (2): Hill Farm, Vale Farm" in text
    assert "destinations j (3): North Shop, Quay Shop, Mill Shop" in text
    assert "supply[sources] = [50, 40]   (supplies; lines 3-4)" in text
    assert "x[sources, destinations]: continuous, 6 columns" in text
    # each family names its data lines and its rows; each row its own data line
    assert "supply[i]: sum_j x[i,j] <= supply[i]   (implied by the class; data: supplies, lines 3-4; 2 rows)" in text
    assert "supply[Vale Farm]: x[Vale Farm, North Shop] + x[Vale Farm, Quay Shop] + x[Vale Farm, Mill Shop] <= 40" \
           "   (line 4)" in text
    assert "demand[Mill Shop]: x[Hill Farm, Mill Shop] + x[Vale Farm, Mill Shop] = 15   (line 8)" in text


def test_members_of_a_family_are_the_model_rows():
    v = formulate_class(SHIPPING).model()
    names = [m.name for m in v.members]
    assert names == ["supply[Hill Farm]", "supply[Vale Farm]", "demand[North Shop]", "demand[Quay Shop]",
                     "demand[Mill Shop]"]
    assert len(names) == v.am.num_rows
    assert [m.row for m in v.members] == list(range(5))
    assert v.row_text(3) == "x[Hill Farm, Quay Shop] + x[Vale Farm, Quay Shop] = 45"


def test_lp_export_uses_readable_names_and_comments_with_the_statements():
    lp = formulate_class(SHIPPING).to_lp()
    assert " supply(Hill_Farm): + x(Hill_Farm,North_Shop) + x(Hill_Farm,Quay_Shop) + x(Hill_Farm,Mill_Shop) <= 50" \
           in lp
    assert "\\ demand[Quay Shop] in demand[j] (implied by the class; data line 7)" in lp
    assert "[" not in "".join(x for x in lp.splitlines() if not x.startswith("\\"))


@pytest.mark.parametrize("cls", CLASSES)
def test_lp_text_read_by_highs_has_the_same_optimum(cls, tmp_path):
    s = own_statement(cls, level="plain", scenario=1, perturb="augment", seed=4, solve=True)
    p = formulate_class(s["question"])
    path = tmp_path / f"{cls}.lp"
    p.write_lp(path)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("mip_rel_gap", 0.0)
    assert h.readModel(str(path)) == highspy.HighsStatus.kOk
    h.run()
    assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    assert close(h.getInfo().objective_function_value, s["answer"])
    assert h.getLp().num_row_ >= p.model().am.num_rows


def test_extra_statement_rows_are_members_of_their_statement_family():
    s = own_statement("knapsack", level="plain", scenario=0, perturb="augment", seed=3, solve=True)
    p = formulate_class(s["question"])
    v = p.model()
    for f in p.extras:
        ms = v.family_members(f)
        assert ms and all(m.name.startswith(f.name) for m in ms)
        assert all(f.line in m.lines for m in ms)


def test_explain_reads_rows_back_with_their_text_lines():
    e = formulate_class(SHIPPING).explain()
    assert "supply[i] (implied by the class)" in e
    assert ("    supply[Hill Farm]: x[Hill Farm, North Shop] + x[Hill Farm, Quay Shop] + x[Hill Farm, Mill Shop] "
            "<= 50") in e
    assert "reads: the total of x[Hill Farm, North Shop], x[Hill Farm, Quay Shop], x[Hill Farm, Mill Shop] is at " \
           "most 50" in e
    assert "from line 3: - Hill Farm: 50 churns" in e
    assert 'objective (line 14: "Minimize the total cost.")' in e


def test_diagnose_names_the_conflicting_families_their_rows_and_data_lines():
    raised = SHIPPING.replace("- Quay Shop: 45 churns", "- Quay Shop: 75 churns")   # demand 120 > supply 90
    p = formulate_class(raised)
    assert p.solve().status == Status.INFEASIBLE
    d = p.diagnose()
    assert d.status == Status.INFEASIBLE
    assert set(d.families) >= {"supply[i]", "demand[j]"}
    conflict = {f.name: (ms, data) for f, ms, _, data in d.conflict}
    assert conflict["supply[i]"] == (["supply[Hill Farm]", "supply[Vale Farm]"], [3, 4])
    # irreducible: 30 + 75 > 50 + 40, while Quay and Mill (75 + 15) fit
    assert set(conflict["demand[j]"][0]) == {"demand[North Shop]", "demand[Quay Shop]"}
    assert {3, 4, 6, 7} <= set(d.statement_lines)
    # the smallest relative change: one limit moves by the missing 30 churns
    assert len(d.changes) == 1 and abs(abs(d.changes[0].new - d.changes[0].old) - 30) < 1e-6
    assert d.relaxed_objective is not None
    text = str(d)
    assert "these statements and rows cannot all hold:" in text and "supply[Hill Farm], supply[Vale Farm]" in text
    assert d.to_dict()["conflict"][0]["members"]


def test_diagnose_of_a_feasible_problem_says_so():
    d = formulate_class(SHIPPING).diagnose()
    assert d.status == Status.OPTIMAL and "nothing to diagnose" in d.message and not d.conflict


def test_an_unreadable_cost_table_names_its_line():
    bad = SHIPPING.replace("| Vale Farm | 5 | 3 | 7 |", "| Vale Farm | 5 | three | 7 |")
    with pytest.raises(InputError) as e:
        formulate_class(bad)
    assert str(e.value).startswith("line 13:") and "'three'" in str(e.value)
    short = SHIPPING.replace("| Vale Farm | 5 | 3 | 7 |", "| Vale Farm | 5 | 3 |")
    with pytest.raises(InputError, match=r"^line 13: .*2 cells|^line 13: .*cells"):
        formulate_class(short)


PACK = """A hiker packs a backpack that can carry at most 20 kg. Choose items to maximize the total value; each item
is taken whole or not at all.
| Item | Weight (kg) | Value |
|---|---|---|
| Tent | 9 | 40 |
| Stove | 4 | 21 |
| Rope | 3 | 12 |
| Lamp | 2 | 9 |"""


def test_an_unreadable_item_table_names_its_line():
    assert formulate_class(PACK).problem_class == "knapsack"
    with pytest.raises(InputError) as e:
        formulate_class(PACK.replace("| Stove | 4 | 21 |", "| Stove | 4 | n/a |"))
    assert str(e.value).startswith("line 6:") and "'n/a'" in str(e.value)
    with pytest.raises(InputError) as e:
        formulate_class(PACK.replace("| Rope | 3 | 12 |", "| Rope | 3 |"), problem_class="knapsack")
    assert str(e.value).startswith("line 7:")


@pytest.mark.parametrize("cls", CLASSES)
@pytest.mark.parametrize("scenario", [0, 2])
def test_each_class_reads_back_on_the_other_wordings(cls, scenario):
    # scenario 1 is covered by test_classes_end_to_end; together every wording of every class
    s = own_statement(cls, level="moderate", scenario=scenario, perturb="none", seed=21, solve=True)
    p = formulate_class(s["question"])
    assert p is not None and p.problem_class == cls and not p.unplaced
    assert close(p.solve(time_limit=60).objective, s["answer"])
    assert str(p) and p.explain() and p.to_lp()


def test_word_problems_skip_the_detector(monkeypatch):
    def boom(text, detector=None):
        raise AssertionError("the detector ran on a text with no data list or table")
    monkeypatch.setattr(classes, "detect", boom)
    assert formulate_class("A baker makes cakes and pies. Each cake earns $5 and each pie $3. The oven runs at "
                           "most 40 hours. Maximize profit.") is None


def test_diagnose_a_network_flow_whose_demand_no_arc_can_carry():
    # integer flows; the raised demand exceeds its arcs' capacities and breaks the balance with the supplies,
    # so the change spreads beyond the conflict's own rows
    s = own_statement("netflow", level="plain", scenario=0, perturb="none", seed=3)
    p = formulate_class(s["question"])
    p.data["demands"][0] += 10000
    d = p.diagnose(time_limit=20)
    assert d.status == Status.INFEASIBLE and "demand[j]" in d.families
    assert [f.name for f, _ in d.bounds if f is not None] == ["capacity[a]"]   # the arcs' capacities
    changed = {c.member: c for c in d.changes}
    assert changed and any(m.startswith("demand[") for m in changed)
    assert all(c.lines for c in d.changes) and d.relaxed_objective is not None
