//! Architecture invariants, checked as tests (see ARCHITECTURE.md).

use std::fs;
use std::path::{Path, PathBuf};

const WEB_CRATES: &[&str] = &[
    "yew",
    "web_sys",
    "wasm_bindgen",
    "js_sys",
    "gloo",
    "serde_wasm_bindgen",
];
/// The core has no I/O, clock or randomness; these paths betray one.
const IMPURE: &[&str] = &[
    "std::fs",
    "std::net",
    "std::time",
    "std::env",
    "std::process",
    "SystemTime",
    "Instant::now",
    "rand::",
    "println!",
    "eprintln!",
];

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

fn offending_lines(needles: &[&str]) -> Vec<String> {
    let core = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core");
    let mut found = Vec::new();
    for file in rust_files(&core) {
        let text = fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for needle in needles {
                let hit = code.match_indices(needle).any(|(i, _)| {
                    // a whole identifier, not a suffix of a longer one
                    let before = code[..i].chars().next_back();
                    !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                });
                if hit {
                    found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    found
}

#[test]
fn core_knows_nothing_of_the_web() {
    let found = offending_lines(WEB_CRATES);
    assert!(
        found.is_empty(),
        "src/core must not use web crates; move this to src/ui or src/web:\n{}",
        found.join("\n")
    );
}

#[test]
fn core_does_no_io_and_reads_no_clock() {
    let found = offending_lines(IMPURE);
    assert!(
        found.is_empty(),
        "src/core must stay pure (no I/O, clock, randomness):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_wasm_bindgen_boundary_lives_in_one_module() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut with_attr: Vec<String> = rust_files(&src)
        .into_iter()
        .filter(|f| fs::read_to_string(f).unwrap().contains("#[wasm_bindgen"))
        .map(|f| f.strip_prefix(&src).unwrap().display().to_string())
        .collect();
    with_attr.sort();
    // src/web/: the questionnaire's boundary and the screening build's.
    let outside: Vec<&String> = with_attr
        .iter()
        .filter(|f| !f.starts_with("web/"))
        .collect();
    assert!(
        outside.is_empty(),
        "#[wasm_bindgen] outside src/web: {outside:?}"
    );
    assert!(
        with_attr.contains(&"web/assessor.rs".to_string())
            && with_attr.contains(&"web/screening.rs".to_string()),
        "{with_attr:?}"
    );
}

#[test]
fn the_scan_itself_catches_a_web_crate() {
    // Guards the guard: the matcher must see a use of a web crate.
    let line = "use web_sys::Element;";
    assert!(WEB_CRATES.iter().any(|c| line.contains(c)));
}

#[test]
fn core_output_never_depends_on_debug_formatting() {
    // The wasm builds drop Debug formatting (-Zfmt-debug=none): a `{:?}` in
    // the core would write "" in the browser and something else natively
    // (a list entry's fingerprint once did).
    let found = offending_lines(&[":?}", "{:#?"]);
    assert!(
        found.is_empty(),
        "src/core formats with Debug; write the text out:\n{}",
        found.join("\n")
    );
}
