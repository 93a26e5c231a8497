"""The language-model options of `milpsynth formulate` and `milpsynth eval`.

    --llm openai --base-url URL --model NAME      (Ollama, vLLM, llama-server, a hosted endpoint)
    --llm llamacpp --model PATH.gguf              (in process)
    --llm transformers --model NAME_OR_DIR
    --samples K  --repair-rounds R  --no-hints  --transcript OUT.jsonl
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..errors import InputError

BACKENDS = ("openai", "llamacpp", "transformers")


def add_llm_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("language model (milpsynth.llm)")
    g.add_argument("--llm", choices=BACKENDS, default=None,
                   help="fill the templates with a language model: openai (any OpenAI-compatible server), "
                        "llamacpp (a GGUF file, in process) or transformers (default: none, the offline rules)")
    g.add_argument("--model", metavar="NAME", help="the model: a name on the server, a .gguf path, or a "
                                                   "Hugging Face name or directory")
    g.add_argument("--base-url", metavar="URL", default="http://localhost:11434/v1",
                   help="the OpenAI-compatible server (--llm openai); the key is read from $MILPSYNTH_LLM_API_KEY "
                        "or $OPENAI_API_KEY")
    g.add_argument("--samples", type=int, default=1, metavar="K",
                   help="answers per question; the majority of their forms is taken")
    g.add_argument("--repair-rounds", type=int, default=2, metavar="R",
                   help="times an infeasible or unbounded model's paragraphs are asked again with the solver's verdict")
    g.add_argument("--no-hints", action="store_true", help="no problem-class hints in the prompts")
    g.add_argument("--transcript", metavar="OUT.jsonl",
                   help="write every exchange with the model as JSON lines (default: not written)")


def make_llm(args: argparse.Namespace):
    """The backend the options name, or None without --llm."""
    kind = getattr(args, "llm", None)
    if kind is None:
        return None
    if not args.model:
        raise InputError(f"--llm {kind} needs --model", field="--model")
    if kind == "openai":
        from .openai_compat import OpenAICompatible
        return OpenAICompatible(args.base_url, args.model)
    if kind == "llamacpp":
        from .llamacpp import LlamaCpp
        return LlamaCpp(args.model)
    from .transformers_backend import Transformers
    return Transformers(args.model)


def formulate_options(args: argparse.Namespace) -> dict:
    """Keyword arguments for `formulate` ({} without --llm)."""
    llm = make_llm(args)
    if llm is None:
        return {}
    return {"llm": llm, "samples": args.samples, "repair_rounds": args.repair_rounds, "hints": not args.no_hints}


def write_transcript(path: str | None, problems, ids=None) -> None:
    """Append each problem's exchanges to `path` as JSON lines (with the problem's id where given)."""
    if not path:
        return
    with Path(path).open("a", encoding="utf-8") as fh:
        for i, problem in enumerate(problems):
            for entry in getattr(problem, "transcript", None) or []:
                row = {"problem": ids[i]} if ids else {}
                fh.write(json.dumps({**row, **entry}, ensure_ascii=False) + "\n")


def recording_formulate(path: str | None, options: dict, *, records: bool):
    """A `formulate` for `evaluate` (records: callable(record)) or `evaluate_answers` (callable(text))
    that writes each problem's transcript to `path`; None without a transcript to write."""
    if not path or not options:
        return None
    from ..api import formulate
    count = [0]

    def run(item):
        count[0] += 1
        source = item["paragraphs"] if records else item
        problem = formulate(source, **options)
        write_transcript(path, [problem], [str(item.get("id", count[0])) if records else str(count[0])])
        return problem
    return run
