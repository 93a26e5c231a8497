"""The prompts, jinja2 files shipped in the package (milpsynth/llm/prompts/*.j2), rendered to messages.

Every request starts with the same system message and the problem's text (the prefix llama.cpp
caches), then what the stage asks: the decisions, the hints, the type's template and example, the
paragraph, and any feedback on an earlier answer.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

PROMPTS = Path(__file__).with_name("prompts")


@lru_cache(maxsize=1)
def _env():
    import jinja2
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(PROMPTS)), undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False, autoescape=False)


def render(name: str, **context) -> str:
    return _env().get_template(name).render(**context).strip()


def messages(stage_template: str, **context) -> list[dict]:
    """[system, user]: the shared prefix (system message, problem text) first, the stage's part after."""
    user = render("problem.j2", **context) + "\n\n" + render(stage_template, **context)
    return [{"role": "system", "content": render("system.j2")}, {"role": "user", "content": user}]
