//! The triage as a file for the sales meeting: one line per lead and
//! product, with the class, the reasons, the lists used (date, checksum)
//! and the rule-set version; then one line per bad row (class
//! `not_triaged`, with the reason). CSV (the `csv` crate) and .xlsx
//! (`rust_xlsxwriter`); both from [`lines`], whose cells are cleaned as
//! `screening::batch::clean_cell` (no formula, no bidirectional controls),
//! so the CLI, the app's CSV and its workbook say the same.
//!
//! Deterministic: the same rows give the same bytes. The workbook's
//! creation date is the caller's `today` (the crate's constructor stamps
//! the clock's time, which is replaced before anything is written), and
//! its zip entries carry the crate's fixed 1980-01-01 time.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

use super::engine::{LeadHit, ProductTriage, TriageRow};
use super::mapping::BadRow;
use crate::core::screening::batch::clean_cell;
use crate::core::screening::record::ListStamp;

/// What every exported line carries besides the row.
pub struct ExportHead<'a> {
    pub rule_set: &'a str,
    pub rule_set_version: &'a str,
    pub lists: &'a [ListStamp],
    /// The day of the triage (YYYY-MM-DD).
    pub today: &'a str,
}

/// The export's columns (CSV header and the workbook's first row).
/// `lead_class` is the lead's (its most urgent product's) class, `class`
/// the product's; a bad row's class is `not_triaged` and `bad_row` its kind.
pub const CSV_HEADER: &[&str] = &[
    "row",
    "company",
    "country",
    "end_user_type",
    "consignee",
    "product",
    "lead_class",
    "class",
    "outcome",
    "needs_review",
    "rules",
    "findings",
    "open_questions",
    "reasons",
    "screening",
    "hits",
    "note",
    "bad_row",
    "triaged_on",
    "rule_set",
    "rule_set_version",
    "lists",
];

/// The class written for a bad row.
pub const NOT_TRIAGED: &str = "not_triaged";

/// Excel's limit on a cell's text; longer text is cut with a marker.
const XLSX_MAX_CHARS: usize = 32_767;

/// The lists used, as one cell: "label (date, sha256 first 12)" joined by "; ".
pub fn lists_cell(lists: &[ListStamp]) -> String {
    lists
        .iter()
        .map(|l| {
            let hex = l.sha256.strip_prefix("sha256:").unwrap_or(&l.sha256);
            let short: String = hex.chars().take(12).collect();
            let date = l.generated.as_deref().unwrap_or("no date");
            format!("{} ({date}, sha256 {short})", l.label)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A hit as text: "party: list entry (name, score 0.912)", and whether the
/// company register suppresses it.
fn hit_cell(h: &LeadHit) -> String {
    let mut s = format!(
        "{}: {} {} ({}, score {}.{:03})",
        h.party,
        h.list,
        h.entry_id,
        h.matched_name,
        h.score / 1000,
        h.score % 1000
    );
    if h.suppressed {
        s.push_str(", not a match per the company register");
    }
    s
}

fn open_cell(p: &ProductTriage) -> String {
    [
        ("product", &p.open_product),
        ("lead", &p.open_lead),
        ("assessment", &p.open_assessment),
    ]
    .iter()
    .filter(|(_, q)| !q.is_empty())
    .map(|(who, q)| format!("{who}: {}", q.join(", ")))
    .collect::<Vec<_>>()
    .join("; ")
}

/// The table lines (CSV_HEADER order), shared by CSV and xlsx: per row one
/// line per product (a row without products gives one line with the
/// product's columns empty), then one line per bad row.
pub fn lines(rows: &[TriageRow], bad: &[BadRow], head: &ExportHead) -> Vec<Vec<String>> {
    let lists = lists_cell(head.lists);
    let tail = |bad_row: &str| {
        [
            bad_row.to_string(),
            head.today.to_string(),
            head.rule_set.to_string(),
            head.rule_set_version.to_string(),
            lists.clone(),
        ]
    };
    let mut out = Vec::new();
    for r in rows {
        let l = &r.lead;
        let hits = r.hits.iter().map(hit_cell).collect::<Vec<_>>().join("; ");
        let lead = [
            r.lead.row.to_string(),
            l.company.clone(),
            l.country.clone(),
            l.end_user_type.clone().unwrap_or_default(),
            l.consignee.clone().unwrap_or_default(),
        ];
        let empty = [ProductTriage::blank(r)];
        let products = if r.products.is_empty() {
            &empty[..]
        } else {
            &r.products[..]
        };
        for p in products {
            let mut line: Vec<String> = lead.to_vec();
            line.extend([
                p.product.clone(),
                r.class.name().to_string(),
                if p.product.is_empty() {
                    String::new()
                } else {
                    p.class.name().to_string()
                },
                if p.product.is_empty() {
                    String::new()
                } else {
                    p.outcome.name().to_string()
                },
                if p.needs_review { "yes" } else { "no" }.to_string(),
                p.rules.join("; "),
                p.findings.join("; "),
                open_cell(p),
                p.reasons.join("; "),
                r.screening_answer.clone().unwrap_or_default(),
                hits.clone(),
                l.note.clone().unwrap_or_default(),
            ]);
            line.extend(tail(""));
            out.push(line);
        }
    }
    for b in bad {
        let mut line = vec![b.row.to_string(), b.company.clone()];
        line.extend(std::iter::repeat_n(String::new(), 4));
        line.extend([NOT_TRIAGED.to_string(), NOT_TRIAGED.to_string()]);
        line.extend(std::iter::repeat_n(String::new(), 5));
        line.push(b.reason.clone());
        line.extend(std::iter::repeat_n(String::new(), 3));
        line.extend(tail(&b.kind));
        out.push(line);
    }
    for line in &mut out {
        for cell in line.iter_mut() {
            *cell = clean_cell(cell);
        }
    }
    out
}

impl ProductTriage {
    /// The product columns of a row that names no product.
    fn blank(r: &TriageRow) -> ProductTriage {
        ProductTriage {
            product: String::new(),
            class: r.class,
            outcome: crate::core::outcome::Outcome::Incomplete,
            rules: Vec::new(),
            findings: Vec::new(),
            open_product: Vec::new(),
            open_lead: Vec::new(),
            open_assessment: Vec::new(),
            reasons: Vec::new(),
            needs_review: false,
        }
    }
}

/// The export as CSV (header, then `lines`; LF line ends).
pub fn to_csv(rows: &[TriageRow], bad: &[BadRow], head: &ExportHead) -> String {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to memory fails only when out of memory.
    let _ = w.write_record(CSV_HEADER);
    for line in lines(rows, bad, head) {
        let _ = w.write_record(&line);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The export as an .xlsx workbook: one sheet "Triage", the header bold,
/// frozen and filtered; every cell a string (never a formula).
pub fn to_xlsx(rows: &[TriageRow], bad: &[BadRow], head: &ExportHead) -> Result<Vec<u8>, String> {
    let fail = |e: rust_xlsxwriter::XlsxError| format!("the workbook cannot be written: {e}");
    let created = ExcelDateTime::parse_from_str(head.today).map_err(|_| {
        format!(
            "the triage date \"{}\" is not a date (YYYY-MM-DD)",
            head.today
        )
    })?;
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title("Lead triage")
            .set_creation_datetime(&created),
    );
    let ws = wb.add_worksheet();
    ws.set_name("Triage").map_err(fail)?;
    let bold = Format::new().set_bold();
    for (c, h) in CSV_HEADER.iter().enumerate() {
        let c = u16::try_from(c).map_err(|_| "too many columns".to_string())?;
        ws.write_string_with_format(0, c, *h, &bold).map_err(fail)?;
    }
    let all = lines(rows, bad, head);
    for (r, line) in all.iter().enumerate() {
        let r = u32::try_from(r)
            .ok()
            .and_then(|r| r.checked_add(1))
            .filter(|&r| r < 1_048_576)
            .ok_or_else(|| "more lines than a worksheet holds (1,048,575)".to_string())?;
        for (c, cell) in line.iter().enumerate() {
            let c = u16::try_from(c).map_err(|_| "too many columns".to_string())?;
            if cell.is_empty() {
                continue;
            }
            let text = match cell.char_indices().nth(XLSX_MAX_CHARS - 20) {
                Some((i, _)) => format!("{} [cut: too long]", &cell[..i]),
                None => cell.clone(),
            };
            ws.write_string(r, c, text).map_err(fail)?;
        }
    }
    let last_row = u32::try_from(all.len()).unwrap_or(0);
    let last_col = u16::try_from(CSV_HEADER.len().saturating_sub(1)).unwrap_or(0);
    ws.set_freeze_panes(1, 0).map_err(fail)?;
    ws.autofilter(0, 0, last_row, last_col).map_err(fail)?;
    for (c, h) in CSV_HEADER.iter().enumerate() {
        let width = match *h {
            "company" | "reasons" | "hits" | "rules" | "findings" | "open_questions" | "lists" => {
                30.0
            }
            "row" | "country" => 8.0,
            _ => 14.0,
        };
        let c = u16::try_from(c).map_err(|_| "too many columns".to_string())?;
        ws.set_column_width(c, width).map_err(fail)?;
    }
    wb.save_to_buffer().map_err(fail)
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read};

    use super::*;
    use crate::core::outcome::Outcome;
    use crate::core::triage::mapping::TriageLead;
    use crate::core::triage::sheet::read_sheet;
    use crate::core::triage::TriageClass;

    fn product(id: &str, class: TriageClass, outcome: Outcome) -> ProductTriage {
        ProductTriage {
            product: id.into(),
            class,
            outcome,
            rules: vec!["rule_a".into(), "rule_b".into()],
            findings: vec!["red_flag_x".into()],
            open_product: vec![],
            open_lead: vec!["end_user_type".into()],
            open_assessment: vec!["awareness".into(), "red_flags".into()],
            reasons: vec!["Why, in words.".into()],
            needs_review: id == "P2",
        }
    }

    fn rows() -> Vec<TriageRow> {
        vec![
            TriageRow {
                lead: TriageLead {
                    row: 2,
                    company: "=HYPERLINK(\"http://x\") \u{202E}Co".into(),
                    country: "DE".into(),
                    products: vec!["P1".into(), "P2".into()],
                    end_user_type: Some("government".into()),
                    consignee: None,
                    note: Some("call, \"soon\"".into()),
                },
                class: TriageClass::LicenceNeeded,
                products: vec![
                    product(
                        "P1",
                        TriageClass::LicenceNeeded,
                        Outcome::AuthorisationRequired,
                    ),
                    product("P2", TriageClass::Assess, Outcome::Escalate),
                ],
                hits: vec![LeadHit {
                    party: "company".into(),
                    list: "EU".into(),
                    entry_id: "EU.1".into(),
                    matched_name: "Hyper Co".into(),
                    score: 912,
                    suppressed: true,
                }],
                screening_answer: Some("no_match".into()),
            },
            TriageRow {
                lead: TriageLead {
                    row: 4,
                    company: "Beta".into(),
                    country: "FR".into(),
                    products: vec![],
                    end_user_type: None,
                    consignee: Some("Dist".into()),
                    note: None,
                },
                class: TriageClass::NotInScope,
                products: vec![],
                hits: vec![],
                screening_answer: None,
            },
        ]
    }

    fn bad() -> Vec<BadRow> {
        vec![BadRow {
            row: 3,
            kind: "unknown_country".into(),
            reason: "row 3: the country \"Atlantis\" is unknown".into(),
            company: "-Gamma".into(),
        }]
    }

    fn lists() -> Vec<ListStamp> {
        vec![ListStamp {
            key: "eu-fsf".into(),
            label: "EU FSF".into(),
            format: "eu-fsf".into(),
            generated: Some("2026-11-30".into()),
            sha256: "sha256:0123456789abcdef0123".into(),
            entries: 10,
            warning: None,
        }]
    }

    fn head(lists: &[ListStamp]) -> ExportHead<'_> {
        ExportHead {
            rule_set: "eu-2021-821",
            rule_set_version: "3.1",
            lists,
            today: "2026-03-09",
        }
    }

    fn col(name: &str) -> usize {
        CSV_HEADER.iter().position(|h| *h == name).unwrap()
    }

    #[test]
    fn one_line_per_lead_and_product_then_bad_rows() {
        let l = lists();
        let out = lines(&rows(), &bad(), &head(&l));
        assert_eq!(out.len(), 4);
        assert!(out.iter().all(|line| line.len() == CSV_HEADER.len()));
        let get = |i: usize, c: &str| out[i][col(c)].as_str();
        assert_eq!(get(0, "product"), "P1");
        assert_eq!(get(0, "lead_class"), "licence_needed");
        assert_eq!(get(0, "class"), "licence_needed");
        assert_eq!(get(1, "class"), "assess");
        assert_eq!(get(1, "lead_class"), "licence_needed");
        assert_eq!(get(1, "outcome"), "escalate");
        assert_eq!(get(1, "needs_review"), "yes");
        assert_eq!(get(0, "rules"), "rule_a; rule_b");
        assert_eq!(
            get(0, "open_questions"),
            "lead: end_user_type; assessment: awareness, red_flags"
        );
        assert_eq!(
            get(0, "hits"),
            "company: EU EU.1 (Hyper Co, score 0.912), not a match per the company register"
        );
        assert_eq!(get(0, "lists"), "EU FSF (2026-11-30, sha256 0123456789ab)");
        assert_eq!(get(0, "rule_set_version"), "3.1");
        assert_eq!(get(0, "triaged_on"), "2026-03-09");
        // Formula defused, bidi control removed.
        assert_eq!(get(0, "company"), "'=HYPERLINK(\"http://x\") Co");
        // A lead without products: one line, product columns empty.
        assert_eq!(
            (get(2, "row"), get(2, "product"), get(2, "class")),
            ("4", "", "")
        );
        assert_eq!(get(2, "lead_class"), "not_in_scope");
        assert_eq!(get(2, "consignee"), "Dist");
        // The bad row.
        assert_eq!(get(3, "row"), "3");
        assert_eq!(get(3, "company"), "'-Gamma");
        assert_eq!(get(3, "class"), NOT_TRIAGED);
        assert_eq!(get(3, "bad_row"), "unknown_country");
        assert!(get(3, "reasons").contains("Atlantis"));
    }

    #[test]
    fn csv_round_trips_through_the_csv_crate() {
        let l = lists();
        let text = to_csv(&rows(), &bad(), &head(&l));
        let mut r = ::csv::ReaderBuilder::new().from_reader(text.as_bytes());
        assert_eq!(r.headers().unwrap().iter().collect::<Vec<_>>(), CSV_HEADER);
        let got: Vec<Vec<String>> = r
            .records()
            .map(|x| x.unwrap().iter().map(str::to_string).collect())
            .collect();
        assert_eq!(got, lines(&rows(), &bad(), &head(&l)));
        assert_eq!(text, to_csv(&rows(), &bad(), &head(&l)));
    }

    fn entry(xlsx: &[u8], name: &str) -> String {
        let mut z = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
        let mut s = String::new();
        z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    }

    #[test]
    fn xlsx_is_deterministic_and_dated_by_the_caller() {
        let l = lists();
        let a = to_xlsx(&rows(), &bad(), &head(&l)).unwrap();
        let b = to_xlsx(&rows(), &bad(), &head(&l)).unwrap();
        assert_eq!(a, b);
        let core = entry(&a, "docProps/core.xml");
        assert!(core.contains("2026-03-09T00:00:00Z"), "{core}");
        let other = ExportHead {
            today: "2026-03-10",
            ..head(&l)
        };
        assert_ne!(a, to_xlsx(&rows(), &bad(), &other).unwrap());
        let e = to_xlsx(
            &rows(),
            &bad(),
            &ExportHead {
                today: "soon",
                ..head(&l)
            },
        )
        .unwrap_err();
        assert!(e.contains("\"soon\""), "{e}");
    }

    #[test]
    fn xlsx_reads_back_as_the_lines_with_a_frozen_filtered_header() {
        let l = lists();
        let bytes = to_xlsx(&rows(), &bad(), &head(&l)).unwrap();
        let sheet = read_sheet("export.xlsx", &bytes).unwrap();
        assert_eq!(sheet.header.as_deref().unwrap(), CSV_HEADER);
        let want = lines(&rows(), &bad(), &head(&l));
        let got: Vec<Vec<String>> = sheet.rows.iter().map(|(_, r)| r.clone()).collect();
        for (g, w) in got.iter().zip(&want) {
            let mut w = w.clone();
            while w.last().is_some_and(String::is_empty) {
                w.pop();
            }
            assert_eq!(g, &w);
        }
        assert_eq!(got.len(), want.len());
        let xml = entry(&bytes, "xl/worksheets/sheet1.xml");
        assert!(xml.contains("state=\"frozen\""), "{xml}");
        assert!(xml.contains("<autoFilter ref=\"A1:V5\""), "{xml}");
        // No formula element anywhere: every cell is a string.
        assert!(!xml.contains(concat!("<", "f>")), "no formula: {xml}");
        let styles = entry(&bytes, "xl/styles.xml");
        assert!(styles.contains(concat!("<", "b/>")), "{styles}");
    }
}
