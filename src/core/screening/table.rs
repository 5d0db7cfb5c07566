//! Viewing batch results: a text filter, a sort column and direction, and
//! pages of rows. Rows in, the rows to show out (the screening page's table
//! and its CSV export use it).

use super::batch::HitRow;

pub const PAGE_ROWS: usize = 100;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Lead,
    Query,
    Status,
    List,
    Entry,
    Matched,
    Score,
}

impl Column {
    pub const ALL: [Column; 7] = [
        Column::Lead,
        Column::Query,
        Column::Status,
        Column::List,
        Column::Entry,
        Column::Matched,
        Column::Score,
    ];
    pub fn name(self) -> &'static str {
        match self {
            Column::Lead => "lead",
            Column::Query => "query",
            Column::Status => "status",
            Column::List => "list",
            Column::Entry => "entry",
            Column::Matched => "matched",
            Column::Score => "score",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct TableView {
    pub sort: Column,
    pub descending: bool,
    pub filter: String,
    pub page: usize,
}

impl Default for TableView {
    /// Best hits first.
    fn default() -> TableView {
        TableView {
            sort: Column::Score,
            descending: true,
            filter: String::new(),
            page: 0,
        }
    }
}

impl TableView {
    /// A click on a column's header: sort by it, or turn the order round.
    pub fn sort_by(&mut self, c: Column) {
        if self.sort == c {
            self.descending = !self.descending;
        } else {
            self.sort = c;
            self.descending = c == Column::Score;
        }
        self.page = 0;
    }

    /// The rows that pass the filter, in the chosen order.
    pub fn rows<'a>(&self, rows: &'a [HitRow]) -> Vec<&'a HitRow> {
        let needle = self.filter.trim().to_lowercase();
        let mut out: Vec<&HitRow> = rows
            .iter()
            .filter(|r| {
                needle.is_empty()
                    || [
                        &r.query_id,
                        &r.query,
                        &r.status,
                        &r.list,
                        &r.entry_id,
                        &r.matched_name,
                        &r.explanation,
                    ]
                    .iter()
                    .any(|f| f.to_lowercase().contains(&needle))
                    || r.country
                        .as_deref()
                        .is_some_and(|c| c.to_lowercase().contains(&needle))
            })
            .collect();
        let key = |r: &HitRow| -> String {
            match self.sort {
                Column::Lead => r.query_id.to_lowercase(),
                Column::Query => r.query.to_lowercase(),
                Column::Status => r.status.clone(),
                Column::List => r.list.to_lowercase(),
                Column::Entry => r.entry_id.to_lowercase(),
                Column::Matched => r.matched_name.to_lowercase(),
                Column::Score => String::new(),
            }
        };
        out.sort_by(|a, b| {
            let o = match self.sort {
                Column::Score => a.score.total_cmp(&b.score),
                // Lead ids such as L2 and L10 compare as people expect.
                Column::Lead => natural(&key(a), &key(b)),
                _ => key(a).cmp(&key(b)),
            };
            let o = if self.descending { o.reverse() } else { o };
            o.then_with(|| natural(&a.query_id, &b.query_id))
                .then_with(|| a.entry_id.cmp(&b.entry_id))
        });
        out
    }

    /// The page's slice of `rows` (the page is kept in range).
    pub fn page_of<'a, T>(&self, rows: &'a [T]) -> (&'a [T], usize, usize) {
        let pages = rows.len().div_ceil(PAGE_ROWS).max(1);
        let page = self.page.min(pages.saturating_sub(1));
        let start = page.saturating_mul(PAGE_ROWS);
        (
            rows.get(start..)
                .map_or(&[][..], |r| r.get(..PAGE_ROWS).unwrap_or(r)),
            page,
            pages,
        )
    }
}

/// Compares texts with their digit runs as numbers ("L2" < "L10").
fn natural(a: &str, b: &str) -> std::cmp::Ordering {
    let split = |s: &str| -> Vec<(String, u64)> {
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut digits = String::new();
        for c in s.chars() {
            if c.is_ascii_digit() {
                digits.push(c);
            } else {
                if !digits.is_empty() {
                    parts.push((
                        std::mem::take(&mut text),
                        digits.parse().unwrap_or(u64::MAX),
                    ));
                    digits.clear();
                }
                text.push(c);
            }
        }
        parts.push((
            text,
            if digits.is_empty() {
                0
            } else {
                digits.parse().unwrap_or(u64::MAX)
            },
        ));
        parts
    };
    split(a).cmp(&split(b)).then_with(|| a.cmp(b))
}
