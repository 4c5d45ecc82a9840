//! Objects created through the API that the simulator keeps beyond meetings (webinars,
//! registrants, groups, settings), each under its collection's name and id, with the id of what
//! it belongs to (a host, a meeting, a webinar).

use std::collections::BTreeMap;

use serde_json::Value;

use super::World;

/// One stored object and what it belongs to.
#[derive(Debug, Clone)]
pub(crate) struct Stored {
    /// The parent's id (a user's, a meeting's, …); the account's for top-level objects.
    pub parent: String,
    /// The object, as Zoom would answer it (the answer is shaped to each operation's schema).
    pub object: Value,
}

/// The fields of users' profiles beyond the fixture's (company, job title, …), by user id.
pub(crate) const USER_PROFILES: &str = "user_profiles";

impl World {
    /// The profile fields set on a user through `PATCH /users/{userId}`.
    pub(crate) fn user_profile(&self, user_id: &str) -> Option<&Value> {
        self.stored(USER_PROFILES)
            .and_then(|all| all.get(user_id))
            .map(|s| &s.object)
    }

    /// Keeps `changes` on a user's profile (nested objects merged, as Zoom does).
    pub(crate) fn update_user_profile(&mut self, user_id: &str, changes: &Value) {
        let stored = self
            .stored_mut(USER_PROFILES)
            .entry(user_id.to_string())
            .or_insert_with(|| Stored {
                parent: user_id.to_string(),
                object: Value::Object(serde_json::Map::new()),
            });
        crate::merge::merge(&mut stored.object, changes);
    }

    /// The objects of `collection`, by id.
    pub(crate) fn stored(&self, collection: &str) -> Option<&BTreeMap<String, Stored>> {
        self.stored.get(collection)
    }

    /// The objects of `collection`, to change.
    pub(crate) fn stored_mut(&mut self, collection: &'static str) -> &mut BTreeMap<String, Stored> {
        self.stored.entry(collection).or_default()
    }

    /// Records that `path` (its segments) was deleted by a documented `DELETE` of an object
    /// the simulator answers by shape alone: from now on it, and everything under it, is gone.
    pub(crate) fn bury(&mut self, path: Vec<String>) {
        self.buried.push(path);
    }

    /// A create at `path` answered `created`: a deleted object directly under `path` whose id
    /// the answer names (anywhere in it) exists again.
    pub(crate) fn unbury_created(&mut self, path: &[String], created: &Value) {
        fn names(value: &Value, id: &str) -> bool {
            match value {
                Value::String(s) => s == id,
                Value::Number(n) => n.to_string() == id,
                Value::Array(items) => items.iter().any(|v| names(v, id)),
                Value::Object(fields) => fields.values().any(|v| names(v, id)),
                _ => false,
            }
        }
        let named = |id: &String| names(created, id);
        self.buried.retain(|b| {
            let under = b.len() == path.len() + 1 && b[..path.len()] == *path;
            !(under && named(&b[path.len()]))
        });
    }

    /// Whether `path` is, or lies under, a deleted one.
    pub(crate) fn is_buried(&self, path: &[&str]) -> bool {
        self.buried
            .iter()
            .any(|b| b.len() <= path.len() && b.iter().zip(path).all(|(a, b)| a == b))
    }

    /// A new object id: unique across collections, 11 digits like Zoom's numeric ids.
    pub(crate) fn new_object_id(&mut self) -> u64 {
        self.next_object_id += 7_907;
        self.next_object_id
    }
}
