//! Sample events in the shape of Zoom's event reference
//! (https://developers.zoom.us/docs/api/meetings/events/, .../users/events/), for sending to a
//! receiver under test: realistic enough that a receiver's parser meets what Zoom sends.

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

/// A sample `event` for account `account_id`, stamped `event_ts_ms`; `None` for an event without
/// a sample (see [`SAMPLE_EVENTS`]).
pub fn sample(event: &str, account_id: &str, event_ts_ms: i64) -> Option<Value> {
    let meeting = json!({
        "id": 85_746_065_432_i64,
        "uuid": "4444AAAiAAAAAiAiAiiAii==",
        "host_id": "x1yCzABCDEfg23HiJKl4mN",
        "topic": "Quarterly planning",
        "type": 2,
        "start_time": "2026-11-30T17:00:00Z",
        "timezone": "America/Los_Angeles",
        "duration": 60,
    });
    let object = match event {
        "meeting.started" | "meeting.created" => meeting,
        "meeting.ended" => with(meeting, json!({"end_time": "2026-11-30T17:58:21Z"})),
        "meeting.participant_joined" => with(
            meeting,
            json!({"participant": {
                "user_id": "16778240",
                "user_name": "Jill Chill",
                "id": "iFxeBPYun6SAiWUzBcEkX",
                "participant_uuid": "55555AAAiAAAAAiAiAiiAii",
                "join_time": "2026-11-30T17:01:08Z",
                "email": "jchill@example.com",
            }}),
        ),
        "recording.completed" => with(
            meeting,
            json!({
                "total_size": 529_758,
                "recording_count": 1,
                "share_url": "https://example.zoom.us/rec/share/sample",
                "recording_files": [{
                    "id": "ed6c2f27-2ae7-42f4-b3d0-835b493e4fa8",
                    "recording_start": "2026-11-30T17:00:12Z",
                    "recording_end": "2026-11-30T17:58:20Z",
                    "file_type": "MP4",
                    "file_size": 529_758,
                    "download_url": "https://example.zoom.us/rec/download/sample",
                    "status": "completed",
                    "recording_type": "shared_screen_with_speaker_view",
                }],
            }),
        ),
        "user.created" => json!({
            "id": "z8yAAAAA8bbbQ",
            "first_name": "Jill",
            "last_name": "Chill",
            "email": "jchill@example.com",
            "type": 1,
        }),
        _ => return None,
    };
    let mut payload = json!({"account_id": account_id, "object": object});
    if event == "user.created" {
        payload["operator"] = json!("admin@example.com");
        payload["operator_id"] = json!("v8aaaaaaaaaaaaaaaaaaaa");
        payload["creation_type"] = json!("create");
    }
    Some(json!({"event": event, "event_ts": event_ts_ms, "payload": payload}))
}

fn with(mut base: Value, extra: Value) -> Value {
    if let (Some(base), Value::Object(extra)) = (base.as_object_mut(), extra) {
        base.extend(extra);
    }
    base
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
}
