"""Colour quantisation in a perceptual colour space: k-means on CIE Lab, labels + RGB palette."""
from __future__ import annotations

MAX_SAMPLES = 20_000  # k-means sees at most this many pixels; assignment then covers every pixel


def quantize(rgb, colors: int, seed: int = 0):
    """Cluster the pixels of `rgb` (HxWx3 float 0..255) into at most `colors` colours in Lab space.

    Returns (labels HxW int32, palette Kx3 float RGB 0..255). Palette entries are the RGB means of their pixels
    (not the Lab centroid converted back), so each colour is exactly the average the renderer should paint.
    Deterministic for a seed. Fewer clusters come back when the image has fewer distinct colours.
    """
    import numpy as np
    from skimage.color import rgb2lab
    from sklearn.cluster import KMeans

    height, width = rgb.shape[:2]
    lab = rgb2lab(np.clip(rgb, 0, 255) / 255.0).reshape(-1, 3).astype(np.float32)
    rng = np.random.default_rng(seed)
    sample = lab if len(lab) <= MAX_SAMPLES else lab[rng.choice(len(lab), MAX_SAMPLES, replace=False)]
    # no more clusters than distinct sample colours (k-means would warn and duplicate centres)
    k = int(max(1, min(colors, len(np.unique(sample, axis=0)))))
    if k == 1:
        return np.zeros((height, width), np.int32), rgb.reshape(-1, 3).mean(axis=0, keepdims=True)
    model = KMeans(n_clusters=k, n_init=1, random_state=seed, max_iter=100).fit(sample)
    labels = model.predict(lab)
    return _compact(labels.reshape(height, width), rgb.reshape(-1, 3), k)


def _compact(labels, pixels, k: int):
    """Drop empty clusters, renumber labels 0..n-1 and compute each cluster's mean RGB."""
    import numpy as np

    counts = np.bincount(labels.ravel(), minlength=k)
    used = np.flatnonzero(counts)
    remap = np.full(k, -1, np.int32)
    remap[used] = np.arange(len(used), dtype=np.int32)
    labels = remap[labels].astype(np.int32)
    flat = labels.ravel()
    palette = np.stack(
        [np.bincount(flat, weights=pixels[:, c], minlength=len(used)) for c in range(3)], axis=1
    ) / counts[used][:, None]
    return labels, palette
