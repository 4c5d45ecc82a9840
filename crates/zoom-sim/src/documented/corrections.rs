//! Zoom's response schemas, corrected where they admit no value at all (so no answer, Zoom's
//! own included, could fit them). Each correction reads the schema as its author plainly meant
//! it, and only these three are made; everything else is taken as Zoom wrote it.
//!
//! One rule for every reader: build.rs packs corrected schemas into the simulator, the contract
//! test validates against corrected schemas, and the schemathesis step is given corrected
//! documents (`examples/openapi_corrected.rs`). Each file includes this one by `#[path]`, so it
//! depends on serde_json alone.

use serde_json::{Map, Value};

/// `schema` with Zoom's unsatisfiable constructs corrected, recursively:
/// 1. a `pattern` that is a format description (`YYYY-MM-DDTHH:MM:SSZ`), not a regular
///    expression, is dropped: as a regex it admits only that literal text;
/// 2. an `enum` of non-arrays on an array (`privileges`: `[1, …, 7]`) is its items' enum;
/// 3. `"type": "object"` beside a string `format` (`date-time`) is a string.
pub fn correct(schema: Value) -> Value {
    match schema {
        Value::Object(map) => Value::Object(correct_object(map)),
        Value::Array(items) => Value::Array(items.into_iter().map(correct).collect()),
        other => other,
    }
}

fn correct_object(map: Map<String, Value>) -> Map<String, Value> {
    let mut map: Map<String, Value> = map.into_iter().map(|(k, v)| (k, correct(v))).collect();
    if map
        .get("pattern")
        .and_then(Value::as_str)
        .is_some_and(is_format_description)
    {
        map.remove("pattern");
    }
    let array = map.get("type").and_then(Value::as_str) == Some("array");
    let enum_of_scalars = map
        .get("enum")
        .and_then(Value::as_array)
        .is_some_and(|values| values.iter().all(|v| !v.is_array()));
    if array && enum_of_scalars {
        if let (Some(values), Some(Value::Object(items))) =
            (map.remove("enum"), map.get_mut("items"))
        {
            items.entry("enum").or_insert(values);
        }
    }
    if map.get("type").and_then(Value::as_str) == Some("object") && map.contains_key("format") {
        map.insert("type".into(), Value::String("string".into()));
    }
    map
}

/// Upper-case letters and the separators of a date or time, nothing a regex would use.
fn is_format_description(pattern: &str) -> bool {
    pattern.chars().any(|c| c.is_ascii_uppercase())
        && pattern
            .chars()
            .all(|c| c.is_ascii_uppercase() || matches!(c, '-' | ':' | ' ' | '.' | '/'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_the_three_unsatisfiable_constructs_change() {
        let zoom = json!({"type": "object", "properties": {
            "end_time": {"type": "string", "pattern": "YYYY-MM-DDTHH:MM:SSZ"},
            "mac": {"type": "string", "pattern": "^([0-9A-Fa-f]{2}[:]){5}([0-9A-Fa-f]{2})$"},
            "privileges": {"type": "array", "items": {"type": "integer"}, "enum": [1, 2, 3]},
            "complete_time": {"type": "string", "anyOf": [
                {"type": "object", "format": "date-time"}, {"type": "string", "enum": [""]}]},
        }});
        assert_eq!(
            correct(zoom),
            json!({"type": "object", "properties": {
                "end_time": {"type": "string"},
                "mac": {"type": "string", "pattern": "^([0-9A-Fa-f]{2}[:]){5}([0-9A-Fa-f]{2})$"},
                "privileges": {"type": "array", "items": {"type": "integer", "enum": [1, 2, 3]}},
                "complete_time": {"type": "string", "anyOf": [
                    {"type": "string", "format": "date-time"}, {"type": "string", "enum": [""]}]},
            }})
        );
    }
}
