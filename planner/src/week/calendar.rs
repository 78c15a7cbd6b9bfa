//! ISO weeks and local time.
//!
//! The engine counts time in seconds from the start of the horizon. We define that as
//! `day_index × 86 400 + seconds since local midnight` (wall-clock time in Europe/Paris), not
//! as real elapsed seconds: a day is always 86 400 units, so "09:00" is the same number on every
//! day, and a week that crosses a daylight-saving change (the last Sunday of October or March)
//! is timed right. Only when an instant is needed (calendar exports) is the wall-clock time
//! converted, day by day, to UTC with the real offset of that date.

use chrono::{DateTime, Datelike, Days, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Europe::Paris;
use chrono_tz::Tz;

use crate::units::Duration;

pub const DAY: i64 = 86_400;
pub const TIMEZONE: Tz = Paris;

/// The planned days: whole ISO weeks, Monday to Sunday.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Horizon {
    /// Monday of the first week.
    pub first_day: NaiveDate,
    pub weeks: u32,
}

/// Why a week could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid week {0:?}: expected an ISO week such as 2026-W49")]
pub struct BadWeek(pub String);

impl Horizon {
    pub fn new(first_day: NaiveDate, weeks: u32) -> Horizon {
        let monday = first_day - Days::new(u64::from(first_day.weekday().num_days_from_monday()));
        Horizon {
            first_day: monday,
            weeks: weeks.max(1),
        }
    }

    /// `2026-W49` (also `2026-w49`, `2026W49`).
    pub fn parse_week(text: &str, weeks: u32) -> Result<Horizon, BadWeek> {
        let bad = || BadWeek(text.to_string());
        let t = text.trim().to_ascii_uppercase();
        let (y, w) = t.split_once('W').ok_or_else(bad)?;
        let year: i32 = y.trim_end_matches('-').parse().map_err(|_| bad())?;
        let week: u32 = w.parse().map_err(|_| bad())?;
        let monday = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).ok_or_else(bad)?;
        Ok(Horizon::new(monday, weeks))
    }

    /// The week after the one containing `today`.
    pub fn next_week(today: NaiveDate, weeks: u32) -> Horizon {
        Horizon::new(today + Days::new(7), weeks)
    }

    /// Today in Europe/Paris.
    pub fn today() -> NaiveDate {
        Utc::now().with_timezone(&Paris).date_naive()
    }

    pub fn days(&self) -> usize {
        self.weeks as usize * 7
    }

    pub fn date(&self, day: usize) -> NaiveDate {
        self.first_day + Days::new(day as u64)
    }

    pub fn day_of(&self, date: NaiveDate) -> Option<usize> {
        let d = (date - self.first_day).num_days();
        (0..self.days() as i64).contains(&d).then_some(d as usize)
    }

    /// Days from the first day of the horizon (negative before it).
    pub fn offset_of(&self, date: NaiveDate) -> i64 {
        (date - self.first_day).num_days()
    }

    /// "2026-W49" for each week.
    pub fn week_labels(&self) -> Vec<String> {
        (0..self.weeks)
            .map(|w| iso_label(self.date(w as usize * 7)))
            .collect()
    }

    /// Week index (0-based) of a day.
    pub fn week_of(&self, day: usize) -> usize {
        day / 7
    }
}

/// "2026-W49".
pub fn iso_label(date: NaiveDate) -> String {
    let w = date.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// Engine time of a wall-clock time on a day of the horizon.
pub fn absolute(day: usize, since_midnight: Duration) -> Duration {
    Duration(day as i64 * DAY) + since_midnight
}

/// Day of the horizon and wall-clock time of an engine time.
pub fn split(time: Duration) -> (usize, Duration) {
    (
        time.0.div_euclid(DAY) as usize,
        Duration(time.0.rem_euclid(DAY)),
    )
}

/// The real instant of a wall-clock time in Paris on `date`. In the hour skipped in spring,
/// the time is moved an hour later; in the hour repeated in autumn, the first one is taken.
pub fn to_utc(date: NaiveDate, since_midnight: Duration) -> DateTime<Utc> {
    let secs = since_midnight.0.clamp(0, DAY - 1) as u32;
    let time = NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).unwrap_or(NaiveTime::MIN);
    let local = date.and_time(time);
    match Paris.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
        LocalResult::None => {
            let later = local + chrono::Duration::hours(1);
            Paris
                .from_local_datetime(&later)
                .earliest()
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_else(|| Utc.from_utc_datetime(&local))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn parses_iso_weeks() {
        let h = Horizon::parse_week("2026-W49", 1).unwrap();
        assert_eq!(h.first_day, d(2026, 11, 30));
        assert_eq!(
            Horizon::parse_week("2026w01", 2).unwrap().first_day,
            d(2025, 12, 29)
        );
        assert!(Horizon::parse_week("2026-W54", 1).is_err());
        assert!(Horizon::parse_week("semaine 49", 1).is_err());
        assert_eq!(h.week_labels(), vec!["2026-W49"]);
    }

    #[test]
    fn next_week_starts_on_the_following_monday() {
        // Wednesday 25 November 2026 → Monday 30 November.
        let h = Horizon::next_week(d(2026, 11, 25), 1);
        assert_eq!(h.first_day, d(2026, 11, 30));
        // A Sunday → the Monday after next day.
        assert_eq!(
            Horizon::next_week(d(2026, 11, 29), 1).first_day,
            d(2026, 11, 30)
        );
        let h4 = Horizon::parse_week("2026-W52", 4);
        assert_eq!(h4.unwrap().week_labels()[3], "2027-W02");
    }

    #[test]
    fn daylight_saving_end_keeps_wall_clock_times() {
        // Week 43 of 2026: Monday 19 → Sunday 25 October (summer time ends that Sunday, 03:00
        // CEST → 02:00 CET); week 44 starts Monday 26 October in winter time.
        let h = Horizon::parse_week("2026-W43", 2).unwrap();
        let nine = Duration(9 * 3600);
        // Friday 23 October, 09:00 CEST = 07:00 UTC.
        let fri = h.date(4);
        assert_eq!(to_utc(fri, nine).to_rfc3339(), "2026-10-23T07:00:00+00:00");
        // Monday 26 October, 09:00 CET = 08:00 UTC.
        let mon = h.date(7);
        assert_eq!(to_utc(mon, nine).to_rfc3339(), "2026-10-26T08:00:00+00:00");
        // The engine time of both 09:00 is the same within its day.
        assert_eq!(split(absolute(7, nine)), (7, nine));
        assert_eq!(absolute(7, nine).0 - absolute(4, nine).0, 3 * DAY);
        // The repeated hour takes the first (summer-time) instant; the skipped one moves on.
        let sunday = h.date(6);
        assert_eq!(
            to_utc(sunday, Duration(2 * 3600 + 1800)).to_rfc3339(),
            "2026-10-25T00:30:00+00:00"
        );
        let spring = d(2027, 3, 28);
        assert_eq!(
            to_utc(spring, Duration(2 * 3600 + 1800)).to_rfc3339(),
            "2027-03-28T01:30:00+00:00"
        );
    }
}
