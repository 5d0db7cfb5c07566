//! Lead triage, data-driven: each file in `tests/triage-cases/` names a
//! product catalogue, fixture sanctions lists, an optional company
//! register, the exporter's Member State and a lead file (a CSV or .xlsx
//! fixture, or CSV text inline), and states the class of every lead and
//! product, rules that must have decided, and the bad rows.

use std::collections::BTreeMap;

use export_assessor::core::screening::batch::country_codes;
use export_assessor::core::screening::index::{Query, Screener, DEFAULT_THRESHOLD};
use export_assessor::core::screening::lists::{detect, load, ListFormat, SanctionsList};
use export_assessor::core::screening::parties::{recorded, stamps};
use export_assessor::core::screening::record::ListStamp;
use export_assessor::core::screening::register::{Register, RegisterEntry};
use export_assessor::core::triage::catalogue::{Catalogue, ConflictChoice};
use export_assessor::core::triage::engine::{triage_leads, TriageContext, TriageRow};
use export_assessor::core::triage::export::{self, ExportHead};
use export_assessor::core::triage::mapping::{self, ColumnMapping, TriageLead};
use export_assessor::core::triage::profile::TriageProfile;
use export_assessor::core::triage::sheet::read_sheet_in;
use export_assessor::core::triage::TriageClass;
use export_assessor::core::{Destinations, Lang, RuleSet};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    description: String,
    /// A catalogue file in tests/triage-cases/, or one inline.
    catalogue: serde_json::Value,
    /// A catalogue imported into it first, with the choices per conflict.
    #[serde(default)]
    import: Option<ImportSpec>,
    /// Fixture lists in tests/fixtures/screening/ (none: not screened).
    #[serde(default)]
    lists: Vec<String>,
    #[serde(default)]
    register: Vec<RegisterEntrySpec>,
    member_state: String,
    today: String,
    #[serde(default)]
    lang: Option<Lang>,
    /// A lead file under tests/ (CSV or .xlsx) …
    #[serde(default)]
    lead_file: Option<String>,
    /// … or CSV text …
    #[serde(default)]
    leads_csv: Option<String>,
    /// … or rows of cells, written as an .xlsx here and read back.
    #[serde(default)]
    leads_xlsx: Option<Vec<Vec<String>>>,
    /// The column mapping (default: as guessed from the header).
    #[serde(default)]
    mapping: Option<ColumnMapping>,
    expect: Expect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ImportSpec {
    catalogue: serde_json::Value,
    #[serde(default)]
    choices: BTreeMap<String, ConflictChoice>,
    new: Vec<String>,
    identical: Vec<String>,
    conflicting: Vec<String>,
    /// The catalogue's ids after the import, in order.
    ids_after: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegisterEntrySpec {
    name: String,
    entry_id: String,
    decided_on: String,
    expires_on: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    leads: Vec<ExpectLead>,
    #[serde(default)]
    bad_rows: Vec<ExpectBad>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectLead {
    row: usize,
    class: TriageClass,
    /// Product id → class.
    #[serde(default)]
    products: BTreeMap<String, TriageClass>,
    /// Outcome rules that must be among the rules of some product.
    #[serde(default)]
    rules: Vec<String>,
    /// Findings that must have fired for some product.
    #[serde(default)]
    findings: Vec<String>,
    #[serde(default)]
    screening: Option<String>,
    /// (hits, of them suppressed by the register)
    #[serde(default)]
    hits: Option<(usize, usize)>,
    #[serde(default)]
    needs_review: bool,
    /// Words that must be in the reasons of some product.
    #[serde(default)]
    reason_contains: Vec<String>,
    /// Questions that must be open for the lead (for some product).
    #[serde(default)]
    open_lead: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectBad {
    row: usize,
    kind: String,
}

fn root() -> String {
    env!("CARGO_MANIFEST_DIR").to_string()
}

fn list(name: &str) -> SanctionsList {
    let dir = format!("{}/tests/fixtures/screening", root());
    let bytes = std::fs::read(format!("{dir}/{name}")).unwrap();
    let format = detect(&bytes).unwrap_or_else(|| panic!("{name}: format not detected"));
    let alt =
        (format == ListFormat::Ofac).then(|| std::fs::read(format!("{dir}/alt.csv")).unwrap());
    load(format, name, &bytes, alt.as_deref()).unwrap()
}

/// An .xlsx with these rows on its first sheet.
fn xlsx(grid: &[Vec<String>]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Leads").unwrap();
    for (r, row) in grid.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                ws.write_string(r as u32, c as u16, cell).unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

fn catalogue_of(
    v: &serde_json::Value,
    rules: &RuleSet,
    d: &Destinations,
    p: &TriageProfile,
) -> Catalogue {
    let bytes = match v {
        serde_json::Value::String(f) => {
            std::fs::read(format!("{}/tests/triage-cases/{f}", root())).unwrap()
        }
        other => other.to_string().into_bytes(),
    };
    Catalogue::parse(&bytes, rules, d, p).unwrap_or_else(|e| panic!("catalogue: {e}"))
}

/// The register a case describes, each entry tied to its hit as screened.
fn register_of(specs: &[RegisterEntrySpec], screener: &Screener, d: &Destinations) -> Register {
    let mut register = Register::new();
    for e in specs {
        let q = Query {
            name: e.name.clone(),
            countries: vec![],
            birth_year: None,
        };
        let _ = d;
        let hits = screener.screen(&q, DEFAULT_THRESHOLD);
        let ids: Vec<&str> = hits.iter().map(|h| h.entry_id.as_str()).collect();
        let hit = hits
            .iter()
            .find(|h| h.entry_id == e.entry_id)
            .unwrap_or_else(|| panic!("no hit on entry {} for {}: {ids:?}", e.entry_id, e.name));
        let rec = recorded(screener, hit, Lang::En);
        register
            .add(RegisterEntry {
                name: e.name.clone(),
                list_key: rec.list_key,
                entry_id: e.entry_id.clone(),
                entry_fingerprint: rec.entry_fingerprint,
                reason: "Different company: other address and directors.".into(),
                decided_by: "Compliance".into(),
                decided_on: e.decided_on.clone(),
                expires_on: e.expires_on.clone(),
            })
            .unwrap();
    }
    register
}

struct Run {
    rows: Vec<TriageRow>,
    bad: Vec<mapping::BadRow>,
    stamps: Vec<ListStamp>,
}

fn run(name: &str, case: &Case) -> Run {
    let rules = RuleSet::eu_default().unwrap();
    let d = Destinations::builtin().unwrap();
    let profile = TriageProfile::eu_default(rules).unwrap();
    let mut catalogue = catalogue_of(&case.catalogue, rules, &d, &profile);
    if let Some(imp) = &case.import {
        let incoming = catalogue_of(&imp.catalogue, rules, &d, &profile);
        let plan = catalogue.plan_import(&incoming);
        let ids = |v: Vec<&str>| v.into_iter().map(String::from).collect::<Vec<_>>();
        assert_eq!(
            ids(plan.new.iter().map(|p| p.id.as_str()).collect()),
            imp.new,
            "{name}: new"
        );
        assert_eq!(plan.identical, imp.identical, "{name}: identical");
        assert_eq!(
            ids(plan
                .conflicting
                .iter()
                .map(|(o, _)| o.id.as_str())
                .collect()),
            imp.conflicting,
            "{name}: conflicting"
        );
        let choices: Vec<(String, ConflictChoice)> =
            imp.choices.iter().map(|(k, v)| (k.clone(), *v)).collect();
        catalogue.apply_import(&plan, &choices);
        let after: Vec<String> = catalogue.products.iter().map(|p| p.id.clone()).collect();
        assert_eq!(after, imp.ids_after, "{name}: ids after import");
    }
    let screener = (!case.lists.is_empty()).then(|| {
        Screener::with_country_codes(
            case.lists.iter().map(|l| list(l)).collect(),
            country_codes(&d),
        )
    });
    let register = screener
        .as_ref()
        .filter(|_| !case.register.is_empty())
        .map(|s| register_of(&case.register, s, &d));
    let (label, bytes) = match (&case.lead_file, &case.leads_csv, &case.leads_xlsx) {
        (Some(f), None, None) => (
            f.clone(),
            std::fs::read(format!("{}/tests/{f}", root())).unwrap(),
        ),
        (None, Some(text), None) => ("leads.csv".to_string(), text.clone().into_bytes()),
        (None, None, Some(grid)) => ("leads.xlsx".to_string(), xlsx(grid)),
        _ => panic!("{name}: give one of lead_file, leads_csv, leads_xlsx"),
    };
    let sheet = read_sheet_in(&label, &bytes, &d).unwrap_or_else(|e| panic!("{name}: {e}"));
    let m = case
        .mapping
        .clone()
        .unwrap_or_else(|| mapping::guess(&sheet));
    mapping::check(&sheet, &m).unwrap_or_else(|e| panic!("{name}: mapping: {e}"));
    let (leads, bad) = mapping::apply(
        &sheet,
        &m,
        &catalogue,
        &d,
        &mapping::end_user_types(rules, &profile.lead_questions.end_user_type),
    );
    let cx = TriageContext {
        rules,
        destinations: &d,
        profile: &profile,
        catalogue: &catalogue,
        screener: screener.as_ref(),
        register: register.as_ref(),
        threshold: DEFAULT_THRESHOLD,
        member_state: case.member_state.clone(),
        today: case.today.clone(),
        lang: case.lang.unwrap_or_default(),
    };
    let rows = triage_leads(&cx, &leads);
    let stamps = screener.as_ref().map(stamps).unwrap_or_default();
    Run { rows, bad, stamps }
}

fn check_lead(name: &str, row: &TriageRow, e: &ExpectLead) {
    let at = format!("{name}, row {}", e.row);
    let products: BTreeMap<String, TriageClass> = row
        .products
        .iter()
        .map(|p| (p.product.clone(), p.class))
        .collect();
    assert_eq!(
        row.class, e.class,
        "{at}: class; products {products:?}; {row:#?}"
    );
    for (id, class) in &e.products {
        assert_eq!(products.get(id), Some(class), "{at}: product {id}");
    }
    for r in &e.rules {
        assert!(
            row.products.iter().any(|p| p.rules.contains(r)),
            "{at}: rule {r} not among {:?}",
            row.products.iter().map(|p| &p.rules).collect::<Vec<_>>()
        );
    }
    for f in &e.findings {
        assert!(
            row.products.iter().any(|p| p.findings.contains(f)),
            "{at}: finding {f} not among {:?}",
            row.products.iter().map(|p| &p.findings).collect::<Vec<_>>()
        );
    }
    if let Some(s) = &e.screening {
        assert_eq!(
            row.screening_answer.as_deref(),
            Some(s.as_str()),
            "{at}: screening"
        );
    }
    if let Some((n, suppressed)) = e.hits {
        assert_eq!(row.hits.len(), n, "{at}: hits {:?}", row.hits);
        assert_eq!(
            row.hits.iter().filter(|h| h.suppressed).count(),
            suppressed,
            "{at}: suppressed hits"
        );
    }
    assert_eq!(
        row.products.iter().any(|p| p.needs_review),
        e.needs_review,
        "{at}: needs_review"
    );
    for w in &e.reason_contains {
        assert!(
            row.products
                .iter()
                .any(|p| p.reasons.iter().any(|r| r.contains(w.as_str()))),
            "{at}: no reason contains {w:?}: {:?}",
            row.products.iter().map(|p| &p.reasons).collect::<Vec<_>>()
        );
    }
    for q in &e.open_lead {
        assert!(
            row.products.iter().any(|p| p.open_lead.contains(q)),
            "{at}: {q} not open for the lead"
        );
    }
}

#[test]
fn triage_cases() {
    let dir = format!("{}/tests/triage-cases", root());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.ends_with(".json") && n.starts_with(|c: char| c.is_ascii_digit())
            })
        })
        .collect();
    files.sort();
    assert!(files.len() >= 8, "only {} cases", files.len());
    let mut classes_seen = std::collections::BTreeSet::new();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let case: Case = serde_json::from_slice(&std::fs::read(&path).unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!case.description.is_empty());
        let r = run(&name, &case);
        let bad: Vec<(usize, &str)> = r.bad.iter().map(|b| (b.row, b.kind.as_str())).collect();
        let want: Vec<(usize, &str)> = case
            .expect
            .bad_rows
            .iter()
            .map(|b| (b.row, b.kind.as_str()))
            .collect();
        assert_eq!(bad, want, "{name}: bad rows {:?}", r.bad);
        for b in &r.bad {
            assert!(
                !b.reason.is_empty(),
                "{name}: bad row {} without a reason",
                b.row
            );
        }
        let rows: Vec<usize> = r.rows.iter().map(|x| x.lead.row).collect();
        let want: Vec<usize> = case.expect.leads.iter().map(|e| e.row).collect();
        assert_eq!(rows, want, "{name}: the leads triaged");
        for (row, e) in r.rows.iter().zip(&case.expect.leads) {
            check_lead(&name, row, e);
            classes_seen.insert(row.class);
        }
    }
    assert_eq!(
        classes_seen.len(),
        5,
        "every class has a case: {classes_seen:?}"
    );
}

fn lead(
    row: usize,
    company: &str,
    country: &str,
    products: &[&str],
    eut: Option<&str>,
) -> TriageLead {
    TriageLead {
        row,
        company: company.into(),
        country: country.into(),
        products: products.iter().map(|p| p.to_string()).collect(),
        end_user_type: eut.map(String::from),
        consignee: None,
        note: None,
    }
}

/// The engine on leads given directly (no lead file): each class, the
/// lead taking its most urgent product, the sources of the answers.
#[test]
fn the_engine_classes_leads_and_their_products() {
    let rules = RuleSet::eu_default().unwrap();
    let d = Destinations::builtin().unwrap();
    let profile = TriageProfile::eu_default(rules).unwrap();
    let catalogue = catalogue_of(&"catalogue.json".into(), rules, &d, &profile);
    let screener = Screener::with_country_codes(vec![list("watchlist.csv")], country_codes(&d));
    let cx = TriageContext {
        rules,
        destinations: &d,
        profile: &profile,
        catalogue: &catalogue,
        screener: Some(&screener),
        register: None,
        threshold: DEFAULT_THRESHOLD,
        member_state: "DE".into(),
        today: "2026-12-01".into(),
        lang: Lang::En,
    };
    let cases = [
        (
            lead(
                2,
                "Acme Networks Inc",
                "US",
                &["NX-500"],
                Some("private_company"),
            ),
            TriageClass::LicenceNeeded,
        ),
        (
            lead(
                3,
                "Acme Networks Inc",
                "US",
                &["LM-20"],
                Some("private_company"),
            ),
            TriageClass::LowRisk,
        ),
        (
            lead(
                4,
                "Acme Networks Inc",
                "US",
                &["RT-1"],
                Some("private_company"),
            ),
            TriageClass::NotInScope,
        ),
        (
            lead(5, "Acme Networks Inc", "FR", &["LM-20"], Some("reseller")),
            TriageClass::NotInScope,
        ),
        (
            lead(
                6,
                "Acme Networks Inc",
                "CN",
                &["LM-20"],
                Some("private_company"),
            ),
            TriageClass::Assess,
        ),
        (
            lead(
                7,
                "Acme Networks Inc",
                "BY",
                &["NX-500"],
                Some("armed_forces"),
            ),
            TriageClass::Stop,
        ),
        (
            lead(8, "Acme Networks Inc", "US", &["LM-20"], Some("government")),
            TriageClass::Assess,
        ),
        (
            lead(9, "Nordlicht Logistik GmbH", "DE", &["RT-1"], None),
            TriageClass::Assess,
        ),
        (
            lead(
                10,
                "Acme Networks Inc",
                "US",
                &["RT-1", "NX-500", "LM-20"],
                Some("private_company"),
            ),
            TriageClass::LicenceNeeded,
        ),
        (
            lead(
                11,
                "Acme Networks Inc",
                "US",
                &["HALF-1"],
                Some("private_company"),
            ),
            TriageClass::Assess,
        ),
        (
            lead(12, "Acme Networks Inc", "US", &["LM-20"], None),
            TriageClass::Assess,
        ),
    ];
    for (l, want) in &cases {
        let row = export_assessor::core::triage::engine::triage_lead(&cx, l);
        assert_eq!(row.class, *want, "row {}: {row:#?}", l.row);
    }
    // A file triaged at once (each name screened once) gives what each
    // lead gives alone.
    let leads: Vec<TriageLead> = cases.iter().map(|(l, _)| l.clone()).collect();
    let each: Vec<TriageRow> = leads
        .iter()
        .map(|l| export_assessor::core::triage::engine::triage_lead(&cx, l))
        .collect();
    assert_eq!(triage_leads(&cx, &leads), each);
    // The lead's class is its most urgent product's; each product keeps its own.
    let row = export_assessor::core::triage::engine::triage_lead(&cx, &cases[8].0);
    let per: Vec<TriageClass> = row.products.iter().map(|p| p.class).collect();
    assert_eq!(
        per,
        vec![
            TriageClass::NotInScope,
            TriageClass::LicenceNeeded,
            TriageClass::LowRisk
        ]
    );
    // Open questions by who answers them.
    let row = export_assessor::core::triage::engine::triage_lead(&cx, &cases[9].0);
    assert!(
        row.products[0]
            .open_product
            .contains(&"check_5a001f".to_string()),
        "{row:#?}"
    );
    let row = export_assessor::core::triage::engine::triage_lead(&cx, &cases[10].0);
    assert_eq!(row.products[0].open_lead, vec!["end_user_type".to_string()]);
    assert!(row.products[0]
        .open_assessment
        .contains(&"end_use_statement".to_string()));
    // An answer the rule set would refuse (a name longer than the question
    // allows) is not given: the question stays open for the lead.
    let long = lead(
        13,
        &"N".repeat(5000),
        "US",
        &["LM-20"],
        Some("private_company"),
    );
    let given =
        export_assessor::core::triage::engine::answers_for(&cx, &long, "LM-20", Some("no_match"));
    assert!(!given.iter().any(|(q, _, _)| q == "end_user_name"));
    let row = export_assessor::core::triage::engine::triage_lead(&cx, &long);
    assert!(row.products[0]
        .open_lead
        .contains(&"end_user_name".to_string()));
    assert_eq!(row.class, TriageClass::Assess);
    // A lead built by hand with an unknown country and product (mapping
    // refuses both) is still triaged, never a panic: open, so assess.
    let odd = lead(14, "Acme", "ZZ", &["NOPE", ""], Some("pirate"));
    let row = export_assessor::core::triage::engine::triage_lead(&cx, &odd);
    assert_eq!(row.class, TriageClass::Assess);
    assert!(row.products[0]
        .reasons
        .iter()
        .any(|r| r.contains("not in the catalogue")));
    let none = lead(15, "", "US", &[], None);
    assert_eq!(
        export_assessor::core::triage::engine::triage_lead(&cx, &none).class,
        TriageClass::Assess
    );
    // Without lists, the screening stays open and the lead needs an assessment.
    let unscreened = TriageContext {
        screener: None,
        ..cx
    };
    let row = export_assessor::core::triage::engine::triage_lead(&unscreened, &cases[1].0);
    assert_eq!(row.screening_answer, None);
    assert_eq!(row.class, TriageClass::Assess);
    assert!(row.products[0]
        .open_lead
        .contains(&"party_screening".to_string()));
}

/// `export-assessor triage` writes the library's export, byte for byte,
/// as CSV and as .xlsx; unreadable input exits 2 with where and what.
#[test]
fn the_cli_writes_the_same_rows_as_the_library() {
    let name = "01-every-class-csv.json";
    let case: Case = serde_json::from_slice(
        &std::fs::read(format!("{}/tests/triage-cases/{name}", root())).unwrap(),
    )
    .unwrap();
    let r = run(name, &case);
    let rules = RuleSet::eu_default().unwrap();
    let head = ExportHead {
        rule_set: &rules.id,
        rule_set_version: &rules.version,
        lists: &r.stamps,
        today: &case.today,
    };
    let dir = format!("{}/tests", root());
    let fixtures = format!("{dir}/fixtures/screening");
    let xlsx_out = std::env::temp_dir().join(format!("triage-cli-{}.xlsx", std::process::id()));
    let mut args: Vec<String> = vec![
        "triage".into(),
        "--catalogue".into(),
        format!("{dir}/triage-cases/catalogue.json"),
        "--member-state".into(),
        case.member_state.clone(),
        "--today".into(),
        case.today.clone(),
    ];
    for l in &case.lists {
        args.extend(["--list".into(), format!("{fixtures}/{l}")]);
    }
    args.push(format!("{dir}/{}", case.lead_file.clone().unwrap()));
    let cli = |extra: &[String]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_export-assessor"))
            .args(args.iter().chain(extra))
            .output()
            .unwrap()
    };
    let help = std::process::Command::new(env!("CARGO_BIN_EXE_export-assessor"))
        .arg("help")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&help.stdout).contains("export-assessor triage --catalogue"));
    let out = cli(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        export::to_csv(&r.rows, &r.bad, &head)
    );
    let counts = export_assessor::core::triage::engine::counts(&r.rows);
    for (class, n) in TriageClass::ALL.iter().zip(counts) {
        assert!(
            stderr.contains(&format!("{}: {n}", class.name())),
            "{stderr}"
        );
    }
    let out = cli(&["--xlsx".into(), xlsx_out.to_string_lossy().to_string()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let written = std::fs::read(&xlsx_out).unwrap();
    let _ = std::fs::remove_file(&xlsx_out);
    assert_eq!(written, export::to_xlsx(&r.rows, &r.bad, &head).unwrap());

    // Unreadable input: exit 2, the file and what to do.
    let bad_catalogue = std::process::Command::new(env!("CARGO_BIN_EXE_export-assessor"))
        .args(["triage", "--member-state", "DE", "--catalogue"])
        .arg(format!("{dir}/triage-cases/leads-sales.csv"))
        .arg(format!("{dir}/triage-cases/leads-sales.csv"))
        .output()
        .unwrap();
    assert_eq!(bad_catalogue.status.code(), Some(2));
    let msg = String::from_utf8_lossy(&bad_catalogue.stderr);
    assert!(
        msg.contains("product catalogue") && msg.contains("What to do"),
        "{msg}"
    );
    let no_state = std::process::Command::new(env!("CARGO_BIN_EXE_export-assessor"))
        .args(["triage", "--member-state", "US", "--catalogue"])
        .arg(format!("{dir}/triage-cases/catalogue.json"))
        .arg(format!("{dir}/triage-cases/leads-sales.csv"))
        .output()
        .unwrap();
    assert_eq!(no_state.status.code(), Some(2));
    let columns = std::process::Command::new(env!("CARGO_BIN_EXE_export-assessor"))
        .args([
            "triage",
            "--member-state",
            "DE",
            "--columns",
            "company=0",
            "--catalogue",
        ])
        .arg(format!("{dir}/triage-cases/catalogue.json"))
        .arg(format!("{dir}/triage-cases/leads-sales.csv"))
        .output()
        .unwrap();
    assert_eq!(columns.status.code(), Some(2));
}

/// A lead opened as an assessment: the triage's answers except the
/// screening, a title, the rules it was made under, and a note saying
/// where each answer came from, in the user's language.
#[test]
fn a_lead_opens_as_a_prefilled_draft_with_its_sources() {
    use export_assessor::core::triage::prefill::{draft_for, lead_key, provenance};
    let rules = RuleSet::eu_default().unwrap();
    let d = Destinations::builtin().unwrap();
    let profile = TriageProfile::eu_default(rules).unwrap();
    let catalogue = catalogue_of(&"catalogue.json".into(), rules, &d, &profile);
    let mut l = lead(
        7,
        "Acme Networks Inc",
        "US",
        &["LM-20"],
        Some("private_company"),
    );
    l.consignee = Some("Forwarding Partners LLC".into());
    for lang in [Lang::En, Lang::De] {
        let cx = TriageContext {
            rules,
            destinations: &d,
            profile: &profile,
            catalogue: &catalogue,
            screener: None,
            register: None,
            threshold: DEFAULT_THRESHOLD,
            member_state: "DE".into(),
            today: "2026-12-01".into(),
            lang,
        };
        let sources = provenance(&cx, &l, "LM-20", Some("no_match"));
        let source = |q: &str| sources.iter().find(|(x, _)| x == q).map(|(_, s)| *s);
        assert_eq!(source("cs_covert"), Some("product"));
        assert_eq!(source("item_name"), Some("product"));
        assert_eq!(source("destination_country"), Some("lead"));
        assert_eq!(source("end_user_name"), Some("lead"));
        assert_eq!(source("consignee_name"), Some("lead"));
        assert_eq!(source("end_user_type"), Some("lead"));
        assert_eq!(source("exporter_member_state"), Some("settings"));
        assert_eq!(source("party_screening"), Some("screening"));

        let draft = draft_for(
            &cx,
            &l,
            "LM-20",
            Some("no_match"),
            "a-1",
            "2026-12-01T10:00:00Z",
        );
        assert_eq!(draft.id, "a-1");
        assert_eq!(
            draft.title,
            "LawfulMon 20 analytics suite – Acme Networks Inc (US)"
        );
        assert!(!draft.answers.contains_key("party_screening"));
        assert_eq!(
            draft
                .answers
                .get("destination_country")
                .and_then(|v| v.as_one()),
            Some("US")
        );
        assert_eq!(
            draft
                .made_under
                .as_ref()
                .map(|m| m.rule_set_version.as_str()),
            Some("2.0.0")
        );
        for (q, _) in sources.iter().filter(|(q, _)| q != "party_screening") {
            assert!(draft.answers.contains_key(q), "{q} not pre-filled");
        }
        let note = draft.answers["record_notes"].as_one().unwrap().to_string();
        let words: &[&str] = match lang {
            Lang::En => &["From the product “LawfulMon 20 analytics suite” (id LM-20, classified on 2026-11-02", "row 7", "From the settings", "Every answer can be changed"],
            Lang::De => &["Aus dem Produkt „LawfulMon 20 analytics suite“ (ID LM-20, eingestuft am 2026-11-02", "Zeile 7", "Aus den Einstellungen", "Jede Antwort kann geändert werden"],
        };
        for w in words {
            assert!(note.contains(w), "{lang:?}: {w:?} not in {note}");
        }
        // Short question labels and the titles of the item test's
        // section, in the draft's language.
        for q in ["destination_country", "end_user_name"] {
            let label = rules.question(q).unwrap().text.get(lang);
            assert!(
                note.contains(label.trim()),
                "{lang:?}: {label} not in {note}"
            );
        }
        let item = rules.section("item").unwrap().title.get(lang);
        assert!(
            note.contains(&format!(
                "8 {}",
                match lang {
                    Lang::En => "answer(s) in the section",
                    Lang::De => "Antwort(en) im Abschnitt",
                }
            )),
            "{note}"
        );
        assert!(note.contains(item.trim()), "{lang:?}: {item} not in {note}");
        // The draft is a valid saved assessment.
        let again = export_assessor::core::session::Draft::parse(&draft.to_json()).unwrap();
        assert_eq!(again, draft);
    }
    assert_eq!(lead_key("leads.xlsx", &l), "leads.xlsx#7:Acme Networks Inc");
}
