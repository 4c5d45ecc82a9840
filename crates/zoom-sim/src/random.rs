//! Random bytes for tokens, ids and the admin token, straight from the OS (getrandom, which Tauri
//! links anyway): the simulator needs no generator of its own.

use std::hash::{BuildHasher, RandomState};

/// `N` random bytes.
pub fn bytes<const N: usize>() -> [u8; N] {
    let mut out = [0u8; N];
    if getrandom::fill(&mut out).is_err() {
        // Not seen where S2S Desk runs; std's hash keys (random per process, from the OS too)
        // keep every value distinct.
        for (i, chunk) in out.chunks_mut(8).enumerate() {
            let word = RandomState::new().hash_one(i).to_le_bytes();
            chunk.copy_from_slice(&word[..chunk.len()]);
        }
    }
    out
}

/// A random `u64`.
pub fn u64() -> u64 {
    u64::from_le_bytes(bytes())
}

#[cfg(test)]
mod tests {
    #[test]
    fn values_differ_from_call_to_call() {
        assert_ne!(super::bytes::<16>(), super::bytes::<16>());
        assert_ne!(super::u64(), super::u64());
    }
}
