//! A scanned file's text: UTF-8 (BOM remembered), line endings remembered, and byte offsets
//! mapped to 1-based line numbers. Binary files (a NUL byte early on) are not text.

/// How far into a file to look for a NUL byte (what git and ripgrep do).
const BINARY_PROBE: usize = 8 * 1024;

/// A text file's content.
#[derive(Debug, Clone)]
pub struct Text {
    /// The content without a UTF-8 BOM.
    pub body: String,
    /// The file started with a UTF-8 BOM.
    pub bom: bool,
    /// The file's lines end in CRLF (judged by its first line break).
    pub crlf: bool,
    line_starts: Vec<usize>,
}

impl Text {
    /// Reads bytes as text; `None` for binary or non-UTF-8 content.
    pub fn from_bytes(bytes: &[u8]) -> Option<Text> {
        if bytes[..bytes.len().min(BINARY_PROBE)].contains(&0) {
            return None;
        }
        let (bom, rest) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => (true, rest),
            None => (false, bytes),
        };
        let body = std::str::from_utf8(rest).ok()?.to_string();
        Some(Text::new(body, bom))
    }

    /// Wraps a string (no BOM).
    pub fn new(body: String, bom: bool) -> Text {
        let crlf = body
            .find('\n')
            .is_some_and(|i| i > 0 && body.as_bytes()[i - 1] == b'\r');
        let mut line_starts = vec![0];
        line_starts.extend(body.match_indices('\n').map(|(i, _)| i + 1));
        Text {
            body,
            bom,
            crlf,
            line_starts,
        }
    }

    /// The 1-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// Lines with their starting byte offsets, without line terminators.
    pub fn lines(&self) -> impl Iterator<Item = (usize, &str)> {
        self.line_starts.iter().enumerate().map(move |(i, &start)| {
            let end = self
                .line_starts
                .get(i + 1)
                .map_or(self.body.len(), |&next| next - 1);
            let line = &self.body[start..end.max(start)];
            (start, line.strip_suffix('\r').unwrap_or(line))
        })
    }

    /// The line ending this file uses.
    pub fn newline(&self) -> &'static str {
        if self.crlf {
            "\r\n"
        } else {
            "\n"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_crlf_and_line_numbers_are_kept() {
        let t = Text::from_bytes(b"\xEF\xBB\xBFA=1\r\nB=2\r\n").expect("text");
        assert!(t.bom && t.crlf);
        let lines: Vec<_> = t.lines().map(|(_, l)| l).collect();
        assert_eq!(lines, ["A=1", "B=2", ""]);
        assert_eq!(t.line_of(0), 1);
        assert_eq!(t.line_of(5), 2);
    }

    #[test]
    fn binary_and_invalid_utf8_are_not_text() {
        assert!(Text::from_bytes(b"PK\x03\x04\0\0").is_none());
        assert!(Text::from_bytes(b"\xff\xfe\xfd").is_none());
    }
}
