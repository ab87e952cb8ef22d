#![cfg(feature = "gui")]
use egui_kittest::Harness;
use nkmap::app::NkmapApp;
#[test]
fn probe_mesh_sizes() {
    let mut app = NkmapApp::new(None, vec![]).unwrap();
    app.state
        .set_today(nkmap::model::PartialDate::ymd(2025, 6, 1).start_day_number());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_context_setup(nkmap::style::install_fonts)
        .build_ui_state(|ui, app: &mut NkmapApp| app.show(ui), app);
    h.run_steps(6);
    let ctx = h.ctx.clone();
    let out = h.output().clone();
    let prims = ctx.tessellate(out.shapes, 1.0);
    let mut tot = 0;
    let mut tris = 0;
    let mut sizes = vec![];
    for p in &prims {
        if let egui::epaint::Primitive::Mesh(m) = &p.primitive {
            tot += m.vertices.len();
            tris += m.indices.len() / 3;
            sizes.push(m.vertices.len());
        }
    }
    sizes.sort();
    sizes.reverse();
    eprintln!(
        "PROBE zoom {:?} prims {} vertices {} triangles {} biggest {:?}",
        h.state().view().1,
        prims.len(),
        tot,
        tris,
        &sizes[..5.min(sizes.len())]
    );
}
