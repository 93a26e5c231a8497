"""The OpenAI-compatible client against a stub chat server on 127.0.0.1 (http.server in a thread)."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from milpsynth.errors import BackendError
from milpsynth.llm import OpenAICompatible
from milpsynth.llm.base import Request
from milpsynth.llm.openai_compat import retry_after

USER = [{"role": "user", "content": "hello"}]


class Stub:
    """A scripted server: each request pops the next (status, body, headers, delay) from `plan`."""

    def __init__(self):
        self.plan: list[tuple] = []
        self.seen: list[dict] = []
        self.lock = threading.Lock()
        self.release = threading.Event()
        self.responder = None           # body -> answer text, in place of the plan
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with stub.lock:
                    stub.seen.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
                    if stub.responder is not None:
                        status, payload, headers, delay = 200, reply(stub.responder(body)), {}, 0
                    else:
                        status, payload, headers, delay = stub.plan.pop(0) if stub.plan else (200, reply("ok"), {}, 0)
                if delay == "block":         # never answers in time: held until the test ends
                    stub.release.wait(30)
                elif delay:
                    time.sleep(delay)
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def close(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


def reply(text):
    return {"choices": [{"index": 0, "message": {"role": "assistant", "content": text}}]}


@pytest.fixture
def stub():
    s = Stub()
    yield s
    s.close()


def client(stub, **kw):
    waits = []
    kw.setdefault("retries", 3)
    c = OpenAICompatible(stub.url, "tiny", sleep=waits.append, **kw)
    return c, waits


def test_a_normal_answer_and_what_is_sent(stub, monkeypatch):
    monkeypatch.setenv("MILPSYNTH_LLM_API_KEY", "sk-test")
    stub.plan.append((200, reply("x <= 3"), {}, 0))
    c, _ = client(stub)
    assert c.complete(USER, temperature=0.0, seed=7, max_tokens=20) == "x <= 3"
    seen = stub.seen[0]
    assert seen["path"] == "/v1/chat/completions" and seen["auth"] == "Bearer sk-test"
    assert seen["body"] == {"model": "tiny", "messages": USER, "temperature": 0.0, "max_tokens": 20, "seed": 7}


def test_a_timeout_is_a_backend_error_after_the_retries(stub):
    stub.plan += [(200, reply("late"), {}, "block")] * 2
    c, waits = client(stub, timeout=0.3, retries=1)
    with pytest.raises(BackendError, match="within 0.3 s"):
        c.complete(USER)
    assert len(waits) == 1


def test_a_500_then_success_is_retried_with_backoff(stub):
    stub.plan += [(500, b"boom", {}, 0), (503, b"busy", {}, 0), (200, reply("fine"), {}, 0)]
    c, waits = client(stub, backoff=0.5)
    assert c.complete(USER) == "fine"
    assert waits == [0.5, 1.0] and len(stub.seen) == 3


def test_a_429_waits_as_long_as_retry_after_says(stub):
    stub.plan += [(429, b"slow down", {"Retry-After": "7"}, 0), (200, reply("ok"), {}, 0)]
    c, waits = client(stub)
    assert c.complete(USER) == "ok"
    assert waits == [7.0]


def test_retry_after_as_an_http_date():
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0      # in the past: at once
    assert retry_after("12") == 12.0 and retry_after(None) is None and retry_after("soon") is None


def test_a_400_is_not_retried(stub):
    stub.plan.append((400, b'{"error": "bad model"}', {}, 0))
    c, waits = client(stub)
    with pytest.raises(BackendError, match="HTTP 400"):
        c.complete(USER)
    assert waits == [] and len(stub.seen) == 1


@pytest.mark.parametrize("body", [b"not json at all", b'{"choices": []}', b'{"choices": [{"message": {}}]}'])
def test_malformed_answers_are_backend_errors(stub, body):
    stub.plan.append((200, body, {}, 0))
    c, _ = client(stub)
    with pytest.raises(BackendError, match="not an OpenAI chat completion"):
        c.complete(USER)


def test_a_schema_request_goes_as_response_format_and_a_grammar_where_asked(stub):
    schema = {"type": "object", "properties": {"formula": {"type": "string"}}, "required": ["formula"]}
    stub.plan.append((200, reply('{"formula": "x <= 3"}'), {}, 0))
    c, _ = client(stub)
    assert json.loads(c.complete(USER, json_schema=schema))["formula"] == "x <= 3"
    fmt = stub.seen[0]["body"]["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["schema"] == schema
    c2, _ = client(stub, grammar="llama.cpp")
    c2.complete(USER, grammar='root ::= "x"')
    assert stub.seen[1]["body"]["grammar"] == 'root ::= "x"' and c2.supports_grammar and not c.supports_grammar


def test_a_batch_runs_concurrently_and_keeps_its_order(stub):
    stub.plan += [(200, reply(f"a{i}"), {}, 0.2) for i in range(6)]
    c, _ = client(stub, concurrency=6)
    reqs = [Request(USER) for _ in range(6)]
    out = c.generate_many(reqs)
    assert sorted(out) == [f"a{i}" for i in range(6)] and len(out) == 6


def test_an_unreachable_server_is_a_backend_error():
    c = OpenAICompatible("http://127.0.0.1:9/v1", "m", retries=1, sleep=lambda s: None, timeout=2)
    with pytest.raises(BackendError, match="after 2 attempts"):
        c.complete(USER)


def test_bad_messages_are_refused_before_sending():
    c = OpenAICompatible("http://127.0.0.1:9/v1", "m")
    with pytest.raises(BackendError, match="message 1"):
        c.complete([{"role": "wizard", "content": "x"}])
