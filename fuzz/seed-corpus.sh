#!/usr/bin/env bash
# Seeds fuzz/corpus/<target> from the repository: one feature a file from the bundled seeds,
# the test files, a small area, one row a file of the seeds as CSV, place names, dates, the
# PMTiles files of the tests (good ones too, plain and gzip); the KML files of the tests and
# small exports, zipped as KMZ too, with hostile archives (a lying size, paths that climb out,
# an archive in the archive); the GeoTIFFs of fuzz/seeds/tiff (fuzz/make-tiff-seeds.sh). Small
# inputs keep the fuzzers fast.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q --bin nkmap
target/debug/nkmap export --format csv > /tmp/nkmap-seeds.csv
rm -rf /tmp/nkmap-seeds-kml && mkdir -p /tmp/nkmap-seeds-kml
target/debug/nkmap synth --placemarks 6 --out /tmp/nkmap-seeds-kml/synth.kml > /dev/null
python3 - <<'PY'
import csv, glob, gzip, io, json, os, struct
c = 'fuzz/corpus'
for t in ['geojson', 'geojson_structured', 'csv', 'pmtiles', 'gazetteer', 'date', 'kml', 'kmz', 'tiff']:
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
for f in sorted(glob.glob('fuzz/seeds/tiff/*.tif')):
    open(f'{c}/tiff/' + os.path.basename(f), 'wb').write(open(f, 'rb').read())
PY
# KML exports of single records: one of each kind (a site with its milestones, a flow, an event,
# a source), and an area, each written by nkmap's KML writer.
n=0
for f in $(ls fuzz/corpus/geojson/seed-*.geojson | awk 'NR % 9 == 1' | head -12) fuzz/corpus/geojson/area.geojson; do
  n=$((n + 1))
  target/debug/nkmap export --format kml "$f" > "/tmp/nkmap-seeds-kml/export-$n.kml" 2>/dev/null || true
done
python3 - <<'PY'
import glob, io, os, zipfile
c = 'fuzz/corpus'
kmls = sorted(glob.glob('tests/data/kml/*.kml')) + sorted(glob.glob('/tmp/nkmap-seeds-kml/*.kml'))
docs = []
for f in kmls:
    b = open(f, 'rb').read()
    if not b.strip() or len(b) > 16384:
        continue
    docs.append(b)
    open(f'{c}/kml/' + os.path.basename(f), 'wb').write(b)
def kmz(entries, method=zipfile.ZIP_DEFLATED):
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', method) as z:
        for name, data in entries:
            z.writestr(name, data)
    return out.getvalue()
def declare(zip_bytes, size):
    # Rewrites the uncompressed size the local and the central header declare.
    b = bytearray(zip_bytes)
    for sig, at in ((b'PK\x03\x04', 22), (b'PK\x01\x02', 24)):
        p = b.find(sig)
        b[p + at:p + at + 4] = size.to_bytes(4, 'little')
    return bytes(b)
for i, d in enumerate(docs):
    open(f'{c}/kmz/doc-{i}.kmz', 'wb').write(kmz([('doc.kml', d)]))
small = b'<kml><Placemark><name>x</name><Point><coordinates>126.5,40.1</coordinates></Point></Placemark></kml>'
hostile = {
    'stored.kmz': kmz([('doc.kml', small)], zipfile.ZIP_STORED),
    'with-icon.kmz': kmz([('files/icon.png', b'\x89PNG\r\n\x1a\n'), ('doc.kml', small)]),
    'not-doc.kmz': kmz([('a/field.KML', small)]),
    'no-kml.kmz': kmz([('readme.txt', b'hello')]),
    'empty.kmz': kmz([]),
    'climbs-out.kmz': kmz([('doc.kml', small), ('../../evil.kml', small)]),
    'absolute.kmz': kmz([('doc.kml', small), ('/tmp/evil.kml', small)]),
    'drive.kmz': kmz([('doc.kml', small), ('C:/evil.kml', small)]),
    'nested.kmz': kmz([('doc.kml', kmz([('doc.kml', small)]))]),
    'nested-kmz-entry.kmz': kmz([('inner.kmz', kmz([('doc.kml', small)])), ('doc.kml', small)]),
    'declares-4gb.kmz': declare(kmz([('doc.kml', small)]), 0xffffffff),
    'liar.kmz': declare(kmz([('doc.kml', b' ' * (1 << 20) + small)]), 1000),
    'spaces-1mb.kmz': kmz([('doc.kml', b' ' * (1 << 20) + small)]),
    'many-entries.kmz': kmz([(f'files/{i}.png', b'') for i in range(200)] + [('doc.kml', small)]),
}
for name, b in hostile.items():
    open(f'{c}/kmz/{name}', 'wb').write(b)
PY
for t in fuzz/corpus/*; do echo "$t: $(ls "$t" | wc -l) inputs"; done
