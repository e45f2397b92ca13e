"""Where the project's non-Python files live, in a source checkout or an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def db_dir() -> Path:
    """The ``db/`` folder: migrations and seed data (packaged as ``hub/_db`` in wheels)."""
    packaged = _PACKAGE_DIR / "_db"
    return packaged if packaged.is_dir() else _PACKAGE_DIR.parent / "db"
