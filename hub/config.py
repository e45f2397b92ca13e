"""The one place configuration comes from: environment variables with the ``HUB_`` prefix."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./hub.db"
MIN_JWT_SECRET_LENGTH = 32


class Settings(BaseSettings):
    """Every knob the server has; passed explicitly to ``create_app``."""

    model_config = SettingsConfigDict(env_prefix="HUB_", extra="ignore")

    environment: Literal["development", "production"] = "development"
    database_url: str = DEFAULT_DATABASE_URL
    admin_token: SecretStr | None = Field(
        default=None, description="Bearer token that acts as staff, for automation (bootstrap)."
    )
    jwt_secret: SecretStr | None = Field(
        default=None, description="Key signing access tokens (HS256); required in production."
    )
    jwt_issuer: str = "hub"
    jwt_audience: str = "hub-api"
    access_token_ttl: int = Field(default=15 * 60, ge=30, le=24 * 3600)
    refresh_token_ttl: int = Field(default=30 * 24 * 3600, ge=3600)
    argon2_time_cost: int = Field(default=3, ge=1)
    argon2_memory_kib: int = Field(default=64 * 1024, ge=8)
    argon2_parallelism: int = Field(default=4, ge=1)
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    young_talent_max_age: int = Field(default=35, ge=1, le=120)
    default_page_size: int = Field(default=20, ge=1)
    max_page_size: int = Field(default=100, ge=1)
    max_body_bytes: int = Field(default=1_000_000, ge=1_024)
    graphiql: bool | None = None
    introspection: bool = True
    auto_migrate: bool | None = None
    sql_echo: bool = False
    log_level: str = "INFO"

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @field_validator("admin_token", "jwt_secret", mode="before")
    @classmethod
    def _empty_token_is_none(cls, value: object) -> object:
        return None if value == "" else value

    @model_validator(mode="after")
    def _production_signs_with_its_own_key(self) -> Settings:
        secret = self.jwt_secret.get_secret_value() if self.jwt_secret else None
        if secret is None and self.environment == "production":
            raise ValueError("HUB_JWT_SECRET is required in production.")
        if secret is not None and len(secret) < MIN_JWT_SECRET_LENGTH:
            raise ValueError(f"HUB_JWT_SECRET must be at least {MIN_JWT_SECRET_LENGTH} characters.")
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def graphiql_enabled(self) -> bool:
        """GraphiQL is on in development unless switched off, off in production unless on."""
        if self.graphiql is not None:
            return self.graphiql
        return self.environment == "development"

    @property
    def migrates_on_start(self) -> bool:
        """The embedded database migrates itself; PostgreSQL migrations are explicit."""
        if self.auto_migrate is not None:
            return self.auto_migrate
        return self.is_sqlite
