//! The triage as a file for the sales meeting: one line per lead and
//! product, with the class, the reasons, the lists used (date, checksum)
//! and the rule-set version. CSV (the `csv` crate, cells cleaned as
//! `screening::batch::clean_cell`) and .xlsx (`rust_xlsxwriter`, no clock:
//! the document date is the caller's).

use super::engine::TriageRow;
use crate::core::screening::record::ListStamp;

/// What every exported line carries besides the row.
pub struct ExportHead<'a> {
    pub rule_set: &'a str,
    pub rule_set_version: &'a str,
    pub lists: &'a [ListStamp],
    /// The day of the triage (YYYY-MM-DD).
    pub today: &'a str,
}

pub const CSV_HEADER: &[&str] = &[
    "row",
    "company",
    "country",
    "product",
    "class",
    "outcome",
    "rules",
    "reasons",
    "screening",
    "hits",
    "note",
    "rule_set_version",
    "lists",
];

/// The table lines (CSV_HEADER order), shared by CSV and xlsx.
pub fn lines(rows: &[TriageRow], head: &ExportHead) -> Vec<Vec<String>> {
    let _ = (rows, head);
    todo!("helper: core-sheets")
}

pub fn to_csv(rows: &[TriageRow], head: &ExportHead) -> String {
    let _ = (rows, head);
    todo!("helper: core-sheets")
}

pub fn to_xlsx(rows: &[TriageRow], head: &ExportHead) -> Result<Vec<u8>, String> {
    let _ = (rows, head);
    todo!("helper: core-sheets")
}
