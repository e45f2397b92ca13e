"""A redis-server of a test's own, on a free loopback port, that the test may kill.

Restarts must never touch the shared Redis at 6379 that other tests (and other
checkouts) use. This one keeps nothing on disk, so a restart loses every key, as a
Redis without persistence does in production.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import time

from redis import Redis
from redis.exceptions import RedisError

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class RedisProcess:
    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 5.0) -> float:
        """Start the server and wait until it answers; returns when it did (monotonic)."""
        self._process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--bind", "127.0.0.1",
                "--port", str(self.port),
                "--save", "",
                "--appendonly", "no",
                "--daemonize", "no",
                "--loglevel", "warning",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + timeout
        client = Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=0.2)
        try:
            while True:
                try:
                    client.ping()
                    return time.monotonic()
                except (RedisError, OSError):
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.01)
        finally:
            client.close()

    def kill(self) -> None:
        """SIGKILL, as a crash: clients learn of it only when they next use a connection."""
        if self._process is not None:
            self._process.send_signal(signal.SIGKILL)
            self._process.wait(timeout=5)
            self._process = None

    def client(self) -> Redis:
        return Redis(host="127.0.0.1", port=self.port, socket_timeout=5, decode_responses=True)
