"""Count how often a method runs: work measured in steps, not in seconds of a busy CPU."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest


@dataclass
class Calls:
    calls: int = 0


@contextmanager
def counting_calls(owner: type, method: str) -> Iterator[Calls]:
    """Within the block, every call of ``owner.method`` (recursive ones too) is counted."""
    counted = Calls()
    original: Callable[..., Any] = getattr(owner, method)

    @functools.wraps(original)
    def counting(*args: Any, **kwargs: Any) -> Any:
        counted.calls += 1
        return original(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(owner, method, counting)
        yield counted
