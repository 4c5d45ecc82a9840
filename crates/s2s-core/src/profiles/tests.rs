use super::export::{env_snippet, from_json, to_json, ImportError};
use super::file::{FileError, ProfileFile};
use super::*;
use crate::secret::Secret;

/// A commercial profile's draft named `name` (shared by the profile modules' tests).
pub(crate) fn draft(name: &str) -> ProfileDraft {
    ProfileDraft {
        tags: Vec::new(),
        name: name.into(),
        cloud: ProfileCloud::Commercial,
        account_id: " AcctAcctAcctAcctAcct01 ".into(),
        client_id: "ClientClientClient0001".into(),
        notes: "prod".into(),
        expected_scopes: vec!["user:read:user:admin".into(), " ".into()],
        token_index: None,
        token_rule: None,
        account_plan: None,
    }
}

fn record(at_unix: i64) -> TestRecord {
    TestRecord {
        at_unix,
        ok: true,
        kind: None,
        summary: "ok".into(),
        scopes: vec![],
        latency_ms: Some(5),
        owner: None,
        drift: None,
        renamed_scopes: Vec::new(),
        api_url: None,
        zoom_code: None,
    }
}

#[test]
fn create_trims_ids_and_drops_blank_scopes() {
    let mut book = ProfileBook::default();
    let p = book.create(draft("Prod")).expect("created").clone();
    assert_eq!(p.account_id, "AcctAcctAcctAcctAcct01");
    assert_eq!(p.expected_scopes, vec!["user:read:user:admin"]);
    assert_eq!(p.id.len(), 36);
}

#[test]
fn tags_are_stored_trimmed_lower_case_dashed_and_once() {
    let mut book = ProfileBook::default();
    let tagged = ProfileDraft {
        tags: vec![" Prod ".into(), "prod".into(), "".into(), "EU  West".into()],
        ..draft("Prod")
    };
    assert_eq!(
        book.create(tagged).expect("created").tags,
        ["prod", "eu-west"]
    );
}

#[test]
fn names_are_unique_ignoring_case_and_never_empty() {
    let mut book = ProfileBook::default();
    book.create(draft("Prod")).expect("created");
    assert_eq!(
        book.create(draft("prod ")),
        Err(ProfileError::NameTaken("prod".into()))
    );
    assert_eq!(book.create(draft("  ")), Err(ProfileError::EmptyName));
}

#[test]
fn rename_keeps_the_id_and_history() {
    let mut book = ProfileBook::default();
    let id = book.create(draft("Prod")).expect("created").id.clone();
    book.record_test(&id, record(1), HISTORY_LIMIT)
        .expect("recorded");
    let renamed = book.update(&id, draft("Production")).expect("renamed");
    assert_eq!(
        (
            renamed.id.as_str(),
            renamed.name.as_str(),
            renamed.history.len()
        ),
        (id.as_str(), "Production", 1)
    );
    // Renaming to its own name (other case) is fine.
    assert!(book.update(&id, draft("PRODUCTION")).is_ok());
}

#[test]
fn duplicate_gets_a_fresh_id_a_free_name_and_no_history() {
    let mut book = ProfileBook::default();
    let id = book.create(draft("Prod")).expect("created").id.clone();
    book.record_test(&id, record(1), HISTORY_LIMIT)
        .expect("recorded");
    let first = book.duplicate(&id).expect("dup").clone();
    let second = book.duplicate(&id).expect("dup").clone();
    assert_eq!(
        (first.name.as_str(), second.name.as_str()),
        ("Prod (copy)", "Prod (copy 2)")
    );
    assert_ne!(first.id, id);
    assert!(first.history.is_empty());
}

#[test]
fn history_is_newest_first_and_capped() {
    let mut book = ProfileBook::default();
    let id = book.create(draft("Prod")).expect("created").id.clone();
    for at in 0..(HISTORY_LIMIT as i64 + 5) {
        book.record_test(&id, record(at), HISTORY_LIMIT)
            .expect("recorded");
    }
    let history = &book.get(&id).expect("found").history;
    assert_eq!(history.len(), HISTORY_LIMIT);
    assert_eq!(history[0].at_unix, HISTORY_LIMIT as i64 + 4);
}

#[test]
fn lookup_by_name_ignores_case_and_spaces() {
    let mut book = ProfileBook::default();
    book.create(draft("Prod")).expect("created");
    book.create(ProfileDraft {
        notes: "staging copy".into(),
        ..draft("Stage")
    })
    .expect("created");
    assert_eq!(book.find_by_name(" stage ").expect("found").name, "Stage");
    assert!(matches!(
        book.find_by_name("nope"),
        Err(ProfileError::NotFound(_))
    ));
}

#[test]
fn the_file_round_trips_atomically_and_owner_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = ProfileFile::in_dir(&dir.path().join("nested"));
    let mut book = ProfileBook::default();
    book.create(draft("Prod")).expect("created");
    file.save(&book).expect("saved");
    assert_eq!(file.read().expect("loaded"), book);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(file.path())
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(
            mode & 0o077,
            0,
            "profiles.json must not be readable by others"
        );
    }
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("nested"))
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["profiles.json", "profiles.json.lock"],
        "no temporary files left behind"
    );
}

#[test]
fn a_missing_file_is_an_empty_book() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = ProfileFile::in_dir(dir.path()).read().expect("loaded");
    assert!(book.profiles().is_empty());
}

#[test]
fn a_corrupt_or_newer_file_is_reported_and_moved_aside_only_on_request() {
    for (content, says) in [
        ("{ not json", "not valid JSON"),
        (r#"{"format": 9, "profiles": []}"#, "newer S2S Desk"),
        (r#"{"format": 1}"#, "expected layout"),
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = ProfileFile::in_dir(dir.path());
        std::fs::write(file.path(), content).expect("write");
        match file.read() {
            Err(FileError::Unusable { reason, .. }) => assert!(reason.contains(says), "{reason}"),
            other => panic!("{content}: {other:?}"),
        }
        assert!(
            matches!(
                file.save(&ProfileBook::default()),
                Err(FileError::Unusable { .. })
            ),
            "never written over"
        );
        assert_eq!(std::fs::read_to_string(file.path()).expect("kept"), content);
        let aside = file
            .set_aside_unusable()
            .expect("moved")
            .expect("it was unusable");
        assert!(aside.reason.contains(says), "{}", aside.reason);
        assert_eq!(
            std::fs::read_to_string(&aside.backup).expect("backup kept"),
            content
        );
        assert!(!file.path().exists());
        file.save(&ProfileBook::default()).expect("a fresh file");
    }
}

#[test]
fn export_carries_no_secret_and_imports_back() {
    let mut book = ProfileBook::default();
    let profile = book.create(draft("Prod")).expect("created").clone();
    let json = to_json(&profile);
    assert!(!json.to_lowercase().contains("secret"));
    let back = from_json(&json).expect("imports");
    assert_eq!(back.name, "Prod");
    assert_eq!(back.client_id, profile.client_id);
}

#[test]
fn an_import_with_a_secret_field_is_refused() {
    let json = r#"{"s2s_desk_profile":1,"name":"x","cloud":"commercial","account_id":"a","client_id":"c","client_secret":"leak"}"#;
    assert_eq!(
        from_json(json),
        Err(ImportError::ContainsSecret("client_secret".into()))
    );
}

#[test]
fn a_refused_import_says_what_is_wrong_with_the_export_not_the_parser() {
    assert_eq!(
        from_json("name: Prod"),
        Err(ImportError::NotJson { line: 1 })
    );
    assert_eq!(from_json("[]"), Err(ImportError::NotAnExport));
    assert_eq!(from_json(r#"{"name":"x"}"#), Err(ImportError::NotAnExport));
    let missing = from_json(r#"{"s2s_desk_profile":1,"name":"x","cloud":"commercial"}"#)
        .expect_err("no account id");
    assert_eq!(
        missing.to_string(),
        "the export's \"account_id\" is missing or not what S2S Desk writes; export the profile again"
    );
    for refused in [from_json("{"), from_json("[]")] {
        let message = refused.expect_err("refused").to_string();
        assert!(
            !message.contains("column") && !message.contains("expected"),
            "{message}"
        );
    }
}

#[test]
fn env_snippet_masks_the_secret_unless_revealed() {
    let mut book = ProfileBook::default();
    let profile = book.create(draft("Prod")).expect("created").clone();
    let secret = Secret::new("s3cr3tValue");
    let masked = env_snippet(&profile, None);
    assert!(
        masked.contains("ZOOM_ACCOUNT_ID=AcctAcctAcctAcctAcct01")
            && masked.contains("ZOOM_CLIENT_SECRET=********")
    );
    assert!(!masked.contains("s3cr3tValue"));
    assert!(env_snippet(&profile, Some(&secret)).contains("ZOOM_CLIENT_SECRET=s3cr3tValue"));
}

mod service {
    use std::sync::Arc;

    use super::draft;
    use crate::keychain::{MemoryStore, SecretStore, SecretStoreError};
    use crate::profiles::file::{FileError, ProfileFile};
    use crate::profiles::service::{ProfileService, ServiceError};
    use crate::secret::Secret;

    /// A keychain that is locked.
    struct LockedKeychain;
    impl SecretStore for LockedKeychain {
        fn set(&self, _: &str, _: &Secret) -> Result<(), SecretStoreError> {
            Err(SecretStoreError::Denied("locked".into()))
        }
        fn get(&self, _: &str) -> Result<Option<Secret>, SecretStoreError> {
            Err(SecretStoreError::Denied("locked".into()))
        }
        fn delete(&self, _: &str) -> Result<(), SecretStoreError> {
            Err(SecretStoreError::Denied("locked".into()))
        }
        fn describe(&self) -> String {
            "locked".into()
        }
    }

    fn service(dir: &std::path::Path, secrets: Arc<dyn SecretStore>) -> ProfileService {
        ProfileService::open(ProfileFile::in_dir(dir), secrets).expect("opens")
    }

    #[test]
    fn the_secret_date_moves_only_when_a_secret_is_stored() {
        let dir = tempfile::tempdir().expect("tempdir");
        let profiles = service(dir.path(), Arc::new(MemoryStore::default()));
        let saved = profiles
            .save(None, draft("Prod"), Some(&Secret::new("TopSecretValue123")))
            .expect("saved");
        let stored_at = saved.secret_saved_unix.expect("recorded with the secret");
        let mut edit = draft("Prod");
        edit.notes = "edited".into();
        let edited = profiles.save(Some(&saved.id), edit, None).expect("edited");
        assert_eq!(
            edited.secret_saved_unix,
            Some(stored_at),
            "an edit keeps the secret's age"
        );
        let copy = profiles.duplicate(&saved.id).expect("duplicated");
        assert_eq!(
            copy.secret_saved_unix,
            Some(stored_at),
            "a copy has the same secret"
        );
    }

    #[test]
    fn the_webhook_secret_token_lives_in_the_keychain_follows_copies_and_goes_with_the_profile() {
        let dir = tempfile::tempdir().expect("tempdir");
        let keychain = Arc::new(MemoryStore::default());
        let profiles = service(dir.path(), keychain.clone());
        let saved = profiles
            .save(None, draft("Prod"), Some(&Secret::new("TopSecretValue123")))
            .expect("saved");
        assert_eq!(
            profiles.webhook_secret_token(&saved.id).ok().flatten(),
            None
        );
        let with_token = profiles
            .set_webhook_secret_token(&saved.id, Some(&Secret::new(" hookToken123\n")))
            .expect("stored");
        assert!(with_token.webhook_secret_token_saved);
        let stored = profiles.webhook_secret_token(&saved.id).ok().flatten();
        assert_eq!(stored.as_ref().map(Secret::expose), Some("hookToken123"));
        let file = std::fs::read_to_string(dir.path().join("profiles.json")).expect("file");
        assert!(!file.contains("hookToken123"), "never on disk");

        let copy = profiles.duplicate(&saved.id).expect("duplicated");
        assert!(copy.webhook_secret_token_saved);
        assert!(profiles
            .webhook_secret_token(&copy.id)
            .is_ok_and(|t| t.is_some()));
        assert!(matches!(
            profiles.set_webhook_secret_token(&saved.id, Some(&Secret::new("  "))),
            Err(ServiceError::EmptyWebhookSecretToken)
        ));

        profiles
            .set_webhook_secret_token(&saved.id, None)
            .expect("forgotten");
        assert_eq!(
            profiles.webhook_secret_token(&saved.id).ok().flatten(),
            None
        );
        assert_eq!(keychain.len(), 3, "two client secrets and the copy's token");
        profiles.delete(&copy.id).expect("deleted");
        profiles.delete(&saved.id).expect("deleted");
        assert!(keychain.is_empty(), "nothing left behind");
    }

    #[test]
    fn history_retention_applies_from_the_next_test() {
        let dir = tempfile::tempdir().expect("tempdir");
        let profiles = service(dir.path(), Arc::new(MemoryStore::default()));
        let saved = profiles
            .save(None, draft("Prod"), Some(&Secret::new("TopSecretValue123")))
            .expect("saved");
        for at in 0..5 {
            profiles
                .record_test(&saved.id, super::record(at))
                .expect("recorded");
        }
        profiles.set_history_retention(3);
        let kept = profiles
            .record_test(&saved.id, super::record(9))
            .expect("recorded");
        assert_eq!(
            kept.history.iter().map(|r| r.at_unix).collect::<Vec<_>>(),
            [9, 4, 3]
        );
        profiles.set_history_retention(0);
        let kept = profiles
            .record_test(&saved.id, super::record(10))
            .expect("recorded");
        assert_eq!(kept.history.len(), 1, "at least the latest test is kept");
    }

    #[test]
    fn save_puts_the_secret_in_the_keychain_and_nowhere_on_disk() {
        let dir = tempfile::tempdir().expect("tempdir");
        let keychain = Arc::new(MemoryStore::default());
        let profiles = service(dir.path(), keychain.clone());
        let saved = profiles
            .save(None, draft("Prod"), Some(&Secret::new("TopSecretValue123")))
            .expect("saved");
        assert_eq!(
            keychain
                .get(&saved.id)
                .expect("get")
                .expect("stored")
                .expose(),
            "TopSecretValue123"
        );
        let on_disk =
            std::fs::read_to_string(ProfileFile::in_dir(dir.path()).path()).expect("file");
        assert!(!on_disk.contains("TopSecretValue123"));
        // Reopening reads the same profile back.
        assert_eq!(service(dir.path(), keychain).list(), vec![saved]);
    }

    #[test]
    fn a_pasted_secret_is_stored_without_the_line_break_copying_left_around_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let keychain = Arc::new(MemoryStore::default());
        let profiles = service(dir.path(), keychain.clone());
        let saved = profiles
            .save(
                None,
                draft("Prod"),
                Some(&Secret::new(" TopSecretValue123\n")),
            )
            .expect("saved");
        let stored = keychain.get(&saved.id).expect("get").expect("stored");
        assert_eq!(stored.expose(), "TopSecretValue123");
    }

    #[test]
    fn a_test_the_cli_records_while_the_app_runs_survives_the_apps_next_change() {
        let dir = tempfile::tempdir().expect("tempdir");
        let keychain = Arc::new(MemoryStore::default());
        let app = service(dir.path(), keychain.clone());
        let prod = app
            .save(None, draft("Prod"), Some(&Secret::new("TopSecretValue123")))
            .expect("saved");
        // The CLI: its own service over the same file, recording a test.
        let cli = service(dir.path(), keychain);
        cli.record_test(&prod.id, super::record(42))
            .expect("recorded");
        // The app changes something else; the CLI's entry stays.
        app.save(
            None,
            draft("Stage"),
            Some(&Secret::new("OtherSecretValue1")),
        )
        .expect("saved");
        let reread = service(dir.path(), Arc::new(MemoryStore::default()));
        assert_eq!(reread.get(&prod.id).expect("prod").history[0].at_unix, 42);
        assert_eq!(app.list().len(), 2);
    }

    /// A keychain whose entry for one profile is unreadable until it is written again.
    #[derive(Default)]
    struct CorruptEntry {
        inner: MemoryStore,
        corrupt: std::sync::Mutex<Option<String>>,
    }

    impl SecretStore for CorruptEntry {
        fn set(&self, id: &str, secret: &Secret) -> Result<(), SecretStoreError> {
            let mut corrupt = self.corrupt.lock().expect("lock");
            if corrupt.as_deref() == Some(id) {
                *corrupt = None;
            }
            self.inner.set(id, secret)
        }
        fn get(&self, id: &str) -> Result<Option<Secret>, SecretStoreError> {
            if self.corrupt.lock().expect("lock").as_deref() == Some(id) {
                return Err(SecretStoreError::Corrupt("not UTF-8".into()));
            }
            self.inner.get(id)
        }
        fn delete(&self, id: &str) -> Result<(), SecretStoreError> {
            self.inner.delete(id)
        }
        fn describe(&self) -> String {
            "corrupt entry".into()
        }
    }

    #[test]
    fn entering_the_secret_again_repairs_an_unreadable_keychain_entry() {
        let dir = tempfile::tempdir().expect("tempdir");
        let keychain = Arc::new(CorruptEntry::default());
        let profiles = service(dir.path(), keychain.clone());
        let id = profiles
            .save(None, draft("Prod"), Some(&Secret::new("s1")))
            .expect("saved")
            .id;
        *keychain.corrupt.lock().expect("lock") = Some(id.to_string());
        assert!(profiles.reveal_secret(&id).is_err(), "unreadable now");
        profiles
            .save(Some(&id), draft("Prod"), Some(&Secret::new("s2")))
            .expect("a new secret repairs the entry");
        assert_eq!(profiles.reveal_secret(&id).expect("secret").expose(), "s2");
    }

    #[test]
    fn an_unusable_file_is_never_written_over() {
        let dir = tempfile::tempdir().expect("tempdir");
        let keychain = Arc::new(MemoryStore::default());
        let app = service(dir.path(), keychain.clone());
        let prod = app
            .save(None, draft("Prod"), Some(&Secret::new("s1")))
            .expect("saved");
        // A newer S2S Desk (or a bad disk) leaves a file this version cannot read.
        let path = ProfileFile::in_dir(dir.path()).path().to_path_buf();
        let newer = r#"{"format": 2, "profiles": [], "future": true}"#;
        std::fs::write(&path, newer).expect("write");
        assert!(app.file_problem().is_some());
        for attempt in [
            app.save(None, draft("Stage"), Some(&Secret::new("s2")))
                .map(|_| ()),
            app.record_test(&prod.id, super::record(7)).map(|_| ()),
            app.delete(&prod.id).map(|_| ()),
        ] {
            assert!(
                matches!(attempt, Err(ServiceError::File(FileError::Unusable { .. }))),
                "{attempt:?}"
            );
        }
        assert_eq!(std::fs::read_to_string(&path).expect("kept"), newer);
        assert!(
            keychain.get(&prod.id).expect("get").is_some(),
            "no keychain entry dropped"
        );
        // Opening does not move it either (the CLI opens this way too).
        let cli = service(dir.path(), keychain.clone());
        assert!(cli.list().is_empty() && path.exists());
        // Only on the admin's word.
        let aside = app
            .set_aside_unusable_file()
            .expect("moved")
            .expect("it was unusable");
        assert_eq!(
            std::fs::read_to_string(aside.backup).expect("backup"),
            newer
        );
        app.save(None, draft("Stage"), Some(&Secret::new("s2")))
            .expect("saves again");
    }

    #[test]
    fn a_crash_between_keychain_and_file_leaves_no_orphan_after_the_next_start() {
        let dir = tempfile::tempdir().expect("tempdir");
        let keychain = Arc::new(MemoryStore::default());
        let kept = service(dir.path(), keychain.clone())
            .save(None, draft("Prod"), Some(&Secret::new("s1")))
            .expect("saved");
        // What a save does up to the moment the process dies: intent, then the keychain.
        let file = ProfileFile::in_dir(dir.path());
        {
            let locked = file.lock().expect("lock");
            locked.mark_pending("stranded-id").expect("pending");
            keychain
                .set("stranded-id", &Secret::new("s2"))
                .expect("set");
        }
        assert_eq!(keychain.len(), 2, "an orphan, for now");
        let reopened = service(dir.path(), keychain.clone());
        assert_eq!(keychain.len(), 1, "the orphan was removed at start");
        assert!(
            keychain.get(&kept.id).expect("get").is_some(),
            "the real one kept"
        );
        assert_eq!(reopened.list().len(), 1);
        assert!(file.lock().expect("lock").pending().is_empty());
    }

    #[test]
    fn two_processes_changing_the_file_at_once_lose_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let keychain = Arc::new(MemoryStore::default());
        let threads: Vec<_> = ["app", "cli"]
            .into_iter()
            .map(|who| {
                let (dir, keychain) = (dir.path().to_path_buf(), keychain.clone());
                std::thread::spawn(move || {
                    // Each its own service over the same file, as the app and the CLI are.
                    let profiles = service(&dir, keychain);
                    for i in 0..100 {
                        profiles
                            .save(None, draft(&format!("{who}-{i}")), Some(&Secret::new("s")))
                            .expect("saved");
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().expect("thread");
        }
        let all = service(dir.path(), keychain.clone()).list();
        assert_eq!(all.len(), 200, "every change kept");
        assert_eq!(keychain.len(), 200, "every profile has its secret");
    }

    #[test]
    fn a_locked_keychain_refuses_the_save_and_changes_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let profiles = service(dir.path(), Arc::new(LockedKeychain));
        let err = profiles
            .save(None, draft("Prod"), Some(&Secret::new("x")))
            .expect_err("refused");
        assert!(matches!(
            err,
            ServiceError::Keychain(SecretStoreError::Denied(_))
        ));
        assert!(profiles.list().is_empty());
        assert!(
            !ProfileFile::in_dir(dir.path()).path().exists(),
            "no file written"
        );
    }

    #[test]
    fn a_failed_file_write_rolls_back_the_new_secret() {
        let dir = tempfile::tempdir().expect("tempdir");
        let keychain = Arc::new(MemoryStore::default());
        let profiles = service(dir.path(), keychain.clone());
        // A directory where the file should be makes the final rename fail.
        std::fs::create_dir(ProfileFile::in_dir(dir.path()).path()).expect("blocker");
        let err = profiles
            .save(None, draft("Prod"), Some(&Secret::new("x")))
            .expect_err("refused");
        assert!(matches!(err, ServiceError::File(_)), "{err}");
        assert!(profiles.list().is_empty());
        assert_eq!(keychain.len(), 0, "the secret was rolled back");
    }

    #[test]
    fn rename_keeps_the_secret_and_delete_removes_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let keychain = Arc::new(MemoryStore::default());
        let profiles = service(dir.path(), keychain.clone());
        let id = profiles
            .save(None, draft("Prod"), Some(&Secret::new("s1")))
            .expect("saved")
            .id;
        profiles
            .save(Some(&id), draft("Production"), None)
            .expect("renamed");
        assert_eq!(profiles.reveal_secret(&id).expect("secret").expose(), "s1");
        let copy = profiles.duplicate(&id).expect("duplicated");
        assert_eq!(
            profiles
                .reveal_secret(&copy.id)
                .expect("copied secret")
                .expose(),
            "s1"
        );
        profiles.delete(&id).expect("deleted");
        assert!(keychain.get(&id).expect("get").is_none());
        assert_eq!(profiles.list().len(), 1);
    }

    #[test]
    fn the_wizards_test_and_the_rotation_settings_are_saved_with_the_profile_in_one_write() {
        use crate::profiles::service::{RotationSettings, SaveExtras};
        let dir = tempfile::tempdir().expect("tempdir");
        let profiles = service(dir.path(), Arc::new(MemoryStore::default()));
        let extras = SaveExtras {
            tested: Some(super::record(1_800_000_000)),
            rotation: Some(RotationSettings {
                app_id: Some("  AppIdAppIdAppIdAppId01 ".into()),
                reminder_days: Some(30),
            }),
        };
        let saved = profiles
            .save_with(
                None,
                draft("Prod"),
                Some(&Secret::new("TopSecretValue123")),
                extras,
            )
            .expect("saved");
        let on_disk = ProfileFile::in_dir(dir.path()).read().expect("file");
        let stored = on_disk.get(&saved.id).expect("on disk");
        assert_eq!(stored, &saved, "what was returned is what was written");
        assert_eq!(stored.history.len(), 1);
        assert_eq!(
            (stored.app_id.as_deref(), stored.secret_reminder_days),
            (Some("AppIdAppIdAppIdAppId01"), Some(30))
        );
    }

    #[test]
    fn values_that_cannot_be_zooms_are_refused_before_anything_is_written() {
        let dir = tempfile::tempdir().expect("tempdir");
        let keychain = Arc::new(MemoryStore::default());
        let profiles = service(dir.path(), keychain.clone());
        let mut swapped = draft("Prod");
        swapped.client_id = swapped.account_id.clone();
        let refused = profiles
            .save(None, swapped, Some(&Secret::new("TopSecretValue123")))
            .expect_err("the same value twice");
        assert!(
            matches!(&refused, ServiceError::InvalidCredentials(issues) if !issues.is_empty()),
            "{refused:?}"
        );
        assert!(refused.to_string().contains("same value"), "{refused}");
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJ4In0.c2ln";
        let refused = profiles
            .save(None, draft("Prod"), Some(&Secret::new(jwt)))
            .expect_err("a JWT is not a client secret");
        assert!(!refused.to_string().contains(jwt), "never echoes the value");
        assert!(keychain.is_empty() && profiles.list().is_empty());
        assert!(!ProfileFile::in_dir(dir.path()).path().exists());
    }

    #[test]
    fn a_reminder_period_outside_the_rule_is_refused_and_changes_nothing() {
        use crate::profiles::service::RotationSettings;
        let dir = tempfile::tempdir().expect("tempdir");
        let profiles = service(dir.path(), Arc::new(MemoryStore::default()));
        let saved = profiles
            .save(None, draft("Prod"), Some(&Secret::new("TopSecretValue123")))
            .expect("saved");
        for days in [0, 3651] {
            let settings = RotationSettings {
                app_id: None,
                reminder_days: Some(days),
            };
            assert!(matches!(
                profiles.set_rotation_settings(&saved.id, settings),
                Err(ServiceError::ReminderOutOfRange(d)) if d == days
            ));
        }
        assert_eq!(profiles.get(&saved.id).expect("kept"), saved);
    }

    #[test]
    fn a_new_profile_needs_a_secret() {
        let dir = tempfile::tempdir().expect("tempdir");
        let profiles = service(dir.path(), Arc::new(MemoryStore::default()));
        assert!(matches!(
            profiles.save(None, draft("Prod"), None),
            Err(ServiceError::MissingSecret(_))
        ));
    }
}

#[test]
fn a_file_written_before_newer_optional_fields_still_loads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = ProfileFile::in_dir(dir.path());
    let old = r#"{"format": 1, "profiles": [{"id": "p1", "name": "Old", "cloud": "commercial",
        "account_id": "AcctAcctAcctAcctAcct01", "client_id": "ClientClientClient0001"}]}"#;
    std::fs::write(file.path(), old).expect("write");
    let book = file.read().expect("loaded");
    let p = book.get("p1").expect("found");
    assert_eq!(
        (p.token_index, p.token_rule, p.history.len()),
        (None, None, 0)
    );
}

#[test]
fn stored_error_kinds_load_typed_and_unknown_ones_read_as_none() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = ProfileFile::in_dir(dir.path());
    let record = |kind: &str| {
        format!(
            r#"{{"at_unix": 1, "ok": false, "kind": {kind}, "summary": "s", "scopes": [], "latency_ms": null}}"#
        )
    };
    let old = format!(
        r#"{{"format": 1, "profiles": [{{"id": "p1", "name": "Old", "cloud": "commercial",
        "account_id": "AcctAcctAcctAcctAcct01", "client_id": "ClientClientClient0001",
        "history": [{}, {}, {}]}}]}}"#,
        record("\"invalid_client\""),
        record("\"a_kind_from_the_future\""),
        record("null")
    );
    std::fs::write(file.path(), old).expect("write");
    let book = file.read().expect("loaded");
    let kinds: Vec<Option<crate::ErrorKind>> = book
        .get("p1")
        .expect("found")
        .history
        .iter()
        .map(|r| r.kind)
        .collect();
    assert_eq!(kinds, [Some(crate::ErrorKind::InvalidClient), None, None]);
}
