"""One problem's conversation with a language model: requests, samples, votes, retries, transcript.

`Session.ask` sends a stage's prompt (K samples: the first greedy, the others sampled with their own
seeds), reads every answer with the stage's `accept` (parse as data, fit the template, validate),
takes the majority over the accepted answers' canonical forms, and where none is accepted, asks
again with the reason (at most `retries` times), then raises the last refusal as a typed error.
Every exchange goes into `transcript`: stage, paragraph, round, prompt, raw answer, parsed result
and verdict.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from ..errors import BackendError, GenerationError, MilpsynthError
from .base import Request


@dataclass
class Accepted:
    """An answer that passed: the result, its canonical key for the vote, and a tie-break score."""

    result: Any
    key: Any
    score: tuple = ()
    parsed: Any = None
    notes: list[str] = field(default_factory=list)


@dataclass
class Ask:
    """What a stage asks: a prompt builder (feedback, previous answer -> messages) and an acceptor."""

    stage: str
    paragraph: int | None                       # 0-based, None for the whole problem
    messages: Callable[[str | None, str | None], list[dict]]
    accept: Callable[[str], Accepted]           # raises MilpsynthError to refuse
    grammar: str | None = None
    max_tokens: int = 160


def vote(accepted: list[tuple[int, Accepted]]) -> tuple[int, Accepted, dict]:
    """The majority over canonical keys; ties go to the higher score, then the earlier sample."""
    counts: dict[Any, list[tuple[int, Accepted]]] = {}
    for i, a in accepted:
        counts.setdefault(a.key, []).append((i, a))
    best = max(counts.values(), key=lambda group: (len(group), max(a.score for _, a in group), -group[0][0]))
    i, a = max(best, key=lambda ia: (ia[1].score, -ia[0]))
    return i, a, {"votes": len(best), "of": len(accepted), "distinct": len(counts)}


class Session:
    def __init__(self, llm, *, samples: int = 1, retries: int = 1, temperature: float = 0.7, seed: int = 0,
                 hints: bool = True):
        if isinstance(samples, bool) or not isinstance(samples, int) or samples < 1:
            raise GenerationError(f"samples must be a whole number >= 1, got {samples!r}", field="samples")
        self.llm, self.samples, self.retries = llm, samples, retries
        self.temperature, self.seed, self.hints = temperature, seed, hints
        self.transcript: list[dict] = []
        self.round = 0
        self.chosen: dict[tuple, str] = {}          # (stage, paragraph) -> the raw answer taken
        self._prefetched: dict[tuple, list[str]] = {}

    def requests(self, ask: Ask, feedback: str | None = None, previous: str | None = None,
                 attempt: int = 0) -> list[Request]:
        """K requests; the first greedy, except when asking again (a retry or a repair round), where a
        greedy answer would repeat itself."""
        messages = ask.messages(feedback, previous)
        grammar = ask.grammar if getattr(self.llm, "supports_grammar", False) else None
        again = attempt > 0 or self.round > 0
        out = []
        for k in range(self.samples):
            out.append(Request(messages, grammar=grammar, temperature=self.temperature if k or again else 0.0,
                               seed=self.seed + k + 101 * attempt + 1009 * self.round, max_tokens=ask.max_tokens,
                               meta={"stage": ask.stage, "paragraph": ask.paragraph}))
        return out

    def prefetch(self, asks: list[Ask]) -> None:
        """Send the first requests of several asks at once (one batch where the backend allows)."""
        if not asks:
            return
        reqs = [self.requests(a) for a in asks]
        flat = [r for rs in reqs for r in rs]
        t0 = time.perf_counter()
        answers = self._generate(flat)
        each = (time.perf_counter() - t0) / max(1, len(flat))
        pos = 0
        for a, rs in zip(asks, reqs):
            self._prefetched[_key(rs[0])] = (answers[pos:pos + len(rs)], each)
            pos += len(rs)

    def _generate(self, requests: list[Request]) -> list[str]:
        try:
            return self.llm.generate_many(requests)
        except MilpsynthError:
            raise
        except Exception as exc:   # noqa: BLE001 - a user's backend may raise anything
            raise BackendError(f"the language model failed: {type(exc).__name__}: {exc}", field="llm") from None

    def ask(self, ask: Ask, feedback: str | None = None, previous: str | None = None) -> Accepted:
        last_reason, last_raw = None, previous
        for attempt in range(self.retries + 1):
            reqs = self.requests(ask, feedback, previous, attempt)
            t0 = time.perf_counter()
            cached = self._prefetched.pop(_key(reqs[0]), None)
            if cached is not None:          # answered in the batch of `prefetch`: its share of that time
                answers, seconds = cached
            else:
                answers = self._generate(reqs)
                seconds = (time.perf_counter() - t0) / max(1, len(answers))
            accepted = []
            entries = []
            for k, raw in enumerate(answers):
                entry = {"stage": ask.stage, "paragraph": None if ask.paragraph is None else ask.paragraph + 1,
                         "round": self.round, "attempt": attempt, "sample": k,
                         "prompt": reqs[k].messages, "raw": raw, "parsed": None, "verdict": "",
                         "seconds": round(seconds, 3)}
                try:
                    a = ask.accept(raw)
                except MilpsynthError as exc:
                    entry["verdict"] = f"refused: {exc.reason}"
                    last_reason, last_raw = last_reason or exc.reason, raw
                else:
                    entry["parsed"] = _plain(a.parsed if a.parsed is not None else a.result)
                    entry["verdict"] = "accepted" + (f" ({'; '.join(a.notes)})" if a.notes else "")
                    entry["notes"] = list(a.notes)
                    accepted.append((k, a))
                entries.append(entry)
            self.transcript += entries
            if accepted:
                k, chosen, tally = vote(accepted)
                entries[k]["chosen"] = True
                if len(answers) > 1:
                    entries[k]["vote"] = tally
                self.chosen[(ask.stage, ask.paragraph)] = answers[k]
                return chosen
            feedback, previous = next(e["verdict"][len("refused: "):] for e in entries), answers[0]
            last_reason = feedback
        raise GenerationError(f"the language model gave no usable {ask.stage} answer in {self.retries + 1} "
                              f"attempt(s) (last: {str(last_raw)[:80]!r}: {last_reason})", paragraph=ask.paragraph,
                              field=ask.stage if ask.paragraph is None else None)


def _key(request: Request) -> str:
    """Prefetched answers belong to the very prompt they answer (a retyped paragraph asks anew)."""
    return json.dumps([request.messages, request.grammar], sort_keys=True)


def _plain(value: Any) -> Any:
    """JSON-ready form of a parsed result (slots, lists of names, ...)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)
