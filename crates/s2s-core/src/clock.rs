//! The one place S2S Desk reads the wall clock and writes a time for people.

/// Now, as Unix seconds (UTC).
pub fn now_unix() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// `2026-11-30 19:05 UTC`; the number itself if it is out of range.
pub fn utc_text(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| {
            t.format(time::macros::format_description!(
                "[year]-[month]-[day] [hour]:[minute] UTC"
            ))
            .ok()
        })
        .unwrap_or_else(|| unix.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn times_read_the_same_everywhere() {
        assert_eq!(super::utc_text(1_788_220_800), "2026-09-01 00:00 UTC");
        assert_eq!(super::utc_text(i64::MAX), i64::MAX.to_string());
        assert!(super::now_unix() > 1_700_000_000);
    }
}
