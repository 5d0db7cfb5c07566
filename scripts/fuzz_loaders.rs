//! A seeded mutation fuzzer for the list and lead loaders (issue 12), run
//! by `scripts/fuzz.sh`. cargo-fuzz needs nightly; this needs nothing: a
//! xorshift PRNG mutates the test fixtures (and slices of the real UN list
//! when it is there) and calls each loader inside `catch_unwind`. A panic
//! is a crash: its input is saved to target/fuzz-findings/<target>-<n>.bin.
//! The same code runs a few hundred mutations from `tests/loaders.rs`.
//!
//!   cargo run --profile fuzz --example fuzz-loaders -- --execs 1000000
//!   options: --target T (one of TARGETS)  --seed N  --un FILE  --replay FILE
//!
//! The data targets (issue 15: `DATA_TARGETS`) are the other files the
//! app, the element and the CLI read: a company rule-set extension,
//! destination data, the CLI's answers file, a saved draft and the saved
//! work, an archive exchange file (import), a sealed report (verify), the
//! data bundle (decode, and compose onto one that loads), the product
//! catalogue and the decisions register (each with its import), and a
//! screening response recorded in a draft (`screening`). Their seeds
//! are the repository's files of that kind and what the app writes from
//! tests/scenarios/; half of their inputs are byte mutations (with
//! `JSON_TOKENS`), half a seed's JSON with values changed, so that inputs
//! reach the checks after the JSON reader. What loads goes on as in the
//! app (a draft is evaluated and reported, an import planned and applied).
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

use export_assessor::core::answers::load_answers;
use export_assessor::core::bundle;
use export_assessor::core::evaluate::evaluate;
use export_assessor::core::report::{self, Report};
use export_assessor::core::screening::leads::read_leads;
use export_assessor::core::screening::lists::{detect, load, ListFormat};
use export_assessor::core::screening::record::Response;
use export_assessor::core::screening::register::Register;
use export_assessor::core::session::{Archive, ConflictChoice, Draft, SavedWork};
use export_assessor::core::triage::catalogue::Catalogue;
use export_assessor::core::triage::export::{lines, ExportHead};
use export_assessor::core::triage::mapping;
use export_assessor::core::triage::profile::TriageProfile;
use export_assessor::core::triage::sheet::read_sheet_in;
use export_assessor::core::{Answers, Destinations, Lang, RuleSet};

pub const TARGETS: [&str; 16] = [
    "eu-fsf",
    "un",
    "ofac",
    "watchlist",
    "leads",
    "sheet",
    "rules-ext",
    "destinations",
    "answers",
    "draft",
    "archive",
    "report",
    "bundle",
    "catalogue",
    "register",
    "screening",
];

/// The targets whose input is JSON (or, for `bundle`, the binary bundle):
/// seeded from the repository's files, mutated with `JSON_TOKENS` too.
pub const DATA_TARGETS: [&str; 10] = [
    "rules-ext",
    "destinations",
    "answers",
    "draft",
    "archive",
    "report",
    "bundle",
    "catalogue",
    "register",
    "screening",
];

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

/// What breaks a JSON reader or the checks after it: structure, escapes
/// (lone surrogates, NUL), numbers out of range, duplicate keys, deep
/// nesting, and values the checks compare (ids, dates, versions, hashes).
const JSON_TOKENS: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b"\"",
    b"\\",
    b"\\u0000",
    b"\\ud800",
    b"\\udc00\\ud800",
    b"\\uffff",
    b"\\x",
    b"null",
    b"true",
    b"-0",
    b"1e999",
    b"-1",
    b"4294967296",
    b"18446744073709551616",
    b"-9223372036854775809",
    b"0.5",
    b"\"\"",
    b"[]",
    b"{}",
    b"\"a\": 1, \"a\": 2",
    b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    b"\"id\": \"\"",
    b"\"version\": \"\"",
    b"\"format\": 99",
    b"\"extends\": \"eu-2021-821-art5\"",
    b"\"2026-02-30\"",
    b"\"9999-12-31T23:59:60Z\"",
    b"\"0000-00-00\"",
    b"\"sha256:\"",
    b"\"sha256:zz\"",
    b"\"ZZ\"",
    b"\"de\"",
    b"\"\xc3\x9f\"",
    b"\"\xe2\x80\xae\"",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\0",
    b"\r\n",
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
    /// Extra tokens (JSON for the data targets).
    pub tokens: &'static [&'static [u8]],
    /// The seeds that are JSON, parsed: half of a data target's inputs are
    /// one of them with its values changed (still JSON, so that the
    /// mutations reach the checks after the JSON reader).
    pub json: Vec<serde_json::Value>,
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
    if DATA_TARGETS.contains(&target) {
        return data_seeds(target);
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
        tokens: &[],
        json: Vec::new(),
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
        tokens: &[],
        json: Vec::new(),
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
    if !seeds.json.is_empty() && rng.one_in(2) {
        return json_input(rng, seeds);
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
            let token = if !seeds.tokens.is_empty() && rng.one_in(2) {
                seeds.tokens[rng.below(seeds.tokens.len())]
            } else {
                TOKENS[rng.below(TOKENS.len())]
            };
            data.splice(at..at, token.iter().copied());
        }
    }
}

/// Runs one loader on one input; `alt` is used by the OFAC target. True
/// when the input loaded (false: refused with an error).
pub fn run_one(target: &str, data: &[u8], alt: Option<&[u8]>) -> bool {
    if DATA_TARGETS.contains(&target) {
        return run_data(target, data);
    }
    let _ = detect(data);
    match target {
        "eu-fsf" => load(ListFormat::EuFsf, "fuzz.xml", data, None).is_ok(),
        "un" => load(ListFormat::Un, "fuzz.xml", data, None).is_ok(),
        "ofac" => load(ListFormat::Ofac, "sdn.csv", data, alt).is_ok(),
        "watchlist" => load(ListFormat::Csv, "fuzz.csv", data, None).is_ok(),
        "sheet" => run_sheet(data),
        "leads" => read_leads("fuzz.csv", data).is_ok(),
        _ => run_data(target, data),
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

/// What the data targets load against: the shipped rule set, destination
/// data and triage profile, a bundle of them, and an archive of two drafts
/// (for imports), built once.
pub struct Context {
    pub rules: &'static RuleSet,
    pub destinations: Destinations,
    pub profile: TriageProfile,
    pub bundle: Vec<u8>,
    pub archive: Archive,
    /// The scenarios' answers (tests/scenarios/), by file name.
    pub scenarios: Vec<(String, Answers)>,
    /// The catalogue an imported one is merged into (catalogue-2.json).
    pub catalogue: Catalogue,
    /// The example company extension, composed onto a bundle that loads.
    pub extension: Vec<u8>,
    /// A draft (id `s1`) whose parties hit the screening fixtures, with its
    /// screening response applied and one hit decided.
    pub screened: Draft,
    /// Its response, as the screening worker returns it.
    pub response: String,
    /// The example decisions register.
    pub register: Register,
}

pub fn context() -> Option<&'static Context> {
    static C: OnceLock<Option<Context>> = OnceLock::new();
    C.get_or_init(|| {
        let rules = RuleSet::eu_default().ok()?;
        let destinations = Destinations::builtin().ok()?;
        let profile = TriageProfile::eu_default(rules).ok()?;
        let bundle = bundle::encode(
            rules,
            &destinations,
            &bundle::Messages::default(),
            &bundle::Messages::default(),
        );
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
        let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        names.sort();
        let scenarios: Vec<(String, Answers)> = names
            .iter()
            .filter_map(|p| {
                let bytes = std::fs::read(p).ok()?;
                let answers = load_answers(&bytes, rules, &destinations).ok()?;
                let name = p.file_name()?.to_string_lossy().to_string();
                Some((name, answers))
            })
            .collect();
        let mut archive = Archive::default();
        for (i, (_, answers)) in scenarios.iter().take(2).enumerate() {
            archive.add(Draft {
                answers: answers.clone(),
                ..Draft::new(&format!("a{i}"), "2026-11-25T08:00:00Z", "transaction")
            });
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let catalogue = std::fs::read(root.join("tests/fixtures/triage-page/catalogue-2.json"))
            .ok()
            .and_then(|b| Catalogue::parse(&b, rules, &destinations, &profile).ok())
            .unwrap_or_default();
        let extension =
            std::fs::read(root.join("www/examples/rules/acme-extension.json")).unwrap_or_default();
        let (screened, response) = screened(rules, &destinations, &scenarios)?;
        let register = std::fs::read(root.join("www/examples/lists/register.json"))
            .ok()
            .and_then(|b| Register::parse(&b).ok())
            .unwrap_or_default();
        Some(Context {
            rules,
            destinations,
            profile,
            bundle,
            archive,
            scenarios,
            catalogue,
            extension,
            screened,
            response,
            register,
        })
    })
    .as_ref()
}

/// The first scenario with its end user and consignee named after entries
/// of the screening fixtures, screened against all four (as in
/// tests/screening-cases/), one hit dismissed.
fn screened(
    rules: &RuleSet,
    destinations: &Destinations,
    scenarios: &[(String, Answers)],
) -> Option<(Draft, String)> {
    use export_assessor::core::screening::batch::{country_codes, country_names};
    use export_assessor::core::screening::index::{Screener, DEFAULT_THRESHOLD};
    use export_assessor::core::screening::parties::answer;
    use export_assessor::core::screening::record::{request, Verdict};
    use export_assessor::core::AnswerValue;
    let dir = fixtures_dir();
    let read = |n: &str| std::fs::read(dir.join(n)).ok();
    let lists = vec![
        load(
            ListFormat::Ofac,
            "sdn.csv",
            &read("sdn.csv")?,
            read("alt.csv").as_deref(),
        )
        .ok()?,
        load(
            ListFormat::EuFsf,
            "eu-mini.xml",
            &read("eu-mini.xml")?,
            None,
        )
        .ok()?,
        load(ListFormat::Un, "un-mini.xml", &read("un-mini.xml")?, None).ok()?,
        load(
            ListFormat::Csv,
            "watchlist.csv",
            &read("watchlist.csv")?,
            None,
        )
        .ok()?,
    ];
    let screener = Screener::with_country_codes(lists, country_codes(destinations));
    let mut answers = scenarios.first()?.1.clone();
    answers.remove("party_screening");
    for (q, v) in [
        ("end_user_name", "Serguei Petroff"),
        ("consignee_name", "Zeus Trading Co."),
    ] {
        answers.insert(q.into(), AnswerValue::One(v.into()));
    }
    let req = request(rules, &answers, Lang::En, "s1")?;
    let response = answer(&screener, &req, DEFAULT_THRESHOLD, &|c| {
        country_names(destinations, c)
    })
    .ok()?;
    let mut draft = Draft {
        answers,
        ..Draft::new("s1", "2026-11-25T08:00:00Z", "parties")
    };
    draft.screening.apply(&response, "2026-11-25T09:00:00Z");
    let first = draft
        .screening
        .parties
        .iter()
        .find_map(|p| p.hits.first().map(|h| (p.key(), h.key())));
    if let Some((party, hit)) = first {
        draft.screening.decide(
            &party,
            &hit,
            Verdict::NotAMatch,
            "Different person",
            "2026-11-25T10:00:00Z",
        );
    }
    Some((draft, serde_json::to_string(&response).ok()?))
}

/// A draft with its screening: what the app derives from it, and its
/// report with the screening grounds.
fn screening_of(c: &Context, d: &Draft) {
    use export_assessor::core::screening::decisions::{derive, effective_answers};
    let _ = derive(c.rules, &c.destinations, &d.answers, &d.screening);
    let effective = effective_answers(c.rules, &c.destinations, &d.answers, &d.screening);
    let a = evaluate(c.rules, &c.destinations, &effective);
    if let Ok(r) = Report::build(
        c.rules,
        &c.destinations,
        &effective,
        &a,
        Lang::En,
        "2026-11-25T10:00:00Z",
        "2026-11-25T11:00:00Z",
    ) {
        let r = r.with_screening(c.rules, &c.destinations, &d.screening);
        let _ = report::verify(r.to_json_pretty().as_bytes());
    }
}

/// A report of each scenario, sealed as the app saves it.
fn report_of(c: &Context, answers: &Answers) -> Option<String> {
    let a = evaluate(c.rules, &c.destinations, answers);
    Report::build(
        c.rules,
        &c.destinations,
        answers,
        &a,
        Lang::En,
        "2026-11-25T10:00:00Z",
        "2026-11-25T11:00:00Z",
    )
    .ok()
    .map(|r| r.to_json_pretty())
}

/// The data targets' seeds: the repository's files of that kind, and what
/// the app writes (drafts, saved work, exports, reports, the bundle) from
/// the scenarios in tests/scenarios/. The donors are all of them.
fn data_seeds(target: &str) -> Seeds {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |n: &str| std::fs::read(root.join(n)).ok();
    let files = |names: &[&str]| -> Vec<Vec<u8>> { names.iter().filter_map(|n| read(n)).collect() };
    let Some(c) = context() else {
        return Seeds {
            own: Vec::new(),
            donors: Vec::new(),
            un: None,
            un_spans: Vec::new(),
            xlsx_parts: Vec::new(),
            tokens: JSON_TOKENS,
            json: Vec::new(),
        };
    };
    // A handful of scenarios, spread over the outcomes.
    let some: Vec<&(String, Answers)> = c.scenarios.iter().step_by(12).collect();
    let own: Vec<Vec<u8>> = match target {
        "rules-ext" => files(&[
            "www/examples/rules/acme-extension.json",
            "www/examples/rules/broken-extension.json",
        ]),
        "destinations" => files(&[
            "src/core/data/destinations.json",
            "www/examples/rules/destinations.json",
        ]),
        "answers" => some
            .iter()
            .filter_map(|(n, _)| read(&format!("tests/scenarios/{n}")))
            .collect(),
        "draft" => {
            let mut v: Vec<Vec<u8>> = c
                .archive
                .drafts
                .iter()
                .map(|d| d.to_json().into_bytes())
                .collect();
            v.push(
                SavedWork::new(Lang::De, Some("a1".into()), &c.archive)
                    .to_json()
                    .into_bytes(),
            );
            v
        }
        "archive" => {
            let mut other = c.archive.clone();
            for (i, (_, answers)) in some.iter().enumerate() {
                other.add(Draft {
                    answers: answers.clone(),
                    ..Draft::new(&format!("b{i}"), "2026-11-26T08:00:00Z", "item")
                });
            }
            vec![
                other.export(None).into_bytes(),
                c.archive.export(Some(&["a0".to_string()])).into_bytes(),
            ]
        }
        "report" => some
            .iter()
            .filter_map(|(_, a)| report_of(c, a))
            .map(String::into_bytes)
            .collect(),
        "bundle" => vec![c.bundle.clone()],
        "catalogue" => files(&[
            "tests/fixtures/triage-page/catalogue-2.json",
            "tests/fixtures/triage-page/catalogue-3.json",
        ]),
        "screening" => vec![
            c.response.clone().into_bytes(),
            c.screened.to_json().into_bytes(),
        ],
        _ => files(&["www/examples/lists/register.json"]),
    };
    let mut donors = own.clone();
    donors.extend(files(&[
        "www/examples/rules/acme-extension.json",
        "www/examples/lists/register.json",
        "tests/fixtures/triage-page/catalogue-3.json",
    ]));
    if let Some((_, a)) = some.first() {
        donors.extend(report_of(c, a).map(String::into_bytes));
    }
    let json = own
        .iter()
        .filter_map(|b| serde_json::from_slice(b).ok())
        .collect();
    Seeds {
        own,
        donors,
        un: None,
        un_spans: Vec::new(),
        xlsx_parts: Vec::new(),
        tokens: JSON_TOKENS,
        json,
    }
}

/// Strings the checks after the JSON reader compare or count.
const JSON_STRINGS: &[&str] = &[
    "",
    " ",
    "\0",
    "\u{202e}x",
    "\u{fffd}",
    "ß",
    "ZZ",
    "DE",
    "de",
    "en",
    "xx",
    "eu-2021-821-art5",
    "2.0.0",
    "2026-02-30",
    "2026-11-25",
    "2026-11-25T10:00:00Z",
    "9999-12-31",
    "-1",
    "sha256:",
    "sha256:00",
    "export-assessor-archive",
    "yes",
    "no",
    "unknown",
    "any",
    "all",
    "a0",
    "a1",
    "P1",
];

/// A JSON seed with one to four values changed: replaced (by null, a
/// boolean, an extreme number, a compared string, a very long string,
/// another value of the seed), removed, repeated or renamed.
fn json_input(rng: &mut Rng, seeds: &Seeds) -> Vec<u8> {
    let mut v = seeds.json[rng.below(seeds.json.len())].clone();
    let donor = seeds.json[rng.below(seeds.json.len())].clone();
    for _ in 0..=rng.below(3) {
        json_mutate(rng, &mut v, &donor, 0);
    }
    let mut out = if rng.one_in(2) {
        serde_json::to_vec(&v)
    } else {
        serde_json::to_vec_pretty(&v)
    }
    .unwrap_or_default();
    if rng.one_in(8) {
        mutate(rng, &mut out, seeds);
    }
    out
}

/// A value somewhere in `donor` (its root, or one level or more down).
fn some_value(rng: &mut Rng, donor: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    let mut at = donor;
    loop {
        let next = match at {
            Value::Array(a) if !a.is_empty() => a.get(rng.below(a.len())),
            Value::Object(o) if !o.is_empty() => o.values().nth(rng.below(o.len())),
            _ => None,
        };
        match next {
            Some(n) if !rng.one_in(3) => at = n,
            _ => return at.clone(),
        }
    }
}

fn json_mutate(rng: &mut Rng, v: &mut serde_json::Value, donor: &serde_json::Value, depth: usize) {
    use serde_json::Value;
    // Down into a child, mostly; here now and then (and at the leaves).
    let children = match v {
        Value::Array(a) => a.len(),
        Value::Object(o) => o.len(),
        _ => 0,
    };
    if children > 0 && depth < 64 && !rng.one_in(4) {
        let i = rng.below(children);
        let child = match v {
            Value::Array(a) => a.get_mut(i),
            Value::Object(o) => o.values_mut().nth(i),
            _ => None,
        };
        if let Some(child) = child {
            json_mutate(rng, child, donor, depth + 1);
        }
        return;
    }
    match (rng.below(12), &mut *v) {
        (0, Value::Array(a)) if !a.is_empty() => {
            let i = rng.below(a.len());
            a.remove(i);
        }
        (0, Value::Object(o)) if !o.is_empty() => {
            if let Some(k) = o.keys().nth(rng.below(o.len())).cloned() {
                o.remove(&k);
            }
        }
        (1, Value::Array(a)) if !a.is_empty() => {
            // Repeated: duplicate ids, many entries.
            // At most about 8 MB added, like the byte mutations' growth.
            let item = a[rng.below(a.len())].clone();
            let size = serde_json::to_vec(&item).map_or(1, |b| b.len().max(1));
            let most = if rng.one_in(20) { 5000 } else { 3 };
            for _ in 0..(1 + rng.below(most)).min((8 << 20) / size) {
                a.push(item.clone());
            }
        }
        (1, Value::Object(o)) if !o.is_empty() => {
            // Renamed or new keys: unknown fields, another id.
            let k = o
                .keys()
                .nth(rng.below(o.len()))
                .cloned()
                .unwrap_or_default();
            let value = o.remove(&k).unwrap_or(Value::Null);
            let key = match rng.below(3) {
                0 => format!("{k}x"),
                1 => JSON_STRINGS[rng.below(JSON_STRINGS.len())].to_string(),
                _ => k.to_uppercase(),
            };
            o.insert(key, value);
        }
        (2, Value::String(s)) => {
            s.push_str(JSON_STRINGS[rng.below(JSON_STRINGS.len())]);
        }
        (3, Value::String(s)) => {
            let cut = s.char_indices().map(|(i, _)| i).nth(rng.below(s.len() + 1));
            s.truncate(cut.unwrap_or(s.len()));
        }
        (4, Value::Number(_)) => {
            *v = match rng.below(6) {
                0 => Value::from(u64::MAX),
                1 => Value::from(i64::MIN),
                2 => Value::from(-1),
                3 => Value::from(1e300),
                4 => Value::from(0.5),
                _ => Value::from(u32::MAX as u64 + 1),
            };
        }
        (5, _) => *v = Value::Null,
        (6, _) => *v = Value::Bool(rng.one_in(2)),
        (7, _) => *v = Value::from(rng.next_u64() as i64 >> rng.below(64)),
        (8, _) => *v = some_value(rng, donor),
        (9, _) => {
            let len = if rng.one_in(10) {
                1 << 20
            } else {
                1 + rng.below(300)
            };
            *v = Value::String("é".repeat(len / 2 + 1));
        }
        (10, _) => *v = Value::Array(vec![std::mem::take(v)]),
        _ => *v = Value::String(JSON_STRINGS[rng.below(JSON_STRINGS.len())].to_string()),
    }
}

/// One input through a data target's loader, and through what the app
/// does next with what loaded (a draft is evaluated and reported, an
/// import applied, a bundle composed).
fn run_data(target: &str, data: &[u8]) -> bool {
    let Some(c) = context() else {
        return false;
    };
    let text = std::str::from_utf8(data);
    match target {
        "rules-ext" => c.rules.extended_with(data).is_ok(),
        "destinations" => Destinations::load(data).is_ok(),
        "answers" => match load_answers(data, c.rules, &c.destinations) {
            Ok(answers) => {
                let _ = report_of(c, &answers);
                true
            }
            Err(_) => false,
        },
        "draft" => {
            let Ok(text) = text else {
                return false;
            };
            let draft = Draft::parse(text).map(|d| vec![d]);
            let work = SavedWork::parse(text).map(|w| w.into_parts().2.drafts);
            let loaded = draft.is_ok() || work.is_ok();
            for d in draft.into_iter().chain(work).flatten() {
                let _ = report_of(c, &d.answers);
                let _ = d.display_title(c.rules, &c.destinations, Lang::De);
            }
            loaded
        }
        "archive" => match c.archive.plan_import(data, c.rules, &c.destinations) {
            Ok(plan) => {
                let mut a = c.archive.clone();
                let choices = [ConflictChoice::KeepBoth, ConflictChoice::Replace];
                let mut n = 0;
                let added = a.apply(&plan, &choices, &mut |id| {
                    n += 1;
                    format!("{id}-{n}")
                });
                for id in added {
                    if let Some(d) = a.get(&id) {
                        let _ = report_of(c, &d.answers);
                    }
                }
                true
            }
            Err(_) => false,
        },
        "report" => report::verify(data).is_ok(),
        "bundle" => {
            let ok = bundle::decode(data).is_ok();
            if ok {
                let _ = bundle::compose(data, Some(&c.extension), None);
            }
            ok
        }
        "catalogue" => match Catalogue::parse(data, c.rules, &c.destinations, &c.profile) {
            Ok(incoming) => {
                let mut own = c.catalogue.clone();
                let plan = own.plan_import(&incoming);
                for p in &incoming.products {
                    let _ = p.needs_review(c.rules);
                    let _ = p.check(c.rules, &c.destinations, &c.profile);
                    let _ = own.find(&p.name);
                }
                own.apply_import(&plan, &[]);
                true
            }
            Err(_) => false,
        },
        "screening" => {
            let Ok(text) = text else {
                return false;
            };
            let response = Response::parse(text);
            let draft = Draft::parse(text);
            let loaded = response.is_ok() || draft.is_ok();
            if let Ok(mut response) = response {
                // As the page does: the register applied, then the result
                // recorded in the draft it names.
                c.register.apply(&mut response, "2026-12-03", Lang::De);
                let mut a = Archive::default();
                a.add(Draft {
                    id: response.reference().to_string(),
                    ..c.screened.clone()
                });
                a.set_screening(response, "2026-12-03T10:00:00Z");
                for d in &a.drafts {
                    screening_of(c, d);
                }
            }
            if let Ok(d) = draft {
                screening_of(c, &d);
            }
            loaded
        }
        _ => match Register::parse(data) {
            Ok(r) => {
                let mut own = Register::new();
                let _ = own.preview(&r);
                own.import(&r, true);
                let _ = own.to_json();
                let _ = own.search("a");
                true
            }
            Err(_) => false,
        },
    }
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
        tokens: seeds.tokens,
        json: Vec::new(),
    };
    // The data targets' context is built before the clock starts, so that
    // the first input's time is its own.
    if DATA_TARGETS.contains(&target) {
        let _ = context();
    }
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
        // Progress in a run from the command line, so that a run stopped
        // early still tells how far it got.
        if findings.is_some() && stats.execs % 100_000 == 0 {
            eprintln!(
                "{target}: {} executions, {} crashes, {} loaded, {:.0?}",
                stats.execs,
                stats.crashes,
                stats.loaded,
                started.elapsed()
            );
        }
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
