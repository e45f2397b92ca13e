"""What a project is found by in ``search``."""

from __future__ import annotations

from hub.core.text import search_document


def project_names(title: str, slug: str) -> list[str | None]:
    return [title, slug.replace("-", " ")]


def project_document(title: str, slug: str) -> str:
    return search_document(project_names(title, slug))
