//! Time as Attune stores it: RFC 3339 text with the writer's local offset for people, beside a
//! UTC millisecond sort key for the database (offset strings do not sort as text).
//!
//! The current time comes from a [`Clock`] handed to the vault, so tests are exact.

use chrono::{DateTime, FixedOffset, Local, NaiveDate, NaiveDateTime, SecondsFormat};

/// A moment with the offset it was written in.
pub type Timestamp = DateTime<FixedOffset>;

pub trait Clock: Send + Sync {
    fn now(&self) -> Timestamp;
}

/// The system clock in the machine's local time zone.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Local::now().fixed_offset()
    }
}

/// A clock that always says the same time; for tests and reproducible benchmarks.
#[derive(Clone, Copy, Debug)]
pub struct FixedClock(pub Timestamp);

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        self.0
    }
}

/// The system clock moved by a fixed amount: it ticks like the system clock from another
/// starting point. The app uses it only for its test hook (`ATTUNE_TEST_NOW`), so that an
/// end-to-end test can open the app "a month later".
#[derive(Clone, Copy, Debug)]
pub struct ShiftedClock {
    offset: chrono::TimeDelta,
    zone: FixedOffset,
}

impl ShiftedClock {
    /// A clock that says `start` now and moves on from there, in `start`'s offset.
    pub fn starting_at(start: Timestamp) -> ShiftedClock {
        ShiftedClock { offset: start.to_utc() - chrono::Utc::now(), zone: *start.offset() }
    }
}

impl Clock for ShiftedClock {
    fn now(&self) -> Timestamp {
        (chrono::Utc::now() + self.offset).with_timezone(&self.zone)
    }
}

/// RFC 3339 with milliseconds and the local offset.
pub fn format(t: &Timestamp) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, false)
}

pub fn sort_key(t: &Timestamp) -> i64 {
    t.timestamp_millis()
}

#[derive(Debug, thiserror::Error)]
pub enum TimeError {
    #[error("{what} \"{text}\" is not a date: expected YYYY-MM-DD, such as 2026-03-14")]
    BadDate { what: &'static str, text: String },
    #[error(
        "{what} \"{text}\" is not a timestamp: expected RFC 3339 with an offset, such as 2026-03-14T20:15:00+01:00"
    )]
    BadTimestamp { what: &'static str, text: String },
    #[error(
        "{what} \"{text}\" is not a date and time: expected YYYY-MM-DD HH:MM (local time), such as 2026-11-29 23:40, or RFC 3339 with an offset"
    )]
    BadLocalTime { what: &'static str, text: String },
}

/// Parses `YYYY-MM-DD`; `what` names the field in the error ("--from", "local_day").
pub fn parse_day(what: &'static str, text: &str) -> Result<NaiveDate, TimeError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| TimeError::BadDate { what, text: text.to_owned() })
}

pub fn parse_timestamp(what: &'static str, text: &str) -> Result<Timestamp, TimeError> {
    DateTime::parse_from_rfc3339(text.trim()).map_err(|_| TimeError::BadTimestamp { what, text: text.to_owned() })
}

/// A date and time as a person gives it: `YYYY-MM-DD HH:MM` (or with `T`, or with seconds),
/// read in this computer's time zone, which gives the offset that moment had there (summer
/// time included; in a clock change's gap, the offset after it); or RFC 3339 with an offset,
/// taken as it is. `what` names the field in the error.
pub fn parse_local(what: &'static str, text: &str) -> Result<Timestamp, TimeError> {
    let trimmed = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(trimmed) {
        return Ok(t);
    }
    let bad = || TimeError::BadLocalTime { what, text: text.to_owned() };
    let wall = ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(trimmed, f).ok())
        .ok_or_else(bad)?;
    in_local_zone(wall).ok_or_else(bad)
}

/// A wall time in this computer's time zone (the `TZ` variable when set), with the offset it
/// has there; `None` out of range.
pub fn in_local_zone(wall: NaiveDateTime) -> Option<Timestamp> {
    crate::exchange::import::zone::local(wall, &jiff::tz::TimeZone::system())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[test]
    fn sort_key_orders_by_instant_not_by_text() {
        // 23:30 at +05:00 is earlier than 19:00 at -01:00 the day before, as text says otherwise.
        let a = parse_timestamp("t", "2026-03-14T23:30:00+05:00").unwrap();
        let b = parse_timestamp("t", "2026-03-14T19:00:00-01:00").unwrap();
        assert!(format(&a) > format(&b), "the text of a sorts after b");
        assert!(sort_key(&a) < sort_key(&b), "but a happened first");
    }

    #[test]
    fn format_keeps_the_local_offset() {
        let t = parse_timestamp("t", "2026-03-14T20:15:00+01:00").unwrap();
        assert_eq!(format(&t), "2026-03-14T20:15:00.000+01:00");
        assert_eq!(parse_timestamp("t", &format(&t)).unwrap(), t);
    }

    #[rstest]
    #[case("2026-13-01")]
    #[case("14/03/2026")]
    #[case("")]
    fn bad_days_name_the_field(#[case] text: &str) {
        let err = parse_day("--from", text).unwrap_err().to_string();
        assert!(err.starts_with("--from \""), "{err}");
        assert!(err.contains("YYYY-MM-DD"), "{err}");
    }
}

#[cfg(test)]
mod shifted_tests {
    use super::*;

    #[test]
    fn a_shifted_clock_starts_where_it_is_told_and_moves_on() {
        let start = DateTime::parse_from_rfc3339("2030-01-31T09:00:00-03:00").unwrap();
        let clock = ShiftedClock::starting_at(start);
        let now = clock.now();
        assert!(now >= start && now - start < chrono::TimeDelta::seconds(5), "{now} is just after {start}");
        assert_eq!(now.offset(), start.offset(), "it keeps the offset it was given");
    }
}
