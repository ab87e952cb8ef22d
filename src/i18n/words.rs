//! The model's own vocabulary (statuses, site types, grades, region kinds, map layers) in the
//! interface's language. The model keeps its English `label()`s for files and exports that
//! must not change with the reader's language; everything a person reads goes through here.

use super::Lang;
use crate::model::{Grade, RegionKind, SiteCategory, SiteStatus};
use crate::t_in;

/// "under construction" / "착공·건설 중" (the legend's word too).
pub fn status_in(lang: Lang, s: SiteStatus) -> String {
    match s {
        SiteStatus::NotYet => t_in!(lang, "ui-status-not-yet"),
        SiteStatus::Announced => t_in!(lang, "ui-status-announced"),
        SiteStatus::UnderConstruction => t_in!(lang, "ui-status-under-construction"),
        SiteStatus::Completed => t_in!(lang, "ui-status-completed"),
    }
}

/// [`status_in`] in the current language.
pub fn status(s: SiteStatus) -> String {
    status_in(super::language(), s)
}

/// "Food factory" / "식료공장".
pub fn category_in(lang: Lang, c: SiteCategory) -> String {
    match c {
        SiteCategory::FactoryCluster => t_in!(lang, "ui-category-factory-cluster"),
        SiteCategory::FoodFactory => t_in!(lang, "ui-category-food-factory"),
        SiteCategory::SeafoodProcessing => t_in!(lang, "ui-category-seafood-processing"),
        SiteCategory::Hospital => t_in!(lang, "ui-category-hospital"),
        SiteCategory::ServiceComplex => t_in!(lang, "ui-category-service-complex"),
        SiteCategory::GrainFacility => t_in!(lang, "ui-category-grain-facility"),
        SiteCategory::Aquaculture => t_in!(lang, "ui-category-aquaculture"),
        SiteCategory::PaperMill => t_in!(lang, "ui-category-paper-mill"),
        SiteCategory::ChemicalPlant => t_in!(lang, "ui-category-chemical-plant"),
        SiteCategory::Other => t_in!(lang, "ui-category-other"),
    }
}

/// [`category_in`] in the current language.
pub fn category(c: SiteCategory) -> String {
    category_in(super::language(), c)
}

/// "confirmed by one source" / "단일 출처로 확인".
pub fn grade(g: Grade) -> String {
    match g {
        Grade::ConfirmedMultiple => crate::t!("ui-grade-confirmed-multiple"),
        Grade::Confirmed => crate::t!("ui-grade-confirmed"),
        Grade::Inferred => crate::t!("ui-grade-inferred"),
        Grade::Uncertain => crate::t!("ui-grade-uncertain"),
        Grade::NotFound => crate::t!("ui-grade-not-found"),
    }
}

/// "County" / "군".
pub fn region_kind(k: RegionKind) -> String {
    match k {
        RegionKind::Province => crate::t!("ui-kind-province"),
        RegionKind::SpecialCity => crate::t!("ui-kind-special-city"),
        RegionKind::County => crate::t!("ui-kind-county"),
        RegionKind::City => crate::t!("ui-kind-city"),
        RegionKind::District => crate::t!("ui-kind-district"),
    }
}
