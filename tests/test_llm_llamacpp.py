"""The llama.cpp backend with a real GGUF where one is at hand (smollm2, 98 MB); skipped otherwise."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from milpsynth.errors import BackendError

GGUF = Path(os.environ.get("MILPSYNTH_SMOLLM2_GGUF",
                           Path.home() / ".cache/milpsynth-models/smollm2-135m-instruct.q4_1.gguf"))


def test_a_missing_model_file_is_a_backend_error(tmp_path):
    from milpsynth.llm import LlamaCpp
    with pytest.raises(BackendError, match="no GGUF model file"):
        LlamaCpp(tmp_path / "none.gguf")


@pytest.fixture(scope="module")
def smol():
    pytest.importorskip("xllamacpp", reason="xllamacpp is not installed (pip install 'milpsynth[llamacpp]')")
    if not GGUF.is_file():
        pytest.skip(f"no smollm2 GGUF at {GGUF} (set MILPSYNTH_SMOLLM2_GGUF)")
    from milpsynth.llm import LlamaCpp
    return LlamaCpp(GGUF, threads=1, n_ctx=2048)


def test_a_grammar_makes_the_answer_a_formula_over_the_names(smol):
    from milpsynth.llm import grammar
    from milpsynth.formulas.parse import parse_formula
    out = smol.complete([{"role": "user", "content": "At most 40 chairs can be made. Write the constraint."}],
                        grammar=grammar.constraint_grammar(["chairs", "tables"]), max_tokens=200)
    f = parse_formula(out, ["chairs", "tables"])      # always parses: the grammar admits nothing else
    assert f.sense in ("<=", ">=", "==")


def test_formulate_runs_through_llama_cpp(smol):
    from milpsynth import formulate
    text = ("A farm grows wheat and corn, earning $3 per acre of wheat and $2 per acre of corn. How many acres "
            "should it grow to maximize profit?\n\nAt most 40 acres of wheat can be grown.\n\n"
            "At most 60 acres in total can be grown.")
    f = formulate(text, llm=smol, types={1: 0, 2: 1, 3: 2}, on_error="skip", repair_rounds=0,
                  llm_stages=("objective", "constraints"))
    assert f.transcript and all(e["raw"] is not None for e in f.transcript)
    for p in f.paragraphs:          # whatever the tiny model says is either a valid element or refused
        assert p.element is not None or p.skipped
