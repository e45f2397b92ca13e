"""Scenario D: garbled and hostile requests, written byte by byte on raw sockets.

An HTTP client library would refuse to send most of these (invalid UTF-8, bodies shorter
than their ``Content-Length``, a thousand headers), so requests are built as bytes from a
seeded generator: the same seed sends the same requests. Each is sent on its own
connection; a ``hang-up`` closes it halfway through the body without waiting.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field

import orjson

from tests.faults.answers import Answer

Body = bytes
MAX_ANSWER_BYTES = 1 << 20


@dataclass(frozen=True)
class Hostile:
    """One request: its kind (for the histogram), its bytes and whether to hang up."""

    kind: str
    head: list[tuple[str, str]]
    body: bytes
    declared_length: int | None = None
    hang_up: bool = False


def _json(value: object) -> bytes:
    return orjson.dumps(value)


NUL_DOCUMENTS = [
    '{ organisation(slug: "a\\u0000") { name } }',
    '{ creator(handle: "\\u0000") { handle } }',
    '{ country(code: "K\\u0000") { name } }',
    '{ creators(first: 5, filter: { search: "ab\\u0000c" }) { totalCount } }',
]
NUL_VARIABLES = [
    ("query ($h: String!) { creator(handle: $h) { handle } }", {"h": "x\u0000y"}),
    ("query ($s: String!) { organisation(slug: $s) { name } }", {"s": "\u0000"}),
    (
        "mutation ($i: CreateCreatorInput!) { createCreator(input: $i) { userErrors { code } } }",
        {"i": {"handle": "nul-\u0000", "displayName": "N\u0000", "country": "KZ"}},
    ),
]
PLAIN = "{ countries(first: 3) { nodes { code } } }"
ODD_VALUES: list[object] = [None, 5, 1.5, True, "x", [], [1], {}, {"a": None}, "\u0000"]


def _nul(rng: random.Random) -> Hostile:
    if rng.random() < 0.5:
        return Hostile("nul-in-document", [], _json({"query": rng.choice(NUL_DOCUMENTS)}))
    document, variables = rng.choice(NUL_VARIABLES)
    return Hostile("nul-in-variables", [], _json({"query": document, "variables": variables}))


def _invalid_utf8(rng: random.Random) -> Hostile:
    garbage = bytes(rng.choice([0xFF, 0xFE, 0xC0, 0x80, 0xED, 0xA0]) for _ in range(3))
    where = rng.choice(["document", "variable", "key"])
    if where == "document":
        body = b'{"query": "{ creator(handle: \\"' + garbage + b'\\") { handle } }"}'
    elif where == "variable":
        body = (
            b'{"query": "query ($h: String!) { creator(handle: $h) { handle } }",'
            b' "variables": {"h": "' + garbage + b'"}}'
        )
    else:
        body = b'{"query": "' + PLAIN.encode() + b'", "' + garbage + b'": 1}'
    return Hostile(f"invalid-utf8-{where}", [], body)


def _odd_fields(rng: random.Random) -> Hostile:
    name = rng.choice(["extensions", "variables", "operationName", "query"])
    value = rng.choice(ODD_VALUES)
    body: dict[str, object] = {"query": PLAIN, name: value}
    return Hostile(f"odd-{name}", [], _json(body))


def _odd_persisted_query(rng: random.Random) -> Hostile:
    persisted = rng.choice(
        [
            None,
            5,
            "x",
            [],
            {},
            {"version": 1},
            {"version": "1", "sha256Hash": 5},
            {"version": 1, "sha256Hash": None},
            {"version": 2, "sha256Hash": "0" * 64},
            {"version": 1, "sha256Hash": "z" * 64},
        ]
    )
    body: dict[str, object] = {"extensions": {"persistedQuery": persisted}}
    if rng.random() < 0.5:
        body["query"] = PLAIN
    return Hostile("odd-persisted-query", [], _json(body))


def _huge_header(rng: random.Random) -> Hostile:
    size = rng.choice([20_000, 100_000, 1_000_000])
    return Hostile(f"header-{size // 1000}kB", [("X-Padding", "a" * size)], _json({"query": PLAIN}))


def _many_headers(rng: random.Random) -> Hostile:
    count = rng.choice([150, 500, 2_000])
    head = [(f"X-Extra-{n}", "v") for n in range(count)]
    return Hostile(f"headers-{count}", head, _json({"query": PLAIN}))


def _truncated(rng: random.Random) -> Hostile:
    whole = _json({"query": PLAIN, "variables": {"a": "b" * rng.randint(0, 200)}})
    cut = whole[: rng.randint(1, len(whole) - 1)]
    if rng.random() < 0.5:
        return Hostile("truncated-json", [], cut)
    # The connection's write side closes with the body short of its declared length.
    return Hostile("short-body", [], cut, declared_length=len(whole))


def _hang_up(rng: random.Random) -> Hostile:
    whole = _json({"query": PLAIN, "variables": {"a": "b" * 2_000}})
    return Hostile("hang-up", [], whole[: rng.randint(1, 1_000)], len(whole), hang_up=True)


def _garbage(rng: random.Random) -> Hostile:
    choice = rng.random()
    if choice < 0.3:
        body = bytes(rng.randrange(256) for _ in range(rng.randint(1, 300)))
        return Hostile("random-bytes", [], body)
    if choice < 0.6:
        depth = rng.choice([100, 2_000, 20_000])
        nested = b'{"query": "' + PLAIN.encode() + b'", "variables": {"a": '
        nested += b"[" * depth + b"]" * depth + b"}}"
        return Hostile(f"nested-{depth}", [], nested)
    content_type = rng.choice(["text/plain", "application/json; charset=latin-1", "", "*/*"])
    return Hostile("content-type", [("Content-Type", content_type)], _json({"query": PLAIN}))


GENERATORS: list[Callable[[random.Random], Hostile]] = [
    _nul,
    _invalid_utf8,
    _odd_fields,
    _odd_persisted_query,
    _huge_header,
    _many_headers,
    _truncated,
    _hang_up,
    _garbage,
]


def generate(count: int, seed: int = 10) -> Iterator[Hostile]:
    rng = random.Random(seed)
    for _ in range(count):
        yield rng.choice(GENERATORS)(rng)


def encode(request: Hostile, port: int) -> bytes:
    head = [("Host", f"127.0.0.1:{port}"), ("Accept", "application/graphql-response+json")]
    if not any(name == "Content-Type" for name, _ in request.head):
        head.append(("Content-Type", "application/json"))
    length = request.declared_length if request.declared_length else len(request.body)
    head += [*request.head, ("Content-Length", str(length)), ("Connection", "close")]
    lines = "".join(f"{name}: {value}\r\n" for name, value in head)
    return f"POST /graphql HTTP/1.1\r\n{lines}\r\n".encode("latin-1") + request.body


def parse(raw: bytes, seconds: float) -> Answer:
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    try:
        status = int(lines[0].split(" ")[1])
    except (IndexError, ValueError):
        return Answer(None, {}, raw[:200].decode("latin-1"), seconds, "unparsable")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding") == "chunked":
        body = _unchunk(body)
    return Answer(status, headers, body.decode("utf-8", "replace"), seconds)


def _unchunk(body: bytes) -> bytes:
    out = b""
    while body:
        size_line, _, rest = body.partition(b"\r\n")
        size = int(size_line.split(b";")[0] or b"0", 16)
        if size == 0:
            break
        out, body = out + rest[:size], rest[size + 2 :]
    return out


async def send(request: Hostile, port: int) -> Answer | None:
    """The server's answer, or None for a hang-up (nothing is waited for)."""
    started = time.monotonic()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        try:
            writer.write(encode(request, port))
            await writer.drain()
            if request.hang_up:
                return None
            if request.declared_length:
                writer.write_eof()
        except ConnectionError:
            pass  # refused before the whole request was read: its answer may be waiting
        raw = b""
        while chunk := await asyncio.wait_for(reader.read(MAX_ANSWER_BYTES), timeout=30):
            raw += chunk
        return parse(raw, time.monotonic() - started)
    except (ConnectionError, TimeoutError) as error:
        return Answer(None, {}, "", time.monotonic() - started, type(error).__name__)
    finally:
        writer.close()
        with suppress(ConnectionError):
            await writer.wait_closed()


@dataclass
class HostileRun:
    sent: list[tuple[Hostile, Answer | None]] = field(default_factory=list)

    @property
    def answered(self) -> list[tuple[Hostile, Answer]]:
        return [(request, answer) for request, answer in self.sent if answer is not None]

    def histogram(self) -> dict[str, int]:
        counts: Counter[str] = Counter()
        for _, answer in self.answered:
            counts[str(answer.status) if answer.status else f"none:{answer.failure}"] += 1
        counts["hang-up (no answer awaited)"] = sum(a is None for _, a in self.sent)
        return dict(sorted(counts.items()))

    def judged(self) -> list[tuple[Hostile, Answer]]:
        """The answers to judge: all but the silence after a client closed its side with
        the body short of its length (the server has nobody left to answer)."""
        return [
            (r, a) for r, a in self.answered if r.declared_length is None or a.status is not None
        ]

    def kinds(self) -> dict[str, int]:
        return dict(sorted(Counter(request.kind for request, _ in self.sent).items()))


async def run(port: int, *, count: int = 1500, concurrency: int = 3, seed: int = 10) -> HostileRun:
    recorded = HostileRun()
    queue = list(generate(count, seed))

    async def worker() -> None:
        while queue:
            request = queue.pop()
            recorded.sent.append((request, await send(request, port)))

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return recorded
