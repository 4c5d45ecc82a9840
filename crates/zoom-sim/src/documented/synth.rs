//! A body that fits a documented schema (OpenAPI 3.0 Schema Object). [`fitted`] shapes stored
//! data (a webinar, a user's settings) into the documented answer: each documented field takes
//! the stored value where it fits the field (its type, enum, length and range), else Zoom's own
//! example where that fits, else a plain value that does; fields the schema does not document
//! are left out. [`value`] is the same with nothing stored. Deterministic, so a shape-only
//! operation answers the same body every time.

use serde_json::{Map, Value};

/// Nesting beyond this is cut short (Zoom's schemas are inline and finite; this only bounds a
/// malformed one).
const MAX_DEPTH: usize = 24;

/// A value `schema` accepts.
pub fn value(schema: &Value) -> Value {
    synth(schema, None, 0)
}

/// `data` shaped to `schema`: what fits is kept, what is missing or does not fit is filled in.
pub fn fitted(schema: &Value, data: &Value) -> Value {
    synth(schema, Some(data), 0)
}

fn synth(schema: &Value, data: Option<&Value>, depth: usize) -> Value {
    let Some(map) = schema.as_object() else {
        return Value::Null;
    };
    if depth > MAX_DEPTH {
        return Value::Null;
    }
    if let Some(all) = map.get("allOf").and_then(Value::as_array) {
        return synth(&Value::Object(merged(map, all)), data, depth + 1);
    }
    if let Some(branches) = map
        .get("anyOf")
        .or_else(|| map.get("oneOf"))
        .and_then(Value::as_array)
    {
        return synth(&Value::Object(with_branch(map, branches)), data, depth + 1);
    }
    if let Some(choices) = map.get("enum").and_then(Value::as_array) {
        if let Some(stored) = data.filter(|d| choices.contains(d)) {
            return stored.clone();
        }
        return match map.get("example") {
            Some(example) if choices.contains(example) => example.clone(),
            _ => choices
                .iter()
                .find(|c| !c.is_null())
                .or(choices.first())
                .cloned()
                .unwrap_or(Value::Null),
        };
    }
    match kind(map) {
        "object" => object(map, data, depth),
        "array" => array(map, data, depth),
        "string" => string(map, data),
        "integer" => integer(map, data),
        "number" => number(map, data),
        "boolean" => data
            .into_iter()
            .chain(map.get("example"))
            .find(|e| e.is_boolean())
            .cloned()
            .unwrap_or(Value::Bool(false)),
        _ => data.or(map.get("example")).cloned().unwrap_or(Value::Null),
    }
}

/// The schema's type, or the one its keywords imply.
fn kind(map: &Map<String, Value>) -> &str {
    match map.get("type").and_then(Value::as_str) {
        Some(t) => t,
        None if map.contains_key("properties") => "object",
        None if map.contains_key("items") => "array",
        None => "",
    }
}

/// `allOf`: one schema with every part's keywords (their properties and required fields
/// together; of any other keyword, the last part's), nested `allOf`s included.
fn merged(map: &Map<String, Value>, parts: &[Value]) -> Map<String, Value> {
    let mut out = map.clone();
    out.remove("allOf");
    for part in parts.iter().filter_map(Value::as_object) {
        let part = match part.get("allOf").and_then(Value::as_array) {
            Some(nested) => merged(part, nested),
            None => part.clone(),
        };
        for (keyword, value) in part {
            match (keyword.as_str(), out.get_mut(&keyword), &value) {
                ("properties", Some(Value::Object(mine)), Value::Object(theirs)) => {
                    mine.extend(theirs.clone());
                }
                ("required", Some(Value::Array(mine)), Value::Array(theirs)) => {
                    mine.extend(theirs.iter().cloned());
                }
                _ => {
                    out.insert(keyword, value);
                }
            }
        }
    }
    out
}

/// `anyOf`/`oneOf`: the schema's own keywords with those of its first branch that can hold
/// a value of the schema's own type (a `null`-only branch is never taken).
fn with_branch(map: &Map<String, Value>, branches: &[Value]) -> Map<String, Value> {
    let mut out = map.clone();
    out.remove("anyOf");
    out.remove("oneOf");
    let own = map.get("type").and_then(Value::as_str);
    let branch = branches.iter().filter_map(Value::as_object).find(|b| {
        let theirs = b.get("type").and_then(Value::as_str);
        theirs != Some("null") && (own.is_none() || theirs.is_none() || own == theirs)
    });
    if let Some(branch) = branch {
        out.extend(branch.clone());
    }
    out
}

fn object(map: &Map<String, Value>, data: Option<&Value>, depth: usize) -> Value {
    let stored = data.and_then(Value::as_object);
    let mut out = Map::new();
    match map.get("properties").and_then(Value::as_object) {
        Some(properties) => {
            for (name, schema) in properties {
                let field = stored.and_then(|s| s.get(name));
                out.insert(name.clone(), synth(schema, field, depth + 1));
            }
        }
        // A free-form object (no properties documented) holds what is stored as it is.
        None => out.extend(stored.cloned().unwrap_or_default()),
    }
    // A required field no property describes still has to be there.
    if let Some(required) = map.get("required").and_then(Value::as_array) {
        for name in required.iter().filter_map(Value::as_str) {
            out.entry(name.to_string()).or_insert_with(|| {
                stored
                    .and_then(|s| s.get(name))
                    .cloned()
                    .unwrap_or(Value::String(String::new()))
            });
        }
    }
    Value::Object(out)
}

fn array(map: &Map<String, Value>, data: Option<&Value>, depth: usize) -> Value {
    let items_schema = map.get("items").unwrap_or(&Value::Null);
    // Stored items, even none, are the answer: a list with nothing in it is empty.
    if let Some(stored) = data.and_then(Value::as_array) {
        return Value::Array(
            stored
                .iter()
                .map(|item| synth(items_schema, Some(item), depth + 1))
                .collect(),
        );
    }
    let count = map
        .get("minItems")
        .and_then(Value::as_u64)
        .unwrap_or(1)
        .max(1)
        .min(
            map.get("maxItems")
                .and_then(Value::as_u64)
                .unwrap_or(u64::MAX),
        );
    let item = synth(items_schema, None, depth + 1);
    // Several identical items would break `uniqueItems`; one item always satisfies it.
    let unique = map.get("uniqueItems").and_then(Value::as_bool) == Some(true);
    let count = if unique { count.min(1) } else { count };
    Value::Array((0..count).map(|_| item.clone()).collect())
}

fn string(map: &Map<String, Value>, data: Option<&Value>) -> Value {
    let min = map.get("minLength").and_then(Value::as_u64).unwrap_or(0) as usize;
    let max = map
        .get("maxLength")
        .and_then(Value::as_u64)
        .map_or(usize::MAX, |m| m as usize);
    let format = map
        .get("format")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let fits = |s: &str| {
        let len = s.chars().count();
        len >= min && len <= max && format_fits(format, s)
    };
    let stored = data.and_then(Value::as_str);
    let example = map.get("example").and_then(Value::as_str);
    if let Some(fitting) = stored.into_iter().chain(example).find(|s| fits(s)) {
        return Value::String(fitting.to_string());
    }
    let plain = match format {
        "date-time" => "2026-11-01T09:30:00Z",
        "date" => "2026-11-01",
        "time" => "09:30:00Z",
        "email" => "user@example.com",
        "uri" | "url" => "https://example.com",
        "uuid" => "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "ipv4" => "192.0.2.1",
        _ => "string",
    };
    let mut text: String = plain.chars().take(max).collect();
    while text.chars().count() < min {
        text.push('x');
    }
    Value::String(text)
}

/// Whether `s` is in `format` (the formats JSON Schema validators check; others pass).
fn format_fits(format: &str, s: &str) -> bool {
    match format {
        "date-time" => {
            time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).is_ok()
        }
        "date" => {
            let p: Vec<&str> = s.split('-').collect();
            p.len() == 3
                && p[0].len() == 4
                && p[1].len() == 2
                && p[2].len() == 2
                && p.iter().all(|x| x.chars().all(|c| c.is_ascii_digit()))
        }
        // JSON Schema's `time` is RFC 3339's full-time, offset included ("09:30:00Z").
        "time" => time::OffsetDateTime::parse(
            &format!("2026-11-01T{s}"),
            &time::format_description::well_known::Rfc3339,
        )
        .is_ok(),
        "email" => s.contains('@') && !s.starts_with('@') && !s.ends_with('@'),
        "uri" | "url" => url::Url::parse(s).is_ok(),
        "ipv4" => s.parse::<std::net::Ipv4Addr>().is_ok(),
        "uuid" => s.len() == 36 && s.chars().filter(|c| *c == '-').count() == 4,
        _ => true,
    }
}

fn integer(map: &Map<String, Value>, data: Option<&Value>) -> Value {
    let (min, max) = bounds(map);
    let fits = |n: f64| n >= min && n <= max;
    let whole = |v: &Value| v.as_i64().filter(|n| fits(*n as f64));
    if let Some(n) = data
        .and_then(whole)
        .or_else(|| map.get("example").and_then(whole))
    {
        return Value::from(n);
    }
    let chosen = if fits(0.0) {
        0.0
    } else if min.is_finite() {
        min.ceil()
    } else {
        max.floor()
    };
    Value::from(chosen as i64)
}

fn number(map: &Map<String, Value>, data: Option<&Value>) -> Value {
    let (min, max) = bounds(map);
    let fits = |n: f64| n >= min && n <= max;
    let fitting = |v: &&Value| v.as_f64().is_some_and(fits);
    if let Some(n) = data.into_iter().chain(map.get("example")).find(fitting) {
        return n.clone();
    }
    let chosen = if fits(0.0) {
        0.0
    } else if min.is_finite() {
        min
    } else {
        max
    };
    serde_json::Number::from_f64(chosen).map_or(Value::from(0), Value::Number)
}

/// The inclusive range a number must lie in (an exclusive bound nudged inward).
fn bounds(map: &Map<String, Value>) -> (f64, f64) {
    let mut min = map
        .get("minimum")
        .and_then(Value::as_f64)
        .unwrap_or(f64::NEG_INFINITY);
    let mut max = map
        .get("maximum")
        .and_then(Value::as_f64)
        .unwrap_or(f64::INFINITY);
    if map.get("exclusiveMinimum").and_then(Value::as_bool) == Some(true) {
        min += 1.0;
    }
    if map.get("exclusiveMaximum").and_then(Value::as_bool) == Some(true) {
        max -= 1.0;
    }
    (min, max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_fitting_example_is_kept_and_one_that_does_not_fit_is_replaced() {
        let s = json!({"type": "object", "properties": {
            "topic": {"type": "string", "example": "Weekly sync", "maxLength": 200},
            "kind": {"type": "integer", "enum": [1, 2, 3], "example": 8},
            "start": {"type": "string", "format": "date-time", "example": "soon"},
            "short": {"type": "string", "maxLength": 3, "example": "too long"},
            "size": {"type": "integer", "minimum": 10, "example": 2},
        }});
        assert_eq!(
            value(&s),
            json!({"topic": "Weekly sync", "kind": 1, "start": "2026-11-01T09:30:00Z",
                   "short": "str", "size": 10})
        );
    }

    #[test]
    fn all_of_merges_any_of_takes_the_first_real_branch_and_arrays_hold_one_item() {
        let s = json!({"allOf": [
            {"type": "object", "properties": {"id": {"type": "string", "example": "u1"}}},
            {"type": "object", "required": ["type"], "properties": {
                "tags": {"type": "array", "items": {"anyOf": [{"type": "null"}, {"type": "string", "example": "a"}]}},
            }},
        ]});
        assert_eq!(value(&s), json!({"id": "u1", "tags": ["a"], "type": ""}));
    }

    #[test]
    fn stored_data_fills_the_documented_shape_and_nothing_else() {
        let s = json!({"type": "object", "properties": {
            "id": {"type": "integer", "example": 1},
            "topic": {"type": "string", "example": "Example"},
            "type": {"type": "integer", "enum": [5, 6, 9], "example": 5},
            "settings": {"type": "object", "properties": {
                "audio": {"type": "string", "enum": ["voip", "both"], "example": "both"}}},
            "occurrences": {"type": "array", "items": {"type": "object", "properties": {
                "occurrence_id": {"type": "string", "example": "1"}}}},
        }});
        let stored = json!({"id": 93_000_000_001_i64, "topic": "All hands", "type": 7,
            "settings": {"audio": "voip"}, "occurrences": [], "internal": "kept out"});
        assert_eq!(
            fitted(&s, &stored),
            json!({"id": 93_000_000_001_i64, "topic": "All hands", "type": 5,
                   "settings": {"audio": "voip"}, "occurrences": []})
        );
    }

    #[test]
    fn no_schema_is_no_body() {
        assert_eq!(value(&Value::Null), Value::Null);
    }
}
