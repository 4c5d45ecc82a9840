//! The migration report an admin can save: every finding (values masked), the API calls and the
//! scopes they need, the decisions taken, and the files changed with where their backups are.
//! Markdown for repositories and tickets; HTML for a browser. Built only from masked data.

use serde::{Deserialize, Serialize};

use crate::apply::Journal;
use crate::find::{Finding, Flag};
use crate::rewrite::NewNames;
use crate::scan::ScanReport;

/// The title both formats carry (undo recognises S2S Desk's own report by it).
pub const REPORT_TITLE: &str = "Zoom JWT → Server-to-Server migration";

/// What the admin decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Decisions {
    /// Names of the new settings.
    pub names: NewNames,
    /// The client secret was written into the configs (else a placeholder).
    pub secret_written: bool,
    /// The S2S Desk profile used for the new app.
    pub profile: Option<String>,
    /// The token test's one-line result.
    pub token_test: Option<String>,
}

fn jwt_note(f: &Finding) -> String {
    f.jwt
        .as_ref()
        .map(|j| {
            let exp = j
                .expires_at
                .map(s2s_core::clock::utc_text)
                .unwrap_or_else(|| "none".into());
            format!("alg {}, exp {exp}", j.alg.as_deref().unwrap_or("?"))
        })
        .unwrap_or_default()
}

/// The report as Markdown.
pub fn markdown(
    report: &ScanReport,
    decisions: &Decisions,
    journal: Option<&Journal>,
    now_unix: i64,
) -> String {
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let mut md = format!(
        "# {REPORT_TITLE}\n\nProject: `{}`  \nReport: {}  \nScanned {} files ({} bytes){}.\n\n",
        report.root,
        s2s_core::clock::utc_text(now_unix),
        report.progress.files_scanned,
        report.progress.bytes_scanned,
        if report.cancelled {
            " — **scan cancelled, lists are partial**"
        } else {
            ""
        }
    );
    md.push_str(&format!(
        "## Legacy credentials found ({})\n\n",
        report.findings.len()
    ));
    if !report.findings.is_empty() {
        md.push_str("| File | Line | Kind | Name | Value (masked) | JWT | Notes |\n|---|---|---|---|---|---|---|\n");
        for f in &report.findings {
            let notes: Vec<&str> = f.flags.iter().map(|x| x.words().label).collect();
            md.push_str(&format!(
                "| {} | {} | {} | {} | `{}` | {} | {} |\n",
                cell(&f.file),
                f.line,
                f.kind.label(),
                cell(f.key.as_deref().unwrap_or("—")),
                cell(&f.masked),
                jwt_note(f),
                notes.join(", ")
            ));
        }
        if report
            .findings
            .iter()
            .any(|f| f.flags.contains(&Flag::CommittedToGit))
        {
            md.push_str("\n**Secrets are committed to git.** Migrating stops their use, but they stay in the history: deactivate the JWT app and rotate anything else that shared them.\n");
        }
    }
    md.push_str(&format!("\n## Zoom API calls ({})\n\n", report.calls.len()));
    for c in &report.calls {
        let op = c
            .operation
            .as_ref()
            .map(|o| format!("{} — {}", o.operation_id, o.summary))
            .unwrap_or_else(|| "not in the scope catalog".into());
        md.push_str(&format!(
            "- `{}` ({}:{}){}: {op}\n",
            c.call,
            c.file,
            c.line,
            if c.method_seen {
                ""
            } else {
                ", method assumed"
            }
        ));
    }
    md.push_str("\n## Scopes the Server-to-Server app needs\n\n");
    if report.scopes.is_empty() {
        md.push_str("No calls were recognised; add the scopes your integration's calls need.\n");
    }
    for s in &report.scopes {
        md.push_str(&format!(
            "- `{}` ({}) for {}\n",
            s.scope,
            s.level.as_str(),
            s.covers.join(", ")
        ));
    }
    md.push_str(&format!(
        "\n## Decisions\n\n- New settings: `{}`, `{}`, `{}`\n- Client secret written into configs: {}\n",
        decisions.names.account_id,
        decisions.names.client_id,
        decisions.names.client_secret,
        if decisions.secret_written { "yes" } else { "no (placeholder; set it from your secret store)" }
    ));
    if let Some(p) = &decisions.profile {
        md.push_str(&format!("- S2S Desk profile: {p}\n"));
    }
    if let Some(t) = &decisions.token_test {
        md.push_str(&format!("- Token test: {t}\n"));
    }
    md.push_str("\n## Files changed\n\n");
    match journal {
        Some(j) => {
            for f in &j.files {
                md.push_str(&format!("- `{}`\n", f.file));
            }
            md.push_str(&format!(
                "\nBackups: `{}` (undo restores them).\n",
                j.backup_dir
            ));
        }
        None => md.push_str("None yet.\n"),
    }
    md
}

/// The same report as a standalone HTML page: the Markdown above, rendered (headings, tables,
/// lists, code, bold — the subset [`markdown`] writes), every text HTML-escaped.
pub fn html(
    report: &ScanReport,
    decisions: &Decisions,
    journal: Option<&Journal>,
    now_unix: i64,
) -> String {
    let md = markdown(report, decisions, journal, now_unix);
    let mut body = String::new();
    let mut in_list = false;
    let mut in_table = false;
    for line in md.lines() {
        let is_row = line.starts_with('|');
        let is_item = line.starts_with("- ");
        if in_list && !is_item {
            body.push_str("</ul>\n");
            in_list = false;
        }
        if in_table && !is_row {
            body.push_str("</table>\n");
            in_table = false;
        }
        if let Some(h) = line.strip_prefix("## ") {
            body.push_str(&format!("<h2>{}</h2>\n", inline(h)));
        } else if let Some(h) = line.strip_prefix("# ") {
            body.push_str(&format!("<h1>{}</h1>\n", inline(h)));
        } else if is_row {
            if line.starts_with("|---") {
                continue;
            }
            let tag = if in_table { "td" } else { "th" };
            if !in_table {
                body.push_str("<table>\n");
                in_table = true;
            }
            let cells: Vec<String> = split_row(line)
                .iter()
                .map(|c| format!("<{tag}>{}</{tag}>", inline(c)))
                .collect();
            body.push_str(&format!("<tr>{}</tr>\n", cells.concat()));
        } else if is_item {
            if !in_list {
                body.push_str("<ul>\n");
                in_list = true;
            }
            body.push_str(&format!("<li>{}</li>\n", inline(&line[2..])));
        } else if !line.trim().is_empty() {
            body.push_str(&format!("<p>{}</p>\n", inline(line.trim_end())));
        }
    }
    if in_list {
        body.push_str("</ul>\n");
    }
    if in_table {
        body.push_str("</table>\n");
    }
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Zoom JWT → S2S migration</title>\
<style>body{{font:14px/1.5 system-ui,sans-serif;max-width:1000px;margin:2rem auto;padding:0 1rem}}\
table{{border-collapse:collapse;width:100%}}td,th{{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}}\
code{{background:#f2f4f7;padding:0 3px;border-radius:3px}}</style></head><body>\n{body}</body></html>\n"
    )
}

/// Cells of a Markdown table row (`\|` is a literal bar).
fn split_row(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    let mut cells = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                chars.next();
                if let Some(cell) = cells.last_mut() {
                    cell.push('|');
                }
            }
            '|' => cells.push(String::new()),
            _ => {
                if let Some(cell) = cells.last_mut() {
                    cell.push(c);
                }
            }
        }
    }
    cells.into_iter().map(|c| c.trim().to_string()).collect()
}

/// Escapes, then renders `code` and **bold**.
fn inline(text: &str) -> String {
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;");
    let mut out = String::new();
    for (i, part) in escaped.split('`').enumerate() {
        if i % 2 == 1 {
            out.push_str(&format!("<code>{part}</code>"));
        } else {
            let mut bold = false;
            for (j, piece) in part.split("**").enumerate() {
                if j > 0 {
                    out.push_str(if bold { "</strong>" } else { "<strong>" });
                    bold = !bold;
                }
                out.push_str(piece);
            }
            if bold {
                out.push_str("</strong>");
            }
        }
    }
    out.trim_end_matches("  ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::ProgressSnapshot;

    fn empty_report() -> ScanReport {
        ScanReport {
            root: "/p <x>".into(),
            progress: ProgressSnapshot {
                files_seen: 1,
                files_scanned: 1,
                bytes_scanned: 10,
                findings: 0,
            },
            skipped_binary: 0,
            skipped_large: 0,
            findings: Vec::new(),
            calls: Vec::new(),
            languages: Vec::new(),
            call_lines: Vec::new(),
            scopes: Vec::new(),
            config_files: Vec::new(),
            git_repository: false,
            cancelled: false,
            duration_ms: 1,
        }
    }

    #[test]
    fn the_html_renders_the_markdown_and_escapes_everything() {
        let decisions = Decisions {
            names: NewNames::default(),
            secret_written: false,
            profile: Some("<b>Prod</b>".into()),
            token_test: None,
        };
        let page = html(&empty_report(), &decisions, None, 0);
        assert!(page.contains("<h1>Zoom JWT → Server-to-Server migration</h1>"));
        assert!(page.contains("<code>/p &lt;x&gt;</code>"));
        assert!(page.contains("&lt;b&gt;Prod&lt;/b&gt;") && !page.contains("<b>Prod"));
        assert!(page.contains("<li>New settings: <code>ZOOM_ACCOUNT_ID</code>"));
    }

    #[test]
    fn table_cells_keep_escaped_bars() {
        assert_eq!(split_row("| a \\| b | c |"), ["a | b", "c"]);
    }
}
