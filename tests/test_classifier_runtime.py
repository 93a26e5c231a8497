"""The numpy classifier runtime's speed-ups keep its logits (the first-token-only last layer, batches
in threads), and the version-2 style families of the context recipe."""
import numpy as np
import pytest

from milpsynth.classifier.inference import predict_logits
from milpsynth.classifier.numpy_encoder import NumpyBert

HIDDEN, HEADS, LAYERS, INTER, VOCAB, LABELS = 32, 4, 2, 64, 50, 5


def _random_bert(seed=0, kind="sequence"):
    r = np.random.default_rng(seed)
    f = lambda *s: (r.standard_normal(s) * 0.2).astype(np.float32)     # noqa: E731
    w = {"embeddings.word_embeddings.weight": f(VOCAB, HIDDEN), "embeddings.position_embeddings.weight": f(64, HIDDEN),
         "embeddings.token_type_embeddings.weight": f(2, HIDDEN),
         "embeddings.LayerNorm.weight": 1 + f(HIDDEN), "embeddings.LayerNorm.bias": f(HIDDEN),
         "pooler.dense.weight": f(HIDDEN, HIDDEN), "pooler.dense.bias": f(HIDDEN),
         "classifier.weight": f(LABELS, HIDDEN), "classifier.bias": f(LABELS)}
    for i in range(LAYERS):
        p = f"encoder.layer.{i}."
        for n in ("query", "key", "value"):
            w[f"{p}attention.self.{n}.weight"], w[f"{p}attention.self.{n}.bias"] = f(HIDDEN, HIDDEN), f(HIDDEN)
        w[f"{p}attention.output.dense.weight"], w[f"{p}attention.output.dense.bias"] = f(HIDDEN, HIDDEN), f(HIDDEN)
        w[f"{p}intermediate.dense.weight"], w[f"{p}intermediate.dense.bias"] = f(INTER, HIDDEN), f(INTER)
        w[f"{p}output.dense.weight"], w[f"{p}output.dense.bias"] = f(HIDDEN, INTER), f(HIDDEN)
        for ln in ("attention.output.LayerNorm", "output.LayerNorm"):
            w[f"{p}{ln}.weight"], w[f"{p}{ln}.bias"] = 1 + f(HIDDEN), f(HIDDEN)
    cfg = {"num_attention_heads": HEADS, "num_hidden_layers": LAYERS, "layer_norm_eps": 1e-12}
    return NumpyBert(cfg, w, kind)


def _batch(seed=1, b=7, n=11):
    r = np.random.default_rng(seed)
    ids = r.integers(1, VOCAB, (b, n))
    lengths = r.integers(3, n + 1, b)
    mask = (np.arange(n)[None, :] < lengths[:, None]).astype(np.int64)
    types = (np.arange(n)[None, :] >= (lengths // 2)[:, None]).astype(np.int64) * mask
    return ids * mask, mask, types


def test_first_token_last_layer_equals_the_full_layer():
    m = _random_bert()
    ids, mask, types = _batch()
    full = m.hidden_states(ids, mask, types)
    first = m.hidden_states(ids, mask, types, first_only=True)
    assert first.shape == (ids.shape[0], 1, HIDDEN)
    np.testing.assert_allclose(first[:, 0], full[:, 0], rtol=0, atol=1e-5)
    # the other tokens' states differ from the first token's: the comparison is not trivial
    assert np.abs(full[:, 1] - full[:, 0]).max() > 1e-2


def test_sequence_head_reads_the_first_token_only_token_head_all():
    seq, tok = _random_bert(kind="sequence"), _random_bert(kind="token")
    ids, mask, types = _batch()
    assert seq(ids, mask, types).shape == (ids.shape[0], LABELS)
    assert tok(ids, mask, types).shape == (ids.shape[0], ids.shape[1], LABELS)
    full = seq.hidden_states(ids, mask, types)
    want = np.tanh(full[:, 0] @ seq.pooler[0] + seq.pooler[1]) @ seq.head[0] + seq.head[1]
    np.testing.assert_allclose(seq(ids, mask, types), want, rtol=0, atol=1e-5)


class _WordTokenizer:
    """Each word is a token id (its length, capped); pairs get token types 0 / 1."""
    pad_token_id = 0

    def _ids(self, text):
        return [1 + min(len(w), VOCAB - 2) for w in text.split()]

    def __call__(self, texts, pairs=None, truncation=True, max_length=60):
        if pairs is None:
            ids = [([49] + self._ids(t) + [48])[:max_length] for t in texts]
            return {"input_ids": ids}
        ids, types = [], []
        for a, b in zip(texts, pairs):
            x, y = [49] + self._ids(a) + [48], self._ids(b) + [48]
            ids.append((x + y)[:max_length])
            types.append(([0] * len(x) + [1] * len(y))[:max_length])
        return {"input_ids": ids, "token_type_ids": types}


@pytest.mark.parametrize("with_context", [False, True])
def test_batches_in_threads_give_the_same_logits(with_context):
    pytest.importorskip("threadpoolctl")
    m, tok = _random_bert(), _WordTokenizer()
    r = np.random.default_rng(3)
    words = ["at", "most", "boxes", "combined", "total", "exceed", "each", "project", "minimum", "share"]
    texts = [" ".join(r.choice(words, r.integers(2, 25))) for _ in range(90)]
    ctx = [f"decisions: {' '.join(r.choice(words, 3))}" for _ in texts] if with_context else None
    one = predict_logits(m, tok, texts, batch_size=8, contexts=ctx, workers=1)
    two = predict_logits(m, tok, texts, batch_size=8, contexts=ctx, workers=2)
    # one BLAS thread rounds a little differently from two: equal to float32 rounding
    np.testing.assert_allclose(one, two, rtol=0, atol=1e-5)
    alone = predict_logits(m, tok, texts[5:6], batch_size=8, contexts=ctx[5:6] if ctx else None)
    np.testing.assert_allclose(alone[0], one[5], rtol=0, atol=1e-5)     # order kept across batches


# --- the version-2 style families ------------------------------------------------------------------
def test_style_families_v2_are_deterministic_and_cover_their_kinds():
    from finetune.styles import style_examples_v2
    a, b = style_examples_v2(400, seed=0), style_examples_v2(400, seed=0)
    assert a == b and 400 <= len(a) <= 401          # k-of-n rows come in pairs
    assert style_examples_v2(400, seed=1) != a
    labels = {r["label"] for r in a}
    assert {0, 1, 2, 3, 5, 6, 7, 9} <= labels and labels & {4, 8} and labels & {13, 14}
    assert all(r["context"].startswith("decisions: ") and " | position: " in r["context"] for r in a)
    # no (text, context) pair carries two labels
    seen = {}
    for r in a:
        assert seen.setdefault((r["text"], r["context"]), r["label"]) == r["label"]


def test_k_of_n_reads_as_a_sum_over_yes_no_and_a_bound_over_one_count():
    from finetune.styles import _Gen, _k_of_n
    g = _Gen(5)
    pairs = [rows for rows in (_k_of_n(g) for _ in range(60)) if len(rows) == 2]
    assert pairs
    for (t1, c1, y1), (t2, c2, y2) in pairs:
        assert t1 == t2 and "(yes/no)" in c1 and "(yes/no)" not in c2
        assert (y1, y2) in ((2, 1), (6, 5))


@pytest.mark.needs_data
def test_recipe_version_2_adds_to_version_1():
    from finetune.recipe import LI2023, training_set
    if not (LI2023 / "train.jsonl").is_file():
        pytest.skip("li2023 data absent")
    t1, y1, c1 = training_set(version=1, n_styles=50, per_class=2)
    t2, y2, c2 = training_set(version=2, n_styles=50, per_class=2, n_styles_v2=60)
    assert len(t2) - len(t1) in (60, 61) and t2[:len(t1)] == t1 and c2[:len(c1)] == c1
    with pytest.raises(ValueError, match="version"):
        training_set(version=3)


def test_packed_batch_equals_each_sequence_alone():
    """Padding is never computed: a sequence's logits in a batch with longer ones equal its own."""
    seq, tok = _random_bert(kind="sequence"), _random_bert(kind="token")
    ids, mask, types = _batch(b=5, n=11)
    together_seq, together_tok = seq(ids, mask, types), tok(ids, mask, types)
    for i in range(ids.shape[0]):
        n = int(mask[i].sum())
        alone = (ids[i:i + 1, :n], mask[i:i + 1, :n], types[i:i + 1, :n])
        np.testing.assert_allclose(seq(*alone)[0], together_seq[i], rtol=0, atol=1e-5)
        np.testing.assert_allclose(tok(*alone)[0], together_tok[i, :n], rtol=0, atol=1e-5)
    assert len(set(mask.sum(1).tolist())) > 1          # the batch does mix lengths
