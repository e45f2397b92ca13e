"""Which unique constraint a failed write broke, named the same way on both databases.

PostgreSQL names the constraint (``uq_creator_handle``, from the naming convention in
``hub.core.db``); SQLite names only its columns (``UNIQUE constraint failed:
creator.handle``), so the name is found in the metadata by table and columns. Any other
integrity error (a foreign key, a NOT NULL, a CHECK) is not a unique violation: ``None``.
"""

from __future__ import annotations

import re

from sqlalchemy import MetaData, PrimaryKeyConstraint, UniqueConstraint
from sqlalchemy.exc import IntegrityError

POSTGRESQL_UNIQUE_VIOLATION = "23505"
_POSTGRESQL_NAME = re.compile(r'unique constraint "(?P<name>[^"]+)"')
_SQLITE_COLUMNS = re.compile(r"^(?:UNIQUE|PRIMARY KEY) constraint failed: (?P<columns>.+)$")


def violated_unique_constraint(error: IntegrityError, metadata: MetaData) -> str | None:
    """The name of the unique constraint or primary key ``error`` reports; ``None`` if none."""
    driver_error = error.orig
    if getattr(driver_error, "sqlstate", None) is not None:
        return _postgresql_name(driver_error)
    return _sqlite_name(str(driver_error), metadata)


def _postgresql_name(driver_error: object) -> str | None:
    if getattr(driver_error, "sqlstate", None) != POSTGRESQL_UNIQUE_VIOLATION:
        return None
    cause = getattr(driver_error, "__cause__", None)
    name = getattr(cause, "constraint_name", None)
    if isinstance(name, str):
        return name
    found = _POSTGRESQL_NAME.search(str(driver_error))
    return found["name"] if found else None


def _sqlite_name(message: str, metadata: MetaData) -> str | None:
    found = _SQLITE_COLUMNS.match(message.strip())
    if found is None:
        return None
    qualified = [part.strip() for part in found["columns"].split(",")]
    tables = {name.partition(".")[0] for name in qualified}
    if len(tables) != 1 or (table := metadata.tables.get(tables.pop())) is None:
        return None
    columns = {name.partition(".")[2] for name in qualified}
    for constraint in table.constraints:
        if not isinstance(constraint, UniqueConstraint | PrimaryKeyConstraint):
            continue
        if {column.name for column in constraint.columns} == columns:
            return str(constraint.name) if constraint.name else None
    return None
