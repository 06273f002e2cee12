"""`create_app(model=None, config=None, settings=None) -> FastAPI`: the HTTP demo around one `Model`.

Routes: `POST /predict` ({"description"} -> {"svg", "backend", "ms"}), `GET /health`, `GET /` (the demo page),
`GET /docs` (a static, script-free API reference) and FastAPI's `/openapi.json`. The model is created and its
backends loaded once, at startup (the lifespan), and every call to it goes through one `ModelRunner` thread:
requests queue for the single model, a full queue answers 503, a request that waits too long 504, and a queued
request whose client hung up is dropped. Every response carries the security headers of `headers.py`.
"""
from __future__ import annotations

import asyncio
import logging
import math
from contextlib import asynccontextmanager

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response

from .. import __version__
from ..config import ModelConfig
from ..limits import MAX_DESCRIPTION_CHARS
from . import docs, page
from .headers import SecurityHeaders
from .limits import BodyLimit
from .runner import ModelRunner, QueueFull, RequestTimeout, RunnerClosed
from .schemas import (
    ChoiceResponse,
    ErrorResponse,
    HealthResponse,
    PredictRequest,
    PredictResponse,
)
from .settings import QUEUE_WAIT_MARGIN_S, ServeSettings
from .validation import describe_errors

log = logging.getLogger("svgllm.serve")

MAX_BODY_BYTES = 16 * 1024  # a 200-character description in JSON is far below this; bigger bodies are refused
CLIENT_GONE_STATUS = 499  # nginx's "client closed request": logged, never read by anyone


class ClientGone(Exception):
    """The client disconnected before its answer was ready."""


class _Service:
    """What the routes share: the model, its runner and how loading went. Filled in at startup."""

    def __init__(self, model, config: ModelConfig | None, settings: ServeSettings):
        self.model = model
        self.config = config
        self.settings = settings
        self.runner: ModelRunner | None = None
        self.load_error: str | None = None

    async def start(self) -> None:
        """Create the model (unless given) and load its backends on the model thread, once."""
        from ..model import Model

        if self.model is None:
            self.model = Model(self.config if self.config is not None else ModelConfig.from_env())
        timeout_s = self.settings.timeout_s
        if timeout_s is None:
            timeout_s = self.model.config.deadline_s + QUEUE_WAIT_MARGIN_S
        self.runner = ModelRunner(queue_size=self.settings.queue_size, timeout_s=timeout_s)
        try:
            # `Model.backends` creates (loads) every backend of the chain; done here so no request pays for it.
            backends = await self.runner.run(lambda: self.model.backends, wait_forever=True)
            log.info("model ready: backends %s", ", ".join(backend.name for backend in backends))
        except Exception as error:  # noqa: BLE001 - keep serving: Model falls back and /health says why
            self.load_error = f"{type(error).__name__}: {error}"[:500]
            log.error("loading the model failed: %s", self.load_error)

    def stop(self) -> None:
        """Drop queued requests; called at shutdown."""
        if self.runner is not None:
            self.runner.shutdown()

    def backend_names(self) -> list[str]:
        """The configured chain (from the config, so it works even if loading failed)."""
        config = getattr(self.model, "config", None) or self.config
        return list(config.backends) if config is not None else []


def create_app(model=None, config: ModelConfig | None = None, settings: ServeSettings | None = None) -> FastAPI:
    """Build the FastAPI app. Cheap: nothing is loaded until the server starts.

    `model`: any object with `predict_with_info(description)` returning a `Prediction` (default: a new
    `Model(config)`, with `config` defaulting to `ModelConfig.from_env()`). `settings`: `ServeSettings`.
    """
    service = _Service(model, config, settings if settings is not None else ServeSettings())

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        await service.start()
        try:
            yield
        finally:
            service.stop()

    app = FastAPI(
        title="svgllm",
        version=__version__,
        description=(
            "Text to SVG for the 'Drawing with LLMs' competition. Every answer is a sanitised SVG that passes "
            "the competition's rules. Requests are served one at a time by a single model; a full queue "
            "answers 503 and a request that waits too long 504."
        ),
        lifespan=lifespan,
        docs_url=None,  # FastAPI's Swagger page needs a CDN and inline scripts; /docs below needs neither
        redoc_url=None,
    )
    app.state.service = service
    app.add_exception_handler(RequestValidationError, _validation_error)

    app.add_middleware(BodyLimit, max_bytes=MAX_BODY_BYTES)
    # added last = outermost: the body limit's 413 and any unhandled error get the headers too
    app.add_middleware(SecurityHeaders, policies={"/": page.PAGE_POLICY, "/docs": docs.DOCS_POLICY})

    errors = {
        413: {"model": ErrorResponse, "description": "Request body too large."},
        422: {"model": ErrorResponse, "description": "Bad input: the description is missing, empty, blank, "
              f"longer than {MAX_DESCRIPTION_CHARS} characters or not a string."},
        503: {"model": ErrorResponse, "description": "The queue is full or the model is not loaded."},
        504: {"model": ErrorResponse, "description": "No answer within the request timeout."},
        500: {"model": ErrorResponse, "description": "The model raised (never expected; see the server log)."},
    }

    @app.post("/predict", response_model=PredictResponse, responses=errors, summary="Draw a description as SVG")
    async def predict(body: PredictRequest, request: Request) -> PredictResponse:
        """Draw `description`; the answer is always a competition-valid SVG."""
        try:
            return await _unless_client_leaves(request, _predict(service, body.description))
        except ClientGone:
            log.info("client went away before its answer; its queue place is freed")
            return Response(status_code=CLIENT_GONE_STATUS)

    @app.get("/health", response_model=HealthResponse, summary="Liveness and configuration")
    async def health() -> HealthResponse:
        """Whether the model loaded, its backend chain and how many requests are running or queued."""
        runner = service.runner
        return HealthResponse(
            status="degraded" if service.load_error else ("ok" if runner is not None else "starting"),
            backends=service.backend_names(),
            in_flight=runner.in_flight if runner is not None else 0,
            version=__version__,
            error=service.load_error,
        )

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def index() -> HTMLResponse:
        return HTMLResponse(page.PAGE_HTML)

    @app.get(page.SCRIPT_PATH, include_in_schema=False)
    async def script() -> Response:
        return Response(page.PAGE_JS, media_type="text/javascript")

    @app.get(page.STYLE_PATH, include_in_schema=False)
    async def style() -> Response:
        return Response(page.PAGE_CSS, media_type="text/css")

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    async def reference() -> HTMLResponse:
        return HTMLResponse(docs.render_docs(app.openapi()))

    return app


async def _wait_for_disconnect(request: Request) -> None:
    """Return once the client has hung up (the body is already read, so only `http.disconnect` can come)."""
    while (await request.receive())["type"] != "http.disconnect":
        pass


async def _unless_client_leaves(request: Request, work):
    """Await `work`, but give up (ClientGone) if the client disconnects first.

    Cancelling `work` while it waits in the runner's queue takes it out of the queue, so requests abandoned by
    their clients stop holding places that real ones need; a call already running finishes in the background.
    """
    task = asyncio.ensure_future(work)
    gone = asyncio.ensure_future(_wait_for_disconnect(request))
    try:
        done, _ = await asyncio.wait({task, gone}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        gone.cancel()
        if not task.done():
            task.cancel()  # also reached when this request itself is cancelled (server shutdown)
    if task in done:
        return task.result()
    raise ClientGone


async def _predict(service: _Service, description: str) -> PredictResponse:
    """Queue one description for the model and shape its answer (or the 503/504 saying why there is none)."""
    from ..model import EMERGENCY_SVG
    from ..rules import check

    runner = service.runner
    if runner is None:
        raise HTTPException(503, "the model is not loaded: the server is starting or stopping")
    try:
        prediction = await runner.run(service.model.predict_with_info, description)
    except QueueFull:
        raise HTTPException(
            503,
            f"the server is busy: {runner.queue_size} requests are already waiting for the model; retry shortly",
            headers={"Retry-After": "5"},
        ) from None
    except RequestTimeout:
        raise HTTPException(
            504, f"no answer within {runner.timeout_s:g} s (the model is busy or slow); retry later"
        ) from None
    except RunnerClosed:
        raise HTTPException(503, "the server is stopping; retry shortly") from None
    except Exception:  # predict_with_info never raises, but a plugged-in model might: log it
        log.exception("the model raised on a %d-character description", len(description))
        raise HTTPException(500, "the model failed on this description; the server log has the details") from None
    svg, backend = prediction.svg, prediction.backend
    problems = check(svg)
    if problems:  # Model promises valid answers; never pass on one that is not, whatever model was plugged in
        log.error("model answer failed the rules (%s); sending the emergency SVG", "; ".join(problems[:3]))
        svg, backend = EMERGENCY_SVG, "emergency"
    log.info("drew %d chars with %s in %.0f ms", len(description), backend, prediction.seconds * 1000)
    return PredictResponse(svg=svg, backend=backend, ms=round(prediction.seconds * 1000, 1),
                           choice=_choice_of(prediction) if backend == prediction.backend else None)


def _choice_of(prediction) -> ChoiceResponse | None:
    """The best-of-N record of `prediction` for JSON (NaN scores become null), or None without one."""
    choice = getattr(prediction, "choice", None)
    if choice is None:
        return None
    scores = [score if math.isfinite(score) else None for score in choice.scores]
    return ChoiceResponse(backends=list(choice.backends), scores=scores, index=choice.index, scorer=choice.scorer)


async def _validation_error(_request: Request, error: RequestValidationError) -> JSONResponse:
    """422 with one readable sentence in `detail` and the individual problems in `errors`."""
    detail, problems = describe_errors(error.errors())
    return JSONResponse(status_code=422, content={"detail": detail, "errors": problems})


def default_app() -> FastAPI:
    """The app behind `uvicorn svgllm.serve:app`: model config and server settings from SVGLLM_* variables."""
    return create_app(settings=ServeSettings.from_env())
