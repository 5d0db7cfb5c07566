//! How the triage table is viewed: sorted by a column (either way),
//! filtered by class and by text, in pages. Pure; it only orders and
//! selects the rows the engine gave (positions into them, so that a row
//! keeps its place in the run for "open assessment").

use crate::core::triage::engine::TriageRow;
use crate::core::triage::TriageClass;

pub const PAGE_ROWS: usize = 100;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TriageColumn {
    Row,
    Company,
    Country,
    Products,
    Class,
}

impl TriageColumn {
    pub const ALL: [TriageColumn; 5] = [
        TriageColumn::Row,
        TriageColumn::Company,
        TriageColumn::Country,
        TriageColumn::Products,
        TriageColumn::Class,
    ];
}

#[derive(Clone, Debug, PartialEq)]
pub struct TriageView {
    pub sort: TriageColumn,
    pub descending: bool,
    pub class: Option<TriageClass>,
    pub search: String,
    pub page: usize,
    /// The row (position in the run) whose reasons are shown.
    pub expanded: Option<usize>,
}

impl Default for TriageView {
    fn default() -> Self {
        TriageView {
            sort: TriageColumn::Class,
            descending: false,
            class: None,
            search: String::new(),
            page: 0,
            expanded: None,
        }
    }
}

impl TriageView {
    /// The same column again turns the order; another sorts ascending.
    pub fn sort_by(&mut self, c: TriageColumn) {
        if self.sort == c {
            self.descending = !self.descending;
        } else {
            self.sort = c;
            self.descending = false;
        }
        self.page = 0;
    }

    /// Positions of the rows shown, in order (ties in file order).
    pub fn positions(&self, rows: &[TriageRow]) -> Vec<usize> {
        let needle = self.search.trim().to_lowercase();
        let mut shown: Vec<usize> = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| self.class.is_none_or(|c| r.class == c))
            .filter(|(_, r)| needle.is_empty() || matches(r, &needle))
            .map(|(i, _)| i)
            .collect();
        let key = |r: &TriageRow| -> (String, usize) {
            match self.sort {
                TriageColumn::Row => (String::new(), r.lead.row),
                TriageColumn::Company => (r.lead.company.to_lowercase(), r.lead.row),
                TriageColumn::Country => (r.lead.country.clone(), r.lead.row),
                TriageColumn::Products => (r.lead.products.join(" "), r.lead.row),
                TriageColumn::Class => (String::new(), r.class as usize),
            }
        };
        shown.sort_by(|&a, &b| {
            let (Some(ra), Some(rb)) = (rows.get(a), rows.get(b)) else {
                return a.cmp(&b);
            };
            let o = key(ra).cmp(&key(rb));
            if self.descending { o.reverse() } else { o }.then(a.cmp(&b))
        });
        shown
    }

    /// The page shown (clamped), which page it is and how many there are.
    pub fn page_of<'a>(&self, shown: &'a [usize]) -> (&'a [usize], usize, usize) {
        let pages = shown.len().div_ceil(PAGE_ROWS).max(1);
        let page = self.page.min(pages.saturating_sub(1));
        let start = page.saturating_mul(PAGE_ROWS);
        let end = start.saturating_add(PAGE_ROWS).min(shown.len());
        (shown.get(start..end).unwrap_or(&[]), page, pages)
    }
}

fn matches(r: &TriageRow, needle: &str) -> bool {
    let l = &r.lead;
    l.company.to_lowercase().contains(needle)
        || l.country.to_lowercase().contains(needle)
        || l.products.iter().any(|p| p.to_lowercase().contains(needle))
        || l.consignee
            .as_deref()
            .is_some_and(|c| c.to_lowercase().contains(needle))
        || l.note
            .as_deref()
            .is_some_and(|n| n.to_lowercase().contains(needle))
}
