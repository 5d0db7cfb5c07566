//! Lead-file fixtures (`tests/fixtures/triage/`): generated here, so they
//! are reproducible, and read back through `read_sheet`, `guess` and
//! `apply` against the shared test catalogue. The hostile set must be
//! refused with a located error (or, for cells that are text all the same,
//! read and exported cleaned), never panic.
//!
//! `TRIAGE_FIXTURES_WRITE=1 cargo test --test triage_sheets` rewrites the
//! files; without it the test fails when a committed file differs from what
//! the generator makes.

use std::io::{Cursor, Read, Write};

use export_assessor::core::screening::record::ListStamp;
use export_assessor::core::triage::catalogue::Catalogue;
use export_assessor::core::triage::engine::TriageRow;
use export_assessor::core::triage::export::{self, ExportHead};
use export_assessor::core::triage::mapping::{self, BadRow, TriageLead};
use export_assessor::core::triage::profile::TriageProfile;
use export_assessor::core::triage::sheet::{read_sheet, read_sheet_in, SheetFormat};
use export_assessor::core::{Destinations, RuleSet};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

fn root() -> String {
    format!("{}/tests/fixtures/triage", env!("CARGO_MANIFEST_DIR"))
}

/// The leads every "good" fixture holds, in the same order: company,
/// country as written, products as written, end-user type as written,
/// consignee, note.
const LEADS: [[&str; 6]; 7] = [
    [
        "Acme Networks Inc",
        "US",
        "NX-500",
        "private_company",
        "",
        "quote in Q1",
    ],
    [
        "Bayern Analytics GmbH",
        "Germany",
        "LM-20",
        "Telecom operator or internet service provider",
        "",
        "",
    ],
    [
        "Minsk Defence Supply",
        "BY",
        "NX-500; RT-1",
        "armed_forces",
        "",
        "trade fair",
    ],
    [
        "Great Wall Data Co",
        "cn",
        "LawfulMon 20 analytics suite",
        "",
        "",
        "",
    ],
    [
        "Orphan Row Ltd",
        "Atlantis",
        "RT-1",
        "",
        "",
        "unknown country",
    ],
    [
        "Widget Buyer SA",
        "FR",
        "WIDGET-9",
        "",
        "",
        "unknown product",
    ],
    [
        "Tekhnopribor LLC",
        "RU",
        "RT-1",
        "Private company",
        "Minsk Defence Supply",
        "",
    ],
];

/// The German file: Windows-1252, ';', German headers, names and labels.
const LEADS_DE: [[&str; 6]; 4] = [
    [
        "Müller Überwachung GmbH",
        "Österreich",
        "NX-500",
        "Privatunternehmen",
        "",
        "Messe Düsseldorf",
    ],
    [
        "Société Générale de Sécurité",
        "Frankreich",
        "LM-20|RT-1",
        "Regierungsstelle oder Ministerium",
        "",
        "",
    ],
    [
        "Belarus Handel",
        "Belarus",
        "RT-1",
        "Streitkräfte oder bewaffnete Gruppe",
        "Zwischenhändler AG",
        "",
    ],
    ["Ohne Land KG", "", "RT-1", "", "", "Land fehlt"],
];

fn csv_of(header: &[&str], rows: &[[&str; 6]], delim: u8) -> String {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delim)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(header).unwrap();
    for (i, r) in rows.iter().enumerate() {
        w.write_record(r).unwrap();
        if i == 3 {
            // A blank row inside the data.
            w.write_record(["", "", "", "", "", ""]).unwrap();
        }
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

fn windows_1252(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match u32::from(c) {
            n @ (0..=0x7f | 0xa0..=0xff) => n as u8,
            _ => panic!("not in Windows-1252's Latin-1 range: {c}"),
        })
        .collect()
}

fn workbook(build: impl FnOnce(&mut Workbook)) -> Vec<u8> {
    let mut wb = Workbook::new();
    let day = ExcelDateTime::parse_from_str("2026-12-01").unwrap();
    wb.set_properties(&DocProperties::new().set_creation_datetime(&day));
    build(&mut wb);
    wb.save_to_buffer().unwrap()
}

fn leads_xlsx() -> Vec<u8> {
    workbook(|wb| {
        let ws = wb.add_worksheet();
        ws.set_name("Leads").unwrap();
        let head = [
            "Customer",
            "Destination country",
            "Product IDs",
            "Qty",
            "First contact",
            "End-user type",
            "Consignee",
            "Notes",
        ];
        let bold = Format::new().set_bold();
        for (c, h) in head.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &bold).unwrap();
        }
        let date = Format::new().set_num_format("dd.mm.yyyy");
        let mut r = 1;
        for (i, l) in LEADS.iter().enumerate() {
            ws.write_string(r, 0, l[0]).unwrap();
            ws.write_string(r, 1, l[1]).unwrap();
            ws.write_string(r, 2, l[2]).unwrap();
            ws.write_number(r, 3, (i as f64 + 1.0) * 10.0).unwrap();
            let d = ExcelDateTime::from_ymd(2026, 11, 1 + i as u8).unwrap();
            ws.write_datetime_with_format(r, 4, &d, &date).unwrap();
            for (c, v) in [(5, l[3]), (6, l[4]), (7, l[5])] {
                if !v.is_empty() {
                    ws.write_string(r, c, v).unwrap();
                }
            }
            r += if i == 3 { 2 } else { 1 };
        }
        let notes = wb.add_worksheet();
        notes.set_name("Notes").unwrap();
        notes
            .write_string(0, 0, "Not read: only the first sheet holds leads")
            .unwrap();
    })
}

/// The triage page's e2e leads (tests/e2e/triage.test.mjs): one per class
/// by design, a company on the UN test list, and two bad rows; written as
/// CSV and as an .xlsx twin.
const PAGE_HEADER: [&str; 5] = ["Company", "Country", "Products", "End-user type", "Note"];
const PAGE_LEADS: [[&str; 5]; 8] = [
    [
        "Acme Networks Inc",
        "US",
        "NX-500",
        "private_company",
        "licence",
    ],
    [
        "Acme Networks Inc",
        "US",
        "LM-20",
        "private_company",
        "low risk",
    ],
    ["Borealis SA", "FR", "LM-20", "reseller", "intra-EU"],
    [
        "Great Wall Analytics",
        "CN",
        "LM-20",
        "private_company",
        "assess",
    ],
    [
        "Minsk Defence Systems",
        "BY",
        "NX-500",
        "armed_forces",
        "stop",
    ],
    [
        "Korea Zeus Trading Corporation",
        "AE",
        "LM-20",
        "private_company",
        "listed",
    ],
    [
        "Nowhere Ltd",
        "Atlantis",
        "LM-20",
        "private_company",
        "bad country",
    ],
    [
        "Acme Networks Inc",
        "US",
        "XX-9",
        "private_company",
        "bad product",
    ],
];

fn page_leads_csv() -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(PAGE_HEADER).unwrap();
    for l in PAGE_LEADS {
        w.write_record(l).unwrap();
    }
    w.into_inner().unwrap()
}

fn page_leads_xlsx() -> Vec<u8> {
    workbook(|wb| {
        let ws = wb.add_worksheet();
        for (c, h) in PAGE_HEADER.iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for (r, l) in PAGE_LEADS.iter().enumerate() {
            for (c, v) in l.iter().enumerate() {
                ws.write_string(r as u32 + 1, c as u16, *v).unwrap();
            }
        }
    })
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().last_modified_time(zip::DateTime::default());
    for (name, data) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// The xlsx with its worksheet's declared size understated (local header
/// and central directory): the zip reader must stop, not inflate on.
fn lying_size() -> Vec<u8> {
    let mut bytes = workbook(|wb| {
        let ws = wb.add_worksheet();
        for r in 0..200 {
            ws.write_string(r, 0, "ACME GmbH").unwrap();
        }
    });
    let name = b"xl/worksheets/sheet1.xml";
    let local = bytes.windows(name.len()).position(|w| w == name).unwrap() - 30;
    bytes[local + 22..local + 26].copy_from_slice(&10u32.to_le_bytes());
    let central = bytes.windows(name.len()).rposition(|w| w == name).unwrap() - 46;
    bytes[central + 24..central + 28].copy_from_slice(&10u32.to_le_bytes());
    bytes
}

/// Every fixture file and its bytes.
fn fixtures() -> Vec<(&'static str, Vec<u8>)> {
    let en = [
        "Company",
        "Country",
        "Products",
        "End-user type",
        "Consignee",
        "Note",
    ];
    let de = [
        "Firma",
        "Land",
        "Artikel",
        "Kundentyp",
        "Empfänger",
        "Bemerkung",
    ];
    let leads = leads_xlsx();
    let mut old_xls = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1".to_vec();
    old_xls.resize(512, 0);
    let wide_csv = format!(
        "Company,Country,Products\r\nACME,DE,NX-500{}\r\n",
        ",x".repeat(300)
    );
    vec![
        ("leads.csv", csv_of(&en, &LEADS, b',').into_bytes()),
        ("leads-de.csv", windows_1252(&csv_of(&de, &LEADS_DE, b';'))),
        ("leads.xlsx", leads.clone()),
        ("page/leads.csv", page_leads_csv()),
        ("page/leads.xlsx", page_leads_xlsx()),
        (
            "hostile/bomb.xlsx",
            zip_of(&[
                ("[Content_Types].xml", b"<Types/>"),
                ("xl/workbook.xml", b"<workbook/>"),
                ("xl/worksheets/sheet1.xml", &vec![b' '; 8 * 1024 * 1024]),
            ]),
        ),
        ("hostile/not-an-xlsx.zip", zip_of(&[("readme.txt", b"leads are elsewhere")])),
        (
            "hostile/spreadsheet.ods",
            zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.spreadsheet")]),
        ),
        ("hostile/truncated.xlsx", leads[..leads.len() / 2].to_vec()),
        ("hostile/old.xls", old_xls),
        ("hostile/lying-size.xlsx", lying_size()),
        (
            "hostile/far-cell.xlsx",
            workbook(|wb| {
                let ws = wb.add_worksheet();
                ws.write_string(0, 0, "Company").unwrap();
                ws.write_string(1_048_575, 16_383, "far away").unwrap();
            }),
        ),
        (
            "hostile/unclosed-quote.csv",
            b"Company,Country,Products\r\nACME,\"DE,NX-500\r\nBeta,FR,RT-1\r\n".to_vec(),
        ),
        ("hostile/too-wide.csv", wide_csv.into_bytes()),
        (
            "hostile/formula-bidi.csv",
            "Company,Country,Products,Note\r\n=HYPERLINK(\"http://evil\"),DE,NX-500,@SUM(1)\r\nCo\u{202e}moc.evil,FR,RT-1,+1\r\n"
                .as_bytes()
                .to_vec(),
        ),
    ]
}

#[test]
fn fixtures_are_what_the_generator_makes() {
    let write = std::env::var_os("TRIAGE_FIXTURES_WRITE").is_some();
    for (name, bytes) in fixtures() {
        let path = format!("{}/{name}", root());
        if write {
            std::fs::create_dir_all(std::path::Path::new(&path).parent().unwrap()).unwrap();
            std::fs::write(&path, &bytes).unwrap();
        }
        let on_disk = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(
            on_disk == bytes,
            "{name} differs from the generator: TRIAGE_FIXTURES_WRITE=1 cargo test --test triage_sheets"
        );
    }
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/{name}", root())).unwrap()
}

fn catalogue() -> Catalogue {
    let rules = RuleSet::eu_default().unwrap();
    let d = Destinations::builtin().unwrap();
    let profile = TriageProfile::eu_default(rules).unwrap();
    let bytes = std::fs::read(format!(
        "{}/tests/triage-cases/catalogue.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    Catalogue::parse(&bytes, rules, &d, &profile).unwrap()
}

fn read(name: &str) -> (Vec<TriageLead>, Vec<BadRow>, usize) {
    let d = Destinations::builtin().unwrap();
    let rules = RuleSet::eu_default().unwrap();
    let sheet = read_sheet_in(name, &fixture(name), &d).unwrap();
    assert!(sheet.header.is_some(), "{name}: header");
    let m = mapping::guess(&sheet);
    mapping::check(&sheet, &m).unwrap_or_else(|e| panic!("{name}: {e}"));
    let types = mapping::end_user_types(rules, "end_user_type");
    let (leads, bad) = mapping::apply(&sheet, &m, &catalogue(), &d, &types);
    (leads, bad, sheet.blank_rows)
}

type Short<'a> = (usize, &'a str, &'a str, String, Option<&'a str>);

fn short(leads: &[TriageLead]) -> Vec<Short<'_>> {
    leads
        .iter()
        .map(|l| {
            (
                l.row,
                l.company.as_str(),
                l.country.as_str(),
                l.products.join("+"),
                l.end_user_type.as_deref(),
            )
        })
        .collect()
}

fn kinds(bad: &[BadRow]) -> Vec<(usize, &str)> {
    bad.iter().map(|b| (b.row, b.kind.as_str())).collect()
}

#[test]
fn english_csv_and_xlsx_give_the_same_leads() {
    let (csv_leads, csv_bad, csv_blank) = read("leads.csv");
    let want = vec![
        (
            2,
            "Acme Networks Inc",
            "US",
            "NX-500".to_string(),
            Some("private_company"),
        ),
        (
            3,
            "Bayern Analytics GmbH",
            "DE",
            "LM-20".to_string(),
            Some("telecom_operator"),
        ),
        (
            4,
            "Minsk Defence Supply",
            "BY",
            "NX-500+RT-1".to_string(),
            Some("armed_forces"),
        ),
        (5, "Great Wall Data Co", "CN", "LM-20".to_string(), None),
        (
            9,
            "Tekhnopribor LLC",
            "RU",
            "RT-1".to_string(),
            Some("private_company"),
        ),
    ];
    assert_eq!(short(&csv_leads), want);
    assert_eq!(
        kinds(&csv_bad),
        [(7, "unknown_country"), (8, "unknown_product")]
    );
    assert_eq!(csv_bad[0].company, "Orphan Row Ltd");
    assert_eq!(csv_blank, 1);
    assert_eq!(
        csv_leads[4].consignee.as_deref(),
        Some("Minsk Defence Supply")
    );
    assert_eq!(csv_leads[0].note.as_deref(), Some("quote in Q1"));

    let (x_leads, x_bad, x_blank) = read("leads.xlsx");
    // Same leads, same row numbers (the xlsx has its blank row at row 6 too).
    assert_eq!(short(&x_leads), want);
    assert_eq!(kinds(&x_bad), kinds(&csv_bad));
    assert_eq!(x_blank, 1);
    let sheet = read_sheet("leads.xlsx", &fixture("leads.xlsx")).unwrap();
    assert_eq!(sheet.format, SheetFormat::Xlsx);
    assert!(sheet.read_as.contains("'Leads'"), "{}", sheet.read_as);
    // Numbers without ".0", dates as ISO days.
    assert_eq!(sheet.rows[0].1[3], "10");
    assert_eq!(sheet.rows[0].1[4], "2026-11-01");
}

#[test]
fn german_windows_1252_semicolon_file() {
    let sheet = read_sheet("leads-de.csv", &fixture("leads-de.csv")).unwrap();
    assert!(sheet.read_as.contains("Windows-1252"), "{}", sheet.read_as);
    assert!(sheet.read_as.contains("';'"), "{}", sheet.read_as);
    let (leads, bad, _) = read("leads-de.csv");
    assert_eq!(
        short(&leads),
        vec![
            (
                2,
                "Müller Überwachung GmbH",
                "AT",
                "NX-500".to_string(),
                Some("private_company")
            ),
            (
                3,
                "Société Générale de Sécurité",
                "FR",
                "LM-20+RT-1".to_string(),
                Some("government")
            ),
            (
                4,
                "Belarus Handel",
                "BY",
                "RT-1".to_string(),
                Some("armed_forces")
            ),
        ]
    );
    assert_eq!(leads[2].consignee.as_deref(), Some("Zwischenhändler AG"));
    assert_eq!(kinds(&bad), [(5, "no_country")]);
}

/// The hostile set: each refused with a located error naming the problem,
/// quickly; the text cells read and exported cleaned.
#[test]
fn hostile_files_are_refused_with_a_reason() {
    let cases: [(&str, &str, &str); 9] = [
        (
            "hostile/bomb.xlsx",
            "zip entry 'xl/worksheets/sheet1.xml'",
            "inflate",
        ),
        (
            "hostile/not-an-xlsx.zip",
            "whole file",
            "zip file but not an .xlsx",
        ),
        ("hostile/spreadsheet.ods", "whole file", ".ods"),
        ("hostile/truncated.xlsx", "whole file", "cannot be read"),
        ("hostile/old.xls", "whole file", ".xls"),
        (
            "hostile/lying-size.xlsx",
            "whole file",
            "larger than its declared",
        ),
        ("hostile/far-cell.xlsx", "row 1048576", "16384 columns"),
        ("hostile/unclosed-quote.csv", "line 2", "not closed"),
        ("hostile/too-wide.csv", "line 2", "303 columns"),
    ];
    for (name, at, what) in cases {
        let t = std::time::Instant::now();
        let e = read_sheet(name, &fixture(name)).expect_err(name);
        assert_eq!(e.location, format!("{name}: {at}"), "{name}");
        assert!(e.problem.contains(what), "{name}: {}", e.problem);
        assert!(!e.fix.is_empty(), "{name}");
        assert!(t.elapsed().as_secs() < 2, "{name} took {:?}", t.elapsed());
    }
}

#[test]
fn formula_and_bidi_cells_are_read_as_text_and_exported_clean() {
    let d = Destinations::builtin().unwrap();
    let sheet = read_sheet("f.csv", &fixture("hostile/formula-bidi.csv")).unwrap();
    let m = mapping::guess(&sheet);
    let (leads, bad) = mapping::apply(&sheet, &m, &catalogue(), &d, &[]);
    assert_eq!(bad, vec![]);
    assert_eq!(leads[0].company, "=HYPERLINK(\"http://evil\")");
    let rows: Vec<TriageRow> = leads
        .into_iter()
        .map(|lead| TriageRow {
            lead,
            class: export_assessor::core::triage::TriageClass::Assess,
            products: vec![],
            hits: vec![],
            screening_answer: None,
        })
        .collect();
    let lists: [ListStamp; 0] = [];
    let head = ExportHead {
        rule_set: "r",
        rule_set_version: "1",
        lists: &lists,
        today: "2026-12-01",
    };
    let csv = export::to_csv(&rows, &[], &head);
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://evil\"\")\""),
        "{csv}"
    );
    assert!(csv.contains("'@SUM(1)") && csv.contains("'+1"), "{csv}");
    assert!(!csv.contains('\u{202e}'), "{csv}");
    let xlsx = export::to_xlsx(&rows, &[], &head).unwrap();
    let back = read_sheet("x.xlsx", &xlsx).unwrap();
    assert_eq!(back.rows[0].1[1], "'=HYPERLINK(\"http://evil\")");
    assert_eq!(back.rows[1].1[1], "Comoc.evil");
}

/// The fuzzer's finding: calamine computes cell positions from the sheet's
/// `r="…"` text in u32 arithmetic that overflowed on hostile references
/// (a panic in debug and fuzz builds; Cargo.toml now lets it wrap, as every
/// release build does). Each such workbook is read or refused, never a panic.
#[test]
fn hostile_cell_references_are_read_or_refused_never_a_panic() {
    let book = fixture("page/leads.xlsx");
    let mut z = zip::ZipArchive::new(Cursor::new(book)).unwrap();
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        entries.push((f.name().unwrap().to_string(), data));
    }
    let sheet = "xl/worksheets/sheet1.xml";
    for bad in [
        "XFD99999999999",
        "A4294967296",
        "A4294967295",
        "ZZZZZZZZZZ1",
        "A0",
        "1A",
        "",
    ] {
        let mutated: Vec<(&str, Vec<u8>)> = entries
            .iter()
            .map(|(n, d)| {
                let d = if n == sheet {
                    let xml = String::from_utf8(d.clone()).unwrap();
                    assert!(xml.contains("r=\"A2\""), "the fixture's sheet names A2");
                    xml.replacen("r=\"A2\"", &format!("r=\"{bad}\""), 1)
                        .into_bytes()
                } else {
                    d.clone()
                };
                (n.as_str(), d)
            })
            .collect();
        let parts: Vec<(&str, &[u8])> = mutated.iter().map(|(n, d)| (*n, d.as_slice())).collect();
        let bytes = zip_of(&parts);
        match read_sheet("hostile.xlsx", &bytes) {
            Ok(s) => assert!(s.rows.len() <= 9, "{bad}: {} rows", s.rows.len()),
            Err(e) => assert!(!e.problem.is_empty(), "{bad}"),
        }
    }
}
