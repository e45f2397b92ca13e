"""Processes the fault suite starts, breaks and restarts: PostgreSQL, Redis and the hub.

Each listens on loopback only, on a free port, and lives in a temporary directory that
is removed afterwards, so the suite never touches the machine's shared PostgreSQL or
Redis. The hub runs as real ``hub serve`` processes, as an operator runs it.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path

import httpx
import orjson

POSTGRES_BIN = Path(os.environ.get("HUB_FAULTS_POSTGRES_BIN", "/usr/lib/postgresql/15/bin"))
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
HUB = str(Path(sys.executable).parent / "hub")
UVICORN = str(Path(sys.executable).parent / "uvicorn")
LISTENING = re.compile(rb"Uvicorn running on http://127\.0\.0\.1:(\d+)")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def missing_programs() -> list[str]:
    """What this machine lacks to run the fault suite (empty when it has everything)."""
    wanted = [POSTGRES_BIN / "initdb", POSTGRES_BIN / "pg_ctl", Path(REDIS_SERVER)]
    missing = [str(path) for path in wanted if not os.access(path, os.X_OK)]
    if IS_ROOT and shutil.which("runuser") is None:
        missing.append("runuser")
    return missing


def free_port() -> int:
    """A loopback port nobody listens on now (PostgreSQL and Redis cannot take port 0)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(check: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError(f"{what} did not happen within {seconds} s")


class PostgresCluster:
    """A throw-away PostgreSQL cluster: fsync off, trust on loopback, one database ``hub``.

    initdb refuses to run as root, so as root the cluster belongs to the ``postgres``
    user and its commands run through ``runuser``.
    """

    def __init__(self) -> None:
        self.directory = Path(tempfile.mkdtemp(prefix="hub-faults-pg-"))
        self.data = self.directory / "data"
        self.log = self.directory / "postgres.log"
        self.port = free_port()
        if IS_ROOT:
            shutil.chown(self.directory, "postgres", "postgres")

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/hub"

    def _run(self, *command: str, timeout: float = 60) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if IS_ROOT else []
        subprocess.run(  # the tools print progress; only their failure matters
            [*prefix, *command],
            check=True,
            timeout=timeout,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=self.directory,
        )

    def create(self) -> None:
        self._run(
            str(POSTGRES_BIN / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        self.start()
        self._run(
            str(POSTGRES_BIN / "psql"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "-qc",
            "CREATE DATABASE hub",
        )

    def start(self) -> None:
        """Start and wait until it accepts connections."""
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 "
            f"-c unix_socket_directories={self.directory} "
            "-c fsync=off -c full_page_writes=off "
            "-c max_connections=200"
        )
        self._run(
            str(POSTGRES_BIN / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
            timeout=90,
        )

    def stop(self, mode: str = "fast") -> None:
        """``fast`` ends sessions cleanly; ``immediate`` is as abrupt as a crash."""
        self._run(str(POSTGRES_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def remove(self) -> None:
        with suppress(subprocess.SubprocessError, OSError):
            self.stop("immediate")
        shutil.rmtree(self.directory, ignore_errors=True)


@contextmanager
def postgres_cluster() -> Iterator[PostgresCluster]:
    cluster = PostgresCluster()
    try:
        cluster.create()
        yield cluster
    finally:
        cluster.remove()


class RedisServer:
    """redis-server with nothing persisted, so a restart forgets every counter."""

    def __init__(self) -> None:
        self.directory = Path(tempfile.mkdtemp(prefix="hub-faults-redis-"))
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        with (self.directory / "redis.log").open("ab") as log:
            self.process = subprocess.Popen(
                [
                    REDIS_SERVER,
                    "--bind",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    str(self.directory),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        _wait_for(self.answers, 10, "redis-server answering")

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)


@contextmanager
def redis_server() -> Iterator[RedisServer]:
    server = RedisServer()
    try:
        server.start()
        yield server
    finally:
        server.remove()


def hub_command(
    *arguments: str, env: Mapping[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[bytes]:
    """Run ``hub <arguments>`` (``db upgrade``, ...) and fail with its output if it fails."""
    result = subprocess.run(
        [HUB, *arguments],
        env={**os.environ, **env},
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise AssertionError(f"hub {' '.join(arguments)} failed: {result.stderr.decode()}")
    return result


# Every worker logs as ``hub serve`` does, timestamps and logger names included: uvicorn's
# own configuration would drop the hub's loggers below WARNING in worker processes.
LOG_CONFIG = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"out": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"level": "INFO", "handlers": ["out"]},
}


class HubServer:
    """The hub under uvicorn (``hub.server.asgi:app``) on a port the system picks.

    uvicorn's command line rather than ``hub serve`` because its workers' health check
    can be given time: on a loaded two-core machine a worker still importing the hub
    misses the default five seconds and is killed and restarted over and over.
    """

    def __init__(self, env: Mapping[str, str], directory: Path, *, workers: int = 1) -> None:
        name = f"hub-{free_port()}"
        self.log = directory / f"{name}.log"
        self.log_config = directory / f"{name}-logging.json"
        self.env = {**os.environ, "HUB_JOBS_IN_SERVER": "false", **env}
        self.workers = workers
        self.process: subprocess.Popen[bytes] | None = None
        self.base = ""

    def start(self, seconds: float = 120) -> str:
        self.launch()
        return self.wait_until_healthy(seconds)

    def launch(self) -> None:
        self.log_config.write_bytes(orjson.dumps(LOG_CONFIG))
        command = [
            UVICORN,
            "hub.server.asgi:app",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--workers",
            str(self.workers),
            "--timeout-worker-healthcheck",
            "60",
            "--log-config",
            str(self.log_config),
        ]
        with self.log.open("wb") as output:
            self.process = subprocess.Popen(
                command,
                env=self.env,
                cwd=self.log.parent,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_until_healthy(self, seconds: float) -> str:
        assert self.process is not None
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"the hub exited early: {self.log_text()}")
            log = self.log.read_bytes()
            listening = LISTENING.search(log)
            started = log.count(b"Application startup complete")
            if listening and started >= self.workers:
                base = f"http://127.0.0.1:{int(listening.group(1))}"
                if self._healthy(base):
                    self.base = base
                    return base
            time.sleep(0.2)
        raise AssertionError(f"the hub did not become healthy in time: {self.log_text()}")

    def _healthy(self, base: str) -> bool:
        try:
            return httpx.get(f"{base}/healthz", timeout=2).status_code == 200
        except httpx.TransportError:
            return False

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def stop(self) -> None:
        """SIGTERM, as a supervisor stops it; the whole process group if it will not go."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


@contextmanager
def hub_server(env: Mapping[str, str], directory: Path, *, workers: int = 1) -> Iterator[HubServer]:
    with hub_servers([env], directory, workers=workers) as (server,):
        yield server


@contextmanager
def hub_servers(
    envs: list[Mapping[str, str]], directory: Path, *, workers: int = 1
) -> Iterator[list[HubServer]]:
    """Several servers started side by side (starting is mostly waiting for imports)."""
    servers = [HubServer(env, directory, workers=workers) for env in envs]
    try:
        for server in servers:
            server.launch()
        for server in servers:
            server.wait_until_healthy(180)
        yield servers
    finally:
        for server in servers:
            server.stop()
