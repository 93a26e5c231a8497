"""Statements read literally as linear relations over labelled decisions (`nlp.relations`)."""
import pytest

from milpsynth.nlp.analysis import analyse
from milpsynth.nlp.relations import read
from milpsynth.variables import Variable, VariableTable

VARS = VariableTable.build([Variable("a", "integer", "A", ["plant A", "A"]),
                            Variable("b", "integer", "B", ["plant B", "B"])], pure_binary=False)
FORMS = {"a": {"A", "a"}, "b": {"B", "b"}}


def rel(text):
    r = read(analyse(text, VARS), ["a", "b"], None, FORMS, plain_ok=True)
    return None if r is None else (r.coefs, r.sense, r.rhs)


@pytest.mark.parametrize("text, expected", [
    ("Four times the output of plant A minus the output of plant B must be no less than 120 tonnes.",
     ({"a": 4.0, "b": -1.0}, ">=", 120.0)),
    ("The difference between plant A and plant B may not exceed 30.",
     ({"a": 1.0, "b": -1.0}, "<=", 30.0)),
    ("Plant A has to run at least a third of what plant B runs.", ({"a": 1.0, "b": -1 / 3}, ">=", 0.0)),
    ("Plant A needs a minimum excess of 15 hours over plant B.", ({"a": 1.0, "b": -1.0}, ">=", 15.0)),
    ("In total, both plants may run at most 300 hours.", ({"a": 1.0, "b": 1.0}, "<=", 300.0)),
    ("There have to be at least 12 runs of plant B.", ({"b": 1.0}, ">=", 12.0)),
    ("Because B is noisy, the runs of plant A cannot be less than the runs of plant B.",
     ({"a": 1.0, "b": -1.0}, ">=", 0.0)),
    ("The rule is ($2a - 0.5b \\leq 40$).", ({"a": 2.0, "b": -0.5}, "<=", 40.0)),
])
def test_literal_readings(text, expected):
    got = rel(text)
    assert got is not None
    coefs, sense, rhs = got
    assert sense == expected[1] and rhs == pytest.approx(expected[2])
    assert coefs == pytest.approx(expected[0])


@pytest.mark.parametrize("text", [
    "Plant A may run at most 40 hours and plant B at least 10 hours.",     # two directions: two statements
    "At least 30% of all runs must be runs of plant A.",                   # a share: the proportion template's
    "Plant A and plant B together use a lot of energy.",                   # no direction
])
def test_no_literal_reading(text):
    assert rel(text) is None


def test_money_limit_over_plain_terms_is_not_a_plain_sum():
    # 'the spending on A and B cannot exceed $500' is weighted by prices the text gives elsewhere
    r = read(analyse("The spending on plant A and plant B cannot exceed $500.", VARS), ["a", "b"], None, FORMS,
             plain_ok=True)
    assert r is None


def test_a_weak_cue_between_factor_and_decision_keeps_the_factor():
    # 'budget' only suggests a direction: 'twice the budget for plant A' is still 2 a
    assert rel("Twice the budget for plant A and that for plant B may not exceed 900 dollars in all.") == (
        {"a": 2.0, "b": 1.0}, "<=", 900.0)


@pytest.mark.parametrize("text", [
    "Plant B must do at least three times as many runs as plant A.",
    "Plant A should get twice as much steam as plant B gets.",
    "Plant B needs at least two times more shifts than plant A.",
])
def test_a_ratio_of_two_quantities_is_left_to_the_comparison_template(text):
    assert rel(text) is None


def test_a_participle_tail_is_no_term():
    assert rel("Plant A minus half of plant B has to reach 50 or more, keeping plant B in reserve.") == (
        {"a": 1.0, "b": -0.5}, ">=", 50.0)


NOUNS = VariableTable.build([Variable("wheat", "continuous", None, ["wheat"]),
                             Variable("barley", "continuous", None, ["barley"])], pure_binary=False)


def test_explicit_weights_over_decisions_named_by_nouns():
    r = read(analyse("Three times the acres of wheat plus twice the acres of barley must be at least 600.", NOUNS),
             ["wheat", "barley"], None, None)
    assert r is not None and r.explicit and (r.coefs, r.sense, r.rhs) == ({"wheat": 3.0, "barley": 2.0}, ">=", 600.0)
    # a plain sum of nouns is not explicit: its rates may stand in the facts
    plain = read(analyse("The acres of wheat and barley together may be at most 80.", NOUNS),
                 ["wheat", "barley"], None, None, plain_ok=True)
    assert plain is not None and not plain.explicit


def test_a_limit_before_its_cue():
    assert rel("Plant A plus plant B comes to 70 or less.") == ({"a": 1.0, "b": 1.0}, "<=", 70.0)


def test_a_range_from_zero_is_an_upper_bound():
    assert rel("Plant A can run anywhere from zero up to a maximum of 60 hours.") == ({"a": 1.0}, "<=", 60.0)


def test_a_total_named_after_its_number():
    assert rel("Due to space, the yard can only hold a total of 90 runs (plant A and plant B combined).") == (
        {"a": 1.0, "b": 1.0}, "<=", 90.0)


def test_a_total_after_the_cue_covers_every_decision():
    assert rel("The yard has a limit of running 70 shifts in total.") == ({"a": 1.0, "b": 1.0}, "<=", 70.0)


@pytest.mark.parametrize("text, expected", [
    ("The runs of plant A should not exceed those of plant B by more than 50.", ({"a": 1.0, "b": -1.0}, "<=", 50.0)),
    ("Plant B's output exceeds the output of plant A by at least 15 tonnes.", ({"b": 1.0, "a": -1.0}, ">=", 15.0)),
    ("Plant A must get at least 200 more than twice the hours of plant B.", ({"a": 1.0, "b": -2.0}, ">=", 200.0)),
    # the margin's unit before 'more', or a noun phrase of several words between 'more' and 'than'
    ("Plant A calls for a minimum of 60 hours more than plant B.", ({"a": 1.0, "b": -1.0}, ">=", 60.0)),
    ("Plant A requires at least 35 more hours of upkeep than plant B.", ({"a": 1.0, "b": -1.0}, ">=", 35.0)),
])
def test_a_margin_between_two_decisions(text, expected):
    coefs, sense, rhs = rel(text)
    assert (sense, rhs) == expected[1:] and coefs == pytest.approx(expected[0])


def test_a_margin_between_weighted_decisions():
    assert rel("Twice the hours of plant A must exceed half of those of plant B by at least 30.") == (
        {"a": 2.0, "b": -0.5}, ">=", 30.0)


def test_a_margin_over_nouns_is_explicit():
    r = read(analyse("The acres of wheat should exceed the acres of barley by at least 20.", NOUNS), ["wheat", "barley"])
    assert r is not None and r.explicit and (r.coefs, r.sense, r.rhs) == ({"wheat": 1.0, "barley": -1.0}, ">=", 20.0)


@pytest.mark.parametrize("text, expected", [
    ("There must be no more than 25 more runs of plant A than runs of plant B.", ({"a": 1.0, "b": -1.0}, "<=", 25.0)),
    ("We want at least 5 fewer hours at plant A than at plant B.", ({"a": -1.0, "b": 1.0}, ">=", 5.0)),
    # the noun between 'more' and 'than' ('N more runs than')
    ("Plant A needs at least 20 more runs than plant B for upkeep.", ({"a": 1.0, "b": -1.0}, ">=", 20.0)),
])
def test_a_margin_stated_before_both_decisions(text, expected):
    coefs, sense, rhs = rel(text)
    assert (sense, rhs) == expected[1:] and coefs == pytest.approx(expected[0])


def test_a_weight_in_brackets_after_its_decision():
    assert rel("The hours of plant A (with a factor of 4) and plant B (weighted by 3) together must not exceed 90.") \
        == ({"a": 4.0, "b": 3.0}, "<=", 90.0)
    # a number in brackets that is no weight is not taken for one
    r = rel("Plant A (built 1998) and plant B must run at least 10 hours together.")
    assert r is None or 1998.0 not in r[0].values()


def test_a_subject_spelt_out_after_its_bound():
    # 'calculated as' gives the terms of the subject named before the bound
    assert rel("The combined load must be at least 600 kg, calculated as four times plant A plus twice plant B.") \
        == ({"a": 4.0, "b": 2.0}, ">=", 600.0)


def test_a_margin_with_any_verb_of_passing():
    assert rel("The runs of plant A must not be more than those of plant B by more than 40.") == (
        {"a": 1.0, "b": -1.0}, "<=", 40.0)
    assert rel("Plant A should surpass plant B by at least 12 runs.") == ({"a": 1.0, "b": -1.0}, ">=", 12.0)


def test_a_cue_inside_a_leading_reason_bounds_nothing():
    assert rel("To keep a minimum level of upkeep, no less than 70 runs should go to plant A and plant B together.") \
        == ({"a": 1.0, "b": 1.0}, ">=", 70.0)


@pytest.mark.parametrize("text", [
    "No more than 90 runs may be given jointly to plant A and plant B.",
    "At most 90 runs go to plant A and plant B.",
])
def test_a_limit_before_the_decisions_it_bounds(text):
    assert rel(text) == ({"a": 1.0, "b": 1.0}, "<=", 90.0)


def test_what_is_subtracted_from_a_decision_comes_second():
    assert rel("Half of the runs of plant B, when subtracted from those of plant A, must not exceed 20.") == (
        {"b": -0.5, "a": 1.0}, "<=", 20.0)
    assert rel("Plant A minus plant B must not exceed 20.") == ({"a": 1.0, "b": -1.0}, "<=", 20.0)
