#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| s2s_core::fuzz::terminal_text(data));
