"""The transformers backend with a tiny causal LM built here from a config (nothing downloaded)."""
from __future__ import annotations

import pytest

pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
tokenizers = pytest.importorskip("tokenizers")

from milpsynth import formulate  # noqa: E402
from milpsynth.llm import Transformers  # noqa: E402

WORDS = ["<unk>", "<pad>", "<eos>", "hello", "world", "maybe", "profit", "blue", "river", "seven", "user",
         "assistant", "system", ":"]
TEMPLATE = "{% for m in messages %}{{ m['role'] }}: {{ m['content'] }}\n{% endfor %}assistant:"


@pytest.fixture(scope="module")
def tiny():
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers
    torch.manual_seed(0)
    core = Tokenizer(models.WordLevel({w: i for i, w in enumerate(WORDS)}, unk_token="<unk>"))
    core.pre_tokenizer = pre_tokenizers.Whitespace()
    tok = transformers.PreTrainedTokenizerFast(tokenizer_object=core, unk_token="<unk>", pad_token="<pad>",
                                               eos_token="<eos>")
    tok.chat_template = TEMPLATE
    config = transformers.GPT2Config(vocab_size=len(WORDS), n_positions=2048, n_embd=32, n_layer=2, n_head=2,
                                     bos_token_id=2, eos_token_id=2)
    model = transformers.GPT2LMHeadModel(config)
    return Transformers(model, tokenizer=tok, device="cpu")


def test_generation_runs_end_to_end(tiny):
    greedy = tiny.complete([{"role": "user", "content": "hello world"}], max_tokens=8)
    again = tiny.complete([{"role": "user", "content": "hello world"}], max_tokens=8)
    assert isinstance(greedy, str) and greedy == again                 # greedy is deterministic
    sampled = tiny.complete([{"role": "user", "content": "hello"}], max_tokens=8, temperature=1.0, seed=3)
    assert isinstance(sampled, str)


def test_its_nonsense_is_refused_by_validation(tiny):
    text = ("A farm grows wheat and corn, earning $3 per acre of wheat and $2 per acre of corn. How many acres of "
            "each should it grow to maximize profit?\n\nAt most 40 acres of wheat can be grown.\n\n"
            "At least 10 acres of corn must be grown.")
    f = formulate(text, llm=tiny, types={1: 0, 2: 1, 3: 5}, on_error="skip", llm_stages=("constraints",),
                  repair_rounds=0)
    assert [p.index for p in f.skipped] == [1, 2]
    answers = [e for e in f.transcript if e["stage"] == "constraint"]
    assert len(answers) == 4 and all(e["verdict"].startswith("refused") for e in answers)
