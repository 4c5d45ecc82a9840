//! Logging for the app and the CLI alike: to stderr, filtered by `S2S_LOG` ("debug", or per
//! target "s2s_core=debug,info": tracing's `Targets` syntax), colour only on a terminal and
//! never under NO_COLOR (https://no-color.org). No log line carries a secret.

use std::io::IsTerminal;

use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// Starts logging at `default` level unless `S2S_LOG` says otherwise; `with_targets` adds each
/// line's module. A second call (tests) changes nothing.
pub fn init(default: tracing::Level, with_targets: bool) {
    let filter: tracing_subscriber::filter::Targets = std::env::var("S2S_LOG")
        .ok()
        .and_then(|spec| spec.parse().ok())
        .unwrap_or_else(|| tracing_subscriber::filter::Targets::new().with_default(default));
    let colour = std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let _ = tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(std::io::stderr)
                .with_ansi(colour)
                .with_target(with_targets),
        )
        .with(filter)
        .try_init();
}
