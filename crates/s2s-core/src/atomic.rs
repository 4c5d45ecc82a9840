//! Replacing a file in one step — a synced temp file renamed over it — on every system. On
//! Windows a rename over a file fails while another program holds it open without sharing it
//! for deletion (an antivirus scan, a backup or sync agent, an editor): for a moment that is
//! normal there, so the rename is retried briefly, then refused with a message that names the
//! cause. Nothing is ever half-written either way: the old file stays until the rename happens.

use std::io;
use std::path::Path;
use std::time::{Duration, Instant};

use tempfile::NamedTempFile;

/// How long a rename keeps trying while another program holds the file (Windows).
pub const BUSY_WAIT: Duration = Duration::from_secs(2);

/// Renames `temp` over `path`, retrying while the file is held open elsewhere (Windows).
pub fn replace(temp: NamedTempFile, path: &Path) -> io::Result<()> {
    let started = Instant::now();
    let mut temp = temp;
    loop {
        match temp.persist(path) {
            Ok(_) => return Ok(()),
            Err(e) if held_elsewhere(&e.error) && started.elapsed() < BUSY_WAIT => {
                temp = e.file;
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(e) if held_elsewhere(&e.error) => {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
                return Err(io::Error::new(
                    io::ErrorKind::ResourceBusy,
                    format!(
                        "another program has {} open (an antivirus, a backup or sync tool, an editor?); close it and try again — nothing was changed",
                        name.unwrap_or_else(|| path.display().to_string())
                    ),
                ));
            }
            Err(e) => return Err(e.error),
        }
    }
}

/// Windows' answers to a rename over a file another program holds: access denied (5), sharing
/// violation (32), lock violation (33).
fn held_elsewhere(e: &io::Error) -> bool {
    cfg!(windows) && matches!(e.raw_os_error(), Some(5 | 32 | 33))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn temp_with(dir: &Path, text: &str) -> NamedTempFile {
        let mut temp = NamedTempFile::new_in(dir).expect("temp");
        temp.write_all(text.as_bytes()).expect("write");
        temp
    }

    #[test]
    fn a_file_is_replaced_whole() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("profiles.json");
        std::fs::write(&path, "old").expect("write");
        replace(temp_with(dir.path(), "new"), &path).expect("replaced");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new");
    }

    /// Another program opens the file without sharing it for deletion, as Windows programs do.
    #[cfg(windows)]
    fn held_open(path: &Path) -> std::fs::File {
        use std::os::windows::fs::OpenOptionsExt;
        const FILE_SHARE_READ: u32 = 1;
        std::fs::OpenOptions::new()
            .read(true)
            .share_mode(FILE_SHARE_READ)
            .open(path)
            .expect("held")
    }

    #[cfg(not(windows))]
    fn held_open(_: &Path) -> std::fs::File {
        unreachable!("Windows only")
    }

    #[test]
    #[cfg_attr(
        not(windows),
        ignore = "Windows only: elsewhere a rename replaces an open file"
    )]
    fn on_windows_a_file_held_open_for_a_moment_is_replaced_once_it_is_let_go() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("profiles.json");
        std::fs::write(&path, "old").expect("write");
        let held = held_open(&path);
        let release = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            drop(held);
        });
        replace(temp_with(dir.path(), "new"), &path).expect("replaced after the wait");
        release.join().expect("joined");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new");
    }

    #[test]
    #[cfg_attr(
        not(windows),
        ignore = "Windows only: elsewhere a rename replaces an open file"
    )]
    fn on_windows_a_file_held_open_is_refused_clearly_and_left_whole() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("profiles.json");
        std::fs::write(&path, "old").expect("write");
        let held = held_open(&path);
        let e = replace(temp_with(dir.path(), "new"), &path).expect_err("refused");
        assert!(
            e.to_string()
                .contains("another program has profiles.json open"),
            "{e}"
        );
        drop(held);
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "old");
        let left: Vec<_> = std::fs::read_dir(dir.path()).expect("ls").collect();
        assert_eq!(left.len(), 1, "no temp file left");
    }
}
