"""`BodyLimit`: an ASGI middleware that refuses request bodies over a size, declared or streamed (413)."""
from __future__ import annotations

import json


class BodyLimit:
    """Answer 413 to a body over `max_bytes`: at once when Content-Length says so, else as soon as the
    streamed (chunked) body passes the limit, so an endless upload never fills memory."""

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    def _message(self, size: str) -> str:
        return f"request body too large: {size} bytes > {self.max_bytes}"

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or ()).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send, self._message(declared.decode()))
            return
        received = 0

        async def limited_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # Raised where the framework reads the body, so it becomes an ordinary 413 answer.
                    from fastapi import HTTPException

                    raise HTTPException(413, f"request body too large: over {self.max_bytes} bytes")
            return message

        await self.app(scope, limited_receive, send)

    @staticmethod
    async def _refuse(send, detail: str) -> None:
        body = json.dumps({"detail": detail}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
