"""The format readers of milpsynth.classes on small texts written for these tests."""
import pytest

from milpsynth.classes import readers as R
from milpsynth.classes.common import Reading
from milpsynth.classes.text import Doc, normalize, numbers, to_number, unit_key, units_compatible
from milpsynth.errors import InputError


def test_numbers_thousands_latex_and_units():
    assert to_number("1,250") == 1250.0
    assert to_number("−3.5") == -3.5
    line = normalize(r"The bay holds \( 1{,}250 \) kg and costs \$3.5 per unit; \(t = 1, \dots, 6\)")
    vals = [(n.value, n.index) for n in numbers(line)]
    assert (1250.0, False) in vals and (3.5, False) in vals
    assert (1.0, True) in vals and (6.0, True) in vals          # a range of period indices
    assert unit_key("kilograms") == unit_key("kg")
    assert units_compatible("units", "mass units") and not units_compatible("kg", "km")


def test_entity_numbers_are_indices_but_quantities_are_not():
    got = {n.text: n.index for n in numbers("Only 110 boxes fit in Week 3; Machine 2 needs 7 hours")}
    assert got == {"110": False, "3": True, "2": True, "7": False}


def test_markdown_table_with_short_separator_and_plain_table():
    doc = Doc("Costs:\n| From / To | East | West |\n|--|-|\n| Mill | 4 | 7 |\n| Farm | 2 | 9 |\n\n"
              "Item    Weight   Value\nA       10       60\nB       20       100\n")
    tables = R.read_tables(doc)
    assert [t.kind for t in tables] == ["markdown", "plain"]
    assert tables[0].header == ["From / To", "East", "West"]
    assert [[v.value for v in row] for row in tables[0].numeric_matrix(1)] == [[4, 7], [2, 9]]
    assert tables[1].header == ["Item", "Weight", "Value"] and tables[1].labels() == ["A", "B"]
    assert tables[0].numeric_matrix(1)[1][0].line == 5


def test_unreadable_table_names_the_line():
    doc = Doc("Times:\n| Job | Press | Saw |\n|---|---|---|\n| J1 | 3 | 4 |\n| J2 | three | 5 |\n")
    t = R.read_tables(doc)[0]
    with pytest.raises(InputError) as e:
        t.numeric_matrix(1)
    assert "line 5" in str(e.value) and "three" in str(e.value)
    doc = Doc("| Job | Press | Saw |\n|---|---|---|\n| J1 | 3 |\n")
    with pytest.raises(InputError, match="line 3"):
        R.read_tables(doc)[0].numeric_matrix(1)


def test_item_list_with_several_values_units_and_intervals():
    doc = Doc("Crates on offer:\n* Crate Red: weight 45 kg, value $1,200\n* Crate Blue: weight 30kg, value $950\n"
              "\nFunds:\n- Fund North: yield 0.12, risk 0.30, bounds [0.05, 0.40]\n"
              "- Fund South: yield 0.08, risk 0.10, bounds [0.00, 0.70]\n")
    lists = R.read_items(doc)
    assert [lst.names for lst in lists] == [["Crate Red", "Crate Blue"], ["Fund North", "Fund South"]]
    red = lists[0].items[0]
    assert [(f.label, f.value.value, f.unit) for f in red.fields] == [("weight", 45, "kg"), ("value", 1200, "")]
    north = lists[1].items[0]
    assert [v.value for v in north.fields[2].values] == [0.05, 0.40]
    assert lists[0].header == "Crates on offer:"


def test_item_lines_in_prose_forms():
    doc = Doc("* For Plot East, the runoff rate is 1.5, and the area is 40.\n"
              "* Plot West's rate is 2.0\n* Stage 1 cannot exceed 120 hours\n")
    items = [it for lst in R.read_items(doc) for it in lst.items]
    assert [it.name for it in items] == ["Plot East", "Plot West", "Stage 1"]
    assert [f.value.value for f in items[0].fields] == [1.5, 40]
    assert items[2].fields[0].value.value == 120


def test_pair_lists_plain_nested_and_between():
    doc = Doc("Travel times:\n* Depot to Mill: 12.5 min\n* Depot - Farm: 8 min\nBetween Mill and Farm: 3 min\n\n"
              "Lines:\n* From Dam 1:\n  - to Town A: capacity = 40, cost = 3\n  - to Town B: capacity = 10, cost = 6\n")
    pairs = R.read_pairs(doc)
    assert [(p.a, p.b, p.value.value) for p in pairs[:3]] == [("Depot", "Mill", 12.5), ("Depot", "Farm", 8),
                                                              ("Mill", "Farm", 3)]
    nested = pairs[3:]
    assert [(p.a, p.b) for p in nested] == [("Dam 1", "Town A"), ("Dam 1", "Town B")]
    assert [f.value.value for f in nested[1].fields] == [10, 6] and nested[1].line == 9


def test_routes_sets_coordinates():
    doc = Doc("* J1 follows: (Press, 5) → (Saw, 3)\n* J2 requires: (Saw, 2) -> (Press, 4)\n"
              "Liquid ones L = {North, East}.\nSite Oak: (3, 4)\nSite Elm: (0, 0)\n")
    routes = R.read_routes(doc)
    assert [(r.name, [(m, v.value) for m, v in r.steps]) for r in routes] == [
        ("J1", [("Press", 5), ("Saw", 3)]), ("J2", [("Saw", 2), ("Press", 4)])]
    assert R.read_sets(doc)[0].members == ["North", "East"]
    coords = R.read_coords(doc)
    assert [(c.name, c.x.value, c.y.value) for c in coords] == [("Site Oak", 3, 4), ("Site Elm", 0, 0)]


def test_names_match_other_wordings():
    nm = R.Names(["Office P", "Office Q", "Office R"])
    assert nm.find("Q") == 1 and nm.find("office r") == 2 and nm.find("Office Z") is None
    ms = nm.mentions("either the link between Office P and Q, or none")
    assert [i for i, _, _ in ms] == [0, 1]


def test_scalar_in_prose_with_unit_and_conflicts():
    rd = Reading("Each van carries at most 100 cubic feet.\nA van costs 30 dollars.", "binpacking")
    v = rd.scalar("capacity", r"\bat most\b", unit="cubic feet")
    assert (v.value, v.line) == (100.0, 1)
    rd = Reading("The capacity is 80 kg.\nThe capacity is 90 kg.", "knapsack")
    with pytest.raises(InputError, match="2 different values"):
        rd.scalar("capacity", r"\bcapacity\b")
    rd = Reading("Nothing here.", "knapsack")
    with pytest.raises(InputError, match="no capacity"):
        rd.scalar("capacity", r"\bcapacity\b")
