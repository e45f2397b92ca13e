"""What a project is found by in ``search``."""

from __future__ import annotations

from hub.core.text import search_document


def project_document(title: str, slug: str) -> str:
    return search_document([title, slug.replace("-", " ")])
