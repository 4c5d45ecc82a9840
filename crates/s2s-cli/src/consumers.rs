//! `s2s consumers add|list|remove|check`: where a profile's secret is deployed, for a rotation
//! to carry the new one there (`s2s rotate --update-consumers`). The same consumers, saved with
//! the profile, the app's "Where it's deployed" panel shows.

use s2s_core::deliver::CommandLine;
use s2s_core::profiles::consumers::{
    self, Consumer, ConsumerDraft, ConsumerLine, ConsumerState, ConsumerTarget,
};
use s2s_core::profiles::service::ProfileService;
use s2s_core::profiles::Profile;
use serde_json::{json, Value};

use crate::args::{ConsumerArgs, ConsumersAddArgs, ConsumersCommand, ConsumersProfileArgs};
use crate::exit;
use crate::failure::{self, Failure};
use crate::out::inert;

pub fn run(command: ConsumersCommand) -> u8 {
    let (result, as_json) = match command {
        ConsumersCommand::Add(a) => (add(&a), a.of.json),
        ConsumersCommand::List(a) => (list(&a), a.json),
        ConsumersCommand::Remove(a) => (remove(&a), a.of.json),
        ConsumersCommand::Check(a) => (check(&a), a.of.json),
    };
    match result {
        Ok((code, text, value)) => {
            if as_json {
                crate::out::json(&value);
            } else {
                out!("{text}");
            }
            code
        }
        Err(f) => failure::print(&f, as_json),
    }
}

/// The exit code, the text for people, the JSON for scripts.
type Outcome = Result<(u8, String, Value), Failure>;

fn open(of: &ConsumersProfileArgs) -> Result<(ProfileService, Profile), Failure> {
    let service = crate::profile::open_service()?;
    let profile = crate::profile::find_in(&service, &of.profile)?;
    Ok((service, profile))
}

fn consumer<'a>(profile: &'a Profile, key: &str) -> Result<&'a Consumer, Failure> {
    consumers::find(&profile.consumers, key).ok_or_else(|| {
        failure::usage(
            format!(
                "profile '{}' has no consumer '{}'",
                inert(&profile.name),
                inert(key)
            ),
            &format!(
                "List them: s2s consumers list --profile {}",
                crate::out::shell_word(&profile.name)
            ),
        )
    })
}

fn parsed(text: &str) -> Result<CommandLine, Failure> {
    CommandLine::parse(text).map_err(|e| {
        failure::usage(
            e.to_string(),
            "Write the command as you would in a shell: the program, then its arguments.",
        )
    })
}

fn add(a: &ConsumersAddArgs) -> Outcome {
    let target = match (&a.file, &a.command) {
        (Some(file), _) => ConsumerTarget::File {
            path: std::path::absolute(file)
                .unwrap_or_else(|_| file.clone())
                .display()
                .to_string(),
            setting: a.setting.clone(),
        },
        (None, Some(command)) => ConsumerTarget::Command {
            command: parsed(command)?,
        },
        (None, None) => {
            return Err(failure::usage(
                "give --file PATH or --command CMD".into(),
                "A consumer is a file's setting or a command that reads the secret on its standard input.",
            ))
        }
    };
    let draft = ConsumerDraft {
        label: a.label.clone(),
        target,
        check: a.check.as_deref().map(parsed).transpose()?,
        timeout_secs: a.timeout,
    };
    let (service, profile) = open(&a.of)?;
    let added = service
        .add_consumer(&profile.id, draft)
        .map_err(|e| crate::target::service_failure(&profile.name, &e))?;
    let text = format!(
        "✔ '{}' now deploys to '{}': {}{}\n  Nothing ran. A rotation runs it with --update-consumers; the secret goes on standard input.\n",
        inert(&profile.name),
        inert(&added.label),
        added.destination(),
        added
            .check
            .as_ref()
            .map(|c| format!("\n  Check: {}", c.shown()))
            .unwrap_or_default()
    );
    Ok((
        exit::OK,
        text,
        json!({"ok": true, "profile": profile.name, "consumer": added}),
    ))
}

fn list(a: &ConsumersProfileArgs) -> Outcome {
    let (_, profile) = open(a)?;
    let mut text = match profile.consumers.len() {
        0 => format!(
            "'{}' is deployed nowhere S2S Desk knows of. Add where: s2s consumers add --profile {} --label NAME (--file PATH | --command CMD)\n",
            inert(&profile.name),
            crate::out::shell_word(&profile.name)
        ),
        n => format!("'{}' is deployed in {n} place(s):\n", inert(&profile.name)),
    };
    for c in &profile.consumers {
        text.push_str(&format!("  • {} — {}\n", inert(&c.label), c.destination()));
        if let Some(check) = &c.check {
            text.push_str(&format!("      check: {}\n", check.shown()));
        }
    }
    Ok((
        exit::OK,
        text,
        json!({"ok": true, "profile": profile.name, "consumers": profile.consumers}),
    ))
}

fn remove(a: &ConsumerArgs) -> Outcome {
    let (service, profile) = open(&a.of)?;
    let gone = consumer(&profile, &a.consumer)?.clone();
    service
        .remove_consumer(&profile.id, &gone.id)
        .map_err(|e| crate::target::service_failure(&profile.name, &e))?;
    Ok((
        exit::OK,
        format!(
            "Removed '{}' from '{}'; the deployment itself was not touched.\n",
            inert(&gone.label),
            inert(&profile.name)
        ),
        json!({"ok": true, "profile": profile.name, "removed": gone}),
    ))
}

fn check(a: &ConsumerArgs) -> Outcome {
    let (service, profile) = open(&a.of)?;
    let checked = consumer(&profile, &a.consumer)?;
    errln!(
        "Running: {}",
        checked
            .check
            .as_ref()
            .map(CommandLine::shown)
            .unwrap_or_default()
    );
    let run = service
        .check_consumer(&profile.id, &checked.id)
        .map_err(|e| crate::target::service_failure(&profile.name, &e))?;
    let passed = run.passed;
    let text = format!(
        "{} '{}': {}\n",
        if passed { "✔" } else { "✘" },
        inert(&checked.label),
        run.summary
    );
    Ok((
        if passed {
            exit::OK
        } else {
            exit::CONSUMER_NOT_DONE
        },
        text,
        json!({"ok": passed, "profile": profile.name, "consumer": checked.label, "check": run.run}),
    ))
}

/// A rotation's checklist, a line per consumer (and what to do for a failed one).
pub fn checklist_text(lines: &[ConsumerLine]) -> String {
    let mut out = String::new();
    if lines.is_empty() {
        return out;
    }
    out.push_str("  Where it's deployed:\n");
    for line in lines {
        let mark = match line.state {
            ConsumerState::Pending => "·",
            state if state.done() => "✔",
            _ => "✘",
        };
        out.push_str(&format!(
            "    {mark} {} — {}\n",
            inert(&line.label),
            line.state_words
        ));
        if let Some(detail) = &line.detail {
            out.push_str(&format!("      {detail}\n"));
        }
        if let Some(advice) = &line.advice {
            out.push_str(&format!("      What to do: {advice}\n"));
        }
    }
    out
}

/// Some consumer's update or check failed.
pub fn any_failed(lines: &[ConsumerLine]) -> bool {
    lines.iter().any(|l| {
        matches!(
            l.state,
            ConsumerState::UpdateFailed | ConsumerState::CheckFailed
        )
    })
}
