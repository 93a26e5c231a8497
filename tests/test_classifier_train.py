"""The training loop end to end on a tiny BERT built here from a config (no download, seconds)."""
import json
import warnings

import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("peft")

from milpsynth.classifier import load_classifier  # noqa: E402
from milpsynth.classifier.estimator import LoraClassifier, fine_to_type_proba  # noqa: E402
from milpsynth.classifier.training import TrainConfig, class_weights  # noqa: E402
from milpsynth.errors import ClassificationError  # noqa: E402
from conftest import build_tiny_bert  # noqa: E402

WORDS = ["maximize", "minimize", "profit", "cost", "at", "most", "least", "apples", "pears", "if", "then",
         "also", "total", "the", "of", "number", "must", "be", "is"] + [str(i) for i in range(10)]
TEMPLATES = {0: "maximize the profit of {a} {b}", 1: "at most {n} {a}", 5: "the number of {a} must be {n}",
             10: "if {a} then also {b}"}


def make_data(k=12, seed=0):
    rng = np.random.default_rng(seed)
    texts, labels = [], []
    for label, tpl in TEMPLATES.items():
        for _ in range(k):
            a, b = rng.choice(["apples", "pears"], 2, replace=False)
            texts.append(tpl.format(a=a, b=b, n=int(rng.integers(10))))
            labels.append(label)
    return texts, labels


@pytest.fixture(scope="module")
def tiny_base(tmp_path_factory):
    return build_tiny_bert(tmp_path_factory.mktemp("tiny-bert"), WORDS, "BertForSequenceClassification", 0.3,
                           fast_tokenizer=True)


@pytest.fixture(scope="module")
def trained(tiny_base, tmp_path_factory):
    texts, labels = make_data()
    cfg = TrainConfig(epochs=12, lr=2e-2, batch_size=8, r=4, class_weight="sqrt", threads=2, seed=1,
                      max_length=32)
    clf = LoraClassifier(base=tiny_base, config=cfg, threads=2).fit(texts, labels, progress=False)
    out = tmp_path_factory.mktemp("artefact")
    clf.save(out, metrics={"note": "test"})
    return clf, out, texts, labels, tiny_base


def test_loss_goes_down(trained):
    clf = trained[0]
    losses = [r["loss"] for r in clf.log_history_ if "loss" in r]
    assert len(losses) == 12
    assert losses[-1] < 0.5 * losses[0]


def test_learns_the_toy_task(trained):
    clf, _, texts, labels, _ = trained
    assert clf.score(texts, labels) >= 0.9


def test_artefact_saves_small_and_without_local_paths(trained):
    _, out, _, _, base = trained
    names = {p.name for p in out.iterdir()}
    assert {"adapter_config.json", "adapter_model.safetensors", "milpsynth_classifier.json"} <= names
    acfg = json.loads((out / "adapter_config.json").read_text())
    assert acfg["base_model_name_or_path"] == base      # the name given, here a test directory
    meta = json.loads((out / "milpsynth_classifier.json").read_text())
    assert meta["labels"]["10"] == "if A then B" and meta["fine_to_type"]["14"] == 11
    assert meta["base"]["config_sha256"] and meta["metrics"] == {"note": "test"}
    assert set(meta["training"]) >= {"epochs", "lr", "r", "seed"}


def test_reload_predicts_the_same(trained):
    clf, out, texts, _, base = trained
    again = load_classifier(out, threads=2)
    np.testing.assert_allclose(again.predict_proba(texts), clf.predict_proba(texts), atol=1e-5)
    assert [p.type for p in again.predict(texts)] == [p.type for p in clf.predict(texts)]


def test_quantized_reload_mostly_agrees(trained):
    clf, out, texts, _, _ = trained
    q = load_classifier(out, threads=2, quantize=True)
    same = np.mean([a.type == b.type for a, b in zip(q.predict(texts), clf.predict(texts))])
    assert same >= 0.9


def test_prediction_fields(trained):
    clf = trained[0]
    p = clf.predict(["at most 3 apples"])[0]
    assert p.source == "lora" and 0 <= p.type <= 13 and 0 <= p.fine <= 20
    assert abs(sum(p.probs.values()) - 1) < 1e-5 and p.prob == max(p.probs.values())
    from milpsynth.labels import FINE_TO_TYPE
    assert FINE_TO_TYPE[p.fine] == p.type


def test_order_is_kept_across_length_buckets(trained):
    clf, _, texts, _, _ = trained
    mixed = texts[::-1]
    one_by_one = np.vstack([clf.predict_proba([t]) for t in mixed])
    batched_small = LoraClassifier.load(trained[1], threads=2, batch_size=3).predict_proba(mixed)
    np.testing.assert_allclose(batched_small, one_by_one, atol=1e-4)


def test_base_mismatch_warns(trained, tmp_path):
    import shutil
    _, out, _, _, base = trained
    other = tmp_path / "other-base"
    shutil.copytree(base, other)
    cfg = json.loads((other / "config.json").read_text())
    cfg["layer_norm_eps"] = 1e-5
    (other / "config.json").write_text(json.dumps(cfg))
    with pytest.warns(UserWarning, match="differs"):
        load_classifier(out, base=str(other))


def test_bad_inputs_are_typed_errors(trained):
    clf = trained[0]
    with pytest.raises(ClassificationError, match="paragraph 2"):
        clf.predict(["at most 3 apples", "   "])
    with pytest.raises(ClassificationError, match="one string"):
        clf.predict("at most 3 apples")
    with pytest.raises(ClassificationError, match="not trained"):
        LoraClassifier().predict(["x"])
    with pytest.raises(ClassificationError, match="no milpsynth_classifier.json"):
        load_classifier(trained[4])
    assert clf.predict([]) == []


def test_class_weights_and_type_sums():
    w = class_weights([0, 0, 0, 0, 1], "balanced", n=3)
    assert w[2] == 0 and w[1] == pytest.approx(4 * w[0])
    assert class_weights([0, 1], "none") is None
    fine = np.zeros((1, 21))
    fine[0, [10, 11, 12]] = [0.2, 0.3, 0.1]
    fine[0, 1] = 0.4
    t = fine_to_type_proba(fine)
    assert t[0, 10] == pytest.approx(0.6) and t[0, 1] == pytest.approx(0.4)


def test_bad_config_is_named():
    with pytest.raises(ValueError, match="class_weight"):
        TrainConfig(class_weight="heavy")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        TrainConfig()
