//! Time zones for imports: an instant shown in an IANA zone (Day One's `timeZone`), and a wall
//! time with no offset read in a zone (jrnl, Markdown). Attune stores each entry with the offset
//! it was written in, so these decide the entry's local day.

use chrono::{Datelike, FixedOffset, NaiveDateTime, TimeZone as _, Timelike};
use jiff::tz::TimeZone;

use crate::time::Timestamp;

/// The same instant, with the offset `zone` had then.
pub(crate) fn shift(at: &Timestamp, zone: &TimeZone) -> Timestamp {
    let offset = jiff::Timestamp::from_millisecond(at.timestamp_millis())
        .map(|t| zone.to_offset(t).seconds())
        .unwrap_or(at.offset().local_minus_utc());
    FixedOffset::east_opt(offset).map_or(*at, |o| at.with_timezone(&o))
}

/// A wall time read in `zone`, keeping the wall time as written. In a clock change's gap or
/// overlap the offset is the one jiff's "compatible" rule picks (after the change in a gap,
/// before it in an overlap). `None` for dates out of range.
pub(crate) fn local(wall: NaiveDateTime, zone: &TimeZone) -> Option<Timestamp> {
    let civil = jiff::civil::DateTime::new(
        i16::try_from(wall.year()).ok()?,
        i8::try_from(wall.month()).ok()?,
        i8::try_from(wall.day()).ok()?,
        i8::try_from(wall.hour()).ok()?,
        i8::try_from(wall.minute()).ok()?,
        i8::try_from(wall.second()).ok()?,
        0,
    )
    .ok()?;
    let instant = zone.to_timestamp(civil).ok()?;
    let offset = FixedOffset::east_opt(zone.to_offset(instant).seconds())?;
    offset.from_local_datetime(&wall).earliest()
}

/// A file's modification time in `zone`.
pub(crate) fn from_system(t: std::time::SystemTime, zone: &TimeZone) -> Option<Timestamp> {
    let millis = i64::try_from(t.duration_since(std::time::UNIX_EPOCH).ok()?.as_millis()).ok()?;
    let utc = chrono::DateTime::from_timestamp_millis(millis)?.fixed_offset();
    Some(shift(&utc, zone))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_timestamp;

    #[test]
    fn an_instant_takes_the_zone_offset_of_its_day() {
        let zone = TimeZone::get("Asia/Bangkok").unwrap();
        let at = parse_timestamp("t", "2020-07-01T18:30:00Z").unwrap();
        assert_eq!(shift(&at, &zone).to_rfc3339(), "2020-07-02T01:30:00+07:00");
        let paris = TimeZone::get("Europe/Paris").unwrap();
        let winter = parse_timestamp("t", "2024-01-10T12:00:00Z").unwrap();
        assert_eq!(shift(&winter, &paris).to_rfc3339(), "2024-01-10T13:00:00+01:00");
    }

    #[test]
    fn wall_times_read_in_a_zone() {
        let paris = TimeZone::get("Europe/Paris").unwrap();
        let wall = NaiveDateTime::parse_from_str("2020-07-01 20:00", "%Y-%m-%d %H:%M").unwrap();
        assert_eq!(local(wall, &paris).unwrap().to_rfc3339(), "2020-07-01T20:00:00+02:00");
    }
}
