#!/usr/bin/env bash
# Seeds fuzz/corpus/<target> from the repository: one feature a file from the bundled seeds,
# the test files, a small area, one row a file of the seeds as CSV, place names, dates, the
# PMTiles files of the tests (good ones too, plain and gzip). Small inputs keep the fuzzers fast.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q --bin nkmap
target/debug/nkmap export --format csv > /tmp/nkmap-seeds.csv
python3 - <<'PY'
import csv, glob, gzip, io, json, os, struct
c = 'fuzz/corpus'
for t in ['geojson', 'geojson_structured', 'csv', 'pmtiles', 'gazetteer', 'date']:
    os.makedirs(f'{c}/{t}', exist_ok=True)
places = set()
for f in sorted(glob.glob('seeds/*.geojson')):
    for i, feat in enumerate(json.load(open(f))['features'][:25]):
        fc = {"type": "FeatureCollection", "features": [feat]}
        open(f'{c}/geojson/seed-{os.path.basename(f)}-{i}.geojson', 'w').write(json.dumps(fc))
        p = feat.get('properties') or {}
        for k in ('place', 'from'):
            if isinstance(p.get(k), str):
                places.add(p[k])
        places.update(t for t in p.get('to') or [] if isinstance(t, str))
for f in glob.glob('tests/data/*/*.geojson'):
    open(f'{c}/geojson/' + f.replace('/', '-'), 'wb').write(open(f, 'rb').read())
for f in glob.glob('tests/data/*/*.csv'):
    open(f'{c}/csv/' + f.replace('/', '-'), 'wb').write(open(f, 'rb').read())
g = json.load(open('assets/boundaries/counties.geojson'))['features'][0]['geometry']
ring = (g['coordinates'][0] if g['type'] == 'Polygon' else g['coordinates'][0][0])[:12]
area = {"type": "FeatureCollection", "features": [{"type": "Feature",
        "properties": {"name": "Area"}, "geometry": {"type": "Polygon", "coordinates": [ring + [ring[0]]]}}]}
open(f'{c}/geojson/area.geojson', 'w').write(json.dumps(area))
rows = list(csv.reader(open('/tmp/nkmap-seeds.csv')))
for i, r in enumerate(rows[1:40]):
    b = io.StringIO(); w = csv.writer(b); w.writerow(rows[0]); w.writerow(r)
    open(f'{c}/csv/row-{i}.csv', 'w').write(b.getvalue())
extra = ["Sinpho, South Hamgyong", "함경북도 경성군", "Orang North Hamgyong", "Kyŏngsŏng", "어랑군"]
for i, p in enumerate(sorted(places) + extra):
    open(f'{c}/gazetteer/{i}', 'w').write(p)
for i, d in enumerate(["2024", "2024-03", "2024-03-07", "1999-12-31", "2025-02-29"]):
    open(f'{c}/date/{i}', 'w').write(d)
for f in glob.glob('tests/data/*/*.pmtiles'):
    open(f'{c}/pmtiles/' + os.path.basename(f), 'wb').write(open(f, 'rb').read())
def varint(v):
    out = b''
    while True:
        b, v = v & 0x7f, v >> 7
        if not v:
            return out + bytes([b])
        out += bytes([b | 0x80])
png = b'\x89PNG\r\n\x1a\n' + b'\0' * 20
for gz in (False, True):
    d = varint(1) + varint(0) + varint(1) + varint(len(png)) + varint(1)
    if gz:
        d = gzip.compress(d)
    meta = b'{}'
    h = b'PMTiles' + bytes([3])
    for v in [127, len(d), 127 + len(d), len(meta), 0, 0, 127 + len(d) + len(meta), len(png), 1, 1, 1]:
        h += struct.pack('<Q', v)
    h = (h + bytes([1, 2 if gz else 1, 1, 2, 0, 2])).ljust(127, b'\0')
    open(f'{c}/pmtiles/good{"-gzip" if gz else ""}.pmtiles', 'wb').write(h + d + meta + png)
PY
for t in fuzz/corpus/*; do echo "$t: $(ls "$t" | wc -l) inputs"; done
