"""The tagger's training loop end to end on a tiny BERT built here from a config (no download, seconds)."""
import json

import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("peft")

from milpsynth.errors import TaggingError  # noqa: E402
from milpsynth.tagger import load_tagger  # noqa: E402
from milpsynth.tagger.conll import TaggedDoc  # noqa: E402
from milpsynth.tagger.metrics import entity_scores, evaluate_tagger  # noqa: E402
from milpsynth.tagger.tagger import EntityTagger  # noqa: E402
from milpsynth.tagger.training import TaggerConfig  # noqa: E402
from conftest import build_tiny_bert  # noqa: E402

WORDS = ["maximize", "minimize", "profit", "cost", "at", "most", "least", "trucks", "vans", "the", "of", "is",
         "each", "earns", "$", ".", ","] + [str(i) for i in range(10)]


def make_docs(k=16, seed=0):
    """Toy documents in the NL4Opt style, tagged by construction."""
    rng = np.random.default_rng(seed)
    docs = []
    for _ in range(k):
        a, b = rng.choice(["trucks", "vans"], 2, replace=False)
        d, obj = ("maximize", "profit") if rng.random() < 0.5 else ("minimize", "cost")
        n, m = (str(int(x)) for x in rng.integers(1, 10, 2))
        bound = ["at", "most"] if rng.random() < 0.5 else ["at", "least"]
        toks = [d, "the", obj, ".", "each", a, "earns", "$", n, ",", *bound, m, b, "."]
        tags = ["B-OBJ_DIR", "O", "B-OBJ_NAME", "O", "O", "B-VAR", "O", "O", "B-PARAM", "O",
                "B-CONST_DIR", "I-CONST_DIR", "B-LIMIT", "B-VAR", "O"]
        docs.append(TaggedDoc(tuple(toks), tuple(tags)))
    return docs


@pytest.fixture(scope="module")
def tiny_base(tmp_path_factory):
    from transformers import BertTokenizer
    d = build_tiny_bert(tmp_path_factory.mktemp("tiny-bert-ner"), WORDS, "BertForTokenClassification", 0.1,
                        fast_tokenizer=False)
    tok = BertTokenizer.from_pretrained(d)
    assert tok.convert_ids_to_tokens(tok("maximize trucks")["input_ids"])[1:3] == ["maximize", "trucks"]
    return d


@pytest.fixture(scope="module")
def trained(tiny_base, tmp_path_factory):
    docs = make_docs(32)
    held = make_docs(4, seed=1)
    cfg = TaggerConfig(epochs=15, lr=5e-2, batch_size=8, r=4, threads=2, seed=1, max_length=32, keep="best")
    tagger = EntityTagger(base=tiny_base, config=cfg, threads=2).fit(docs, eval_docs=held, progress=False)
    out = tmp_path_factory.mktemp("tagger-artefact")
    tagger.save(out, metrics={"note": "test"})
    return tagger, out, docs, tiny_base


def test_loss_goes_down_and_epochs_are_evaluated(trained):
    tagger = trained[0]
    losses = [r["loss"] for r in tagger.log_history_ if "loss" in r]
    assert len(losses) == 15
    assert losses[-1] < 0.3 * losses[0]
    f1s = [r["eval_f1"] for r in tagger.log_history_ if "eval_f1" in r]
    assert len(f1s) == 15
    assert tagger.train_info_["best_epoch"] is not None


def test_learns_the_toy_task(trained):
    tagger, _, docs, _ = trained
    rep = evaluate_tagger(tagger, make_docs(8, seed=2))
    assert rep["words"]["micro"]["f1"] >= 0.9
    assert rep["text"]["micro"]["f1"] >= 0.9


def test_tag_gives_character_offsets(trained):
    tagger = trained[0]
    text = "Maximize the profit.  Each vans earns $7, at least 3 trucks."
    ents = tagger.tag([text])[0]
    assert ents, "the toy tagger found nothing"
    for e in ents:
        assert text[e.start:e.end] == e.text
    got = {(e.label, e.text) for e in ents}
    assert ("OBJ_DIR", "Maximize") in got and ("LIMIT", "3") in got and ("CONST_DIR", "at least") in got


def test_artefact_saves_small_and_without_local_paths(trained):
    _, out, _, base = trained
    names = {p.name for p in out.iterdir()}
    assert {"adapter_config.json", "adapter_model.safetensors", "milpsynth_tagger.json"} <= names
    acfg = json.loads((out / "adapter_config.json").read_text())
    assert acfg["base_model_name_or_path"] == base and acfg["task_type"] == "TOKEN_CLS"
    assert "classifier" in acfg["modules_to_save"]
    meta = json.loads((out / "milpsynth_tagger.json").read_text())
    assert meta["tags"][0] == "O" and "B-OBJ_NAME" in meta["tags"] and meta["metrics"] == {"note": "test"}
    assert meta["base"]["config_sha256"] and set(meta["training"]) >= {"epochs", "lr", "r", "seed"}


def test_reload_predicts_the_same(trained):
    tagger, out, docs, _ = trained
    again = load_tagger(out, threads=2)
    words = [list(d.tokens) for d in docs]
    for a, b in zip(again.word_scores(words), tagger.word_scores(words)):
        np.testing.assert_allclose(a, b, atol=1e-5)
    assert again.tag_words(words) == tagger.tag_words(words)


def test_long_documents_are_windowed_not_cut(trained):
    """A document longer than max_length (32 sub-tokens) is read through overlapping windows: every
    word gets a score and entities past the first window are still found."""
    tagger = trained[0]
    docs = make_docs(5, seed=3)
    long_tokens = [t for d in docs for t in d.tokens]        # 75 words, ~80 sub-tokens
    long_tags = [t for d in docs for t in d.tags]
    scores = tagger.word_scores([long_tokens])[0]
    assert scores.shape[0] == len(long_tokens) and np.isfinite(scores).all()
    pred = tagger.tag_words([long_tokens])[0]
    tail = len(long_tokens) - 2 * len(docs[-1].tokens)       # the last two toy documents
    found = entity_scores([long_tags[tail:]], [pred[tail:]])["micro"]
    assert found["recall"] >= 0.25          # truncation at 32 sub-tokens would find none there


def test_windows_cover_every_word_and_respect_max_length(trained, tiny_base):
    from transformers import AutoTokenizer

    from milpsynth.tagger.encoding import doc_windows
    tok = AutoTokenizer.from_pretrained(tiny_base)
    words = [t for d in make_docs(3, seed=4) for t in d.tokens]
    for max_length in (6, 9, 16, 512):
        windows, owner = doc_windows(tok, words, 0, max_length)
        assert all(len(w.input_ids) <= max_length for w in windows)
        assert sorted(owner) == list(range(len(words)))
        for w, i in owner.items():
            assert w in dict(windows[i].positions)
        assert (len(windows) == 1) == (max_length == 512)


def test_order_is_kept_across_batches(trained):
    tagger, out, docs, _ = trained
    words = [list(d.tokens)[: 3 + i % 12] for i, d in enumerate(docs)]
    small = load_tagger(out, threads=2, batch_size=3)
    assert small.tag_words(words) == [tagger.tag_words([w])[0] for w in words]


def test_bad_inputs_are_typed_errors(trained):
    tagger, _, _, base = trained
    with pytest.raises(TaggingError, match="paragraph 2"):
        tagger.tag(["at most 3 trucks", "  "])
    with pytest.raises(TaggingError, match="one string"):
        tagger.tag("at most 3 trucks")
    with pytest.raises(TaggingError, match="not trained"):
        EntityTagger().tag(["x"])
    with pytest.raises(TaggingError, match="no milpsynth_tagger.json"):
        load_tagger(base)
    assert tagger.tag([]) == []


def test_bad_config_is_named():
    with pytest.raises(ValueError, match="keep"):
        TaggerConfig(keep="first")


def test_checkpoint_packaging_predicts_the_same(trained, tmp_path):
    tagger, _, docs, base = trained
    tagger.peft_model_.save_pretrained(str(tmp_path / "ckpt"))
    again = EntityTagger.from_checkpoint(tmp_path / "ckpt", base=base, config=tagger.config, threads=2)
    words = [list(d.tokens) for d in docs[:6]]
    assert again.tag_words(words) == tagger.tag_words(words)
