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

impl std::fmt::Display for crate::model::DateError {
    /// "'2025-13': month 13 is not 1-12" / "'2025-13': 13월은 1~12 사이가 아닙니다".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::model::{DateError, DatePart};
        use crate::t;
        let part = |p: &DatePart| match p {
            DatePart::Year => t!("diag-date-year"),
            DatePart::Month => t!("diag-date-month"),
            DatePart::Day => t!("diag-date-day"),
        };
        f.write_str(&match self {
            DateError::NotADate { text } => t!("diag-date-not-date", date = text),
            DateError::BadPart { text, part: p } => {
                t!("diag-date-bad-part", date = text, part = part(p))
            }
            DateError::BadNumber { text, part: p } => {
                t!("diag-date-bad-number", date = text, part = part(p))
            }
            DateError::BadMonth { text, month } => t!(
                "diag-date-bad-month",
                date = text,
                month = month.to_string()
            ),
            DateError::BadDay { text, day, max } => t!(
                "diag-date-bad-day",
                date = text,
                day = day.to_string(),
                max = max.to_string()
            ),
        })
    }
}

/// A placemark's name, or "placemark 3" / "위치표시 3" when it has none (the model's
/// `title()` keeps the English words for files).
pub fn placemark_title(p: &crate::model::Placemark) -> String {
    if p.name.trim().is_empty() {
        crate::t!("diag-location-placemark", index = p.index.to_string())
    } else {
        p.name.clone()
    }
}
