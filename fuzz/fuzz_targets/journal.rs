#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| s2s_migrate::fuzz::journal(data));
