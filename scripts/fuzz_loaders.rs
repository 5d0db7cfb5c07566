//! A seeded mutation fuzzer for the list and lead loaders (issue 12), run
//! by `scripts/fuzz.sh`. cargo-fuzz needs nightly; this needs nothing: a
//! xorshift PRNG mutates the test fixtures (and slices of the real UN list
//! when it is there) and calls each loader inside `catch_unwind`. A panic
//! is a crash: its input is saved to target/fuzz-findings/<target>-<n>.bin.
//! The same code runs a few hundred mutations from `tests/loaders.rs`.
//!
//!   cargo run --profile fuzz --example fuzz-loaders -- --execs 1000000
//!   options: --target eu-fsf|un|ofac|watchlist|leads|sheet  --seed N  --un FILE
//!
//! The `sheet` target is the triage lead file: `read_sheet` (CSV and
//! .xlsx), then the mapping guessed, checked and applied, then the export
//! lines. Its seeds are tests/fixtures/triage/ (leads.csv, leads-de.csv,
//! leads.xlsx); half of its inputs are .xlsx rebuilt from the seed
//! workbook's entries with one entry's XML mutated (stored, not deflated),
//! so that the mutations reach calamine's XML, not only the zip's CRC.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use std::sync::OnceLock;

use export_assessor::core::screening::leads::read_leads;
use export_assessor::core::screening::lists::{detect, load, ListFormat};
use export_assessor::core::triage::export::{lines, ExportHead};
use export_assessor::core::triage::mapping;
use export_assessor::core::triage::sheet::read_sheet_in;
use export_assessor::core::Destinations;

pub const TARGETS: [&str; 6] = ["eu-fsf", "un", "ofac", "watchlist", "leads", "sheet"];

/// xorshift64*: small, deterministic, good enough to pick mutations.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// A number in 0..n (0 when n is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
}

/// What a loader's input tends to contain where it breaks: entities (bad
/// and good), quotes, line ends, NUL, invalid UTF-8, markup, delimiters.
const TOKENS: &[&[u8]] = &[
    b"&bogus;",
    b"&#0;",
    b"&#x110000;",
    b"&#xD800;",
    b"&#-1;",
    b"&amp;",
    b"&lt;",
    b"&",
    b"&#",
    b"\"",
    b"'",
    b"\"\"",
    b"\r",
    b"\n",
    b"\r\n",
    b"\0",
    b"\xff",
    b"\xc3",
    b"\xe2\x80",
    b"\xef\xbb\xbf",
    b"\xe2\x80\x8b",
    b"<",
    b">",
    b"/>",
    b"</",
    b"<![CDATA[",
    b"]]>",
    b"<!--",
    b"-->",
    b"<?xml version=\"1.0\"?>",
    b"<!DOCTYPE x [<!ENTITY e \"v\">]>",
    b" wholeName=\"X\"",
    b" countryIso2Code=\"\xc3\x9f\"",
    b" logicalId=\"1\"",
    b"=",
    b",",
    b";",
    b"\t",
    b"|",
    b"-0- ",
    b"\x1a",
    b"name",
    b"a.k.a.",
    b"99999999999999999999999",
    b"<sanctionEntity logicalId=\"9\"><nameAlias wholeName=\"",
    b"<INDIVIDUAL><REFERENCE_NUMBER>Q</REFERENCE_NUMBER><FIRST_NAME>",
];

/// The inputs a target starts from, and the files all targets splice from.
pub struct Seeds {
    pub own: Vec<Vec<u8>>,
    pub donors: Vec<Vec<u8>>,
    /// The real UN list, when present (large: used now and then).
    pub un: Option<Vec<u8>>,
    /// Where its entries are (start, end), found once.
    pub un_spans: Vec<(usize, usize)>,
    /// The seed workbook's zip entries (name, content), for the `sheet`
    /// target's structure-aware .xlsx inputs.
    pub xlsx_parts: Vec<(String, Vec<u8>)>,
}

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/screening")
}

pub fn default_un_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/un-consolidated-2026-02-27.xml")
}

/// Reads the fixtures; `un` is the real UN list's path, if any (used by
/// the UN target).
pub fn seeds(target: &str, un: Option<&Path>) -> Seeds {
    if target == "sheet" {
        return sheet_seeds();
    }
    let mut all: Vec<(String, Vec<u8>)> = std::fs::read_dir(fixtures_dir())
        .map(|d| {
            d.flatten()
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().to_string();
                    std::fs::read(e.path()).ok().map(|b| (name, b))
                })
                .collect()
        })
        .unwrap_or_default();
    all.sort();
    let own_names: &[&str] = match target {
        "eu-fsf" => &["eu-mini.xml"],
        "un" => &["un-mini.xml"],
        "ofac" => &["sdn.csv", "alt.csv"],
        "watchlist" => &["watchlist.csv"],
        _ => &["leads-cr.csv", "leads-headerless.csv"],
    };
    let own = all
        .iter()
        .filter(|(n, _)| own_names.contains(&n.as_str()))
        .map(|(_, b)| b.clone())
        .collect();
    // The real list seeds the UN target only (the others splice from it
    // through un-mini.xml among the donors).
    let un = un
        .filter(|_| target == "un")
        .and_then(|p| std::fs::read(p).ok());
    let un_spans = un.as_deref().map(entry_spans).unwrap_or_default();
    Seeds {
        own,
        donors: all.into_iter().map(|(_, b)| b).collect(),
        un,
        un_spans,
        xlsx_parts: Vec::new(),
    }
}

/// The `sheet` target's seeds: the triage lead fixtures; the donors are
/// these and the screening fixtures (CSV and XML pieces).
fn sheet_seeds() -> Seeds {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/triage");
    let read = |n: &str| std::fs::read(dir.join(n)).ok();
    let own: Vec<Vec<u8>> = ["leads.csv", "leads-de.csv", "leads.xlsx"]
        .iter()
        .filter_map(|n| read(n))
        .collect();
    let mut donors = own.clone();
    donors.extend(seeds("leads", None).donors);
    let xlsx_parts = read("leads.xlsx").map(|b| unzip(&b)).unwrap_or_default();
    Seeds {
        own,
        donors,
        un: None,
        un_spans: Vec::new(),
        xlsx_parts,
    }
}

fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let Ok(mut z) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Vec::new();
    };
    let mut parts = Vec::new();
    for i in 0..z.len() {
        if let Ok(mut f) = z.by_index(i) {
            let mut data = Vec::new();
            let name = f.name().map(|n| n.to_string()).unwrap_or_default();
            if f.read_to_end(&mut data).is_ok() {
                parts.push((name, data));
            }
        }
    }
    parts
}

/// An .xlsx from the seed workbook's entries, one of them (mostly the
/// worksheet or the shared strings) mutated; now and then an entry dropped
/// or doubled. Stored, so that building it is cheap.
fn xlsx_input(rng: &mut Rng, seeds: &Seeds) -> Vec<u8> {
    use std::io::Write;
    let mut parts = seeds.xlsx_parts.clone();
    let pick = match rng.below(4) {
        0 | 1 => parts
            .iter()
            .position(|(n, _)| n.contains("worksheets/sheet1")),
        2 => parts.iter().position(|(n, _)| n.contains("sharedStrings")),
        _ => None,
    }
    .unwrap_or_else(|| rng.below(parts.len()));
    if let Some((_, data)) = parts.get_mut(pick) {
        for _ in 0..=rng.below(8) {
            mutate(rng, data, seeds);
        }
    }
    if rng.one_in(20) && !parts.is_empty() {
        let i = rng.below(parts.len());
        parts.remove(i);
    }
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default());
    for (name, data) in &parts {
        if w.start_file(name.as_str(), opts).is_err() || w.write_all(data).is_err() {
            return Vec::new();
        }
    }
    w.finish().map(|c| c.into_inner()).unwrap_or_default()
}

/// The byte ranges of the UN list's INDIVIDUAL and ENTITY elements.
fn entry_spans(un: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    for (open, close) in [
        (&b"<INDIVIDUAL>"[..], &b"</INDIVIDUAL>"[..]),
        (b"<ENTITY>", b"</ENTITY>"),
    ] {
        let mut at = 0;
        while let Some(start) = find(&un[at..], open).map(|i| at + i) {
            let Some(end) = find(&un[start..], close).map(|i| start + i + close.len()) else {
                break;
            };
            spans.push((start, end));
            at = end;
        }
    }
    spans.sort();
    spans
}

fn chunk<'a>(rng: &mut Rng, bytes: &'a [u8], max: usize) -> &'a [u8] {
    let len = rng.below(max.min(bytes.len()) + 1);
    let start = rng.below(bytes.len() - len + 1);
    &bytes[start..start + len]
}

/// One input: a seed (sometimes a slice of the real UN list), mutated one
/// to eight times; now and then grown to several MB.
pub fn input(rng: &mut Rng, seeds: &Seeds) -> Vec<u8> {
    if !seeds.xlsx_parts.is_empty() && rng.one_in(2) {
        return xlsx_input(rng, seeds);
    }
    let mut data = match (&seeds.un, rng.below(100)) {
        // The whole real list, rarely (it is 2 MB); a slice of it more often.
        (Some(un), 0) if rng.one_in(20) => un.clone(),
        (Some(un), 0..=9) if !seeds.un_spans.is_empty() => un_entries(rng, un, &seeds.un_spans),
        _ if !seeds.own.is_empty() => seeds.own[rng.below(seeds.own.len())].clone(),
        _ => Vec::new(),
    };
    for _ in 0..=rng.below(8) {
        mutate(rng, &mut data, seeds);
    }
    // A fraction of multi-MB inputs: long repeats of a chunk.
    if rng.one_in(4000) {
        let piece = chunk(rng, &data, 4096).to_vec();
        let piece = if piece.is_empty() {
            b"A".to_vec()
        } else {
            piece
        };
        let target = (1 + rng.below(8)) << 20;
        let at = rng.below(data.len() + 1);
        let mut grown = Vec::with_capacity(data.len() + target + piece.len());
        grown.extend_from_slice(&data[..at]);
        while grown.len() < at + target {
            grown.extend_from_slice(&piece);
        }
        grown.extend_from_slice(&data[at..]);
        data = grown;
    }
    data
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// One to three whole entries of the real UN list in a valid file, so
/// that mutations start from real structure (a random slice rarely parses).
fn un_entries(rng: &mut Rng, un: &[u8], spans: &[(usize, usize)]) -> Vec<u8> {
    let first = rng.below(spans.len());
    let last = (first + rng.below(3)).min(spans.len() - 1);
    let mut d = b"<CONSOLIDATED_LIST dateGenerated=\"x\"><LIST>".to_vec();
    for &(start, end) in &spans[first..=last] {
        d.extend_from_slice(&un[start..end]);
    }
    d.extend_from_slice(b"</LIST></CONSOLIDATED_LIST>");
    d
}

fn mutate(rng: &mut Rng, data: &mut Vec<u8>, seeds: &Seeds) {
    let at = rng.below(data.len() + 1);
    match rng.below(9) {
        0 if !data.is_empty() => {
            let i = rng.below(data.len());
            data[i] ^= 1 << rng.below(8);
        }
        1 => data.insert(at, rng.next_u64() as u8),
        2 if !data.is_empty() => {
            let len = rng.below((data.len() - at.min(data.len())).min(64) + 1);
            let end = (at + len).min(data.len());
            data.drain(at.min(end)..end);
        }
        3 if !seeds.donors.is_empty() => {
            let donor = &seeds.donors[rng.below(seeds.donors.len())];
            let piece = chunk(rng, donor, 512).to_vec();
            data.splice(at..at, piece);
        }
        4 => {
            let piece = chunk(rng, data, 256).to_vec();
            data.splice(at..at, piece);
        }
        5 => {
            // A short repeat: many attributes, fields, entities or lines.
            let piece = chunk(rng, data, 32).to_vec();
            let times = 1 + rng.below(200);
            let mut grown = Vec::with_capacity(piece.len() * times);
            for _ in 0..times {
                grown.extend_from_slice(&piece);
            }
            data.splice(at..at, grown);
        }
        6 if !data.is_empty() => {
            // Cut: a truncated file.
            data.truncate(at);
        }
        _ => {
            let token = TOKENS[rng.below(TOKENS.len())];
            data.splice(at..at, token.iter().copied());
        }
    }
}

/// Runs one loader on one input; `alt` is used by the OFAC target. True
/// when the input loaded (false: refused with an error).
pub fn run_one(target: &str, data: &[u8], alt: Option<&[u8]>) -> bool {
    let _ = detect(data);
    match target {
        "eu-fsf" => load(ListFormat::EuFsf, "fuzz.xml", data, None).is_ok(),
        "un" => load(ListFormat::Un, "fuzz.xml", data, None).is_ok(),
        "ofac" => load(ListFormat::Ofac, "sdn.csv", data, alt).is_ok(),
        "watchlist" => load(ListFormat::Csv, "fuzz.csv", data, None).is_ok(),
        "sheet" => run_sheet(data),
        _ => read_leads("fuzz.csv", data).is_ok(),
    }
}

/// The destination data, parsed once for the `sheet` target.
fn destinations() -> Option<&'static Destinations> {
    static D: OnceLock<Option<Destinations>> = OnceLock::new();
    D.get_or_init(|| Destinations::builtin().ok()).as_ref()
}

/// A lead file through sheet, mapping and export lines (products: any
/// cell of the form P<digit> is a catalogue id).
fn run_sheet(data: &[u8]) -> bool {
    let Some(d) = destinations() else {
        return false;
    };
    let Ok(sheet) = read_sheet_in("fuzz", data, d) else {
        return false;
    };
    let m = mapping::guess(&sheet);
    if mapping::check(&sheet, &m).is_err() {
        return true;
    }
    let find = |s: &str| {
        let s = s.trim();
        (s.len() <= 8 && s.starts_with(['P', 'p', 'N', 'L', 'R'])).then(|| s.to_uppercase())
    };
    let types = [("government".to_string(), vec!["government".to_string()])];
    let (_, bad) = mapping::apply_with(&sheet, &m, find, d, &types);
    let head = ExportHead {
        rule_set: "r",
        rule_set_version: "1",
        lists: &[],
        today: "2026-12-01",
    };
    let _ = lines(&[], &bad, &head);
    true
}

#[derive(Default, Debug)]
pub struct Stats {
    pub execs: u64,
    pub crashes: u64,
    /// Inputs that loaded (the rest were refused with an error).
    pub loaded: u64,
    pub max_input: usize,
    pub slowest: Duration,
    /// The size of the slowest input, with its alt.csv (a slow small input
    /// would be a superlinear path).
    pub slowest_input: usize,
    pub wall: Duration,
    pub findings: Vec<PathBuf>,
}

/// Fuzzes one target for `execs` executions. Crashing inputs are saved
/// under `findings` (when given).
pub fn fuzz(target: &str, execs: u64, seed: u64, seeds: &Seeds, findings: Option<&Path>) -> Stats {
    fuzz_with(target, execs, seed, seeds, findings, run_one)
}

/// `fuzz` with the code under test given (the smoke test checks that a
/// panic is counted).
pub fn fuzz_with(
    target: &str,
    execs: u64,
    seed: u64,
    seeds: &Seeds,
    findings: Option<&Path>,
    run: impl Fn(&str, &[u8], Option<&[u8]>) -> bool,
) -> Stats {
    let mut rng = Rng::new(
        seed ^ target
            .bytes()
            .fold(0u64, |h, b| h.rotate_left(5) ^ b as u64),
    );
    let alt_seeds = Seeds {
        own: seeds.own.clone(),
        donors: seeds.donors.clone(),
        un: None,
        un_spans: Vec::new(),
        xlsx_parts: Vec::new(),
    };
    let mut stats = Stats::default();
    let started = Instant::now();
    for _ in 0..execs {
        let data = input(&mut rng, seeds);
        // OFAC: every other run with a mutated alt.csv beside sdn.csv.
        let alt = (target == "ofac" && rng.one_in(2)).then(|| input(&mut rng, &alt_seeds));
        let t = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| run(target, &data, alt.as_deref())));
        let took = t.elapsed();
        if took > stats.slowest {
            stats.slowest = took;
            stats.slowest_input = data.len() + alt.as_ref().map_or(0, Vec::len);
            // Kept to replay (--replay): a slow input is a finding too.
            if let Some(dir) = findings.filter(|_| took.as_millis() >= 100) {
                let _ = std::fs::create_dir_all(dir);
                let _ = std::fs::write(dir.join(format!("{target}-slowest.bin")), &data);
                if let Some(alt) = &alt {
                    let _ = std::fs::write(dir.join(format!("{target}-slowest.alt.bin")), alt);
                }
            }
        }
        stats.execs += 1;
        stats.max_input = stats.max_input.max(data.len());
        stats.loaded += u64::from(matches!(result, Ok(true)));
        if result.is_err() {
            stats.crashes += 1;
            if let Some(dir) = findings {
                let _ = std::fs::create_dir_all(dir);
                let path = dir.join(format!("{target}-{}.bin", stats.crashes));
                let _ = std::fs::write(&path, &data);
                if let Some(alt) = &alt {
                    let _ = std::fs::write(path.with_extension("alt.bin"), alt);
                }
                stats.findings.push(path);
            }
        }
    }
    stats.wall = started.elapsed();
    stats
}

#[allow(dead_code)] // the smoke test in tests/loaders.rs includes this file
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let execs: u64 = arg("--execs")
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let seed: u64 = arg("--seed").and_then(|s| s.parse().ok()).unwrap_or(12);
    let targets: Vec<&str> = match arg("--target") {
        Some(t) => TARGETS.iter().copied().filter(|x| *x == t).collect(),
        None => TARGETS.to_vec(),
    };
    let un_path = arg("--un")
        .map(PathBuf::from)
        .unwrap_or_else(default_un_path);
    let un = un_path.exists().then_some(un_path.as_path());
    if un.is_none() {
        println!(
            "real UN list not found at {}: fuzzing from the fixtures only",
            un_path.display()
        );
    }
    let findings = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-findings");
    // A crash prints one line, not a backtrace per finding.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("crash: {info}");
    }));
    if let Some(file) = arg("--replay") {
        replay(
            targets.first().copied().unwrap_or("eu-fsf"),
            Path::new(&file),
        );
        return;
    }
    linear_attributes();
    println!("seed {seed}, {execs} executions per target");
    println!(
        "target      executions  crashes   loaded  max input (bytes)  slowest run (its input)  wall time"
    );
    let mut total = 0;
    for target in targets {
        let s = fuzz(target, execs, seed, &seeds(target, un), Some(&findings));
        total += s.crashes;
        println!(
            "{target:<10} {:>11} {:>8} {:>8} {:>18} {:>9.1?} ({:>7} KB) {:>10.1?}",
            s.execs,
            s.crashes,
            s.loaded,
            s.max_input,
            s.slowest,
            s.slowest_input >> 10,
            s.wall
        );
        for f in &s.findings {
            println!("  finding: {}", f.display());
        }
    }
    if total > 0 {
        std::process::exit(1);
    }
}

/// The 500,000-attribute element of issue 12, timed in this build.
fn linear_attributes() {
    let mut xml = String::from(
        "<export generationDate=\"x\"><sanctionEntity logicalId=\"1\"><nameAlias wholeName=\"A\"",
    );
    for i in 0..500_000 {
        xml.push_str(&format!(" a{i}=\"x\""));
    }
    xml.push_str("/></sanctionEntity></export>");
    let t = Instant::now();
    let ok = load(ListFormat::EuFsf, "attrs.xml", xml.as_bytes(), None).is_ok();
    println!(
        "one element with 500,000 attributes ({} MB): loaded={ok} in {:?}",
        xml.len() >> 20,
        t.elapsed()
    );
}

/// Times one saved input (and its alt.csv, for OFAC), and the same input
/// cut to a half and a quarter: a time that grows faster than the size is
/// a superlinear path.
fn replay(target: &str, file: &Path) {
    let Ok(data) = std::fs::read(file) else {
        println!("{}: cannot be read", file.display());
        return;
    };
    let alt = std::fs::read(file.with_extension("alt.bin")).ok();
    for div in [4, 2, 1] {
        let cut = &data[..data.len() / div];
        let alt_cut = alt.as_ref().map(|a| &a[..a.len() / div]);
        let t = Instant::now();
        let ok = run_one(target, cut, alt_cut);
        println!(
            "{target}: {} bytes (alt {} bytes): loaded={ok} in {:?}",
            cut.len(),
            alt_cut.map_or(0, <[u8]>::len),
            t.elapsed()
        );
    }
}
