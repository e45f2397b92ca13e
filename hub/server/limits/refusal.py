"""A request turned away before anything ran, as a coded GraphQL error."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hub.api.errors import RequestErrorCode


class Refused(Exception):
    """``status`` None follows the request-error rule: 400, or 200 for plain JSON."""

    def __init__(
        self,
        code: RequestErrorCode,
        message: str,
        *,
        status: int | None = None,
        headers: Mapping[str, str] | None = None,
        extensions: Mapping[str, Any] | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.headers = dict(headers or {})
        self.extensions = dict(extensions or {})
        self.details = dict(details or {})

    def with_extensions(self, extensions: Mapping[str, Any]) -> Refused:
        """The same refusal, reporting ``extensions`` (the cost) in the response."""
        return Refused(
            self.code,
            self.message,
            status=self.status,
            headers=self.headers,
            extensions=extensions,
            details=self.details,
        )

    def body(self) -> dict[str, Any]:
        """``details`` go in the error's extensions, ``extensions`` in the response's."""
        error = {"message": self.message, "extensions": {"code": self.code.value, **self.details}}
        body: dict[str, Any] = {"errors": [error]}
        if self.extensions:
            body["extensions"] = self.extensions
        return body
