//! Which column is which: company, country, product id(s) or name, and
//! optionally end-user type, consignee and a note. A mapping is guessed
//! from the header (English and German names) and confirmed by the user;
//! applying it gives the leads and the bad rows, each with its reason.
//! Nothing else is dropped (blank rows are counted by the sheet).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::catalogue::Catalogue;
use super::sheet::{Sheet, MAX_CELL_CHARS};
use crate::core::ruleset::{QuestionKind, RuleSet};
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
    /// The company cell as written (trimmed; at most 200 characters), so
    /// that the table and the export can name the lead.
    #[serde(default)]
    pub company: String,
}

/// The bad-row kinds, in the order a row is checked (a row reports its
/// first problem).
pub const BAD_ROW_KINDS: [&str; 8] = [
    "cell_too_long",
    "no_company",
    "no_country",
    "unknown_country",
    "no_product",
    "unknown_product",
    "too_many_products",
    "unknown_end_user_type",
];

/// At most this many products per lead.
pub const MAX_PRODUCTS: usize = 3;

/// The columns a lead file can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Company,
    Country,
    Products,
    EndUserType,
    Consignee,
    Note,
}

impl Field {
    pub const ALL: [Field; 6] = [
        Field::Company,
        Field::Country,
        Field::Products,
        Field::EndUserType,
        Field::Consignee,
        Field::Note,
    ];
    pub fn name(self) -> &'static str {
        match self {
            Field::Company => "company",
            Field::Country => "country",
            Field::Products => "products",
            Field::EndUserType => "end_user_type",
            Field::Consignee => "consignee",
            Field::Note => "note",
        }
    }
    /// Header names (folded: lower case, `_` and `-` as spaces), English
    /// and German.
    fn names(self) -> &'static [&'static str] {
        match self {
            Field::Company => &[
                "company",
                "company name",
                "customer",
                "customer name",
                "client",
                "name",
                "account",
                "account name",
                "organisation",
                "organization",
                "end user",
                "enduser",
                "end user name",
                "firma",
                "firmenname",
                "kunde",
                "kundenname",
                "unternehmen",
                "endverwender",
                "endkunde",
                "organisation name",
            ],
            Field::Country => &[
                "country",
                "country code",
                "country iso",
                "iso country",
                "destination",
                "destination country",
                "land",
                "ländercode",
                "laendercode",
                "landescode",
                "bestimmungsland",
                "zielland",
                "staat",
            ],
            Field::Products => &[
                "product",
                "products",
                "product id",
                "product ids",
                "product name",
                "item",
                "items",
                "item id",
                "article",
                "sku",
                "artikel",
                "artikelnummer",
                "artikel nr",
                "produkt",
                "produkte",
                "produkt id",
                "produktname",
                "produktnummer",
                "ware",
                "güter",
            ],
            Field::EndUserType => &[
                "end user type",
                "enduser type",
                "type",
                "customer type",
                "type of end user",
                "kundentyp",
                "kundenart",
                "typ",
                "endverwendertyp",
                "art des endverwenders",
                "endverwender typ",
            ],
            Field::Consignee => &[
                "consignee",
                "consignee name",
                "distributor",
                "intermediary",
                "empfänger",
                "warenempfänger",
                "empfaenger",
                "händler",
                "zwischenhändler",
            ],
            Field::Note => &[
                "note",
                "notes",
                "comment",
                "comments",
                "remark",
                "remarks",
                "bemerkung",
                "bemerkungen",
                "notiz",
                "notizen",
                "kommentar",
                "anmerkung",
                "anmerkungen",
            ],
        }
    }
}

/// A header cell folded for comparison: trimmed, lower case, `_`, `-`
/// and runs of white space as one space.
fn fold(s: &str) -> String {
    s.to_lowercase()
        .replace(['_', '-', '.', ':'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The field a header cell names, if it is a known column name.
pub fn field_of(header: &str) -> Option<Field> {
    // No column name is this long: a hostile header (megabytes in one
    // cell) is not folded for every field (tests/hostile.rs).
    if header.len() > 200 {
        return None;
    }
    let h = fold(header);
    if h.is_empty() {
        return None;
    }
    Field::ALL
        .into_iter()
        .find(|f| f.names().contains(&h.as_str()))
}

/// A mapping guessed from the header (or the first row's shape).
///
/// With a header: each field takes the first column whose name is one of
/// its names (English or German, see `Field::names`). Without one: the
/// first three columns are company, country and products.
pub fn guess(sheet: &Sheet) -> ColumnMapping {
    let Some(header) = &sheet.header else {
        return ColumnMapping {
            company: Some(0),
            country: Some(1),
            products: Some(2),
            ..ColumnMapping::default()
        };
    };
    let col = |f: Field| header.iter().position(|h| field_of(h) == Some(f));
    ColumnMapping {
        company: col(Field::Company),
        country: col(Field::Country),
        products: col(Field::Products),
        end_user_type: col(Field::EndUserType),
        consignee: col(Field::Consignee),
        note: col(Field::Note),
    }
}

impl ColumnMapping {
    /// (field, column) for every field that has one.
    pub fn columns(&self) -> Vec<(Field, usize)> {
        let all = [
            (Field::Company, self.company),
            (Field::Country, self.country),
            (Field::Products, self.products),
            (Field::EndUserType, self.end_user_type),
            (Field::Consignee, self.consignee),
            (Field::Note, self.note),
        ];
        all.into_iter()
            .filter_map(|(f, c)| c.map(|c| (f, c)))
            .collect()
    }
}

/// What is missing for a mapping to be usable (company, country and
/// products are required; columns must exist and not repeat).
pub fn check(sheet: &Sheet, m: &ColumnMapping) -> Result<(), String> {
    let missing: Vec<&str> = [
        (Field::Company, m.company),
        (Field::Country, m.country),
        (Field::Products, m.products),
    ]
    .into_iter()
    .filter(|(_, c)| c.is_none())
    .map(|(f, _)| f.name())
    .collect();
    if !missing.is_empty() {
        return Err(format!(
            "choose the column for: {} (company, country and products are required)",
            missing.join(", ")
        ));
    }
    let width = sheet.width();
    let cols = m.columns();
    if let Some((f, c)) = cols.iter().find(|(_, c)| *c >= width) {
        return Err(format!(
            "the column chosen for {} is column {}, but the file has {width} columns; choose \
             one of columns 1 to {width}",
            f.name(),
            c.saturating_add(1)
        ));
    }
    for (i, (f, c)) in cols.iter().enumerate() {
        if let Some((g, _)) = cols.iter().skip(i.saturating_add(1)).find(|(_, d)| d == c) {
            return Err(format!(
                "column {} is chosen for both {} and {}; choose one column per field",
                c.saturating_add(1),
                f.name(),
                g.name()
            ));
        }
    }
    Ok(())
}

/// Country codes and names (English and German, as the destination data
/// writes them), folded once for a whole file.
pub struct CountryNames<'a> {
    destinations: &'a Destinations,
    names: HashMap<String, String>,
}

impl<'a> CountryNames<'a> {
    pub fn new(destinations: &'a Destinations) -> CountryNames<'a> {
        let names = destinations
            .countries
            .iter()
            .flat_map(|c| [(&c.name.en, &c.code), (&c.name.de, &c.code)])
            .map(|(n, code)| (fold(n), code.clone()))
            .collect();
        CountryNames {
            destinations,
            names,
        }
    }

    /// The ISO code a cell names: a code in any case, or a name.
    pub fn code(&self, cell: &str) -> Option<String> {
        let t = cell.trim();
        if t.len() == 2 && t.bytes().all(|b| b.is_ascii_alphabetic()) {
            let code = t.to_ascii_uppercase();
            if self.destinations.country(&code).is_some() {
                return Some(code);
            }
        }
        self.names.get(&fold(t)).cloned()
    }
}

/// The end-user-type question's options with the spellings a lead file may
/// use for each: the option id, its English and German label, and each
/// label's part before a parenthesis ("Law enforcement" for "Law
/// enforcement (police, border guard, prosecution)"). Empty when the
/// question is not a single choice.
pub fn end_user_types(rules: &RuleSet, question: &str) -> Vec<(String, Vec<String>)> {
    let Some(QuestionKind::Single { options }) = rules.question(question).map(|q| &q.kind) else {
        return Vec::new();
    };
    options
        .iter()
        .map(|o| {
            let mut names = vec![o.id.clone(), o.label.en.clone()];
            names.extend(o.label.de.clone());
            let short: Vec<String> = names
                .iter()
                .filter_map(|n| n.split_once(" (").map(|(s, _)| s.to_string()))
                .collect();
            names.extend(short);
            (o.id.clone(), names)
        })
        .collect()
}

/// The leads and the bad rows, in file order.
///
/// `end_user_types`: the end-user-type question's option ids, each with
/// the spellings accepted for it (see [`end_user_types`]).
pub fn apply(
    sheet: &Sheet,
    m: &ColumnMapping,
    catalogue: &Catalogue,
    destinations: &Destinations,
    end_user_types: &[(String, Vec<String>)],
) -> (Vec<TriageLead>, Vec<BadRow>) {
    apply_with(
        sheet,
        m,
        |s| catalogue.find(s).map(|p| p.id.clone()),
        destinations,
        end_user_types,
    )
}

/// [`apply`] with the catalogue as a lookup (cell text → product id).
pub fn apply_with(
    sheet: &Sheet,
    m: &ColumnMapping,
    find: impl Fn(&str) -> Option<String>,
    destinations: &Destinations,
    end_user_types: &[(String, Vec<String>)],
) -> (Vec<TriageLead>, Vec<BadRow>) {
    let countries = CountryNames::new(destinations);
    let types: HashMap<String, &str> = end_user_types
        .iter()
        .flat_map(|(id, names)| names.iter().map(move |n| (fold(n), id.as_str())))
        .collect();
    let mut leads = Vec::new();
    let mut bad = Vec::new();
    for (row, cells) in &sheet.rows {
        match lead_of(*row, cells, m, &find, &countries, &types) {
            Ok(lead) => leads.push(lead),
            Err((kind, reason)) => {
                let company = m
                    .company
                    .and_then(|c| cells.get(c))
                    .map_or("", |s| s.trim());
                let company = match company.char_indices().nth(200) {
                    Some((i, _)) => format!("{}…", &company[..i]),
                    None => company.to_string(),
                };
                bad.push(BadRow {
                    row: *row,
                    kind: kind.to_string(),
                    reason: format!("row {row}: {reason}"),
                    company,
                })
            }
        }
    }
    (leads, bad)
}

/// The product cell's parts: the whole cell when it names a product, else
/// the cell split on `;`, `,`, `|`, `/` and line breaks.
fn product_parts(
    cell: &str,
    find: &impl Fn(&str) -> Option<String>,
) -> Vec<(String, Option<String>)> {
    let whole = cell.trim();
    if let Some(id) = find(whole) {
        return vec![(whole.to_string(), Some(id))];
    }
    whole
        .split([';', ',', '|', '/', '\n', '\r'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| (s.to_string(), find(s)))
        .collect()
}

/// A cell shortened for a message.
fn shown(s: &str) -> String {
    let s = s.trim();
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("\"{}…\"", &s[..i]),
        None => format!("\"{s}\""),
    }
}

fn lead_of(
    row: usize,
    cells: &[String],
    m: &ColumnMapping,
    find: &impl Fn(&str) -> Option<String>,
    countries: &CountryNames,
    types: &HashMap<String, &str>,
) -> Result<TriageLead, (&'static str, String)> {
    let get = |c: Option<usize>| c.and_then(|c| cells.get(c)).map_or("", String::as_str);
    for (f, c) in m.columns() {
        let n = get(Some(c)).chars().count();
        if n > MAX_CELL_CHARS {
            return Err((
                "cell_too_long",
                format!(
                    "the {} cell (column {}) has {n} characters; at most {MAX_CELL_CHARS} are \
                     read; shorten it",
                    f.name(),
                    c.saturating_add(1)
                ),
            ));
        }
    }
    let company = get(m.company).trim();
    if company.is_empty() {
        return Err((
            "no_company",
            "the company is empty; enter the company's name or delete the row".into(),
        ));
    }
    let country_cell = get(m.country).trim();
    if country_cell.is_empty() {
        return Err((
            "no_country",
            "the country is empty; enter the destination country (ISO code such as DE, or its \
             English or German name)"
                .into(),
        ));
    }
    let Some(country) = countries.code(country_cell) else {
        return Err((
            "unknown_country",
            format!(
                "the country {} is not a known ISO code or country name; write the two-letter \
                 ISO code (e.g. FR) or the name as the destination list writes it",
                shown(country_cell)
            ),
        ));
    };
    let parts = product_parts(get(m.products), find);
    if parts.is_empty() {
        return Err((
            "no_product",
            "no product is named; enter the internal id or name of a product in the catalogue"
                .into(),
        ));
    }
    if let Some((name, _)) = parts.iter().find(|(_, id)| id.is_none()) {
        return Err((
            "unknown_product",
            format!(
                "the product {} is not in the catalogue; use a product's internal id or name, \
                 or add the product on the Products page",
                shown(name)
            ),
        ));
    }
    let mut products: Vec<String> = Vec::new();
    for id in parts.into_iter().filter_map(|(_, id)| id) {
        if !products.contains(&id) {
            products.push(id);
        }
    }
    if products.len() > MAX_PRODUCTS {
        return Err((
            "too_many_products",
            format!(
                "{} products are named; at most {MAX_PRODUCTS} per lead are triaged; split the \
                 lead into several rows",
                products.len()
            ),
        ));
    }
    let type_cell = get(m.end_user_type).trim();
    let end_user_type = if type_cell.is_empty() {
        None
    } else {
        match types.get(&fold(type_cell)) {
            Some(id) => Some((*id).to_string()),
            None => {
                let mut known: Vec<&str> = types.values().copied().collect();
                known.sort_unstable();
                known.dedup();
                return Err((
                    "unknown_end_user_type",
                    format!(
                        "the end-user type {} is not one of the known types ({}); use one of \
                         them or leave the cell empty",
                        shown(type_cell),
                        known.join(", ")
                    ),
                ));
            }
        }
    };
    let opt = |c: Option<usize>| {
        let s = get(c).trim();
        (!s.is_empty()).then(|| s.to_string())
    };
    Ok(TriageLead {
        row,
        company: company.to_string(),
        country,
        products,
        end_user_type,
        consignee: opt(m.consignee),
        note: opt(m.note),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::triage::sheet::read_sheet;

    /// A stand-in for `Catalogue::find`: ids P1..P5, names "Probe One" …
    fn find(s: &str) -> Option<String> {
        let s = s.trim().to_lowercase();
        let names = [
            "probe one",
            "probe two",
            "probe three",
            "probe four",
            "probe five",
        ];
        (1..=5)
            .find(|i| s == format!("p{i}") || s == names[i - 1])
            .map(|i| format!("P{i}"))
    }

    fn dest() -> Destinations {
        Destinations::builtin().unwrap()
    }

    fn types() -> Vec<(String, Vec<String>)> {
        end_user_types(RuleSet::eu_default().unwrap(), "end_user_type")
    }

    fn run(csv: &str) -> (Vec<TriageLead>, Vec<BadRow>) {
        let sheet = read_sheet("t.csv", csv.as_bytes()).unwrap();
        let m = guess(&sheet);
        check(&sheet, &m).unwrap();
        apply_with(&sheet, &m, find, &dest(), &types())
    }

    #[test]
    fn guesses_english_and_german_headers() {
        let s = read_sheet(
            "x.csv",
            "Note;Company Name;Country Code;Product IDs;End-user type;Consignee\n".as_bytes(),
        )
        .unwrap();
        let m = guess(&s);
        assert_eq!(
            m,
            ColumnMapping {
                company: Some(1),
                country: Some(2),
                products: Some(3),
                end_user_type: Some(4),
                consignee: Some(5),
                note: Some(0),
            }
        );
        let s = read_sheet(
            "y.csv",
            "Kunde;Bestimmungsland;Produkt-ID;Kundentyp;Empfänger;Bemerkung\n".as_bytes(),
        )
        .unwrap();
        let m = guess(&s);
        assert_eq!(m.columns().len(), 6, "{m:?}");
        assert_eq!((m.company, m.products, m.note), (Some(0), Some(2), Some(5)));
    }

    #[test]
    fn headerless_is_first_three_columns() {
        let s = read_sheet("z.csv", b"ACME,DE,P1\n").unwrap();
        let m = guess(&s);
        assert_eq!(
            (m.company, m.country, m.products),
            (Some(0), Some(1), Some(2))
        );
        assert_eq!(check(&s, &m), Ok(()));
    }

    #[test]
    fn check_names_what_is_wrong() {
        let s = read_sheet("c.csv", b"company,x,y\nACME,DE,P1\n").unwrap();
        let m = guess(&s);
        let e = check(&s, &m).unwrap_err();
        assert!(e.contains("country, products"), "{e}");
        let m = ColumnMapping {
            company: Some(0),
            country: Some(1),
            products: Some(7),
            ..ColumnMapping::default()
        };
        let e = check(&s, &m).unwrap_err();
        assert!(e.contains("products is column 8"), "{e}");
        let m = ColumnMapping {
            company: Some(0),
            country: Some(1),
            products: Some(2),
            note: Some(1),
            ..ColumnMapping::default()
        };
        let e = check(&s, &m).unwrap_err();
        assert!(
            e.contains("column 2 is chosen for both country and note"),
            "{e}"
        );
    }

    #[test]
    fn leads_resolved() {
        let (leads, bad) = run("company,country,products,type,consignee,note\n\
             ACME,de,P1,government,,\n\
             Beta,Österreich,\"Probe Two; p1 | P2\",Law enforcement,Dist Ltd,call Monday\n\
             Gamma,France,P3/P4,Private company,,\n\
             Delta,Frankreich,probe five,Privatunternehmen,,\n");
        assert_eq!(bad, vec![]);
        let got: Vec<_> = leads
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
            .collect();
        assert_eq!(
            got,
            vec![
                (2, "ACME", "DE", "P1".to_string(), Some("government")),
                (
                    3,
                    "Beta",
                    "AT",
                    "P2+P1".to_string(),
                    Some("law_enforcement")
                ),
                (
                    4,
                    "Gamma",
                    "FR",
                    "P3+P4".to_string(),
                    Some("private_company")
                ),
                (5, "Delta", "FR", "P5".to_string(), Some("private_company")),
            ]
        );
        assert_eq!(leads[1].consignee.as_deref(), Some("Dist Ltd"));
        assert_eq!(leads[1].note.as_deref(), Some("call Monday"));
        assert_eq!(leads[0].consignee, None);
    }

    /// One row per bad-row kind, each named in the table below.
    #[test]
    fn every_bad_row_kind() {
        let long = "x".repeat(MAX_CELL_CHARS + 1);
        let cases: [(&str, String); 8] = [
            ("cell_too_long", format!("ACME,DE,P1,,{long}")),
            ("no_company", " ,DE,P1".into()),
            ("no_country", "ACME,,P1".into()),
            ("unknown_country", "ACME,Atlantis,P1".into()),
            ("no_product", "ACME,DE, ; ".into()),
            ("unknown_product", "ACME,DE,\"P1, Widget 9\"".into()),
            ("too_many_products", "ACME,DE,P1;P2;P3;P4".into()),
            ("unknown_end_user_type", "ACME,DE,P1,Pirates".into()),
        ];
        let mut csv = String::from("company,country,product,type,note\n");
        for (_, line) in &cases {
            csv.push_str(line);
            csv.push('\n');
        }
        let (leads, bad) = run(&csv);
        assert_eq!(leads, vec![]);
        let kinds: Vec<&str> = bad.iter().map(|b| b.kind.as_str()).collect();
        let want: Vec<&str> = cases.iter().map(|c| c.0).collect();
        assert_eq!(kinds, want);
        assert_eq!(
            want,
            BAD_ROW_KINDS.to_vec(),
            "each kind is tested, in check order"
        );
        for (i, b) in bad.iter().enumerate() {
            assert_eq!(b.row, i + 2);
            assert!(
                b.reason.starts_with(&format!("row {}: ", i + 2)),
                "{}",
                b.reason
            );
        }
        assert!(bad[3].reason.contains("\"Atlantis\""));
        assert!(bad[5].reason.contains("\"Widget 9\""));
        assert!(bad[7].reason.contains("\"Pirates\""));
    }

    #[test]
    fn duplicates_count_once_and_blank_rows_are_counted() {
        let s = read_sheet(
            "d.csv",
            b"company,country,product\nACME,DE,P1;P1;p1;P2;P3\n,,\n\nB,FR,P2\n",
        )
        .unwrap();
        assert_eq!(s.blank_rows, 2);
        let (leads, bad) = apply_with(&s, &guess(&s), find, &dest(), &[]);
        assert_eq!(bad, vec![]);
        assert_eq!(leads[0].products, ["P1", "P2", "P3"]);
        assert_eq!(leads[1].row, 5);
    }

    #[test]
    fn country_header_detection_with_destinations() {
        use crate::core::triage::sheet::read_sheet_in;
        let d = dest();
        // No known column name, but no country either: a header.
        let s = read_sheet_in("h.csv", b"Kundenname X,Ziel X,Teil X\nACME,DE,P1\n", &d).unwrap();
        assert!(s.header.is_some());
        // A first row with a country is data.
        let s = read_sheet_in("n.csv", b"ACME,Germany,P1\nBeta,FR,P2\n", &d).unwrap();
        assert_eq!(s.header, None);
        assert_eq!(s.rows.len(), 2);
    }
}
