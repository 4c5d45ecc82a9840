//! How Zoom applies a `PATCH`: the fields sent replace the stored ones, and a nested object
//! (`settings`, `settings.approved_or_denied_countries_or_regions`) is merged field by field
//! rather than replaced, so a client that sends one setting keeps every other.

use serde_json::Value;

/// `changes` applied to `stored`: objects merged recursively, anything else replaced.
pub fn merge(stored: &mut Value, changes: &Value) {
    match (stored, changes) {
        (Value::Object(stored), Value::Object(changes)) => {
            for (key, change) in changes {
                match stored.get_mut(key) {
                    Some(current) if current.is_object() && change.is_object() => {
                        merge(current, change);
                    }
                    _ => {
                        stored.insert(key.clone(), change.clone());
                    }
                }
            }
        }
        (stored, change) => *stored = change.clone(),
    }
}

/// What of a request body a client may set: everything but what Zoom assigns (ids, the host,
/// creation time, join links); not an object: nothing.
pub fn writable(body: &Value) -> Value {
    let mut body = if body.is_object() {
        body.clone()
    } else {
        Value::Object(serde_json::Map::new())
    };
    if let Some(fields) = body.as_object_mut() {
        for assigned in [
            "id",
            "uuid",
            "host_id",
            "host_email",
            "created_at",
            "registrant_id",
            "join_url",
            "start_url",
        ] {
            fields.remove(assigned);
        }
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn one_nested_setting_changes_and_every_other_stays() {
        let mut meeting = json!({"topic": "Sync", "settings": {"waiting_room": true,
            "audio": "voip", "alternative_hosts": "a@example.com"}});
        merge(
            &mut meeting,
            &json!({"settings": {"waiting_room": false}, "agenda": "Q3"}),
        );
        assert_eq!(
            meeting,
            json!({"topic": "Sync", "agenda": "Q3", "settings": {"waiting_room": false,
                "audio": "voip", "alternative_hosts": "a@example.com"}})
        );
    }

    #[test]
    fn arrays_and_scalars_are_replaced_whole() {
        let mut stored = json!({"tracking_fields": [{"field": "a"}], "duration": 30});
        merge(&mut stored, &json!({"tracking_fields": [], "duration": 45}));
        assert_eq!(stored, json!({"tracking_fields": [], "duration": 45}));
    }
}
