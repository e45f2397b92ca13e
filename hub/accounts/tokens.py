"""Access tokens (signed JWTs) and refresh tokens (opaque secrets kept as sha256 digests).

An access token names its user (``sub``) and its session (``sid``); it is short-lived,
signed with HS256 and checked on every request, so logging out or revoking a session
ends it too. A refresh token is a random secret the server only stores hashed.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt

from hub.config import Settings

logger = logging.getLogger("hub.accounts")

ALGORITHM = "HS256"
REQUIRED_CLAIMS = ["iss", "aud", "exp", "iat", "sub", "jti", "sid"]

_development_key: list[str] = []


class InvalidToken(Exception):
    """An access token that cannot be trusted; the message says why, for the client."""


@dataclass(frozen=True)
class IssuedToken:
    token: str
    expires_at: datetime


@dataclass(frozen=True)
class AccessClaims:
    user_id: int
    session_id: str


def signing_key(settings: Settings) -> str:
    """``HUB_JWT_SECRET``; in development without one, a random key for this process."""
    if settings.jwt_secret is not None:
        return settings.jwt_secret.get_secret_value()
    if settings.environment != "development":
        raise RuntimeError("HUB_JWT_SECRET is required outside development.")
    if not _development_key:
        logger.warning(
            "HUB_JWT_SECRET is not set: signing access tokens with a random key that lasts as "
            "long as this process. Set it to keep sessions across restarts and workers."
        )
        _development_key.append(secrets.token_urlsafe(48))
    return _development_key[0]


def issue_access_token(
    settings: Settings, user_id: int, session_id: str, now: datetime | None = None
) -> IssuedToken:
    issued_at = now or datetime.now(UTC)
    expires_at = issued_at + timedelta(seconds=settings.access_token_ttl)
    claims = {
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": issued_at,
        "exp": expires_at,
        "sub": str(user_id),
        "sid": session_id,
        "jti": uuid.uuid4().hex,
    }
    return IssuedToken(jwt.encode(claims, signing_key(settings), algorithm=ALGORITHM), expires_at)


def read_access_token(settings: Settings, token: str) -> AccessClaims:
    """The claims of a valid token; ``InvalidToken`` saying what is wrong otherwise."""
    try:
        claims = jwt.decode(
            token,
            signing_key(settings),
            algorithms=[ALGORITHM],
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options={"require": REQUIRED_CLAIMS},
        )
    except jwt.ExpiredSignatureError as error:
        raise InvalidToken("The access token has expired; refresh the session.") from error
    except jwt.InvalidAudienceError as error:
        raise InvalidToken("The access token was not issued for this API.") from error
    except jwt.InvalidIssuerError as error:
        raise InvalidToken("The access token was not issued by this server.") from error
    except jwt.InvalidSignatureError as error:
        raise InvalidToken("The access token's signature is not valid.") from error
    except jwt.InvalidAlgorithmError as error:
        raise InvalidToken(f"Access tokens must be signed with {ALGORITHM}.") from error
    except jwt.MissingRequiredClaimError as error:
        raise InvalidToken(f"The access token lacks the `{error.claim}` claim.") from error
    except jwt.InvalidTokenError as error:
        raise InvalidToken("The bearer token is neither a valid access token nor a key.") from error
    subject, session_id = claims["sub"], claims["sid"]
    if not (isinstance(subject, str) and subject.isdigit() and isinstance(session_id, str)):
        raise InvalidToken("The access token's subject is not a user of this API.")
    return AccessClaims(user_id=int(subject), session_id=session_id)


def new_session_id() -> str:
    return uuid.uuid4().hex


def new_secret() -> str:
    """A random secret for a refresh token or an API key (256 bits)."""
    return secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    """What is stored instead of a secret: its sha256, enough for 256 random bits."""
    return hashlib.sha256(secret.encode()).hexdigest()


def same_digest(secret: str, stored_digest: str) -> bool:
    return secrets.compare_digest(digest(secret), stored_digest)
