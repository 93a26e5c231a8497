"""Output records of the generators: fields, reproducibility, perturbations, LP text, backends, CLI."""
from __future__ import annotations

import json

import pytest

from milpsynth.errors import GeneratorError, MilpsynthError
from milpsynth.generators import CLASSES, LP_CLASSES, MIP_CLASSES, generate, get, regenerate
from milpsynth.generators.base import FIELDS
from milpsynth.generators.cli import main as cli_main, parse_sizes
from milpsynth.labels import FINE_TO_TYPE

SMALL = {c: 5 for c in CLASSES} | {"jobshop": "3x3", "tsp": 6}


def one(cls, perturb="none", seed=0, **kw):
    return next(generate(cls, size=SMALL[cls], n=1, seed=seed, perturb=perturb, **kw))


def test_classes_are_the_ten_of_the_issue():
    assert set(CLASSES) == {"inventory", "portfolio", "production", "transportation", "pollution",
                            "tsp", "knapsack", "binpacking", "jobshop", "netflow"}
    assert set(LP_CLASSES) == {"inventory", "portfolio", "production", "transportation", "pollution"}
    assert set(MIP_CLASSES) == set(CLASSES) - set(LP_CLASSES)


@pytest.mark.parametrize("cls", CLASSES)
def test_record_fields_and_paragraphs(cls):
    rec = json.loads(one(cls, "augment").to_json())
    assert tuple(rec) == FIELDS
    assert rec["experimental_type"] == "constraint_augmentation"
    assert rec["problem_class"] == cls and rec["status"] == "optimal"
    assert isinstance(rec["answer"], float) and rec["mip_gap"] is not None and rec["mip_gap"] <= 1e-6
    assert rec["question"] == "\n\n".join(p["text"] for p in rec["paragraphs"])
    roles = [p["role"] for p in rec["paragraphs"]]
    assert roles.count("objective") == 1 and "constraint" in roles and "data" in roles
    obj = next(p for p in rec["paragraphs"] if p["role"] == "objective")
    assert obj["type"] == 0
    aug = [p for p in rec["paragraphs"] if p.get("augmented")]
    assert 1 <= len(aug) <= 2 and len(aug) == len(rec["data"]["augment"])
    for p, a in zip(aug, rec["data"]["augment"]):
        assert p["role"] == "constraint" and 1 <= p["type"] <= 13 and p["type"] == a["type"]
        assert FINE_TO_TYPE[p["fine_label"]] == p["type"]
    for p in rec["paragraphs"]:
        if "type" in p:
            assert 0 <= p["type"] <= 13 and FINE_TO_TYPE[p["fine_label"]] == p["type"]


@pytest.mark.parametrize("cls", CLASSES)
def test_seeds_reproduce_byte_identical_lines(cls):
    a = [i.to_json() for i in generate(cls, sizes=[SMALL[cls]], n=2, seed=7, perturb="augment")]
    b = [i.to_json() for i in generate(cls, sizes=[SMALL[cls]], n=2, seed=7, perturb="augment")]
    assert a == b and a[0] != a[1]
    rec = json.loads(a[1])
    assert regenerate(cls, rec["size"], rec["seed"], "augment").to_json() == a[1]
    other = next(generate(cls, size=SMALL[cls], n=1, seed=8, perturb="augment")).to_json()
    assert other != a[0]


@pytest.mark.parametrize("cls", CLASSES)
def test_objective_perturbation_shifts_the_optimum_exactly(cls):
    for seed in range(3):
        base, shifted = one(cls, "none", seed), one(cls, "objective", seed)
        assert base.data == shifted.data
        assert shifted.experimental_type == "objective_perturbation"
        assert base.objective_shift is None and shifted.objective_shift >= 100
        assert shifted.answer - base.answer == pytest.approx(shifted.objective_shift, abs=1e-6)
        assert f"{int(shifted.objective_shift)}" in shifted.question


@pytest.mark.parametrize("cls", CLASSES)
def test_language_perturbation_keeps_the_model(cls):
    base, lang = one(cls, "none", 3), one(cls, "language", 3)
    assert lang.experimental_type == "linguistic_complexity"
    assert lang.data == base.data and lang.answer == base.answer and lang.model_lp == base.model_lp
    assert lang.question != base.question


@pytest.mark.parametrize("cls", CLASSES)
@pytest.mark.parametrize("perturb", ["none", "objective", "augment"])
def test_model_lp_reads_back_into_highs_and_solves_to_answer(cls, perturb, tmp_path):
    import highspy
    from milpsynth.highs import new_highs

    inst = one(cls, perturb, seed=1)
    path = tmp_path / "m.lp"
    path.write_text(inst.model_lp)
    h = new_highs()
    assert h.readModel(str(path)) == highspy.HighsStatus.kOk
    h.setOptionValue("mip_rel_gap", 0.0)
    h.run()
    assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    assert h.getInfo().objective_function_value == pytest.approx(inst.answer, rel=1e-7, abs=1e-6)


@pytest.mark.parametrize("cls", CLASSES)
def test_pyomo_and_array_fast_path_agree(cls):
    g = get(cls)
    import numpy as np
    sizes = {"jobshop": ["3x3", "4x3"], "tsp": [6, 8]}.get(cls, [5, 15])
    for size in sizes:
        for seed in range(3):
            rng = np.random.default_rng(seed)
            data = g.sample(g.parse_size(size), rng)
            augs = g.sample_augments(data, rng)
            for aug in ((), augs):
                a = g.solve(data, aug, 12.5, backend="pyomo")
                b = g.solve(data, aug, 12.5, backend="highs")
                assert a.status == b.status
                if a.objective is not None:
                    assert a.objective == pytest.approx(b.objective, rel=1e-7, abs=1e-6)


def test_infeasible_samples_are_resampled_then_a_clear_error():
    g = get("netflow")
    # netflow samples are often infeasible (arc capacities): some instance needed more than one try
    tries = [g.make(6, s).tries for s in range(12)]
    assert max(tries) > 1 and all(t <= 20 for t in tries)

    class Never(type(g)):
        def sample(self, n, rng):
            d = super().sample(n, rng)
            d["demands"] = [x + 1000 for x in d["demands"]]   # supply can never meet demand
            return d

    with pytest.raises(GeneratorError, match="20 samples in a row were infeasible"):
        Never().make(6, 0)


def test_bad_input_gives_typed_errors():
    with pytest.raises(GeneratorError, match="unknown problem class"):
        next(generate("vrp", size=5))
    with pytest.raises(GeneratorError, match="at least 4"):
        next(generate("tsp", size=2))
    with pytest.raises(GeneratorError, match="JOBSxMACHINES"):
        next(generate("jobshop", size="ten"))
    with pytest.raises(GeneratorError, match="perturb"):
        next(generate("knapsack", size=5, perturb="shuffle"))
    with pytest.raises(GeneratorError, match="level"):
        next(generate("knapsack", size=5, level="expert"))
    assert issubclass(GeneratorError, MilpsynthError)


def test_parse_sizes():
    assert parse_sizes("5:8") == ["5", "6", "7", "8"]
    assert parse_sizes("10,100,1000") == ["10", "100", "1000"]
    assert parse_sizes("5:20:5") == ["5", "10", "15", "20"]
    assert parse_sizes("10x10, 3x5") == ["10x10", "3x5"]
    for bad in ("5:a", "9:3", "", "1:5:0"):
        with pytest.raises(GeneratorError):
            parse_sizes(bad)


def test_cli_writes_json_lines(tmp_path, capsys):
    out = tmp_path / "ks.jsonl"
    rc = cli_main(["generate", "knapsack", "--sizes", "4:6", "--per-size", "2", "--seed", "3",
                   "--perturb", "objective", "--out", str(out), "--quiet"])
    assert rc == 0
    lines = out.read_text().splitlines()
    assert len(lines) == 6
    recs = [json.loads(x) for x in lines]
    assert [r["size"] for r in recs] == [4, 4, 5, 5, 6, 6]
    assert all(r["objective_shift"] is not None for r in recs)
    rc = cli_main(["generate", "knapsack", "--sizes", "4", "--per-size", "0", "--quiet"])
    assert rc == 2 and "per-size" in capsys.readouterr().err
