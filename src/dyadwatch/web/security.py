"""Who may write: the bearer-token rule and the upload size limit.

Write endpoints are off unless ``DYADWATCH_TOKEN`` is set (403). With it, a request needs
``Authorization: Bearer <token>`` (401 without one, 403 with a wrong one). The check runs
in an ASGI guard before the body is read, so that nobody can make the server receive an
upload it would refuse; the same check is declared on the routes for the OpenAPI document.
Uploads must state their ``Content-Length``, at most the ``upload_limit`` setting.
"""

from __future__ import annotations

import hmac
import json
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.types import ASGIApp, Receive, Scope, Send

from dyadwatch.settings import setting

#: Paths that change the store or run the coder; POST only.
WRITE_PATHS = frozenset({"/api/ingest", "/api/code"})

bearer = HTTPBearer(auto_error=False, description="The value of DYADWATCH_TOKEN, needed by the write endpoints.")


def token_problem(authorization: str | None) -> tuple[int, str] | None:
    """(status, message) when a request may not write, None when it may."""
    token = setting("token")
    if not token:
        return 403, "write endpoints are disabled: start the server with DYADWATCH_TOKEN set to enable them"
    if not authorization:
        return 401, "this endpoint needs 'Authorization: Bearer <token>'"
    scheme, _, given = authorization.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        return 401, "this endpoint needs 'Authorization: Bearer <token>'"
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        return 403, "wrong token"
    return None


def upload_limit() -> int:
    try:
        return int(setting("upload_limit"))
    except ValueError:
        return 50_000_000


def size_problem(content_length: str | None) -> tuple[int, str] | None:
    limit = upload_limit()
    if content_length is None:
        return 411, "uploads must state their Content-Length"
    try:
        n = int(content_length)
    except ValueError:
        return 400, "Content-Length is not a number"
    if n > limit:
        return 413, f"upload of {n} bytes is over the limit of {limit} bytes (setting upload_limit, DYADWATCH_UPLOAD_LIMIT)"
    return None


def require_token(request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)] = None) -> None:
    """Route dependency: the token rule (the guard has already applied it; this documents it)."""
    problem = token_problem(request.headers.get("authorization"))
    if problem:
        raise HTTPException(status_code=problem[0], detail=problem[1], headers={"WWW-Authenticate": "Bearer"} if problem[0] == 401 else None)


class WriteGuard:
    """ASGI middleware: refuse a write request by its headers, before its body is received."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("path") in WRITE_PATHS and scope.get("method") == "POST":
            headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
            problem = token_problem(headers.get("authorization")) or size_problem(headers.get("content-length"))
            if problem:
                await _refuse(send, *problem)
                return
        await self.app(scope, receive, send)


async def _refuse(send: Send, status: int, message: str) -> None:
    body = json.dumps({"detail": message}).encode()
    headers: list[Any] = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
