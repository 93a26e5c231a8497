"""Class recognition: the project's own statements in every class (tables and list forms), and None for
plain word problems."""
import numpy as np
import pytest

from milpsynth.classes import detect
from milpsynth.classes.corpus import li2023_problems, nl4opt_documents, own_statement, tables_as_lists
from milpsynth.classes.detector import has_structure, load
from milpsynth.generators import CLASSES


@pytest.mark.parametrize("cls", CLASSES)
def test_own_statements_are_recognised(cls):
    rng = np.random.default_rng(3)
    for k, level in enumerate(("plain", "moderate", "hard")):
        s = own_statement(cls, level=level, scenario=k % 3, perturb=("none", "augment", "objective")[k], seed=77)
        for text in (s["question"], tables_as_lists(s["question"], rng)):
            got, ev = detect(text)
            assert got == cls, (level, ev)
            assert ev["structure"] and 0 <= ev["probability"] <= 1


def test_plain_word_problems_are_none():
    texts = [
        "A bakery sells muffins for $3 and scones for $4. A muffin takes 10 minutes of oven time and a scone "
        "15 minutes; the oven is free for 600 minutes a day. How many of each should be baked to maximise revenue?",
        "A farmer has 200 acres for wheat and corn. Wheat earns $120 per acre and corn $90; at least 40 acres must "
        "be corn and the budget for seed is $9000 at $50 per acre of wheat and $30 per acre of corn.",
        "Minimise the cost of a diet that gives at least 60 g of protein, using beans at $2 per kg (200 g protein "
        "per kg) and rice at $1 per kg (70 g protein per kg).",
    ]
    for t in texts:
        got, ev = detect(t)
        assert got is None and "why_none" in ev
        assert not has_structure(t)


def test_shipped_model_is_small_and_loads():
    det = load()
    assert det.labels[0] == "none" and len(det.labels) == 11
    assert len(det.vocab) < 200          # cue, format and shape features only


@pytest.mark.needs_data
def test_nl4opt_and_li2023_dev_problems_are_none():
    docs = nl4opt_documents()
    probs = li2023_problems()
    if not docs or not probs:
        pytest.skip("../shared/data not found")
    none_rate = np.mean([detect(t)[0] is None for t in docs])
    assert none_rate >= 0.98
    assert all(detect(t)[0] is None for t in probs)
