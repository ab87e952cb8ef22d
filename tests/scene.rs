//! The prepared scene against the real bundled geography.

use nkmap::bundled;
use nkmap::scene::{PolygonLayer, Scene};

fn triangle_area(layer: &PolygonLayer, t: &[u32]) -> f64 {
    let [a, b, c] = [t[0], t[1], t[2]].map(|i| {
        let v = layer.fill_vertices[i as usize];
        [f64::from(v[0]), f64::from(v[1])]
    });
    ((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])).abs() / 2.0
}

/// Every fill triangle lies inside its feature: a triangle outside would paint land on the sea.
fn assert_fills_stay_inside(layer: &PolygonLayer, what: &str) {
    let mut bad = Vec::new();
    for (i, f) in layer.features.iter().enumerate() {
        let tris = &layer.indices[f.triangles.start as usize..f.triangles.end as usize];
        for t in tris.chunks(3) {
            let area = triangle_area(layer, t);
            if area < 1e-12 {
                continue;
            }
            let c = [0, 1].map(|k| {
                t.iter()
                    .map(|&v| layer.fill_vertices[v as usize][k])
                    .sum::<f32>()
                    / 3.0
            });
            let longest = t
                .iter()
                .zip(t.iter().cycle().skip(1))
                .map(|(&p, &q)| {
                    let (a, b) = (
                        layer.fill_vertices[p as usize],
                        layer.fill_vertices[q as usize],
                    );
                    f64::from((a[0] - b[0]).hypot(a[1] - b[1]))
                })
                .fold(0.0, f64::max);
            // Slivers thinner than 15 cm along a border are rounding, not paint.
            if !layer.contains(i, c) && 2.0 * area / longest > 1e-6 {
                bad.push((i, area));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{what}: {} triangles outside their feature: {:?}",
        bad.len(),
        &bad[..bad.len().min(10)]
    );
}

#[test]
fn bundled_fills_are_exact() {
    let geography = bundled::geography().unwrap_or_else(|e| panic!("{e}"));
    let scene = Scene::prepare(&geography.provinces, &geography.counties, &[]);
    assert_eq!(scene.provinces.features.len(), geography.provinces.len());
    assert_eq!(scene.counties.features.len(), geography.counties.len());
    assert!(geography.provinces.len() >= 12 && geography.counties.len() >= 170);
    assert_fills_stay_inside(&scene.provinces, "provinces");
    assert_fills_stay_inside(&scene.counties, "counties");
}
