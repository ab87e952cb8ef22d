"""Unit tests for tools/assets/build_assets.py and hangul.py.

Run:  python3 -m pytest tools/assets -q
Synthetic fixtures only, except test_written_assets, which checks the
committed GeoJSON files (skipped if they are absent).
"""

import json
import os
import sys

import pytest
import shapely
from shapely.geometry import Point, Polygon, box, shape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build_assets as ba  # noqa: E402
import hangul  # noqa: E402


# ---------------------------------------------------------------- tiling
def _pairwise_overlap(geoms):
    tot = 0.0
    for i in range(len(geoms)):
        for j in range(i + 1, len(geoms)):
            tot += shapely.intersection(geoms[i], geoms[j]).area
    return tot


def test_clean_tiling_removes_overlap_and_fills_sliver():
    a = box(0, 0, 1, 1)
    b = box(1.01, 0, 2, 0.5)          # leaves a 0.01-wide gap beside a
    g = box(1.01, 0.5, 2, 1)
    top = box(0, 1, 2, 2)
    bottom = box(0, -1, 2, 0)
    e = box(2, -1, 3.0, 2)
    f = box(2.9, -1, 4, 2)            # overlaps e by a 0.1 strip
    raw = [a, b, g, top, bottom, e, f]
    st = ba.overlap_gap_stats(raw)
    assert st["overlap_pieces"] == 1 and st["gap_pieces"] == 1
    out, info = ba.clean_tiling(raw, grid=1e-5)
    assert info["gap_faces"] == 1 and info["overlap_faces"] == 1
    assert _pairwise_overlap(out) == pytest.approx(0, abs=1e-12)
    union = shapely.union_all(out)
    assert union.area == pytest.approx(sum(o.area for o in out), abs=1e-12)
    assert union.area == pytest.approx(box(0, -1, 4, 2).area, abs=1e-9)
    # the sliver goes to a: it shares the longest border (1.0 vs 0.5)
    assert out[0].area == pytest.approx(1.01, abs=1e-9)
    assert out[1].area == pytest.approx(b.area, abs=1e-9)
    # the overlap strip goes to exactly one of e, f
    assert out[5].area + out[6].area == pytest.approx(4 * 3 - 2 * 3,
                                                      abs=1e-9)
    assert all(o.is_valid for o in out)
    assert shapely.coverage_is_valid(out)


def test_clean_tiling_leaves_large_gaps_empty():
    ring = box(0, 0, 3, 3).difference(box(1, 1, 2, 2))   # a lake-like hole
    out, info = ba.clean_tiling([ring], grid=1e-5, max_gap_deg2=0.5)
    assert info["gaps_left_empty"] == 1
    assert out[0].area == pytest.approx(8, abs=1e-9)


def test_clean_tiling_snaps_to_grid():
    a = Polygon([(0, 0), (1.0000004, 0), (1.0000004, 1), (0, 1)])
    b = Polygon([(0.9999996, 0), (2, 0), (2, 1), (0.9999996, 1)])
    out, _ = ba.clean_tiling([a, b], grid=1e-5)
    for g in out:
        for x, y in shapely.get_coordinates(g):
            assert round(x, 5) == pytest.approx(x, abs=1e-12)
            assert round(y, 5) == pytest.approx(y, abs=1e-12)
    assert _pairwise_overlap(out) == 0


# --------------------------------------------------------- winding, rounding
def _signed_area(ring):
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:]))


def test_geometry_json_winding_rfc7946():
    cw_shell = [(0, 0), (0, 4), (4, 4), (4, 0), (0, 0)]       # clockwise
    ccw_hole = [(1, 1), (2, 1), (2, 2), (1, 2), (1, 1)]       # ccw
    gj = ba.geometry_json(Polygon(cw_shell, [ccw_hole]))
    shell, hole = gj["coordinates"]
    assert _signed_area(shell) > 0
    assert _signed_area(hole) < 0
    assert ba.ring_is_ccw(shell) and not ba.ring_is_ccw(hole)


def test_round_coords():
    assert ba.round_coords([[1.234567, -0.000001]]) == [[1.23457, 0.0]]
    assert str(ba.round_coords([-0.000001, 0])[0]) == "0.0"   # no "-0.0"


def test_geometry_json_rounds_to_five_decimals():
    p = box(0.123456789, 0.1, 1.987654321, 1)
    gj = ba.geometry_json(p)
    xs = [c[0] for c in gj["coordinates"][0]]
    assert 0.12346 in xs and 1.98765 in xs


# ------------------------------------------------------------- slugs, ids
def test_ascii_slug():
    assert hangul.ascii_slug("Kim Hyong Jik") == "kim-hyong-jik"
    assert hangul.ascii_slug("Ŏrang") == "orang"
    assert hangul.ascii_slug("P’yŏngsŏng") == "pyongsong"
    assert hangul.ascii_slug("Unjong Dist.") == "unjong-dist"


def test_county_id_unique_and_readable():
    taken = set()
    assert ba.county_id("KP-09", "Orang", taken) == "KP-09-orang"
    assert ba.county_id("KP-09", "Orang", taken) == "KP-09-orang-2"
    assert ba.county_id("KP-02", "Unsan", taken) == "KP-02-unsan"
    assert ba.county_id("KP-03", "Unsan", taken) == "KP-03-unsan"


def test_gb_name_helpers():
    assert ba.gb_base_name("Anju City") == "Anju"
    assert ba.gb_base_name("Unjong Dist.") == "Unjong"
    assert ba.gb_kind_hint("Anju City") == "city"
    assert ba.gb_kind_hint("Unjong Dist.") == "district"
    assert ba.gb_kind_hint("Orang") is None


# ------------------------------------------------------------ romanization
@pytest.mark.parametrize("ko,mr,rr,kcna", [
    ("경성", "Kyŏngsŏng", "Gyeongseong", "Kyongsong"),
    ("어랑", "Ŏrang", "Eorang", "Orang"),
    ("무산", "Musan", "Musan", "Musan"),
    ("평성", "P’yŏngsŏng", "Pyeongseong", "Phyongsong"),
    ("연탄", "Yŏnt’an", "Yeontan", "Yonthan"),
    ("은파", "Ŭnp’a", "Eunpa", "Unpha"),
    ("은률", "Ŭllyul", "Eullyul", "Ullyul"),
    ("천리마", "Ch’ŏllima", "Cheollima", "Chollima"),
    ("판교", "P’an’gyo", "Pangyo", "Phangyo"),
    ("백암", "Paegam", "Baegam", "Paegam"),
    ("상원", "Sangwŏn", "Sangwon", "Sangwon"),
])
def test_romanizers(ko, mr, rr, kcna):
    assert hangul.mr(ko) == mr
    assert hangul.rr(hangul.southern_spelling(ko)) == rr
    assert hangul.kcna_from_mr(hangul.mr(ko)) == kcna


def test_southern_spelling():
    assert hangul.southern_spelling("량강도") == "양강도"
    assert hangul.southern_spelling("녕변군") == "영변군"
    assert hangul.southern_spelling("락원군") == "낙원군"
    assert hangul.southern_spelling("라선시") == "나선시"
    assert hangul.southern_spelling("경성군") == "경성군"
    assert hangul.rr(hangul.southern_spelling("룡천")) == "Yongcheon"
    assert hangul.mr("룡천") == "Ryongch’ŏn"


def test_split_ko_suffix():
    assert hangul.split_ko_suffix("천리마구역") == ("천리마", "구역", "district")
    assert hangul.split_ko_suffix("어랑군") == ("어랑", "군", "county")
    assert hangul.split_ko_suffix("안주시") == ("안주", "시", "city")
    assert hangul.split_ko_suffix("득장지구") == ("득장", "지구", "district")


def test_loose_key_equates_spelling_variants():
    k = hangul.loose_key
    assert k("Kyongsong") == k("Kyŏngsŏng") == k("Gyeongseong")
    assert k("Phyongsong") == k("P’yŏngsŏng")
    assert k("Jangphung") == k("Changp’ung")
    assert k("Orang") != k("Musan")


# ----------------------------------------------------------- name matching
SUBS = [
    {"name": "Ŏrang-gun", "code": "KP.17.1", "admin1": "KP.17",
     "geonameid": "1", "aliases": ["어랑", "어랑군"]},
    {"name": "Yongch’ŏn-gun", "code": "KP.11.2", "admin1": "KP.11",
     "geonameid": "2", "aliases": ["룡천군", "용천", "용천군"]},
    {"name": "Chŏngju", "code": "KP.11.3", "admin1": "KP.11",
     "geonameid": "3", "aliases": ["정주", "정주군", "정주시"]},
    {"name": "Unsan-gun", "code": "KP.11.4", "admin1": "KP.11",
     "geonameid": "4", "aliases": ["운산", "운산군"]},
    {"name": "Ŭnsan-gun", "code": "KP.15.5", "admin1": "KP.15",
     "geonameid": "5", "aliases": ["은산", "은산군"]},
]


def test_match_by_romanization():
    row, ko = ba.match_subdivision("Orang", "KP-09", SUBS, ba.GEONAMES_ADMIN1)
    assert row["geonameid"] == "1" and ko == "어랑군"


def test_match_prefers_northern_spelling():
    row, ko = ba.match_subdivision("Ryongchon", "KP-03", SUBS,
                                   ba.GEONAMES_ADMIN1)
    assert row["geonameid"] == "2" and ko == "룡천군"


def test_match_uses_city_hint():
    row, ko = ba.match_subdivision("Jongju City", "KP-03", SUBS,
                                   ba.GEONAMES_ADMIN1)
    assert ko == "정주시"


def test_match_same_name_disambiguated_by_province():
    _, ko3 = ba.match_subdivision("Unsan", "KP-03", SUBS, ba.GEONAMES_ADMIN1)
    _, ko2 = ba.match_subdivision("Unsan", "KP-02", SUBS, ba.GEONAMES_ADMIN1)
    assert ko3 == "운산군" and ko2 == "은산군"


def test_no_match():
    assert ba.match_subdivision("Tukjang", "KP-02", SUBS,
                                ba.GEONAMES_ADMIN1) == (None, None)


def test_clean_aliases():
    got = ba.clean_aliases(["Orang", "Ŏrang-gun", "漁郞郡", "어랑", " ",
                            "ŏrang-gun"], ["Orang"])
    assert got == ["Ŏrang-gun", "어랑"]


# ------------------------------------------------------------------ seats
CITIES = [
    {"name": "Ŏrang", "geonameid": "10", "admin1": "KP.17",
     "population": 100, "lat": 0.5, "lon": 0.5},
    {"name": "Musan-ŭp", "geonameid": "11", "admin1": "KP.17",
     "population": 100, "lat": 5.5, "lon": 5.5},
]


def test_find_seat_inside_only():
    sq = box(0, 0, 1, 1)
    assert ba.find_seat(sq, {"Orang"}, CITIES)["geonameid"] == "10"
    assert ba.find_seat(sq, {"Musan"}, CITIES) is None       # outside
    assert ba.find_seat(box(5, 5, 6, 6), {"Musan"}, CITIES)["geonameid"] \
        == "11"


def test_pole_of_inaccessibility_inside():
    u = box(0, 0, 3, 1).union(box(0, 0, 1, 3))       # L shape
    x, y = ba.pole_of_inaccessibility(u)
    assert u.contains(Point(x, y))


# ------------------------------------------------------------- writing
def test_feature_collection_sorted_one_per_line(tmp_path):
    p = tmp_path / "fc.geojson"
    g = ba.geometry_json(box(0, 0, 1, 1))
    ba.write_feature_collection(str(p), [({"id": "b", "name_ko": "어랑군"}, g),
                                         ({"id": "a"}, g)])
    text = p.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == '{"type":"FeatureCollection","features":['
    assert lines[1].startswith('{"type":"Feature","properties":{"id":"a"')
    assert "어랑군" in lines[2]                                # ensure_ascii off
    assert json.loads(text)["features"][1]["properties"]["id"] == "b"


def test_ofl_from_debian_copyright():
    text = ("Files: *\nCopyright: x\nLicense: OFL-1.1\n Copyright (c) 2010\n"
            " .\n SIL OPEN FONT LICENSE\n\nFiles: debian/*\n")
    assert ba.ofl_from_debian_copyright(text) == \
        "Copyright (c) 2010\n\nSIL OPEN FONT LICENSE\n"


# ------------------------------------------------------- the real outputs
def test_written_assets():
    path = os.path.join(ba.OUT_BOUNDARIES, "counties.geojson")
    if not os.path.exists(path):
        pytest.skip("assets not built")
    stats = ba.check_outputs()
    assert stats["counties"]["overlap_area"] == 0


def test_credit_line_in_attribution():
    path = os.path.join(ba.ROOT, "assets", "ATTRIBUTION.md")
    if not os.path.exists(path):
        pytest.skip("assets not built")
    lines = [ln for ln in open(path, encoding="utf-8")
             if ln.startswith("Credit: ")]
    assert len(lines) == 1
