"""Checks on input values that every domain's service uses, recording into ``Problems``."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from urllib.parse import urlparse

from hub.core.languages import LANGUAGE_CODES
from hub.core.validation import FieldCode, Path, Problems, as_path
from hub.i18n.messages import _, _n

SLUG_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{1,58}[a-z0-9])$")
HANDLE_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$")
EARLIEST_YEAR = 1000
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_EMAIL_LENGTH = 254
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 ()-]{4,38}$")


class Unchanged:
    """Marks a field an update leaves as it is (distinct from setting it to null)."""

    _instance: Unchanged | None = None

    def __new__(cls) -> Unchanged:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNCHANGED"

    def __bool__(self) -> bool:
        return False


UNCHANGED = Unchanged()


def _named(path: Path | str) -> str:
    """The field a message names: the last part of a path."""
    return as_path(path)[-1]


def check_text(
    problems: Problems,
    path: Path | str,
    value: str | None,
    *,
    max_length: int,
    required: bool = True,
) -> str | None:
    """Trimmed text, or a problem when it is missing or too long."""
    text = value.strip() if value is not None else None
    if required and not text:
        problems.add(path, FieldCode.REQUIRED, _("`{name}` must not be empty.", name=_named(path)))
        return None
    if text and len(text) > max_length:
        problems.add(
            path,
            FieldCode.TOO_LONG,
            _n(
                "`{name}` is longer than {count} character.",
                "`{name}` is longer than {count} characters.",
                max_length,
                name=_named(path),
            ),
        )
    return text


def check_url(problems: Problems, path: Path | str, url: str | None) -> None:
    if url is None:
        return
    parsed = urlparse(url)
    if parsed.scheme not in {"http", "https"} or not parsed.netloc or len(url) > 300:
        problems.add(
            path, FieldCode.INVALID, _("`{name}` must be an http(s) address.", name=_named(path))
        )


def normalise_email(email: str) -> str:
    """One spelling per address: NFKC (full-width forms fold), trimmed, lower-cased."""
    return unicodedata.normalize("NFKC", email).strip().lower()


def check_email(problems: Problems, path: Path | str, email: str | None) -> str | None:
    """A normalised email address, or a problem when it does not look like one."""
    if email is None:
        return None
    normal = normalise_email(email)
    if len(normal) > MAX_EMAIL_LENGTH or not EMAIL_PATTERN.fullmatch(normal):
        problems.add(
            path, FieldCode.INVALID, _("`{name}` must be an email address.", name=_named(path))
        )
    return normal


def check_phone(problems: Problems, path: Path | str, phone: str | None) -> str | None:
    if phone is None:
        return None
    phone = phone.strip()
    if not PHONE_PATTERN.fullmatch(phone):
        problems.add(
            path,
            FieldCode.INVALID,
            _("`{name}` must be a phone number: +, digits.", name=_named(path)),
        )
    return phone


def check_date_range(
    problems: Problems, path: Path | str, start: date | None, end: date | None, *, start_name: str
) -> None:
    if start is not None and end is not None and end < start:
        problems.add(
            path,
            FieldCode.INVALID_DATE_RANGE,
            _("`{name}` is before `{start_name}`.", name=_named(path), start_name=start_name),
        )


def check_languages(problems: Problems, path: Path | str, codes: Sequence[str]) -> None:
    for index, code in enumerate(codes):
        if code not in LANGUAGE_CODES:
            problems.add(
                (*as_path(path), str(index)),
                FieldCode.UNKNOWN_LANGUAGE,
                _("{code!r} is not an ISO 639-1 language code.", code=code),
            )
    if len(set(codes)) != len(codes):
        problems.add(
            path, FieldCode.DUPLICATE, _("`{name}` lists a language twice.", name=_named(path))
        )
