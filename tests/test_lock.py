"""Every machine installs the versions in uv.lock, with the uv that the lock pins."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def locked_version(name: str) -> str:
    lock = tomllib.loads((ROOT / "uv.lock").read_text())
    return next(str(p["version"]) for p in lock["package"] if p["name"] == name)


def test_the_docker_image_bootstraps_the_uv_that_the_lock_pins() -> None:
    match = re.search(r"^ARG UV_VERSION=(\S+)$", (ROOT / "Dockerfile").read_text(), re.M)

    assert match is not None
    assert match.group(1) == locked_version("uv")
