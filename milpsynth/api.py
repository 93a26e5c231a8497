"""`formulate`: a description in, a `Problem` (model + provenance) out."""
from __future__ import annotations

import re
from typing import Any, Iterable, Mapping

from .document import Paragraph, Prediction, Problem
from .errors import InputError
from .labels import FINE_TO_TYPE, TYPE_NAMES, coarse, default_fine
from .pipeline import DEFAULTS, Pipeline

_pipelines: dict[tuple, Pipeline] = {}     # pipelines named by strings, built once (models load once)


MAX_CHARS = 50_000          # the longest description read: about 25 pages; longer ones are refused
# invisible characters that only get in the way of reading words: zero-width space, word joiner,
# byte-order mark, soft hyphen (the joiners U+200C/U+200D shape scripts and emoji, and stay)
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")


def split_blank_lines(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def _clean(text: str) -> str:
    return _INVISIBLE.sub("", text)


def make_problem(source: str | Iterable[str]) -> Problem:
    """Paragraphs from a string (blank-line blocks) or a list of strings; empty input is an InputError.

    A set of paragraphs is refused (it has no order); so is text longer than `MAX_CHARS`."""
    if isinstance(source, str):
        _check_size(len(source))
        text = _clean(source)
        paragraphs = split_blank_lines(text)
    elif isinstance(source, (set, frozenset)):
        raise InputError("a set of paragraphs has no order; give a list (the objective's place matters "
                         "to the messages, which name paragraphs by number)", field="description")
    elif isinstance(source, Iterable) and not isinstance(source, (bytes, bytearray, Mapping)):
        paragraphs = []
        size = 0
        for i, p in enumerate(source):
            if not isinstance(p, str):
                raise InputError(f"must be text, got {type(p).__name__}", paragraph=i)
            size += len(p)
            _check_size(size)
            p = _clean(p)
            if not p.strip():
                raise InputError("is empty", paragraph=i)
            paragraphs.append(p.strip())
        text = "\n\n".join(paragraphs)
    else:
        raise InputError(f"expected a string or a list of paragraphs, got {type(source).__name__}",
                         field="description")
    if not paragraphs:
        raise InputError("the description is empty", field="description")
    return Problem(text, [Paragraph(i, t) for i, t in enumerate(paragraphs)],
                   input_mode="text" if isinstance(source, str) else "paragraphs")


def _check_size(n: int) -> None:
    if n > MAX_CHARS:
        raise InputError(f"the description is too long ({n:,} characters or more; at most {MAX_CHARS:,} "
                         "are read): formulate each problem on its own", field="description")


def _type_override(value: Any, paragraph: int) -> Prediction:
    if isinstance(value, Prediction):
        return value
    try:
        if isinstance(value, Mapping):
            fine = int(value.get("fine", default_fine(int(value["type"]))))
            t = int(value.get("type", coarse(fine)))
        else:
            t = int(value)
            fine = default_fine(t)
    except (KeyError, ValueError, TypeError):
        raise InputError(f"type override must be 0..13 or {{'type': t, 'fine': f}}, got {value!r}",
                         paragraph=paragraph) from None
    if t not in TYPE_NAMES or FINE_TO_TYPE.get(fine) != t:
        raise InputError(f"type override {value!r} is not a valid (type, fine label) pair", paragraph=paragraph)
    return Prediction(t, fine, 1.0, "user")


def formulate(description: str | Iterable[str], *, types: Mapping[int, Any] | None = None,
              variables: Mapping[str, str] | Iterable | None = None,
              slots: Mapping[int, Mapping] | None = None, on_error: str = "raise",
              pipeline: Pipeline | None = None, classes: bool = True, llm: Any = None, samples: int = 1,
              repair_rounds: int = 2, hints: bool = True,
              llm_stages: Iterable[str] = ("variables", "objective", "constraints", "split"),
              **components: Any) -> Problem:
    """Formulate a decision problem described in words as a MILP.

    description: one string (paragraphs separated by blank lines) or a list of paragraphs; the
        objective in one paragraph and one constraint in each of the others. At most `MAX_CHARS`
        characters; a set is refused (its order is not defined).
    types: {paragraph number (1-based, as printed): type 0..13 or {'type', 'fine'}} to override
        the classifier.
    variables: {name: 'integer'|'continuous'|'binary'} to override inferred kinds, or a list of
        `Variable`s / names to skip identification.
    slots: {paragraph number: filled slots} to bypass the generator for those paragraphs.
    on_error: 'raise' (default) or 'skip' (skip a failing paragraph and list it in the result).
        Either way, what cannot be read is never guessed: an unreadable number ('10 200'), a
        statement that is no constraint ('Last year ... sold 30'), a type the classifier gave up on.
    classes: recognise the ten OPT-Engine problem classes (TSP, knapsack, ... with their data in lists
        and tables) and return their indexed model (`milpsynth.classes.ClassProblem`, with
        `.problem_class`) instead of the paragraph pipeline's; False never does.
    llm: a language-model backend (`milpsynth.llm`: OpenAICompatible, LlamaCpp, Transformers, Scripted)
        serving the stages in `llm_stages` (variables, objective, constraints, split; or 'algebra': the
        model writes the whole problem as formulas, which the offline formula reader types and fits);
        its answers are parsed as data and fitted to the templates. samples: answers per question, majority over
        their canonical forms; repair_rounds: times an infeasible or unbounded model's paragraphs are
        asked again with the solver's verdict; hints: class hints in the prompts. The exchanges are
        in `problem.transcript`.
    components: stage replacements by name, e.g. classify="rules" (see `milpsynth.pipeline`); the
        variables stage, whose name the overrides above use, is replaced with
        `pipeline=Pipeline(variables=...)`.
    """
    if not isinstance(on_error, str) or on_error not in ("raise", "skip"):
        raise InputError(f"on_error must be 'raise' or 'skip', got {on_error!r}", field="on_error")
    for what, given in (("types", types), ("slots", slots)):
        if given is not None and not isinstance(given, Mapping):
            raise InputError(f"{what} must be a mapping {{paragraph number: ...}}, got {type(given).__name__}",
                             field=what)
    if variables is not None and (isinstance(variables, (str, bytes, set, frozenset))
                                  or not isinstance(variables, (Mapping, Iterable))):
        raise InputError("variables must be a mapping {name: kind} or a list of names or Variables, got "
                         f"{type(variables).__name__}", field="variables")
    problem = make_problem(description)
    problem.on_error = on_error
    custom = {k: v for k, v in components.items() if not (isinstance(v, str) and v == DEFAULTS.get(k))}
    if classes and not (types or slots or variables or pipeline or custom):
        found = _class_problem(problem)
        if found is not None:
            return found
    n = len(problem.paragraphs)

    def index(k, what) -> int:
        if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= n:
            raise InputError(f"paragraph numbers run from 1 to {n}, got {k!r}", field=what)
        return k - 1

    for k, v in (types or {}).items():
        i = index(k, "types")
        problem.paragraphs[i].prediction = _type_override(v, i)
    for k, v in (slots or {}).items():
        i = index(k, "slots")
        if not isinstance(v, Mapping):
            raise InputError(f"slots must be a mapping, got {v!r}", paragraph=i)
        problem.paragraphs[i].slots = dict(v)
    problem.variable_overrides = variables
    if llm is not None:
        from .llm.run import run_with_llm
        error = _unknown_components(components)
        if error is not None:
            raise error
        return run_with_llm(problem, llm, components=components, pipeline=pipeline, samples=samples,
                            repair_rounds=repair_rounds, hints=hints, llm_stages=llm_stages)
    if pipeline is None:
        pipeline = _pipeline(components)
    elif components:
        raise InputError("give either a pipeline or stage components, not both", field="pipeline")
    return pipeline(problem)


def _class_problem(problem):
    """The problem as one of the ten OPT-Engine classes (`milpsynth.classes`), or None. A text the
    detector takes for a class but whose data no reader can place goes on through the paragraph
    pipeline, with the reader's message among its warnings."""
    from .classes import formulate_class
    try:
        return formulate_class(problem.text)
    except InputError as exc:
        problem.warnings.append(f"read as a class problem first, but its data could not be read: {exc}")
        return None


def _pipeline(components: Mapping[str, Any]) -> Pipeline:
    """The pipeline for these components; built once per set of component names."""
    error = _unknown_components(components)
    if error is not None:
        raise error
    if not all(isinstance(v, str) for v in components.values()):
        return Pipeline(**components)
    key = tuple(sorted(components.items()))
    if key not in _pipelines:
        _pipelines[key] = Pipeline(**components)
    return _pipelines[key]


def _unknown_components(components: Mapping[str, Any]):
    """A ComponentError for a keyword that names no stage (a misspelt option, too), else None."""
    from .errors import ComponentError
    from .pipeline import STAGES
    unknown = sorted(set(components) - set(STAGES))
    if unknown:
        return ComponentError(f"formulate() takes no option {unknown[0]!r}; the options are types, variables, "
                              f"slots, on_error, pipeline, llm (samples, repair_rounds, hints, llm_stages) and the stages {', '.join(STAGES)}", field=unknown[0])
    return None
