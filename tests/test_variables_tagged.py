"""Variable identification from tagged VAR mentions (a scripted tagger stands in for the model)."""
import re
from dataclasses import dataclass

from milpsynth import Pipeline, formulate
from milpsynth.stages.variables_tagged import TaggedVariables
from milpsynth.nlp.mention_groups import group_mentions


@dataclass
class Entity:
    label: str
    text: str
    start: int
    end: int


class ScriptedTagger:
    """Tags every occurrence of the given phrases as VAR, like a perfect tagger would."""

    def __init__(self, *phrases):
        self.pattern = re.compile("|".join(sorted(map(re.escape, phrases), key=len, reverse=True)))

    def tag(self, texts):
        return [[Entity("VAR", m.group(0), m.start(), m.end()) for m in self.pattern.finditer(t)] for t in texts]


def test_grouping_by_number_and_unambiguous_suffix():
    assert group_mentions(["dining tables", "chairs", "dining table", "chair", "tables"]) == [
        ["dining tables", "dining table", "tables"], ["chairs", "chair"]]
    # 'tables' names what two kinds of table have in common: the category, not a decision
    assert group_mentions(["dining tables", "coffee tables", "tables"]) == [["dining tables"], ["coffee tables"]]
    assert group_mentions(["cell-phone", "regular cell-phones", "foldable cell-phone", "regular one"]) == [
        ["regular cell-phones", "regular one"], ["foldable cell-phone"]]


def test_grouping_by_prefix_middle_words_generic_heads_and_ie_plurals():
    assert group_mentions(["2-piece", "3-piece suits", "2-piece suit", "3-piece suit"]) == [
        ["2-piece", "2-piece suit"], ["3-piece suits", "3-piece suit"]]
    assert group_mentions(["manual pallet jack", "electric pallet jack", "electric jacks"]) == [
        ["manual pallet jack"], ["electric pallet jack", "electric jacks"]]
    assert group_mentions(["single-load model", "double-load", "single-load machine"]) == [
        ["single-load model", "single-load machine"], ["double-load"]]
    assert group_mentions(["hoodies", "t-shirts", "hoodie"]) == [["hoodies", "hoodie"], ["t-shirts"]]
    # a generic first mention joins the one specific kind that follows
    assert group_mentions(["trucks", "large trucks", "truck"]) == [["trucks", "truck", "large trucks"]]


def test_tagged_variables_drive_formulation_of_free_text():
    text = ("A shop sells dining tables and chairs. The profit per dining table is $350 and the profit per chair "
            "is $75. There is 500 sq ft of space available and a dining table requires 8 sq ft while a chair "
            "requires 2 sq ft. Formulate an LP to maximize profit.")
    tagger = ScriptedTagger("dining tables", "dining table", "chairs", "chair")
    f = formulate(text, pipeline=Pipeline(variables=TaggedVariables(tagger)))
    assert [v.name for v in f.variables.quantities] == ["dining_tables", "chairs"]
    assert [c.display for c in f.paragraph_constraints] == ["8*dining_tables + 2*chairs <= 500"]
    assert str(f.objective) == "maximize 350*dining_tables + 75*chairs"


def test_no_var_found_falls_back_to_rules():
    f = formulate(["Maximise profit: each chair earns $5 and each table earns $8. How many chairs and tables?",
                   "At most 10 chairs."], pipeline=Pipeline(variables=TaggedVariables(ScriptedTagger("zzz"))))
    assert [v.name for v in f.variables.quantities] == ["chairs", "tables"]


def test_a_head_noun_shared_by_coordinated_modifiers():
    from milpsynth.stages.tagged_spans import distribute_heads
    text = "A bakery bakes sourdough and rye rolls. Each sourdough roll sells for $5."
    spans = [(m, text.index(m), text.index(m) + len(m)) for m in ("sourdough", "rye rolls")]
    assert distribute_heads(text, spans) == ["sourdough rolls", "rye rolls"]
    # unless the text never says 'sourdough roll': then 'sourdough' may be a decision of its own
    assert distribute_heads(text.replace("sourdough roll ", "sourdough "), spans) == ["sourdough", "rye rolls"]


def test_a_word_spelt_longer_and_a_negated_kind_in_grouping():
    assert group_mentions(["electric-based stores", "film-based stores", "electrical-based stores"]) == [
        ["electric-based stores", "electrical-based stores"], ["film-based stores"]]
    assert group_mentions(["card-based system", "coin-based system", "card-based machines"]) == [
        ["card-based system", "card-based machines"], ["coin-based system"]]      # 'system', 'machine': generic
    assert group_mentions(["heated rooms", "non-heated rooms", "heated room"]) == [
        ["heated rooms", "heated room"], ["non-heated rooms"]]


def test_word_numbers_make_a_decision_the_subject():
    from milpsynth.stages.decision_filters import acts
    text = "A van carries four crates of apples while a bike carries one crate of apples."
    assert acts(text, ["van"]) and acts(text, ["bike"])
    assert not acts(text, ["crates", "crate"])


def test_the_one_that_tells_a_decision_from_another_of_its_kind():
    from milpsynth.stages.tagged_spans import one_forms
    assert one_forms("premium mobile phones", ["economical mobile phones"]) == ["premium one", "premium ones"]
    assert one_forms("vans", ["bikes"]) == []


def test_a_product_measured_per_unit_and_a_verb_are_not_decisions():
    from milpsynth.stages.decision_filters import is_verb, is_measured
    text = "Oven X can bake 35 kg of the rye bread per hour. Oven Y bakes 20 kg of rye bread per hour."
    assert is_measured(text, ["rye bread"], [["Oven X"], ["Oven Y"]])
    text = "The big kit entertains a kid for 4 hours and the small kit entertains a kid for 2 hours."
    assert is_verb(text, ["entertains"]) and not is_verb(text, ["big kit"])


def test_a_function_word_tagged_as_a_decision_is_dropped():
    text = ("A lab ships samples by drone and by van. A drone costs $30 per trip and a van costs $20 per trip. "
            "The lab can spend at most $600. How many trips by each should it make to maximize trips?")
    f = formulate(text, pipeline=Pipeline(variables=TaggedVariables(ScriptedTagger("by", "drone", "van")),
                                          classify="rules"))
    assert [v.name for v in f.variables.quantities] == ["drone", "van"]


def test_the_unit_rates_are_given_per_is_not_a_decision():
    from milpsynth.stages.tagged_spans import is_rate_unit
    text = ("A cook costs 200 dollars for each shift and a helper costs 90 dollars for each shift. "
            "At least 20% of shifts must be cook shifts.")
    assert is_rate_unit(text, "shifts") and not is_rate_unit(text, "cook")
    assert not is_rate_unit("Each truck costs $5 and each van costs $3.", "truck")


def test_tagged_spans_are_whole_words_and_adjacent_ones_one_name():
    from milpsynth.stages.tagged_spans import adjacent_joined, whole_words
    text = "It buys an all-in-one press line or a split press line."
    s = text.index("all-in-one")
    assert whole_words(text, s, s + len("all-in-"))[0] == "all-in-one"
    spans = [whole_words(text, s, s + 10), ("press line", s + 11, s + 21)]
    assert adjacent_joined(text, spans) == [("all-in-one press line", s, s + 21)]
    assert _keys_of("all-in-one") == {("all", "in", "one")}        # 'one' is part of the name here


def _keys_of(mention):
    from milpsynth.nlp.mention_groups import _keys
    return _keys(mention)


def test_what_the_decisions_hold_is_not_a_decision():
    from milpsynth.stages.decision_filters import is_contained
    text = ("A dairy sells yogurt in cups and jars. A cup of yogurt holds 8 oz of yogurt while a jar holds 32 oz of "
            "yogurt. It must sell at least 20 jars of yogurt.")
    assert is_contained(text, ["yogurt"], [["cups", "cup"], ["jars", "jar"]])
    assert not is_contained(text, ["cups", "cup"], [["yogurt"], ["jars", "jar"]])


def test_a_modifier_before_another_decision_is_not_the_subject():
    from milpsynth.stages.decision_filters import acts
    text = "The toy factory may build a big line which needs 20 workers. A small line needs 8 workers."
    assert not acts(text, ["toy"], [["big line"], ["small line"]])
    assert acts(text, ["big line"], [["toy"], ["small line"]])


def test_cargo_is_not_a_decision_and_a_clause_opener_is_the_subject():
    from milpsynth.stages.decision_filters import acts, is_cargo
    text = ("On average, a ferry can carry cars and bikes at a rate of 30 vehicles per hour whereas a barge can "
            "carry at a rate of 12 vehicles per hour.")
    assert is_cargo(text, ["cars"]) and is_cargo(text, ["bikes"]) and not is_cargo(text, ["ferry"])
    assert acts(text, ["ferry"], [["barge"]]) and acts(text, ["barge"], [["ferry"]])


def test_one_tagged_decision_falls_back_to_the_rules_list():
    text = ("A shop sells pens and markers. A pen earns $2 and a marker earns $1. At most 100 pens and markers "
            "can be sold in total. How many pens and markers should it sell to maximize profit?")
    f = formulate(text, pipeline=Pipeline(variables=TaggedVariables(ScriptedTagger("pens", "pen")),
                                          classify="rules"))
    assert [v.name for v in f.variables.quantities] == ["pens", "markers"]
    assert any("tagger found one decision" in w for w in f.warnings)


def test_a_name_after_a_colon_opens_its_clause():
    from milpsynth.stages.decision_filters import acts
    text = "The rate of return for each is as follows: gold, 3%; ruby, 6%."
    assert acts(text, ["gold"], [["ruby"]]) and acts(text, ["ruby"], [["gold"]])


def test_an_identifier_spelling_is_the_same_decision():
    # 'Solar_Panels' written as a code name later in the text is the 'solar panels' decision
    assert group_mentions(["solar panels", "wind turbines", "Solar_Panels", "Wind_Turbines"]) == [
        ["solar panels", "Solar_Panels"], ["wind turbines", "Wind_Turbines"]]


def test_a_noun_named_only_in_a_reason_clause_is_not_a_decision():
    from milpsynth.stages.decision_filters import is_aside
    text = ("The acreage of wheat must be at least 20 more than that of oats, favouring local mills. "
            "Wheat yields 30 dollars an acre.")
    assert is_aside(text, ["local mills"])
    assert not is_aside(text, ["wheat"]) and not is_aside(text, ["oats"])
    assert is_aside("Oats need at least 4 acres to ensure crop rotation works.", ["crop rotation"])
