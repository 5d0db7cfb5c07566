//! Which column is which: company, country, product id(s) or name, and
//! optionally end-user type, consignee and a note. A mapping is guessed
//! from the header (English and German names) and confirmed by the user;
//! applying it gives the leads and the bad rows, each with its reason.
//! Nothing else is dropped.

use serde::{Deserialize, Serialize};

use super::catalogue::Catalogue;
use super::sheet::Sheet;
use crate::core::Destinations;

/// Column indices (0-based) in the sheet.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    pub company: Option<usize>,
    pub country: Option<usize>,
    pub products: Option<usize>,
    pub end_user_type: Option<usize>,
    pub consignee: Option<usize>,
    pub note: Option<usize>,
}

/// A lead ready for triage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TriageLead {
    /// The row number in the file (as `Sheet::rows`).
    pub row: usize,
    pub company: String,
    /// ISO 3166-1 alpha-2, resolved from a code or a country name.
    pub country: String,
    /// Internal ids of the catalogue products it names (1..=3 kept; more is a bad row).
    pub products: Vec<String>,
    /// An option id of the end-user-type question, if given and recognised.
    pub end_user_type: Option<String>,
    pub consignee: Option<String>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadRow {
    pub row: usize,
    /// Stable machine name: `no_company`, `no_country`, `unknown_country`,
    /// `no_product`, `unknown_product`, `too_many_products`,
    /// `unknown_end_user_type`, `cell_too_long`.
    pub kind: String,
    /// What is wrong and what to do, in English (the UI translates by kind).
    pub reason: String,
}

/// A mapping guessed from the header (or the first row's shape).
pub fn guess(sheet: &Sheet) -> ColumnMapping {
    let _ = sheet;
    todo!("helper: core-sheets")
}

/// What is missing for a mapping to be usable (company, country and
/// products are required; columns must exist and not repeat).
pub fn check(sheet: &Sheet, m: &ColumnMapping) -> Result<(), String> {
    let _ = (sheet, m);
    todo!("helper: core-sheets")
}

/// The leads and the bad rows, in file order.
pub fn apply(
    sheet: &Sheet,
    m: &ColumnMapping,
    catalogue: &Catalogue,
    destinations: &Destinations,
    end_user_types: &[String],
) -> (Vec<TriageLead>, Vec<BadRow>) {
    let _ = (sheet, m, catalogue, destinations, end_user_types);
    todo!("helper: core-sheets")
}
