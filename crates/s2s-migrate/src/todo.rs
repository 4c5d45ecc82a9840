//! What is left once the configs are written: every placeholder still in them (the client
//! secret, the webhook Secret Token, IDs when no app was chosen), the code to change, a JWT
//! secret committed to git, the deployment check and the JWT app's retirement. One list, for
//! the app's "Still to do" and the CLI alike.

use serde::Serialize;

use crate::find::Flag;
use crate::plan::FilePreview;
use crate::rewrite::{SECRET_PLACEHOLDER, WEBHOOK_TOKEN_PLACEHOLDER};
use crate::scan::ScanReport;

/// The IDs written when no app was chosen.
pub const ID_PLACEHOLDERS: [&str; 2] = ["YOUR_ACCOUNT_ID", "YOUR_CLIENT_ID"];

/// One thing left to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ToDo {
    /// Which kind of step, for tests and styling.
    pub kind: ToDoKind,
    /// What to do, in a sentence.
    pub text: String,
    /// The files it concerns (relative to the project), if any.
    pub files: Vec<String>,
}

/// The kinds of step left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ToDoKind {
    /// A placeholder in the migrated configs to fill in.
    Placeholder,
    /// Code that signs JWTs to change.
    Code,
    /// A JWT secret in git's history.
    CommittedSecret,
    /// Deploy and check.
    Deploy,
    /// Retire the JWT app.
    RetireJwtApp,
}

/// The steps left after writing `previews` (the migrated configs as they will be), for a
/// project `report` scanned, with `code_changes` when the guidance shows code to change.
pub fn still_to_do(report: &ScanReport, previews: &[FilePreview], code_changes: bool) -> Vec<ToDo> {
    let holding = |placeholder: &str| -> Vec<String> {
        previews
            .iter()
            .filter(|p| {
                p.preview
                    .lines()
                    .any(|l| l.starts_with('+') && l.contains(placeholder))
            })
            .map(|p| p.file.clone())
            .collect()
    };
    let mut steps = Vec::new();
    for (placeholder, what) in [
        (ID_PLACEHOLDERS[0], "the new app's Account ID"),
        (ID_PLACEHOLDERS[1], "the new app's Client ID"),
        (SECRET_PLACEHOLDER, "the new app's Client Secret, from your secret store"),
        (
            WEBHOOK_TOKEN_PLACEHOLDER,
            "the app's webhook Secret Token (its Feature page in the Marketplace), which replaces the Verification Token",
        ),
    ] {
        let files = holding(placeholder);
        if !files.is_empty() {
            steps.push(ToDo {
                kind: ToDoKind::Placeholder,
                text: format!("Replace {placeholder} with {what} in {}.", files.join(", ")),
                files,
            });
        }
    }
    if code_changes {
        steps.push(ToDo {
            kind: ToDoKind::Code,
            text: "Change the code as the guidance shows: ask for a token with grant_type=account_credentials and reuse it until it expires, instead of signing a JWT.".into(),
            files: Vec::new(),
        });
    }
    let mut committed: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.flags.contains(&Flag::CommittedToGit))
        .map(|f| f.file.clone())
        .collect();
    committed.sort();
    committed.dedup();
    if !committed.is_empty() {
        steps.push(ToDo {
            kind: ToDoKind::CommittedSecret,
            text: format!(
                "The JWT credentials are committed to git in {}: migrating stops their use, but they stay in the history. Deactivate the JWT app so they open nothing, and rotate anything else that shared them.",
                committed.join(", ")
            ),
            files: committed,
        });
    }
    steps.push(ToDo {
        kind: ToDoKind::Deploy,
        text: "Deploy, and check that the service calls Zoom successfully with the new app.".into(),
        files: Vec::new(),
    });
    steps.push(ToDo {
        kind: ToDoKind::RetireJwtApp,
        text: "Then deactivate the JWT app and remove its key and secret from wherever else they are kept.".into(),
        files: Vec::new(),
    });
    steps
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::rewrite::NewNames;
    use crate::session::{Migration, NewApp};

    fn fixture(name: &str) -> Migration {
        let root = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        Migration::scan(Path::new(&root)).expect("the fixture scans")
    }

    #[test]
    fn every_placeholder_left_is_listed_with_its_files_the_webhook_secret_token_included() {
        for (name, expected) in [
            ("webhook-verification", vec![WEBHOOK_TOKEN_PLACEHOLDER]),
            (
                "dotenv-tricky",
                vec![ID_PLACEHOLDERS[0], ID_PLACEHOLDERS[1], SECRET_PLACEHOLDER],
            ),
        ] {
            let plan = fixture(name)
                .plan(&NewNames::default(), &NewApp::placeholders())
                .expect("a plan");
            let placeholders: Vec<&ToDo> = plan
                .still_to_do
                .iter()
                .filter(|s| s.kind == ToDoKind::Placeholder)
                .collect();
            for placeholder in expected {
                assert!(
                    placeholders
                        .iter()
                        .any(|s| s.text.contains(placeholder) && !s.files.is_empty()),
                    "{name}: {placeholder} in {placeholders:?}"
                );
            }
            assert_eq!(
                plan.still_to_do.last().map(|s| s.kind),
                Some(ToDoKind::RetireJwtApp)
            );
        }
    }

    #[test]
    fn a_jwt_committed_to_git_is_a_step_of_its_own() {
        let mut report = fixture("dotenv-tricky").report().clone();
        assert!(!report.findings.is_empty());
        report.findings[0].flags.push(Flag::CommittedToGit);
        let file = report.findings[0].file.clone();
        let steps = still_to_do(&report, &[], false);
        let committed = steps
            .iter()
            .find(|s| s.kind == ToDoKind::CommittedSecret)
            .expect("the committed JWT is listed");
        assert_eq!(committed.files, [file]);
        assert!(committed.text.contains("Deactivate the JWT app"));
    }
}
