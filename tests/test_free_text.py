"""Free text: splitting into statements and facts, attributes stated in facts, NL4Opt documents."""
import json

from milpsynth import formulate
from milpsynth.nl4opt import is_nl4opt_line, to_record
from milpsynth.reference import parse_reference
from milpsynth.nlp.mention_groups import group_mentions
from milpsynth.variables import Variable
from milpsynth.stages.split_statements import _pieces
from conftest import DATA

COURIER = ("A courier uses vans and bikes. A van carries 40 parcels and costs $30 per day, while a bike carries "
           "8 parcels and costs $5 per day. The courier must carry at least 400 parcels per day. The number of "
           "bikes cannot exceed the number of vans. If the daily budget is $600, how many vans and bikes should it "
           "use to minimize cost?")


def test_two_constraints_in_one_sentence_are_split():
    assert _pieces("The budget is at most $1000 and the number of sled dog trips must be less than the number "
                   "of truck trips.") == ["The budget is at most $1000",
                                          "the number of sled dog trips must be less than the number of truck trips."]


def test_coefficient_lists_stay_whole():
    s = "There is 500 sq ft of space available and a table requires 8 sq ft while a chair requires 2 sq ft."
    assert _pieces(s) == [s]
    s = "The cost per TV is $900, per phone is $1,100 and per laptop is $1,200."
    assert _pieces(s) == [s]


def test_coordinated_bounds_are_distributed_with_their_cue():
    assert _pieces("The paste must contain a minimum of 130 units of spice and 90 units of flavor.") == [
        "The paste must contain a minimum of 130 units of spice", "a minimum 90 units of flavor."]
    assert _pieces("The shop has 150 hours of cutting time and 300 hours of sewing time available.") == [
        "The shop has 150 hours of cutting time available", "300 hours of sewing time available."]
    assert _pieces("Each trip, the van can carry at most 40 crates or 60 boxes.") == [
        "Each trip, the van can carry at most 40 crates", "at most 60 boxes."]


def test_each_attribute_keeps_its_own_coefficients():
    text = ("A suit store makes 2-piece and 3-piece suits. To make a 2-piece suit requires 1 hour of measuring "
            "and 4 hours of stitching. To make a 3-piece suit requires 2 hours of measuring and 5 hours of "
            "stitching. The store has 150 hours of measuring time and 300 hours of stitching time available. "
            "The profit per 2-piece suit is $600 and the profit per 3-piece suit is $800. Formulate a LP to "
            "maximize profit?")
    suits = [Variable("two_piece", "integer", "2-piece suits", ["2-piece suits", "2-piece suit"]),
             Variable("three_piece", "integer", "3-piece suits", ["3-piece suits", "3-piece suit"])]
    f = formulate(text, variables=suits, classify="rules")
    assert [c.display for c in f.paragraph_constraints] == ["two_piece + 2*three_piece <= 150",
                                                            "4*two_piece + 5*three_piece <= 300"]
    assert str(f.objective) == "maximize 600*two_piece + 800*three_piece"


def test_condition_is_cut_off_the_question():
    assert _pieces("If the daily budget is $600, how many vans should it use to minimize cost?") == [
        "the daily budget is $600", "how many vans should it use to minimize cost?"]


def test_free_text_end_to_end_with_coefficients_from_the_facts():
    f = formulate(COURIER)
    assert f.split == ["The courier must carry at least 400 parcels per day.",
                       "The number of bikes cannot exceed the number of vans.", "the daily budget is $600",
                       "how many vans and bikes should it use to minimize cost?"]
    assert f.facts[1].startswith("A van carries 40 parcels")
    assert [c.display for c in f.paragraph_constraints] == [
        "40*vans + 8*bikes >= 400", "bikes <= vans", "30*vans + 5*bikes <= 600"]
    assert str(f.objective) == "minimize 30*vans + 5*bikes"
    sol = f.solve()
    assert sol.status == "optimal" and sol.objective == 295      # 9 vans + 5 bikes: 40*9 + 8*5 = 400


def test_paragraph_input_is_not_split():
    f = formulate(["Maximise profit: each chair earns $5 and each table earns $8. How many chairs and tables?",
                   "At most 10 chairs and tables in total and at least 2 chairs."], on_error="skip")
    assert f.split is None and len(f.paragraphs) == 2


DOC = {"42": {
    "document": "A shop sells mugs and plates.",
    "vars": ["mugs", "plates"],
    "var_mention_to_first_var": {"mugs": "mugs", "mug": "mugs", "plates": "plates", "plate": "plates"},
    "obj_declaration": {"type": "objective", "direction": "maximize", "name": "profit",
                        "terms": {"mug": "3", "plate": "5"}},
    "const_declarations": [
        {"type": "linear", "direction": "at most", "limit": "1,000", "terms": {"mug": "2", "plate": "4"},
         "operator": "LESS_OR_EQUAL"},
        {"type": "sum", "direction": "at least", "limit": "10", "operator": "GREATER_OR_EQUAL"},
        {"type": "upperbound", "direction": "at most", "limit": "300", "var": "mugs", "operator": "LESS_OR_EQUAL"},
        {"type": "lowerbound", "direction": "at least", "limit": "5", "var": "plates",
         "operator": "GREATER_OR_EQUAL"},
        {"type": "ratio", "direction": "at most", "limit": "third", "var": "plates", "operator": "LESS_OR_EQUAL"},
        {"type": "xby", "x_var": "mugs", "direction": "at least", "param": "twice", "y_var": "plates",
         "operator": "GREATER_OR_EQUAL"},
        {"type": "xy", "x_var": "plates", "direction": "at most", "y_var": "mugs", "operator": "LESS_OR_EQUAL"},
        {"type": "linear", "direction": "at most", "limit": "one hundred thousand", "terms": {"mug": "1"},
         "operator": "LESS_OR_EQUAL"},
        {"type": "mystery", "operator": "LESS_OR_EQUAL"},
    ]}}


def test_nl4opt_declarations_become_reference_lines():
    assert is_nl4opt_line(DOC) and not is_nl4opt_line({"id": 1, "paragraphs": []})
    rec = to_record(DOC)
    assert rec["id"] == "42" and rec["paragraphs"] == ["A shop sells mugs and plates."]
    assert rec["true_model"].splitlines() == [
        "Maximize 3*mugs + 5*plates", "2*mugs + 4*plates <= 1000", "mugs + plates >= 10", "mugs <= 300",
        "plates >= 5", "plates <= 0.333333333333 * (mugs + plates)", "mugs >= 2*plates", "plates <= mugs",
        "1*mugs <= 100000"]
    assert rec["unread"] == ["constraint 9: constraint 9: unknown declaration type 'mystery'"]
    ref = parse_reference(rec["true_model"])
    assert not ref.unread and len(ref.paragraph_constraints) == 8


def test_nl4opt_dev_documents_read(need_data):
    lines = [json.loads(l) for l in (DATA / "nl4opt" / "generation_dev.jsonl").read_text().splitlines()[:20]]
    recs = [to_record(l) for l in lines]
    readable = [r for r in recs if not r["unread"] and not parse_reference(r["true_model"]).unread]
    assert len(readable) >= 18
    first = recs[0]
    assert first["true_model"].splitlines()[0] == "Maximize 50*rickshaws + 30*ox_carts"


def _vars(*specs):
    return [Variable(name, "integer", forms[0], list(forms)) for name, *forms in specs]


def test_respectively_pairs_numbers_with_the_decisions_in_order():
    from milpsynth.nlp.analysis import analyse
    from milpsynth.nlp.analysis import respectively
    from milpsynth.variables import VariableTable
    table = VariableTable.build(_vars(("standard", "Standard"), ("plus", "Plus"), ("premium", "Premium")),
                                pure_binary=False)
    a = analyse("The profit per ton is $1500, $2500 and $5500 for the Standard, Plus, and Premium grades "
                "respectively.", table)
    assert respectively(a) == {"standard": 1500, "plus": 2500, "premium": 5500}
    a = analyse("The Standard, Plus and Premium grades earn $1500 and $2500 respectively.", table)
    assert respectively(a) == {}          # three decisions, two numbers: no pairing is guessed


def test_a_supply_is_a_statement_and_each_item_of_a_list_is_one():
    from milpsynth.stages.split_statements import _cut
    assert _cut("The company has 150 tons of iron ore and 35 tons of zinc ore each month.") == [
        ("The company has 150 tons of iron ore", True), ("35 tons of zinc ore each month.", True)]
    assert _cut("Each truck has 3 axles.") == [("Each truck has 3 axles.", False)]     # a rate, not a supply


def test_a_sum_naming_no_decision_reads_the_rate_the_facts_give():
    text = ("A company delivers packages with drones and couriers. A drone can transport 4 packages every hour "
            "while a courier can transport 25 packages every hour. The company needs to deliver at least 800 "
            "packages. How many of each should be used to minimize the total number of drones and couriers?")
    from test_formulate import scripted_pipeline
    pipe = scripted_pipeline({"The company needs": (6, 0.9, {6: 0.9, 2: 0.1}), "How many": (0, 0.99, {0: 0.99})})
    f = formulate(text, variables=_vars(("drones", "drones", "drone"), ("couriers", "couriers", "courier")),
                  pipeline=pipe)
    assert [c.display for c in f.paragraph_constraints] == ["4*drones + 25*couriers >= 800"]
    assert f.paragraphs[0].type == 7 and "weighted sum" in f.paragraphs[0].prediction.note


def test_a_noun_counted_per_unit_of_a_decision_is_not_a_decision():
    from milpsynth.stages.decision_filters import is_measured
    text = ("A seller transports coconuts using rickshaws or ox carts. The rickshaws can take 50 coconuts each "
            "and cost $10 per trip.")
    assert is_measured(text, ["coconuts"], [["rickshaws"], ["ox carts"]])
    assert not is_measured(text, ["rickshaws"], [["coconuts"], ["ox carts"]])


def test_a_leading_reason_names_no_operand():
    text = ("Since small cans are cheaper, at most 30% of the cans can be large cans.")
    f = formulate([("Maximise profit: each small can earns $2 and each large can earns $3. How many small cans "
                    "and large cans?"), text], classify="rules")
    assert [c.display for c in f.paragraph_constraints] == ["large_cans <= 0.3 * (small_cans + large_cans)"]


def test_must_be_n_times_reads_at_least_unless_equal_is_said():
    objective = "Maximise profit: each ship earns $5 and each plane earns $3. How many ships and planes?"
    f = formulate([objective, "The number of ships must be twice the number of planes."], classify="rules")
    assert f.paragraph_constraints[0].display == "ships >= 2*planes"
    f = formulate([objective, "The number of ships must be exactly equal to twice the number of planes."],
                  classify="rules")
    assert f.paragraph_constraints[0].display == "ships == 2*planes"


def test_condition_of_the_question_and_more_than_are_statements():
    from milpsynth.stages.split_statements import _cut, is_constraint
    assert _cut("If the clinic is open for 15000 minutes, how many of each should it do to maximize profit?") == [
        ("the clinic is open for 15000 minutes", True), ("how many of each should it do to maximize profit?", True)]
    assert is_constraint("There must be more architects than drafters.")


def test_labels_buses_and_lone_heads_in_grouping():
    assert group_mentions(["mixture A", "mixture B", "mixtures"]) == [["mixture A"], ["mixture B"]]
    assert group_mentions(["shuttle buses", "shuttle bus"]) == [["shuttle buses", "shuttle bus"]]
    # a head noun alone is a category only beside two kinds; beside one it is another decision
    assert group_mentions(["specialty delivery bags", "medium bags"]) == [["specialty delivery bags"],
                                                                          ["medium bags"]]


def test_a_decision_is_the_subject_of_a_number_not_a_measure():
    from milpsynth.stages.decision_filters import acts
    text = ("A man drinks protein shakes and milk. A protein shake has 20 grams of protein while a glass of milk "
            "has 8 grams. He drinks at most 3 glasses of milk.")
    assert acts(text, ["protein shakes", "protein shake"]) and acts(text, ["milk"])
    assert not acts(text, ["glasses", "glass"])         # only ever 'glasses of ...'


def test_rates_are_data_and_one_producer_is_a_supply():
    from milpsynth.stages.split_statements import is_constraint
    assert not is_constraint("To produce 1 kg of low quality paint requires 6 kg of dye and 20 kg of filler.")
    assert is_constraint("The bakery needs at least 120 kg of flour each day.")
    assert is_constraint("A paint manufacturer produces 300 kg of dye and 200 kg of filler each week.")
    assert not is_constraint("Mixture A uses 3 units of baking soda, and produces 2 units of eruption.")
    assert not is_constraint("The hydraulics experiment produces 2 units of heat while the force experiment "
                             "produces 3 units of heat.")


def test_a_clause_that_names_two_decisions_before_its_cue_is_not_cut_inside():
    # the second clause runs past 'A and': it is one statement, cut from the first at ', and'
    s = ("The dough must weigh at least 30 kg, and the difference between the flour for loaves A and B "
         "must not exceed 5 kg.")
    assert _pieces(s) == ["The dough must weigh at least 30 kg",
                          "the difference between the flour for loaves A and B must not exceed 5 kg."]


def test_a_sum_opened_without_a_verb_is_not_cut_at_its_and():
    # 'twice the hours of crew A' has no verb of its own: it is the first term of the sum that follows
    s = "Moreover, the sum of twice the hours of crew A and the hours of crew B must be at least 60 hours."
    assert _pieces(s) == [s]


def test_a_clause_that_points_back_is_not_cut_from_what_it_points_to():
    s = ("The plan must track a score that is worked out as three times the hours of team A plus the hours "
         "of team B, and this score must be at least 90.")
    assert _pieces(s) == [s]
    # a new subject is cut as before
    assert len(_pieces("Team A must work at least 10 hours, and team B must work at most 30 hours.")) == 2


def test_bullets_after_a_full_stop_and_a_missing_space_still_separate_sentences():
    from milpsynth.stages.split_statements import sentences
    text = ("The rules are:- Crew A works at least 5 hours.- Crew B works at most 9 hours.Also, crew A "
            "costs $4 an hour.")
    assert sentences(text) == ["The rules are:.", "Crew A works at least 5 hours..", "Crew B works at most 9 hours.",
                               "Also, crew A costs $4 an hour."]


def test_a_comparison_with_no_number_is_a_statement():
    from milpsynth.stages.split_statements import is_constraint
    assert is_constraint("Crew A's working time must not be less than that of crew B.")
    assert is_constraint("The hours of crew B cannot be greater than the hours of crew A.")
    assert not is_constraint("Crew A is older than crew B.")


def test_bounds_separated_by_semicolons_are_a_statement_each():
    s = "Crew A can work up to 40 hours; crew B can work up to 25 hours; crew C can work at least 5 hours"
    assert _pieces(s) == ["Crew A can work up to 40 hours", "crew B can work up to 25 hours",
                          "crew C can work at least 5 hours"]


def test_a_rule_about_each_single_unit_is_a_fact():
    from milpsynth.stages.split_statements import _cut
    assert _cut("Each nurse can only be placed on one ward.") == [("Each nurse can only be placed on one ward.", False)]
    # a rate per unit with a real bound stays a statement
    assert _cut("Each ward must have at least 3 nurses.")[0][1]


def test_a_minimum_amount_that_something_requires_is_a_bound_not_the_objective():
    from milpsynth.nlp import cues
    assert not cues.OBJECTIVE.search("each ward requires a minimum amount of staff")
    assert cues.OBJECTIVE.search("find the minimum amount of staff needed")
    assert cues.OBJECTIVE.search("what is the maximum number of loaves")
