//! Positions as people write them: decimal degrees, degrees-minutes-seconds and MGRS, both
//! ways (formatting for the status bar and *Copy coordinates*, parsing for *Go to
//! coordinates…*).
//!
//! Pure (no egui). Formatting rounds once, on the smallest unit shown, and carries upwards, so
//! 59.99999″ prints as the next minute and never as 60″. MGRS and UTM come from the
//! `mgrs-convert` crate (Karney's Krüger series and NGA's grid letters); this module only
//! spaces the reference and finds it inside what a user typed. Parsing is a small tokenizer
//! rather than a pile of regular expressions: analysts paste coordinates from Google Earth,
//! Wikipedia, KCNA-derived spreadsheets and military notes, each with its own marks.

use serde::{Deserialize, Serialize};

/// How positions are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum CoordFormat {
    /// `39.03920°N 125.76250°E`
    #[default]
    Decimal,
    /// `39°02'21.1"N 125°45'45.0"E`
    Dms,
    /// `51S YD 39097 24758` (1 m)
    Mgrs,
}

impl CoordFormat {
    pub const ALL: [CoordFormat; 3] = [CoordFormat::Decimal, CoordFormat::Dms, CoordFormat::Mgrs];

    /// The format's short name, as the status bar's choice shows it.
    pub fn label(self) -> String {
        match self {
            CoordFormat::Decimal => crate::t!("coords-format-decimal"),
            CoordFormat::Dms => crate::t!("coords-format-dms"),
            CoordFormat::Mgrs => crate::t!("coords-format-mgrs"),
        }
    }
}

/// A position in `format`. Every valid position has an MGRS cell (UTM, or UPS beyond 84°N and
/// 80°S); an invalid one (NaN, latitude beyond ±90°) is written `—`.
pub fn format(lat: f64, lon: f64, format: CoordFormat) -> String {
    match format {
        CoordFormat::Decimal => format_decimal(lat, lon),
        CoordFormat::Dms => format_dms(lat, lon),
        CoordFormat::Mgrs => format_mgrs(lat, lon).unwrap_or_else(|| "—".to_owned()),
    }
}

/// `39.03920°N 125.76250°E`: five decimals, about a metre.
pub fn format_decimal(lat: f64, lon: f64) -> String {
    let (lat, lon) = (round_to(lat, 1e5), round_to(normalize_lon(lon), 1e5));
    format!(
        "{:.5}°{} {:.5}°{}",
        lat.abs(),
        hemisphere(lat, 'N', 'S'),
        lon.abs(),
        hemisphere(lon, 'E', 'W')
    )
}

/// `39°02'21.1"N 125°45'45.0"E`: seconds to a tenth (about 3 m), rounded once on the tenth
/// so that 59.96″ becomes the next minute, not `60.0"`.
pub fn format_dms(lat: f64, lon: f64) -> String {
    let lon = normalize_lon(lon);
    format!(
        "{}{} {}{}",
        dms(lat, 2),
        hemisphere(round_to(lat, 36_000.0), 'N', 'S'),
        dms(lon, 3),
        hemisphere(round_to(lon, 36_000.0), 'E', 'W')
    )
}

/// `51S YD 39097 24758`: the 1 m MGRS cell (truncated, as MGRS is), spaced as printed on
/// maps. `None` for a position that is not one (NaN, latitude beyond ±90°).
pub fn format_mgrs(lat: f64, lon: f64) -> Option<String> {
    let p = mgrs_convert::LatLon::new(lat, lon).ok()?;
    Some(space_mgrs(
        &p.to_mgrs(mgrs_convert::Precision::ONE_METER).to_string(),
    ))
}

/// The UTM zone, whether northern, easting and northing (metres) of a position; `None`
/// beyond UTM's latitudes (UPS) or for an invalid position.
pub fn utm(lat: f64, lon: f64) -> Option<(u8, bool, f64, f64)> {
    let u = mgrs_convert::LatLon::new(lat, lon).ok()?.to_utmups();
    (u.zone() > 0).then(|| (u.zone(), u.is_north(), u.easting(), u.northing()))
}

fn hemisphere(v: f64, positive: char, negative: char) -> char {
    if v < 0.0 { negative } else { positive }
}

/// Rounded to `1/per` (so that the sign of a value that rounds to zero is lost, and
/// -0.000001° prints as 0.00000°N, not S).
fn round_to(v: f64, per: f64) -> f64 {
    let r = (v * per).round() / per;
    if r == 0.0 { 0.0 } else { r }
}

/// Longitude in [-180, 180): the map's cursor can be a world or two east or west.
fn normalize_lon(lon: f64) -> f64 {
    if (-180.0..180.0).contains(&lon) || !lon.is_finite() {
        lon
    } else {
        (lon + 180.0).rem_euclid(360.0) - 180.0
    }
}

/// Degrees, minutes and seconds of `|v|` to a tenth of a second, degrees zero-padded to
/// `width` digits (2 for latitude, 3 for longitude, as navigators write them).
fn dms(v: f64, width: usize) -> String {
    if !v.is_finite() {
        return "—".to_owned();
    }
    // One rounding, in tenths of a second; minutes and degrees are carried from it.
    let tenths = (v.abs() * 36_000.0).round() as i64;
    let deg = tenths / 36_000;
    let min = (tenths % 36_000) / 600;
    let sec = tenths % 600;
    format!("{deg:0width$}°{min:02}'{:02}.{}\"", sec / 10, sec % 10)
}

/// `52SCH1234567890` → `52S CH 12345 67890`.
fn space_mgrs(compact: &str) -> String {
    let zone_len = compact.chars().take_while(char::is_ascii_digit).count();
    let letters_end = zone_len + 3;
    let (Some(gzd), Some(square), Some(digits)) = (
        compact.get(..zone_len + 1),
        compact.get(zone_len + 1..letters_end),
        compact.get(letters_end..),
    ) else {
        return compact.to_owned();
    };
    let half = digits.len() / 2;
    match (digits.get(..half), digits.get(half..)) {
        (Some(e), Some(n)) if half > 0 => format!("{gzd} {square} {e} {n}"),
        _ => format!("{gzd} {square}"),
    }
}

/// A position read from text, and which kind of text it was.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Parsed {
    pub lat: f64,
    pub lon: f64,
    pub format: CoordFormat,
}

/// Why text is not a position. [`ParseError::message`] says it to the user.
#[derive(Debug, Clone, PartialEq)]
pub enum ParseError {
    Empty,
    /// A character that belongs to no way of writing a position.
    Unexpected(char),
    /// Not two numbers (or two groups of degrees, minutes and seconds).
    NotTwoValues,
    /// A hemisphere letter on one value only.
    OneHemisphere,
    /// Both values are latitudes (N/S) or both longitudes (E/W).
    SameAxis,
    /// Minutes or seconds of 60 or more, a fraction before the last part, a minus sign on
    /// minutes, parts out of order, or a minus sign with S or W.
    BadDms,
    LatitudeOutOfRange(f64),
    LongitudeOutOfRange(f64),
    /// Looked like MGRS but is not a valid reference; the crate's reason.
    Mgrs(String),
}

impl ParseError {
    /// What went wrong, in the interface's language.
    pub fn message(&self) -> String {
        match self {
            ParseError::Empty => crate::t!("coords-error-empty"),
            ParseError::Unexpected(c) => crate::t!("coords-error-unexpected", what = c.to_string()),
            ParseError::NotTwoValues => crate::t!("coords-error-two-values"),
            ParseError::OneHemisphere => crate::t!("coords-error-one-hemisphere"),
            ParseError::SameAxis => crate::t!("coords-error-same-axis"),
            ParseError::BadDms => crate::t!("coords-error-dms"),
            ParseError::LatitudeOutOfRange(v) => {
                crate::t!("coords-error-latitude", value = format!("{v}"))
            }
            ParseError::LongitudeOutOfRange(v) => {
                crate::t!("coords-error-longitude", value = format!("{v}"))
            }
            ParseError::Mgrs(why) => crate::t!("coords-error-mgrs", why = why.as_str()),
        }
    }
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

/// Reads a position written as decimal degrees (`39.03, 125.75`, `39.03N 125.75E`,
/// `N39.03 E125.75`, `-12.5 130`), degrees-minutes(-seconds) (`39°01'48"N 125°45'00"E`,
/// `39 01 48 N 125 45 0 E`, `39°01.8'N …`) or MGRS (`52S CH 12345 67890`,
/// `52sch1234567890`). Without hemisphere letters the first value is the latitude, unless
/// only the second can be one (a longitude beyond ±90° typed first).
pub fn parse(text: &str) -> Result<Parsed, ParseError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ParseError::Empty);
    }
    if let Some(compact) = mgrs_like(text) {
        let cell: mgrs_convert::Mgrs = compact
            .parse()
            .map_err(|e: mgrs_convert::Error| ParseError::Mgrs(e.to_string()))?;
        let p = cell.to_latlon();
        return Ok(Parsed {
            lat: p.lat(),
            lon: p.lon(),
            format: CoordFormat::Mgrs,
        });
    }
    parse_lat_lon(text)
}

/// The text without spaces when it has the shape of an MGRS reference (zone digits, a band
/// letter and two square letters, then digits), else `None`. Digits typed in two groups must
/// be two groups of the same length (`12345 67890`), or the split would be a guess.
fn mgrs_like(text: &str) -> Option<String> {
    let upper = text.to_ascii_uppercase();
    let compact: String = upper.split_whitespace().collect();
    let b = compact.as_bytes();
    let zone_len = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let band_ok = |c: u8| c.is_ascii_uppercase() && c != b'I' && c != b'O';
    let shape = match zone_len {
        1 | 2 => b
            .get(zone_len)
            .is_some_and(|&c| (b'C'..=b'X').contains(&c) && band_ok(c)),
        // UPS: no zone, a polar letter.
        0 => b
            .first()
            .is_some_and(|c| matches!(c, b'A' | b'B' | b'Y' | b'Z')),
        _ => false,
    } && b
        .get(zone_len + 1..zone_len + 3)
        .is_some_and(|s| s.iter().all(u8::is_ascii_uppercase))
        && b.get(zone_len + 3..)
            .is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if !shape {
        return None;
    }
    let digit_groups: Vec<&str> = upper
        .split_whitespace()
        .filter(|w| w.bytes().all(|c| c.is_ascii_digit()))
        .collect();
    if digit_groups.len() == 2
        && digit_groups[0].len() != digit_groups[1].len()
        // A zone typed apart ("52 SCH…") is a digit group too; only trailing groups count.
        && !upper.trim_start().starts_with(digit_groups[0])
    {
        return None;
    }
    Some(compact)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    Deg,
    Min,
    Sec,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    /// A number: its value (sign included), whether it had a fraction, whether it had a minus.
    Num(f64, bool, bool),
    Unit(Unit),
    /// N, S, E or W (or 북위, 남위, 동경, 서경).
    Hemi(char),
    /// A comma or semicolon between the two values.
    Sep,
}

fn tokens(text: &str) -> Result<Vec<Tok>, ParseError> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {}
            '0'..='9' | '.' | '-' | '+' | '\u{2212}' => {
                let negative = matches!(c, '-' | '\u{2212}');
                let mut digits = String::new();
                if !matches!(c, '-' | '+' | '\u{2212}') {
                    digits.push(c);
                }
                while let Some(&d) = chars.peek() {
                    if d.is_ascii_digit() || d == '.' {
                        digits.push(d);
                        chars.next();
                    } else {
                        break;
                    }
                }
                let value: f64 = digits.parse().map_err(|_| ParseError::Unexpected(c))?;
                out.push(Tok::Num(
                    if negative { -value } else { value },
                    digits.contains('.'),
                    negative,
                ));
            }
            '°' | 'º' | '˚' => out.push(Tok::Unit(Unit::Deg)),
            '\'' | '′' | '’' | '‘' | '´' | '`' => {
                // Two apostrophes are a seconds mark.
                if chars.peek().is_some_and(|&n| matches!(n, '\'' | '′' | '’')) {
                    chars.next();
                    out.push(Tok::Unit(Unit::Sec));
                } else {
                    out.push(Tok::Unit(Unit::Min));
                }
            }
            '"' | '″' | '”' | '“' => out.push(Tok::Unit(Unit::Sec)),
            ',' | ';' | '/' => out.push(Tok::Sep),
            'N' | 'n' | 'S' | 's' | 'E' | 'e' | 'W' | 'w' => {
                out.push(Tok::Hemi(c.to_ascii_uppercase()));
            }
            '북' | '남' | '동' | '서' => {
                let second = chars.next();
                let hemi = match (c, second) {
                    ('북', Some('위')) => 'N',
                    ('남', Some('위')) => 'S',
                    ('동', Some('경')) => 'E',
                    ('서', Some('경')) => 'W',
                    _ => return Err(ParseError::Unexpected(c)),
                };
                out.push(Tok::Hemi(hemi));
            }
            other => return Err(ParseError::Unexpected(other)),
        }
    }
    Ok(out)
}

/// One value: its tokens (numbers and units) and its hemisphere letter, if any.
struct Group {
    toks: Vec<Tok>,
    hemi: Option<char>,
}

fn parse_lat_lon(text: &str) -> Result<Parsed, ParseError> {
    let toks = tokens(text)?;
    let hemis = toks.iter().filter(|t| matches!(t, Tok::Hemi(_))).count();
    let groups = match hemis {
        2 => split_by_hemispheres(&toks)?,
        0 => split_plain(&toks)?,
        _ => return Err(ParseError::OneHemisphere),
    };
    let [a, b] = groups;
    let dms_used = [&a, &b]
        .iter()
        .any(|g| g.toks.iter().filter(|t| matches!(t, Tok::Num(..))).count() > 1);
    let va = value_of(&a)?;
    let vb = value_of(&b)?;
    let axis = |h: Option<char>| h.map(|c| matches!(c, 'N' | 'S'));
    let (lat, lon) = match (axis(a.hemi), axis(b.hemi)) {
        (Some(true), Some(false)) => (va, vb),
        (Some(false), Some(true)) => (vb, va),
        (Some(_), Some(_)) => return Err(ParseError::SameAxis),
        // Latitude first, the order of Google Maps and most reports; a first value that can
        // only be a longitude means the pair was typed the GeoJSON way round.
        _ if va.abs() > 90.0 && vb.abs() <= 90.0 => (vb, va),
        _ => (va, vb),
    };
    if !(-90.0..=90.0).contains(&lat) {
        return Err(ParseError::LatitudeOutOfRange(lat));
    }
    if !(-180.0..=180.0).contains(&lon) {
        return Err(ParseError::LongitudeOutOfRange(lon));
    }
    Ok(Parsed {
        lat,
        lon,
        format: if dms_used {
            CoordFormat::Dms
        } else {
            CoordFormat::Decimal
        },
    })
}

/// Two hemisphere letters: written before their numbers (`N39 E125`) or after them
/// (`39N 125E`).
fn split_by_hemispheres(toks: &[Tok]) -> Result<[Group; 2], ParseError> {
    let body = |ts: &[Tok]| -> Vec<Tok> {
        ts.iter()
            .copied()
            .filter(|t| !matches!(t, Tok::Sep))
            .collect()
    };
    let at: Vec<usize> = toks
        .iter()
        .enumerate()
        .filter(|(_, t)| matches!(t, Tok::Hemi(_)))
        .map(|(i, _)| i)
        .collect();
    let (&[h1, h2], Some(first)) = (at.as_slice(), toks.first()) else {
        return Err(ParseError::OneHemisphere);
    };
    let letter = |i: usize| match toks.get(i) {
        Some(Tok::Hemi(c)) => Some(*c),
        _ => None,
    };
    let (first_toks, second_toks) = if matches!(first, Tok::Hemi(_)) {
        (toks.get(h1 + 1..h2), toks.get(h2 + 1..))
    } else {
        // Nothing but separators may follow the second letter.
        if toks
            .get(h2 + 1..)
            .is_some_and(|rest| rest.iter().any(|t| !matches!(t, Tok::Sep)))
        {
            return Err(ParseError::NotTwoValues);
        }
        (toks.get(..h1), toks.get(h1 + 1..h2))
    };
    let (Some(f), Some(s)) = (first_toks, second_toks) else {
        return Err(ParseError::NotTwoValues);
    };
    Ok([
        Group {
            toks: body(f),
            hemi: letter(h1),
        },
        Group {
            toks: body(s),
            hemi: letter(h2),
        },
    ])
}

/// No hemisphere letters: split at a comma, else where the second degree mark's number
/// starts, else the numbers in halves (2, 4 or 6 of them).
fn split_plain(toks: &[Tok]) -> Result<[Group; 2], ParseError> {
    let group = |ts: &[Tok]| Group {
        toks: ts
            .iter()
            .copied()
            .filter(|t| !matches!(t, Tok::Sep))
            .collect(),
        hemi: None,
    };
    if let Some(i) = toks.iter().position(|t| matches!(t, Tok::Sep)) {
        let (a, b) = (toks.get(..i), toks.get(i + 1..));
        if let (Some(a), Some(b)) = (a, b) {
            return Ok([group(a), group(b)]);
        }
    }
    let degree_numbers: Vec<usize> = toks
        .windows(2)
        .enumerate()
        .filter(|(_, w)| matches!(w, [Tok::Num(..), Tok::Unit(Unit::Deg)]))
        .map(|(i, _)| i)
        .collect();
    if let [_, second] = degree_numbers.as_slice() {
        let (a, b) = (toks.get(..*second), toks.get(*second..));
        if let (Some(a), Some(b)) = (a, b) {
            return Ok([group(a), group(b)]);
        }
    }
    let numbers: Vec<usize> = toks
        .iter()
        .enumerate()
        .filter(|(_, t)| matches!(t, Tok::Num(..)))
        .map(|(i, _)| i)
        .collect();
    if !numbers.len().is_multiple_of(2) || !(2..=6).contains(&numbers.len()) {
        return Err(ParseError::NotTwoValues);
    }
    let split = numbers[numbers.len() / 2];
    match (toks.get(..split), toks.get(split..)) {
        (Some(a), Some(b)) => Ok([group(a), group(b)]),
        _ => Err(ParseError::NotTwoValues),
    }
}

/// Degrees from a group's numbers: marked parts take their mark, unmarked ones the next
/// part in order (degrees, minutes, seconds).
fn value_of(g: &Group) -> Result<f64, ParseError> {
    let mut parts: Vec<(Unit, f64, bool, bool)> = Vec::new();
    let mut i = 0;
    while let Some(t) = g.toks.get(i) {
        match *t {
            Tok::Num(v, frac, neg) => {
                let unit = match g.toks.get(i + 1) {
                    Some(Tok::Unit(u)) => {
                        i += 1;
                        *u
                    }
                    _ => match parts.last() {
                        None => Unit::Deg,
                        Some((Unit::Deg, ..)) => Unit::Min,
                        Some(_) => Unit::Sec,
                    },
                };
                parts.push((unit, v, frac, neg));
            }
            // A unit mark with no number before it.
            Tok::Unit(_) | Tok::Hemi(_) | Tok::Sep => return Err(ParseError::NotTwoValues),
        }
        i += 1;
    }
    let order = |u: Unit| match u {
        Unit::Deg => 0,
        Unit::Min => 1,
        Unit::Sec => 2,
    };
    let Some(&(first_unit, ..)) = parts.first() else {
        return Err(ParseError::NotTwoValues);
    };
    if first_unit != Unit::Deg && parts.len() > 1 {
        return Err(ParseError::BadDms);
    }
    let mut total = 0.0;
    let mut negative = false;
    for (k, &(unit, v, frac, neg)) in parts.iter().enumerate() {
        let later = parts.get(k + 1);
        if later.is_some_and(|&(u, ..)| order(u) <= order(unit)) || (frac && later.is_some()) {
            return Err(ParseError::BadDms);
        }
        if k > 0 && (neg || v >= 60.0) {
            return Err(ParseError::BadDms);
        }
        negative |= neg;
        total += v.abs()
            / match unit {
                Unit::Deg => 1.0,
                Unit::Min => 60.0,
                Unit::Sec => 3600.0,
            };
    }
    match g.hemi {
        Some(_) if negative => Err(ParseError::BadDms),
        Some('S' | 'W') => Ok(-total),
        _ if negative => Ok(-total),
        _ => Ok(total),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_mgrs_references() {
        assert_eq!(space_mgrs("52SCH1234567890"), "52S CH 12345 67890");
        assert_eq!(space_mgrs("52SCH"), "52S CH");
        assert_eq!(space_mgrs("ZAH1234"), "Z AH 12 34");
    }

    #[test]
    fn rounds_longitudes_into_range() {
        assert_eq!(normalize_lon(485.75), 125.75);
        assert_eq!(normalize_lon(-180.0), -180.0);
        assert_eq!(normalize_lon(180.0), -180.0);
    }
}
