"""Plain LP prose given as one string of blocks (prose + a question paragraph), end to end."""
import pytest

from milpsynth import formulate

PROSE = """A bakery divides its oven time between two breads, $P$ and $Q$. The oven time for both breads \
combined cannot exceed 80 hours. Bread P needs a minimum excess of 10 hours over bread Q. \
Each hour of oven time costs $6 for bread P and $4 for bread Q. Twice the hours of bread P plus the \
hours of bread Q must be at least 100. Oven hours come in whole numbers.

What is the minimum cost in dollars under these terms?"""


def test_blocks_with_several_statements_are_split_and_solved():
    p = formulate(PROSE)
    assert p.input_mode == "text"
    assert p.split and len(p.paragraphs) >= 4
    assert sorted(v.name for v in p.variables.quantities) == ["p", "q"]
    sol = p.solve()
    # 2p + q >= 100, p - q >= 10, p + q <= 80, min 6p + 4q: p = 50, q = 0 -> 300 (cost 400 - 2p on 2p + q = 100)
    assert sol.status.value == "optimal"
    assert sol.objective == pytest.approx(300)


def test_compound_bounds_become_one_statement_each():
    text = ("A shop stocks two kinds of lamp, X and Y. The maximum stock for lamp X is 30 units and for lamp Y "
            "is 20 units. The stock of both lamps combined cannot exceed 60 units. Each lamp X earns a profit "
            "of $5 while each lamp Y earns a profit of $4.\n\n"
            "What is the maximum total profit?")
    p = formulate(text)
    bounds = sorted(str(c) for c in p.paragraph_constraints)
    assert bounds == ["x + y <= 60", "x <= 30", "y <= 20"]
    assert p.solve().objective == pytest.approx(5 * 30 + 4 * 20)


def test_a_list_of_paragraphs_is_never_cut():
    paragraphs = ["How many chairs and tables should be made to maximise profit, if each chair earns $5 and "
                  "each table earns $7?", "At most 10 chairs can be made. At most 4 tables can be made."]
    p = formulate(paragraphs, on_error="skip")
    assert p.input_mode == "paragraphs"
    assert len(p.paragraphs) == 2


def test_a_sentence_naming_the_decisions_is_a_fact():
    text = ("A farm is planning to split land between two crops, X and Y. The land for both crops combined "
            "cannot exceed 50 acres. Crop X must take at least 10 acres. Each acre of X yields a profit of $30 while each acre of Y yields a "
            "profit of $20.\n\nWhat is the maximum profit?")
    p = formulate(text)
    assert any("two crops" in f for f in p.facts)
    assert p.solve().objective == pytest.approx(1500)


def test_weights_a_statement_writes_out_over_decisions_named_by_nouns():
    # no labels (X, Y): the decisions are nouns, yet the statements spell their own weights and signs
    text = ("A farmer is deciding how many acres to plant with wheat and with barley. Three times the acres of "
            "wheat plus twice the acres of barley must be at least 600. The difference between the acres of "
            "wheat and the acres of barley cannot exceed 50. Each acre of wheat costs $40 to plant and each "
            "acre of barley costs $30. How should the farmer plant to minimize the cost?")
    f = formulate(text)
    rows = sorted(str(c) for c in f.paragraph_constraints)
    assert rows == ["3*wheat + 2*barley >= 600", "wheat - barley <= 50"]
    assert f.solve().objective == pytest.approx(8300)     # wheat = 140, barley = 90 by hand


def test_a_question_that_only_asks_the_value_again_is_a_fact():
    # the third sentence states the objective; the last one asks for its value with nothing to bound
    text = ("A depot ships goods to two stores, X and Y. The goods sent to both stores together cannot exceed "
            "900 units. Twice the goods sent to store X plus the goods sent to store Y must be at least 600 "
            "units. Shipping costs $4 per unit to store X and $3 per unit to store Y, and the depot aims to "
            "minimize the shipping cost. Find out what would be the lowest total shipping cost, rounded off "
            "to the nearest dollar.")
    f = formulate(text)
    assert any(fact.startswith("Find out what would be") for fact in f.facts)
    # 2x + y >= 600 at least cost: y = 600 costs 1800, x = 300 costs 1200
    assert f.solve().objective == pytest.approx(1200)


def test_a_clause_after_while_is_a_statement_of_its_own():
    # 'while' joins two clauses, whatever word starts the second one
    text = ("A charity splits its grants between programs X and Y. The grants of both programs together cannot "
            "exceed 500 dollars. Program X receives at least 100 dollars, while program Y obtains at least 50 "
            "dollars more than program X. Each dollar to X costs 2 cents of overhead and each dollar to Y "
            "costs 1 cent.\n\nWhat is the minimum overhead in cents?")
    f = formulate(text)
    rows = sorted(str(c) for c in f.paragraph_constraints)
    assert "x >= 100" in rows and "y - x >= 50" in rows
    assert f.solve().objective == pytest.approx(2 * 100 + 150)



def test_a_count_of_kinds_is_never_more_than_the_kinds_counted():
    # 'these types of crops' reads like a count of options, but 900 of four crops counts no options
    text = ("A farmer plants four crops: wheat, barley, oats and rye. The area planted with wheat and barley "
            "combined cannot exceed 900 acres because of rules on these types of crops. The area for oats and rye "
            "together is limited to 300 acres. The profit per acre is $3 for wheat, $2 for barley, $2 for oats "
            "and $1 for rye.\n\nHow many acres of each crop should be planted to maximize profit?")
    rows = [str(c) for c in formulate(text).paragraph_constraints]
    assert rows and not any("bi_" in r for r in rows), rows


def test_a_sum_the_statement_names_takes_no_rates_of_other_decisions():
    # the facts rate sanding for chairs and stools only; the statement bounds tables and chairs: no
    # weighted sum over the stools it never names
    text = ("A workshop makes tables, chairs and stools. A chair needs 3 hours of sanding while a stool needs 2 "
            "hours of sanding. The tables and chairs made together cannot exceed 40 hours of sanding. The profit "
            "is $20 for each table, $9 for each chair and $5 for each stool. At most 30 stools can be made."
            "\n\nHow many of each should be made to maximize profit?")
    rows = [str(c) for c in formulate(text).paragraph_constraints]
    first = next(r for r in rows if r.endswith("<= 40"))
    assert "stools" not in first and "tables" in first, rows
