//! The daily reminder: once a day, at the time the person chose, a desktop notification that a
//! check-in is waiting. It runs only while Attune is open (there is no background service), and
//! it says nothing about what is in the vault: it is shown even while the vault is locked, and
//! notifications can be seen by anyone looking at the screen.

use std::time::Duration;

use chrono::{Local, NaiveDate, NaiveDateTime, NaiveTime};
use tauri::{AppHandle, Manager};
use tauri_plugin_notification::NotificationExt;

use crate::state::AppState;

/// How late after the chosen time a reminder is still shown (Attune opened at 23:00 does not
/// remind about 08:00).
const LATE_BY_AT_MOST: chrono::Duration = chrono::Duration::hours(3);
const CHECK_EVERY: Duration = Duration::from_secs(30);

pub const TITLE: &str = "Attune";
pub const BODY: &str = "A few quiet minutes for your check-in, whenever you are ready.";

/// "HH:MM" as a time of day.
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").ok()
}

/// Whether to remind now: the chosen time has come today, not too long ago, and today's
/// reminder has not been shown.
pub fn is_due(now: NaiveDateTime, at: NaiveTime, last_shown: Option<NaiveDate>) -> bool {
    let today = now.date();
    let due = today.and_time(at);
    last_shown != Some(today) && now >= due && now - due <= LATE_BY_AT_MOST
}

/// Checks twice a minute for as long as the app runs.
pub fn watch(app: AppHandle) {
    std::thread::spawn(move || {
        let mut last_shown: Option<NaiveDate> = None;
        loop {
            std::thread::sleep(CHECK_EVERY);
            let Some(state) = app.try_state::<AppState>() else { continue };
            let at = state.prefs().ok().and_then(|p| p.reminder_time.as_deref().and_then(parse_time));
            let Some(at) = at else { continue };
            let now = Local::now().naive_local();
            if is_due(now, at, last_shown) {
                last_shown = Some(now.date());
                if let Err(e) = app.notification().builder().title(TITLE).body(BODY).show() {
                    log::warn!("reminder not shown: {e}");
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn reminds_once_a_day_from_the_chosen_time_and_not_hours_later() {
        let time = parse_time("20:30").unwrap();
        assert!(!is_due(at("2026-05-01 20:29"), time, None));
        assert!(is_due(at("2026-05-01 20:30"), time, None));
        assert!(is_due(at("2026-05-01 22:00"), time, None), "opened a little later still reminds");
        assert!(!is_due(at("2026-05-01 20:31"), time, Some("2026-05-01".parse().unwrap())), "once a day");
        assert!(is_due(at("2026-05-02 20:31"), time, Some("2026-05-01".parse().unwrap())), "and again the next day");
        assert!(!is_due(at("2026-05-01 23:45"), time, None), "too late today");
    }

    #[test]
    fn only_times_like_20_30_are_accepted() {
        assert!(parse_time("07:05").is_some());
        assert!(parse_time("7:05").is_some());
        for bad in ["", "25:00", "20:60", "evening", "20:30:00"] {
            assert!(parse_time(bad).is_none(), "{bad}");
        }
    }
}
