//! Entry points for the fuzz targets in `fuzz/` (compiled only with `--cfg fuzzing`): each
//! feeds untrusted bytes to one parser the way a scan meets them, and checks what must hold for
//! every input — beyond not panicking.
#![allow(clippy::panic, clippy::unwrap_used, missing_docs)]

use std::path::Path;

use crate::apply::{apply, undo, FaultInjection, BACKUP_FOLDER};
use crate::extract::{settings, split_lines};
use crate::find::legacy_settings;
use crate::format::{Format, Language};
use crate::rewrite::{rewrite, NewNames, NewValues};
use crate::text::Text;

/// The formats a byte of fuzz input picks from.
const FORMATS: [Format; 10] = [
    Format::Env,
    Format::Shell,
    Format::Json,
    Format::Yaml,
    Format::Toml,
    Format::Ini,
    Format::Properties,
    Format::Code(Language::Python),
    Format::Code(Language::JavaScript),
    Format::Text,
];

fn split(data: &[u8]) -> Option<(Format, &[u8])> {
    let (first, rest) = data.split_first()?;
    Some((FORMATS[usize::from(*first) % FORMATS.len()], rest))
}

/// Every extractor: each setting's positions lie inside its file.
pub fn extract(data: &[u8]) {
    let Some((format, bytes)) = split(data) else {
        return;
    };
    let Some(text) = Text::from_bytes(bytes) else {
        return;
    };
    let lines = split_lines(&text);
    for s in settings(&text, format) {
        assert!(
            s.lines.start < s.lines.end && s.lines.end <= lines.len(),
            "{:?}",
            s.lines
        );
        for pos in std::iter::once(&s.key_at).chain(s.value_at.as_ref()) {
            let line = lines[pos.line];
            assert!(
                pos.start <= pos.end && pos.end <= line.len(),
                "{pos:?} in {line:?}"
            );
            assert!(line.is_char_boundary(pos.start) && line.is_char_boundary(pos.end));
        }
    }
}

fn new_values() -> NewValues {
    NewValues {
        account_id: "FuzzAccountId0123456789".into(),
        client_id: "FuzzClientId0123456789".into(),
        client_secret: Some(s2s_core::Secret::new("FuzzClientSecret0123456789abcdef")),
        webhook_secret_token: Some(s2s_core::Secret::new("FuzzWebhookToken0123456789")),
    }
}

/// The rewrite: lines outside the legacy settings never change (in order, byte for byte), the
/// preview never holds the new secret, and apply then undo gives the file back byte-identical.
pub fn rewrite_and_undo(data: &[u8]) {
    let Some((format, bytes)) = split(data) else {
        return;
    };
    let values = new_values();
    let Some(r) = rewrite("config", bytes, format, &NewNames::default(), &values) else {
        return;
    };
    assert!(
        !r.preview.contains("FuzzClientSecret0123456789abcdef"),
        "the preview shows the secret"
    );
    let text = Text::from_bytes(bytes).expect("rewritten, so text");
    let mut taken: Vec<_> = legacy_settings(&text, format)
        .into_iter()
        .map(|l| l.setting.lines)
        .collect();
    taken.sort_by_key(|r| r.start);
    let before: Vec<&str> = text.body.split('\n').collect();
    let after_text = String::from_utf8(r.after.to_vec()).expect("UTF-8 in, UTF-8 out");
    let after: Vec<&str> = after_text
        .trim_start_matches('\u{feff}')
        .split('\n')
        .collect();
    // The untouched runs between settings, each found in order in the result.
    let mut cursor = 0;
    let mut line = 0;
    let mut runs: Vec<&[&str]> = Vec::new();
    for range in &taken {
        if range.start > line {
            runs.push(&before[line..range.start]);
        }
        line = line.max(range.end);
    }
    runs.push(&before[line.min(before.len())..]);
    for run in runs.into_iter().filter(|r| !r.is_empty()) {
        let found = (cursor..=after.len().saturating_sub(run.len()))
            .find(|&at| after.get(at..at + run.len()) == Some(run));
        let Some(at) = found else {
            panic!("lines outside the settings changed: {run:?} not in {after:?}");
        };
        cursor = at + run.len();
    }
    // Apply and undo on disk: byte-identical.
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("config"), bytes).expect("write");
    let journal = apply(dir.path(), &[r], 1, FaultInjection::default()).expect("apply");
    undo(&journal.path()).expect("undo");
    assert_eq!(
        std::fs::read(dir.path().join("config")).expect("read"),
        bytes,
        "undo restores the bytes"
    );
}

/// JWT decoding of any token-looking text.
pub fn jwt(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Some(decoded) = crate::jwt::decode(text) {
            let _ = decoded.expiry(1_800_000_000);
            let _ = decoded.masked();
        }
    }
}

/// Zoom call detection in any file.
pub fn calls(data: &[u8]) {
    let Some((format, bytes)) = split(data) else {
        return;
    };
    let Some(text) = Text::from_bytes(bytes) else {
        return;
    };
    let _ = format; // one corpus for every target: the first byte is read the same way
    for call in crate::calls::find_calls(zoom_catalog::catalog(), "file", &text) {
        assert!(call.line >= 1, "{call:?}");
    }
}

/// A plan file as `s2s migrate apply` reads it: what parses, serializes back to the same plan.
/// (Its rewrites read the files it names, so they are not fuzzed from here.)
pub fn plan(data: &[u8]) {
    if let Ok(report) = serde_json::from_slice::<crate::scan::ScanReport>(data) {
        let again = serde_json::to_vec(&report).expect("serializes");
        let back: crate::scan::ScanReport = serde_json::from_slice(&again).expect("reads back");
        assert_eq!(serde_json::to_vec(&back).expect("serializes"), again);
    }
}

/// A journal found in a project, undone: nothing outside the project is ever written. In the
/// input, `@ROOT@` and `@OUT@` stand for the project's and an outside folder's paths, so the
/// fuzzer can aim at both.
pub fn journal(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let sandbox = tempfile::tempdir().expect("tempdir");
    let outside = sandbox.path().join("outside");
    let project = sandbox.path().join("project");
    std::fs::create_dir_all(&outside).expect("mkdir");
    std::fs::write(outside.join("keep"), b"untouched").expect("write");
    let stamp = project.join(BACKUP_FOLDER).join("1-1");
    std::fs::create_dir_all(&stamp).expect("mkdir");
    let root = std::fs::canonicalize(&project).expect("project");
    let json = |p: &Path| serde_json::to_string(&p.display().to_string()).expect("json");
    let text = text
        .replace("\"@ROOT@\"", &json(&root))
        .replace("\"@BACKUP@\"", &json(&root.join(BACKUP_FOLDER).join("1-1")))
        .replace("\"@OUT@\"", &json(&outside));
    let path = stamp.join("journal.json");
    std::fs::write(&path, text).expect("write");
    let _ = undo(&path);
    assert_eq!(
        std::fs::read(outside.join("keep")).expect("read"),
        b"untouched"
    );
    assert_eq!(
        std::fs::read_dir(&outside).expect("list").count(),
        1,
        "nothing written outside"
    );
}
