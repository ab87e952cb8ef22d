#!/usr/bin/env bash
# Writes the small GeoTIFFs in fuzz/seeds/tiff/ (committed; a few KB each) that seed the `tiff`
# target: every layout nkmap reads (strips and tiles, chunky and planar, 8 and 16 bits, gray,
# RGB, RGBA and 5 bands, none/deflate/LZW/JPEG, predictors, internal overviews, BigTIFF,
# big-endian, a >2048 px image that gets a preview, nodata) in each CRS it places (EPSG:4326,
# 3857, UTM north and south). Needs GDAL (`apt-get install gdal-bin`) and python3.
set -euo pipefail
cd "$(dirname "$0")/seeds/tiff"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
w, h = 40, 30
def write(name, magic, maxval, bands, f, width=w, height=h):
    body = bytearray()
    for y in range(height):
        for x in range(width):
            for b in range(bands):
                v = f(x, y, b)
                body += v.to_bytes(2, 'big') if maxval > 255 else bytes([v])
    open(f'{d}/{name}', 'wb').write(f'{magic}\n{width} {height}\n{maxval}\n'.encode() + body)
write('gray.pgm', 'P5', 255, 1, lambda x, y, b: (x * 6 + y * 2) % 256)
write('rgb.ppm', 'P6', 255, 3, lambda x, y, b: ((x, y, x ^ y)[b] * 7) % 256)
write('gray16.pgm', 'P5', 65535, 1, lambda x, y, b: 1000 + x * 300 + y * 11)
write('wide.pgm', 'P5', 255, 1, lambda x, y, b: 10 if x < 1000 else 200, width=2100, height=4)
PY
utm=(-a_srs EPSG:32652 -a_ullr 546000 4578000 546400 4577700)
t() { gdal_translate -q "$@"; }
t -of GTiff "${utm[@]}" -mo TIFFTAG_DATETIME="2024:03:01 02:10:00" -mo ACQUISITIONDATETIME=2024-03-01T02:10:00Z "$tmp/gray.pgm" gray-strips-dated.tif
t -of GTiff -a_srs EPSG:4326 -a_ullr 126.5 41.5 126.9 41.2 -co TILED=YES -co BLOCKXSIZE=16 -co BLOCKYSIZE=16 -co COMPRESS=DEFLATE "$tmp/rgb.ppm" rgb-tiled-deflate-4326.tif
t -of GTiff -a_srs EPSG:3857 -a_ullr 14080000 5080000 14084000 5077000 -co COMPRESS=LZW -co PREDICTOR=2 -a_nodata 1000 "$tmp/gray16.pgm" gray16-lzw-predictor-3857.tif
t -of GTiff "${utm[@]}" -co TILED=YES -co BLOCKXSIZE=16 -co BLOCKYSIZE=16 -co COMPRESS=JPEG "$tmp/rgb.ppm" rgb-jpeg-tiled.tif
t -of GTiff "${utm[@]}" -co INTERLEAVE=BAND -co COMPRESS=DEFLATE "$tmp/rgb.ppm" rgb-planar.tif
t -of GTiff "${utm[@]}" -co BIGTIFF=YES -co ENDIANNESS=BIG "$tmp/gray.pgm" gray-bigtiff-big-endian.tif
t -of GTiff -a_srs EPSG:32752 -a_ullr 546000 4578000 546400 4577700 -b 1 -b 2 -b 3 -b 1 -co ALPHA=YES -co COMPRESS=DEFLATE "$tmp/rgb.ppm" rgba-utm-south.tif
t -of GTiff "${utm[@]}" -b 1 -b 2 -b 3 -b 1 -b 2 "$tmp/rgb.ppm" five-bands.tif
t -of GTiff "${utm[@]}" -co COMPRESS=DEFLATE -co TILED=YES -co BLOCKXSIZE=16 -co BLOCKYSIZE=16 "$tmp/gray.pgm" gray-overviews.tif
gdaladdo -q -r average gray-overviews.tif 2 4
t -of GTiff "${utm[@]}" -co COMPRESS=DEFLATE "$tmp/wide.pgm" wide-preview.tif
ls -l
