"""`ImageBackend`: a diffusion model draws K bitmaps per description, each is vectorised under the byte budget, and
`Model`'s best-of-N keeps the one its scorer rates highest.

Loading starts on first use (or `start_loading()` at start-up) in a background thread, so a slow load never costs a
deadline: calls made meanwhile raise TimeoutError and the chain answers with the next backend. A load that fails
(no GPU, no pipeline) is remembered and every later call raises `ImageBackendUnavailable` at once.
"""
from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from ...config import ModelConfig
from ...deadline import Deadline
from .devices import ImageBackendUnavailable, Placement, detect_placement
from .options import ImageOptions
from .timeplan import TimePlan

log = logging.getLogger(__name__)


class ImageBackend:
    """The "image" backend of `svgllm.backends.REGISTRY`; options in `ModelConfig.extra["image"]`."""

    name = "image"

    def __init__(self, config: ModelConfig | None = None):
        self.config = config if config is not None else ModelConfig.from_env()
        self.options = ImageOptions.from_dict(self.config.extra.get("image", {}))
        if not self.options.model:
            raise ValueError("the image backend needs a model: set extra['image']['model'] (folder or Kaggle handle)")
        self.svg_budget = min(self.options.svg_budget, self.config.budget_bytes)
        self.plan = TimePlan(self.options.total_hours, self.options.descriptions, self.options.time_share,
                             self.options.images)
        self._lock = threading.Lock()
        self._drawing = threading.Lock()
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None
        self._loaded = None
        self._error: BaseException | None = None
        self._pool: ThreadPoolExecutor | None = None

    # ---------------------------------------------------------------------------------------------- loading
    @property
    def placement(self) -> Placement:
        """Generator and scorer devices for this machine (raises ImageBackendUnavailable without a GPU)."""
        return detect_placement(self.options.device, self.options.dtype)

    def start_loading(self) -> None:
        """Begin loading the pipeline in a background thread (once)."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._load, name="svgllm-image-load", daemon=True)
                self._thread.start()

    def _load(self) -> None:
        from .pipeline import load_pipeline

        try:
            self._loaded = load_pipeline(self.options, self.placement)
            self.plan.loaded()
            log.info("image pipeline %s (%s) on %s: %s", self._loaded.folder, self._loaded.family.name,
                     self._loaded.placement.generator, ", ".join(self._loaded.features) or "no extras")
        except Exception as error:  # noqa: BLE001 - kept and raised on every call, so the chain goes on
            self._error = error
        finally:
            self._ready.set()

    def load(self):
        """Load now and wait (start-up); returns the `LoadedPipeline` or raises why it cannot be used."""
        self.start_loading()
        self._ready.wait()
        return self._check_loaded()

    def _check_loaded(self):
        if self._error is not None:
            if isinstance(self._error, ImageBackendUnavailable):
                raise self._error
            raise ImageBackendUnavailable(f"image pipeline could not be loaded: {self._error!r}"[:400]) \
                from self._error
        if self._loaded is None:
            raise TimeoutError("image pipeline still loading")
        return self._loaded

    @property
    def loaded(self) -> bool:
        """Whether the pipeline is in memory."""
        return self._loaded is not None

    # ------------------------------------------------------------------------------------------- generation
    def generate(self, description: str, deadline: Deadline) -> str:
        """One vectorised image for `description` (the plain chain, `candidates` = 1)."""
        return self.candidates(description, deadline, 1)[0]

    def candidates(self, description: str, deadline: Deadline, n: int) -> list[str]:
        """Up to `n` SVGs (at most `images`, fewer when the time plan or the deadline says so), image 0 first.

        Image i uses seed `seed + i`; images are drawn in batches of `batch_size`, and a batch is only started when
        the measured speed says it ends before the deadline's reserve (the first batch always runs).
        """
        self.start_loading()
        self._ready.wait(max(0.0, deadline.remaining() - self.options.reserve_s))
        loaded = self._check_loaded()
        # One drawing at a time: a call the chain gave up on keeps running in its thread, and a diffusers
        # pipeline (its scheduler's timesteps) must not serve two calls at once.
        if not self._drawing.acquire(timeout=max(0.0, deadline.remaining() - self.options.reserve_s)):
            raise TimeoutError("the previous description's images are still being drawn")
        try:
            return self._draw(loaded, description, deadline, n)
        finally:
            self._drawing.release()

    def _draw(self, loaded, description: str, deadline: Deadline, n: int) -> list[str]:
        """`candidates` once the pipeline is loaded and this call holds the drawing lock.

        The GPU draws batch b+1 while the CPU threads vectorise batch b: the vectoriser (~2 s per image) is the
        CPU half of every candidate, and threads overlap its NumPy / OpenCV / cairo work (1.6x on 2 cores,
        measured). The plan records the whole call's seconds per image, overlap included.
        """
        from .pipeline import generate_images

        opts = self.options
        started = time.monotonic()
        seconds = min(deadline.remaining() - opts.reserve_s, self.plan.seconds_per_description())
        count = max(1, min(int(n), opts.images, self.plan.images_within(seconds)))
        pending = []  # vectorising futures, in seed order
        while len(pending) < count:
            batch = min(opts.batch_size, count - len(pending))
            if pending:  # more than the first batch: only what the measured speed fits before the reserve
                batch = min(batch, self.plan.images_within(deadline.remaining() - opts.reserve_s))
                if batch < 1:
                    break
            first = opts.seed + len(pending)
            images = generate_images(loaded, description, list(range(first, first + batch)), opts)
            budget_s = self._vectorize_seconds(deadline, count - len(pending))
            pending.extend(self._workers().submit(self._trace, image, budget_s) for image in images)
        svgs = [future.result() for future in pending]
        self.plan.record(len(svgs), time.monotonic() - started)
        self.plan.finished()
        return svgs

    def _vectorize_seconds(self, deadline: Deadline, images_left: int) -> float:
        """Search time per image: its share of what is left before the reserve, at most `vectorize_seconds`."""
        workers = max(1, min(self.options.vectorize_workers, images_left))
        share = (deadline.remaining() - self.options.reserve_s) * workers / max(1, images_left)
        return max(0.05, min(self.options.vectorize_seconds, share))

    def _workers(self) -> ThreadPoolExecutor:
        """The vectorising threads, started on first use and kept for the whole run."""
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=self.options.vectorize_workers,
                                                thread_name_prefix="svgllm-vectorize")
            return self._pool

    def _trace(self, image, seconds: float) -> str:
        """One image -> SVG under the budget (reproducible when the colour count and tolerance are fixed)."""
        from ...vectorize import vectorize

        opts = self.options
        return vectorize(image, budget=self.svg_budget, seed=opts.seed, time_budget_s=seconds,
                         colors=opts.vectorize_colors, tolerance=opts.vectorize_tolerance)

    def projection(self):
        """The time plan's `Projection` of the whole run (print it after a first description)."""
        return self.plan.projection()
