//! The referral form: the fields of a `[[people]]` entry of the scenario, typed in plain text
//! and checked by the scenario's own validation (each problem shown on its field). It produces
//! the same [`Referral`] structure as `referral.toml`.

use super::i18n::L;
use planner::tr;
use planner::week::MapBounds;
use planner::week::diag::Diagnostic;
use planner::week::plan::Plan;
use planner::week::referral::{Referral, check, windows_field};
use planner::week::scenario::{PersonEntry, PlaceEntry};
use planner::week::text::Text;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKey {
    Id,
    Pseudonym,
    Commune,
    Address,
    Minutes,
    Frequency,
    Windows,
    Venue,
    MeetingPoint,
    Preferred,
    Skill,
    Priority,
    Referrer,
    LastVisit,
    Urgent,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub key: FieldKey,
    pub label: L,
    /// An example of what to type.
    pub hint: L,
    pub value: String,
    pub error: Option<Text>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ReferralForm {
    pub fields: Vec<Field>,
    pub focus: usize,
    /// A problem that belongs to no field.
    pub message: Option<Text>,
}

/// The form's fields: key, label, hint, value to start with (`None`: the next free code).
const FIELDS: [(FieldKey, L, L, Option<&str>); 15] = {
    use FieldKey::*;
    [
        (Id, L::new("code", "code"), L::new("B17", "B17"), None),
        (
            Pseudonym,
            L::new("pseudonyme", "pseudonym"),
            L::new("Mme Lune", "Ms Moon"),
            Some(""),
        ),
        (
            Commune,
            L::new("commune", "commune"),
            L::new("Ydes", "Ydes"),
            Some(""),
        ),
        (
            Address,
            L::new("adresse", "address"),
            L::new("facultative", "optional"),
            Some(""),
        ),
        (
            Minutes,
            L::new("durée (min)", "length (min)"),
            L::new("60", "60"),
            Some("60"),
        ),
        (
            Frequency,
            L::new("fréquence", "frequency"),
            L::new(
                "hebdomadaire, bihebdomadaire, quinzaine, mensuel",
                "weekly, twice-weekly, fortnightly, monthly",
            ),
            Some("hebdomadaire"),
        ),
        (
            Windows,
            L::new("créneaux", "windows"),
            L::new(
                "tous=après-midi; jeudi=10:00-11:30",
                "all=afternoon; thursday=10:00-11:30",
            ),
            Some("tous=après-midi"),
        ),
        (
            Venue,
            L::new("lieu", "venue"),
            L::new(
                "domicile, camping-car, point-de-rencontre",
                "home, camper, meeting-point",
            ),
            Some("domicile"),
        ),
        (
            MeetingPoint,
            L::new("point de rencontre", "meeting point"),
            L::new(
                "commune, si point de rencontre",
                "commune, for a meeting point",
            ),
            Some(""),
        ),
        (
            Preferred,
            L::new("référent·e", "preferred worker"),
            L::new("facultatif", "optional"),
            Some(""),
        ),
        (
            Skill,
            L::new("compétence", "skill"),
            L::new("facultative (vif)", "optional (vif)"),
            Some(""),
        ),
        (
            Priority,
            L::new("priorité", "priority"),
            L::new("1 à 5", "1 to 5"),
            Some("3"),
        ),
        (
            Referrer,
            L::new("orienté·e par", "referred by"),
            L::new("CIDFF, gendarmerie…", "CIDFF, gendarmerie…"),
            Some(""),
        ),
        (
            LastVisit,
            L::new("dernière visite", "last visit"),
            L::new("2026-11-20 ou vide", "2026-11-20 or empty"),
            Some(""),
        ),
        (
            Urgent,
            L::new("urgent (48 h)", "urgent (48 h)"),
            L::new("oui ou non", "yes or no"),
            Some("non"),
        ),
    ]
};

impl ReferralForm {
    /// An empty form; `id` is the next free pseudonym code.
    pub fn new(id: &str) -> ReferralForm {
        let fields = FIELDS
            .iter()
            .map(|&(key, label, hint, value)| Field {
                key,
                label,
                hint,
                value: value.unwrap_or(id).to_string(),
                error: None,
            })
            .collect();
        ReferralForm {
            fields,
            focus: 1,
            message: None,
        }
    }

    pub fn input(&mut self, c: char) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            f.value.push(c);
            f.error = None;
        }
    }

    pub fn erase(&mut self) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            f.value.pop();
            f.error = None;
        }
    }

    pub fn next(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len();
    }

    pub fn prev(&mut self) {
        self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
    }

    fn value(&self, key: FieldKey) -> Option<String> {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.value.trim().to_string())
            .filter(|v| !v.is_empty())
    }

    fn set_error(&mut self, key: FieldKey, text: Text) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.key == key) {
            f.error.get_or_insert(text);
        }
    }

    /// The referral the form describes, checked against the plan; on problems, each is put
    /// on its field and `None` is returned.
    pub fn submit(&mut self, plan: &Plan) -> Option<Referral> {
        for f in &mut self.fields {
            f.error = None;
        }
        self.message = None;
        let urgent = self.urgent()?;
        let referral = self.entry().map(|p| Referral {
            urgent,
            people: vec![p],
            ..Referral::default()
        })?;
        match check(plan, &referral, MapBounds::cantal()) {
            Ok(_) => Some(referral),
            Err(problems) => {
                for d in &problems {
                    self.place(d);
                }
                self.focus_first_error();
                None
            }
        }
    }

    fn focus_first_error(&mut self) {
        if let Some(i) = self.fields.iter().position(|f| f.error.is_some()) {
            self.focus = i;
        }
    }

    fn urgent(&mut self) -> Option<bool> {
        match self
            .value(FieldKey::Urgent)
            .as_deref()
            .map(str::to_lowercase)
            .as_deref()
        {
            None | Some("non" | "no" | "n" | "false") => Some(false),
            Some("oui" | "yes" | "o" | "y" | "true") => Some(true),
            Some(_) => {
                self.set_error(FieldKey::Urgent, tr!("oui ou non", "yes or no"));
                self.focus_first_error();
                None
            }
        }
    }

    /// The form as a scenario entry; numbers and windows are read here, the rest by validation.
    fn entry(&mut self) -> Option<PersonEntry> {
        use FieldKey::*;
        let number = |s: &Option<String>| s.as_deref().map(str::parse::<i64>);
        let minutes = match number(&self.value(Minutes)) {
            Some(Ok(m)) if m > 0 => m as u32,
            _ => {
                self.set_error(
                    Minutes,
                    tr!(
                        "un nombre de minutes, 15 à 480",
                        "a number of minutes, 15 to 480"
                    ),
                );
                self.focus_first_error();
                return None;
            }
        };
        let priority = match number(&self.value(Priority)) {
            None => None,
            Some(Ok(p)) if (0..=255).contains(&p) => Some(p as u8),
            Some(_) => {
                self.set_error(Priority, tr!("un chiffre de 1 à 5", "a digit from 1 to 5"));
                self.focus_first_error();
                return None;
            }
        };
        let windows = match windows_field(&self.value(Windows).unwrap_or_default()) {
            Ok(w) => w,
            Err(e) => {
                self.set_error(Windows, e);
                self.focus_first_error();
                return None;
            }
        };
        let last_visit = self.value(LastVisit).map(|v| match v.parse::<i64>() {
            Ok(n) => toml::Value::Integer(n),
            Err(_) => toml::Value::String(v),
        });
        Some(PersonEntry {
            id: self.value(Id).unwrap_or_default(),
            pseudonym: self.value(Pseudonym),
            commune: self.value(Commune),
            address: self.value(Address),
            visit_minutes: minutes,
            frequency: self.value(Frequency).unwrap_or_default(),
            last_visit,
            windows,
            venue: self.value(Venue),
            meeting_point: self.value(MeetingPoint).map(|c| PlaceEntry {
                commune: Some(c),
                ..PlaceEntry::default()
            }),
            preferred_worker: self.value(Preferred),
            skill: self.value(Skill),
            priority,
            referrer: self.value(Referrer),
            ..PersonEntry::default()
        })
    }

    /// Puts a problem of the validation on the field it is about.
    fn place(&mut self, d: &Diagnostic) {
        use FieldKey::*;
        let text = Text::new(
            format!("[{}] {} — {}", d.code, d.cause.fr, d.fix.fr),
            format!("[{}] {} — {}", d.code, d.cause.en, d.fix.en),
        );
        let name = d
            .field
            .split_once("].")
            .map_or("", |(_, rest)| rest.split(['.', '[']).next().unwrap_or(""));
        let key = match name {
            "id" => Id,
            "pseudonym" => Pseudonym,
            "commune" | "lat" | "lon" => Commune,
            "address" => Address,
            "visit_minutes" => Minutes,
            "frequency" | "max_gap_days" => Frequency,
            "windows" => Windows,
            "venue" => Venue,
            "meeting_point" => MeetingPoint,
            "preferred_worker" => Preferred,
            "skill" => Skill,
            "priority" => Priority,
            "referrer" => Referrer,
            "last_visit" => LastVisit,
            "urgent" => Urgent,
            _ => {
                self.message.get_or_insert(text);
                return;
            }
        };
        self.set_error(key, text);
    }
}
