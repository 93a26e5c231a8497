"""Bad input (issue #10): numbers read with their signs and formats or refused, statements that are no
constraints, yes/no decisions by their meaning, typed errors only, bounded time, the CLI's files."""
from __future__ import annotations

import json
import warnings

import pytest

from milpsynth import Pipeline, Prediction, formulate
from milpsynth.document import Problem
from milpsynth.errors import (ComponentError, InputError, MilpsynthError, NotAConstraintError, VariableError)
from milpsynth.nlp.numbers import find_numbers, unreadable

OBJECTIVE = "Maximize profit: chairs ($3) and tables ($5)."


def values(text):
    return [n.value for n in find_numbers(text)]


def quiet_formulate(*args, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return formulate(*args, **kw)


# -- 1. signs and number formats --------------------------------------------------------------------

@pytest.mark.parametrize("text,value,kind", [
    ("a fee of -$12", -12, "money"), ("a fee of $-12", -12, "money"), ("at least -5 units", -5, "number"),
    ("changes by -20%", -0.2, "percent"), ("falls to \u20135 degrees", -5, "number"),     # en dash
    ("a balance of \u22127", -7, "number"), ("minus 5 points", -5, "number"), ("(-4)", -4, "number"),
])
def test_a_dash_or_minus_right_before_the_digits_is_a_sign(text, value, kind):
    [n] = find_numbers(text)
    assert (n.value, n.kind) == (pytest.approx(value), kind)


@pytest.mark.parametrize("text,expected", [
    ("between 3-5 days", [3, 5]), ("3\u20135 crates", [3, 5]), ("3 \u2013 5 crates", [3, 5]), ("$3-$5 each", [3, 5]),
    ("model X-5 lamps", [5]), ("COVID-19 tests", [19]), ("- 5 chairs (a bullet)", [5]),
])
def test_ranges_and_hyphenated_names_stay_positive(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize("text,value", [
    ("4 000 boxes", 4000), ("4\u202f000 boxes", 4000), ("4\u00a0500 boxes", 4500), ("12 500 000 litres", 12.5e6),
    ("1e3 grams", 1000), ("2.5E-4 tonnes", 2.5e-4), ("1.200,50 euros", 1200.5), ("1.200.000 people", 1.2e6),
    ("\u00bd of the land", 0.5), ("1\u00bd hours", 1.5), ("\u2154 of them", 2 / 3),
])
def test_other_ways_of_writing_a_number(text, value):
    [n] = find_numbers(text)
    assert n.value == pytest.approx(value)


def test_vulgar_fractions_survive_folding():
    from milpsynth.nlp.mentions import fold
    assert fold("\u00bd of the \u00e9clairs") == "\u00bd of the eclairs"      # not '12 of the eclairs'
    assert fold("4\u202f500") == "4\u202f500"


@pytest.mark.parametrize("text,says", [
    ("10 200 units", "one number or several"), ("1,5 kg", "decimal comma"), ("12,50 each", "decimal comma"),
    ("9" * 400 + " units", "too large"), ("1e300 units", "too large"),
])
def test_numbers_that_cannot_be_read_for_sure_are_named(text, says):
    [why] = unreadable(text)
    assert says in why


def test_readable_numbers_have_nothing_to_say():
    assert unreadable("$1,100, 20,000 and 4 000, 2.5, a third, -3 and 40%") == []


def test_an_unreadable_number_is_refused_naming_its_paragraph():
    text = [OBJECTIVE, "At most 10 200 chairs can be made.", "At most 40 tables can be made."]
    with pytest.raises(InputError, match=r"paragraph 2: '10 200' could be one number or several"):
        quiet_formulate(text, classify="rules")
    f = quiet_formulate(text, classify="rules", on_error="skip")
    assert "10 200" in f.paragraphs[1].skipped and [str(c) for c in f.paragraph_constraints] == ["tables <= 40"]


def test_a_huge_number_is_refused_not_turned_into_a_constraint():
    with pytest.raises(InputError, match="paragraph 2: .*too large"):
        quiet_formulate([OBJECTIVE, "1" * 400], classify="rules")


def test_negative_numbers_reach_the_model():
    f = quiet_formulate(["Maximize profit: chairs (-$3) and tables ($5).", "At least -5 tables must be made."],
                        classify="rules")
    assert str(f.objective) == "maximize -3*chairs + 5*tables"
    assert str(f.paragraph_constraints[0]) == "tables >= -5"


def test_a_loss_counts_against_a_profit_that_is_maximised():
    f = quiet_formulate(["A shop makes chairs and tables. Maximize profit: each chair earns $3 and each "
                         "table loses $2.", "At most 10 chairs and tables in total can be made."], classify="rules")
    assert str(f.objective) == "maximize 3*chairs - 2*tables"


def test_a_loss_that_is_minimised_counts_positive():
    f = quiet_formulate(["A shop makes chairs and tables. Minimize the total loss: each chair loses $3 and "
                         "each table loses $2.", "At least 10 chairs and tables in total must be made."],
                        classify="rules")
    assert str(f.objective) == "minimize 3*chairs + 2*tables"


def test_a_loss_in_the_facts_of_free_text_is_a_negative_profit():
    f = quiet_formulate("A shop makes chairs and tables. Each chair earns a profit of $3. Each table loses $2. "
                        "At most 10 chairs can be made. How many of each should it make to maximize profit?")
    assert str(f.objective) == "maximize 3*chairs - 2*tables"


def test_numbers_stated_as_losses_are_marked():
    assert [n.loss for n in find_numbers("it loses $12 a unit, a loss of $3, a $4 loss, and earns $5")] == \
        [True, True, True, False]


# -- 2. what is not a constraint, and types the classifier gave up on ------------------------------------

@pytest.mark.parametrize("text,why", [
    ("Last year the bakery sold 30 cakes.", "what happened"),
    ("Two years ago the shop had at most 12 stools.", "what happened"),
    ("In 2019, demand was 40 chairs.", "what happened"),
    ("The shop is not required to make at least 10 tables.", "freedom"),
    ("The farm does not have to plant more than 5 acres of corn.", "freedom"),
    ("There is no longer a limit on the number of tables.", "limit does not hold"),
    ("The cap on chairs has been lifted.", "limit does not hold"),
])
def test_statements_that_state_no_constraint(text, why):
    from milpsynth.nlp.statements import not_a_constraint
    assert why in not_a_constraint(text)


@pytest.mark.parametrize("text", [
    "The number of chairs must not exceed 30.", "This year it must sell at least as many cakes as last year.",
    "At most 40 chairs can be made.", "There is no limit on tables, but at most 30 chairs can be made.",
    "No more than 5 tables can be sold.", "The shop cannot make fewer than 10 tables.",
])
def test_prohibitions_and_present_limits_are_constraints(text):
    from milpsynth.nlp.statements import not_a_constraint
    assert not_a_constraint(text) is None


def test_history_is_refused_or_skipped_with_its_reason():
    text = [OBJECTIVE, "Last year the shop sold 30 chairs.", "At most 40 tables can be made."]
    with pytest.raises(NotAConstraintError, match="paragraph 2: states no constraint: 'Last year'"):
        quiet_formulate(text, classify="rules")
    f = quiet_formulate(text, classify="rules", on_error="skip")
    assert "what happened" in f.paragraphs[1].skipped
    assert [str(c) for c in f.paragraph_constraints] == ["tables <= 40"]


def test_a_freedom_and_a_lifted_limit_give_no_constraint():
    for statement in ("The shop is not required to make at least 10 tables.",
                      "There is no longer a limit on the number of chairs."):
        f = quiet_formulate([OBJECTIVE, statement], classify="rules", on_error="skip")
        assert f.paragraph_constraints == [] and f.paragraphs[1].skipped


class _Scripted:
    """The classifier says type `first` for paragraph 2, with the other types' probabilities given."""

    name = "scripted"

    def __init__(self, first, probs):
        self.first, self.probs = first, probs

    def predict(self, texts):
        return [Prediction(0, 0, 0.99, "scripted", probs={0: 0.99}) if i == 0 else
                Prediction(self.first, self.first, self.probs[self.first], "scripted", probs=dict(self.probs))
                for i, _ in enumerate(texts)]


def _with(first, probs):
    from milpsynth.stages.classify import Classify
    return Pipeline(classify=Classify(_Scripted(first, probs)))


def test_an_implausible_type_is_not_tried_in_place_of_a_refused_one():
    # type 10 needs two options; type 1 would fit ('chairs' and '12'), but p = 0.01 and no word gives a direction
    pipe = _with(10, {10: 0.98, 1: 0.01, 0: 0.01})
    with pytest.raises(MilpsynthError, match="paragraph 2: a logic statement needs two or more options"):
        quiet_formulate([OBJECTIVE, "blorp chairs flibber 12 zonk"], pipeline=pipe)
    f = quiet_formulate([OBJECTIVE, "blorp chairs flibber 12 zonk"], pipeline=pipe, on_error="skip")
    assert f.paragraphs[1].skipped and f.paragraph_constraints == []
    assert any("type(s) 1 were not tried in place of type 10" in n for n in f.paragraphs[1].notes)


def test_a_plausible_type_is_tried_in_place_of_a_refused_one():
    pipe = _with(10, {10: 0.8, 1: 0.19, 0: 0.01})
    f = quiet_formulate([OBJECTIVE, "blorp chairs flibber 12 zonk"], pipeline=pipe)
    assert str(f.paragraph_constraints[0]) == "chairs <= 12"
    assert any("read as type 1 (p = 0.19)" in w for w in f.warnings)


def test_an_improbable_type_the_words_state_is_still_tried():
    pipe = _with(10, {10: 0.98, 1: 0.01, 0: 0.01})
    f = quiet_formulate([OBJECTIVE, "At most 12 chairs can be made."], pipeline=pipe)
    assert str(f.paragraph_constraints[0]) == "chairs <= 12"


# -- 3. yes/no decisions by their meaning ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "A city council is choosing which projects to fund: a park, a library and a pool. The park costs $3, the "
    "library $2 and the pool $4. The budget is $6. Maximize the total benefit: park 30, library 20, pool 35.",
    "A retailer is deciding which of its warehouses should be opened: North, South and East. Opening North "
    "costs $50, South $40 and East $60. Minimize the total cost.",
    "The foundation selects grants to fund among Alpha, Beta and Gamma. Alpha costs $5, Beta costs $3 and "
    "Gamma costs $4. The budget is $8. Maximize the total points: Alpha 10, Beta 6, Gamma 7.",
    "Which of the three sites, Site 1, Site 2 and Site 3, should be opened to minimize cost? Site 1 costs "
    "$10, Site 2 costs $12 and Site 3 costs $9.",
])
def test_a_choice_among_named_options_is_a_yes_no_decision(text):
    from milpsynth.stages.variables_rules import is_yes_no
    assert is_yes_no(text)
    f = quiet_formulate(text, on_error="skip")
    assert f.variables.pure_binary and all(v.kind == "binary" for v in f.variables.values())


@pytest.mark.parametrize("text", [
    "The bakery is deciding which types of pastries to produce and the production quantity of each.",
    "The factory chooses how many chairs to make to maximize profit.",
    "The farmer decides to plant at least 10 acres of corn.",
    "The company selects workers to maximize the output.",
    "The land on which to grow apples is 20 acres.",
])
def test_choices_of_amounts_are_not_yes_no(text):
    from milpsynth.stages.variables_rules import is_yes_no
    assert not is_yes_no(text)


# -- 4. typed errors only -------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["x", ".", "42", "{", "\u00e9", "\u200b", "\u200b\n\n\ufeff", "\U0001F600"])
def test_scraps_of_text_are_input_errors(text):
    with pytest.raises(InputError):
        quiet_formulate(text)


def test_names_in_any_script_make_variables():
    f = quiet_formulate("A shop sells \U0001F600 and \U0001F389. Each \U0001F600 gives $3 profit and each \U0001F389 "
                        "gives $4. At most 10 \U0001F600 can be sold. How many of each should be sold to maximize "
                        "profit?")
    assert {"grinning_face", "party_popper"} <= set(f.variables)
    f = quiet_formulate(["Maximize profit: \u8336 (3), \u996d (4), and \u7ca5 (5).", "At most 10 \u8336."],
                        classify="rules")
    assert list(f.variables)[:3] == ["u8336", "u996d", "u7ca5"]


def test_names_two_labels_share_are_told_apart():
    f = quiet_formulate(["Maximize profit: Super-Bowl (3), super bowl (4) and plates (5).", "At most 10 plates."],
                        classify="rules")
    assert [v.name for v in f.variables.quantities] == ["super_bowl", "super_bowl_2", "plates"]


def test_distinct_names_number_the_repeats_and_keep_indicator_names_free():
    from milpsynth.stages.variables_rules import distinct
    from milpsynth.variables import Variable
    got = distinct([Variable("type_x"), Variable("type_x"), Variable("bi_y"), Variable("type_x")])
    assert [v.name for v in got] == ["type_x", "type_x_2", "v_bi_y", "type_x_3"]


@pytest.mark.parametrize("kw,field", [
    (dict(types=[1, 2]), "types"), (dict(slots="1"), "slots"), (dict(variables=42), "variables"),
    (dict(variables=["a", "a"]), "variables"), (dict(variables=["\U0001F600"]), "variables"),
    (dict(classify="bogus"), "classify"), (dict(classify=["rules"]), "classify"), (dict(clasify="rules"), "clasify"),
    (dict(on_error=["skip"]), "on_error"), (dict(types={True: 1}), "types"),
])
def test_bad_options_name_their_field(kw, field):
    with pytest.raises(InputError) as err:
        quiet_formulate([OBJECTIVE, "At most 40 chairs."], **kw)
    assert err.value.field == field


def test_an_unknown_component_is_still_a_value_error():
    with pytest.raises(ComponentError) as err:
        Pipeline(classify="bogus")
    assert isinstance(err.value, ValueError) and isinstance(err.value, InputError)


@pytest.mark.parametrize("source", [{"a", "b"}, frozenset({"a"}), b"bytes", 42, None, {"text": "x"}])
def test_descriptions_of_other_types_are_refused(source):
    with pytest.raises(InputError):
        formulate(source)


@pytest.mark.parametrize("data,field", [
    ({}, "problem"), ([], "problem"), ({"text": "x"}, "problem"), ({"text": 1, "paragraphs": []}, "text"),
    ({"text": "x", "paragraphs": 3}, "paragraphs"), ({"text": "x", "paragraphs": [{}]}, "paragraphs[0]"),
    ({"text": "x", "paragraphs": [{"index": 0, "text": "a", "prediction": {"type": 1}}]}, "paragraphs[0]"),
    ({"text": "x", "paragraphs": [], "variables": [{"name": "a b"}]}, "variables"),
    ({"text": "x", "paragraphs": [], "links": [{"terms": 3}]}, "links"),
])
def test_a_bad_saved_problem_names_the_field(data, field):
    with pytest.raises(InputError) as err:
        Problem.from_dict(data)
    assert err.value.field == field


def test_a_saved_problem_still_loads():
    f = quiet_formulate([OBJECTIVE, "At most 40 chairs."], classify="rules")
    g = Problem.from_dict(json.loads(f.to_json()))
    assert [str(c) for c in g.constraints] == [str(c) for c in f.constraints]


# -- 5. bounded size and time -----------------------------------------------------------------------------

def test_text_above_the_size_limit_is_refused():
    from milpsynth.api import MAX_CHARS
    with pytest.raises(InputError, match="too long"):
        formulate("a" * (MAX_CHARS + 1))
    with pytest.raises(InputError, match="too long"):
        formulate(["b" * 1000] * (MAX_CHARS // 1000 + 1))


def test_mention_grouping_compares_only_related_groups(monkeypatch):
    from milpsynth.nlp import mention_groups
    calls = 0
    real = mention_groups._relation

    def counting(k, x):
        nonlocal calls
        calls += 1
        return real(k, x)

    monkeypatch.setattr(mention_groups, "_relation", counting)
    mentions = [f"kind{i} widget{i}" for i in range(1500)]      # 1500 unrelated decisions
    groups = mention_groups.group_mentions(mentions)
    assert len(groups) == 1500
    assert calls == 0          # nothing shares a word: no pair is compared (all pairs: about a million)
    assert mention_groups.group_mentions(["dining tables", "tables", "chairs", "dining table"]) == \
        [["dining tables", "tables", "dining table"], ["chairs"]]


def test_finding_mentions_is_linear_in_the_mentions():
    from milpsynth.nlp.mentions import find_mentions
    text = " ".join(["red chairs and chairs"] * 4000)
    found = find_mentions(text, {"red": ["red chairs"], "plain": ["chairs"]})
    assert len(found) == 8000 and [m.var for m in found[:2]] == ["red", "plain"]


# -- 6. the CLI's input files -------------------------------------------------------------------------------

def _read(tmp_path, name, data: bytes):
    from milpsynth.cli import read_description
    path = tmp_path / name
    path.write_bytes(data)
    return read_description(str(path))


def test_json_with_a_byte_order_mark_is_read(tmp_path):
    assert _read(tmp_path, "d.json", b'\xef\xbb\xbf["a", "b"]') == ["a", "b"]
    assert _read(tmp_path, "d.txt", "\ufeffMaximize profit.".encode()) == "Maximize profit."


def test_json_objects_of_paragraphs_or_text_are_read(tmp_path):
    assert _read(tmp_path, "d.json", b'{"paragraphs": ["a", "b"]}') == ["a", "b"]
    assert _read(tmp_path, "d.json", b'{"text": "free text"}') == "free text"


@pytest.mark.parametrize("name,data,says", [
    ("d.txt", b"Maximize \xff\xfe profit", "not UTF-8"), ("d.json", b"[" * 100000 + b"]" * 100000, "nested too deeply"),
    ("d.txt", b"{Maximize profit}", "not valid JSON"), ("d.json", b"Maximize profit", "not valid JSON"),
    ("d.json", b"[1, 2]", "paragraph 1 must be a string"), ("d.json", b'{"other": 1}', '"paragraphs"'),
    ("d.json", b"3", "list of paragraphs"),
])
def test_unreadable_files_are_input_errors_naming_the_file(tmp_path, name, data, says):
    with pytest.raises(InputError, match=says) as err:
        _read(tmp_path, name, data)
    assert err.value.field.endswith(name)


def test_the_cli_says_what_is_wrong_with_the_file(tmp_path, capsys):
    from milpsynth.cli import main
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\xff\xfe\x00")
    assert main(["formulate", str(path), "--classifier", "rules"]) == 2
    assert "bad.txt: not UTF-8 text" in capsys.readouterr().err


def test_two_objectives_with_no_other_type_to_give_one_are_reported():
    from milpsynth.stages.classify import Classify

    class OnlyObjectives:
        name = "only-objectives"

        def predict(self, texts):
            return [Prediction(0, 0, 0.6 if i else 0.99, "test", probs={0: 0.6 if i else 0.99})
                    for i, _ in enumerate(texts)]

    with pytest.raises(InputError, match="two or more paragraphs state an objective"):
        quiet_formulate([OBJECTIVE, "Maximize the profit."], pipeline=Pipeline(classify=Classify(OnlyObjectives())))
