import json

import pytest

from milpsynth import Pipeline, Problem, formulate
from milpsynth.errors import InputError, MilpsynthError, NonLinearError, VariableError
from conftest import dev_problems

OBJ = "Maximise profit: each chair earns $5 and each table earns $8. How many chairs and tables should we make?"
HOURS = "There are 1,000 hours available. Each chair takes 2 hours and each table takes 5 hours."


def test_text_and_list_give_the_same_model():
    a = formulate(OBJ + "\n\n" + HOURS)
    b = formulate([OBJ, HOURS])
    assert [c.canonical() for c in a.constraints] == [c.canonical() for c in b.constraints]
    assert a.paragraph_constraints[0].rhs == 1000                    # thousands separator


def test_every_constraint_remembers_its_paragraph_and_template():
    f = formulate([OBJ, HOURS, "At most 30 chairs can be sold.", "They will make chairs or tables or both."])
    for c in f.paragraph_constraints:
        assert c.paragraph is not None and c.template.startswith("type") and c.name.startswith(f"p{c.paragraph + 1}_")
    for c in f.links:
        assert c.paragraph is None and c.template in ("link_upper", "link_lower") and c.notes
    m = f.to_pyomo()
    assert "paragraph 3 (type1+link_upper): At most 30 chairs" in m.component(f.paragraph_constraints[1].name).doc


@pytest.mark.parametrize("source,match", [
    ("", "empty"), ("   \n\n  ", "empty"), ([], "empty"), ([OBJ, ""], "paragraph 2: is empty"),
    ([OBJ, 3], "paragraph 2: must be text"), (42, "expected a string"),
])
def test_bad_input_is_a_typed_error(source, match):
    with pytest.raises(InputError, match=match):
        formulate(source)


def test_no_objective_and_two_objectives():
    with pytest.raises(InputError, match="no paragraph states an objective"):
        formulate([HOURS, "At most 30 chairs can be sold."], classify="rules")
    with pytest.raises(InputError, match="paragraphs 1, 3"):
        formulate([OBJ, HOURS, "Minimise the cost of chairs and tables."], classify="rules")
    # with a probabilistic classifier: two sure objectives, or none at all probable, are the user's error
    sure_two = scripted_pipeline({"Maximise": (0, 0.99, {0: 0.99}), "There": (3, 0.99, {3: 0.99}),
                                  "Minimise": (0, 0.95, {0: 0.95, 3: 0.05})})
    with pytest.raises(InputError, match="paragraphs 1, 3"):
        formulate([OBJ, HOURS, "Minimise the cost of chairs and tables."], pipeline=sure_two)
    none = scripted_pipeline({"There": (3, 0.99, {3: 0.99, 0: 0.01}), "At most": (1, 0.99, {1: 0.99, 0: 0.01})})
    with pytest.raises(InputError, match="no paragraph states an objective"):
        formulate([HOURS, "At most 30 chairs can be sold."], pipeline=none)


def test_a_paragraph_that_reads_like_an_objective_is_flagged():
    pipe = scripted_pipeline({"Maximise": (0, 0.99, {0: 0.99}), "There": (3, 0.99, {3: 0.99}),
                              "Minimise": (12, 0.9, {12: 0.9, 0: 0.06})})
    f = formulate([OBJ, HOURS, "Minimise the cost of chairs and tables."], pipeline=pipe)
    assert any("paragraph 3 reads like an objective" in w for w in f.warnings)


def test_paragraph_naming_no_known_variable():
    with pytest.raises(VariableError, match="paragraph 3: names no known variable"):
        formulate([OBJ, HOURS, "At most 30 sofas can be sold."])


def test_nonlinear_statement_is_refused():
    with pytest.raises(NonLinearError, match="paragraph 3: .*not linear"):
        formulate([OBJ, HOURS, "The product of the number of chairs and tables is at most 50."])


def test_on_error_skip_keeps_going_and_lists_the_skipped():
    f = formulate([OBJ, HOURS, "At most 30 sofas can be sold.", "At most 30 chairs can be sold."], on_error="skip")
    assert [p.index for p in f.skipped] == [2] and "names no known variable" in f.skipped[0].skipped
    assert "(skipped)" in str(f)
    assert f.solve().objective == 30 * 5 + 8 * 188


def test_percentages_and_words():
    f = formulate([OBJ, HOURS, "At least 40% of all furniture made must be chairs.",
                   "Tables must be at most a third of the total furniture.",
                   "They must make at least twice as many chairs as tables."])
    p3, p4, p5 = (p.element for p in f.paragraphs[2:])
    assert p3.display == "chairs >= 0.4 * (chairs + tables)"
    assert p4.display.startswith("tables <= 0.333333 * (")
    assert p5.display == "chairs >= 2*tables"


def test_overrides_of_types_variables_and_slots():
    f = formulate([OBJ, HOURS, "No more than 30 chairs."], types={3: 1}, variables={"chairs": "continuous"},
                  slots={3: {"var": "chairs", "bound": 25}})
    assert f.paragraphs[2].prediction.source == "user" and f.variables["chairs"].kind == "continuous"
    assert f.paragraphs[2].element.rhs == 25
    with pytest.raises(InputError, match="types: paragraph numbers run from 1 to 3"):
        formulate([OBJ, HOURS, "x"], types={0: 1})
    with pytest.raises(InputError, match="no variable named 'sofas'"):
        formulate([OBJ, HOURS], variables={"sofas": "integer"})
    with pytest.raises(InputError, match="not a valid"):
        formulate([OBJ, HOURS], types={2: {"type": 3, "fine": 12}})


def test_round_trip_through_dict_and_json():
    f = formulate([OBJ, HOURS, "At most 30 chairs can be sold.", "Either chairs or tables, not both."])
    d = json.loads(f.to_json())
    g = Problem.from_dict(d)
    assert g.to_dict() == f.to_dict()
    assert str(g) == str(f) and g.solve().objective == f.solve().objective


def test_lp_file_reads_back_into_highs_with_the_same_optimum(tmp_path):
    import highspy
    from milpsynth.highs import new_highs
    f = formulate([OBJ, HOURS, "At most 30 chairs can be sold.", "Either chairs or tables, not both."])
    path = tmp_path / "m.lp"
    f.write_lp(path)
    text = path.read_text()
    assert "p3_type1" in text and "bi_chairs" in text and "\\ paragraph 3" in text
    h = new_highs()
    h.readModel(str(path))
    h.run()
    assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    assert h.getInfo().objective_function_value == pytest.approx(f.solve().objective)


def test_stages_are_replaceable_by_name():
    class Everything3:
        name = "always-3"

        def predict(self, texts):
            from milpsynth import Prediction
            return [Prediction(0 if "Maximise" in t else 3, 0 if "Maximise" in t else 3, 1.0, "test") for t in texts]

    from milpsynth.stages.classify import Classify
    pipe = Pipeline(classify=Classify(Everything3()))
    f = formulate([OBJ, HOURS], pipeline=pipe)
    assert [p.prediction.source for p in f.paragraphs] == ["test", "test"]
    assert ("classify", "always-3") in pipe.names
    # a classifier object itself (one just trained, say) is wrapped into the classify stage
    g = formulate([OBJ, HOURS], classify=Everything3())
    assert [p.prediction.source for p in g.paragraphs] == ["test", "test"]
    assert g.paragraph_constraints[0].rhs == 1000
    with pytest.raises(ValueError, match="available"):
        Pipeline(generate="no-such")


class Scripted:
    """A classifier that answers from a script: {text prefix: (type, prob, probs)}."""

    name = "scripted"

    def __init__(self, script):
        self.script = script

    def predict(self, texts):
        from milpsynth import Prediction
        out = []
        for t in texts:
            ty, prob, probs = next(v for k, v in self.script.items() if t.startswith(k))
            out.append(Prediction(ty, ty, prob, "scripted", probs=probs))
        return out


def scripted_pipeline(script):
    from milpsynth.stages.classify import Classify
    return Pipeline(classify=Classify(Scripted(script)))


def test_low_confidence_is_surfaced():
    pipe = scripted_pipeline({"Maximise": (0, 0.99, {0: 0.99, 3: 0.01}), "There are": (3, 0.45, {3: 0.45, 7: 0.4})})
    f = formulate([OBJ, HOURS], pipeline=pipe)
    assert [p.index for p in f.low_confidence] == [1]
    assert any("paragraph 2: classified as type 3 with low confidence (0.45)" in w for w in f.warnings)
    assert "LOW CONFIDENCE" in str(f)


def test_exactly_one_objective_is_decoded_from_probabilities():
    # the classifier is unsure the second 'objective' is one: it becomes its next most probable type
    pipe = scripted_pipeline({"Maximise": (0, 0.98, {0: 0.98, 3: 0.02}),
                              "There are": (0, 0.6, {0: 0.6, 3: 0.35, 2: 0.05})})
    f = formulate([OBJ, HOURS], pipeline=pipe)
    assert [p.type for p in f.paragraphs] == [0, 3] and "not the objective" in f.paragraphs[1].prediction.note
    # no objective found, but one paragraph is probably it
    pipe = scripted_pipeline({"Maximise": (3, 0.5, {3: 0.5, 0: 0.45, 2: 0.05}), "There are": (3, 0.9, {3: 0.9})})
    assert formulate([OBJ, HOURS], pipeline=pipe).paragraphs[0].type == 0


def test_a_refused_type_falls_back_to_the_next_probable_one():
    pipe = scripted_pipeline({"Maximise": (0, 0.99, {0: 0.99}),
                              "There are": (1, 0.9, {1: 0.9, 9: 0.06, 3: 0.04})})   # type 1 needs one variable
    f = formulate([OBJ, HOURS], pipeline=pipe)
    assert f.paragraphs[1].type == 3 and f.paragraphs[1].element.display == "2*chairs + 5*tables <= 1000"
    assert any("read as type 3" in w and "type 1 did not fit" in w for w in f.warnings)


@pytest.mark.parametrize("record", dev_problems(), ids=lambda r: f"dev{r['id']}")
def test_dev_problems_formulate_and_solve(record):
    f = formulate(record["paragraphs"])
    assert len(f.paragraph_constraints) == len(record["paragraphs"]) - 1
    assert f.solve().status in ("optimal", "infeasible")


def test_errors_share_one_base():
    for cls in (InputError, VariableError, NonLinearError):
        assert issubclass(cls, MilpsynthError)


def test_an_explicit_objective_verb_decides_when_no_objective_was_predicted():
    pipe = scripted_pipeline({"Maximise": (10, 0.9, {10: 0.9, 0: 0.002, 3: 0.098}), "There are": (3, 0.99, {3: 0.99})})
    f = formulate([OBJ, HOURS], pipeline=pipe)
    assert f.paragraphs[0].type == 0 and "states the objective ('Maximise" in f.paragraphs[0].prediction.note


def test_a_question_repeating_the_objective_leaves_only_for_a_probable_objective():
    # free text: 'How many of each ...?' only asks for the value; the objective is stated before it
    text = ("A workshop makes chairs and tables. Each chair earns $5 and each table earns $8, and the workshop "
            "wants to maximize its profit. At most 40 chairs can be made. Find out what would be the highest profit possible.")
    sure = scripted_pipeline({"Each chair": (0, 0.97, {0: 0.97, 3: 0.03}), "At most": (1, 0.99, {1: 0.99}),
                              "Find out": (0, 0.9, {0: 0.9, 6: 0.1})})
    f = formulate(text, pipeline=sure)
    assert "Find out what would be the highest profit possible." in f.facts
    # where the other objective is itself doubtful (no 'maximize', p = 0.3), the question is not taken away
    text = text.replace("wants to maximize its profit", "keeps what it earns")
    doubtful = scripted_pipeline({"Each chair": (0, 0.3, {0: 0.3, 3: 0.7}), "At most": (1, 0.99, {1: 0.99}),
                                  "Find out": (0, 0.9, {0: 0.9, 6: 0.1})})
    f = formulate(text, pipeline=doubtful)
    assert "Find out what would be the highest profit possible." not in f.facts


def test_of_objectives_that_only_ask_one_is_kept_and_the_others_are_facts():
    # 'aims to minimize its rental cost' holds neither number nor decision, as the question does: one
    # of them (the question) is the objective, the other a fact, not a constraint with nothing to bound
    text = ("A studio rents booths A and B. Each booth A costs $8 per hour and each booth B $5 per hour. The "
            "studio aims to minimize its rental cost. The booths must be rented for at least 12 hours in "
            "all.\n\nGiven these terms, with whole hours only: What is the minimum total cost?")
    pipe = scripted_pipeline({"A studio": (0, 0.2, {0: 0.2, 3: 0.8}), "Each booth": (3, 0.9, {3: 0.9, 0: 0.1}),
                              "The studio": (0, 0.95, {0: 0.95, 6: 0.05}),
                              "The booths": (2, 0.99, {2: 0.99}), "Given": (0, 0.0, {0: 0.0, 6: 0.99})})
    f = formulate(text, pipeline=pipe)
    assert "The studio aims to minimize its rental cost." in f.facts
    assert [p.text for p in f.paragraphs if p.type == 0] == [
        "Given these terms, with whole hours only: What is the minimum total cost?"]
    assert f.solve().objective == pytest.approx(5 * 12)


def test_of_two_sure_objectives_the_one_saying_what_to_optimise_is_kept():
    # the second paragraph only refers to 'the objective function' and states whole numbers; neither is a question
    text = ("A yard stores crates X and Y. The aim is to minimize the storage cost, with $3 per crate X and $2 per "
            "crate Y. At least 10 crates must be stored. In line with the objective function, at most 8 crates X "
            "may be stored.")
    pipe = scripted_pipeline({"A yard": (0, 0.1, {0: 0.1, 3: 0.9}), "The aim": (0, 0.99, {0: 0.99, 3: 0.01}),
                              "At least": (6, 0.99, {6: 0.99}), "In line": (0, 0.95, {0: 0.95, 1: 0.05})})
    f = formulate(text, pipeline=pipe)
    assert [p.text[:7] for p in f.paragraphs if p.type == 0] == ["The aim"]
    assert f.solve().objective == pytest.approx(2 * 10)


def test_a_bound_typed_as_the_objective_does_not_displace_the_stated_objective():
    """Free text where a statement with a comparative ('must not be more than 1') and the sentence that
    says what to minimise are both taken for objectives: the one that says it is kept."""
    from milpsynth.document import Paragraph, Prediction, Problem
    from milpsynth.stages.classify import one_objective
    from milpsynth.variables import Variable, VariableTable
    texts = ["The gap between the shifts of team X and team Y must not be more than 1.",
             "The manager aims to minimize total overtime while respecting the rules above."]
    problem = Problem(" ".join(texts), [Paragraph(i, t) for i, t in enumerate(texts)], split=list(texts))
    problem.variables = VariableTable.build([Variable("x", "integer", "X", ["team X"]),
                                             Variable("y", "integer", "Y", ["team Y"])], pure_binary=False)
    for p, prob in zip(problem.paragraphs, (0.97, 0.99)):
        p.prediction = Prediction(0, 0, prob, "lora", probs={0: prob, 3: 1 - prob}, fine_probs={0: prob, 3: 1 - prob})
    one_objective(problem)
    kept = [p.text for p in problem.paragraphs if p.type == 0]
    assert kept == [texts[1]]
