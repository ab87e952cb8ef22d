"""Reference values for tests/measure.rs, from independent implementations.

Run in a virtualenv with `pip install geographiclib==2.1 mgrs==1.6.0 pygeodesy==26.10.26
pyproj==3.7.2`, then paste the printed numbers into the tests. The tests never call Python.

- Distances and areas: GeographicLib for Python (Karney's own implementation of the geodesic
  algorithms that geo's `Geodesic`/`GeodesicArea` reach through geographiclib-rs).
- MGRS: the `mgrs` package (NGA's GEOTRANS, an implementation independent of GeographicLib),
  checked against PyGeodesy's MGRS (Karney-Krueger UTM written in Python) and both must agree.
- UTM easting/northing: PROJ through pyproj (its `etmerc`, Poder/Engsager), independent of the
  Krueger series in the Rust crate.
"""

from geographiclib.geodesic import Geodesic
import mgrs
import pygeodesy
from pygeodesy.ellipsoidalKarney import LatLon as KarneyLatLon
from pyproj import Transformer

G = Geodesic.WGS84

PLACES = {
    "pyongyang": (39.0392, 125.7625),
    "hamhung": (39.9183, 127.5364),
    "chongjin": (41.7956, 129.7758),
    "musan": (42.2275, 129.2077),
    "wonsan": (39.1528, 127.4436),
}


def dist(a, b):
    return G.Inverse(a[0], a[1], b[0], b[1])["s12"]


print("# distances (m)")
print("pyongyang-musan", repr(dist(PLACES["pyongyang"], PLACES["musan"])))
route = ["pyongyang", "hamhung", "chongjin", "musan"]
legs = [dist(PLACES[a], PLACES[b]) for a, b in zip(route, route[1:])]
print("route legs", [repr(x) for x in legs], "total", repr(sum(legs)))
short = [(41.3480, 129.6300), (41.3481, 129.6305)]
print("short leg", repr(dist(*short)))


def polygon(points):
    p = G.Polygon()
    for lat, lon in points:
        p.AddPoint(lat, lon)
    n, perimeter, area = p.Compute(False, True)
    return perimeter, area


print("# polygons: perimeter (m), signed area (m2, counter-clockwise positive)")
tri = [PLACES["pyongyang"], PLACES["wonsan"], PLACES["hamhung"]]
print("pyongyang-wonsan-hamhung", [repr(x) for x in polygon(tri)])
print("reversed", [repr(x) for x in polygon(list(reversed(tri)))])
plot = [(41.3700, 129.5800), (41.3700, 129.5836), (41.3727, 129.5836), (41.3727, 129.5800)]
print("plot (about 300 x 300 m)", [repr(x) for x in polygon(plot)])
# A polygon across the zone 51/52 border at 126 E.
cross = [(38.2, 125.8), (38.2, 126.3), (38.6, 126.3), (38.6, 125.8)]
print("across 126E", [repr(x) for x in polygon(cross)])

print("# MGRS at 1 m, mgrs (GEOTRANS) and PyGeodesy")
m = mgrs.MGRS()
points = [
    (38.0, 125.999999), (38.0, 126.000001), (43.0, 125.999999), (43.0, 126.000001),
    (37.999999, 126.5), (38.000001, 126.5), (40.000001, 127.0), (39.999999, 127.0),
    (42.999999, 129.0), (43.000001, 129.0),
    (39.0392, 125.7625), (42.2275, 129.2077), (41.7956, 129.7758), (37.7, 124.7),
    (43.0, 130.6), (40.5, 124.3),
]
for lat, lon in points:
    a = m.toMGRS(lat, lon, MGRSPrecision=5)
    b = str(pygeodesy.toMgrs(pygeodesy.toUtm8(KarneyLatLon(lat, lon)))).replace(" ", "")
    assert a == b, (lat, lon, a, b)
    print(f"({lat}, {lon}, \"{a}\"),")

print("# MGRS strings to the centre of their 1 m cell (lat, lon)")
for s in ["52SCH1234567890", "51SYD3909724758", "52TEM1650375332", "51TYG0000000000"]:
    lat, lon = m.toLatLon(s)
    print(f"(\"{s}\", {lat!r}, {lon!r}),")

print("# UTM easting, northing from PROJ")
for zone, lat, lon in [(51, 38.0, 125.999), (52, 38.0, 126.001), (51, 43.0, 125.999),
                       (52, 43.0, 126.001), (52, 42.2275, 129.2077), (51, 39.0392, 125.7625)]:
    t = Transformer.from_crs("EPSG:4326", f"EPSG:326{zone}", always_xy=True)
    e, n = t.transform(lon, lat)
    print(f"({zone}, {lat}, {lon}, {e!r}, {n!r}),")
