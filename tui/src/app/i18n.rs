//! Every label of the terminal UI in French (the default) and English, in one place. Messages
//! built with values use `planner::week::text::Text` (`tr!`) instead.

use planner::week::Lang;

/// A fixed label in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct L {
    pub fr: &'static str,
    pub en: &'static str,
}

impl L {
    pub const fn new(fr: &'static str, en: &'static str) -> L {
        L { fr, en }
    }

    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Fr => self.fr,
            Lang::En => self.en,
        }
    }
}

pub const WEEK: L = L::new("Semaine", "Week");
pub const MAP: L = L::new("Carte", "Map");
pub const PEOPLE: L = L::new("Personnes", "People");
pub const STAFF: L = L::new("Équipe", "Staff");
pub const UNPLANNED: L = L::new("Non planifié", "Not planned");
pub const NO_TOUR: L = L::new("pas de tournée", "no tour");
pub const LEAVE: L = L::new("départ", "leave");
pub const BACK: L = L::new("retour", "back");
pub const LUNCH: L = L::new("déjeuner", "lunch");
pub const PERMANENCE: L = L::new("permanence", "drop-in");
pub const VISIT: L = L::new("visite", "visit");
pub const ESCORT: L = L::new("accompagnement", "escort");
pub const PICKUP: L = L::new("prise en charge", "pick-up");
pub const APPOINTMENT: L = L::new("rendez-vous", "appointment");
pub const DROPOFF: L = L::new("raccompagnement", "drop-off");
pub const ARRIVAL: L = L::new("arrivée", "arrival");
pub const ANNOUNCED: L = L::new("annoncée", "announced");
pub const LOCKED: L = L::new("verrouillée", "locked");
pub const SOUND: L = L::new("aucune règle enfreinte", "no rule broken");
pub const RULES_BROKEN: L = L::new("règles enfreintes", "rules broken");
pub const ADDRESS: L = L::new("adresse", "address");
pub const WINDOWS: L = L::new("créneaux", "windows");
pub const ANY_TIME: L = L::new("à tout moment", "any time");
pub const FREQUENCY: L = L::new("fréquence", "frequency");
pub const VENUE: L = L::new("lieu", "venue");
pub const LAST_VISIT: L = L::new("vu le", "last");
pub const STATUS: L = L::new("état", "status");
pub const CODE: L = L::new("code", "code");
pub const PSEUDONYM: L = L::new("pseudonyme", "pseudonym");
pub const PLANNED_ON: L = L::new("planifiée", "planned");
pub const NOT_PLANNED: L = L::new("non planifiée", "not planned");
pub const NOTHING_DUE: L = L::new("rien de prévu", "nothing due");
pub const PREFERRED: L = L::new("référent·e", "preferred worker");
pub const SKILL: L = L::new("compétence", "skill");
pub const PRIORITY: L = L::new("priorité", "priority");
pub const REFERRER: L = L::new("orienté·e par", "referred by");
pub const FTE: L = L::new("ETP", "FTE");
pub const WEEK_HOURS: L = L::new("heures de la semaine", "hours of the week");
pub const DAY_HOURS: L = L::new("par jour (max", "per day (max");
pub const DRIVE: L = L::new("route", "driving");
pub const DAY: L = L::new("journée", "day");
pub const BASE: L = L::new("base", "base");
pub const ROADS_MISSING: L = L::new("routes : carte indisponible", "roads: map unavailable");
pub const SYNTHETIC: L = L::new("routes synthétiques", "synthetic roads");
pub const HELP: L = L::new("Aide — touches", "Help — keys");
pub const UNSAVED: L = L::new("modifié", "modified");
pub const OPTIMISING: L = L::new("optimisation", "optimising");
pub const ESC_CANCEL: L = L::new("Échap pour annuler", "Esc to cancel");
pub const QUIT_TITLE: L = L::new("Quitter", "Quit");
pub const QUIT_ASK: L = L::new(
    "Le plan a des modifications non enregistrées.",
    "The plan has unsaved changes.",
);
pub const QUIT_KEYS: [L; 3] = [
    L::new("s : enregistrer et quitter", "s: save and quit"),
    L::new("n : quitter sans enregistrer", "n: quit without saving"),
    L::new("Échap : revenir au plan", "Esc: back to the plan"),
];
pub const RECOVER_TITLE: L = L::new("Modifications retrouvées", "Edits found");
pub const RECOVER_KEYS: [L; 2] = [
    L::new("r : récupérer les modifications", "r: recover the edits"),
    L::new("a : les abandonner", "d: discard them"),
];
pub const FORM_TITLE: L = L::new("Nouvelle orientation", "New referral");
pub const FORM_KEYS: L = L::new(
    "Tab/↓ champ suivant · ↑ précédent · Entrée valider · Échap annuler",
    "Tab/↓ next field · ↑ previous · Enter submit · Esc cancel",
);
pub const HIDDEN: L = L::new("(masquée — d pour afficher)", "(hidden — d to show)");

pub const SYMBOLS: L = L::new(
    "● visite ▲ permanence ◆ accompagnement 🔒 verrouillée ! règle enfreinte",
    "● visit ▲ drop-in ◆ escort 🔒 locked ! rule broken",
);
pub const ANY_KEY: L = L::new("une touche pour fermer", "any key to close");
pub const STOPPED: L = L::new(
    "(l'interface s'est arrêtée avant l'enregistrement).",
    "(the interface stopped before saving).",
);
pub const PLAN_CHANGED: L = L::new(
    "Le plan a changé depuis : certaines peuvent ne plus s'appliquer.",
    "The plan changed since: some may no longer apply.",
);
pub const FORM_WIRING: L = L::new(
    "Valide : écrite dans referral-CODE.toml et ajoutée au plan (rééquilibrage).",
    "Valid: written to referral-CODE.toml and added to the plan (rebalancer).",
);
pub const REFERRAL_TITLE: L = L::new("Orientation — rééquilibrage", "Referral — rebalance");
pub const TOURS: L = L::new("Tournées", "Tours");
pub const MAP_KEY_PLACES: L = L::new("■ base ▲ permanence", "■ base ▲ drop-in");
pub const MAP_KEY_PEOPLE: L = L::new("● visite ○ non planifiée", "● visit ○ not planned");
pub const TOO_SMALL: L = L::new(
    "Fenêtre trop petite : agrandissez-la (80×24 conseillé).",
    "Window too small: make it larger (80×24 advised).",
);
pub const IN_MEMORY: L = L::new(" (en mémoire)", " (in memory)");
pub const TOURS_COUNT: L = L::new("tournée(s)", "tour(s)");
pub const VISITS: L = L::new("visites", "visits");
pub const ALL_DAYS: L = L::new("tous", "all");
pub const HOURS_NOTE: L = L::new(
    "tournées départ→retour, hors déjeuner ; plafond = ETP × h par ETP − blocs",
    "tours from leaving to coming back, less lunch; cap = FTE × h per FTE − blocks",
);
pub const NO_TOUR_WEEK: L = L::new("pas de tournée cette semaine", "no tour this week");
pub const PAGE: L = L::new("page", "page");
pub const LEG_PICKUP: L = L::new("prise", "pick");
pub const LEG_APPOINTMENT: L = L::new("rdv", "appt");
pub const LEG_DROPOFF: L = L::new("retour", "back");
pub const DUE: L = L::new("prévue le", "due");

/// A frequency, short.
pub fn frequency(f: planner::week::model::Frequency) -> L {
    use planner::week::model::Frequency::*;
    match f {
        Weekly => L::new("hebdo", "weekly"),
        TwiceWeekly => L::new("2×/sem.", "2×/week"),
        Fortnightly => L::new("quinzaine", "2 weeks"),
        Monthly => L::new("mensuelle", "monthly"),
    }
}

/// Where the visit takes place, short.
pub fn venue(v: planner::week::model::Venue) -> L {
    use planner::week::model::Venue::*;
    match v {
        Home => L::new("domicile", "home"),
        Camper => L::new("camping-car", "camper"),
        MeetingPoint => L::new("rencontre", "meeting pt"),
    }
}

/// "mar" / "Tue".
pub fn weekday(d: chrono::NaiveDate, lang: Lang) -> &'static str {
    use chrono::Datelike;
    const FR: [&str; 7] = ["lun", "mar", "mer", "jeu", "ven", "sam", "dim"];
    const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let i = d.weekday().num_days_from_monday() as usize;
    match lang {
        Lang::Fr => FR[i],
        Lang::En => EN[i],
    }
}

/// "mar. 01/12" / "Tue 01/12".
pub fn short_date(d: chrono::NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    const FR: [&str; 7] = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."];
    const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let i = d.weekday().num_days_from_monday() as usize;
    let name = match lang {
        Lang::Fr => FR[i],
        Lang::En => EN[i],
    };
    format!("{name} {}", d.format("%d/%m"))
}
