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
        """`candidates` once the pipeline is loaded and this call holds the drawing lock."""
        opts = self.options
        seconds = min(deadline.remaining() - opts.reserve_s, self.plan.seconds_per_description())
        count = max(1, min(int(n), opts.images, self.plan.images_within(seconds)))
        svgs: list[str] = []
        while len(svgs) < count:
            batch = min(opts.batch_size, count - len(svgs))
            if svgs:  # more than the first batch: only what the measured speed fits before the reserve
                batch = min(batch, self.plan.images_within(deadline.remaining() - opts.reserve_s))
                if batch < 1:
                    break
            svgs.extend(self._draw_batch(loaded, description, list(range(opts.seed + len(svgs),
                                                                         opts.seed + len(svgs) + batch)), deadline))
        self.plan.finished()
        return svgs

    def _draw_batch(self, loaded, description: str, seeds: list[int], deadline: Deadline) -> list[str]:
        """Generate one batch and vectorise each image; the batch's time goes into the plan."""
        from ...vectorize import vectorize
        from .pipeline import generate_images

        started = time.monotonic()
        images = generate_images(loaded, description, seeds, self.options)
        # The vectoriser is the CPU half of every candidate (~2 s each): threads overlap its NumPy / OpenCV /
        # cairo work (1.6x on 2 cores, measured). Each image's search time is its share of what is left.
        workers = max(1, min(self.options.vectorize_workers, len(images)))
        share = (deadline.remaining() - self.options.reserve_s) * workers / len(images)
        seconds = max(0.05, min(self.options.vectorize_seconds, share))

        def trace(image):
            return vectorize(image, budget=self.svg_budget, seed=self.options.seed, time_budget_s=seconds)

        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="svgllm-vectorize") as pool:
            out = list(pool.map(trace, images))
        self.plan.record(len(images), time.monotonic() - started)
        return out

    def projection(self):
        """The time plan's `Projection` of the whole run (print it after a first description)."""
        return self.plan.projection()
