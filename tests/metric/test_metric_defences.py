"""The defence chain: deterministic for a seed, and each step does what the metric's facts say."""
import numpy as np
import pytest
from PIL import Image
from svgllm.metric import defences


def noisy_image(size=96, seed=0):
    rng = np.random.default_rng(seed)
    return Image.fromarray((rng.random((size, size, 3)) * 255).astype(np.uint8))


def ramp_image(size=100):
    """Column x has value round(255 * x / (size - 1)) in every channel."""
    row = np.rint(np.linspace(0, 255, size)).astype(np.uint8)
    return Image.fromarray(np.repeat(np.repeat(row[None, :, None], size, axis=0), 3, axis=2))


class FixedRng:
    """Stands in for a numpy Generator: `integers` returns the given values in order."""

    def __init__(self, *values):
        self.values = list(values)

    def integers(self, low, high, size):
        out, self.values = self.values[:size], self.values[size:]
        assert all(low <= v < high for v in out), (out, low, high)
        return np.array(out)


def test_chain_is_deterministic_for_a_seed_and_varies_with_it():
    image = noisy_image(128)
    first = np.asarray(defences.defend(image, 7))
    again = np.asarray(defences.defend(image, 7))
    other = np.asarray(defences.defend(image, 8))
    assert first.shape == (128, 128, 3)
    assert np.array_equal(first, again)
    assert not np.array_equal(first, other)
    assert np.array_equal(np.asarray(defences.defend_for_ocr(image, 3)),
                          np.asarray(defences.defend_for_ocr(image, 3)))


def test_description_seed_is_stable_and_distinguishes_descriptions():
    assert defences.description_seed("a red barn") == defences.description_seed("a red barn")
    assert defences.description_seed("a red barn") != defences.description_seed("a red barn.")
    assert 0 <= defences.description_seed("x") < 2**64


def test_crop_resize_cuts_the_drawn_margins():
    image = ramp_image(100)
    out = np.asarray(defences.random_crop_resize(image, FixedRng(3, 0, 0, 0), fraction=0.03))
    # the left 3 columns are gone: the first column now shows (about) the value of column 3
    assert abs(int(out[50, 0, 0]) - round(255 * 3 / 99)) <= 3
    assert out[50, -1, 0] == 255
    unchanged = np.asarray(defences.random_crop_resize(image, FixedRng(0, 0, 0, 0)))
    assert np.array_equal(unchanged, np.asarray(image))


@pytest.mark.parametrize("fraction", [0.03, 0.05])
def test_crop_never_exceeds_its_fraction(fraction):
    image = ramp_image(100)
    limit = round(255 * int(100 * fraction) / 99)
    for seed in range(30):
        out = np.asarray(defences.random_crop_resize(image, np.random.default_rng(seed), fraction))
        assert out[50, 0, 0] <= limit + 3


def test_jpeg_loses_a_little_and_more_at_lower_quality():
    image = noisy_image(96).resize((96, 96))
    smooth = image.resize((24, 24)).resize((96, 96), Image.BILINEAR)  # JPEG-friendly content
    original = np.asarray(smooth, dtype=float)
    err95 = np.abs(np.asarray(defences.jpeg(smooth, 95), dtype=float) - original).mean()
    err50 = np.abs(np.asarray(defences.jpeg(smooth, 50), dtype=float) - original).mean()
    assert 0 < err95 < 3
    assert err50 > err95


def test_median_removes_specks_and_keeps_edges():
    array = np.zeros((40, 40, 3), dtype=np.uint8)
    array[:, 20:] = 255  # a straight edge
    array[10, 5] = 255  # an isolated white speck in the black half
    out = np.asarray(defences.median(Image.fromarray(array), 9))
    assert out[10, 5].max() == 0
    assert np.array_equal(out[:, :20], array[:, :20] * 0)
    assert (out[:, 20:] == 255).all()


def test_median_matches_opencv_when_available():
    cv2 = pytest.importorskip("cv2")
    image = noisy_image(64, seed=3)
    assert np.array_equal(np.asarray(defences.median(image, 9)), cv2.medianBlur(np.asarray(image), 9))


def stripes(cycles, size=384):
    x = np.arange(size)
    row = 127.5 + 100 * np.cos(2 * np.pi * cycles * x / size)
    return Image.fromarray(np.repeat(np.repeat(np.rint(row)[None, :, None], size, 0), 3, 2).astype(np.uint8))


def test_fft_low_pass_cuts_at_half_of_half_the_smaller_side():
    # 384 px: radius = 0.5 * 192 = 96 cycles per image. 90 cycles pass, 100 are removed.
    kept = np.asarray(defences.fft_low_pass(stripes(90)), dtype=float)
    removed = np.asarray(defences.fft_low_pass(stripes(100)), dtype=float)
    assert np.abs(kept - np.asarray(stripes(90), dtype=float)).max() <= 1
    assert removed.std() < 1 and abs(removed.mean() - 127.5) < 1


def test_bilateral_smooths_noise_but_keeps_a_strong_edge():
    rng = np.random.default_rng(0)
    array = np.full((48, 48, 3), 60.0)
    array[:, 24:] = 220.0
    noisy = np.clip(array + rng.normal(0, 8, array.shape), 0, 255).astype(np.uint8)
    out = np.asarray(defences.bilateral(Image.fromarray(noisy)), dtype=float)
    assert out[:, 2:20].std() < 0.7 * noisy[:, 2:20].astype(float).std()
    assert out[:, 23].mean() < 80 and out[:, 24].mean() > 200  # no blur across the edge


def test_bilateral_matches_opencv_when_available():
    cv2 = pytest.importorskip("cv2")
    image = noisy_image(64, seed=5)
    ours = np.asarray(defences.bilateral(image), dtype=int)
    theirs = cv2.bilateralFilter(np.asarray(image), 5, 75, 75).astype(int)
    assert np.abs(ours - theirs).max() <= 1


def test_chain_runs_the_six_steps_in_order(monkeypatch):
    names = [name for name, _ in defences.DEFENCE_STEPS]
    assert names == ["crop_resize", "jpeg95", "median9", "fft_low_pass", "bilateral", "jpeg92"]
    assert [name for name, _ in defences.OCR_STEPS] == ["crop_resize", "jpeg90"]
    seen = []
    steps = tuple((name, lambda image, rng, name=name: seen.append(name) or image) for name in names)
    monkeypatch.setattr(defences, "DEFENCE_STEPS", steps)
    defences.defend(noisy_image(16), 0)
    assert seen == names
