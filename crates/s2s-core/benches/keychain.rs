//! The keychain and the profiles file, timed side by side in one run (`scripts/bench.sh` runs
//! it inside a private D-Bus session with gnome-keyring): a Secret Service read (target ≤ 20 ms)
//! beside an in-memory read, and loading / saving a 500-profile file.

#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

use std::time::{Duration, Instant};

use s2s_core::keychain::{KeyringStore, MemoryStore, SecretStore};
use s2s_core::profiles::file::ProfileFile;
use s2s_core::profiles::{ProfileBook, ProfileCloud, ProfileDraft, TestRecord};
use s2s_core::Secret;

const RUNS: usize = 100;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn time(mut f: impl FnMut()) -> Duration {
    let started = Instant::now();
    f();
    started.elapsed()
}

fn main() {
    match KeyringStore::check_available() {
        Err(e) => {
            println!("Secret Service not available ({e}): skipping the keychain comparison\n")
        }
        Ok(()) => {
            let keychain = KeyringStore::new(format!("app.s2sdesk.bench.{}", std::process::id()));
            let memory = MemoryStore::default();
            let secret = Secret::new("benchSecretbenchSecretbenchSecre");
            keychain.set("bench", &secret).unwrap();
            memory.set("bench", &secret).unwrap();
            let (mut real, mut fake) = (Vec::new(), Vec::new());
            for _ in 0..RUNS {
                real.push(time(|| assert!(keychain.get("bench").unwrap().is_some())));
                fake.push(time(|| assert!(memory.get("bench").unwrap().is_some())));
            }
            keychain.delete("bench").unwrap();
            let (real, fake) = (median(real), median(fake));
            println!("Keychain read ({RUNS} runs each, alternating)");
            println!(
                "  Secret Service (gnome-keyring)   median {:>8.3} ms",
                ms(real)
            );
            println!(
                "  in memory                        median {:>8.3} ms",
                ms(fake)
            );
            println!("  ratio to the 20 ms target {:.3}\n", ms(real) / 20.0);
        }
    }

    let dir = tempfile::tempdir().unwrap();
    let file = ProfileFile::in_dir(dir.path());
    let mut book = ProfileBook::default();
    for i in 0..500 {
        let id = book
            .create(ProfileDraft {
                tags: Vec::new(),
                name: format!("Account {i:03}"),
                cloud: ProfileCloud::Commercial,
                account_id: format!("Acct{i:018}"),
                client_id: format!("Client{i:016}"),
                notes: String::new(),
                expected_scopes: vec!["user:read:user:admin".into()],
                token_index: None,
                token_rule: None,
                account_plan: None,
            })
            .unwrap()
            .id
            .clone();
        let record = TestRecord {
            at_unix: 1,
            ok: true,
            kind: None,
            summary: "Token issued with 8 scopes".into(),
            scopes: vec![],
            latency_ms: Some(100),
            owner: None,
            drift: None,
            renamed_scopes: Vec::new(),
            api_url: None,
            zoom_code: None,
        };
        book.record_test(&id, record, s2s_core::profiles::HISTORY_LIMIT)
            .unwrap();
    }
    let (mut saves, mut loads) = (Vec::new(), Vec::new());
    for _ in 0..20 {
        saves.push(time(|| file.save(&book).unwrap()));
        loads.push(time(|| {
            assert_eq!(file.read().unwrap().profiles().len(), 500)
        }));
    }
    let size = std::fs::metadata(file.path()).unwrap().len();
    println!(
        "Profiles file, 500 profiles ({} KiB; 20 runs each, alternating)",
        size / 1024
    );
    println!(
        "  save (atomic: write, fsync, rename) median {:>8.3} ms",
        ms(median(saves))
    );
    println!(
        "  load                                median {:>8.3} ms",
        ms(median(loads))
    );
}
