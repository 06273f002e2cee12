"""Turn whatever the caller hands in (PIL image, numpy array, path) into one float RGB array.

The competition renders on a square 384x384 canvas, so every source is resampled to that square (a non-square
image is stretched, exactly as the metric resizes a non-square render). Transparent pixels are composited onto
`background` because the metric turns transparency black, which is never what an illustration meant.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..values import CANVAS_SIZE


def load_rgb(image, size: int = CANVAS_SIZE, background=(255, 255, 255)):
    """Return `image` as a float32 array (size, size, 3) in 0..255, alpha composited onto `background`.

    Accepts a PIL image, a numpy array (HxW gray, HxWx1, HxWx3 RGB or HxWx4 RGBA; uint8 0..255 or float 0..1)
    or a path to an image file. Raises TypeError / ValueError / FileNotFoundError with a readable message.
    """
    import numpy as np

    array = _to_array(image)
    if array.ndim == 3 and array.shape[2] == 1:
        array = array[:, :, 0]
    if array.ndim == 2:
        array = np.repeat(array[:, :, None], 3, axis=2)
    if array.ndim != 3 or array.shape[2] not in (3, 4):
        raise ValueError(f"expected an HxW, HxWx3 or HxWx4 image, got an array of shape {array.shape}")
    if array.shape[0] < 1 or array.shape[1] < 1:
        raise ValueError(f"image has no pixels (shape {array.shape})")
    array = _to_float255(array)
    if array.shape[2] == 4:
        alpha = array[:, :, 3:4] / 255.0
        backdrop = np.asarray(background, dtype=np.float32).reshape(1, 1, 3)
        array = array[:, :, :3] * alpha + backdrop * (1.0 - alpha)
    return _resize(np.ascontiguousarray(array, dtype=np.float32), size)


def _to_array(image):
    """PIL image / numpy array / path -> numpy array (no conversion of values yet)."""
    import numpy as np

    if isinstance(image, (str, os.PathLike)):
        path = Path(image)
        if not path.is_file():
            raise FileNotFoundError(f"no image file at {path}")
        from PIL import Image

        with Image.open(path) as opened:
            image = opened.copy()
    if hasattr(image, "mode") and hasattr(image, "convert"):  # a PIL image, without importing PIL eagerly
        mode = "RGBA" if ("A" in image.mode or "transparency" in image.info) else "RGB"
        return np.asarray(image.convert(mode))
    if isinstance(image, np.ndarray):
        return image
    raise TypeError(f"image must be a PIL image, a numpy array or a path, not {type(image).__name__}")


def _to_float255(array):
    """Any numeric dtype -> float32 0..255 (floats are taken as 0..1, integers as 0..255; bools as 0/1)."""
    import numpy as np

    if array.dtype == bool:
        return array.astype(np.float32) * 255.0
    if not (np.issubdtype(array.dtype, np.integer) or np.issubdtype(array.dtype, np.floating)):
        raise TypeError(f"image array must be numeric, not {array.dtype}")
    if np.issubdtype(array.dtype, np.floating):
        if not np.all(np.isfinite(array)):
            raise ValueError("image array contains NaN or infinite values")
        return np.clip(array.astype(np.float32), 0.0, 1.0) * 255.0
    if array.dtype == np.uint16:  # 16-bit images keep their full range
        return array.astype(np.float32) / 257.0
    return np.clip(array.astype(np.float32), 0.0, 255.0)


def _resize(array, size: int):
    """Resample to size x size: area averaging when shrinking (no aliasing), bilinear when enlarging."""
    import cv2

    height, width = array.shape[:2]
    if (height, width) == (size, size):
        return array
    shrinking = height >= size and width >= size
    interpolation = cv2.INTER_AREA if shrinking else cv2.INTER_LINEAR
    return cv2.resize(array, (size, size), interpolation=interpolation)
