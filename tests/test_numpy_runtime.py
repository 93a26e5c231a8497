"""The numpy inference runtime (classifier.numpy_encoder): its maths, its agreement with torch on tiny
BERTs with a LoRA adapter and on the shipped artefacts, and a load + predict that imports no torch."""
import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from milpsynth.classifier.numpy_encoder import erf, gelu_
from milpsynth.classifier.runtime import choose_runtime

ROOT = Path(__file__).resolve().parents[1]


def _have(*mods):
    import importlib.util
    return all(importlib.util.find_spec(m) is not None for m in mods)


needs_torch = pytest.mark.skipif(not _have("torch", "transformers", "peft"), reason="the ml extra is not installed")


# --- the maths ----------------------------------------------------------------------------------
def test_erf_is_float32_accurate():
    x = np.linspace(-8, 8, 40001, dtype=np.float32)
    ref = np.array([math.erf(float(v)) for v in x])
    got = erf(x)
    assert got.dtype == np.float32
    assert np.abs(got - ref).max() < 6e-7
    small = (np.abs(x) > 0) & (np.abs(x) < 0.5)
    assert (np.abs(got - ref)[small] / np.abs(ref[small])).max() < 1e-6      # relative, near 0


def test_gelu_in_place_and_exact():
    x = np.linspace(-10, 10, 100001, dtype=np.float32)
    ref = np.array([0.5 * v * (1 + math.erf(v / math.sqrt(2))) for v in x.astype(np.float64)])
    y = x.copy()
    assert gelu_(y, block=1000) is y
    assert np.abs(y - ref).max() < 3e-6


@needs_torch
def test_gelu_matches_torch():
    import torch
    x = np.random.default_rng(0).normal(0, 3, 50000).astype(np.float32)
    want = torch.nn.functional.gelu(torch.from_numpy(x)).numpy()
    np.testing.assert_allclose(gelu_(x.copy()), want, atol=2e-6, rtol=0)


def test_runtime_choice_without_torch(tmp_path):
    assert choose_runtime("torch", None, str(tmp_path)) == "torch"
    assert choose_runtime(None, "cuda:0", str(tmp_path)) == "torch"
    assert choose_runtime(None, None, str(tmp_path), quantize=True) == "torch"
    assert choose_runtime(None, "cpu", str(tmp_path)) == "torch"        # an empty directory: no weights
    with pytest.raises(ValueError, match="GPU"):
        choose_runtime("numpy", "cuda", str(tmp_path))
    with pytest.raises(ValueError, match="not possible"):
        choose_runtime("numpy", None, str(tmp_path))
    with pytest.raises(ValueError, match="runtime must be"):
        choose_runtime("onnx", None, str(tmp_path))


# --- tiny BERTs with a LoRA adapter -------------------------------------------------------------
WORDS = ["maximize", "minimize", "profit", "cost", "at", "most", "least", "trucks", "vans", "the", "of", "each",
         "earns", "$", ".", ","] + [str(i) for i in range(10)]


def _randomise_adapter(peft_model, seed=0):
    """LoRA B starts at zero (the merge would be a no-op): give every adapter weight random values."""
    import torch
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in peft_model.named_parameters():
            if p.requires_grad:
                p.copy_(torch.randn(p.shape, generator=g) * 0.2)
    return peft_model.eval()


def _unmerged_logits(peft_model, tok, texts, **kw):
    """The adapter applied as peft applies it (unmerged), one text at a time: the reference."""
    import torch
    out = []
    with torch.inference_mode():
        for t in texts:
            enc = tok([t] if not kw else t, return_tensors="pt", **kw)
            out.append(peft_model(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"]).logits[0].numpy())
    return out


@pytest.fixture(scope="module")
def tiny_classifier(tmp_path_factory):
    pytest.importorskip("peft")
    from conftest import build_tiny_bert
    from milpsynth.classifier.base import add_lora, load_base
    from milpsynth.classifier.estimator import LoraClassifier
    from milpsynth.classifier.training import TrainConfig
    base = build_tiny_bert(tmp_path_factory.mktemp("tiny-seq"), WORDS, "BertForSequenceClassification", 0.3,
                           fast_tokenizer=True)
    model, tok = load_base(base, kind="sequence")
    peft_model = _randomise_adapter(add_lora(model, r=4, alpha=8))
    clf = LoraClassifier(base=base)
    clf.peft_model_, clf.train_info_ = peft_model, {}
    clf.meta_ = clf._meta(base, TrainConfig(max_length=32))
    out = clf.save(tmp_path_factory.mktemp("tiny-seq-artefact"))
    return out, peft_model, tok


@pytest.fixture(scope="module")
def tiny_tagger(tmp_path_factory):
    pytest.importorskip("peft")
    from conftest import build_tiny_bert
    from milpsynth.classifier.base import add_lora, load_base
    from milpsynth.tagger.labels import TAGS
    from milpsynth.tagger.tagger import EntityTagger
    from milpsynth.tagger.training import TaggerConfig
    base = build_tiny_bert(tmp_path_factory.mktemp("tiny-tok"), WORDS, "BertForTokenClassification", 0.3,
                           fast_tokenizer=False)
    model, tok = load_base(base, num_labels=len(TAGS), kind="token")
    peft_model = _randomise_adapter(add_lora(model, r=4, task_type="TOKEN_CLS"), seed=1)
    tagger = EntityTagger(base=base)
    tagger.train_info_ = {}
    tagger._adopt(peft_model, tok, TaggerConfig(max_length=16), base)
    out = tagger.save(tmp_path_factory.mktemp("tiny-tok-artefact"))
    return out, peft_model, tok


TEXTS = ["maximize the profit of trucks", "at most 3 vans", "Minimize COST.", "each truck earns $ 5 , each van $ 7",
         "at least 9 vans of the trucks at most 2 trucks of the vans maximize profit"]


@needs_torch
def test_tiny_classifier_numpy_equals_torch_and_peft(tiny_classifier):
    from milpsynth.classifier import load_classifier
    out, peft_model, tok = tiny_classifier
    npc = load_classifier(out, runtime="numpy", batch_size=2)
    tc = load_classifier(out, runtime="torch", quantize=False, batch_size=2)
    assert (npc.runtime_, tc.runtime_) == ("numpy", "torch")
    assert load_classifier(out).runtime_ == "numpy"                 # the CPU default
    a, b = npc.decision_function(TEXTS), tc.decision_function(TEXTS)
    assert np.abs(a).max() > 0.5                                     # not a degenerate model
    np.testing.assert_allclose(a, b, atol=2e-5, rtol=0)
    np.testing.assert_allclose(a, np.stack(_unmerged_logits(peft_model, tok, TEXTS)), atol=2e-5, rtol=0)
    assert npc.tokenizer_(TEXTS, truncation=True, max_length=6)["input_ids"] == \
        tc.tokenizer_(TEXTS, truncation=True, max_length=6)["input_ids"]
    assert [(p.type, p.fine) for p in npc.predict(TEXTS)] == [(p.type, p.fine) for p in tc.predict(TEXTS)]


@needs_torch
def test_tiny_tagger_numpy_equals_torch_and_peft(tiny_tagger):
    from milpsynth.tagger import load_tagger
    out, peft_model, tok = tiny_tagger
    npt, tt = load_tagger(out, runtime="numpy", batch_size=3), load_tagger(out, runtime="torch", batch_size=3)
    assert (npt.runtime_, tt.runtime_) == ("numpy", "torch")
    docs = [t.split() for t in TEXTS] + [" ".join(TEXTS).split()]     # the last is longer than a window (16)
    a, b = npt.word_scores(docs), tt.word_scores(docs)
    for x, y in zip(a, b):
        np.testing.assert_allclose(x, y, atol=2e-5, rtol=0)
    short = docs[:4]          # reference: peft unmerged, at each word's first sub-token
    for d, logits, x in zip(short, _unmerged_logits(peft_model, tok, short, is_split_into_words=True), a):
        enc = tok(d, is_split_into_words=True)
        first = {}
        for k, w in enumerate(enc.word_ids()):
            if w is not None:
                first.setdefault(w, k)
        z = logits - logits.max(-1, keepdims=True)
        lp = z - np.log(np.exp(z).sum(-1, keepdims=True))
        np.testing.assert_allclose(x, lp[[first[w] for w in range(len(d))]], atol=2e-5, rtol=0)
    assert npt.tag_words(docs) == tt.tag_words(docs)
    assert npt.tag(TEXTS) == tt.tag(TEXTS)


# --- the shipped artefacts ----------------------------------------------------------------------
def _shipped():
    from milpsynth.classifier import shipped_available as clf_ok
    from milpsynth.tagger import shipped_available as tag_ok
    return clf_ok() and tag_ok()


needs_shipped = pytest.mark.skipif(not _shipped(), reason="the shipped artefacts or their base are not installed")

PARAGRAPHS = ["At most 5 shuttle buses can be used.", "Maximize the total profit, where each chair earns $20.",
              "At least 30% of the cars must be electric.", "If they build warehouse A, then they must also build B.",
              "The number of vans cannot be less than the number of trucks.",
              "Exactly one of project X and project Y must be chosen. " * 30]        # truncated at 128


@needs_torch
@needs_shipped
def test_shipped_classifier_numpy_agrees_with_torch():
    from milpsynth.classifier import load_classifier
    npc, tc = load_classifier(threads=2), load_classifier(threads=2, runtime="torch", quantize=False)
    assert (npc.runtime_, tc.runtime_) == ("numpy", "torch")
    np.testing.assert_allclose(npc.decision_function(PARAGRAPHS), tc.decision_function(PARAGRAPHS), atol=1e-4, rtol=0)
    for align in (True, False):
        npc.align_direction = tc.align_direction = align
        assert [(p.type, p.fine) for p in npc.predict(PARAGRAPHS)] == [(p.type, p.fine) for p in tc.predict(PARAGRAPHS)]
    # the (context, paragraph) pairs a model trained with context reads (ignored by one without)
    from milpsynth.classifier.context import context_text
    ctx = [context_text(["shuttle buses", "vans"]), context_text(["chairs", "tables"], False, "first"),
           context_text(["cars"]), context_text(["warehouse A", "warehouse B"], True),
           context_text(["vans", "trucks"], False, "last"), context_text(["project X", "project Y"] * 20, True)]
    np.testing.assert_allclose(npc.decision_function(PARAGRAPHS, ctx), tc.decision_function(PARAGRAPHS, ctx),
                               atol=1e-4, rtol=0)
    assert [(p.type, p.fine) for p in npc.predict(PARAGRAPHS, contexts=ctx)] == \
        [(p.type, p.fine) for p in tc.predict(PARAGRAPHS, contexts=ctx)]
    odd = ["Café naïve  ÉLAN\t中文 x\u200by \x00 [CLS] [unk] ###", "a" * 300, " ".join(["word"] * 200)]
    assert npc.tokenizer_(odd, truncation=True, max_length=128)["input_ids"] == \
        tc.tokenizer_(odd, truncation=True, max_length=128)["input_ids"]


@needs_torch
@needs_shipped
def test_shipped_tagger_numpy_agrees_with_torch():
    from milpsynth.tagger import load_tagger
    npt, tt = load_tagger(threads=2), load_tagger(threads=2, runtime="torch")
    texts = PARAGRAPHS[:5] + ["A farmer has 100 acres to plant wheat and corn. Each acre of wheat yields $200. "
                              "He must plant at least 20 acres of wheat. Maximize profit."]
    assert npt.tag(texts) == tt.tag(texts)
    words = [t.split() for t in texts] + [("Café naïve 中文 x\u200by " * 150).split()]    # > 512 sub-tokens
    enc_a = npt.tokenizer_(words[-1], is_split_into_words=True, add_special_tokens=False)
    enc_b = tt.tokenizer_(words[-1], is_split_into_words=True, add_special_tokens=False)
    assert enc_a["input_ids"] == enc_b["input_ids"] and enc_a.word_ids() == enc_b.word_ids()
    for x, y in zip(npt.word_scores(words), tt.word_scores(words)):
        np.testing.assert_allclose(x, y, atol=1e-4, rtol=0)


@needs_shipped
def test_shipped_load_and_predict_import_no_torch():
    code = ("import sys, milpsynth\n"
            "from milpsynth.classifier import load_classifier\n"
            "from milpsynth.tagger import load_tagger\n"
            "p = load_classifier().predict(['At most 5 shuttle buses can be used.'])[0]\n"
            "ents = load_tagger().tag(['Maximize profit: each truck earns $300.'])[0]\n"
            "print(json.dumps({'type': p.type, 'labels': [e.label for e in ents],\n"
            "                  'loaded': [m for m in ('torch', 'transformers', 'peft') if m in sys.modules]}))\n")
    res = subprocess.run([sys.executable, "-c", "import json\n" + code], capture_output=True, text=True, cwd=ROOT,
                         timeout=120)
    assert res.returncode == 0, res.stderr
    got = json.loads(res.stdout.strip().splitlines()[-1])
    assert got["loaded"] == []
    assert got["type"] == 1 and "OBJ_DIR" in got["labels"]
