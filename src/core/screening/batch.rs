//! Screening a file of leads: one row per hit, and the CSV written for it
//! (the same columns from the command line and the app).

use std::collections::HashMap;

use super::index::Screener;
use super::leads::Lead;
use super::normalize::fold;
use super::parties::{list_key, recorded};
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
}

/// Folded country names (English and German) → ISO codes, so lists that
/// write names and leads that write codes compare.
pub fn country_codes(destinations: &Destinations) -> HashMap<String, String> {
    destinations
        .countries
        .iter()
        .flat_map(|c| {
            [
                (c.name.en.as_str(), c.code.as_str()),
                (c.name.de.as_str(), c.code.as_str()),
            ]
        })
        .map(|(n, code)| {
            (
                fold(n).split_whitespace().collect::<Vec<_>>().join(" "),
                code.to_string(),
            )
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

/// Screens leads; a lead's country (code or name) is compared in all its
/// spellings.
pub fn screen_leads(
    screener: &Screener,
    leads: &[Lead],
    destinations: &Destinations,
    threshold: f64,
    lang: Lang,
) -> Vec<HitRow> {
    let names = |c: &str| country_names(destinations, c);
    let mut rows = Vec::new();
    for lead in leads {
        for hit in screener.screen(&lead.query(names), threshold) {
            let list = &screener.lists[hit.list];
            rows.push(HitRow {
                query_id: lead.id.clone(),
                query: lead.name.clone(),
                country: lead.country.clone(),
                list: list.label.clone(),
                list_key: list_key(list.format, &list.label),
                entry_id: hit.entry_id.clone(),
                matched_name: hit.matched_name.clone(),
                score: hit.score,
                explanation: hit.explanation.text_in(lang),
            });
        }
    }
    rows
}

/// A hit of a lead with the entry's fingerprint and what the company
/// register says of it.
#[derive(Clone, Debug, PartialEq)]
pub struct MarkedHit {
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
    for lead in leads {
        for hit in screener.screen(&lead.query(names), threshold) {
            let recorded = recorded(screener, &hit, lang);
            let note = register.and_then(|(r, today)| r.mark(&lead.name, &recorded, today, lang));
            out.push(MarkedHit {
                row: HitRow {
                    query_id: lead.id.clone(),
                    query: lead.name.clone(),
                    country: lead.country.clone(),
                    list: screener.lists[hit.list].label.clone(),
                    list_key: recorded.list_key,
                    entry_id: recorded.entry_id,
                    matched_name: recorded.matched_name,
                    score: hit.score,
                    explanation: recorded.explanation,
                },
                entry_fingerprint: recorded.entry_fingerprint,
                register: note,
            });
        }
    }
    out
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
