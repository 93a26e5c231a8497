"""The judge (solution level, structure, paragraphs) and evaluate() on models built without the text stages."""
import argparse
import json
import os
from pathlib import Path

import pytest

from milpsynth.errors import GenerationError
from milpsynth.evaluation import evaluate, judge, problem_from_reference, solve_numeric
from milpsynth.evaluation.cli import add_parser, run
from milpsynth.expr import Constraint, LinearExpr
from milpsynth.reference import parse_reference
from milpsynth.status import Status
from milpsynth.stages.link import Linker

DATA = Path(os.environ.get("MILPSYNTH_DATA", Path(__file__).parents[1] / ".." / "shared" / "data"))
DEV = DATA / "li2023" / "dev_problems.jsonl"

SMALL = """Maximize 3*x + 2*y + 4*z
x + y + z <= 4
x + 3*y <= 6
z <= 2
bi_x + bi_z <= 1
bi_x <= M * x
bi_z <= M * z
x <= M * bi_x
z <= M * bi_z
"""


def replace_paragraph(problem, index, lhs, sense, rhs):
    """Edit one paragraph's constraint and link again (the link bounds depend on the constraints)."""
    p = problem.paragraphs[index]
    p.element = Constraint(LinearExpr.of(lhs), sense, rhs, name=p.element.name, paragraph=index,
                           template=p.element.template)
    return Linker()(problem)


def test_model_judged_against_itself_is_correct():
    ref = parse_reference(SMALL)
    v = judge(problem_from_reference(ref), ref)
    assert v.solution_ok and v.structural_ok, str(v)
    assert v.paragraphs_ok == [True] * 5
    for kind in ("continuous", "integer"):
        assert v.readings[kind].generated.status == Status.OPTIMAL
    assert v.readings["integer"].reference.objective == pytest.approx(12.0)   # z = 2, y = 1, x = 0 ...


def test_flipped_sense_fails_structure_and_solution():
    ref = parse_reference(SMALL)
    problem = replace_paragraph(problem_from_reference(ref), 1, {"x": 1, "y": 1, "z": 1}, ">=", 4)
    v = judge(problem, ref)
    assert not v.structural_ok
    assert v.comparison.missing == ["line 2: x + y + z <= 4"]
    assert len(v.comparison.extra) == 1 and v.comparison.extra[0].startswith("paragraph 2")
    assert v.paragraphs_ok == [True, False, True, True, True]
    assert v.readings["integer"].generated.objective == pytest.approx(18.0)   # x = 6
    assert not v.solution_ok


def test_changed_coefficient_fails_structure_and_solution_when_the_optimum_moves():
    ref = parse_reference(SMALL)
    problem = replace_paragraph(problem_from_reference(ref), 1, {"x": 1, "y": 1, "z": 1}, "<=", 5)
    v = judge(problem, ref)
    assert not v.structural_ok and not v.solution_ok
    assert v.readings["integer"].generated.objective == pytest.approx(15.0)   # x = 5 beats 12


def test_changed_redundant_constraint_fails_structure_only():
    # x + 3y <= 7 instead of <= 6: the optimum (x=0, y=2, z=2 -> 12) does not move
    ref = parse_reference(SMALL)
    problem = replace_paragraph(problem_from_reference(ref), 2, {"x": 1, "y": 3}, "<=", 7)
    v = judge(problem, ref)
    assert v.solution_ok, str(v)
    assert not v.structural_ok and v.paragraphs_ok[2] is False


def test_scaled_constraints_and_objective_still_match():
    ref = parse_reference(SMALL)
    problem = problem_from_reference(ref)
    replace_paragraph(problem, 1, {"x": -2, "y": -2, "z": -2}, ">=", -8)       # same, times -2
    replace_paragraph(problem, 4, {"bi_x": 3, "bi_z": 3}, "<=", 3)
    v = judge(problem, ref)
    assert v.structural_ok and v.solution_ok, str(v)
    # a scaled objective is the same objective structurally, but its optimum is scaled too
    obj = problem.paragraphs[0].element
    obj.expr = obj.expr.scale(10.0)
    v = judge(problem, ref)
    assert v.structural_ok and v.comparison.objective_ok and not v.solution_ok
    assert v.readings["integer"].generated.objective == pytest.approx(120.0)
    obj.expr = obj.expr.scale(-1.0)
    obj.sense = "minimize"                                                        # min -f == max f
    assert judge(problem, ref).comparison.objective_ok
    # a negative multiple of a <= constraint is a different constraint
    replace_paragraph(problem, 3, {"z": -1}, "<=", -2)
    assert not judge(problem, ref).structural_ok


def test_equality_matches_up_to_any_nonzero_scaling():
    ref = parse_reference("Maximize 5*bi_A + 3*bi_B + bi_C\nbi_A + bi_B + bi_C = 1\n")
    problem = problem_from_reference(ref)
    replace_paragraph(problem, 1, {"bi_A": -2, "bi_B": -2, "bi_C": -2}, "==", -2)
    assert judge(problem, ref).structural_ok


def test_renamed_variables_still_match():
    text = ("Maximize 200tv + 50smartphones + 300laptops\nbi_tv + bi_laptops <= 1\n"
            "10tv + 2smartphones + 5laptops <= 1000\nsmartphones >= 0.6 * (tv + smartphones + laptops)\n"
            "bi_tv <= M * tv\nbi_laptops <= M * laptops\ntv <= M * bi_tv\nlaptops <= M * bi_laptops\n")
    renamed = (text.replace("tv", "televisions").replace("smartphones", "smartphone")
               .replace("laptops", "Laptop_Computers"))
    ref = parse_reference(text)
    problem = problem_from_reference(parse_reference(renamed))
    v = judge(problem, ref)
    assert v.structural_ok and v.solution_ok, str(v)
    assert v.comparison.rename["televisions"] == "tv"
    assert v.comparison.rename["bi_Laptop_Computers"] == "bi_laptops"


def test_renaming_found_from_structure_when_names_do_not_help():
    ref = parse_reference("Maximize 3*apples + 5*pears + 7*plums\napples + pears <= 4\npears + 2*plums <= 6\n"
                          "plums >= 1\n")
    gen = parse_reference("Maximize 3*q1 + 5*q2 + 7*q3\nq1 + q2 <= 4\nq2 + 2*q3 <= 6\nq3 >= 1\n")
    v = judge(problem_from_reference(gen), ref)
    assert v.structural_ok, str(v)
    assert {v.comparison.rename[k] for k in ("q1", "q2", "q3")} == {"apples", "pears", "plums"}
    assert v.comparison.rename["q3"] == "plums"


def test_pure_binary_names_with_other_spelling():
    ref = parse_reference("Maximize 12500*bi_Property1 + 35000*bi_Property2\n"
                          "1.5*bi_Property1 + 2.1*bi_Property2 <= 3\n")
    gen = parse_reference("Maximize 12500*bi_property_1 + 35000*bi_property_2\n"
                          "1.5*bi_property_1 + 2.1*bi_property_2 <= 3\n")
    v = judge(problem_from_reference(gen), ref)
    assert v.structural_ok and v.solution_ok


def test_missing_linking_constraint_is_reported():
    ref = parse_reference(SMALL)
    problem = problem_from_reference(ref)
    problem.links = [c for c in problem.links if c.name != "link_upper_x"]
    v = judge(problem, ref)
    assert not v.structural_ok
    assert v.comparison.missing_links == ["line 8: x <= M * bi_x"]
    assert v.comparison.missing == [] and v.comparison.extra == []
    # without x <= U*bi_x, x and z can both be positive: x = 2, z = 2 beats the reference
    assert not v.solution_ok
    assert v.readings["integer"].generated.objective > v.readings["integer"].reference.objective


def test_extra_link_is_reported():
    ref = parse_reference("Maximize x + y\nx + y <= 4\nbi_x <= M*x\nx <= M*bi_x\nbi_x >= 1\n")
    problem = problem_from_reference(ref)
    extra = Constraint(LinearExpr.of({"bi_y": 1, "y": -1}), "<=", 0, name="link_lower_y", template="link_lower")
    problem.links.append(extra)
    v = judge(problem, ref)
    assert not v.structural_ok and v.comparison.extra_links == ["link_lower_y: bi_y - y <= 0"]


def test_folded_reference_bound_matches_type1_bound_plus_upper_link():
    ref = parse_reference("Maximize 2*a + b\nbi_a + bi_b >= 1\nbi_a <= M*a\nbi_b <= M*b\n"
                          "a <= 30 * bi_a\nb <= M * bi_b\na + b <= 50\n")
    # the same model written unfolded: a <= 30 plus a <= M*bi_a
    unfolded = parse_reference("Maximize 2*a + b\nbi_a + bi_b >= 1\nbi_a <= M*a\nbi_b <= M*b\n"
                               "a <= 30\na <= M * bi_a\nb <= M * bi_b\na + b <= 50\n")
    for gen in (ref, unfolded):
        v = judge(problem_from_reference(gen, links="reference"), ref)
        assert v.structural_ok and v.solution_ok, str(v)
    # a different bound does not match
    wrong = parse_reference(ref_text := "Maximize 2*a + b\nbi_a + bi_b >= 1\na <= 20\na + b <= 50\n")
    assert not judge(problem_from_reference(wrong), ref).structural_ok, ref_text


def test_infeasible_against_infeasible_agrees():
    ref = parse_reference("Maximize x + y\nx + y >= 10\nx + y <= 5\n")
    v = judge(problem_from_reference(ref), ref)
    assert all(r.reference.status == Status.INFEASIBLE and r.agree for r in v.readings.values())
    assert v.solution_ok
    feasible = problem_from_reference(parse_reference("Maximize x + y\nx + y >= 1\nx + y <= 5\n"))
    assert not judge(feasible, ref).solution_ok


def test_unbounded_against_unbounded_agrees():
    ref = parse_reference("Maximize x + y\nx >= 1\n")
    v = judge(problem_from_reference(ref), ref)
    assert v.readings["integer"].reference.status == Status.UNBOUNDED and v.solution_ok


def test_continuous_reading_skipped_when_the_reference_moves_with_m():
    ref = parse_reference("Minimize x + y\nbi_x + bi_y >= 1\nbi_x <= M * x\nbi_y <= M * y\n"
                          "x <= M * bi_x\ny <= M * bi_y\n")
    v = judge(problem_from_reference(ref), ref)
    cont = v.readings["continuous"]
    assert not cont.applicable and "moves with M" in cont.reason
    assert cont.reference_by_m[1e4].objective == pytest.approx(1e-4)
    assert v.readings["integer"].applicable and v.readings["integer"].reference.objective == pytest.approx(1.0)
    assert v.solution_ok


def test_integer_only_infeasibility_is_seen():
    ref = parse_reference("Maximize x\n2*x == 3\n")
    num_i, num_c = ref.instantiate(kind="integer"), ref.instantiate(kind="continuous")
    assert solve_numeric(num_i.variables, num_i.constraints, num_i.objective).status == Status.INFEASIBLE
    assert solve_numeric(num_c.variables, num_c.constraints, num_c.objective).objective == pytest.approx(1.5)


def _records():
    if not DEV.is_file():
        pytest.skip(f"li2023 dev problems not found at {DEV} (set MILPSYNTH_DATA to ../shared/data)")
    return [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_dev_reference_judged_against_itself_is_correct():
    for rec in _records():
        ref = parse_reference(rec["true_model"])
        v = judge(problem_from_reference(ref), ref)
        assert v.solution_ok and v.structural_ok and all(v.paragraphs_ok), (rec["id"], str(v))
        assert len(v.paragraphs_ok) == len(rec["paragraphs"])


def test_evaluate_counts_failures_and_saves_models(tmp_path):
    records = [{"id": "a", "paragraphs": ["obj", "c1", "c2", "c3", "c4"], "true_model": SMALL},
               {"id": "b", "paragraphs": ["obj", "c1", "c2", "c3", "c4"], "true_model": SMALL},
               {"id": "c", "paragraphs": ["obj", "c1"], "true_model": "Maximize x\nx <= 3\n"}]

    def formulate(rec):
        if rec["id"] == "c":
            raise GenerationError("no slots", paragraph=1)
        problem = problem_from_reference(rec["true_model"])
        if rec["id"] == "b":
            replace_paragraph(problem, 1, {"x": 1, "y": 1, "z": 1}, "<=", 5)
        return problem

    report = evaluate(records, formulate=formulate, save_models=tmp_path / "lp", progress=False)
    d = report.to_dict()
    assert d["acc1_solution"] == pytest.approx(1 / 3) and d["acc1_structural"] == pytest.approx(1 / 3)
    assert d["acc3"] == pytest.approx((5 + 4) / 12)
    assert [p["id"] for p in d["problems"]] == ["a", "b", "c"]
    a, b, c = d["problems"]
    assert a["status"] == "optimal" and a["objective"] == pytest.approx(12) and a["error"] is None
    assert b["verdict"]["missing"] == ["line 2: x + y + z <= 4"]
    assert c["error"].startswith("formulate: GenerationError") and c["paragraphs_ok"] == 0
    assert sorted(p.name for p in (tmp_path / "lp").iterdir()) == ["a.lp", "b.lp"]
    assert "Maximize" in (tmp_path / "lp" / "a.lp").read_text()
    table = report.table()
    assert "WRONG" in table and "GenerationError" in table
    json.dumps(d)   # JSON-ready


def test_cli_eval_writes_a_json_report(tmp_path, capsys):
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"id": 1, "paragraphs": ["Maximize profit: $3 per chair.", "At most 4 chairs."],
                                "true_model": "Maximize 3*chairs\nchairs <= 4"}) + "\n")
    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["eval", str(path), "--json", str(tmp_path / "r.json"), "--no-progress"])
    assert run(args) == 0
    out = capsys.readouterr().out
    assert "ACC1 (solution)" in out and "ACC3" in out
    d = json.loads((tmp_path / "r.json").read_text())
    assert set(d) >= {"acc1_solution", "acc1_structural", "acc3", "problems"} and len(d["problems"]) == 1
    bad = parser.parse_args(["eval", str(tmp_path / "missing.jsonl"), "--no-progress"])
    assert run(bad) == 2
