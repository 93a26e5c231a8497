"""Decision variables: quantities (integer or continuous), their indicators, and pure binaries."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from .errors import VariableError

KINDS = ("integer", "continuous", "binary")


class VariableNameError(VariableError, ValueError):
    """No variable name can be made from these words (still a ValueError, as it was)."""
INDICATOR_PREFIX = "bi_"


def _spelt(text: str) -> str:
    """Characters ASCII cannot fold, spelt out: a letter or digit by its code point ('茶' -> 'u8336'),
    a symbol by its Unicode name ('😀' -> 'grinning face'); marks and the rest become spaces."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        folded = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
        cat = unicodedata.category(ch)
        if folded:
            out.append(folded)
        elif cat[0] in "LN":
            out.append(f" u{ord(ch):x} ")
        elif cat[0] == "S" and unicodedata.name(ch, ""):
            out.append(f" {unicodedata.name(ch).lower()} ")
        else:
            out.append(" ")
    return "".join(out)


def snake_case(text: str) -> str:
    """'Toy Trucks' -> 'toy_trucks'; 'Éclairs' -> 'eclairs'; ASCII only, so LP files keep the name.
    A name with nothing ASCII can fold is spelt out ('茶' -> 'u8336', '😀' -> 'grinning_face')."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    name = re.sub(r"[^0-9a-zA-Z]+", "_", folded).strip("_").lower()
    if not name:
        name = re.sub(r"[^0-9a-zA-Z]+", "_", _spelt(text)).strip("_").lower()
    if not name:
        raise VariableNameError(f"cannot make a variable name from {text!r}")
    return "v_" + name if name[0].isdigit() else name


def binary_name(entity: str) -> str:
    """'Property 1' -> 'bi_Property1'; 'Harry' -> 'bi_Harry' (the paper keeps the entity's case)."""
    folded = unicodedata.normalize("NFKD", entity).encode("ascii", "ignore").decode()
    core = re.sub(r"[^0-9a-zA-Z_]+", "", folded.replace(" ", ""))
    if not core:
        core = re.sub(r"[^0-9a-zA-Z_]+", "", _spelt(entity).title().replace(" ", ""))
    if not core:
        raise VariableNameError(f"cannot make a binary variable name from {entity!r}")
    return INDICATOR_PREFIX + core


@dataclass
class Variable:
    name: str
    kind: str = "continuous"
    label: str = ""                               # the words the user wrote ("toy trucks")
    mentions: list[str] = field(default_factory=list)
    indicator_of: str | None = None               # for bi_x: the name of x
    lb: float = 0.0
    ub: float | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"variable {self.name!r}: kind must be one of {KINDS}, got {self.kind!r}")
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", self.name):
            raise ValueError(f"variable name {self.name!r} is not an identifier")
        if self.kind == "binary":
            self.lb, self.ub = 0.0, 1.0

    @property
    def is_indicator(self) -> bool:
        return self.indicator_of is not None

    @property
    def is_binary(self) -> bool:
        return self.kind == "binary"

    def to_dict(self) -> dict:
        return {"name": self.name, "kind": self.kind, "label": self.label, "mentions": list(self.mentions),
                "indicator_of": self.indicator_of, "lb": self.lb, "ub": self.ub}

    @classmethod
    def from_dict(cls, d: Mapping) -> "Variable":
        return cls(d["name"], d.get("kind", "continuous"), d.get("label", ""), list(d.get("mentions", [])),
                   d.get("indicator_of"), d.get("lb", 0.0), d.get("ub"))


class VariableTable(dict):
    """name -> Variable, in the order of identification; knows quantities and their indicators."""

    @classmethod
    def build(cls, variables: Iterable[Variable], *, pure_binary: bool) -> "VariableTable":
        table = cls()
        table.pure_binary = pure_binary
        for v in variables:
            if v.name in table:
                raise ValueError(f"variable {v.name!r} is defined twice")
            table[v.name] = v
        if not pure_binary:
            for v in list(table.values()):
                if v.kind != "binary" and v.indicator_of is None:
                    ind = INDICATOR_PREFIX + v.name
                    if ind not in table:
                        table[ind] = Variable(ind, "binary", f"whether {v.label or v.name} > 0",
                                              indicator_of=v.name)
        return table

    pure_binary: bool = False

    @property
    def quantities(self) -> list[Variable]:
        return [v for v in self.values() if not v.is_indicator]

    def indicator(self, name: str) -> str:
        """The indicator of quantity `name` (a pure binary is its own indicator)."""
        v = self[name]
        if v.is_indicator or v.kind == "binary":
            return name
        return INDICATOR_PREFIX + name

    def is_logical(self, name: str) -> bool:
        """True for names usable in logic constraints: indicators and pure binaries."""
        v = self.get(name)
        return v is not None and v.kind == "binary"
