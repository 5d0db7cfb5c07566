//! Screening a file of leads: one row per hit, and the CSV written for it
//! (the same columns from the command line and the app).

use std::collections::HashMap;

use super::index::Screener;
use super::leads::Lead;
use super::parties::recorded;
use super::record::RegisterState;
use super::register::Register;
use crate::core::destinations::Destinations;
use crate::core::text::Lang;

pub const CSV_HEADER: &str = "query_id,query,list,entry_id,matched_name,score,explanation";

/// One hit of one lead (also what the worker sends the screening page).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct HitRow {
    pub query_id: String,
    pub query: String,
    pub country: Option<String>,
    /// The list's label (its file name).
    pub list: String,
    pub list_key: String,
    pub entry_id: String,
    pub matched_name: String,
    pub score: f64,
    pub explanation: String,
    /// `clean` (a lead without a hit: the hit columns are empty), `hit`,
    /// `review_again` or `suppressed_by_register` (see `lead_rows`).
    #[serde(default)]
    pub status: String,
    /// The entry's fingerprint, so a hit can be decided into the register.
    #[serde(default)]
    pub entry_fingerprint: String,
}

/// Country names (English and German) → ISO codes, so lists that write
/// names and leads that write codes compare (`Screener::with_country_codes`
/// folds the names its own way).
pub fn country_codes(destinations: &Destinations) -> HashMap<String, String> {
    destinations
        .countries
        .iter()
        .flat_map(|c| {
            [
                (c.name.en.clone(), c.code.clone()),
                (c.name.de.clone(), c.code.clone()),
            ]
        })
        .collect()
}

/// A country code's names (English, German) from the destination data.
pub fn country_names(destinations: &Destinations, code: &str) -> Vec<String> {
    destinations
        .country(&code.trim().to_uppercase())
        .map(|x| vec![x.name.en.clone(), x.name.de.clone()])
        .unwrap_or_default()
}

/// A hit of a lead with the entry's fingerprint and what the company
/// register says of it.
#[derive(Clone, Debug, PartialEq)]
pub struct MarkedHit {
    /// The lead's position in the batch.
    pub lead: usize,
    pub row: HitRow,
    pub entry_fingerprint: String,
    /// What the register says of the hit, and its decision in words.
    pub register: Option<(RegisterState, String)>,
}

impl MarkedHit {
    /// Suppressed by the register: decided "not a match" and still valid.
    pub fn suppressed(&self) -> bool {
        matches!(&self.register, Some((RegisterState::Suppressed, _)))
    }
}

/// Screens leads as `screen_leads` does, each hit marked with what the
/// company register (if any) says of it on `today`.
pub fn screen_leads_marked(
    screener: &Screener,
    leads: &[Lead],
    destinations: &Destinations,
    threshold: f64,
    lang: Lang,
    register: Option<(&Register, &str)>,
) -> Vec<MarkedHit> {
    let names = |c: &str| country_names(destinations, c);
    let mut out = Vec::new();
    for (i, lead) in leads.iter().enumerate() {
        for hit in screener.screen(&lead.query(names), threshold) {
            let recorded = recorded(screener, &hit, lang);
            let note = register.and_then(|(r, today)| r.mark(&lead.name, &recorded, today, lang));
            out.push(MarkedHit {
                lead: i,
                row: HitRow {
                    query_id: lead.id.clone(),
                    query: lead.name.clone(),
                    country: lead.country.clone(),
                    list: screener.label_of(hit.list),
                    list_key: recorded.list_key,
                    entry_id: recorded.entry_id,
                    matched_name: recorded.matched_name,
                    score: hit.score,
                    explanation: recorded.explanation,
                    status: "hit".into(),
                    entry_fingerprint: recorded.entry_fingerprint.clone(),
                },
                entry_fingerprint: recorded.entry_fingerprint,
                register: note,
            });
        }
    }
    out
}

/// What became of one lead of a batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeadStatus {
    /// No hit.
    Clean,
    /// At least one hit that is neither suppressed nor to review again.
    Hit,
    /// Hits, all of them to review again (the register's decision expired
    /// or the entry changed) or suppressed.
    ReviewAgain,
    /// Hits, all suppressed by the company register.
    Suppressed,
}

impl LeadStatus {
    pub fn name(self) -> &'static str {
        match self {
            LeadStatus::Clean => "clean",
            LeadStatus::Hit => "hit",
            LeadStatus::ReviewAgain => "review_again",
            LeadStatus::Suppressed => "suppressed_by_register",
        }
    }

    /// The status of a lead with these hits.
    pub fn of<'a>(hits: impl IntoIterator<Item = &'a MarkedHit>) -> LeadStatus {
        let mut status = LeadStatus::Clean;
        for h in hits {
            let this = match &h.register {
                None => LeadStatus::Hit,
                Some((RegisterState::Suppressed, _)) => LeadStatus::Suppressed,
                Some(_) => LeadStatus::ReviewAgain,
            };
            status = match (status, this) {
                (LeadStatus::Hit, _) | (_, LeadStatus::Hit) => LeadStatus::Hit,
                (LeadStatus::ReviewAgain, _) | (_, LeadStatus::ReviewAgain) => {
                    LeadStatus::ReviewAgain
                }
                _ => LeadStatus::Suppressed,
            };
        }
        status
    }
}

/// The header of the CSV of every lead (`leads_csv`).
pub const LEADS_CSV_HEADER: &str =
    "query_id,query,status,list,entry_id,matched_name,score,explanation";

/// A cell as written to a CSV file: NUL and bidirectional control
/// characters removed (they hide or reorder text in a spreadsheet), and a
/// leading =, +, - or @ defused with an apostrophe (a spreadsheet would run
/// it as a formula).
pub fn clean_cell(s: &str) -> String {
    let s: String = s
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '\0' | '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
            )
        })
        .collect();
    if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s
    }
}

/// Every lead with its status, one line per hit (a lead without a hit has
/// one line with the hit columns empty), in the leads' order (`hits` as
/// `screen_leads_marked` gives them). A hit the
/// register suppresses or sends back to review says so in its explanation.
/// Written with the `csv` crate; cells through `clean_cell`.
pub fn leads_csv(leads: &[Lead], hits: &[MarkedHit]) -> String {
    rows_csv(&rows_of(leads, hits, true))
}

/// Every lead of `leads` as table rows: one row per hit, with the hit's own
/// status (`hit`, `review_again` or `suppressed_by_register`, the
/// register's decision leading its explanation), and one `clean` row with
/// empty hit columns for a lead without a hit. `hits[i].lead` indexes
/// `leads`.
pub fn lead_rows(leads: &[Lead], hits: &[MarkedHit]) -> Vec<HitRow> {
    rows_of(leads, hits, false)
}

/// The rows of `lead_rows`; with `lead_status`, each line carries its
/// lead's status (its most pressing hit) instead of the hit's own.
fn rows_of(leads: &[Lead], hits: &[MarkedHit], lead_status: bool) -> Vec<HitRow> {
    let mut by_lead: Vec<Vec<&MarkedHit>> = vec![vec![]; leads.len()];
    for h in hits {
        if let Some(v) = by_lead.get_mut(h.lead) {
            v.push(h);
        }
    }
    let mut rows = Vec::new();
    for (lead, mine) in leads.iter().zip(by_lead) {
        if mine.is_empty() {
            rows.push(HitRow {
                query_id: lead.id.clone(),
                query: lead.name.clone(),
                country: lead.country.clone(),
                list: String::new(),
                list_key: String::new(),
                entry_id: String::new(),
                matched_name: String::new(),
                score: 0.0,
                explanation: String::new(),
                status: LeadStatus::Clean.name().into(),
                entry_fingerprint: String::new(),
            });
        }
        let of_lead = LeadStatus::of(mine.iter().copied());
        for h in mine {
            let mut row = h.row.clone();
            row.query_id = lead.id.clone();
            row.query = lead.name.clone();
            let status = if lead_status {
                of_lead
            } else {
                LeadStatus::of([h])
            };
            row.status = status.name().into();
            if let Some((_, note)) = &h.register {
                row.explanation = format!("{note}. {}", row.explanation);
            }
            rows.push(row);
        }
    }
    rows
}

/// Table rows as CSV: `LEADS_CSV_HEADER`, each row's own status, written
/// with the `csv` crate, cells through `clean_cell`; a clean lead's hit
/// columns are empty.
pub fn rows_csv<'a>(rows: impl IntoIterator<Item = &'a HitRow>) -> String {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let header: Vec<&str> = LEADS_CSV_HEADER.split(',').collect();
    let _ = w.write_record(&header);
    for r in rows {
        let score = if r.status == LeadStatus::Clean.name() {
            String::new()
        } else {
            format!("{:.3}", r.score)
        };
        let cells = [
            &r.query_id,
            &r.query,
            &r.status,
            &r.list,
            &r.entry_id,
            &r.matched_name,
            &score,
            &r.explanation,
        ]
        .map(|c| clean_cell(c));
        // Writing to memory fails only when out of memory.
        let _ = w.write_record(&cells);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

pub fn csv_field(s: &str) -> String {
    // A leading =, +, - or @ would make a spreadsheet run the cell as a
    // formula: such text is quoted with a leading apostrophe.
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The rows as CSV with `CSV_HEADER`.
pub fn to_csv<'a>(rows: impl IntoIterator<Item = &'a HitRow>) -> String {
    let mut s = String::from(CSV_HEADER);
    s.push('\n');
    for r in rows {
        s += &[
            csv_field(&r.query_id),
            csv_field(&r.query),
            csv_field(&r.list),
            csv_field(&r.entry_id),
            csv_field(&r.matched_name),
            format!("{:.3}", r.score),
            csv_field(&r.explanation),
        ]
        .join(",");
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lead(id: &str, name: &str) -> Lead {
        Lead {
            id: id.into(),
            name: name.into(),
            country: None,
            birth_year: None,
        }
    }

    fn hit(lead: usize, id: &str, name: &str, register: Option<RegisterState>) -> MarkedHit {
        MarkedHit {
            lead,
            row: HitRow {
                query_id: id.into(),
                query: name.into(),
                country: None,
                list: "sdn.csv".into(),
                list_key: "ofac".into(),
                entry_id: "10001".into(),
                matched_name: "PETROV, Sergei".into(),
                score: 0.9261,
                explanation: "alias".into(),
                status: "hit".into(),
                entry_fingerprint: "sha256:aa".into(),
            },
            entry_fingerprint: "sha256:aa".into(),
            register: register.map(|s| (s, "the register's note".to_string())),
        }
    }

    #[test]
    fn every_lead_is_listed_with_its_status_and_cells_are_cleaned() {
        let leads = [
            lead("L1", "Sergei Petrov"),
            lead("L2", "Anna\u{202E}Schmidt\0"),
            lead("L1", "Sergei Petrov"),
            lead("=HYPERLINK(1)", "x"),
            lead("L5", "Boris, \"B\"\nNew"),
        ];
        let hits = [
            hit(0, "L1", "Sergei Petrov", None),
            hit(2, "L1", "Sergei Petrov", Some(RegisterState::Suppressed)),
            hit(4, "L5", "Boris", Some(RegisterState::Expired)),
        ];
        let csv = leads_csv(&leads, &hits);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], LEADS_CSV_HEADER);
        assert_eq!(
            lines[1],
            "L1,Sergei Petrov,hit,sdn.csv,10001,\"PETROV, Sergei\",0.926,alias"
        );
        assert_eq!(
            lines[2], "L2,AnnaSchmidt,clean,,,,,",
            "NUL and bidi controls removed"
        );
        assert_eq!(
            lines[3],
            "L1,Sergei Petrov,suppressed_by_register,sdn.csv,10001,\"PETROV, Sergei\",0.926,the register's note. alias",
            "a repeated id keeps its own hits"
        );
        assert_eq!(lines[4], "'=HYPERLINK(1),x,clean,,,,,", "formulas defused");
        assert!(
            csv.contains("L5,\"Boris, \"\"B\"\"\nNew\",review_again,"),
            "{csv}"
        );
        assert!(!csv.contains('\0') && !csv.contains('\u{202E}'));
        // The table's rows: every lead, the same lines as the CLI's CSV
        // (here every lead has at most one hit, so the statuses agree).
        let rows = lead_rows(&leads, &hits);
        assert_eq!(rows.len(), 5);
        assert_eq!(
            rows.iter().map(|r| r.status.as_str()).collect::<Vec<_>>(),
            [
                "hit",
                "clean",
                "suppressed_by_register",
                "clean",
                "review_again"
            ]
        );
        assert_eq!(rows_csv(&rows), csv);
    }

    #[test]
    fn a_lead_status_is_its_most_pressing_hit() {
        use RegisterState::*;
        let of = |r: &[Option<RegisterState>]| {
            let hits: Vec<MarkedHit> = r.iter().map(|s| hit(0, "L", "n", *s)).collect();
            LeadStatus::of(&hits).name()
        };
        assert_eq!(of(&[]), "clean");
        assert_eq!(of(&[Some(Suppressed)]), "suppressed_by_register");
        assert_eq!(
            of(&[Some(Suppressed), Some(FingerprintChanged)]),
            "review_again"
        );
        assert_eq!(of(&[Some(Expired), None, Some(Suppressed)]), "hit");
    }
}
