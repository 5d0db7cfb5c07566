//! Hostile content (issue 15): every case of `tests/hostile/cases.json` through
//! every file input of the CLI and the core parsers the CLI does not reach
//! (archive import, saved work, drafts, screening request and response, the
//! data bundle). Each is refused with a clear error (exit 2, a short message
//! that does not echo the payload at length) or accepted inert (exit 0 or 1,
//! JSON output that parses, CSV cells that are no formula), never a panic;
//! each run under a time limit (2 s optimised, 20 s unoptimised, as
//! tests/loaders.rs; CPU time where /usr/bin/time is present, else wall
//! time) and, where /usr/bin/time is present, a peak RSS limit (1 GiB).
//! `cargo test --test hostile -- --nocapture` prints the worst time and
//! memory per input (the figures in RELIABILITY.md, "Hostile content").

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;

const LIMIT: Duration = if cfg!(debug_assertions) {
    Duration::from_secs(20)
} else {
    Duration::from_secs(2)
};
/// Peak resident memory of one CLI run.
const RSS_LIMIT_KB: u64 = 1024 * 1024;
/// A refusal names the problem; it does not print a hostile input back.
const MAX_ERROR_BYTES: usize = 4096;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A case: its id and, for a string case, the text; for a file case, the bytes.
struct Case {
    id: String,
    bytes: Vec<u8>,
}

fn materialise(c: &Value) -> Vec<u8> {
    let s = |k: &str| c[k].as_str().unwrap_or("").to_string();
    if let Some(t) = c["text"].as_str() {
        return t.as_bytes().to_vec();
    }
    if let Some(h) = c["hex"].as_str() {
        let h: String = h.chars().filter(|c| !c.is_whitespace()).collect();
        return (0..h.len() / 2)
            .map(|i| u8::from_str_radix(&h[2 * i..2 * i + 2], 16).unwrap())
            .collect();
    }
    if let Some(n) = c["times"].as_u64() {
        return s("repeat").repeat(n as usize).into_bytes();
    }
    let d = c["depth"]
        .as_u64()
        .expect("a case has text, hex, repeat or depth") as usize;
    format!(
        "{}{}{}",
        s("open").repeat(d),
        s("inner"),
        s("close").repeat(d)
    )
    .into_bytes()
}

fn corpus() -> (Vec<(String, String)>, Vec<Case>) {
    let v: Value =
        serde_json::from_slice(&std::fs::read(root().join("tests/hostile/cases.json")).unwrap())
            .unwrap();
    let strings = v["strings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let text = String::from_utf8(materialise(c)).unwrap();
            (c["id"].as_str().unwrap().to_string(), text)
        })
        .collect();
    let files = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| Case {
            id: c["id"].as_str().unwrap().to_string(),
            bytes: materialise(c),
        })
        .collect();
    (strings, files)
}

fn dir(input: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "export-assessor-hostile-{}-{input}",
        std::process::id()
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.to_str().unwrap().to_string()
}

fn fixture(path: &str) -> String {
    root().join(path).to_str().unwrap().to_string()
}

fn scenario_json() -> Value {
    serde_json::from_slice(
        &std::fs::read(root().join("tests/scenarios/001-proceed-cs-item-no-red-flags.json"))
            .unwrap(),
    )
    .unwrap()
}

fn csv_field(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// What one run gave.
struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
    time: Duration,
    rss_kb: Option<u64>,
}

fn cli(args: &[String], scratch: &Path) -> Run {
    let bin = env!("CARGO_BIN_EXE_export-assessor");
    let time_file = scratch.join("rss.txt");
    let measured = Path::new("/usr/bin/time").exists();
    let mut cmd = if measured {
        let mut c = Command::new("/usr/bin/time");
        c.args(["-f", "%M %U %S", "-o", time_file.to_str().unwrap(), bin]);
        c
    } else {
        Command::new(bin)
    };
    let start = Instant::now();
    let out = cmd.args(args).env("RUST_BACKTRACE", "1").output().unwrap();
    let time = start.elapsed();
    // Peak RSS, and the CPU time (user + system): the limit holds for the
    // work done, not for the time other processes on a shared machine took.
    let measures: Vec<f64> = measured
        .then(|| std::fs::read_to_string(&time_file).ok())
        .flatten()
        .and_then(|t| t.lines().last().map(str::to_string))
        .map(|l| {
            l.split_whitespace()
                .filter_map(|w| w.parse().ok())
                .collect()
        })
        .unwrap_or_default();
    let (rss_kb, time) = match measures[..] {
        [kb, user, sys] => (Some(kb as u64), Duration::from_secs_f64(user + sys)),
        _ => (None, time),
    };
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        time,
        rss_kb,
    }
}

/// The worst figures of one input.
#[derive(Default)]
struct Tally {
    runs: usize,
    refused: usize,
    worst_time: Duration,
    worst_case: String,
    worst_rss_kb: u64,
    worst_rss_case: String,
}

impl Tally {
    fn print(&self, input: &str) {
        println!(
            "hostile {input}: {} runs, {} refused, worst {:.2} s CPU ({}), peak RSS {} MB ({})",
            self.runs,
            self.refused,
            self.worst_time.as_secs_f64(),
            self.worst_case,
            self.worst_rss_kb / 1024,
            self.worst_rss_case
        );
    }
}

/// Checks one run against the rules above; `json`: stdout is JSON when it succeeds.
fn check(input: &str, case: &str, run: &Run, json: bool, tally: &mut Tally) {
    let what = format!("{input} × {case}");
    assert!(
        matches!(run.code, 0..=2),
        "{what}: exit {} (a crash?): {}",
        run.code,
        &run.stderr[..run.stderr.len().min(2000)]
    );
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
        "{what}: the CLI panicked: {}",
        &run.stderr[..run.stderr.len().min(2000)]
    );
    assert!(
        run.time <= LIMIT,
        "{what}: took {:?} (limit {LIMIT:?})",
        run.time
    );
    if let Some(kb) = run.rss_kb {
        assert!(
            kb <= RSS_LIMIT_KB,
            "{what}: peak RSS {kb} kB (limit {RSS_LIMIT_KB} kB)"
        );
        if kb > tally.worst_rss_kb {
            tally.worst_rss_kb = kb;
            tally.worst_rss_case = case.to_string();
        }
    }
    if run.code == 2 {
        tally.refused += 1;
        assert!(
            !run.stderr.trim().is_empty(),
            "{what}: refused without a message"
        );
        assert!(
            run.stderr.len() <= MAX_ERROR_BYTES,
            "{what}: the error is {} bytes long (it echoes the input?): {}…",
            run.stderr.len(),
            &run.stderr[..300.min(run.stderr.len())]
        );
    } else if json && run.code == 0 {
        serde_json::from_slice::<Value>(&run.stdout)
            .unwrap_or_else(|e| panic!("{what}: the output is not JSON: {e}"));
    } else if run.code == 0 {
        // CSV on stdout: no cell starts a formula.
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(&run.stdout[..]);
        for rec in reader.records() {
            let rec = rec.unwrap_or_else(|e| panic!("{what}: the CSV output does not parse: {e}"));
            for cell in rec.iter() {
                assert!(
                    !cell.starts_with(['=', '+', '@']),
                    "{what}: a cell of the output is a formula: {}",
                    &cell[..cell.len().min(80)]
                );
            }
        }
    }
    tally.runs += 1;
    if run.time > tally.worst_time {
        tally.worst_time = run.time;
        tally.worst_case = case.to_string();
    }
}

/// An input of the CLI: how a string payload goes into a valid file, and the
/// command that reads the file.
struct Input {
    name: &'static str,
    json: bool,
    /// A valid file with `payload` in its text fields.
    embed: fn(&str) -> Vec<u8>,
    file_name: &'static str,
    /// The command for the file at the path.
    args: fn(&str) -> Vec<String>,
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn answers_with(payload: &str) -> Vec<u8> {
    let mut doc = scenario_json();
    for q in ["end_user_name", "item_name", "item_description"] {
        doc["answers"][q] = Value::String(payload.to_string());
    }
    doc.to_string().into_bytes()
}

fn inputs() -> Vec<Input> {
    vec![
        Input {
            name: "answers (evaluate)",
            json: true,
            embed: answers_with,
            file_name: "answers.json",
            args: |p| strings(&["evaluate", "--format", "json", p]),
        },
        Input {
            name: "answers (report)",
            json: true,
            embed: answers_with,
            file_name: "answers.json",
            args: |p| strings(&["report", "--created", "2026-12-03T10:00:00Z", p]),
        },
        Input {
            name: "answers (notification)",
            json: false,
            embed: answers_with,
            file_name: "answers.json",
            args: |p| strings(&["notification", "--created", "2026-12-03T10:00:00Z", p]),
        },
        Input {
            name: "extension",
            json: true,
            embed: |payload| {
                let mut ext: Value = serde_json::from_slice(
                    &std::fs::read(root().join("www/examples/rules/acme-extension.json")).unwrap(),
                )
                .unwrap();
                ext["sections"][0]["title"]["en"] = Value::String(payload.to_string());
                ext["questions"][0]["text"]["en"] = Value::String(payload.to_string());
                ext["questions"][0]["citation"] = Value::String(payload.to_string());
                ext.to_string().into_bytes()
            },
            file_name: "ext.json",
            args: |p| strings(&["questions", "--format", "json", "--rules", p]),
        },
        Input {
            name: "destinations",
            json: true,
            embed: |payload| {
                let mut d: Value = serde_json::from_slice(
                    &std::fs::read(root().join("src/core/data/destinations.json")).unwrap(),
                )
                .unwrap();
                d["title"] = Value::String(payload.to_string());
                d["notice"] = Value::String(payload.to_string());
                d.to_string().into_bytes()
            },
            file_name: "destinations.json",
            args: |p| {
                let a = fixture("tests/scenarios/001-proceed-cs-item-no-red-flags.json");
                strings(&["evaluate", "--format", "json", "--destinations", p, &a])
            },
        },
        Input {
            name: "catalogue (triage)",
            json: false,
            embed: |payload| {
                let mut c: Value = serde_json::from_slice(
                    &std::fs::read(root().join("tests/fixtures/triage-page/catalogue-2.json"))
                        .unwrap(),
                )
                .unwrap();
                c["products"][0]["name"] = Value::String(payload.to_string());
                c["products"][0]["answers"]["item_description"] =
                    Value::String(payload.to_string());
                c.to_string().into_bytes()
            },
            file_name: "catalogue.json",
            args: |p| {
                let leads = fixture("tests/fixtures/triage/leads.csv");
                strings(&["triage", "--catalogue", p, "--member-state", "DE", &leads])
            },
        },
        Input {
            name: "register (screen)",
            json: false,
            embed: |payload| {
                serde_json::json!({"version": 1, "entries": [{
                    "name": payload, "list_key": "ofac", "entry_id": "10001",
                    "entry_fingerprint": "0".repeat(64), "reason": payload,
                    "decided_by": payload, "decided_on": "2026-03-01", "expires_on": "2027-03-01"}]})
                .to_string()
                .into_bytes()
            },
            file_name: "register.json",
            args: |p| {
                let sdn = fixture("tests/fixtures/screening/sdn.csv");
                let leads = fixture("tests/fixtures/screening/leads-cr.csv");
                strings(&[
                    "screen",
                    "--list",
                    &sdn,
                    "--register",
                    p,
                    "--today",
                    "2026-12-03",
                    &leads,
                ])
            },
        },
        Input {
            name: "list (own CSV)",
            json: false,
            embed: |payload| {
                format!(
                    "name,aliases,country,note\n{},{},DE,{}\nNordlicht Logistik GmbH,,DE,x\n",
                    csv_field(payload),
                    csv_field(payload),
                    csv_field(payload)
                )
                .into_bytes()
            },
            file_name: "watchlist.csv",
            args: |p| {
                let leads = fixture("tests/fixtures/screening/leads-cr.csv");
                strings(&["screen", "--list", p, "--today", "2026-12-03", &leads])
            },
        },
        Input {
            name: "list (detected format)",
            json: false,
            embed: |payload| {
                let xml =
                    std::fs::read_to_string(root().join("tests/fixtures/screening/un-mini.xml"))
                        .unwrap();
                let esc = payload
                    .replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;");
                // A name inside the list (the first FIRST_NAME element).
                xml.replacen("<FIRST_NAME>", &format!("<FIRST_NAME>{esc} "), 1)
                    .into_bytes()
            },
            file_name: "list.xml",
            args: |p| {
                let leads = fixture("tests/fixtures/screening/leads-cr.csv");
                strings(&["screen", "--list", p, "--today", "2026-12-03", &leads])
            },
        },
        Input {
            name: "leads CSV (screen)",
            json: false,
            embed: |payload| {
                format!(
                    "id,name,country\nL1,{},DE\nL2,Nordlicht Logistik GmbH,DE\n",
                    csv_field(payload)
                )
                .into_bytes()
            },
            file_name: "leads.csv",
            args: |p| {
                let wl = fixture("tests/fixtures/screening/watchlist.csv");
                strings(&["screen", "--list", &wl, "--today", "2026-12-03", p])
            },
        },
        Input {
            name: "leads CSV (triage)",
            json: false,
            embed: |payload| {
                format!("Company,Country,Products,End-user type,Consignee,Note\n{},US,NX-500,private_company,{},{}\n", csv_field(payload), csv_field(payload), csv_field(payload)).into_bytes()
            },
            file_name: "leads.csv",
            args: |p| {
                let cat = fixture("tests/fixtures/triage-page/catalogue-2.json");
                strings(&["triage", "--catalogue", &cat, "--member-state", "DE", p])
            },
        },
        Input {
            name: "leads .xlsx (triage)",
            json: false,
            embed: |payload| {
                let mut book = rust_xlsxwriter::Workbook::new();
                let sheet = book.add_worksheet();
                let header = [
                    "Company",
                    "Country",
                    "Products",
                    "End-user type",
                    "Consignee",
                    "Note",
                ];
                for (i, h) in header.iter().enumerate() {
                    sheet.write_string(0, i as u16, *h).unwrap();
                }
                // Excel holds at most 32,767 characters in a cell.
                let cell: String = payload
                    .chars()
                    .filter(|c| *c != '\0')
                    .take(32_767)
                    .collect();
                for (i, v) in [
                    cell.as_str(),
                    "US",
                    "NX-500",
                    "private_company",
                    cell.as_str(),
                    cell.as_str(),
                ]
                .iter()
                .enumerate()
                {
                    sheet.write_string(1, i as u16, *v).unwrap();
                }
                book.save_to_buffer().unwrap()
            },
            file_name: "leads.xlsx",
            args: |p| {
                let cat = fixture("tests/fixtures/triage-page/catalogue-2.json");
                strings(&["triage", "--catalogue", &cat, "--member-state", "DE", p])
            },
        },
    ]
}

/// Every string case in the input's file, then every file case as the file.
fn run_input(index: usize) {
    let input = &inputs()[index];
    let (strings, files) = corpus();
    let scratch = dir(&index.to_string());
    let mut tally = Tally::default();
    for (id, text) in &strings {
        let path = write(&scratch, input.file_name, &(input.embed)(text));
        let run = cli(&(input.args)(&path), &scratch);
        check(input.name, id, &run, input.json, &mut tally);
        // A sealed report with the payload in it verifies (inert data).
        if input.name == "answers (report)" && run.code == 0 {
            let report = write(&scratch, "report.json", &run.stdout);
            let v = cli(&strings_of(&["verify", &report]), &scratch);
            assert_eq!(v.code, 0, "verify × {id}: {}", v.stderr);
            check("report (verify)", id, &v, false, &mut tally);
        }
    }
    for case in &files {
        let path = write(&scratch, input.file_name, &case.bytes);
        let run = cli(&(input.args)(&path), &scratch);
        check(input.name, &case.id, &run, input.json, &mut tally);
        if input.name == "answers (report)" {
            let v = cli(&strings_of(&["verify", &path]), &scratch);
            assert_eq!(
                v.code, 2,
                "verify × {}: a hostile file is no report",
                case.id
            );
            check("report (verify)", &case.id, &v, false, &mut tally);
        }
    }
    tally.print(input.name);
    let _ = std::fs::remove_dir_all(&scratch);
}

fn strings_of(v: &[&str]) -> Vec<String> {
    strings(v)
}

#[test]
fn answers_evaluate() {
    run_input(0);
}
#[test]
fn answers_report_and_verify() {
    run_input(1);
}
#[test]
fn answers_notification() {
    run_input(2);
}
#[test]
fn extension() {
    run_input(3);
}
#[test]
fn destinations() {
    run_input(4);
}
#[test]
fn catalogue() {
    run_input(5);
}
#[test]
fn register() {
    run_input(6);
}
#[test]
fn list_own_csv() {
    run_input(7);
}
#[test]
fn list_detected_format() {
    run_input(8);
}
#[test]
fn leads_csv_screen() {
    run_input(9);
}
#[test]
fn leads_csv_triage() {
    run_input(10);
}
#[test]
fn leads_xlsx_triage() {
    run_input(11);
}

#[test]
fn every_input_has_its_test() {
    assert_eq!(inputs().len(), 12, "a new input needs its #[test] above");
}

/// A core parser applied to one file: Ok, or its error as text.
type Parser<'a> = Box<dyn Fn() -> Result<(), String> + 'a>;

/// The parsers the CLI does not reach: archive import, saved work, a
/// draft, the screening request and response, the data bundle.
#[test]
fn core_parsers_refuse_or_keep_hostile_content_inert() {
    use export_assessor::core::bundle;
    use export_assessor::core::screening::record::{Request, Response};
    use export_assessor::core::session::{Archive, Draft, SavedWork};
    use export_assessor::core::{Destinations, RuleSet};
    let rules = RuleSet::eu_default().unwrap();
    let destinations = Destinations::builtin().unwrap();
    let (strings, files) = corpus();
    let timed = |what: &str, case: &str, f: &mut dyn FnMut() -> bool| {
        let start = Instant::now();
        let accepted = f();
        let t = start.elapsed();
        assert!(t <= LIMIT, "{what} × {case}: took {t:?} (limit {LIMIT:?})");
        (accepted, t)
    };
    let mut worst = Duration::ZERO;
    let mut runs = 0;
    // String cases inside a valid archive: imported as plain data.
    for (id, text) in &strings {
        let mut draft: Value = serde_json::from_str(
            &Draft::new("hostile-1", "2026-12-03T10:00:00Z", "item").to_json(),
        )
        .unwrap();
        draft["title"] = Value::String(text.clone());
        draft["answers"]["end_user_name"] = Value::String(text.clone());
        let file = serde_json::json!({"format": "export-assessor-archive", "version": 1, "assessments": [draft]});
        let bytes = file.to_string().into_bytes();
        let (_, t) = timed(
            "archive import",
            id,
            &mut || match Archive::default().plan_import(&bytes, rules, &destinations) {
                Ok(_) => true,
                Err(e) => {
                    let e = e.to_string();
                    assert!(
                        e.len() <= MAX_ERROR_BYTES,
                        "archive import × {id}: the error is {} bytes long: {}…",
                        e.len(),
                        e.chars().take(300).collect::<String>()
                    );
                    false
                }
            },
        );
        worst = worst.max(t);
        runs += 1;
        let (_, t) = timed("draft", id, &mut || {
            Draft::parse(&draft.to_string()).is_ok()
        });
        worst = worst.max(t);
        runs += 1;
    }
    // File cases as each file.
    for case in &files {
        let text = String::from_utf8_lossy(&case.bytes).into_owned();
        let parsers: Vec<(&str, Parser)> = vec![
            (
                "archive import",
                Box::new(|| {
                    Archive::default()
                        .plan_import(&case.bytes, rules, &destinations)
                        .map(|_| ())
                        .map_err(|e| e.to_string())
                }),
            ),
            (
                "saved work",
                Box::new(|| {
                    SavedWork::parse(&text)
                        .map(|_| ())
                        .map_err(|e| e.to_string())
                }),
            ),
            (
                "draft",
                Box::new(|| Draft::parse(&text).map(|_| ()).map_err(|e| e.to_string())),
            ),
            (
                "screening request",
                Box::new(|| Request::parse(&text).map(|_| ()).map_err(|e| e.to_string())),
            ),
            (
                "screening response",
                Box::new(|| {
                    Response::parse(&text)
                        .map(|_| ())
                        .map_err(|e| e.to_string())
                }),
            ),
            (
                "data bundle",
                Box::new(|| {
                    bundle::decode(&case.bytes)
                        .map(|_| ())
                        .map_err(|e| e.to_string())
                }),
            ),
        ];
        for (what, parse) in parsers {
            let (_, t) = timed(what, &case.id, &mut || match parse() {
                Ok(()) => panic!("{what} × {}: a hostile file was accepted", case.id),
                Err(e) => {
                    assert!(
                        !e.is_empty() && e.len() <= MAX_ERROR_BYTES,
                        "{what} × {}: {} bytes of error",
                        case.id,
                        e.len()
                    );
                    false
                }
            });
            worst = worst.max(t);
            runs += 1;
        }
    }
    println!(
        "hostile core parsers: {runs} runs, worst {:.2} s",
        worst.as_secs_f64()
    );
}
