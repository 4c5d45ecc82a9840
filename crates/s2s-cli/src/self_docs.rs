//! The CLI describing itself: `--version` (with the commit and the catalog it was built with),
//! shell completions and the man page, all generated from the same clap definitions.

use std::io::Write;

use clap::CommandFactory;

use crate::args::Cli;
use crate::exit;

/// The command line definition with its full version text.
pub fn command() -> clap::Command {
    // clap keeps &'static strs; the text is built once per process.
    let version: &'static str = Box::leak(s2s_core::version_text().into_boxed_str());
    Cli::command().version(version)
}

/// `s2s completions SHELL`.
pub fn completions(shell: clap_complete::Shell) -> u8 {
    clap_complete::generate(shell, &mut command(), "s2s", &mut std::io::stdout());
    exit::OK
}

/// `s2s man`.
pub fn man() -> u8 {
    let mut page = Vec::new();
    if let Err(e) = clap_mangen::Man::new(command()).render(&mut page) {
        errln!("s2s: the manual page could not be rendered: {e}");
        return exit::INTERNAL;
    }
    match std::io::stdout().write_all(&page) {
        Ok(()) => exit::OK,
        Err(e) => {
            errln!("s2s: the manual page could not be written: {e}");
            exit::INTERNAL
        }
    }
}
