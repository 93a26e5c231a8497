"""One base exception and a few meaningful subclasses.

Every message names the paragraph (1-based, as the user counts) or the field at fault.
Errors raised by Pyomo, HiGHS or torch are translated into these types at the stage boundary.
"""
from __future__ import annotations


class MilpsynthError(Exception):
    """Base of every error milpsynth raises on purpose."""

    def __init__(self, message: str, *, paragraph: int | None = None, field: str | None = None):
        self.paragraph = paragraph  # 0-based index into the problem's paragraphs, or None
        self.field = field
        prefix = ""
        if paragraph is not None:
            prefix = f"paragraph {paragraph + 1}: "
        elif field is not None:
            prefix = f"{field}: "
        self.reason = message
        super().__init__(prefix + message)


class InputError(MilpsynthError):
    """The description itself is unusable (empty, no objective, two objectives, bad JSON)."""


class ComponentError(InputError, ValueError):
    """A stage or component that does not exist was named (still a ValueError, as it was before)."""


class VariableError(MilpsynthError):
    """No decision variable could be identified, or a paragraph names none."""


class ClassificationError(MilpsynthError):
    """A paragraph could not be given a type."""


class NotAConstraintError(ClassificationError):
    """The paragraph states no constraint: a fact of the past ('Last year ... sold 30'), a freedom
    ('is not required to ...') or a limit that no longer holds ('there is no longer a limit on ...')."""


class GenerationError(MilpsynthError):
    """Slots could not be filled for a paragraph."""


class TemplateError(GenerationError):
    """Slots were filled but do not fit the template of the paragraph's type."""


class NonLinearError(GenerationError):
    """The paragraph states a relation that is not linear (a product of two decisions)."""


class BackendError(MilpsynthError):
    """A language-model backend failed or answered with something that is not valid data."""


class SolverError(MilpsynthError):
    """The solver could not be run (not a verdict: infeasible and unbounded are results)."""


class ReferenceParseError(MilpsynthError):
    """A reference model line could not be read."""


class GeneratorError(MilpsynthError):
    """A benchmark generator could not produce an instance (bad class or size, or every sample infeasible)."""


class TaggingError(MilpsynthError):
    """Text could not be tagged (empty text, no tagger loaded, not a tagger artefact)."""
