"""Build the composer's motif library from open emoji icon sets on the npm registry.

    python -m dataset_build.motifs                       # fetch, sanitise, write svgllm/data/motifs.json
    python -m dataset_build.motifs --source DIR ...      # use already unpacked iconify-json packages

Each icon set is an `@iconify-json/*` npm package (`package/icons.json` + `metadata.json` + `info.json`). Every
icon body is sanitised to the competition allowlist (checked with `svgllm.rules.check`; icons needing anything
the allowlist forbids are dropped), its numbers are shortened, and its fill colours are measured on a small
render so that the composer can recolour the motif: the colour covering most pixels is the *dominant* colour and
the fills of the same hue family are recoloured together. The result is one JSON file of package data plus a
licence/attribution text next to it.
"""

from __future__ import annotations

import argparse
import colorsys
import json
import re
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

# Ordered by preference: the first set that has an icon name wins (fluent's flat style reads best when small).
# Versions pinned so a rebuild reproduces the committed library byte for byte.
DEFAULT_PACKAGES = ("@iconify-json/fluent-emoji-flat@1.2.6", "@iconify-json/twemoji@1.2.5")
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "utility_script" / "svgllm" / "data"
LIBRARY_FILE = "motifs.json"
LICENSE_FILE = "motifs_LICENSE.txt"
# Categories drawn as subjects; flags, faces and most symbols would only read as text or clutter.
KEEP_CATEGORIES = ("Activities", "Animals & Nature", "Food & Drink", "Objects", "Travel & Places", "People & Body")
SYMBOL_KEEP = re.compile(r"heart|star|circle|square|diamond|triangle|moon|cross-mark|infinity|yin-yang|peace")
# Skin-tone variants repeat the base icon; names with words that read as text (buttons, clocks) invite OCR.
SKIP_NAME = re.compile(
    r"-(dark|light|medium|medium-dark|medium-light)$|skin-tone|button|oclock|thirty|keycap|banknote|"
    r"calendar|flag|letter|mark$|^(a|b|o|ab|id|sos|cl|ng|ok|up|vs)-"
)
# People are kept as a few generic figures; gendered/role variants and hand gestures would triple the size.
PEOPLE_SKIP = re.compile(
    r"^(man|woman|men|women)-|hand|finger|fist|index|thumbs|salute|gesture|horns|selfie|"
    r"palm|facing-right|wheelchair|kneeling|pregnant|breast|hugging|-with-|tongue|nose|mouth|"
    r"^ear|biceps|lungs|brain|^leg|^foot|^family-|^kiss-"
)
# A motif must leave room for a background and a second subject under the 10,000-byte cap.
MAX_BODY_BYTES = 6000
STOP_WORDS = {"with", "of", "and", "the", "a", "in", "on", "at", "for", "to"}
# SVG number tokens, read left to right the way a path parser does ("-.32.223" is "-.32" then ".223")
_NUMBER = re.compile(r"-?(?:\d+(?:\.\d*)?|\.\d+)")
_HEX = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")
_NAMED_FILL = re.compile(r'(fill|stroke|stop-color)="(?!#|none|url|currentColor)([a-zA-Z]+)"')


@dataclass
class IconSet:
    """One unpacked iconify-json package."""

    prefix: str
    size: int
    icons: dict
    categories: dict
    info: dict


def fetch_package(name: str, cache: Path) -> Path:
    """`npm pack` the package (optionally "name@version") into `cache`, skipped when already there (the build is
    resumable), and unpack it."""
    cache.mkdir(parents=True, exist_ok=True)
    package, _, version = name.lstrip("@").partition("@")  # "scope/pkg@1.2.3" -> tarball scope-pkg-1.2.3.tgz
    stem = package.replace("/", "-")
    tarballs = sorted(cache.glob(f"{stem}-{version or '*'}.tgz"))
    if not tarballs:
        subprocess.run(["npm", "pack", name, "--pack-destination", str(cache)], check=True, stdout=subprocess.DEVNULL)
        tarballs = sorted(cache.glob(f"{stem}-{version or '*'}.tgz"))
        if not tarballs:
            raise RuntimeError(f"npm pack {name} wrote no tarball into {cache}")
    target = cache / tarballs[-1].name.removesuffix(".tgz")
    if not (target / "package" / "icons.json").exists():
        with tarfile.open(tarballs[-1]) as archive:
            archive.extractall(target, filter="data")
    return target / "package"


def load_icon_set(package_dir: Path) -> IconSet:
    """Read an unpacked iconify-json package (`icons.json`, optional `metadata.json` and `info.json`)."""
    package_dir = Path(package_dir)
    icons_file = package_dir / "icons.json"
    if not icons_file.exists():
        raise FileNotFoundError(f"{package_dir} is not an iconify-json package: no icons.json")
    raw = json.loads(icons_file.read_text(encoding="utf-8"))
    metadata_file, info_file = package_dir / "metadata.json", package_dir / "info.json"
    categories = json.loads(metadata_file.read_text())["categories"] if metadata_file.exists() else {}
    info = json.loads(info_file.read_text()) if info_file.exists() else {}
    return IconSet(raw["prefix"], int(raw.get("height", raw.get("width", 16))), raw["icons"], categories, info)


def selected_names(icon_set: IconSet) -> dict[str, str]:
    """Icon name -> category for the icons worth drawing as subjects."""
    chosen: dict[str, str] = {}
    if not icon_set.categories:  # a set without metadata: take everything not excluded by name
        return {name: "" for name in icon_set.icons if not SKIP_NAME.search(name)}
    for category, names in icon_set.categories.items():
        keep_all = category in KEEP_CATEGORIES
        for name in names:
            if category == "People & Body" and PEOPLE_SKIP.search(name):
                continue
            if (
                name in icon_set.icons
                and not SKIP_NAME.search(name)
                and (keep_all or (category == "Symbols" and SYMBOL_KEEP.search(name)))
            ):
                chosen[name] = category
    return chosen


def _short_number(match: re.Match, text: str) -> str:
    token = match.group(0)
    if "." not in token or len(token.split(".")[1]) < 3:
        return token
    value = round(float(token), 2)
    out = f"{value:.2f}".rstrip("0").rstrip(".")
    if out in ("-0", ""):
        out = "0"
    out = out.replace("0.", ".", 1) if out.startswith("0.") else out.replace("-0.", "-.", 1)
    previous = text[match.start() - 1] if match.start() else " "
    # "1.2" followed by ".004" rounded to "0" must not fuse into "1.20": keep a separator before bare integers.
    if (previous.isdigit() or previous == ".") and not out.startswith(("-", ".")):
        out = " " + out
    return out


def _normalise_hex(match: re.Match) -> str:
    value = match.group(1).lower()
    if len(value) == 3:
        value = "".join(ch * 2 for ch in value)
    return "#" + value


def clean_body(body: str) -> str | None:
    """An icon body made allowlist-valid and compact, or None when it needs something the rules forbid."""
    from svgllm.rules import check

    # References (clip paths, gradients, <use>) need ids that clash once several motifs share one SVG.
    if "id=" in body or "url(" in body or "href" in body:
        return None
    body = _HEX.sub(_normalise_hex, body)
    body = _NAMED_FILL.sub(lambda m: f'{m.group(1)}="{_named_to_hex(m.group(2))}"', body)
    rounded = _NUMBER.sub(lambda m: _short_number(m, body), body)
    # Compacted arc flags ("a1 1 0 011.234") make a number ambiguous; keep the long numbers when rounding
    # visibly changes the icon.
    if _pixel_difference(body, rounded) < 0.002:
        body = rounded
    body = body.replace('<g fill="none">', "<g>")  # fills are set on every path; "none" on g only adds bytes
    if check(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">{body}</svg>'):
        return None
    return body


def _pixel_difference(body: str, other: str) -> float:
    """Share of pixels that change visibly between two bodies rendered in a 32-unit box."""
    import numpy as np

    try:
        delta = np.abs(_render_pixels(body, 32, 96) - _render_pixels(other, 32, 96)).max(axis=2)
        return float((delta > 60).mean())
    except Exception:  # noqa: BLE001 - cairosvg raises many types on a broken path; that rounding is rejected
        return float("inf")


def _named_to_hex(name: str) -> str:
    from svgllm.colors import color_table

    return color_table()[0].get(name.lower(), "#000000")


def _render_pixels(body: str, size: int, pixels: int = 48):
    import io

    import cairosvg
    import numpy as np
    from PIL import Image

    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{pixels}" height="{pixels}" '
        f'viewBox="0 0 {size} {size}">{body}</svg>'
    )
    png = cairosvg.svg2png(bytestring=svg.encode("utf-8"))
    image = Image.open(io.BytesIO(png)).convert("RGBA")
    return np.asarray(image, dtype=np.int32)


def color_family(body: str, size: int) -> tuple[str, list[str]] | None:
    """(dominant fill, fills of the same hue family) measured on a small render; None for a blank icon."""
    import numpy as np

    fills = sorted({m.group(0) for m in _HEX.finditer(body)})
    if not fills:
        return None
    rgba = _render_pixels(body, size)
    opaque = rgba[..., 3] > 200
    if not opaque.any():
        return None
    pixels = rgba[opaque][:, :3]
    palette = np.array([[int(h[i : i + 2], 16) for i in (1, 3, 5)] for h in fills])
    distance = ((pixels[:, None, :] - palette[None, :, :]) ** 2).sum(axis=2)
    counts = np.bincount(distance.argmin(axis=1), minlength=len(fills))
    dominant = fills[int(counts.argmax())]
    family = [fill for fill, count in zip(fills, counts, strict=False) if count and _same_family(dominant, fill)]
    return dominant, family


def _hls(hex_color: str) -> tuple[float, float, float]:
    return colorsys.rgb_to_hls(*(int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)))


def _same_family(a: str, b: str) -> bool:
    """Same hue within ~30 degrees and both chromatic, or both near-grey: shades of one material."""
    ha, la, sa = _hls(a)
    hb, lb, sb = _hls(b)
    grey_a, grey_b = sa < 0.15 or la > 0.93 or la < 0.07, sb < 0.15 or lb > 0.93 or lb < 0.07
    if grey_a or grey_b:
        return grey_a and grey_b and abs(la - lb) < 0.35
    hue_gap = min(abs(ha - hb), 1 - abs(ha - hb))
    return hue_gap < 30 / 360


def keywords(name: str) -> list[str]:
    """Search words of an icon name ("red-apple" -> ["red", "apple"])."""
    return [word for word in name.split("-") if word and word not in STOP_WORDS]


def build_library(icon_sets: list[IconSet], progress: bool = True) -> dict:
    """Sanitise and measure every selected icon; the first set that has a name wins."""
    from tqdm import tqdm

    motifs: dict[str, dict] = {}
    sources = []
    for index, icon_set in enumerate(icon_sets):
        info = icon_set.info
        sources.append(
            {
                "prefix": icon_set.prefix,
                "name": info.get("name", icon_set.prefix),
                "author": info.get("author", {}),
                "license": info.get("license", {}),
            }
        )
        chosen = {name: cat for name, cat in selected_names(icon_set).items() if name not in motifs}
        for name in tqdm(sorted(chosen), desc=icon_set.prefix, disable=not progress):
            body = clean_body(icon_set.icons[name]["body"])
            if body is None or len(body) > MAX_BODY_BYTES:
                continue
            size = int(icon_set.icons[name].get("height", icon_set.size))
            colours = color_family(body, size)
            if colours is None:
                continue
            motifs[name] = {
                "b": body,
                "s": size,
                "k": keywords(name),
                "c": chosen[name],
                "d": colours[0],
                "f": colours[1],
                "src": index,
            }
    return {
        "about": "Emoji motifs for svgllm's composer, sanitised to the competition allowlist. "
        "See motifs_LICENSE.txt for licences and attribution.",
        "sources": sources,
        "motifs": dict(sorted(motifs.items())),
    }


def license_text(library: dict) -> str:
    """The attribution file shipped next to the library."""
    lines = [
        "Motif library of svgllm (svgllm/data/motifs.json)",
        "",
        "The motif bodies are emoji artwork from the icon sets below, redistributed through the",
        "@iconify-json npm packages. They were modified: numbers rounded, colours normalised,",
        "and the composer recolours them at run time.",
        "",
    ]
    for source in library["sources"]:
        author, lic = source.get("author", {}), source.get("license", {})
        count = sum(1 for motif in library["motifs"].values() if library["sources"][motif["src"]] is source)
        lines += [
            f"* {source['name']} (prefix {source['prefix']}, {count} motifs)",
            f"  Author: {author.get('name', 'unknown')} {author.get('url', '')}".rstrip(),
            f"  Licence: {lic.get('title', 'unknown')} ({lic.get('spdx', '?')}) {lic.get('url', '')}".rstrip(),
            "",
        ]
    spdx = {source.get("license", {}).get("spdx") for source in library["sources"]}
    if "CC-BY-4.0" in spdx:
        lines += [
            "CC BY 4.0 artwork: copyright its authors named above, licensed under CC BY 4.0",
            "(https://creativecommons.org/licenses/by/4.0/); changes were made as described above.",
        ]
    if "MIT" in spdx:
        lines += [
            "MIT artwork: copyright its authors named above; the MIT licence's permission notice",
            "applies to the copies and modified copies in this library.",
        ]
    return "\n".join(lines) + "\n"


def write_library(library: dict, out_dir: Path) -> tuple[Path, Path]:
    """Write the compact JSON library and its licence file; returns both paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    library_path, license_path = out_dir / LIBRARY_FILE, out_dir / LICENSE_FILE
    library_path.write_text(json.dumps(library, separators=(",", ":"), ensure_ascii=True), encoding="utf-8")
    license_path.write_text(license_text(library), encoding="utf-8")
    return library_path, license_path


def main(argv: list[str] | None = None) -> int:
    """Command line: fetch (or read) the icon sets, build the library, write it as package data."""
    parser = argparse.ArgumentParser(prog="python -m dataset_build.motifs", description=__doc__.splitlines()[0])
    parser.add_argument("--package", action="append", help="npm package to fetch (repeatable; order = preference)")
    parser.add_argument(
        "--source",
        action="append",
        type=Path,
        help="unpacked iconify-json package folder to use instead of fetching (repeatable)",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path.home() / ".cache" / "svgllm" / "motifs",
        help="where npm tarballs are kept (a rerun reuses them)",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (package data)")
    args = parser.parse_args(argv)
    try:
        folders = args.source or [fetch_package(name, args.cache) for name in (args.package or DEFAULT_PACKAGES)]
        library = build_library([load_icon_set(folder) for folder in folders])
    except (OSError, subprocess.CalledProcessError, KeyError, ValueError, RuntimeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    library_path, _ = write_library(library, args.out)
    print(f"{len(library['motifs'])} motifs, {library_path.stat().st_size / 1e6:.2f} MB -> {library_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
