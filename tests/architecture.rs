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
    // Debug output is no stable format: a `{:?}` in what the core writes
    // (a list entry's fingerprint once held one) could change with the
    // compiler, and with it a fingerprint.
    let found = offending_lines(&[":?}", "{:#?"]);
    assert!(
        found.is_empty(),
        "src/core formats with Debug; write the text out:\n{}",
        found.join("\n")
    );
}

/// Ways of building markup from strings, which would take escaping away
/// from the framework (an injected attribute would be obeyed).
const MARKUP_FROM_STRINGS: &[&str] = &[
    // Spelt in two halves so that a search of the tree for the name finds
    // real uses only.
    concat!("from_html", "_unchecked"),
    "inner_html",
    "outer_html",
    "innerHTML",
    "outerHTML",
    "insertAdjacentHTML",
    "document.write",
];

/// The string literals of Rust source `text` (escapes kept as written;
/// comments, char literals and lifetimes skipped).
fn string_literals(text: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = text.chars().collect();
    let (mut out, mut i, mut line) = (Vec::new(), 0, 1);
    while i < chars.len() {
        match chars[i] {
            '\n' => line += 1,
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '\'' => {
                // A char literal ('"', '\'') or a lifetime ('a).
                let end = if chars.get(i + 1) == Some(&'\\') {
                    i + 3
                } else {
                    i + 2
                };
                if chars.get(end) == Some(&'\'') {
                    i = end;
                }
            }
            '"' => {
                let (start, mut lit) = (line, String::new());
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        lit.push(chars[i]);
                        i += 1;
                    }
                    if chars.get(i) == Some(&'\n') {
                        line += 1;
                    }
                    if let Some(c) = chars.get(i) {
                        lit.push(*c);
                    }
                    i += 1;
                }
                out.push((start, lit));
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Whether a string holds an HTML tag (`<x…>` or `</x>`).
fn has_tag(lit: &str) -> bool {
    lit.match_indices('<').any(|(i, _)| {
        let next = lit[i + 1..].chars().next();
        next.is_some_and(|c| c.is_ascii_alphabetic() || c == '/') && lit[i..].contains('>')
    })
}

/// Lines under `dir` (files ending in `ext`) that build markup from strings.
fn markup_from_strings(dir: &Path, ext: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() && !p.ends_with("pkg") {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == ext) {
                files.push(p);
            }
        }
    }
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if MARKUP_FROM_STRINGS.iter().any(|m| code.contains(m)) {
                found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
        if ext == "rs" {
            for (n, lit) in string_literals(&text)
                .into_iter()
                .filter(|(_, l)| has_tag(l))
            {
                found.push(format!("{}:{n}: a tag in \"{lit}\"", file.display()));
            }
        }
    }
    found
}

#[test]
fn every_view_is_built_by_yew_never_from_strings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = markup_from_strings(&root.join("src"), "rs");
    found.extend(markup_from_strings(&root.join("www"), "js"));
    assert!(
        found.is_empty(),
        "markup built from strings; write it with html! (Yew escapes text) or textContent:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_markup_scan_itself_catches_string_built_markup() {
    let tagged = |src: &str| {
        string_literals(src)
            .into_iter()
            .filter(|(_, l)| has_tag(l))
            .count()
    };
    assert_eq!(
        tagged(r#"m.raw("<li data-action=\"go\">")"#),
        1,
        "a tag in a literal"
    );
    assert_eq!(tagged("let t = \"</strong>\";"), 1);
    assert_eq!(tagged("let q = '\"'; x(\"<b>\")"), 1, "past a char literal");
    assert_eq!(
        tagged(r#"format!("{a} < {b}") // "<b>""#),
        0,
        "comments and comparisons"
    );
    assert_eq!(
        tagged("fn f<'a>(x: &'a str) -> Vec<u8> { g(\"a\") }"),
        0,
        "generics, lifetimes"
    );
    assert!(MARKUP_FROM_STRINGS
        .iter()
        .any(|m| concat!("Html::from_html", "_unchecked(s)").contains(m)));
}

#[test]
fn no_component_runs_past_a_hundred_lines() {
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let mut long = Vec::new();
    for file in rust_files(&ui) {
        let text = fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, l) in lines.iter().enumerate() {
            if l.trim() != "#[component]" {
                continue;
            }
            // From the signature to the closing brace at the same indent.
            let indent = lines[i + 1].len() - lines[i + 1].trim_start().len();
            let close = format!("{}}}", " ".repeat(indent));
            let len = lines[i + 1..]
                .iter()
                .position(|x| *x == close)
                .map_or(usize::MAX, |n| n + 1);
            if len > 100 {
                long.push(format!("{}:{}: {} lines", file.display(), i + 2, len));
            }
        }
    }
    assert!(
        long.is_empty(),
        "split these components:\n{}",
        long.join("\n")
    );
}
