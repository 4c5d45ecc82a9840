//! Writing inside a scanned project, which S2S Desk does not trust: a symbolic link planted in
//! it must not redirect a write (of a backup holding the old secret, say) outside the project
//! or onto another file. Every write here goes to a fresh temp file beside its target and is
//! renamed into place, refuses a target that is a link, and checks that its folder resolves
//! inside the project root.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Who may read a written file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Owner only (0600 files, 0700 folders): backups, journals, plans — they hold secrets.
    Private,
    /// Readable by others (0644): reports, whose values are masked.
    Shared,
}

/// Refuses `path` when it is a symbolic link (it may be absent).
pub fn refuse_link(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{} is a symbolic link; S2S Desk does not write through links",
                path.display()
            ),
        )),
        _ => Ok(()),
    }
}

/// `root/rel`, after checking that it is no link and that its folder resolves inside `root`.
pub fn inside_root(root: &Path, rel: &Path) -> io::Result<PathBuf> {
    let escapes = || {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{} resolves outside the project {}; S2S Desk writes only inside the project",
                rel.display(),
                root.display()
            ),
        )
    };
    if rel.is_absolute()
        || rel
            .components()
            .any(|c| matches!(c, std::path::Component::ParentDir))
    {
        return Err(escapes());
    }
    let target = root.join(rel);
    refuse_link(&target)?;
    let parent = target.parent().unwrap_or(root);
    let real_root = fs::canonicalize(root)?;
    if !fs::canonicalize(parent)?.starts_with(&real_root) {
        return Err(escapes());
    }
    Ok(target)
}

/// Creates `root/rel` folder by folder (0700 where [`Access::Private`]), refusing any that is
/// a link. Returns the folder.
pub fn folders_inside(root: &Path, rel: &Path, access: Access) -> io::Result<PathBuf> {
    let mut dir = root.to_path_buf();
    for part in rel.components() {
        let std::path::Component::Normal(part) = part else {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} is not a plain relative folder", rel.display()),
            ));
        };
        dir.push(part);
        refuse_link(&dir)?;
        match create_dir(&dir, access) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => {}
            Err(e) => return Err(e),
        }
    }
    Ok(dir)
}

#[cfg(unix)]
fn create_dir(dir: &Path, access: Access) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new()
        .mode(match access {
            Access::Private => 0o700,
            Access::Shared => 0o755,
        })
        .create(dir)
}

/// Windows: a new folder inherits the ACL of the one it is in (a project under the user's
/// profile is the user's); there is no mode to set.
#[cfg(not(unix))]
fn create_dir(dir: &Path, _access: Access) -> io::Result<()> {
    fs::create_dir(dir)
}

/// Writes `bytes` to `path` atomically (a synced temp file beside it, renamed over it), never
/// through a link at `path`.
pub fn write_file(path: &Path, bytes: &[u8], access: Access) -> io::Result<()> {
    refuse_link(path)?;
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    // tempfile creates with O_EXCL and 0600, so nothing else can be opened in its place.
    let mut temp = tempfile::Builder::new()
        .prefix(".s2s-desk-")
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    #[cfg(unix)]
    if access == Access::Shared {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(temp.path(), fs::Permissions::from_mode(0o644))?;
    }
    #[cfg(not(unix))]
    let _ = access; // as for folders: the file inherits its folder's ACL
    s2s_core::atomic::replace(temp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn mode(p: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(p).expect("meta").permissions().mode() & 0o777
    }

    #[cfg(unix)]
    fn symlink(to: &Path, at: PathBuf) -> io::Result<()> {
        std::os::unix::fs::symlink(to, at)
    }

    // Never run there (the tests that call these are ignored on Windows, saying why).
    #[cfg(not(unix))]
    fn mode(_: &Path) -> u32 {
        unreachable!("file modes are Unix's")
    }

    #[cfg(not(unix))]
    fn symlink(_: &Path, _: PathBuf) -> io::Result<()> {
        unreachable!("links need administrator rights on Windows")
    }

    #[test]
    #[cfg_attr(
        not(unix),
        ignore = "file modes are Unix's: on Windows files inherit their folder's ACL"
    )]
    fn private_folders_and_files_are_owner_only() {
        let root = tempfile::tempdir().expect("tmp");
        let dir = folders_inside(root.path(), Path::new("a/b"), Access::Private).expect("dirs");
        write_file(&dir.join("f"), b"x", Access::Private).expect("write");
        assert_eq!(mode(&root.path().join("a")), 0o700);
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&dir.join("f")), 0o600);
        write_file(&dir.join("r"), b"x", Access::Shared).expect("write");
        assert_eq!(mode(&dir.join("r")), 0o644);
    }

    #[test]
    #[cfg_attr(
        not(unix),
        ignore = "planting the links needs administrator rights (or Developer Mode) on Windows"
    )]
    fn links_are_refused_not_followed() {
        let root = tempfile::tempdir().expect("tmp");
        let outside = tempfile::tempdir().expect("tmp");
        let victim = outside.path().join("victim");
        fs::write(&victim, b"keep").expect("write");
        symlink(&victim, root.path().join("report.md")).expect("link");
        assert!(write_file(&root.path().join("report.md"), b"x", Access::Shared).is_err());
        assert!(inside_root(root.path(), Path::new("report.md")).is_err());
        assert_eq!(fs::read(&victim).expect("read"), b"keep");

        symlink(outside.path(), root.path().join("linked")).expect("link");
        assert!(folders_inside(root.path(), Path::new("linked/x"), Access::Private).is_err());
        assert!(inside_root(root.path(), Path::new("linked/file")).is_err());
        assert!(inside_root(root.path(), Path::new("../file")).is_err());
        assert!(!outside.path().join("x").exists());
    }
}
