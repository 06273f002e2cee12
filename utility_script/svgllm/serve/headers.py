"""`SecurityHeaders`: an ASGI middleware that puts the browser-hardening headers on every response.

Every answer carries them: JSON from /predict, the demo page, /docs, 404s, 413s from the body limit, and a 500
from an exception nothing else caught (this middleware answers that one itself, so it cannot go out bare).
The Content-Security-Policy is chosen by path: pages get the policy they need, everything else (JSON) gets
`API_POLICY`, which lets a response load and run nothing at all.
"""
from __future__ import annotations

import json
import logging

log = logging.getLogger("svgllm.serve")

# Nothing may be loaded, run, framed or submitted by a response that is only data.
API_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

BASE_HEADERS = {
    "X-Content-Type-Options": "nosniff",  # a JSON answer is never sniffed into HTML or script
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",  # older browsers' form of frame-ancestors 'none' (no clickjacking)
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cache-Control": "no-store",  # answers depend on the request; a shared cache must not replay them
}


class SecurityHeaders:
    """Add `BASE_HEADERS` and a Content-Security-Policy (from `policies` by exact path, else `API_POLICY`)."""

    def __init__(self, app, policies: dict[str, str] | None = None):
        self.app = app
        self.policies = dict(policies or {})

    def headers_for(self, path: str) -> list[tuple[bytes, bytes]]:
        """The raw header pairs added to a response for `path`."""
        values = {**BASE_HEADERS, "Content-Security-Policy": self.policies.get(path, API_POLICY)}
        return [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in values.items()]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        added = self.headers_for(scope.get("path", ""))
        started = False

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {name.lower() for name, _ in message.get("headers", ())}
                # a route's own value of a header wins (none sets these today; kept so one could)
                extra = [(name, value) for name, value in added if name not in names]
                message = {**message, "headers": [*message.get("headers", ()), *extra]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            if started:
                raise  # too late to answer; the server closes the connection
            log.exception("unhandled error on %s", scope.get("path"))
            body = json.dumps({"detail": "internal server error; the server log has the details"}).encode()
            await send_with_headers({"type": "http.response.start", "status": 500, "headers": [
                (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
