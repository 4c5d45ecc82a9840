//! Exit codes: the CLI's contract with scripts (documented in `s2s --help` and the README).

use s2s_core::ErrorKind;

/// Success.
pub const OK: u8 = 0;
/// Bad input or usage; nothing sent. (clap uses 2 for usage errors too.)
pub const BAD_INPUT: u8 = 2;
/// Something failed inside s2s itself.
pub const INTERNAL: u8 = 7;
/// Network, TLS or timeout.
pub const NETWORK: u8 = 8;
/// A webhook receiver answered wrongly.
pub const RECEIVER_WRONG: u8 = 9;
/// A consumer of the secret was not updated, or its check did not pass.
pub const CONSUMER_NOT_DONE: u8 = 10;

/// The exit code for a failure kind.
pub fn for_kind(kind: ErrorKind) -> u8 {
    match kind {
        ErrorKind::InvalidInput | ErrorKind::HostRefused => BAD_INPUT,
        ErrorKind::InvalidClient | ErrorKind::MissingCredentials => 3,
        ErrorKind::InvalidAccount | ErrorKind::AppDisabled | ErrorKind::WrongAppType => 4,
        ErrorKind::MissingScope => 5,
        ErrorKind::RateLimited => 6,
        ErrorKind::ServerError
        | ErrorKind::UnexpectedResponse
        | ErrorKind::ZoomError
        | ErrorKind::TokenRejected => 7,
        ErrorKind::Timeout | ErrorKind::Network => NETWORK,
    }
}
