//! Packs the catalog's data (data/zoom-scopes/*.json, 2.1 MB pretty-printed) into the binary as
//! minified, deflated bytes (~0.2 MB): the app and the CLI each carried the whole text. The
//! crate inflates and parses it once, on first use.

use std::path::Path;

const FILES: [&str; 3] = ["operations.json", "scopes.json", "privileges.json"];

fn main() -> Result<(), String> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/zoom-scopes");
    let out = std::env::var("OUT_DIR").map_err(|e| format!("OUT_DIR: {e}"))?;
    for file in FILES {
        let path = data.join(file);
        println!("cargo:rerun-if-changed={}", path.display());
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let value: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| format!("{} is not JSON: {e}", path.display()))?;
        let compact = serde_json::to_vec(&value).map_err(|e| e.to_string())?;
        let packed = miniz_oxide::deflate::compress_to_vec(&compact, 9);
        let target = Path::new(&out).join(format!("{file}.deflate"));
        std::fs::write(&target, packed).map_err(|e| format!("{}: {e}", target.display()))?;
    }
    println!("cargo:rerun-if-changed=build.rs");
    Ok(())
}
