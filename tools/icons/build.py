#!/usr/bin/env python3
"""Renders nkmap's icon files from the hand-drawn SVGs in assets/icon/.

    python3 -m venv /tmp/icons && /tmp/icons/bin/pip install -r tools/icons/requirements.txt
    /tmp/icons/bin/python tools/icons/build.py            # rewrite the files
    /tmp/icons/bin/python tools/icons/build.py --check    # exit 1 if any file is stale

The outputs are committed, so building nkmap or its packages needs none of these tools:

    assets/icon/png/nkmap-<N>.png   the hicolor theme sizes (Linux packages, the window icon)
    assets/icon/nkmap.ico           the Windows executable and installer icon
    assets/icon/nkmap.icns          the macOS app bundle icon

Sizes up to SMALL_MAX come from nkmap-small.svg, drawn on the 16 px grid without the folds,
borders and rims that blur at that size; the larger ones from nkmap.svg. The rasteriser is
CairoSVG and the containers are written by Pillow, both pinned in requirements.txt so that
the same sources give the same bytes.
"""

import argparse
import io
import sys
from pathlib import Path

import cairosvg
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
ICON = ROOT / "assets" / "icon"
# The hicolor sizes desktops look for, and 512 for AppStream and macOS.
PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512]
ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]
ICNS_SIZES = [16, 32, 64, 128, 256, 512, 1024]
SMALL_MAX = 24


def render(size: int) -> Image.Image:
    source = ICON / ("nkmap-small.svg" if size <= SMALL_MAX else "nkmap.svg")
    png = cairosvg.svg2png(url=str(source), output_width=size, output_height=size)
    return Image.open(io.BytesIO(png)).convert("RGBA")


def png_bytes(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def outputs() -> dict[Path, bytes]:
    images = {s: render(s) for s in sorted(set(PNG_SIZES + ICO_SIZES + ICNS_SIZES))}
    files = {ICON / "png" / f"nkmap-{s}.png": png_bytes(images[s]) for s in PNG_SIZES}

    # Pillow scales the first image down for every size unless it is given each one.
    ico = io.BytesIO()
    largest = images[max(ICO_SIZES)]
    largest.save(
        ico,
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)],
    )
    files[ICON / "nkmap.ico"] = ico.getvalue()

    icns = io.BytesIO()
    images[max(ICNS_SIZES)].save(
        icns,
        format="ICNS",
        append_images=[images[s] for s in ICNS_SIZES if s != max(ICNS_SIZES)],
    )
    files[ICON / "nkmap.icns"] = icns.getvalue()
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether files are stale")
    args = parser.parse_args()
    stale = []
    for path, data in outputs().items():
        if path.exists() and path.read_bytes() == data:
            continue
        stale.append(path.relative_to(ROOT))
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    verb = "stale" if args.check else "written"
    for p in stale:
        print(f"{verb}: {p}")
    if not stale:
        print("icons up to date")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
