"""Persisted documents: Apollo's Automatic Persisted Queries and trusted documents.

APQ: a client sends ``extensions.persistedQuery {version: 1, sha256Hash}`` without the
query; the server runs the document it stored under that hash, or answers
``PersistedQueryNotFound`` so the client sends query and hash together, which the
server checks and stores. Trusted documents: a manifest of registered operations,
``{"sha256:<hex>": "<document>"}``; with ``HUB_TRUSTED_DOCUMENTS_ONLY`` nothing else
runs, whether asked for by hash or by its exact text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from hub.api.errors import RequestErrorCode
from hub.server.limits.documents import DocumentStore
from hub.server.limits.refusal import Refused

APQ_VERSION = 1
HASH_PREFIX = "sha256:"
_SHA256 = re.compile(r"[0-9a-f]{64}")


def sha256_of(document: str) -> str:
    return hashlib.sha256(document.encode()).hexdigest()


def manifest_of(documents: Iterable[str]) -> dict[str, str]:
    """The trusted-documents manifest of ``documents``, each under its text's hash."""
    return {f"{HASH_PREFIX}{sha256_of(document)}": document for document in documents}


def load_manifest(path: Path) -> dict[str, str]:
    """Documents by bare hash; a manifest whose hash and text disagree is refused."""
    entries = orjson.loads(path.read_bytes())
    if not isinstance(entries, dict):
        raise ValueError(f"{path}: a manifest is a JSON object of hash to document.")
    documents: dict[str, str] = {}
    for key, document in entries.items():
        digest = key.removeprefix(HASH_PREFIX)
        if not isinstance(document, str) or sha256_of(document) != digest:
            raise ValueError(f"{path}: {key} is not the SHA-256 of its document.")
        documents[digest] = document
    return documents


@dataclass(frozen=True)
class Resolved:
    """The document to run, and the hash to store it under once it has run."""

    document: str
    persist_as: str | None = None


class PersistedQueries:
    def __init__(
        self, store: DocumentStore, trusted: Mapping[str, str], *, trusted_only: bool
    ) -> None:
        self._store = store
        self._trusted = trusted
        self._trusted_only = trusted_only

    async def resolve(self, query: str | None, extensions: Mapping[str, Any] | None) -> Resolved:
        persisted = (extensions or {}).get("persistedQuery")
        if persisted is None:
            if query is None:
                # ``params.validated`` refuses this first; never an assertion's 500.
                raise Refused(
                    RequestErrorCode.PERSISTED_QUERY_INVALID,
                    "Send a document in `query` or a hash in `extensions.persistedQuery`.",
                )
            if self._trusted_only and sha256_of(query) not in self._trusted:
                raise _not_trusted()
            return Resolved(query)
        digest = _requested_hash(persisted)
        if query is None:
            return Resolved(await self._stored(digest))
        if sha256_of(query) != digest:
            raise Refused(
                RequestErrorCode.PERSISTED_QUERY_HASH_MISMATCH,
                "`sha256Hash` is not the SHA-256 of the query sent with it.",
            )
        if self._trusted_only and digest not in self._trusted:
            raise _not_trusted()
        return Resolved(query, persist_as=None if digest in self._trusted else digest)

    async def remember(self, resolved: Resolved) -> None:
        if resolved.persist_as is not None:
            await self._store.put(resolved.persist_as, resolved.document)

    async def _stored(self, digest: str) -> str:
        document = self._trusted.get(digest)
        if document is None and self._trusted_only:
            raise _not_trusted()
        if document is None:
            document = await self._store.get(digest)
        if document is None:
            # The message is the protocol: Apollo clients resend with the query on it.
            raise Refused(RequestErrorCode.PERSISTED_QUERY_NOT_FOUND, "PersistedQueryNotFound")
        return document


def _requested_hash(persisted: object) -> str:
    if not isinstance(persisted, Mapping) or not _is_version_one(persisted.get("version")):
        raise Refused(
            RequestErrorCode.PERSISTED_QUERY_INVALID,
            "`extensions.persistedQuery` must be {version: 1, sha256Hash: <64 hex digits>}.",
        )
    digest = persisted.get("sha256Hash")
    if not isinstance(digest, str) or not _SHA256.fullmatch(digest.lower()):
        raise Refused(
            RequestErrorCode.PERSISTED_QUERY_INVALID,
            "`sha256Hash` must be 64 hexadecimal digits.",
        )
    return digest.lower()


def _is_version_one(version: object) -> bool:
    """The integer 1: JSON's ``true`` and ``1.0`` equal it in Python, but are not it."""
    return type(version) is int and version == APQ_VERSION


def _not_trusted() -> Refused:
    return Refused(
        RequestErrorCode.DOCUMENT_NOT_TRUSTED,
        "This server runs registered operations only, and this document is not one of them.",
    )
