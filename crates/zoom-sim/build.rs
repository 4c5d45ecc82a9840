//! Packs what the simulator needs of Zoom's API description (data/zoom-openapi/openapi/*.json,
//! 8 MB) into the binary, minified and deflated (~0.4 MB), as the scope catalog is: for each
//! operation its product, method, path, operationId, first success status and its body schema,
//! and the error rows Zoom documents for it. The simulator inflates it once, on first use.

use std::path::Path;

#[path = "src/documented/corrections.rs"]
#[allow(dead_code)]
mod corrections;

use serde_json::{json, Value};

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

fn main() -> Result<(), String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/zoom-openapi/openapi");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut operations = Vec::new();
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let doc: Value = serde_json::from_str(&text)
            .map_err(|e| format!("{} is not JSON: {e}", path.display()))?;
        let product = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .trim_end_matches(".master")
            .to_string();
        let Some(paths) = doc["paths"].as_object() else {
            return Err(format!("{} has no paths", path.display()));
        };
        for (template, item) in paths {
            for method in METHODS {
                let Some(op) = item.get(method) else { continue };
                operations.push(operation(&product, method, template, op));
            }
        }
    }
    let compact = serde_json::to_vec(&operations).map_err(|e| e.to_string())?;
    let packed = miniz_oxide::deflate::compress_to_vec(&compact, 9);
    let out = std::env::var("OUT_DIR").map_err(|e| format!("OUT_DIR: {e}"))?;
    let target = Path::new(&out).join("operations.json.deflate");
    std::fs::write(&target, packed).map_err(|e| format!("{}: {e}", target.display()))?;
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/documented/corrections.rs");
    Ok(())
}

/// `[product, method, path, operationId, success status, success schema, [[status, code, message]]]`.
fn operation(product: &str, method: &str, template: &str, op: &Value) -> Value {
    let responses = op["responses"].as_object();
    let documented = |range: std::ops::Range<u16>| {
        responses.and_then(|r| {
            r.keys()
                .filter_map(|k| k.parse::<u16>().ok())
                .filter(|s| range.contains(s))
                .min()
        })
    };
    // A download documents only its redirect (302) as success.
    let success = documented(200..300).or_else(|| documented(300..400));
    let schema = success
        .and_then(|s| responses.and_then(|r| r.get(&s.to_string())))
        .and_then(|r| r["content"].as_object())
        .and_then(|c| c.values().next())
        .map(|media| media["schema"].clone())
        .unwrap_or(Value::Null);
    let mut errors: Vec<Value> = op["x-zoom-errors"]
        .as_array()
        .map(|rows| {
            rows.iter()
                .map(|e| json!([e["status"], e["code"], e["message"]]))
                .collect()
        })
        .unwrap_or_default();
    // A documented 404 whose text names what is missing ("Not Found Division not found.") but
    // no code: the row takes the status as its code and that text as its message, so the
    // simulator can say "not found" as the reference words it.
    let has_404_row = errors.iter().any(|e| e[0] == 404);
    let not_found = responses
        .and_then(|r| r.get("404"))
        .and_then(|r| r["description"].as_str());
    if let (false, Some(text)) = (has_404_row, not_found) {
        let message = text.trim().trim_start_matches("Not Found").trim();
        let message = if message.is_empty() {
            "Not Found"
        } else {
            message
        };
        errors.push(json!([404, 404, message]));
    }
    json!([
        product,
        method.to_uppercase(),
        template,
        op["operationId"],
        success,
        strip(corrections::correct(schema)),
        errors
    ])
}

/// A schema without the keywords the simulator never reads (titles, read-only marks).
fn strip(schema: Value) -> Value {
    match schema {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(k, _)| !matches!(k.as_str(), "title" | "readOnly" | "deprecated"))
                .map(|(k, v)| (k, strip(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(strip).collect()),
        other => other,
    }
}
