//! Keys → actions, by mode. The same keys in French and English; the footer and the help show
//! them in the user's language.

use super::i18n::L;
use super::{Mode, View};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Everything the user can ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    /// Esc: close, cancel the optimisation, go back.
    Cancel,
    NextView,
    PrevView,
    Show(View),
    Left,
    Right,
    Up,
    Down,
    PageUp,
    PageDown,
    /// The selected stop to the tour before (-1) or after (+1).
    MoveDay(i8),
    /// The selected stop earlier (-1) or later (+1) in its tour.
    MoveInRoute(i8),
    Lock,
    Unplan,
    /// The selected request of the unplanned list into the selected tour.
    Place,
    Undo,
    Redo,
    Save,
    Optimise,
    Details,
    Referral,
    Zoom(i8),
    SaveAndQuit,
    QuitWithoutSaving,
    Recover,
    Discard,
    Input(char),
    Erase,
    NextField,
    PrevField,
    Submit,
}

/// The action of a key in a mode (`None`: the key does nothing there).
pub fn action(mode: &Mode, key: KeyEvent) -> Option<Action> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    match mode {
        Mode::Normal => normal(key, ctrl),
        Mode::Help | Mode::Message(_) => Some(Action::Cancel),
        Mode::ConfirmQuit => match key.code {
            KeyCode::Char('s' | 'e') => Some(Action::SaveAndQuit),
            KeyCode::Char('n' | 'q') => Some(Action::QuitWithoutSaving),
            KeyCode::Esc => Some(Action::Cancel),
            _ => None,
        },
        Mode::Recover(_) => match key.code {
            KeyCode::Char('r') => Some(Action::Recover),
            KeyCode::Char('a' | 'd') => Some(Action::Discard),
            _ => None,
        },
        Mode::Form(_) => form(key),
    }
}

fn normal(key: KeyEvent, ctrl: bool) -> Option<Action> {
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    use Action::*;
    Some(match key.code {
        KeyCode::Char('z') if ctrl => Undo,
        KeyCode::Char('y') if ctrl => Redo,
        KeyCode::Char('s') if ctrl => Save,
        KeyCode::Left if shift => MoveDay(-1),
        KeyCode::Right if shift => MoveDay(1),
        KeyCode::Up if shift => MoveInRoute(-1),
        KeyCode::Down if shift => MoveInRoute(1),
        KeyCode::Left => Left,
        KeyCode::Right => Right,
        KeyCode::Up => Up,
        KeyCode::Down => Down,
        KeyCode::PageUp => PageUp,
        KeyCode::PageDown => PageDown,
        KeyCode::Tab => NextView,
        KeyCode::BackTab => PrevView,
        KeyCode::Esc => Cancel,
        KeyCode::Enter => Place,
        KeyCode::Char(c) => match c {
            'q' => Quit,
            '?' | 'h' => Help,
            '1' => Show(View::Week),
            '2' => Show(View::Map),
            '3' => Show(View::People),
            '4' => Show(View::Staff),
            '<' => MoveDay(-1),
            '>' => MoveDay(1),
            'K' => MoveInRoute(-1),
            'J' => MoveInRoute(1),
            'l' | 'v' => Lock,
            'x' => Unplan,
            'a' => Place,
            'u' => Undo,
            'r' => Redo,
            's' => Save,
            'o' => Optimise,
            'd' => Details,
            'n' => Referral,
            '+' | '=' => Zoom(1),
            '-' => Zoom(-1),
            _ => return None,
        },
        _ => return None,
    })
}

fn form(key: KeyEvent) -> Option<Action> {
    use Action::*;
    Some(match key.code {
        KeyCode::Esc => Cancel,
        KeyCode::Enter => Submit,
        KeyCode::Tab | KeyCode::Down => NextField,
        KeyCode::BackTab | KeyCode::Up => PrevField,
        KeyCode::Backspace => Erase,
        KeyCode::Char(c) => Input(c),
        _ => return None,
    })
}

/// Keys and what they do, for the footer (first the most used) and the help.
pub const KEYS: &[(&str, L)] = &[
    ("←→↑↓", L::new("choisir", "select")),
    ("⇧←→ < >", L::new("changer de jour", "move to day")),
    ("⇧↑↓ K J", L::new("avancer/reculer", "earlier/later")),
    ("l", L::new("verrouiller", "lock")),
    ("x", L::new("retirer", "unplan")),
    ("u r", L::new("annuler/rétablir", "undo/redo")),
    ("s", L::new("enregistrer", "save")),
    ("o", L::new("optimiser", "optimise")),
    ("?", L::new("aide", "help")),
    ("q", L::new("quitter", "quit")),
    ("Tab 1-4", L::new("vues", "views")),
    (
        "a Entrée",
        L::new(
            "liste non planifiée : ←→ jour, Entrée planifier",
            "unplanned list: ←→ day, Enter plans",
        ),
    ),
    ("n", L::new("nouvelle orientation", "new referral")),
    (
        "d",
        L::new("afficher/masquer les adresses", "show/hide addresses"),
    ),
    ("+ -", L::new("zoom de la carte", "zoom the map")),
    (
        "Échap",
        L::new("annuler l'optimisation, fermer", "cancel optimising, close"),
    ),
    (
        "Ctrl-z Ctrl-y Ctrl-s",
        L::new("annuler, rétablir, enregistrer", "undo, redo, save"),
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn keys_depend_on_the_mode() {
        let n = Mode::Normal;
        assert_eq!(action(&n, key(KeyCode::Char('q'))), Some(Action::Quit));
        assert_eq!(
            action(&n, KeyEvent::new(KeyCode::Right, KeyModifiers::SHIFT)),
            Some(Action::MoveDay(1))
        );
        assert_eq!(
            action(&n, key(KeyCode::Char('>'))),
            Some(Action::MoveDay(1))
        );
        assert_eq!(
            action(&n, KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL)),
            Some(Action::Undo)
        );
        assert_eq!(action(&n, key(KeyCode::Char('%'))), None);
        let q = Mode::ConfirmQuit;
        assert_eq!(
            action(&q, key(KeyCode::Char('s'))),
            Some(Action::SaveAndQuit)
        );
        assert_eq!(action(&q, key(KeyCode::Char('x'))), None);
        assert_eq!(
            action(&Mode::Help, key(KeyCode::Char('x'))),
            Some(Action::Cancel)
        );
        let released = KeyEvent {
            kind: KeyEventKind::Release,
            ..key(KeyCode::Char('q'))
        };
        assert_eq!(action(&n, released), None);
    }
}
