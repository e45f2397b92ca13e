"""Password hashing with argon2id; the parameters are settings, and old hashes get upgraded.

Hashing is slow on purpose, so it runs in a thread (the binding releases the GIL) rather
than stalling the event loop.
"""

from __future__ import annotations

import asyncio
import functools
import secrets

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from hub.config import Settings

MIN_LENGTH = 10
MAX_LENGTH = 256


class Passwords:
    """Hashes and verifies passwords with the argon2id parameters the settings give."""

    def __init__(self, settings: Settings) -> None:
        self._hasher = _hasher(
            settings.argon2_time_cost, settings.argon2_memory_kib, settings.argon2_parallelism
        )

    async def hash(self, password: str) -> str:
        return await asyncio.to_thread(self._hasher.hash, password)

    async def verify(self, stored_hash: str | None, password: str) -> bool:
        """Whether ``password`` matches; without a stored hash, spend the same time and fail.

        Checking a dummy hash for unknown users keeps a login's timing from telling
        whether an email has an account.
        """
        if stored_hash is None:
            await asyncio.to_thread(_matches, self._hasher, _dummy_hash(self._hasher), password)
            return False
        return await asyncio.to_thread(_matches, self._hasher, stored_hash, password)

    def needs_rehash(self, stored_hash: str) -> bool:
        """The hash was made with other parameters than today's settings."""
        return self._hasher.check_needs_rehash(stored_hash)


def _matches(hasher: PasswordHasher, stored_hash: str, password: str) -> bool:
    try:
        return hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@functools.cache
def _hasher(time_cost: int, memory_kib: int, parallelism: int) -> PasswordHasher:
    return PasswordHasher(
        time_cost=time_cost, memory_cost=memory_kib, parallelism=parallelism, type=Type.ID
    )


@functools.cache
def _dummy_hash(hasher: PasswordHasher) -> str:
    return hasher.hash(secrets.token_urlsafe(16))
