"""A small closed-loop HTTP/1.1 load generator: keep-alive connections, fixed time.

It runs in its own process, apart from the server, and is light enough that on a
2-core machine the server, not the client, is what gets measured.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies_ms)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def post_request(host: str, port: int, path: str, body: bytes) -> bytes:
    return (
        f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
        "Content-Type: application/json\r\nAccept: application/graphql-response+json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: keep-alive\r\n\r\n"
    ).encode() + body


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = next(
        int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length")
    )
    return status, await reader.readexactly(length)


async def _worker(
    host: str,
    port: int,
    requests: Sequence[bytes],
    stop_at: float,
    record_after: float,
    latencies: list[float],
    counts: list[int],
    check: Callable[[bytes], bool],
    seed: int,
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    chooser = random.Random(seed)
    try:
        while (now := time.perf_counter()) < stop_at:
            writer.write(chooser.choice(requests))
            await writer.drain()
            status, body = await _read_response(reader)
            done = time.perf_counter()
            if now >= record_after:
                latencies.append((done - now) * 1000)
                counts[0] += 1
                if status != 200 or not check(body):
                    counts[1] += 1
    finally:
        writer.close()


async def run_http(
    host: str,
    port: int,
    requests: Sequence[bytes],
    *,
    concurrency: int,
    warmup: float,
    duration: float,
    check: Callable[[bytes], bool],
) -> Result:
    """Closed loop: ``concurrency`` connections, each sending its next request on reply."""
    start = time.perf_counter()
    latencies: list[float] = []
    counts = [0, 0]
    await asyncio.gather(
        *(
            _worker(
                host,
                port,
                requests,
                start + warmup + duration,
                start + warmup,
                latencies,
                counts,
                check,
                seed,
            )
            for seed in range(concurrency)
        )
    )
    return Result(counts[0], counts[1], duration, latencies)


async def run_calls(
    call: Callable[[int], Awaitable[object]],
    *,
    concurrency: int,
    warmup: float,
    duration: float,
) -> Result:
    """The same closed loop over an async callable (used for the raw-SQL baseline)."""
    start = time.perf_counter()
    stop_at, record_after = start + warmup + duration, start + warmup
    latencies: list[float] = []
    counts = [0, 0]

    async def worker(seed: int) -> None:
        chooser = random.Random(seed)
        while (now := time.perf_counter()) < stop_at:
            await call(chooser.randrange(1 << 30))
            if now >= record_after:
                latencies.append((time.perf_counter() - now) * 1000)
                counts[0] += 1

    await asyncio.gather(*(worker(seed) for seed in range(concurrency)))
    return Result(counts[0], counts[1], duration, latencies)
