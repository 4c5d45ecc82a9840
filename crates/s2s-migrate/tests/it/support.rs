//! Helpers: copy a corpus case into a fresh temp folder (no parent .gitignore, no git), scan it.

use std::path::{Path, PathBuf};

use s2s_migrate::scan::{scan, Progress, ScanOptions, ScanReport};

/// The corpus folder.
pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// A temp copy of corpus case `name` (without its expected.json).
pub fn case(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&corpus().join(name), dir.path());
    std::fs::remove_file(dir.path().join("expected.json")).expect("expected.json");
    dir
}

/// "Now" for every test: 2026-09-01, so expiry flags are stable.
pub const NOW: i64 = 1_788_220_800;

/// Scans a folder with fixed time.
pub fn scan_dir(dir: &Path) -> ScanReport {
    let options = ScanOptions {
        now_unix: NOW,
        ..ScanOptions::default()
    };
    scan(zoom_catalog::catalog(), dir, &options, &Progress::default()).expect("scan")
}

/// Writes a file, creating folders.
pub fn write(dir: &Path, rel: &str, content: &[u8]) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, content).expect("write");
}
