//! The words users write in scenario files — days, times, windows, frequencies, venues, dates —
//! in French or English, with or without accents.

use super::model::{Frequency, Venue};
use crate::units::Duration;
use chrono::{NaiveDate, Weekday};
use maps::places::normalize;

/// "lundi", "lun", "Monday", "mon" …
pub fn weekday(text: &str) -> Option<Weekday> {
    let day = match normalize(text).trim_end_matches('.') {
        "lundi" | "lun" | "monday" | "mon" | "lu" | "mo" => Weekday::Mon,
        "mardi" | "mar" | "tuesday" | "tue" | "tues" | "ma" | "tu" => Weekday::Tue,
        "mercredi" | "mer" | "wednesday" | "wed" | "me" | "we" => Weekday::Wed,
        "jeudi" | "jeu" | "thursday" | "thu" | "thur" | "thurs" | "je" | "th" => Weekday::Thu,
        "vendredi" | "ven" | "friday" | "fri" | "ve" | "fr" => Weekday::Fri,
        "samedi" | "sam" | "saturday" | "sat" | "sa" => Weekday::Sat,
        "dimanche" | "dim" | "sunday" | "sun" | "di" | "su" => Weekday::Sun,
        _ => return None,
    };
    Some(day)
}

/// Keys of `windows` that stand for several days.
pub fn day_group(text: &str) -> Option<Vec<Weekday>> {
    use Weekday::*;
    match normalize(text).as_str() {
        "tous" | "tous les jours" | "chaque jour" | "all" | "every day" | "*" => {
            Some(vec![Mon, Tue, Wed, Thu, Fri, Sat, Sun])
        }
        "semaine" | "en semaine" | "weekdays" | "weekday" => Some(vec![Mon, Tue, Wed, Thu, Fri]),
        _ => None,
    }
}

pub fn day_name(day: Weekday, fr: bool) -> &'static str {
    const FR: [&str; 7] = [
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ];
    const EN: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let i = day.num_days_from_monday() as usize;
    if fr { FR[i] } else { EN[i] }
}

/// "09:00", "9:00", "9h", "9h30", "14 h 15". Hours 0–23 (24:00 allowed as the end of a day).
pub fn time(text: &str) -> Option<Duration> {
    let t: String = text.trim().to_lowercase().split_whitespace().collect();
    let (h, m) = match t.split_once([':', 'h']) {
        Some((h, m)) => (h, if m.is_empty() { "0" } else { m }),
        None => return None,
    };
    let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
    if h.to_string().len() > 2 || !(0..60).contains(&m) || !(0..=24).contains(&h) {
        return None;
    }
    if h == 24 && m != 0 {
        return None;
    }
    Some(Duration(h * 3600 + m * 60))
}

/// Why a window could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WindowError {
    BadTime(String),
    EndsBeforeStart,
    Unknown,
}

/// Named parts of the day, given the team's day.
pub struct DayParts {
    pub day_start: Duration,
    pub day_end: Duration,
}

/// Morning ends and afternoon starts here (the team lunches in between).
pub const NOON: Duration = Duration(12 * 3600 + 30 * 60);
pub const AFTERNOON: Duration = Duration(13 * 3600 + 30 * 60);

/// "après-midi", "matin", "journée" or "14:00-17:00" → (start, end) of the window.
pub fn window(text: &str, parts: &DayParts) -> Result<(Duration, Duration), WindowError> {
    match normalize(text).as_str() {
        "apres midi" | "aprem" | "afternoon" | "pm" => return Ok((AFTERNOON, parts.day_end)),
        "matin" | "matinee" | "morning" | "am" => return Ok((parts.day_start, NOON)),
        "journee" | "toute la journee" | "jour" | "day" | "all day" | "any" => {
            return Ok((parts.day_start, parts.day_end));
        }
        _ => {}
    }
    let Some((a, b)) = text
        .split_once(['-', '–', '—'])
        .or_else(|| text.split_once(" à "))
    else {
        return Err(WindowError::Unknown);
    };
    let start = time(a).ok_or_else(|| WindowError::BadTime(a.trim().to_string()))?;
    let end = time(b).ok_or_else(|| WindowError::BadTime(b.trim().to_string()))?;
    if end <= start {
        return Err(WindowError::EndsBeforeStart);
    }
    Ok((start, end))
}

pub fn frequency(text: &str) -> Option<Frequency> {
    let f = match normalize(text).as_str() {
        "hebdomadaire" | "chaque semaine" | "1/semaine" | "weekly" | "every week" => {
            Frequency::Weekly
        }
        "bihebdomadaire"
        | "deux fois par semaine"
        | "2/semaine"
        | "twice weekly"
        | "twice a week" => Frequency::TwiceWeekly,
        "quinzaine"
        | "tous les quinze jours"
        | "toutes les deux semaines"
        | "fortnightly"
        | "every two weeks" => Frequency::Fortnightly,
        "mensuel" | "mensuelle" | "chaque mois" | "1/mois" | "monthly" | "every month" => {
            Frequency::Monthly
        }
        _ => return None,
    };
    Some(f)
}

pub fn venue(text: &str) -> Option<Venue> {
    let v = match normalize(text).as_str() {
        "domicile" | "a domicile" | "home" | "at home" => Venue::Home,
        "camping car" | "camping car a proximite" | "camper" | "van" => Venue::Camper,
        "point de rencontre" | "point de rendez vous" | "rendez vous" | "meeting point" => {
            Venue::MeetingPoint
        }
        _ => return None,
    };
    Some(v)
}

/// A TOML date (`2026-11-20`) or a string "2026-11-20" / "20/11/2026".
pub fn date(value: &toml::Value) -> Option<NaiveDate> {
    match value {
        toml::Value::Datetime(dt) => {
            let d = dt.date?;
            if dt.time.is_some() {
                return None;
            }
            NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
        }
        toml::Value::String(s) => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(s.trim(), "%d/%m/%Y"))
            .ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_in_both_languages() {
        for t in ["lundi", "Lun", "Monday", "MON"] {
            assert_eq!(weekday(t), Some(Weekday::Mon), "{t}");
        }
        assert_eq!(weekday("Vendredi"), Some(Weekday::Fri));
        assert_eq!(weekday("dimanche"), Some(Weekday::Sun));
        assert_eq!(weekday("lundimanche"), None);
        assert_eq!(day_group("Tous").unwrap().len(), 7);
    }

    #[test]
    fn times_and_windows() {
        assert_eq!(time("09:00"), Some(Duration(9 * 3600)));
        assert_eq!(time("9h30"), Some(Duration(9 * 3600 + 1800)));
        assert_eq!(time("14 h"), Some(Duration(14 * 3600)));
        assert_eq!(time("25:00"), None);
        assert_eq!(time("12:60"), None);
        assert_eq!(time("midi"), None);
        let parts = DayParts {
            day_start: Duration(8 * 3600),
            day_end: Duration(18 * 3600),
        };
        assert_eq!(
            window("Après-midi", &parts),
            Ok((AFTERNOON, Duration(18 * 3600)))
        );
        assert_eq!(
            window("14:00-17:00", &parts),
            Ok((Duration(14 * 3600), Duration(17 * 3600)))
        );
        assert_eq!(
            window("17:00-14:00", &parts),
            Err(WindowError::EndsBeforeStart)
        );
        assert_eq!(
            window("25:00-26:00", &parts),
            Err(WindowError::BadTime("25:00".into()))
        );
        assert_eq!(window("soirée", &parts), Err(WindowError::Unknown));
    }

    #[test]
    fn frequencies_venues_dates() {
        assert_eq!(frequency("Hebdomadaire"), Some(Frequency::Weekly));
        assert_eq!(frequency("twice-weekly"), Some(Frequency::TwiceWeekly));
        assert_eq!(frequency("quinzaine"), Some(Frequency::Fortnightly));
        assert_eq!(frequency("mensuel"), Some(Frequency::Monthly));
        assert_eq!(venue("point-de-rencontre"), Some(Venue::MeetingPoint));
        assert_eq!(venue("Camping-car"), Some(Venue::Camper));
        let v: toml::Value = toml::from_str::<toml::Table>("d = 2026-11-20").unwrap()["d"].clone();
        assert_eq!(date(&v), NaiveDate::from_ymd_opt(2026, 11, 20));
        assert_eq!(
            date(&toml::Value::String("20/11/2026".into())),
            NaiveDate::from_ymd_opt(2026, 11, 20)
        );
        assert_eq!(date(&toml::Value::String("2026-02-30".into())), None);
    }
}
