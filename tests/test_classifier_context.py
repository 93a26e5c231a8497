"""The classifier's context input: the (context, paragraph) pair in both runtimes, training with
context on a tiny BERT, the context text, and the problem-level decoding."""
import json

import numpy as np
import pytest

from milpsynth.classifier.context import context_text, decision_names, position_word, problem_contexts
from milpsynth.classifier.decoding import asks_objective, covers_several, decode_problem, has_logic_cue
from milpsynth.document import Paragraph, Prediction, Problem
from milpsynth.variables import Variable, VariableTable


def _have(*mods):
    import importlib.util
    return all(importlib.util.find_spec(m) is not None for m in mods)


needs_torch = pytest.mark.skipif(not _have("torch", "transformers", "peft"), reason="the ml extra is not installed")


# --- the context text ---------------------------------------------------------------------------
def test_context_text_and_positions():
    assert context_text(["small boxes", "large boxes"], False, "first") == \
        "decisions: small boxes, large boxes | position: first"
    assert context_text(["A", "B"], True, "last") == "decisions: A, B (yes/no) | position: last"
    assert context_text([]) == "decisions: none found | position: middle"
    assert [position_word(i, 3) for i in range(3)] == ["first", "middle", "last"]
    assert position_word(0, 1) == "only"
    with pytest.raises(ValueError, match="position"):
        context_text(["x"], position="top")


def _problem(texts, names, pure_binary=False):
    kind = "binary" if pure_binary else "integer"
    table = VariableTable.build([Variable(n.replace(" ", "_"), kind, n) for n in names], pure_binary=pure_binary)
    return Problem("\n\n".join(texts), [Paragraph(i, t) for i, t in enumerate(texts)], variables=table)


def test_problem_contexts_read_the_decisions_without_indicators():
    prob = _problem(["Maximize profit.", "At most 300 boxes."], ["small boxes", "large boxes"])
    assert decision_names(prob) == (["small boxes", "large boxes"], False)
    assert problem_contexts(prob, prob.paragraphs) == [
        "decisions: small boxes, large boxes | position: first",
        "decisions: small boxes, large boxes | position: last"]
    binary = _problem(["Choose.", "Pick A or B."], ["project A", "project B"], pure_binary=True)
    assert problem_contexts(binary, binary.paragraphs[1:])[0].startswith("decisions: project A, project B (yes/no)")


# --- problem-level decoding ---------------------------------------------------------------------
def _pred(t, probs):
    return Prediction(t, t if t < 10 else {10: 10, 11: 13, 12: 15, 13: 18}[t], probs[t], "lora",
                      probs={k: probs.get(k, 0.0) for k in range(14)},
                      fine_probs={f: 0.0 for f in range(21)})


def test_category_word_over_several_decisions_is_a_sum():
    assert covers_several("The warehouse holds at most 300 boxes.", ["small boxes", "large boxes"])
    assert not covers_several("At most 300 small boxes can be stored.", ["small boxes", "large boxes"])
    assert not covers_several("At most 300 boxes.", ["boxes", "crates"])
    texts = ["Maximize the profit.", "The warehouse holds at most 300 boxes."]
    preds = [_pred(0, {0: 0.9, 3: 0.1}), _pred(1, {1: 0.7, 2: 0.2, 3: 0.1})]
    out = decode_problem(texts, preds, _problem(texts, ["small boxes", "large boxes"]))
    assert [p.type for p in out] == [0, 2] and "covers several" in out[1].note
    assert [p.type for p in decode_problem(texts, preds, _problem(texts, ["boxes", "crates"]))] == [0, 1]


def test_logic_types_only_over_yes_no_decisions():
    assert not has_logic_cue("No direct road connects site A and site B.")
    assert has_logic_cue("If site A is used, site B is used too.")
    texts = ["Minimize the cost.", "No direct road connects site A and site B."]
    preds = [_pred(0, {0: 0.9}), _pred(13, {13: 0.6, 1: 0.3, 2: 0.1})]
    quantities = decode_problem(texts, preds, _problem(texts, ["trucks", "vans"]))
    assert quantities[1].type == 1
    yes_no = decode_problem(texts, preds, _problem(texts, ["site A", "site B"], pure_binary=True))
    assert yes_no[1].type == 13


def test_the_objective_is_the_paragraph_that_asks():
    assert asks_objective("Under these terms, what is the minimum total cost?")
    assert not asks_objective("Each unit of X costs $5 and each unit of Y costs $3.")
    texts = ["Each unit of X costs $5 and each unit of Y costs $3.", "The total cannot exceed 100 units.",
             "What is the minimum total cost?"]
    preds = [_pred(0, {0: 0.6, 3: 0.4}), _pred(2, {2: 0.9}), _pred(7, {7: 0.5, 0: 0.4})]
    out = decode_problem(texts, preds, _problem(texts, ["X", "Y"]))
    assert [p.type for p in out] == [3, 2, 0]
    none = [_pred(3, {3: 0.6, 0: 0.4}), _pred(2, {2: 0.9}), _pred(7, {7: 0.5, 0: 0.4})]
    assert [p.type for p in decode_problem(texts, none, _problem(texts, ["X", "Y"]))] == [3, 2, 0]


def test_user_predictions_are_left_alone():
    texts = ["What is the minimum total cost?", "The warehouse holds at most 300 boxes."]
    preds = [Prediction(3, 3, 1.0, "user"), Prediction(1, 1, 1.0, "user")]
    out = decode_problem(texts, preds, _problem(texts, ["small boxes", "large boxes"]))
    assert [p.type for p in out] == [3, 1]


# --- pair input in both runtimes, training with context on a tiny BERT --------------------------
WORDS = ["decisions", "none", "found", "position", "first", "middle", "last", "|", ":", ",", "(", ")", "yes",
         "/", "no", "small", "large", "boxes", "crates", "at", "most", "least", "maximize", "profit", "the",
         "holds", "warehouse"] + [str(i) for i in range(10)]
SUM_CTX = context_text(["small boxes", "large boxes"])
ONE_CTX = context_text(["boxes", "crates"])


def _toy(k=10, seed=0):
    """A toy task only the context settles: 'at most N boxes' is type 2 over small/large boxes and
    type 1 over boxes/crates; 'at least N boxes' likewise 6 / 5; 'maximize the profit' is 0."""
    rng = np.random.default_rng(seed)
    texts, labels, contexts = [], [], []
    for _ in range(k):
        n = int(rng.integers(10))
        for text, sum_label, one_label in ((f"the warehouse holds at most {n} boxes", 2, 1),
                                           (f"at least {n} boxes", 6, 5)):
            texts += [text, text]
            labels += [sum_label, one_label]
            contexts += [SUM_CTX, ONE_CTX]
        texts.append("maximize the profit")
        labels.append(0)
        contexts.append(SUM_CTX if rng.random() < 0.5 else ONE_CTX)
    return texts, labels, contexts


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    pytest.importorskip("torch")
    pytest.importorskip("peft")
    from conftest import build_tiny_bert
    from milpsynth.classifier.estimator import LoraClassifier
    from milpsynth.classifier.training import TrainConfig
    base = build_tiny_bert(tmp_path_factory.mktemp("tiny-ctx"), WORDS, "BertForSequenceClassification", 0.3,
                           fast_tokenizer=True)
    texts, labels, contexts = _toy()
    cfg = TrainConfig(epochs=12, lr=2e-2, batch_size=8, r=4, class_weight="none", threads=2, seed=0, max_length=40)
    clf = LoraClassifier(base=base, config=cfg, threads=2).fit(texts, labels, contexts=contexts, progress=False)
    out = clf.save(tmp_path_factory.mktemp("ctx-artefact"))
    return clf, out, texts, labels, contexts


@needs_torch
def test_training_loop_with_context(trained):
    """The loop runs on pairs: the loss falls, the artefact records the context format, a reload
    predicts the same, and the stage hands the problem's contexts to it."""
    from milpsynth.classifier import load_classifier
    from milpsynth.stages.classify import Classify
    clf, out, texts, labels, contexts = trained
    losses = [r["loss"] for r in clf.log_history_ if "loss" in r]
    assert losses[-1] < 0.8 * losses[0]
    assert clf.uses_context
    again = load_classifier(out, threads=2)
    np.testing.assert_allclose(again.predict_proba(texts, contexts), clf.predict_proba(texts, contexts), atol=1e-5)
    prob = _problem(["maximize the profit", "the warehouse holds at most 7 boxes"], ["small boxes", "large boxes"])
    Classify(again, threshold=0.0)(prob)
    want = again.predict(["the warehouse holds at most 7 boxes"], contexts=[context_text(
        ["small boxes", "large boxes"], False, "last")])[0]
    assert prob.paragraphs[1].prediction.probs == pytest.approx(want.probs, abs=1e-5)


SHIPPED_CASES = [  # (paragraph, decisions, yes/no, the type the context makes it)
    ("The warehouse holds at most 300 boxes.", ["small boxes", "large boxes"], False, 2),
    ("The warehouse holds at most 300 boxes.", ["boxes", "crates"], False, 1),
]


def _shipped_with_context():
    from milpsynth.classifier import SHIPPED, shipped_available
    if not shipped_available():
        pytest.skip("the shipped classifier is not installed")
    meta = json.loads((SHIPPED / "milpsynth_classifier.json").read_text())
    if not meta.get("context"):
        pytest.skip("the shipped classifier was trained without context")
    from milpsynth.classifier import load_classifier
    return load_classifier(threads=2)


@pytest.mark.parametrize("text,names,yes_no,want", SHIPPED_CASES)
def test_context_end_to_end_same_paragraph_different_decisions(text, names, yes_no, want):
    """The same paragraph through the classify stage of two problems: type 2 over small and large
    boxes, type 1 over boxes and crates (the shipped model, numpy runtime, encoder alone: the
    problem-level decoding is switched off so that the model's own reading of the pair is tested)."""
    from milpsynth.stages.classify import Classify
    clf = _shipped_with_context()
    clf.align_direction = False
    prob = _problem(["Maximize the total profit.", text], names, pure_binary=yes_no)
    Classify(clf, threshold=0.0)(prob)
    assert prob.paragraphs[1].type == want


@needs_torch
def test_pair_input_numpy_equals_torch(trained):
    from milpsynth.classifier import load_classifier
    _, out, texts, _, contexts = trained
    meta = json.loads((out / "milpsynth_classifier.json").read_text())
    assert meta["context"] == {"format": 1}
    npc = load_classifier(out, runtime="numpy", batch_size=3)
    tc = load_classifier(out, runtime="torch", quantize=False, batch_size=3)
    a, b = npc.decision_function(texts, contexts), tc.decision_function(texts, contexts)
    np.testing.assert_allclose(a, b, atol=2e-5, rtol=0)
    # the pair differs from the paragraph alone (the context is read, with its token types)
    assert np.abs(npc.decision_function(texts, [context_text([])] * len(texts)) - a).max() > 1e-3


@needs_torch
def test_pair_encoding_matches_transformers(trained):
    from transformers import AutoTokenizer

    from milpsynth.classifier.numpy_encoder import FastTokenizer
    clf, _, texts, _, contexts = trained
    base = clf.base
    hf = AutoTokenizer.from_pretrained(base, local_files_only=True)(contexts, texts, truncation=True, max_length=12)
    ours = FastTokenizer(base)(contexts, texts, truncation=True, max_length=12)
    assert ours["input_ids"] == hf["input_ids"] and ours["token_type_ids"] == hf["token_type_ids"]
