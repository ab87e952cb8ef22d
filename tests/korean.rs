//! The Korean interface (issue 19): the language switch in View → Language, Korean menus and
//! windows, Korean search of the app's own words, and Korean typed through the IME.
//!
//! The interface language is process-wide, so every test here holds [`LANG_LOCK`] and sets
//! the language it needs first; this file is its own test binary, so no other test sees it.
#![cfg(feature = "gui")]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nkmap::app::NkmapApp;
use nkmap::i18n::{self, Lang};
use std::sync::{Mutex, MutexGuard};

static LANG_LOCK: Mutex<()> = Mutex::new(());

/// Holds the language for one test and starts it in `lang`.
fn lang(lang: Lang) -> MutexGuard<'static, ()> {
    let guard = LANG_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    i18n::set_language(lang);
    guard
}

fn harness() -> Harness<'static, NkmapApp> {
    let mut app = match NkmapApp::new(None, vec![]) {
        Ok(app) => app,
        Err(e) => panic!("the app did not start on the bundled data: {e}"),
    };
    // A fixed day (2025-06-01): statuses must not depend on when the test runs.
    app.state
        .set_today(nkmap::model::PartialDate::ymd(2025, 6, 1).start_day_number());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1600.0, 1200.0))
        .with_context_setup(nkmap::style::install_fonts)
        .build_ui_state(|ui, app: &mut NkmapApp| app.show(ui), app);
    h.run_steps(4);
    h
}

/// View → Language → `name` through the menus, as a user does it.
fn choose_language(h: &mut Harness<'_, NkmapApp>, view: &str, language: &str, name: &str) {
    // Through accesskit: a window may lie over the menu bar.
    h.get_by_label(view).click_accesskit();
    h.run_steps(2);

    h.get_by_label(language).click();
    h.run_steps(2);
    // A radio button: the map labels' own switch has a "한국어" too.
    h.get_by_role_and_label(Role::RadioButton, name).click();
    h.run_steps(3);
}

#[test]
fn view_language_korean_switches_menus_and_progress_window_without_restart() {
    let _l = lang(Lang::En);
    let mut h = harness();
    assert!(h.query_by_label("File").is_some());
    choose_language(&mut h, "View", "Language", "한국어");
    assert_eq!(h.state().state.settings.ui_language, Some(Lang::Ko));
    assert_eq!(i18n::language(), Lang::Ko);
    // The menu bar and the side panel now speak Korean; the English ones are gone.
    for ko in ["파일", "편집", "보기", "레이어", "범례", "연도별 시설"] {
        assert!(h.query_by_label(ko).is_some(), "no {ko} after switching");
    }
    assert!(h.query_by_label("File").is_none());
    assert!(h.query_by_label("Layers").is_none());
    // The Progress window, opened from the toolbar, is Korean too.
    h.get_by_label("진척 현황").click();
    h.run_steps(3);
    for ko in ["대상 연도별", "도별", "착공", "준공", "목표"] {
        assert!(
            h.query_all_by_label(ko).next().is_some(),
            "no {ko} in the Progress window"
        );
    }
    assert!(h.query_by_label("By cohort year").is_none());
    // And back to English through the Korean menu.
    choose_language(&mut h, "보기", "언어", "English");
    assert_eq!(i18n::language(), Lang::En);
    assert!(h.query_by_label("File").is_some());
    assert!(h.query_by_label("By cohort year").is_some());
    assert!(h.query_by_label("대상 연도별").is_none());
    i18n::set_language(Lang::En);
}

#[test]
fn a_remembered_korean_setting_starts_the_app_in_korean() {
    let _l = lang(Lang::En);
    let settings = nkmap::state::settings::Settings {
        ui_language: Some(Lang::Ko),
        ..Default::default()
    };
    // Old settings files, without the field, still load (and follow the system).
    let old: nkmap::state::settings::Settings = match serde_json::from_str(r#"{"theme": "Dark"}"#) {
        Ok(s) => s,
        Err(e) => panic!("an old settings file no longer loads: {e}"),
    };
    assert_eq!(old.ui_language, None);
    let app = match NkmapApp::new(Some(settings), vec![]) {
        Ok(app) => app,
        Err(e) => panic!("{e}"),
    };
    let mut h = Harness::builder()
        .with_size(egui::vec2(1600.0, 1200.0))
        .with_context_setup(nkmap::style::install_fonts)
        .build_ui_state(|ui, app: &mut NkmapApp| app.show(ui), app);
    h.run_steps(3);
    assert!(h.query_by_label("파일").is_some());
    i18n::set_language(Lang::En);
}

/// The binary with a fixed locale: every variable that could choose a language is set, so the
/// machine's own locale never leaks in.
fn nkmap_in(locale: &str, args: &[&str]) -> std::process::Output {
    match std::process::Command::new(env!("CARGO_BIN_EXE_nkmap"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("LC_ALL", locale)
        .env("LC_MESSAGES", locale)
        .env("LANG", locale)
        .env_remove("NKMAP_TODAY")
        .output()
    {
        Ok(o) => o,
        Err(e) => panic!("cannot run nkmap: {e}"),
    }
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const SEEDS: [&str; 5] = [
    "check",
    "seeds/events.geojson",
    "seeds/flows.geojson",
    "seeds/sites.geojson",
    "seeds/sources.geojson",
];

#[test]
fn check_and_find_speak_the_locales_language() {
    let ko = nkmap_in("ko_KR.UTF-8", &SEEDS);
    assert_eq!(ko.status.code(), Some(0), "{}", stderr(&ko));
    assert!(
        stderr(&ko).contains("파일 4개 검사: 오류 0건, 경고 0건"),
        "{}",
        stderr(&ko)
    );
    let en = nkmap_in("C", &SEEDS);
    assert!(
        stderr(&en).contains("4 files checked: 0 errors, 0 warnings"),
        "{}",
        stderr(&en)
    );
    assert!(!stderr(&en).contains("검사"), "{}", stderr(&en));

    let ko = nkmap_in("ko_KR.UTF-8", &["find", "Zzyzx"]);
    assert_eq!(ko.status.code(), Some(1));
    assert!(
        stderr(&ko).contains("'Zzyzx'에 맞는 도나 시·군이 없습니다"),
        "{}",
        stderr(&ko)
    );
    let en = nkmap_in("en_GB.UTF-8", &["find", "Zzyzx"]);
    assert!(
        stderr(&en).contains("no province or county matches 'Zzyzx'"),
        "{}",
        stderr(&en)
    );
}

#[test]
fn render_lang_ko_gives_a_korean_title_and_legend() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    };
    let svg = |lang: &str, locale: &str| {
        let out = dir.path().join(format!("{lang}-{locale}.svg"));
        let out_s = out.display().to_string();
        let o = nkmap_in(
            locale,
            &[
                "render",
                "--out",
                &out_s,
                "--lang",
                lang,
                "--size",
                "1600x1000",
                "--date",
                "2025-06-01",
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        match std::fs::read_to_string(&out) {
            Ok(t) => t,
            Err(e) => panic!("{e}"),
        }
    };
    // `--lang ko` decides, not the locale: an English shell still gets a Korean legend.
    let ko = svg("ko", "C");
    for word in [
        "북한 · 지방발전 20×10 정책",
        "날짜 기준 시설 상태",
        "준공 (채움)",
        "착공·건설 중",
    ] {
        assert!(ko.contains(word), "no {word} in the Korean render");
    }
    for word in [
        "North Korea · 20×10",
        "Site status on the date",
        "Under construction",
        "Completed (filled)",
        "Site type",
    ] {
        assert!(!ko.contains(word), "English {word} in the Korean render");
    }
    let en = svg("en", "ko_KR.UTF-8");
    assert!(en.contains("Site status on the date"));
    assert!(!en.contains("날짜 기준 시설 상태"));
}

/// Korean typed as a platform IME sends it: syllables composed in place (pre-edit), then
/// committed.
fn ime_type(h: &mut Harness<'_, NkmapApp>, syllables: &[&[&str]]) {
    for steps in syllables {
        for pre in *steps {
            h.event(egui::Event::Ime(egui::ImeEvent::Preedit {
                text: (*pre).to_owned(),
                active_range_chars: None,
            }));
            h.run_steps(1);
        }
        let done = steps.last().copied().unwrap_or_default();
        h.event(egui::Event::Ime(egui::ImeEvent::Commit(done.to_owned())));
        h.run_steps(1);
    }
    h.run_steps(2);
}

fn value_of(h: &Harness<'_, NkmapApp>, label: &str) -> String {
    h.get_by_role_and_label(Role::TextInput, label)
        .value()
        .unwrap_or_default()
}

#[test]
fn typing_jungong_through_the_ime_finds_completed_sites() {
    let _l = lang(Lang::Ko);
    let mut h = harness();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run_steps(2);
    assert!(
        h.get_by_role_and_label(Role::TextInput, "검색")
            .is_focused()
    );
    // "시설" is also the Sites layer's name in the side panel: the results add one.
    let sites_labels = |h: &Harness<'_, NkmapApp>| h.query_all_by_label("시설").count();
    let before = sites_labels(&h);
    ime_type(&mut h, &[&["ㅈ", "주", "준"], &["ㄱ", "고", "공"]]);
    assert_eq!(value_of(&h, "검색"), "준공");
    // The list shows the completed sites (a heading in Korean), the first one highlighted.
    assert_eq!(
        sites_labels(&h),
        before + 1,
        "no Sites heading in the results"
    );
    let app = h.state();
    let completed: Vec<String> = app
        .state
        .layers
        .iter()
        .flat_map(|l| l.data.sites.iter())
        .filter(|s| s.status_on(app.state.date) == nkmap::model::SiteStatus::Completed)
        .map(|s| s.name.clone())
        .collect();
    assert!(!completed.is_empty());
    assert!(
        completed
            .iter()
            .any(|n| h.query_by_label_contains(n).is_some()),
        "no completed site listed for 준공"
    );
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    let app = h.state();
    let Some(nkmap::state::Selection::Site { layer, index }) = app.state.selection else {
        panic!("Enter picks a site: {:?}", app.state.selection);
    };
    assert_eq!(
        app.state.layers[layer].data.sites[index].status_on(app.state.date),
        nkmap::model::SiteStatus::Completed
    );
    i18n::set_language(Lang::En);
}

#[test]
fn korean_typed_through_the_ime_reaches_go_to_and_the_editor() {
    let _l = lang(Lang::En);
    let mut h = harness();
    // Go to coordinates… (Ctrl+G): its field has the focus, so the IME writes there.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::G);
    h.run_steps(3);
    ime_type(&mut h, &[&["ㅂ", "부", "북"], &["ㅇ", "위"]]);
    assert_eq!(value_of(&h, "Position"), "북위");
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    // The editor's name field.
    h.get_by_label("Edit").click();
    h.run_steps(2);
    h.get_by_label("Add site…").click();
    h.run_steps(3);
    h.get_by_role_and_label(Role::TextInput, "Name").click();
    h.run_steps(1);
    ime_type(
        &mut h,
        &[
            &["ㅇ", "어"],
            &["ㄹ", "라", "랑"],
            &[" "],
            &["ㅇ", "야", "양"],
            &["ㅇ", "어"],
            &["ㅈ", "자", "장"],
        ],
    );
    assert_eq!(value_of(&h, "Name"), "어랑 양어장");
}

#[test]
fn korean_details_write_people_dates_and_grades_natively() {
    let _l = lang(Lang::Ko);
    let mut h = harness();
    let flow = h
        .state()
        .state
        .layers
        .iter()
        .enumerate()
        .find_map(|(li, l)| {
            l.data
                .flows
                .iter()
                .position(|f| f.id == "flow-2024-02-musan-mine-workers")
                .map(|fi| nkmap::state::Selection::Flow {
                    layer: li,
                    index: fi,
                })
        });
    let Some(flow) = flow else {
        panic!("the Musan flow is in the seeds")
    };
    h.state_mut()
        .state
        .apply(nkmap::state::Action::Select(Some(flow)));
    h.run_steps(3);
    // "500~600명", shifts in 개월, the start as "2024년 2월", the grade in Korean.
    for text in [
        "상세 정보",
        "동원 인원",
        "500~600명 (“about two battalions”)",
        "3개월",
        "2024년 2월",
    ] {
        assert!(
            h.query_by_label(text).is_some(),
            "no {text} in the Korean details panel"
        );
    }
    assert!(
        h.query_all_by_label_contains("C — 단일 출처로 확인")
            .next()
            .is_some(),
        "the grade in Korean"
    );
    assert!(h.query_by_label("People").is_none());
    assert!(
        h.query_by_label("500–600 (“about two battalions”)")
            .is_none()
    );
    i18n::set_language(Lang::En);
}

/// `nkmap check` under a Korean locale writes its diagnostics in Korean, still naming the
/// file, the feature and the record; under `LC_ALL=C` the same lines are English.
#[test]
fn nkmap_check_writes_korean_diagnostics_under_a_korean_locale() {
    let args = [
        "check",
        "tests/data/bad/unknown-county.geojson",
        "tests/data/bad/bad-row.csv",
    ];
    let ko = nkmap_in("ko_KR.UTF-8", &args);
    let out = String::from_utf8_lossy(&ko.stdout);
    for line in [
        // The suggestion in Korean names: province first, then the county.
        "tests/data/bad/unknown-county.geojson:피처 0 (lost-site): 오류: 'place'에 알 수 없는 장소가 있습니다: 'Oranjeboom County'. 함경북도 어랑군 (KP-09-orang)을(를) 찾으십니까?",
        "tests/data/bad/bad-row.csv:4 (csv-date): 오류: 'milestones[0].date' 속성: '2025-13-01': 13월은 1~12 사이가 아닙니다",
        "tests/data/bad/bad-row.csv:3 (csv-short): 오류: 이 행의 칸은 5개인데 머리글은 8개입니다",
    ] {
        assert!(out.contains(line), "no «{line}» in:\n{out}");
    }
    assert!(
        !out.contains("error:") && !out.contains("unknown place"),
        "{out}"
    );
    assert!(
        stderr(&ko).contains("파일 2개 검사: 오류 3건"),
        "{}",
        stderr(&ko)
    );
    // A KML placemark is named as Google Earth's Korean names it.
    let ko = nkmap_in("ko_KR.UTF-8", &["check", "tests/data/kml/field-notes.kml"]);
    let out = String::from_utf8_lossy(&ko.stdout);
    for line in [
        "tests/data/kml/field-notes.kml:위치표시 3 (Wrong way round): 오류: 좌표: 위도 129.4312이(가) -90..90 범위 밖입니다(KML은 lon,lat 순서로 씁니다)",
        "tests/data/kml/field-notes.kml: 경고: 네트워크 링크 1개는 따라가지 않았습니다",
    ] {
        assert!(out.contains(line), "no «{line}» in:\n{out}");
    }

    let en = nkmap_in("C", &args);
    let out = String::from_utf8_lossy(&en.stdout);
    for line in [
        "tests/data/bad/unknown-county.geojson:feature 0 (lost-site): error: unknown place in 'place': 'Oranjeboom County'",
        "tests/data/bad/bad-row.csv:4 (csv-date): error: property 'milestones[0].date': '2025-13-01': month 13 is not 1-12",
        "tests/data/bad/bad-row.csv:3 (csv-short): error: row has 5 fields but the header has 8",
    ] {
        assert!(out.contains(line), "no «{line}» in:\n{out}");
    }
    assert!(!out.contains("오류"), "{out}");
}

/// `nkmap --help` and a subcommand's help are in the locale's language.
#[test]
fn nkmap_help_is_korean_under_a_korean_locale() {
    let ko = nkmap_in("ko_KR.UTF-8", &["--help"]);
    let out = String::from_utf8_lossy(&ko.stdout);
    for text in [
        "북한 지방발전 20×10 정책 건설 사업 지도",
        "자료 파일을 검사합니다",
        "도와 시·군을 어떤 표기로든 찾습니다",
    ] {
        assert!(out.contains(text), "no «{text}» in:\n{out}");
    }
    assert!(!out.contains("Check data files"), "{out}");
    // clap's own words too: the `help` command, defaults and possible values.
    for text in [
        "이 도움말 또는 주어진 명령의 도움말 보기",
        "[기본값: wgpu] [가능한 값: wgpu, glow]",
    ] {
        assert!(out.contains(text), "no «{text}» in:\n{out}");
    }
    for english in ["Print this message", "default:", "possible values"] {
        assert!(!out.contains(english), "«{english}» in:\n{out}");
    }
    let ko = nkmap_in("ko_KR.UTF-8", &["render", "--help"]);
    let out = String::from_utf8_lossy(&ko.stdout);
    assert!(out.contains("지역 이름표의 언어"), "{out}");
    assert!(out.contains("[가능한 값: en, ko, both]"), "{out}");
    let ko = nkmap_in("ko_KR.UTF-8", &["export", "--help"]);
    let out = String::from_utf8_lossy(&ko.stdout);
    assert!(
        out.contains("가능한 값:\n") && out.contains("- kmz: 압축한 KML"),
        "{out}"
    );
    assert!(!out.contains("Possible values"), "{out}");

    let en = nkmap_in("C", &["--help"]);
    let out = String::from_utf8_lossy(&en.stdout);
    assert!(out.contains("Check data files"), "{out}");
    assert!(
        out.contains("[default: wgpu] [possible values: wgpu, glow]"),
        "{out}"
    );
    assert!(!out.contains("자료 파일"), "{out}");
}

/// The editor refuses a site in the interface's language, through the window as a user sees
/// it: a missing source, a missing place and a bad date, named by the form's own label.
#[test]
fn the_editor_refuses_in_korean() {
    let _l = lang(Lang::Ko);
    let mut h = harness();
    h.get_by_label("편집").click();
    h.run_steps(2);
    h.get_by_label("시설 추가…").click();
    h.run_steps(3);
    assert!(h.state().editor().is_some(), "the form opened");
    for (label, text) in [("이름", "어랑 양어장"), ("착공", "2025-13")] {
        h.get_by_role_and_label(Role::TextInput, label).click();
        h.run_steps(1);
        h.get_by_role_and_label(Role::TextInput, label)
            .type_text(text);
        h.run_steps(1);
    }
    h.get_by_label("기록 저장").click();
    h.run_steps(3);
    for text in [
        "출처가 필요합니다: 저장하기 전에 기존 출처를 고르거나 새 출처를 추가하십시오.",
        "시설의 위치가 없습니다",
        "착공: '2025-13': 13월은 1~12 사이가 아닙니다",
    ] {
        assert!(
            h.query_by_label_contains(text).is_some(),
            "no «{text}» shown; the editor: {:?}",
            h.state().editor()
        );
    }
    assert!(h.query_by_label_contains("A source is required").is_none());
    i18n::set_language(Lang::En);
}

/// The user's own layer is named in the interface's language where it is shown, and the name
/// follows a switch of language without reopening the file.
#[test]
fn my_records_layer_is_named_in_the_interface_language() {
    let _l = lang(Lang::Ko);
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("mine.geojson");
    if let Err(e) = std::fs::write(&path, r#"{"type": "FeatureCollection", "features": []}"#) {
        panic!("{e}");
    }
    h.state_mut().state.open_user_file(path);
    h.run_steps(3);
    assert!(
        h.query_by_label("내 기록 (mine.geojson)").is_some(),
        "no Korean name for the user's layer"
    );
    choose_language(&mut h, "보기", "언어", "English");
    assert!(h.query_by_label("My records (mine.geojson)").is_some());
    assert!(h.query_by_label("내 기록 (mine.geojson)").is_none());
    i18n::set_language(Lang::En);
}

/// One set of status words: the map's legend names each status with the word the panels,
/// the details and the search use (착공·건설 중, 보도 전 …), in both languages.
#[test]
fn the_legend_and_the_panels_name_each_status_alike() {
    use nkmap::model::SiteStatus;
    use nkmap::scene::palette::LegendItem;
    for lang in Lang::ALL {
        for s in [
            SiteStatus::NotYet,
            SiteStatus::Announced,
            SiteStatus::UnderConstruction,
            SiteStatus::Completed,
        ] {
            let word = i18n::words::status_in(lang, s).to_lowercase();
            let legend = LegendItem::Status(s).text_in(lang).to_lowercase();
            assert!(
                legend.starts_with(&format!("{word} (")),
                "{lang:?} {s:?}: the panels say «{word}», the legend «{legend}»"
            );
        }
    }
    assert_eq!(
        i18n::words::status_in(Lang::Ko, SiteStatus::UnderConstruction),
        "착공·건설 중"
    );
}

/// A placemark without a name is called by its number in the interface's language, in the
/// search results as in its details.
#[test]
fn an_unnamed_placemark_is_named_in_the_interface_language() {
    let _l = lang(Lang::Ko);
    let kml = br#"<?xml version="1.0"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
<Placemark id="pm-nameless"><Point><coordinates>129.4,41.9</coordinates></Point></Placemark>
</Document></kml>"#;
    let geo = match nkmap::bundled::geography() {
        Ok(g) => g,
        Err(e) => panic!("{e}"),
    };
    let (data, diags) = nkmap::io::read_dataset(kml, "nameless.kml", &geo, &[]);
    assert!(diags.is_empty(), "{diags:?}");
    let titles = |q: &str| -> Vec<String> {
        nkmap::search::search(&geo, &[Some(&data)], q, 8)
            .placemarks
            .into_iter()
            .map(|h| h.title)
            .collect()
    };
    assert_eq!(titles("pm-nameless"), ["위치표시 0"]);
    i18n::set_language(Lang::En);
    assert_eq!(titles("pm-nameless"), ["placemark 0"]);
}

#[test]
fn unnamed_areas_and_folders_are_named_in_the_interface_language() {
    let _l = lang(Lang::Ko);
    let geo = match nkmap::bundled::geography() {
        Ok(g) => g,
        Err(e) => panic!("{e}"),
    };
    let areas = br#"{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{},"geometry":{"type":"Polygon",
 "coordinates":[[[129.0,41.0],[129.1,41.0],[129.1,41.1],[129.0,41.0]]]}}]}"#;
    let kml = br#"<?xml version="1.0"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>Sites</name><Folder>
<Placemark><name>Mine</name><Point><coordinates>129.4,41.9</coordinates></Point></Placemark>
</Folder></Document></kml>"#;
    let read = || {
        let (a, d) = nkmap::io::read_dataset(areas, "areas.geojson", &geo, &[]);
        assert!(d.is_empty(), "{d:?}");
        let (k, d) = nkmap::io::read_dataset(kml, "folders.kml", &geo, &[]);
        assert!(d.is_empty(), "{d:?}");
        let area = a.areas.first().map(|a| a.name.clone()).unwrap_or_default();
        let folders: Vec<String> = k
            .placemarks
            .folders
            .iter()
            .map(|f| f.name.clone())
            .collect();
        (area, folders)
    };
    assert_eq!(
        read(),
        (
            "피처 0".to_owned(),
            vec!["Sites".to_owned(), "(이름 없는 폴더)".to_owned()]
        )
    );
    i18n::set_language(Lang::En);
    assert_eq!(
        read(),
        (
            "feature 0".to_owned(),
            vec!["Sites".to_owned(), "(unnamed folder)".to_owned()]
        )
    );
}

/// A JSON syntax error is worded in the interface's language; in English it keeps
/// serde_json's own words exactly.
#[test]
fn json_syntax_errors_are_worded_in_the_interface_language() {
    let _l = lang(Lang::En);
    let geo = match nkmap::bundled::geography() {
        Ok(g) => g,
        Err(e) => panic!("{e}"),
    };
    let broken: [&[u8]; 8] = [
        b"[1, 2",
        b"{\"type\": \"FeatureCollection\"",
        b"{\"type\" \"FeatureCollection\"}",
        b"[1 2]",
        b"{\"a\": 1 \"b\": 2}",
        b"{\"a\": tru}",
        b"{\"a\": \"\\q\"}",
        b"{\"a\": 1} x",
    ];
    let message = |bytes: &[u8]| -> String {
        let (_, d) = nkmap::io::read_dataset(bytes, "broken.geojson", &geo, &[]);
        d.first().map(|d| d.message.clone()).unwrap_or_default()
    };
    let mut english = Vec::new();
    for bytes in broken {
        let serde = match serde_json::from_slice::<serde_json::Value>(bytes) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("{bytes:?} parsed"),
        };
        let words = serde
            .split(" at line ")
            .next()
            .unwrap_or_default()
            .to_owned();
        let ours = message(bytes);
        assert!(ours.contains(&words), "«{words}» not in «{ours}»");
        english.push(words);
    }
    i18n::set_language(Lang::Ko);
    for (bytes, words) in broken.into_iter().zip(english) {
        let ours = message(bytes);
        assert!(
            !ours.contains(&words),
            "«{words}» still in Korean: «{ours}»"
        );
        assert!(ours.chars().any(|c| ('가'..='힣').contains(&c)), "{ours}");
    }
    i18n::set_language(Lang::En);
}

/// A mistyped command line is explained in the locale's language; in English clap's own
/// message is unchanged.
#[test]
fn usage_errors_speak_the_locales_language() {
    let ko = nkmap_in("ko_KR.UTF-8", &["export", "--formt", "csv"]);
    let err = String::from_utf8_lossy(&ko.stderr);
    assert_eq!(ko.status.code(), Some(2), "{err}");
    for text in [
        "오류: 알 수 없는 인수 '--formt'",
        "비슷한 인수가 있습니다: '--format'",
        "사용법: nkmap export",
        "자세한 내용은 '--help'를 보십시오.",
    ] {
        assert!(err.contains(text), "no «{text}» in:\n{err}");
    }
    let ko = nkmap_in("ko_KR.UTF-8", &["find", "--limit", "abc", "x"]);
    let err = String::from_utf8_lossy(&ko.stderr);
    assert!(
        err.contains("'--limit <LIMIT>'에 쓸 수 없는 값 'abc': 숫자가 아닙니다"),
        "{err}"
    );
    let ko = nkmap_in("ko_KR.UTF-8", &["render"]);
    let err = String::from_utf8_lossy(&ko.stderr);
    assert!(
        err.contains("꼭 필요한 인수가 빠졌습니다: --out <OUT>"),
        "{err}"
    );
    for english in ["error:", "Usage:", "For more information"] {
        assert!(!err.contains(english), "«{english}» in:\n{err}");
    }
    let en = nkmap_in("C", &["export", "--formt", "csv"]);
    let err = String::from_utf8_lossy(&en.stderr);
    assert!(
        err.contains("error: unexpected argument '--formt' found"),
        "{err}"
    );
    assert_eq!(en.status.code(), Some(2), "{err}");
}
