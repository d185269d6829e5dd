//! Prints the JSONL extraction of text files or of a JSONL corpus (`--jsonl FILE`), without
//! the CLI: a development aid for scoring extraction changes quickly.
use tripel_extract::Document;
use tripel_extract::{ExtractConfig, Extractor};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let ex = Extractor::new(ExtractConfig::default()).expect("lexicon");
    let mut docs = Vec::new();
    if args.first().map(String::as_str) == Some("--jsonl") {
        for line in std::fs::read_to_string(&args[1]).expect("read").lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("json");
            docs.push(Document {
                id: v["id"].as_str().unwrap().into(),
                text: v["text"].as_str().unwrap().into(),
            });
        }
    } else {
        for p in &args {
            let name = std::path::Path::new(p)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            docs.push(Document {
                id: name,
                text: std::fs::read_to_string(p).expect("read"),
            });
        }
    }
    let out = std::io::stdout();
    let mut out = out.lock();
    let iris = tripel_graph::Iris::default();
    for x in ex.extract_batch(&docs) {
        tripel_graph::jsonl::write_extraction(&iris, &x, &mut out).expect("write");
    }
}
