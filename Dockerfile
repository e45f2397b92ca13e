# hub: slim, non-root image serving GraphQL on 0.0.0.0:8000, with exactly the versions
# pinned in uv.lock (the ones the tests ran).
FROM python:3.12-slim AS build
# The uv that uv.lock pins (tests/test_lock.py keeps the two equal).
ARG UV_VERSION=0.13.9
RUN pip install --no-cache-dir "uv==${UV_VERSION}"
ENV UV_PROJECT_ENVIRONMENT=/venv \
    UV_PYTHON_DOWNLOADS=never \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy
WORKDIR /src
COPY pyproject.toml uv.lock README.md ./
# Dependencies first, in their own layer, so a code change does not reinstall them.
RUN uv sync --locked --no-dev --no-install-project --no-cache
COPY hub ./hub
COPY db ./db
RUN uv sync --locked --no-dev --no-editable --no-cache

FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/venv/bin:$PATH \
    HUB_DATABASE_URL=sqlite+aiosqlite:////data/hub.db
RUN useradd --system --uid 10001 --home-dir /data --create-home hub
COPY --from=build /venv /venv
USER hub
WORKDIR /data
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
CMD ["hub", "serve", "--host", "0.0.0.0", "--port", "8000"]
