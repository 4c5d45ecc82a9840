//! Sample events in the shape of Zoom's event reference
//! (https://developers.zoom.us/docs/api/meetings/events/, .../users/events/), for sending to a
//! receiver under test: realistic enough that a receiver's parser meets what Zoom sends. The
//! payloads are data (`events.json`), so adding one is an edit there and in [`SAMPLE_EVENTS`].

use serde_json::{json, Value};

/// The events a sample exists for; the first is the default.
pub const SAMPLE_EVENTS: &[&str] = &[
    "meeting.started",
    "meeting.ended",
    "meeting.created",
    "meeting.participant_joined",
    "recording.completed",
    "user.created",
];

/// Each event's `payload`, its `account_id` left empty.
const PAYLOADS: &str = include_str!("events.json");

/// A sample `event` for account `account_id`, stamped `event_ts_ms`; `None` for an event without
/// a sample (see [`SAMPLE_EVENTS`]).
pub fn sample(event: &str, account_id: &str, event_ts_ms: i64) -> Option<Value> {
    let mut payloads: Value = serde_json::from_str(PAYLOADS).ok()?;
    let mut payload = payloads.get_mut(event)?.take();
    payload["account_id"] = Value::from(account_id);
    Some(json!({"event": event, "event_ts": event_ts_ms, "payload": payload}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_event_has_a_sample_in_zooms_envelope() {
        for event in SAMPLE_EVENTS {
            let sample = sample(event, "AcctSample01", 1_764_522_000_000).unwrap_or_default();
            assert_eq!(sample["event"], *event);
            assert_eq!(sample["payload"]["account_id"], "AcctSample01");
            assert!(sample["payload"]["object"].is_object(), "{event}");
            assert_eq!(sample["event_ts"], 1_764_522_000_000_i64);
        }
        assert_eq!(sample("meeting.exploded", "a", 0), None);
    }

    #[test]
    fn every_sample_in_the_data_is_listed() {
        let payloads: Value = serde_json::from_str(PAYLOADS).unwrap_or_default();
        let mut names: Vec<&str> = payloads
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let mut listed = SAMPLE_EVENTS.to_vec();
        names.sort_unstable();
        listed.sort_unstable();
        assert_eq!(names, listed);
    }
}
