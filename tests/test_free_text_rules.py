"""Free text, one test per rule of the splitter, the attribute table, variable grouping and slot
filling (each with a paragraph of our own wording)."""
import pytest

from milpsynth import formulate
from milpsynth.nl4opt import to_record
from test_free_text import _vars


def _table(*specs):
    from milpsynth.variables import VariableTable
    return VariableTable.build(_vars(*specs), pure_binary=False)


def test_statements_giving_only_rates_per_unit_are_facts():
    from milpsynth.stages.split_data import is_unit_data
    table = _table(("small_bins", "small bins", "small bin"), ("large_bins", "large bins", "large bin"))
    assert is_unit_data("A small bin needs to be emptied 4 times a week and can hold 30 kg of scrap.", table)
    assert is_unit_data("The press must run 6 minutes on each small bin but only 2 minutes on each large one.",
                        table)
    assert is_unit_data("The crane must work 3 minutes for each bin.", table)       # each of the kind
    assert not is_unit_data("A small bin costs at most $40.", table)                 # a bound cue
    assert not is_unit_data("The press must run 6 minutes on each small bin and has 600 minutes.", table)
    assert not is_unit_data("The yard needs 20 large bins.", table)


def test_each_of_a_kind_gives_every_decision_of_that_kind_a_rate():
    from milpsynth.nlp.analysis import analyse, categories, clauses
    from milpsynth.nlp.attributes import triples
    table = _table(("small_bins", "small bins", "small bin"), ("large_bins", "large bins", "large bin"))
    a = analyse("The crane must work 3 minutes for each bin.", table)
    assert [(v, x) for v, x, _, _ in triples(a, clauses(a), categories(table))] == [("small_bins", 3.0),
                                                                                   ("large_bins", 3.0)]


def test_the_objective_reads_the_attribute_named_after_its_verb():
    text = ("A kitchen makes soups and stews. Making a pot of soup takes 10 minutes of chopping and making a pot "
            "of stew takes 25 minutes of chopping. There are 900 minutes of chopping available. If each pot of "
            "soup earns $7 and each pot of stew earns $12, how many pots of each should it chop to maximize "
            "profit?")
    from test_variables_tagged import ScriptedTagger
    from milpsynth import Pipeline
    from milpsynth.stages.variables_tagged import TaggedVariables
    f = formulate(text, pipeline=Pipeline(variables=TaggedVariables(ScriptedTagger("soups", "soup", "stews",
                                                                                   "stew")), classify="rules"))
    assert str(f.objective) == "maximize 7*soups + 12*stews"


def test_what_a_number_counts_names_its_attribute_even_when_generic():
    from milpsynth.nlp.attributes import counted
    text = "Freezer A can store 120 items but uses 3 kWh."
    assert counted(text, text.index("120") + 3) == {"item"}
    assert counted(text, text.index("3 kWh") + 1) == {"kwh"}
    assert counted("takes 20 minutes", len("takes 20")) == {"time"}
    assert counted("lasts 3 days", len("lasts 3")) == set()      # a period says no kind
    table = _table(("freezer_a", "Freezer A"), ("freezer_b", "Freezer B"))
    from milpsynth.nlp.analysis import analyse, clauses
    from milpsynth.nlp.attributes import build_table, lookup, triples
    found = []
    for fact in [text, "Freezer B can store 80 items but uses 1 kWh."]:
        a = analyse(fact, table)
        found += triples(a, clauses(a))
    at = lookup(build_table(found), "must store", None, extra=counted("at least 1500 items", 14))
    assert at.coefs == {"freezer_a": 120, "freezer_b": 80}


def test_they_both_give_every_decision_the_rate():
    from milpsynth.nlp.analysis import analyse, clauses
    from milpsynth.nlp.attributes import triples
    table = _table(("sedans", "sedans", "sedan"), ("coupes", "coupes", "coupe"))
    a = analyse("They both require 0.5 hours of polishing per car.", table)
    assert [(v, x) for v, x, _, _ in triples(a, clauses(a), {}, ["sedans", "coupes"])] == [("sedans", 0.5),
                                                                                          ("coupes", 0.5)]


def test_a_reason_before_so_names_no_operand():
    objective = "Maximise profit: each small crate earns $2 and each large crate earns $3. How many of each?"
    f = formulate([objective, "Most porters prefer large crates, so at least twice as many small crates as "
                              "large crates must be packed."], classify="rules",
                  variables=["small_crates", "large_crates"])
    assert f.paragraph_constraints[0].display == "small_crates >= 2*large_crates"


def test_one_producer_is_a_supply_not_a_rate_per_unit():
    from milpsynth.stages.split_data import is_unit_data
    table = _table(("paint_a", "paint A", "paint"), ("paint_b", "paint B"))
    assert not is_unit_data("A paint manufacturer produces 300 kg of dye", table)


def _facts_formulate(text, *phrases):
    from test_variables_tagged import ScriptedTagger
    from milpsynth import Pipeline
    from milpsynth.stages.variables_tagged import TaggedVariables
    return formulate(text, pipeline=Pipeline(variables=TaggedVariables(ScriptedTagger(*phrases)), classify="rules"))


def test_an_objective_counting_what_the_decisions_count_sums_them():
    text = ("A clinic staffs nurses and doctors in shifts. A nurse works 8 hours every shift and a doctor works 10 "
            "hours every shift. A nurse is paid $300 per shift and a doctor is paid $900 per shift. The clinic "
            "needs at least 400 hours of care. How many of each should it schedule to minimize the total number "
            "of shifts?")
    f = _facts_formulate(text, "nurses", "nurse", "doctors", "doctor")
    assert str(f.objective) == "minimize nurses + doctors"


def test_a_bound_in_minutes_reads_a_time_and_samples_of_what_decides():
    from milpsynth.nlp.analysis import analyse, clauses
    from milpsynth.nlp.attributes import build_table, counted, lookup, triples
    table = _table(("mill_a", "Mill A"), ("mill_b", "Mill B"))
    found = []
    for fact in ["Mill A grinds 20 bags of wheat and 30 bags of rye, which takes 15 minutes of cleaning.",
                 "Mill B grinds 40 bags of wheat and 10 bags of rye, which takes 25 minutes of cleaning."]:
        a = analyse(fact, table)
        found += triples(a, clauses(a))
    at = build_table(found)
    rye = "at least 800 bags of rye must be ground"
    assert counted(rye, rye.index("800") + 3) == {"bag", "rye"}
    assert lookup(at, rye, False, extra=counted(rye, rye.index("800") + 3)).coefs == {"mill_a": 30, "mill_b": 10}
    clean = "there are 900 minutes for grinding"
    assert lookup(at, clean, False, extra=counted(clean, clean.index("900") + 3)).coefs == {"mill_a": 15,
                                                                                             "mill_b": 25}


def test_a_model_number_belongs_to_the_name():
    from milpsynth.stages.tagged_spans import with_model_numbers
    text = "It uses Printer 500 and Jetline. Printer 500 prints 30 pages per minute."
    spans = [(m.group(0), m.start(), m.end()) for m in __import__("re").finditer("Printer|Jetline", text)]
    assert [m for m, _, _ in with_model_numbers(text, spans)] == ["Printer 500", "Jetline", "Printer 500"]
    text = "Printer prints 30 pages. Printer costs $5."
    spans = [(m.group(0), m.start(), m.end()) for m in __import__("re").finditer("Printer", text)]
    assert [m for m, _, _ in with_model_numbers(text, spans)] == ["Printer", "Printer"]


def test_an_objective_in_the_decisions_own_unit_sums_them():
    text = ("A mill runs an old press and a new press. The old press makes 30 bottles per hour and the new press "
            "makes 50 bottles per hour. The mill must make at least 2000 bottles. How many hours should each "
            "press run to minimize the total time?")
    f = _facts_formulate(text, "old press", "new press")
    assert str(f.objective) == "minimize old_press + new_press"


def test_a_bound_on_what_the_question_calls_the_decisions_is_their_sum():
    text = ("A park needs at least 40 rides for its riders. It can build carousels or swings. A carousel carries 30 "
            "riders per hour and a swing carries 12 riders per hour. How many of each ride should it build to "
            "maximize the number of riders per hour?")
    f = _facts_formulate(text, "carousels", "carousel", "swings", "swing")
    assert "carousels + swings >= 40" in [c.display for c in f.paragraph_constraints]


def test_per_person_time_tables_and_elliptical_rates():
    text = ("Two sisters, Ann and Bea, sell caps and hats. A cap takes 2 hours of Ann's time along with 1 hour "
            "of Bea's time. A hat takes 1 hour of Ann's time and 3 hours of Bea's time. Ann has 40 hours available "
            "each week, but since Bea has school, she only has 30 hours available each week. They get $12 profit "
            "per batch of caps, and $9 per box of hats. Formulate a LP to maximize profit.")
    f = _facts_formulate(text, "caps", "cap", "hats", "hat")
    assert [c.display for c in f.paragraph_constraints] == ["2*caps + hats <= 40", "caps + 3*hats <= 30"]
    assert str(f.objective) == "maximize 12*caps + 9*hats"


def test_a_money_bound_naming_nothing_takes_the_only_money_rate():
    text = ("A studio has editors earning $1500 per week and animators earning $1800 per week. "
            "The studio wants to keep the weekly payroll below $30000. Formulate an LP to minimize the "
            "payroll.")
    from milpsynth.stages.split_statements import is_supply
    assert not is_supply("A studio has editors earning $1500 per week")
    f = _facts_formulate(text, "editors", "editor", "animators", "animator")
    assert "1500*editors + 1800*animators <= 30000" in [c.display for c in f.paragraph_constraints]


def test_money_someone_puts_to_work_is_a_supply():
    from milpsynth.stages.split_statements import is_constraint
    assert is_constraint("Kim wants to put her $5,000 to work in bonds and stocks.")


def test_a_percent_return_is_a_rate_a_percent_bound_is_not():
    from milpsynth.nlp.analysis import analyse, clauses
    from milpsynth.nlp.attributes import triples
    table = _table(("bonds", "bonds"), ("stocks", "stocks"))
    a = analyse("Bonds yield a 3% return whereas stocks yield a return of 8.5%.", table)
    assert [(v, round(x, 4)) for v, x, _, _ in triples(a, clauses(a))] == [("bonds", 0.03), ("stocks", 0.085)]
    a = analyse("At least 40% of the money goes to bonds.", table)
    assert triples(a, clauses(a)) == []


def test_a_statement_with_no_number_and_no_decision_bounds_nothing():
    from milpsynth.stages.split_data import bounds_nothing
    table = _table(("vans", "vans", "van"), ("bikes", "bikes", "bike"))
    assert bounds_nothing("The courier needs to reach customers when they first order.", table)
    assert not bounds_nothing("If vans are used, bikes must be used too.", table)
    assert not bounds_nothing("The courier needs to deliver at least 300 parcels.", table)


def test_the_single_unit_and_counts_of_kinds():
    from milpsynth.stages.split_data import is_unit_data
    from milpsynth.nlp.analysis import analyse, clauses
    from milpsynth.nlp.attributes import triples
    table = _table(("small_bins", "small bins", "small bin"), ("large_bins", "large bins", "large bin"))
    assert is_unit_data("The small bin needs to be emptied 4 times every month and uses 2 liners.", table)
    assert not is_unit_data("The small bins need 40 liners.", table)     # all of them: a bound
    a = analyse("She has two selections of bins, small bins or large bins.", table)
    assert triples(a, clauses(a)) == []


def test_a_bound_counting_the_unit_of_the_rates_is_a_sum_of_the_decisions():
    text = ("A lab moves samples by drone and by van. A drone trip takes 2 hours and costs $30 per trip. A van trip "
            "takes 5 hours and costs $20 per trip. The lab needs to make at least 12 trips. It has a budget of $400. "
            "How many of each should it use to minimize the total hours?")
    f = _facts_formulate(text, "drone", "van")
    displays = [c.display for c in f.paragraph_constraints]
    assert "drone + van >= 12" in displays and "30*drone + 20*van <= 400" in displays


def test_a_company_named_after_a_decision_is_not_a_mention():
    from milpsynth.nlp.analysis import analyse
    table = _table(("painters", "painters", "painter"), ("helpers", "helpers", "helper"))
    a = analyse("Painters XYZ has a budget of $9000 for painters and helpers.", table)
    assert [m.text for m in a.mentions] == ["painters", "helpers"]


def test_gold_variables_are_given_to_the_generator():
    from milpsynth.evaluation.report import evaluate, gold_variable_list
    doc = {"7": {"document": "A cafe makes teas and coffees. A tea earns $2 and a coffee earns $3. The cafe can make "
                             "at most 100 drinks in total. How many of each should it make to maximize profit?",
                 "vars": ["teas", "coffees"], "first_var_to_mentions": {"teas": ["teas", "tea"],
                                                                        "coffees": ["coffees", "coffee"]},
                 "var_mention_to_first_var": {"teas": "teas", "coffees": "coffees"},
                 "obj_declaration": {"type": "objective", "direction": "maximize", "terms": {"teas": "2",
                                                                                          "coffees": "3"}},
                 "const_declarations": [{"type": "sum", "direction": "at most", "limit": "100",
                                         "operator": "LESS_OR_EQUAL"}]}}
    rec = to_record(doc)
    assert rec["variables"] == [{"name": "teas", "mentions": ["teas", "tea"]},
                                {"name": "coffees", "mentions": ["coffees", "coffee"]}]
    assert [v.name for v in gold_variable_list(rec)] == ["teas", "coffees"]
    report = evaluate([doc], progress=False, gold_variables=True, classify="rules")
    assert report.problems[0].solution_ok, report.problems[0].error


def test_maximising_a_count_no_decision_is_reads_the_one_count_rate():
    text = ("A florist ships bouquets in crates and boxes. A crate holds 12 bouquets while a box holds 5 bouquets. "
            "At most 30 crates can be used. How many of each should be sent to maximize the total number of "
            "roses that can be delivered?")
    f = _facts_formulate(text, "crates", "crate", "boxes", "box")
    assert str(f.objective) == "maximize 12*crates + 5*boxes"
    f = _facts_formulate(text.replace("maximize the total number of roses that can be delivered",
                                      "minimize the total number of deliveries"), "crates", "crate", "boxes", "box")
    assert str(f.objective) == "minimize crates + boxes"


def test_kinds_places_and_finding_the_minimum():
    from milpsynth.nlp import cues
    from milpsynth.stages.split_statements import is_objective, is_supply
    assert not cues.UPPER.search("getting their guests up to their rooms")
    assert cues.UPPER.search("up to 40 guests")
    assert not is_supply("A hotel has 2 types of rooms.")
    assert is_objective("Find the minimum number of shuttles that can be used.")


def test_a_lower_bound_on_what_no_fact_names_reads_the_one_count_rate():
    text = ("A resort moves guests by ferry and by barge. A ferry moves 30 people per hour while a barge moves 12 "
            "people per hour. The resort wants to move at least 600 visitors every hour. How many of each should "
            "it run to minimize the total number of ferries and barges?")
    from test_formulate import scripted_pipeline
    from milpsynth.stages.variables_tagged import TaggedVariables
    from test_variables_tagged import ScriptedTagger
    pipe = scripted_pipeline({"The resort wants": (5, 0.9, {5: 0.9, 1: 0.1}), "How many": (0, 0.99, {0: 0.99})})
    pipe.replace("variables", TaggedVariables(ScriptedTagger("ferry", "ferries", "barge", "barges")))
    f = formulate(text, pipeline=pipe)
    assert [c.display for c in f.paragraph_constraints] == ["30*ferry + 12*barge >= 600"]


def test_an_objective_said_twice_is_the_question_and_minimal_cost_is_an_objective():
    from milpsynth.stages.split_statements import is_objective
    assert is_objective("Formulate an LP to meet his needs while spending a minimal amount of time.")
    assert is_objective("Find how many servings to eat at minimal cost.")
    text = ("A studio wants to maximize its audience. Each radio spot costs $200 and reaches 3000 listeners, and "
            "each web banner costs $50 and reaches 800 readers. The budget is at most $10000. How many of each "
            "should it buy to obtain maximum audience?")
    from test_formulate import scripted_pipeline
    from milpsynth.stages.variables_tagged import TaggedVariables
    from test_variables_tagged import ScriptedTagger
    pipe = scripted_pipeline({"A studio wants": (0, 0.97, {0: 0.97}), "How many": (0, 0.99, {0: 0.99}),
                              "The budget": (3, 0.9, {3: 0.9})})
    pipe.replace("variables", TaggedVariables(ScriptedTagger("radio spot", "web banner")))
    f = formulate(text, pipeline=pipe)
    assert [p.text[:8] for p in f.paragraphs if p.type == 0] == ["How many"]
    assert "A studio wants to maximize its audience." in f.facts


def test_one_unit_and_labels_are_no_rates():
    from milpsynth.nlp.analysis import analyse, clauses
    from milpsynth.nlp.attributes import triples
    from milpsynth.stages.split_statements import is_supply
    table = _table(("cakes", "cakes", "cake"), ("pies", "pies", "pie"))
    a = analyse("It costs $2 to make one cake and $3 for one pie.", table)
    assert [(v, x) for v, x, _, _ in triples(a, clauses(a))] == [("cakes", 2.0), ("pies", 3.0)]
    assert is_supply("Currently the bakery has 200 units of flour A and 100 units of flour B.")
    assert not is_supply("One unit of cake has 10 units of sugar.")


def test_returns_listed_as_name_and_percent_and_alternatives_joined_by_or():
    from milpsynth.nlp.analysis import analyse, clauses
    from milpsynth.nlp.attributes import triples
    table = _table(("tea", "tea"), ("rice", "rice"))
    a = analyse("The annual rate of return for each is as follows: tea, 6%; rice, 9%.", table)
    assert [(v, round(x, 2)) for v, x, _, _ in triples(a, clauses(a, facts=True), facts=True)] == [
        ("tea", 0.06), ("rice", 0.09)]
    table = _table(("bonds", "bonds"), ("savings", "savings account"))
    a = analyse("It can be put in bonds yielding a 2% return or in a savings account yielding a 3% return.", table)
    assert [(v, round(x, 2)) for v, x, _, _ in triples(a, clauses(a, facts=True), facts=True)] == [
        ("bonds", 0.02), ("savings", 0.03)]


def test_objective_wordings_and_adjective_numbers():
    from milpsynth.nlp.analysis import analyse
    from milpsynth.stages.split_statements import is_objective
    assert is_objective("Determine the plan that minimizes the cost.")
    assert is_objective("How many tankers should it make so that revenue is maximized?")
    assert is_objective("What is the maximum number of muffins that can be made?")
    table = _table(("radio_ads", "radio ad"), ("tv_ads", "tv ad"))
    assert [n.value for n in analyse("A 1-minute radio ad costs $80,000.", table).values] == [80000]


def test_minimising_time_when_the_rates_are_per_hour_sums_the_decisions():
    text = ("A miner works in pit one and pit two. For each hour in pit one he gets 2 units of coal and for each "
            "hour in pit two he gets 5 units of coal. He needs at least 40 units of coal. Formulate an LP to "
            "minimize the amount of time spent in both pits.")
    f = _facts_formulate(text, "pit one", "pit two")
    assert str(f.objective) == "minimize pit_one + pit_two"


def test_half_the_number_of_another_is_a_comparison_and_a_subjectless_bound_takes_the_one_before():
    objective = "Maximise profit: each ski earns $50 and each snowboard earns $70. How many skis and snowboards?"
    f = formulate([objective, "The number of snowboards sold is at most half the number of skis sold."],
                  types={2: 4}, variables=["skis", "snowboards"])
    assert f.paragraph_constraints[0].display == "snowboards <= 0.5*skis"
    text = ("A cart sells tacos and wraps. The profit on a taco is $3 and on a wrap $2. It must sell at least 40 "
            "tacos but can make only up to 70 in a day. How many of each should it make to maximize profit?")
    f = _facts_formulate(text, "tacos", "taco", "wraps", "wrap")
    assert "tacos <= 70" in [c.display for c in f.paragraph_constraints]


def test_supplies_read_in_their_clause_and_rates_compared_are_data():
    from milpsynth.stages.split_statements import is_supply
    from milpsynth.stages.split_data import is_unit_data
    assert is_supply("There is only 5000 grams of a rare extract needed to make both kinds.")
    assert is_supply("Ann has a total of $9,000 to invest in bonds, which yield a 2% return.")
    assert not is_supply("Each van has 3 seats per row.")
    table = _table(("queens", "queen mattresses", "queen"), ("kings", "king mattresses", "king"))
    assert is_unit_data("Queen mattresses require 20 units of foam while king mattresses require 30 units of foam.",
                        table)
    assert is_unit_data("Queen mattresses require 20 units of foam.", table)       # what each one takes
    assert not is_unit_data("Queen mattresses require at least 20 units of foam.", table)
    from milpsynth.stages.split_statements import _pieces
    assert _pieces("She plans at least 4 and no more than 7 radio spots.") == [
        "She plans at least 4 and no more than 7 radio spots."]


def test_what_each_decision_takes_and_its_subjectless_continuation_are_data():
    text = ("A shop makes caps and hats. Caps require 1 hour of sewing time and 2 hours of printing time. "
            "Hats require 2 hours of sewing time and 3 hours of printing time. The sewers are available "
            "40 hours a week and the printing machine is available 60 hours a week. Each cap earns $10 and each hat $15. "
            "How many of each should it make to maximize profit?")
    f = _facts_formulate(text, "caps", "cap", "hats", "hat")
    assert [c.display for c in f.paragraph_constraints] == ["caps + 2*hats <= 40", "2*caps + 3*hats <= 60"]


def test_a_capacity_naming_no_decision_bounds_their_sum_and_acronym_plurals_group():
    from milpsynth.nlp.mention_groups import group_mentions
    assert group_mentions(["CPUs", "GPUs", "CPU", "GPU"]) == [["CPUs", "CPU"], ["GPUs", "GPU"]]
    text = ("A ferry can take at most 300 people. A profit of $40 is made on each cabin ticket and a profit of $15 "
            "is made on each deck ticket. How many of each ticket should be sold to maximize profit?")
    f = _facts_formulate(text, "cabin ticket", "deck ticket")
    assert [c.display for c in f.paragraph_constraints] == ["cabin_ticket + deck_ticket <= 300"]


def test_one_unit_that_has_amounts_and_a_rate_shared_by_a_list():
    from milpsynth.nlp.analysis import analyse, clauses
    from milpsynth.nlp.attributes import triples
    from milpsynth.stages.split_data import is_unit_data
    table = _table(("layout_a", "layout A"), ("layout_b", "layout B"))
    assert is_unit_data("A layout A has 10 units of rock", table)          # one unit's, not a supply
    a = analyse("Each kg of layout A and layout B requires 2 hours of raking.", table)
    assert [(v, x) for v, x, _, _ in triples(a, clauses(a, facts=True), facts=True)] == [("layout_a", 2.0),
                                                                                 ("layout_b", 2.0)]
    a = analyse("A site can use two transfer methods, layout A or layout B.", table)
    assert triples(a, clauses(a, facts=True), facts=True) == []           # how many kinds, not a rate
    text = ("A gardener builds layout A and layout B. A layout A has 10 units of rock and 7 units of mulch. A "
            "layout B has 5 units of rock and 12 units of mulch. He has 1200 units of rock and 700 units of "
            "mulch. Each layout A earns $200 and each layout B earns $150. How many of each should he build "
            "to maximize profit? Determine the maximum profit.")
    f = _facts_formulate(text, "layout A", "layout B")
    assert [c.display for c in f.paragraph_constraints] == ["10*layout_a + 5*layout_b <= 1200",
                                                            "7*layout_a + 12*layout_b <= 700"]


def test_a_question_after_a_leading_clause_is_read_where_no_statement_states_the_objective():
    from milpsynth.stages.split_statements import SplitStatements, asks_after_clause, is_objective
    question = "Since every ton is ground whole, what is the lowest price paid for the grinding?"
    assert asks_after_clause(question) and not is_objective(question)
    assert not asks_after_clause("Grinding is slow, what with the old stones, and at least 40 tons are due.")
    text = ("A mill grinds two grains, X and Y. Grinding costs $3 per ton of X and $2 per ton of Y. At least 40 "
            "tons of grain must be ground in all, and at least 10 tons of it must be X.\n\n" + question)
    from milpsynth.api import make_problem
    p = SplitStatements()(make_problem(text))
    assert question in [q.text for q in p.paragraphs]
    # beside a sentence that states the objective, the weaker reading is not needed
    p = SplitStatements()(make_problem(text.replace("Grinding costs", "The mill minimizes cost. Grinding costs")))
    assert question not in [q.text for q in p.paragraphs]


def test_a_question_closing_a_sentence_is_cut_off_its_condition():
    from milpsynth.stages.split_statements import _cut
    pieces = _cut("Bearing in mind that at most 40 crates fit on the truck, what is the minimum cost of the delivery?")
    assert pieces == [("Bearing in mind that at most 40 crates fit on the truck", True),
                      ("what is the minimum cost of the delivery?", True)]
    # with no figure in the clause before it, the sentence stays whole
    assert len(_cut("Bearing in mind the season, what is the minimum cost of the delivery?")) == 1


def test_no_cut_inside_brackets():
    from milpsynth.stages.split_statements import _pieces
    s = "Each shelf has a limit on the boxes it can hold (at most 40 for X and at most 30 for Y), which the shop keeps."
    assert _pieces(s) == [s]


def test_naming_the_objective_function_states_no_objective():
    from milpsynth.nlp import cues
    assert not cues.OBJECTIVE.search("Keeping to the objective function, the plan has to respect three limits.")
    assert cues.OBJECTIVE.search("The objective is to keep the waste low.")


def test_a_with_clause_holding_its_own_bound_is_a_statement():
    from milpsynth.stages.split_statements import _pieces
    assert _pieces("Crate X must make at least 10 trips, with a maximum of 40 trips for both crates.") == [
        "Crate X must make at least 10 trips", "a maximum of 40 trips for both crates."]
    # a with-clause that only qualifies the bound before it stays with it
    s = "The load has a limit of 90 tons, with twice the weight of crate Y counted in it."
    assert _pieces(s) == [s]


def test_a_lead_in_before_a_colon_is_no_statement():
    from milpsynth.stages.split_statements import _cut
    assert _cut("The schedule has to follow two rules: shift X needs at least 4 nurses; shift Y needs at most 9 "
                "nurses.") == [("The schedule has to follow two rules:", False), ("shift X needs at least 4 nurses", True),
                               ("shift Y needs at most 9 nurses.", True)]


@pytest.mark.parametrize("text, pieces", [
    ("Shift X can have between 2 and 8 nurses.", ["Shift X can have at least 2 nurses.", "Shift X can have at most 8 nurses."]),
    ("Shift Y may take between 0 and 5", ["Shift Y may take at most 5"]),     # a lower end of 0 says nothing
    ("The difference between 3 and 4 nurses is small.", []),
])
def test_a_range_is_two_bounds(text, pieces):
    from milpsynth.stages.split_statements import _range_bounds
    assert _range_bounds(text) == pieces


def test_a_sentence_that_only_counts_the_decisions_is_a_fact_whatever_names_them():
    # nouns (no labels) name the decisions; 'two kilns' and 'two glazes' count, they bound nothing
    text = ("A potter fires pots in her two kilns, Ember and Blaze, to finish two glazes. Firing Ember costs $30 "
            "per hour and Blaze $50 per hour. Ember fires 4 pots per hour and Blaze fires 7 pots per hour. At "
            "least 70 pots must be fired. How many hours should each kiln run to minimize the cost?")
    f = formulate(text)
    assert any(fact.startswith("A potter fires pots in her two kilns") for fact in f.facts)
    # a factor equal to the count ('twice as many') is a comparison, not a count
    from milpsynth.stages.split_data import names_the_decisions
    assert not names_the_decisions(f, "There must be twice as many hours of Blaze as of Ember.")


def test_a_count_that_the_facts_rate_each_decision_in_is_a_weighted_sum():
    # 'How many of each pizza oven' names ovens; the 100 pizzas are what each oven makes per cycle
    text = ("A diner buys pizza ovens of two models, A and B. Model A makes 10 pizzas per cycle and costs $900. "
            "Model B makes 8 pizzas per cycle and costs $700. The diner must make at least 100 pizzas per cycle. "
            "How many of each model pizza oven should it buy to minimize the cost?")
    f = formulate(text)
    assert [str(c) for c in f.paragraph_constraints] == ["10*a + 8*b >= 100"]


def test_a_glued_label_groups_with_its_spaced_spelling():
    from milpsynth.nlp.mention_groups import group_mentions
    assert group_mentions(["TruckA", "TruckB", "truck B"]) == [["TruckA"], ["TruckB", "truck B"]]


def test_an_enumeration_completes_the_decisions_the_tagger_missed():
    from milpsynth.stages.variables_tagged import _completed_by_the_list
    from milpsynth.api import make_problem
    p = make_problem("A grower has three fruits to pick: plums, pears and figs.")
    tagged = [("pears", ["pear"]), ("figs", ["fig"])]
    ruled = [("plums", []), ("pears", []), ("figs", [])]
    assert _completed_by_the_list(p, tagged, ruled) == [("plums", []), ("pears", ["pear"]), ("figs", ["fig"])]
    assert any("the tagger missed decisions" in w for w in p.warnings)
    # a list that does not name every tagged decision does not replace them
    assert _completed_by_the_list(p, tagged + [("crates", [])], ruled) == tagged + [("crates", [])]


def test_as_well_as_joins_two_bounds():
    from milpsynth.stages.split_statements import _pieces
    assert _pieces("The mill needs at least 20 tons of oats, as well as at least 15 tons of rye.") == [
        "The mill needs at least 20 tons of oats", "at least 15 tons of rye."]


def test_a_range_that_happened_is_no_bound():
    from milpsynth.stages.split_statements import _range_bounds
    assert _range_bounds("Last season the shift had between 3 and 6 nurses.") == []


@pytest.mark.parametrize("text, want", [
    ("Maximize profit: each chair earns $7 and each table earns $4. The workshop builds exactly 30 items in total. "
     "At most 18 tables.", "chair + table == 30"),
    ("Minimize cost: each tonne of sand costs $9 and each tonne of gravel costs $6. The mix must equal 80 tonnes "
     "in total. At least 20 tonnes of sand.", "sand + gravel == 80"),
])
def test_an_amount_stated_exactly_is_an_equality(text, want):
    f = formulate(text)
    assert want in [str(c) for c in f.constraints]


def test_exactly_in_a_rate_stays_data():
    f = formulate("A shop makes chairs and tables. Each chair earns $7 and each table earns $4. Each chair takes "
                  "exactly 3 hours and each table exactly 2 hours. At most 60 hours are available. Maximize profit.")
    assert [str(c) for c in f.constraints] == ["3*chairs + 2*tables <= 60"]


def test_a_lead_in_that_counts_its_statements_is_a_fact():
    from milpsynth.stages.split_statements import _cut
    pieces = _cut("The rota must respect 2 rules: the day shift has at most 9 nurses; the night shift has at least 4 nurses.")
    assert pieces == [("The rota must respect 2 rules:", False), ("the day shift has at most 9 nurses", True),
                      ("the night shift has at least 4 nurses.", True)]


def test_a_statement_and_a_fact_joined_by_a_semicolon_are_cut():
    from milpsynth.stages.split_statements import _cut
    assert _cut("The van may carry at most 30 crates; each crate earns $4 and each box $2 respectively.") == [
        ("The van may carry at most 30 crates", True), ("each crate earns $4 and each box $2 respectively.", False)]
    # no cut inside a formula or brackets
    assert len(_cut("The bounds are ($0 \\leq a \\leq 5; 0 \\leq b \\leq 7$) for the plan.")) == 1
