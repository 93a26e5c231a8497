"""Named stages that a `Problem` flows through; each one replaceable by name.

    split -> variables -> classify -> generate -> link

(`Problem.solve()` then builds the Pyomo model and solves it.) A stage is any callable taking and
returning a `Problem`, with a `name`. Factories are registered per stage, so
`Pipeline(classify="rules")` or `pipeline.replace("generate", MyGenerator())` swap one stage and
leave the others alone.
"""
from __future__ import annotations

from typing import Any, Callable

from .document import Problem
from .errors import ComponentError, InputError, MilpsynthError

STAGES = ("split", "variables", "classify", "generate", "link")
_FACTORIES: dict[str, dict[str, Callable[..., Any]]] = {s: {} for s in STAGES}
DEFAULTS = {"split": "statements", "variables": "auto", "classify": "auto", "generate": "rules",
            "link": "default"}


def register(stage: str, name: str):
    """Decorator: register a factory for `stage` under `name`."""
    if stage not in _FACTORIES:
        raise ComponentError(f"unknown stage {stage!r}; stages are {STAGES}", field="stage")

    def deco(factory):
        _FACTORIES[stage][name] = factory
        return factory
    return deco


def available(stage: str) -> list[str]:
    _load_builtin()
    return sorted(_FACTORIES[stage])


def create(stage: str, name: str, **config):
    _load_builtin()
    if stage not in _FACTORIES:
        raise ComponentError(f"unknown stage {stage!r}; stages are {STAGES}", field="stage")
    try:
        factory = _FACTORIES[stage][name]
    except (KeyError, TypeError):      # TypeError: a name that cannot be a key (a list)
        raise ComponentError(f"no {stage!r} component named {name!r}; available: {available(stage)}",
                             field=stage) from None
    return factory(**config)


_loaded = False


def _load_builtin() -> None:
    global _loaded
    if not _loaded:
        _loaded = True
        from .stages import builtin  # noqa: F401  (registers the built-in components)


class Pipeline:
    def __init__(self, **components: Any):
        unknown = set(components) - set(STAGES)
        if unknown:
            raise ComponentError(f"unknown stage(s) {sorted(unknown)}; stages are {STAGES}",
                                 field=sorted(unknown)[0])
        self._components: dict[str, Any] = {}
        for stage in STAGES:
            self.replace(stage, components.get(stage) or DEFAULTS[stage])

    def replace(self, stage: str, component: Any) -> "Pipeline":
        if stage not in STAGES:
            raise ComponentError(f"unknown stage {stage!r}; stages are {STAGES}", field="stage")
        if isinstance(component, str):
            component = create(stage, component)
        if stage == "classify" and not callable(component) and hasattr(component, "predict"):
            from .stages.classify import Classify      # a classifier object (one just trained, say)
            component = Classify(component)
        if not callable(component):
            raise ComponentError(f"the {stage!r} component must be a name ({', '.join(available(stage))}) "
                                 f"or callable(problem) -> problem, got {type(component).__name__}", field=stage)
        self._components[stage] = component
        return self

    def __getitem__(self, stage: str):
        return self._components[stage]

    @property
    def names(self) -> list[tuple[str, str]]:
        return [(s, getattr(c, "name", type(c).__name__)) for s, c in self._components.items()]

    def __call__(self, problem: Problem, *, until: str | None = None) -> Problem:
        for stage in STAGES:
            problem = self.run_stage(stage, problem)
            if stage == until:
                break
        return problem

    def run_stage(self, stage: str, problem: Problem) -> Problem:
        """One stage, then the checks that follow it (readable numbers after split, one objective
        after classify): what `__call__` does per stage, for callers that time or judge each one."""
        component = self._components[stage]
        out = component(problem)
        if not isinstance(out, Problem):
            raise TypeError(f"stage {stage!r} ({component!r}) returned {type(out).__name__}, not a Problem")
        out.stages_run.append(stage)
        if stage == "split":
            check_numbers(out)
        if stage == "classify":
            check_objective(out)
        return out

    def __repr__(self) -> str:
        return "Pipeline(" + ", ".join(f"{s}={n}" for s, n in self.names) + ")"


def check_objective(problem: Problem) -> None:
    objs = [p for p in problem.paragraphs if p.type == 0 and not p.skipped]
    if not objs:
        raise InputError("no paragraph states an objective (what to maximise or minimise)", field="objective")
    if len(objs) > 1:
        nums = ", ".join(str(p.index + 1) for p in objs)
        raise InputError(f"two or more paragraphs state an objective: paragraphs {nums}", field="objective")


def check_numbers(problem: Problem) -> None:
    """Numbers that cannot be read for sure ('10 200', '1,5', a 400-digit number; see
    `nlp.numbers.unreadable`) are refused, never guessed: an InputError naming the paragraph, or
    with on_error='skip' the paragraph skipped (a fact of free text dropped) and the result says why.
    A paragraph stating the objective is refused even then: the model needs it."""
    from .nlp import cues
    from .nlp.mentions import fold
    from .nlp.numbers import unreadable
    for p in problem.paragraphs:
        if p.skipped or p.slots is not None:      # the caller's slots say what its numbers are
            continue
        why = unreadable(fold(p.text))
        if not why:
            continue
        if problem.on_error != "skip" or cues.OBJECTIVE.search(fold(p.text)):
            raise InputError("; ".join(why), paragraph=p.index)
        p.skipped = "; ".join(why)
    kept = []
    for fact in problem.facts:
        why = unreadable(fold(fact))
        if why and problem.on_error != "skip":
            raise InputError(f"in the sentence '{fact[:60]}': " + "; ".join(why), field="description")
        if why:
            problem.warnings.append(f"the sentence '{fact[:60]}' was left out: " + "; ".join(why))
        else:
            kept.append(fact)
    problem.facts[:] = kept


def each_paragraph(problem: Problem, fn: Callable, *, objective_only: bool = False) -> None:
    """Apply fn(paragraph) to each live paragraph; with on_error='skip' a failure skips that paragraph."""
    for p in problem.paragraphs:
        if p.skipped:
            continue
        try:
            fn(p)
        except MilpsynthError as exc:
            if problem.on_error != "skip" or p.is_objective:
                if exc.paragraph is None:
                    exc.paragraph = p.index
                    exc.args = (f"paragraph {p.index + 1}: {exc.reason}",)
                raise
            p.skipped = exc.reason
            p.element = None
