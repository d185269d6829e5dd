//! The model manifest describes the committed model files (sizes and SHA-256).

use sha2::{Digest, Sha256};
use std::path::Path;

#[test]
fn manifest_matches_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/models");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    let models = manifest["models"].as_array().unwrap();
    assert!(models.len() >= 2);
    let mut total = 0;
    for m in models {
        let file = m["file"].as_str().unwrap();
        let bytes = std::fs::read(dir.join(file)).unwrap();
        assert_eq!(m["size"].as_u64().unwrap(), bytes.len() as u64, "{file}");
        let sha: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(m["sha256"].as_str().unwrap(), sha, "{file}");
        // taggers: share-alike (UD); the name model: CC BY 4.0 (GermEval, SmartData)
        assert!(m["licence"].as_str().unwrap().starts_with("CC BY"));
        assert!(!m["sources"].as_array().unwrap().is_empty());
        total += bytes.len();
    }
    assert!(total < 60_000_000);
}
