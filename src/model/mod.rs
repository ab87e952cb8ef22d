//! The domain model: regions, sources, evidence, sites, flows and events, and areas.
//!
//! Pure data (serde, no egui). Every claim on the map (a site, a milestone, a flow, an event)
//! carries [`Evidence`] pointing at a [`Source`]. Status on a date is derived from milestones,
//! never stored.

mod area;
mod date;
pub mod placemark;
mod record;
mod region;

pub use area::Area;
pub use date::{DateError, DatePart, DatePrecision, PartialDate, days_in_month};
pub use placemark::{Folder, Placemark, PlacemarkStyle, Placemarks, Shape, TimeSpan};
pub use record::{
    Dataset, Dispute, Event, EventKind, Evidence, Flow, Grade, LocationPrecision, Milestone,
    MilestoneKind, PeopleCount, Site, SiteCategory, SiteStatus, Source, SourceKind,
};
pub use region::{Names, ProvinceDispute, Region, RegionKind, RegionLevel};
