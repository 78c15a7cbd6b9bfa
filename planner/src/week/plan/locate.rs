//! Where a field is in a `plan.json` (line, column) and which field is at a line and column:
//! plan files may be edited by hand, and a problem is only useful to the user with both.
//!
//! serde_json reports a line and column but not the field; this scanner records the span of
//! every value with its path (`days[0].stops[2].start`). It reads what it can of a broken file
//! and stops at the first thing it does not understand, and never recurses deeper than serde
//! does, so any text is safe to scan.

/// Deeper than serde_json's own limit (128): such a file is refused before it matters.
const MAX_DEPTH: usize = 130;

/// The values of a JSON text and where each one is.
pub struct JsonMap<'a> {
    text: &'a str,
    /// Path, start and end (byte offsets) of each value, parents before children.
    spans: Vec<(String, usize, usize)>,
}

impl<'a> JsonMap<'a> {
    pub fn new(text: &'a str) -> JsonMap<'a> {
        let mut s = Scanner {
            bytes: text.as_bytes(),
            at: 0,
            spans: Vec::new(),
        };
        let _ = s.value(String::new(), 0);
        JsonMap {
            text,
            spans: s.spans,
        }
    }

    /// Line and column (from 1) of a field, or of its closest parent present in the file.
    pub fn position(&self, path: &str) -> Option<(usize, usize)> {
        let mut p = path;
        loop {
            if let Some((_, start, _)) = self.spans.iter().find(|(q, ..)| q == p) {
                return Some(self.line_col(*start));
            }
            p = parent(p)?;
        }
    }

    /// The path of the innermost value at `line`:`column` (from 1).
    pub fn path_at(&self, line: usize, column: usize) -> Option<&str> {
        let offset = self.offset(line, column)?;
        self.spans
            .iter()
            .filter(|(_, s, e)| *s <= offset && offset <= *e)
            .max_by_key(|(p, s, _)| (*s, p.len()))
            .map(|(p, ..)| p.as_str())
    }

    fn line_col(&self, offset: usize) -> (usize, usize) {
        let before = &self.text.as_bytes()[..offset.min(self.text.len())];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let start = before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        let col = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
        (line, col)
    }

    fn offset(&self, line: usize, column: usize) -> Option<usize> {
        let start = if line <= 1 {
            0
        } else {
            self.text
                .match_indices('\n')
                .nth(line - 2)
                .map(|(i, _)| i + 1)?
        };
        Some(start + column.saturating_sub(1))
    }
}

/// `days[0].stops[2]` → `days[0].stops` → `days[0]` → `days` → ``.
fn parent(path: &str) -> Option<&str> {
    if path.is_empty() {
        return None;
    }
    let cut = path.rfind(['.', '[']).unwrap_or(0);
    Some(&path[..cut])
}

struct Scanner<'b> {
    bytes: &'b [u8],
    at: usize,
    spans: Vec<(String, usize, usize)>,
}

impl Scanner<'_> {
    fn skip_ws(&mut self) {
        while self.at < self.bytes.len() && self.bytes[self.at].is_ascii_whitespace() {
            self.at += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Scans one value at `path`; `None` where the text stops making sense.
    fn value(&mut self, path: String, depth: usize) -> Option<()> {
        self.skip_ws();
        let start = self.at;
        let index = self.spans.len();
        self.spans.push((path.clone(), start, start));
        match self.peek()? {
            b'{' if depth < MAX_DEPTH => self.object(&path, depth)?,
            b'[' if depth < MAX_DEPTH => self.array(&path, depth)?,
            b'"' => {
                self.string()?;
            }
            _ => self.scalar()?,
        }
        self.spans[index].2 = self.at;
        Some(())
    }

    fn object(&mut self, path: &str, depth: usize) -> Option<()> {
        self.at += 1;
        loop {
            self.skip_ws();
            match self.peek()? {
                b'}' => {
                    self.at += 1;
                    return Some(());
                }
                b',' => self.at += 1,
                b'"' => {
                    let key = self.string()?;
                    self.skip_ws();
                    (self.peek()? == b':').then_some(())?;
                    self.at += 1;
                    let child = if path.is_empty() {
                        key
                    } else {
                        format!("{path}.{key}")
                    };
                    self.value(child, depth + 1)?;
                }
                _ => return None,
            }
        }
    }

    fn array(&mut self, path: &str, depth: usize) -> Option<()> {
        self.at += 1;
        let mut i = 0;
        loop {
            self.skip_ws();
            match self.peek()? {
                b']' => {
                    self.at += 1;
                    return Some(());
                }
                b',' => self.at += 1,
                _ => {
                    self.value(format!("{path}[{i}]"), depth + 1)?;
                    i += 1;
                }
            }
        }
    }

    /// A string's contents (escapes kept as written: keys in plans are plain words).
    fn string(&mut self) -> Option<String> {
        let start = self.at + 1;
        let mut i = start;
        while i < self.bytes.len() {
            match self.bytes[i] {
                b'\\' => i += 2,
                b'"' => {
                    self.at = i + 1;
                    return Some(String::from_utf8_lossy(&self.bytes[start..i]).into_owned());
                }
                _ => i += 1,
            }
        }
        None
    }

    fn scalar(&mut self) -> Option<()> {
        let start = self.at;
        while let Some(b) = self.peek() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'.') {
                self.at += 1;
            } else {
                break;
            }
        }
        (self.at > start).then_some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        "{\n  \"a\": 1,\n  \"days\": [\n    {\"stops\": [{\"start\": \"nine\"}]}\n  ]\n}\n";

    #[test]
    fn finds_fields_and_the_field_at_a_place() {
        let m = JsonMap::new(TEXT);
        assert_eq!(m.position("a"), Some((2, 8)));
        assert_eq!(m.position("days[0].stops[0].start"), Some((4, 26)));
        // A missing field points at its closest parent.
        assert_eq!(m.position("days[0].stops[0].end"), Some((4, 16)));
        assert_eq!(m.path_at(4, 30), Some("days[0].stops[0].start"));
        assert_eq!(m.path_at(2, 8), Some("a"));
    }

    #[test]
    fn broken_and_deep_texts_are_safe() {
        for text in ["", "{", "{\"a\":", "[[[[", "\"x", "{\"a\" 1}", "}"] {
            let m = JsonMap::new(text);
            let _ = m.path_at(1, 3);
            let _ = m.position("a.b[3]");
        }
        let deep = "[".repeat(100_000);
        assert!(JsonMap::new(&deep).spans.len() <= MAX_DEPTH + 1);
    }
}
