//! Problems found in a scenario file: each with a stable code, where it is (file, line, column,
//! field), its cause and how to fix it — all collected before any work, as reinterpretcat/vrp
//! does, so the user fixes the file in one go.

use super::text::{Lang, Text};
use serde::{Deserialize, Serialize};
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// One problem in a scenario file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Stable code, e.g. `S008` (listed in README, "Codes d'erreur").
    pub code: String,
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// Path of the field, e.g. `people[3].commune` (index from 0, as in the file order).
    pub field: String,
    pub cause: Text,
    pub fix: Text,
}

impl Diagnostic {
    /// One line: `file:line:col: [S008] people[3].commune: cause — fix`.
    pub fn render(&self, lang: Lang) -> String {
        let place = match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", self.file),
            (Some(l), None) => format!("{}:{l}", self.file),
            _ => self.file.clone(),
        };
        let field = if self.field.is_empty() {
            String::new()
        } else {
            format!(" {}:", self.field)
        };
        let how = match lang {
            Lang::Fr => "correction",
            Lang::En => "fix",
        };
        format!(
            "{place}: [{}]{field} {} — {how} : {}",
            self.code,
            self.cause.get(lang),
            self.fix.get(lang)
        )
    }
}

/// All problems of one file (never empty when returned as an error).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn render(&self, lang: Lang) -> String {
        let lines: Vec<String> = self.0.iter().map(|d| d.render(lang)).collect();
        lines.join("\n")
    }
    pub fn codes(&self) -> Vec<&str> {
        self.0.iter().map(|d| d.code.as_str()).collect()
    }
}

impl std::fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::Fr))
    }
}

impl std::error::Error for Diagnostics {}

/// Finds where a field is in the source text, from its path (`people[3].windows.lundi`).
pub struct Locator<'a> {
    text: &'a str,
    root: Option<Spanned<DeTable<'a>>>,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Locator<'a> {
        let (root, errors) = DeTable::parse_recoverable(text);
        Locator {
            text,
            root: errors.is_empty().then_some(root),
        }
    }

    /// Line and column (from 1) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let before = &self.text[..offset.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        (line, col)
    }

    /// The span of the value at `path`, or of its closest existing parent.
    pub fn span(&self, path: &str) -> Option<Range<usize>> {
        let root = self.root.as_ref()?;
        let mut best = None;
        let mut table: Option<&DeTable<'a>> = Some(root.get_ref());
        let mut value: Option<&Spanned<DeValue<'a>>> = None;
        for seg in segments(path) {
            let next = match seg {
                Seg::Key(k) => table.and_then(|t| t.get(k.as_str())),
                Seg::Index(i) => value.and_then(|v| match v.get_ref() {
                    DeValue::Array(a) => a.get(i),
                    _ => None,
                }),
            };
            let Some(v) = next else { break };
            best = Some(v.span());
            value = Some(v);
            table = match v.get_ref() {
                DeValue::Table(t) => Some(t),
                _ => None,
            };
        }
        best
    }

    /// Line and column of the field at `path` (or of its closest parent).
    pub fn position(&self, path: &str) -> Option<(usize, usize)> {
        self.span(path).map(|s| self.line_col(s.start))
    }

    /// The path of the first key named `key` under `path` (for serde errors that name a field
    /// but not where it is).
    pub fn find_key(&self, path: &str, key: &str) -> Option<String> {
        let root = self.root.as_ref()?;
        let mut node: &DeValue<'a> = &DeValue::Table(root.get_ref().clone());
        for seg in segments(path) {
            let next = match (seg, node) {
                (Seg::Key(k), DeValue::Table(t)) => t.get(k.as_str()),
                (Seg::Index(i), DeValue::Array(a)) => a.get(i),
                _ => None,
            };
            match next {
                Some(v) => node = v.get_ref(),
                None => return None,
            }
        }
        search_key(node, key, path.to_string())
    }
}

fn search_key(node: &DeValue<'_>, key: &str, path: String) -> Option<String> {
    let join = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    match node {
        DeValue::Table(t) => {
            if t.get(key).is_some() {
                return Some(join(key));
            }
            t.iter()
                .find_map(|(k, v)| search_key(v.get_ref(), key, join(k.get_ref())))
        }
        DeValue::Array(a) => a
            .iter()
            .enumerate()
            .find_map(|(i, v)| search_key(v.get_ref(), key, format!("{path}[{i}]"))),
        _ => None,
    }
}

enum Seg {
    Key(String),
    Index(usize),
}

fn segments(path: &str) -> Vec<Seg> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let mut pieces = part.split('[');
        if let Some(k) = pieces.next()
            && !k.is_empty()
        {
            out.push(Seg::Key(k.to_string()));
        }
        for idx in pieces {
            if let Ok(i) = idx.trim_end_matches(']').parse() {
                out.push(Seg::Index(i));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "[team]\nbase = { commune = \"Mauriac\" }\n\n[[people]]\nid = \"B01\"\n\n[[people]]\nid = \"B02\"\nwindows = { lundi = \"matin\" }\n";

    #[test]
    fn locates_nested_fields() {
        let loc = Locator::new(TEXT);
        assert_eq!(loc.position("people[1].id"), Some((8, 6)));
        assert_eq!(loc.position("people[1].windows.lundi"), Some((9, 21)));
        assert_eq!(loc.position("team.base.commune"), Some((2, 20)));
        // A missing field points at its parent.
        assert_eq!(loc.position("people[0].commune").map(|p| p.0), Some(4));
    }

    #[test]
    fn finds_a_key_by_name() {
        let loc = Locator::new(TEXT);
        assert_eq!(
            loc.find_key("people[1]", "lundi").as_deref(),
            Some("people[1].windows.lundi")
        );
    }
}
