"""The one place configuration comes from: environment variables with the ``HUB_`` prefix."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, IPvAnyNetwork, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from hub.core.money import Money, MoneyError
from hub.core.search_sql import SIMILARITY_FLOOR

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./hub.db"
MIN_JWT_SECRET_LENGTH = 32
DEFAULT_PLATFORM_FEE_BASIS_POINTS = 500
"""The platform's fee on each captured pledge unless configured: 5 %."""


def parse_threshold(text: str) -> Money:
    """``"1000000 KZT"``: a positive amount in major units, then an ISO 4217 code."""
    amount, _space, currency = text.strip().partition(" ")
    try:
        money = Money.from_decimal(amount, currency.strip().upper())
    except MoneyError as error:
        raise ValueError(f"{text!r} is not an amount and a currency: {error}") from error
    if money.minor_units <= 0:
        raise ValueError(f"{text!r} is not a positive amount")
    return money


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
    registration_ttl: int = Field(
        default=24 * 3600, ge=300, description="Seconds a registration's confirmation code works."
    )
    mail_backend: Literal["log", "smtp"] = "log"
    smtp_host: str | None = None
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = True
    mail_from: str = "hub <no-reply@localhost>"
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    young_talent_max_age: int = Field(default=35, ge=1, le=120)
    default_page_size: int = Field(default=20, ge=1)
    max_page_size: int = Field(default=100, ge=1)
    max_body_bytes: int = Field(default=1_000_000, ge=1_024)
    max_header_bytes: int = Field(
        default=16_384,
        ge=1_024,
        description="Bytes of all header names and values of a request together; over "
        "it, 431 before anything else runs.",
    )
    max_header_count: int = Field(
        default=100, ge=10, description="Headers in a request; over it, 431 likewise."
    )
    search_similarity_threshold: float = Field(
        default=SIMILARITY_FLOOR,
        ge=SIMILARITY_FLOOR,
        le=1.0,
        description="How similar a word must be to a name's word to match it fuzzily.",
    )
    collaboration_max_hops: int = Field(default=6, ge=1, le=12)
    # Kept under the bind-parameter limits of both databases: a frontier is one IN list.
    collaboration_max_frontier: int = Field(default=5_000, ge=1, le=20_000)
    match_weight_discipline: float = Field(default=3.0, ge=0, le=100)
    match_weight_seniority: float = Field(default=2.0, ge=0, le=100)
    match_weight_experience: float = Field(default=1.0, ge=0, le=100)
    match_weight_language: float = Field(default=2.0, ge=0, le=100)
    match_weight_preferred_country: float = Field(default=1.0, ge=0, le=100)
    match_weight_cross_border: float = Field(default=1.5, ge=0, le=100)
    match_weight_location: float = Field(default=2.0, ge=0, le=100)
    match_weight_young_talent: float = Field(default=1.0, ge=0, le=100)
    match_weight_mentor: float = Field(default=1.0, ge=0, le=100)
    match_weight_availability: float = Field(default=1.0, ge=0, le=100)
    match_weight_complementary_disciplines: float = Field(default=3.0, ge=0, le=100)
    match_weight_shared_languages: float = Field(default=1.5, ge=0, le=100)
    match_weight_prior_collaboration: float = Field(
        default=1.0,
        ge=-100,
        le=100,
        description="Signed: positive favours partners who worked together before, "
        "negative favours new partnerships.",
    )
    match_weight_level_fit: float = Field(default=2.0, ge=0, le=100)
    match_weight_level_gap: float = Field(
        default=2.0,
        ge=0,
        le=100,
        description="recommendedMentors: a mentor two or more levels above the creator.",
    )
    match_weight_mentoring_capacity: float = Field(
        default=1.0, ge=0, le=100, description="recommendedMentors: mentoring places left."
    )
    match_weight_free_seats: float = Field(
        default=1.0, ge=0, le=100, description="recommendedProgrammes: a seat free (no waitlist)."
    )
    match_weight_verified_skill: float = Field(
        default=1.0,
        ge=0,
        le=100,
        description="A level attested by a valid credential (a completed programme) rather "
        "than only declared.",
    )
    match_experience_full_years: int = Field(default=10, ge=1, le=60)
    match_min_language_proficiency: Literal[
        "BASIC", "CONVERSATIONAL", "PROFESSIONAL", "FLUENT", "NATIVE"
    ] = Field(
        default="PROFESSIONAL",
        description="The proficiency a required language needs when a role asks for none.",
    )
    max_query_depth: int = Field(default=10, ge=1)
    max_aliases: int = Field(default=30, ge=0)
    max_tokens: int = Field(default=2_000, ge=100)
    max_query_cost: int = Field(default=10_000, ge=1)
    rate_limit_per_minute: int = Field(
        default=60_000, ge=0, description="Cost points per client per minute; 0 turns it off."
    )
    redis_url: str | None = Field(
        default=None, description="Shared store for rate limits and persisted queries."
    )
    redis_prefix: str = "hub:"
    trusted_proxies: Annotated[list[IPvAnyNetwork], NoDecode] = Field(default_factory=list)
    trusted_documents: Path | None = None
    trusted_documents_only: bool = False
    graphiql: bool | None = None
    introspection: bool = True
    auto_migrate: bool | None = None
    sql_echo: bool = False
    compiled_reads: bool = Field(
        default=True,
        description="Answer queries the read mapping describes from one SQL statement per "
        "root field (docs/architecture.md); false sends every query through the resolvers.",
    )
    compiled_connections: int | None = Field(
        default=None,
        ge=1,
        le=64,
        description="Database connections of the compiled read path per worker process, "
        "beside the engine's pool (10 + 10 overflow); unset, 10 on PostgreSQL (each is held "
        "for one round trip, so requests/s is about this many divided by a statement's "
        "latency) and 4 on SQLite, where they are threads of this process: more run no "
        "faster on its cores, and each holds its own page cache.",
    )
    log_level: str = "INFO"
    redis_timeout_seconds: float = Field(
        default=0.5,
        gt=0,
        description="How long a Redis connect or command may take before limits fall back "
        "to this process alone; short, so an outage degrades requests instead of hanging them.",
    )
    redis_probe_seconds: float = Field(
        default=1.0,
        gt=0,
        le=60,
        description="While Redis is unreachable, how often one background PING per process "
        "checks whether it is back; limits are shared again within about this long.",
    )
    # Bounded inputs (contract): checked before a document is parsed or run.
    max_document_length: int = Field(
        default=50_000, ge=1_000, description="Characters in a GraphQL document."
    )
    max_text_length: int = Field(
        default=10_000,
        ge=100,
        description="Characters in any one string argument or input value, literal or variable.",
    )
    reach_min_count: int = Field(
        default=5,
        ge=1,
        le=1_000,
        description="The Talent Factory's public reach withholds counts below this (1 to "
        "it minus 1 people), and what would give them away (docs/credentials.md#reach); "
        "staff and hosts see exact figures. 1 withholds nothing.",
    )
    public_url: str = Field(
        default="http://127.0.0.1:8000",
        description="Where the hub is reached from outside, without a trailing slash: "
        "credentials name their public URLs under it.",
    )
    credential_signing_key: SecretStr | None = Field(
        default=None,
        description="The Ed25519 key signing credentials: its 32-byte seed, base64url "
        "(`hub credentials new-key` makes one). Without one, development signs with a random "
        "key per process and production serves no credentials.",
    )
    credential_retired_keys: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="did:key identifiers of earlier signing keys, comma-separated: documents "
        "they signed still verify after a key rotation.",
    )
    jobs_in_server: bool = Field(
        default=True,
        description="`hub serve` runs the job runner beside the API; off when `hub worker` "
        "processes run the jobs instead.",
    )
    jobs_after_request: bool = Field(
        default=False,
        description="Run the jobs a request queued before answering it: for tests and "
        "demos, where mail must have gone when the answer arrives.",
    )
    jobs_poll_interval: float = Field(
        default=1.0, gt=0, le=60, description="Seconds an idle runner waits between looks."
    )
    jobs_lease: int = Field(
        default=300,
        ge=10,
        description="Seconds a worker holds a job: a run lasting longer is cancelled and "
        "retried, and a dead worker's job is taken over after it.",
    )
    max_concurrent_requests: int = Field(
        default=16,
        ge=1,
        description="GraphQL requests one worker process runs at once; more wait "
        "`HUB_ADMISSION_WAIT_SECONDS` for a slot, then get 503 OVERLOADED. The default "
        "keeps every running request within the database pool (10 + 10 overflow) with "
        "room left for the job runner, idempotency keys and /readyz.",
    )
    max_subscriptions_per_connection: int = Field(
        default=10,
        ge=1,
        le=1000,
        description="Subscriptions one WebSocket connection may run at once; one more is "
        "refused with TOO_MANY_SUBSCRIPTIONS while the others keep running.",
    )
    admission_wait_seconds: float = Field(
        default=0.5,
        ge=0,
        le=30,
        description="How long a GraphQL request may queue for a slot before 503 OVERLOADED.",
    )
    db_pool_timeout: float = Field(
        default=3.0,
        gt=0,
        le=60,
        description="Seconds to wait for a pooled database connection before 503 "
        "OVERLOADED; short, so an exhausted pool sheds load instead of hanging requests.",
    )
    retry_after_seconds: int = Field(
        default=2,
        ge=1,
        le=3600,
        description="The `Retry-After` of a 503 (SERVICE_UNAVAILABLE, OVERLOADED).",
    )
    idempotency_ttl: int = Field(
        default=24 * 3600, ge=60, description="Seconds an `Idempotency-Key` is remembered."
    )
    patron_badge_threshold: str = Field(
        default="1000000 KZT",
        description="Lifetime public giving that earns a profile the `patron` badge: an "
        "amount in major units and an ISO 4217 code (`1000000 KZT`, `2000 USD`); giving in "
        "other currencies is converted with the day's exchange rates (docs/crowdfunding.md).",
    )
    platform_fee_basis_points: int = Field(
        default=DEFAULT_PLATFORM_FEE_BASIS_POINTS,
        ge=0,
        le=5_000,
        description="The platform's fee on each captured pledge, in hundredths of a percent "
        "(500 = 5 %, at most 50 %). A campaign keeps the rate it launched with, and each fee "
        "in the ledger records the rate it was computed with, so a change applies only to "
        "campaigns launched after it.",
    )

    @field_validator("cors_origins", "trusted_proxies", "credential_retired_keys", mode="before")
    @classmethod
    def _split_list(cls, value: object) -> object:
        if isinstance(value, str):
            return [item.strip() for item in value.split(",") if item.strip()]
        return value

    @field_validator(
        "admin_token",
        "jwt_secret",
        "credential_signing_key",
        "redis_url",
        "trusted_documents",
        "smtp_host",
        "smtp_username",
        "smtp_password",
        mode="before",
    )
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("patron_badge_threshold")
    @classmethod
    def _threshold_is_money(cls, value: str) -> str:
        parse_threshold(value)
        return value

    @property
    def patron_badge_minimum(self) -> Money:
        """``patron_badge_threshold`` as exact money."""
        return parse_threshold(self.patron_badge_threshold)

    @model_validator(mode="after")
    def _limits_fit_together(self) -> Settings:
        if self.trusted_documents_only and self.trusted_documents is None:
            raise ValueError("HUB_TRUSTED_DOCUMENTS_ONLY needs HUB_TRUSTED_DOCUMENTS (a manifest).")
        if self.max_query_cost > self.rate_limit_per_minute > 0:
            raise ValueError("HUB_MAX_QUERY_COST cannot exceed HUB_RATE_LIMIT_PER_MINUTE.")
        return self

    @model_validator(mode="after")
    def _smtp_has_a_server(self) -> Settings:
        if self.mail_backend == "smtp" and self.smtp_host is None:
            raise ValueError("HUB_MAIL_BACKEND=smtp needs HUB_SMTP_HOST.")
        return self

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
