"""The cue lexicon: one row per phrasing, the longest phrase wins at its place."""
import pytest

from milpsynth.nlp import lexicon


def roles(text):
    return [(c.text.lower(), c.role) for c in lexicon.cues(text)]


def test_no_fewer_than_is_one_lower_cue():
    # the live bug: 'no fewer than' must never read as 'fewer than' (upper)
    text = "The shop must use no fewer than 150 hours of cutting and 300 hours of sewing."
    found = lexicon.directions(text)
    assert [(c.text, c.role) for c in found] == [("no fewer than", "lower")]
    assert lexicon.sense_of(text) == ">="


def test_longest_phrase_at_one_place():
    assert roles("spend less than or equal to 40 dollars") == [("less than or equal to", "upper")]
    assert roles("cannot be less than 7") == [("cannot be less than", "lower")]
    assert lexicon.sense_of("must not fall below 12 units") == ">="


def test_each_direction_role():
    assert lexicon.sense_of("at most 5 trucks") == "<="
    assert lexicon.sense_of("a minimum of 5 trucks") == ">="
    assert lexicon.sense_of("exactly 5 trucks") == "=="
    assert lexicon.sense_of("$3x + y \\leq 10$") == "<="
    assert lexicon.sense_of("$3x + y \\geq 10$") == ">="


def test_strong_comparative_outranks_a_noun():
    # 'budget' only suggests an upper bound; 'at least' says the direction outright
    assert lexicon.sense_of("the budget share for ads must be at least 200 dollars") == ">="


def test_arithmetic_and_wildcard_rows():
    found = roles("the difference in spending between X and Y, plus Z minus W")
    assert ("difference in spending between", "difference") in found
    assert ("plus", "plus") in found and ("minus", "minus") in found


def test_a_hyphen_is_no_minus_sign():
    assert not lexicon.cues("a risk-return balance and -5 degrees", ("minus",))
    assert lexicon.cues("x - y", ("minus",))


def test_adding_a_phrasing_is_one_row(monkeypatch):
    monkeypatch.setattr(lexicon, "ROWS", lexicon.ROWS + (("tops out at", "upper", 2),))
    lexicon._compiled.cache_clear()
    try:
        assert lexicon.sense_of("production tops out at 90 units") == "<="
    finally:
        lexicon._compiled.cache_clear()


def test_a_ratio_cue_does_not_hide_a_direction():
    text = "the bakery must bake at least three times more loaves than rolls"
    assert [c.phrase for c in lexicon.cues(text, ("compare",))] == ["times more"]
    assert lexicon.sense_of(text) == ">="
    assert [c.role for c in lexicon.cues("twice as many vans as cars")] == ["compare"]


def test_a_limit_and_a_minimum_with_a_noun_inside():
    assert lexicon.sense_of("the depot has a limit of 60 lorries") == "<="
    assert lexicon.sense_of("ward C needs a minimum staffing of 4 nurses") == ">="
    assert lexicon.sense_of("line B takes a maximum load of 9 tonnes") == "<="


@pytest.mark.parametrize("text, sense", [
    ("The night shift cannot surpass 40 orders.", "<="),
    ("Spending on ads must not go beyond 900 dollars.", "<="),
    ("The stock of flour should not drop under 25 bags.", ">="),
    ("Overtime is to stay within 12 hours a week.", "<="),
    ("The reserve must remain above 300 litres.", ">="),
    ("We keep at minimum 4 nurses on the ward.", ">="),
    ("Our output surpasses 70 crates.", ">="),
])
def test_verbs_of_passing_a_level_compose_with_negation(text, sense):
    from milpsynth.nlp import cues
    assert lexicon.sense_of(text) == sense
    assert cues.direction(text, strict=True) == sense       # the cue matcher reads the same rows


def test_contractions_and_two_word_negations_are_written_out():
    from milpsynth.stages.split_statements import sentences
    assert sentences("The van shouldn't carry more than 9 boxes. The car can not take under 2. They won't sell.") == [
        "The van should not carry more than 9 boxes.", "The car cannot take under 2.", "They will not sell."]


def test_british_ise_spellings_read_as_ize_for_the_classifier():
    from milpsynth.nlp.spelling import american
    assert american("We minimise costs; Optimisation prioritises MAXIMISING output.") == \
        "We minimize costs; Optimization prioritizes MAXIMIZING output."
    assert american("They advertise and exercise; the supervisor revises.") == \
        "They advertise and exercise; the supervisor revises."
