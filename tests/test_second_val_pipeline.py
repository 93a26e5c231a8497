"""The second-source set measured on the whole pipeline: each labelled statement is matched to the
paragraph the pipeline made of it (texts of our own, a stub formulate; no data needed)."""
from types import SimpleNamespace

from milpsynth.errors import ClassificationError

from finetune.second_val import SecondVal, Statement, matching_paragraph, measure_pipeline, pipeline_types


def _st(text, label, pos, group="f#1"):
    return Statement("mamo/x.jsonl", "1", 0, len(text), text, label, group, pos)


def test_matching_paragraph_takes_the_one_holding_the_statement():
    paras = ["A shop sells lamps and desks.",
             "The shop cannot sell more than 40 lamps.",
             "Each desk needs 3 hours and each lamp 1 hour, with 90 hours available."]
    assert matching_paragraph("The shop can't sell more than 40 lamps.", paras) == 1
    assert matching_paragraph("Each desk needs 3 hours", paras) == 2
    assert matching_paragraph("Storage is free of charge.", paras) is None


def _problem(*typed):
    return SimpleNamespace(paragraphs=[SimpleNamespace(text=t, type=ty) for t, ty in typed])


def test_pipeline_types_reads_the_types_of_the_matched_paragraphs():
    sts = [_st("Maximise the profit from lamps and desks.", 0, 0),
           _st("At most 40 lamps can be sold.", 1, 1),
           _st("Lamps are sold in boxes.", "fact", 2)]
    done = _problem(("Maximise the profit from lamps and desks.", 0), ("At most 40 lamps can be sold.", 2))
    assert pipeline_types(sts, "whatever", lambda text: done) == [0, 2, "fact"]

    def refuse(text):
        raise ClassificationError("no objective")
    assert pipeline_types(sts, "whatever", refuse) == ["error"] * 3


def test_measure_pipeline_counts_only_typed_statements():
    sts = [_st("Maximise the profit from lamps and desks.", 0, 0),
           _st("At most 40 lamps can be sold.", 1, 1),
           _st("Lamps are sold in boxes.", "fact", 2)]
    done = _problem(("Maximise the profit from lamps and desks.", 0), ("At most 40 lamps can be sold.", 2))
    rep = measure_pipeline(SecondVal(sts), formulate=lambda text: done, texts={"f#1": "whatever"})
    assert (rep["n"], rep["correct"]) == (2, 1)
    assert rep["errors"][0]["pred"] == 2 and rep["errors"][0]["true"] == 1


def test_a_restated_objective_counts_as_read_when_the_other_statement_is_the_objective():
    sts = [_st("The firm wants to spend as little as possible on lamps and desks.", 0, 0),
           _st("What is the smallest cost it can reach?", 0, 1),
           _st("At most 40 lamps can be sold.", 1, 2)]
    done = _problem(("The firm wants to spend as little as possible on lamps and desks.", 0),
                    ("At most 40 lamps can be sold.", 1))
    assert pipeline_types(sts, "whatever", lambda text: done) == [0, 0, 1]
    # with no objective found, the question left as a fact stays a miss
    none = _problem(("At most 40 lamps can be sold.", 1))
    assert pipeline_types(sts, "whatever", lambda text: none) == ["fact", "fact", 1]


def test_a_class_problem_types_its_objective_extras_and_own_families():
    fam = SimpleNamespace
    problem = SimpleNamespace(
        families=[fam(name="objective", statement="Find the cheapest weekly pumping plan.", type=0),
                  fam(name="capacity[t]", statement="The tank never holds more than 90 litres.", type=1),
                  fam(name="balance[t]", statement="Stock carries over from week to week.", type=None),
                  fam(name="order bounds", statement="", type=None)],
        extras=[fam(name="cap[4]", statement="In week 4 at most 2 litres are pumped.", type=1)])
    sts = [_st("Find the cheapest weekly pumping plan.", 0, 0),
           _st("The tank never holds more than 90 litres.", 1, 1),
           _st("Stock carries over from week to week.", 1, 2),
           _st("In week 4 at most 2 litres are pumped.", 1, 3)]
    assert pipeline_types(sts, "whatever", lambda text: problem) == [0, 1, "class", 1]
