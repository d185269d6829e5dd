//! `tripel completions` and `tripel man`: the scripts parse in their shell and know every
//! command, and `docs/man/` is what this version generates.

use std::path::Path;
use std::process::{Command, Output, Stdio};

fn tripel(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_tripel"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

const COMMANDS: [&str; 11] = [
    "build",
    "extract",
    "query",
    "export",
    "stats",
    "remove",
    "serve",
    "analyze",
    "push",
    "completions",
    "man",
];

#[test]
fn completion_scripts_parse_and_know_every_command() {
    let bash = String::from_utf8(tripel(&["completions", "bash"]).stdout).unwrap();
    for command in COMMANDS {
        assert!(bash.contains(command), "bash completion lacks {command}");
    }
    assert!(bash.contains("--via") && bash.contains("--store"));
    // The script is valid bash (parsed, not run).
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("tripel.bash");
    std::fs::write(&script, &bash).unwrap();
    let parsed = Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
        .unwrap();
    assert!(
        parsed.status.success(),
        "{}",
        String::from_utf8_lossy(&parsed.stderr)
    );
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let script = String::from_utf8(tripel(&["completions", shell]).stdout).unwrap();
        assert!(script.contains("push"), "{shell}");
    }
    let bad = Command::new(env!("CARGO_BIN_EXE_tripel"))
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn the_man_pages_in_docs_are_current() {
    let page = String::from_utf8(tripel(&["man"]).stdout).unwrap();
    assert!(page.starts_with(".ie \\n(.g .ds Aq") || page.contains(".TH tripel 1"));
    for command in COMMANDS {
        assert!(page.contains(&format!("tripel\\-{command}")), "{command}");
    }

    let dir = tempfile::tempdir().unwrap();
    tripel(&["man", "--dir", dir.path().to_str().unwrap()]);
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/man");
    let names = |d: &Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(d)
            .unwrap_or_else(|e| panic!("{}: {e}", d.display()))
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let generated = names(dir.path());
    assert_eq!(generated.len(), COMMANDS.len() + 1, "{generated:?}");
    let regenerate = "regenerate with `cargo run --release -- man --dir docs/man`";
    assert_eq!(names(&docs), generated, "{regenerate}");
    for name in &generated {
        let now = std::fs::read_to_string(dir.path().join(name)).unwrap();
        let kept = std::fs::read_to_string(docs.join(name)).unwrap();
        assert!(now == kept, "docs/man/{name} is out of date: {regenerate}");
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("tripel.1")).unwrap(),
        page
    );
}
