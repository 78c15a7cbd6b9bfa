//! Messages in French (the users' language, by default) and English (`--lang en`).
//!
//! Every message meant for a user is built once with both texts, so the choice of language is
//! made where it is printed, not where the problem is found.

use serde::{Deserialize, Serialize};

/// Language of labels and messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Fr,
    En,
}

/// A message in both languages.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Text {
    pub fr: String,
    pub en: String,
}

impl Text {
    pub fn new(fr: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            fr: fr.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }
}

/// `tr!("fr {x}", "en {x}")` builds a [`Text`] with `format!` on both sides.
#[macro_export]
macro_rules! tr {
    ($fr:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        $crate::week::text::Text::new(format!($fr $(, $arg)*), format!($en $(, $arg)*))
    };
}

/// What went wrong with a file, in French: the system's own words are English, and the
/// common cases are worth saying plainly.
pub fn io_error_fr(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "fichier introuvable".into(),
        K::PermissionDenied => "permission refusée".into(),
        K::IsADirectory => "c'est un dossier, pas un fichier".into(),
        _ => e.to_string(),
    }
}

/// "HH:MM" from seconds since midnight.
pub fn hhmm(seconds: i64) -> String {
    let m = seconds.div_euclid(60);
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// Minutes as "1 h 05" / "45 min".
pub fn duration_text(seconds: i64) -> String {
    let m = (seconds + 30).div_euclid(60);
    if m >= 60 {
        format!("{} h {:02}", m / 60, m % 60)
    } else {
        format!("{m} min")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_times() {
        assert_eq!(hhmm(9 * 3600 + 5 * 60 + 59), "09:05");
        assert_eq!(duration_text(3900), "1 h 05");
        assert_eq!(duration_text(45 * 60), "45 min");
        let x = 3;
        let t = tr!("trois {x}", "three {x}");
        assert_eq!(t.get(Lang::En), "three 3");
    }

    #[test]
    fn common_file_errors_are_said_in_french() {
        use std::io::{Error, ErrorKind};
        let missing = Error::from(ErrorKind::NotFound);
        assert_eq!(io_error_fr(&missing), "fichier introuvable");
        let denied = Error::from(ErrorKind::PermissionDenied);
        assert_eq!(io_error_fr(&denied), "permission refusée");
        let other = Error::other("disk on fire");
        assert_eq!(io_error_fr(&other), "disk on fire");
    }
}
