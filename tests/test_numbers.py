import pytest

from milpsynth.nlp.numbers import find_numbers, parse_number


@pytest.mark.parametrize("text,value", [
    ("$1,100", 1100), ("20,000", 20000), ("1.5 million", 1.5e6), ("40%", 0.4), ("12.5 percent", 0.125),
    ("a third", 1 / 3), ("one fifth", 0.2), ("twice", 2), ("three times", 3), ("2.5 times", 2.5), ("five", 5),
    ("$0.50", 0.5),
])
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


def test_kinds_and_order():
    found = find_numbers("at least twice as many, 40% of the total and $1,200 for 3 units")
    assert [(n.kind, n.value) for n in found] == [("factor", 2), ("percent", 0.4), ("money", 1200), ("number", 3)]


def test_list_of_numbers_is_not_a_thousands_number():
    assert [n.value for n in find_numbers("A (4), B (3), C (5)")] == [4, 3, 5]
    assert [n.value for n in find_numbers("sizes 12, 20 and 15")] == [12, 20, 15]


def test_direction_comparatives_outrank_nouns():
    from milpsynth.nlp.cues import direction
    assert direction("The daily demand for these cakes is at most 50 cakes") == "<="
    assert direction("The budget requires at least $500 to be spent") == ">="
    assert direction("There is a budget of $600") == "<="
    assert direction("The number of bikes cannot exceed the number of vans") == "<="
    assert direction("Each van carries 40 parcels") is None


def test_direction_negations_possession_and_the_right_hand_side_sentence():
    from milpsynth.nlp.cues import direction
    assert direction("The total number of nurses and doctors on duty cannot be less than 25.") == ">="
    assert direction("The total available hours for packing is limited to 510 hours per month.") == "<="
    assert direction("The farmer has access to 500 boxes.") == "<="
    assert direction("Large cans can hold 6 litres while small cans can hold 2. At least 120 litres are needed.") == ">="
    # 'required' states a rate; the sentence with the right-hand side says 'available'
    assert direction("To make a suit, 4 hours of stitching are required. The store has 300 hours available.") == "<="
    assert direction("at most 8 manual and at least 5 electric jacks") == "<="
    assert direction("at most 8 manual and at least 5 electric jacks", strict=True) is None


def test_nonnegativity_remarks_are_dropped_from_free_text():
    from milpsynth.stages.split_statements import sentences
    assert sentences("They make x1 cakes and x2 pies (x1 and x2 are unknowns both greater than or equal to 0). "
                     "Profit matters.") == ["They make x1 cakes and x2 pies .", "Profit matters."]


def test_number_words_in_phrases():
    assert [n.value for n in find_numbers("a budget of one hundred thousand dollars")] == [100000]
    assert [n.value for n in find_numbers("two hundred and fifty boxes, twenty-five crates")] == [250, 25]
    assert [n.value for n in find_numbers("one or two trucks")] == [1, 2]


def test_direction_of_split_comparatives():
    from milpsynth.nlp.cues import direction
    assert direction("There must be more architects than drafters.") == ">="
    assert direction("The number of toy trucks must be larger than the number of toy cars.") == ">="
    assert direction("There must be fewer vans than trucks.") == "<="


def test_dollars_in_words_are_money_and_must_amounts_are_requirements():
    from milpsynth.nlp.cues import direction
    assert [n.kind for n in find_numbers("An expert costs 500 dollars for each shift")] == ["money"]
    assert direction("The company must care for 5000 square meters of land.") == ">="
    assert direction("The company must transport at most 300 boxes.") == "<="      # the comparative wins


def test_times_a_week_is_a_count_not_a_factor():
    assert [(n.value, n.kind) for n in find_numbers("checked 5 times a week")] == [(5.0, "number")]
    assert [(n.value, n.kind) for n in find_numbers("3 times as many vans")] == [(3.0, "factor")]


def test_number_words_before_dollars_are_money():
    [n] = find_numbers("a budget of one hundred thousand dollars")
    assert (n.value, n.kind) == (100000.0, "money")


def test_wanting_an_amount_is_a_requirement():
    from milpsynth.nlp.cues import direction
    assert direction("If the service wants to deliver 15000 parcels") == ">="
