//! Writes Zoom's OpenAPI documents with their response schemas corrected where they admit no
//! value (src/documented/corrections.rs, the one rule the simulator and its contract test use),
//! for the schemathesis step of the test command (scripts/clients.sh):
//!
//! `cargo run -p zoom-sim --example openapi_corrected -- OUT_DIR PRODUCT…`

#[path = "../src/documented/corrections.rs"]
#[allow(dead_code)]
mod corrections;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::Value;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next().map(PathBuf::from) else {
        eprintln!(
            "usage: openapi_corrected OUT_DIR PRODUCT…  (products as in data/zoom-openapi/openapi)"
        );
        return ExitCode::from(2);
    };
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/zoom-openapi/openapi");
    for product in args {
        if let Err(e) = write_corrected(&source, &out, &product) {
            eprintln!("openapi_corrected: {product}: {e}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

fn write_corrected(source: &Path, out: &Path, product: &str) -> Result<(), String> {
    let file = source.join(format!("{product}.json"));
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let mut doc: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    for item in doc["paths"]
        .as_object_mut()
        .into_iter()
        .flat_map(|p| p.values_mut())
    {
        for operation in item
            .as_object_mut()
            .into_iter()
            .flat_map(|i| i.values_mut())
        {
            // `get_mut`, not indexing: indexing a missing key would add it as `null`.
            let responses = operation
                .get_mut("responses")
                .and_then(Value::as_object_mut);
            for response in responses.into_iter().flat_map(|r| r.values_mut()) {
                let content = response.get_mut("content").and_then(Value::as_object_mut);
                for media in content.into_iter().flat_map(|c| c.values_mut()) {
                    if let Some(schema) = media.get_mut("schema") {
                        *schema = corrections::correct(schema.take());
                    }
                }
            }
        }
    }
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let target = out.join(format!("{product}.json"));
    let text = serde_json::to_string(&doc).map_err(|e| e.to_string())?;
    std::fs::write(&target, text).map_err(|e| format!("{}: {e}", target.display()))
}
