//! Lead files as a grid of text cells: CSV (encoding, delimiter and header
//! sniffed as for screening lead files) and Excel .xlsx (the first sheet,
//! through `calamine`). Bounded: file size, rows, columns; the zip's
//! directory is checked before anything is inflated.
//!
//! The rules, in one place:
//! - **Format.** The bytes decide, not the name: a zip (`PK\x03\x04`) must be
//!   an .xlsx workbook (else a precise refusal: .ods, .xlsb, other zips); an
//!   old binary .xls (OLE, `D0 CF 11 E0`) is refused; anything else is CSV.
//! - **Cells.** Every cell becomes text: integers without ".0", other numbers
//!   as Rust writes them (no exponent), dates as `YYYY-MM-DD` (with
//!   ` HH:MM:SS` when they have a time), booleans `TRUE`/`FALSE`, Excel
//!   errors as their code (`#N/A`), so that nothing is silently lost. Merged
//!   cells hold their value in the top-left cell only (as Excel stores it).
//!   Cells are kept whole here; a mapped cell longer than
//!   [`MAX_CELL_CHARS`] makes its row a bad row (`cell_too_long`) in
//!   `mapping::apply`.
//! - **Rows.** Row numbers are 1-based as the user sees them: the CSV line
//!   where the record starts, or the spreadsheet row as Excel shows it.
//!   Trailing empty cells are dropped. A row whose cells are all empty or
//!   blank is not a data row: it is counted in `blank_rows`, never silently
//!   dropped (blank lines after the last row are the file's end, not rows).
//! - **Header.** The first row is the header when one of its cells is a
//!   known column name (`mapping::field_of`: English or German); with the
//!   destination data ([`read_sheet_in`]) also when none of its cells is a
//!   country (an ISO code or an English or German name), since every lead
//!   row has one. [`Sheet::with_header`] lets the user overrule it.
//! - **Bounds.** At most [`MAX_BYTES`] bytes, [`MAX_ROWS`] data rows and
//!   [`MAX_COLUMNS`] columns (a wider row is an error naming it); in an
//!   .xlsx at most [`MAX_ENTRIES`] zip entries, each declaring at most
//!   [`MAX_ENTRY_BYTES`] inflated (which the zip reader then enforces),
//!   [`MAX_TOTAL_BYTES`] together, and none with an inflation ratio above
//!   [`MAX_RATIO`] (a zip bomb is refused before it is inflated).

use std::io::Cursor;

use calamine::{DataRef, Reader, SheetType, Xlsx};

use super::mapping;
use crate::core::error::LoadError;
use crate::core::screening::csv;
use crate::core::Destinations;

const INPUT: &str = "lead file";
pub const MAX_BYTES: usize = 64 * 1024 * 1024;
pub const MAX_ROWS: usize = 1_000_000;
pub const MAX_COLUMNS: usize = 256;
pub const MAX_CELL_CHARS: usize = 10_000;
/// Filled cells in a worksheet (a CSV is bounded by its bytes).
pub const MAX_CELLS: usize = 10_000_000;
pub const MAX_ENTRIES: usize = 10_000;
pub const MAX_ENTRY_BYTES: u64 = 256 * 1024 * 1024;
pub const MAX_TOTAL_BYTES: u64 = 512 * 1024 * 1024;
/// Inflated ÷ compressed, checked for entries over 1 MB inflated. Real
/// worksheets compress 5–50 times; deflate's ceiling is about 1032.
pub const MAX_RATIO: u64 = 250;

/// A lead file read into cells; `header` is the first row when it looks
/// like one, and `rows` the data rows with their 1-based line or row
/// number in the file (what bad-row messages cite).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sheet {
    pub format: SheetFormat,
    pub header: Option<Vec<String>>,
    pub rows: Vec<(usize, Vec<String>)>,
    /// How it was read, to show in the preview ("UTF-8, ';'", "sheet 'Leads'").
    pub read_as: String,
    /// Rows with no content (all cells empty or blank) between the first
    /// and the last data row, header included: skipped, and counted here.
    pub blank_rows: usize,
    /// The line or row number of the header (0 without one).
    pub header_line: usize,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SheetFormat {
    #[default]
    Csv,
    Xlsx,
}

impl Sheet {
    /// The widest row (header included), in cells.
    pub fn width(&self) -> usize {
        let h = self.header.as_ref().map_or(0, Vec::len);
        self.rows.iter().map(|(_, r)| r.len()).fold(h, usize::max)
    }

    /// The same sheet with the first row taken as the header (`true`) or
    /// as data (`false`): the user's correction of the detected header.
    pub fn with_header(mut self, header: bool) -> Sheet {
        match (header, self.header.take()) {
            (true, Some(h)) => self.header = Some(h),
            (true, None) => {
                if !self.rows.is_empty() {
                    let (line, h) = self.rows.remove(0);
                    self.header_line = line;
                    self.header = Some(h);
                }
            }
            (false, Some(h)) => {
                self.rows.insert(0, (self.header_line.max(1), h));
                self.header_line = 0;
            }
            (false, None) => {}
        }
        self
    }
}

/// Reads a lead file: .xlsx by its zip signature, else CSV. The header is
/// recognised by its column names only; see [`read_sheet_in`].
pub fn read_sheet(label: &str, bytes: &[u8]) -> Result<Sheet, LoadError> {
    read(label, bytes, None)
}

/// [`read_sheet`], with the destination data: a first row none of whose
/// cells is a country is also taken as the header.
pub fn read_sheet_in(
    label: &str,
    bytes: &[u8],
    destinations: &Destinations,
) -> Result<Sheet, LoadError> {
    read(label, bytes, Some(destinations))
}

fn read(label: &str, bytes: &[u8], dest: Option<&Destinations>) -> Result<Sheet, LoadError> {
    if bytes.len() > MAX_BYTES {
        return Err(LoadError::new(
            INPUT,
            format!("{label}: whole file"),
            format!(
                "the file has {} bytes; at most {MAX_BYTES} are read",
                bytes.len()
            ),
            "split the file into smaller ones",
        ));
    }
    let (grid, read_as, format) = if bytes.starts_with(b"PK\x03\x04") {
        let (grid, name) = read_xlsx(label, bytes)?;
        (
            grid,
            format!("Excel workbook, sheet '{name}'"),
            SheetFormat::Xlsx,
        )
    } else if bytes.starts_with(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") {
        return Err(LoadError::new(
            INPUT,
            format!("{label}: whole file"),
            "this is an old binary Excel (.xls) or other Office file, not an .xlsx workbook \
             or CSV",
            "open it in your spreadsheet program and save it as .xlsx or CSV",
        ));
    } else {
        let (grid, read_as) = read_csv(label, bytes)?;
        (grid, read_as, SheetFormat::Csv)
    };
    let mut sheet = into_sheet(grid, format, read_as);
    if sheet.rows.is_empty() {
        return Err(LoadError::new(
            INPUT,
            format!("{label}: whole file"),
            format!("the file has no filled row (read as {})", sheet.read_as),
            "put one lead per row: company, country and products (with a header row naming \
             them, or in that order)",
        ));
    }
    if let Some((line, first)) = sheet.rows.first() {
        let named = first.iter().any(|c| mapping::field_of(c).is_some());
        let countryless = dest.is_some_and(|d| {
            let names = mapping::CountryNames::new(d);
            !first.iter().any(|c| names.code(c).is_some())
        });
        if named || countryless {
            sheet.header_line = *line;
            sheet.header = Some(sheet.rows.remove(0).1);
        }
    }
    Ok(sheet)
}

/// Rows as read (1-based number, cells with trailing empties dropped),
/// before blank rows are taken out and the header is detected.
type Grid = Vec<(usize, Vec<String>)>;

/// Blank rows out (counted: those inside the data, and gaps in the
/// numbering where the reader skipped empty lines or rows).
fn into_sheet(grid: Grid, format: SheetFormat, read_as: String) -> Sheet {
    let csv = format == SheetFormat::Csv;
    let mut rows = Vec::with_capacity(grid.len());
    let mut blank_rows = 0;
    let mut next = 1;
    for (n, cells) in grid {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        blank_rows = usize::saturating_add(blank_rows, n.saturating_sub(next));
        next = n.saturating_add(if csv { span(&cells) } else { 1 });
        rows.push((n, cells));
    }
    Sheet {
        format,
        header: None,
        rows,
        read_as,
        blank_rows,
        header_line: 0,
    }
}

/// How many lines a record takes in a CSV file (its quoted line breaks).
fn span(cells: &[String]) -> usize {
    cells
        .iter()
        .map(|c| {
            let b = c.as_bytes();
            b.iter()
                .enumerate()
                .filter(|&(i, &x)| {
                    x == b'\n' || (x == b'\r' && b.get(i.saturating_add(1)) != Some(&b'\n'))
                })
                .count()
        })
        .fold(1, usize::saturating_add)
}

fn too_wide(label: &str, what: &str, n: usize, width: usize) -> LoadError {
    LoadError::new(
        INPUT,
        format!("{label}: {what} {n}"),
        format!("the row has {width} columns; at most {MAX_COLUMNS} are read"),
        "remove the extra columns (a lead needs company, country and products), or check \
         that the file is a lead list",
    )
}

fn too_many_rows(label: &str, what: &str, n: usize) -> LoadError {
    LoadError::new(
        INPUT,
        format!("{label}: {what} {n}"),
        format!("the file has more than {MAX_ROWS} rows"),
        "split the file into smaller ones",
    )
}

fn trim_trailing(cells: &mut Vec<String>) {
    while cells.last().is_some_and(|c| c.is_empty()) {
        cells.pop();
    }
}

fn read_csv(label: &str, bytes: &[u8]) -> Result<(Grid, String), LoadError> {
    // One more record than rows, for a header; more is refused while reading.
    let csv::Sniffed {
        encoding,
        delimiter: delim,
        records,
    } = csv::sniff_and_parse(
        INPUT,
        label,
        bytes,
        MAX_ROWS + 1,
        "close the quote, or save the file again from your spreadsheet program",
    )?;
    let mut grid = Vec::with_capacity(records.len());
    for r in records {
        let mut cells = r.fields;
        trim_trailing(&mut cells);
        if cells.len() > MAX_COLUMNS {
            return Err(too_wide(label, "line", r.line, cells.len()));
        }
        grid.push((r.line, cells));
    }
    let shown = match delim {
        b'\t' => "tab".to_string(),
        d => format!("'{}'", d as char),
    };
    Ok((grid, format!("CSV, {encoding}, delimiter {shown}")))
}

/// The zip's directory, checked before calamine inflates anything.
fn check_zip(label: &str, bytes: &[u8]) -> Result<(), LoadError> {
    let whole = format!("{label}: whole file");
    let not_xlsx = |what: String| {
        LoadError::new(
            INPUT,
            whole.clone(),
            what,
            "save it as .xlsx (Excel workbook) or CSV from your spreadsheet program",
        )
    };
    let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        LoadError::new(
            INPUT,
            whole.clone(),
            format!(
                "the file starts like an .xlsx workbook (a zip) but cannot be read as one: {e}"
            ),
            "the file is damaged or incomplete; save or download it again",
        )
    })?;
    let meta = zip.metadata();
    if meta.len() > MAX_ENTRIES {
        return Err(not_xlsx(format!(
            "the zip has {} entries; an .xlsx lead list has a few dozen, and at most \
             {MAX_ENTRIES} are accepted",
            meta.len()
        )));
    }
    let mut total: u64 = 0;
    let (mut workbook, mut binary, mut ods) = (false, false, false);
    for i in 0..meta.len() {
        let Ok(entry) = meta.entry(i) else {
            return Err(not_xlsx("the zip's directory cannot be read".into()));
        };
        let name = String::from_utf8_lossy(entry.name_raw()).to_ascii_lowercase();
        workbook |= name.starts_with("xl/") && name.ends_with("workbook.xml");
        binary |= name.ends_with("workbook.bin");
        ods |= name == "mimetype" || name == "content.xml";
        let (size, packed) = (entry.size(), entry.compressed_size());
        total = total.saturating_add(size);
        let bomb = size > MAX_ENTRY_BYTES
            || total > MAX_TOTAL_BYTES
            || (size > 1024 * 1024 && size.checked_div(packed).unwrap_or(size) > MAX_RATIO);
        if bomb {
            return Err(LoadError::new(
                INPUT,
                format!("{label}: zip entry '{name}'"),
                format!(
                    "the entry would inflate to {size} bytes from {packed} (at most \
                     {MAX_ENTRY_BYTES} per entry, {MAX_TOTAL_BYTES} in all, and a ratio of at \
                     most {MAX_RATIO}); this is not an ordinary lead list"
                ),
                "save the leads as a new .xlsx or CSV from your spreadsheet program",
            ));
        }
    }
    if workbook {
        Ok(())
    } else if binary {
        Err(not_xlsx(
            "this is a binary Excel workbook (.xlsb), not an .xlsx workbook".into(),
        ))
    } else if ods {
        Err(not_xlsx(
            "this is an OpenDocument spreadsheet (.ods), not an .xlsx workbook".into(),
        ))
    } else {
        Err(not_xlsx(
            "this is a zip file but not an .xlsx workbook".into(),
        ))
    }
}

fn read_xlsx(label: &str, bytes: &[u8]) -> Result<(Grid, String), LoadError> {
    check_zip(label, bytes)?;
    let whole = format!("{label}: whole file");
    let broken = |e: calamine::XlsxError| {
        let (problem, fix) = match e {
            calamine::XlsxError::Password => (
                "the workbook is protected with a password".to_string(),
                "save an unprotected copy as .xlsx or CSV",
            ),
            e => (
                format!("the .xlsx workbook cannot be read: {e}"),
                "the file is damaged or incomplete; open it in your spreadsheet program and \
                 save it again as .xlsx or CSV",
            ),
        };
        LoadError::new(INPUT, whole.clone(), problem, fix)
    };
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(broken)?;
    let sheets = book.sheets_metadata();
    let worksheets = || sheets.iter().filter(|s| s.typ == SheetType::WorkSheet);
    let first = worksheets()
        .find(|s| s.visible == calamine::SheetVisible::Visible)
        .or_else(|| worksheets().next())
        .map(|s| s.name.clone());
    let Some(name) = first else {
        return Err(LoadError::new(
            INPUT,
            whole,
            "the workbook has no worksheet",
            "put the leads on the first worksheet, one lead per row",
        ));
    };
    let mut reader = book.worksheet_cells_reader(&name).map_err(broken)?;
    // Cells arrive one by one; a sparse sheet is never made dense, so a
    // cell at XFD1048576 costs one cell, not a billion.
    let mut cells: Vec<(usize, usize, String)> = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(broken)? {
        let (r, c) = cell.get_position();
        // u32 → usize: positions are bounded by calamine's u32 (wrapped on
        // hostile input), and usize is 32 bits in the wasm.
        let (row, col) = ((r as usize).saturating_add(1), c as usize);
        let text = cell_text(cell.get_value());
        if text.is_empty() {
            continue;
        }
        if col >= MAX_COLUMNS {
            return Err(too_wide(label, "row", row, col.saturating_add(1)));
        }
        if cells.len() == MAX_CELLS {
            return Err(LoadError::new(
                INPUT,
                format!("{label}: row {row}"),
                format!("the worksheet has more than {MAX_CELLS} filled cells"),
                "split the file into smaller ones",
            ));
        }
        cells.push((row, col, text));
    }
    // Excel writes rows in order; another producer might not (stable, so
    // a cell written twice keeps its last value).
    if !cells.is_sorted_by_key(|c| c.0) {
        cells.sort_by_key(|c| c.0);
    }
    let mut grid: Grid = Vec::new();
    for (row, col, text) in cells {
        if grid.last().is_none_or(|(n, _)| *n != row) {
            if grid.len() > MAX_ROWS {
                return Err(too_many_rows(label, "row", row));
            }
            grid.push((row, Vec::new()));
        }
        if let Some((_, r)) = grid.last_mut() {
            if r.len() <= col {
                r.resize(col.saturating_add(1), String::new());
            }
            if let Some(slot) = r.get_mut(col) {
                *slot = text;
            }
        }
    }
    Ok((grid, name))
}

/// A cell as text (see the module's rules).
fn cell_text(v: &DataRef) -> String {
    match v {
        DataRef::Empty => String::new(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => f.to_string(),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Bool(true) => "TRUE".into(),
        DataRef::Bool(false) => "FALSE".into(),
        DataRef::DateTime(d) if d.is_datetime() => {
            let (y, mo, day, h, mi, s, _) = d.to_ymd_hms_milli();
            if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{day:02}")
            } else {
                format!("{y:04}-{mo:02}-{day:02} {h:02}:{mi:02}:{s:02}")
            }
        }
        DataRef::DateTime(d) => d.as_f64().to_string(),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

    fn rows(s: &Sheet) -> Vec<(usize, Vec<&str>)> {
        s.rows
            .iter()
            .map(|(n, r)| (*n, r.iter().map(String::as_str).collect()))
            .collect()
    }

    #[test]
    fn csv_with_english_header_and_blank_lines() {
        let s = read_sheet(
            "a.csv",
            b"Company,Country,Product\nACME,DE,P1\n\n,,\nBeta,FR,\"P1;\nP2\"\nGamma,IT,P2\n",
        )
        .unwrap();
        assert_eq!(s.format, SheetFormat::Csv);
        assert_eq!(
            s.header.as_deref().unwrap(),
            ["Company", "Country", "Product"]
        );
        assert_eq!(s.header_line, 1);
        assert_eq!(
            rows(&s),
            vec![
                (2, vec!["ACME", "DE", "P1"]),
                (5, vec!["Beta", "FR", "P1;\nP2"]),
                (7, vec!["Gamma", "IT", "P2"]),
            ]
        );
        assert_eq!(s.blank_rows, 2);
        assert!(s.read_as.contains("UTF-8"), "{}", s.read_as);
    }

    #[test]
    fn csv_german_semicolon_windows_1252() {
        let bytes = b"Firma;Land;Artikel;Bemerkung\nM\xfcller GmbH;\xd6sterreich;X-1;gro\xdf\n";
        let s = read_sheet("de.csv", bytes).unwrap();
        assert!(s.read_as.contains("Windows-1252"), "{}", s.read_as);
        assert!(s.read_as.contains("';'"), "{}", s.read_as);
        assert_eq!(
            rows(&s),
            vec![(2, vec!["Müller GmbH", "Österreich", "X-1", "groß"])]
        );
    }

    #[test]
    fn csv_without_header_and_header_override() {
        let s = read_sheet("b.csv", b"ACME,DE,P1\nBeta,FR,P2\n").unwrap();
        assert_eq!(s.header, None);
        assert_eq!(s.rows.len(), 2);
        let h = s.clone().with_header(true);
        assert_eq!(h.header.as_deref().unwrap(), ["ACME", "DE", "P1"]);
        assert_eq!(h.rows.len(), 1);
        assert_eq!(h.with_header(false), s);
    }

    #[test]
    fn too_wide_row_is_named() {
        let mut text = "a,b,c\n".to_string();
        text.push_str(&"x,".repeat(300));
        text.push_str("x\n");
        let e = read_sheet("w.csv", text.as_bytes()).unwrap_err();
        assert_eq!(e.location, "w.csv: line 2");
        // Trailing empty cells do not count.
        let text = format!("a,b,c{}\n", ",".repeat(400));
        assert!(read_sheet("t.csv", text.as_bytes()).is_ok());
    }

    #[test]
    fn unclosed_quote_is_refused() {
        let e = read_sheet("q.csv", b"a,b,c\nACME,\"DE,P1\n").unwrap_err();
        assert!(e.location.contains("line 2"), "{}", e.location);
    }

    #[test]
    fn old_xls_refused() {
        let e = read_sheet("x.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest").unwrap_err();
        assert!(e.problem.contains(".xls"), "{}", e.problem);
    }

    pub(crate) fn xlsx(build: impl FnOnce(&mut Workbook)) -> Vec<u8> {
        let mut wb = Workbook::new();
        build(&mut wb);
        wb.save_to_buffer().unwrap()
    }

    #[test]
    fn xlsx_cells_as_text() {
        let bytes = xlsx(|wb| {
            let ws = wb.add_worksheet();
            ws.set_name("Leads").unwrap();
            for (c, h) in ["Company", "Country", "Product", "Qty", "Date", "Ok"]
                .iter()
                .enumerate()
            {
                ws.write_string(0, c as u16, *h).unwrap();
            }
            ws.write_string(1, 0, "ACME").unwrap();
            ws.write_string(1, 1, "de").unwrap();
            ws.write_number(1, 2, 1001.0).unwrap();
            ws.write_number(1, 3, 2.5).unwrap();
            let fmt = Format::new().set_num_format("yyyy-mm-dd");
            let d = ExcelDateTime::from_ymd(2026, 3, 9).unwrap();
            ws.write_datetime_with_format(1, 4, &d, &fmt).unwrap();
            ws.write_boolean(1, 5, true).unwrap();
            // Row 4 (index 3) after an empty row 3.
            ws.write_string(3, 0, "Beta").unwrap();
            ws.write_string(3, 2, "P2").unwrap();
            // Merged cells keep the value in the top-left one.
            ws.merge_range(4, 0, 4, 1, "Merged Co", &Format::new())
                .unwrap();
            // A second sheet is not read.
            wb.add_worksheet().write_string(0, 0, "other").unwrap();
        });
        let s = read_sheet("l.xlsx", &bytes).unwrap();
        assert_eq!(s.format, SheetFormat::Xlsx);
        assert!(s.read_as.contains("'Leads'"), "{}", s.read_as);
        assert_eq!(s.header.as_ref().unwrap().len(), 6);
        assert_eq!(
            rows(&s),
            vec![
                (2, vec!["ACME", "de", "1001", "2.5", "2026-03-09", "TRUE"]),
                (4, vec!["Beta", "", "P2"]),
                (5, vec!["Merged Co"]),
            ]
        );
        assert_eq!(s.blank_rows, 1);
    }

    #[test]
    fn xlsx_first_visible_worksheet() {
        let bytes = xlsx(|wb| {
            let hidden = wb.add_worksheet();
            hidden.set_name("Old").unwrap();
            hidden.write_string(0, 0, "old").unwrap();
            hidden.set_hidden(true);
            let ws = wb.add_worksheet();
            ws.set_name("Current").unwrap();
            ws.write_string(0, 0, "ACME").unwrap();
            ws.set_active(true);
        });
        let s = read_sheet("h.xlsx", &bytes).unwrap();
        assert!(s.read_as.contains("'Current'"), "{}", s.read_as);
        assert_eq!(s.rows, vec![(1, vec!["ACME".to_string()])]);
        // An empty worksheet or file is refused, saying so.
        let empty = xlsx(|wb| {
            wb.add_worksheet();
        });
        let e = read_sheet("e.xlsx", &empty).unwrap_err();
        assert!(e.problem.contains("no filled row"), "{}", e.problem);
        for bytes in [&b""[..], b"\n\n", b",,\r\n \t, \r\n"] {
            let e = read_sheet("e.csv", bytes).unwrap_err();
            assert!(e.problem.contains("no filled row"), "{}", e.problem);
        }
        // A header alone is a file with no leads, not an error.
        let s = read_sheet("h.csv", b"company,country,products\n").unwrap();
        assert_eq!((s.rows.len(), s.header.is_some()), (0, true));
    }

    #[test]
    fn xlsx_sparse_far_cell_is_cheap_and_bounded() {
        let bytes = xlsx(|wb| {
            let ws = wb.add_worksheet();
            ws.write_string(0, 0, "ACME").unwrap();
            ws.write_string(1_048_575, 2, "far").unwrap();
        });
        let s = read_sheet("f.xlsx", &bytes).unwrap();
        assert_eq!(s.rows.len(), 2);
        assert_eq!(s.rows[1].0, 1_048_576);
        let wide = xlsx(|wb| {
            wb.add_worksheet().write_string(6, 16_000, "x").unwrap();
        });
        let e = read_sheet("w.xlsx", &wide).unwrap_err();
        assert_eq!(e.location, "w.xlsx: row 7");
    }

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        for (name, data) in entries {
            w.start_file(*name, opts).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    /// Offsets of a 4-byte little-endian field in every header with
    /// signature `sig` (central directory: PK\1\2, local: PK\3\4).
    fn patch_u32(bytes: &mut [u8], sig: &[u8; 4], at: usize, value: u32) {
        let starts: Vec<usize> = bytes
            .windows(4)
            .enumerate()
            .filter(|(_, w)| w == sig)
            .map(|(i, _)| i)
            .collect();
        for i in starts {
            bytes[i + at..i + at + 4].copy_from_slice(&value.to_le_bytes());
        }
    }

    #[test]
    fn zip_bomb_refused_before_inflating() {
        // 4 MB of zeros deflates to a few KB: a ratio far above any sheet.
        let zeros = vec![0u8; 4 * 1024 * 1024];
        let bomb = zip_of(&[
            ("xl/workbook.xml", b"x"),
            ("xl/worksheets/sheet1.xml", &zeros),
        ]);
        // Refused from the directory alone (how fast: tests/triage_sheets.rs).
        let e = read_sheet("bomb.xlsx", &bomb).unwrap_err();
        assert!(e.problem.contains("inflate"), "{}", e.problem);
        assert!(e.location.contains("sheet1.xml"), "{}", e.location);
        // A declared size of 4 GB in the directory is refused on its face.
        let mut big = zip_of(&[("xl/workbook.xml", b"x"), ("xl/a.xml", b"abc")]);
        patch_u32(&mut big, b"PK\x01\x02", 24, 0xFFFF_FF00);
        let e = read_sheet("big.xlsx", &big).unwrap_err();
        assert!(e.problem.contains("inflate"), "{}", e.problem);
    }

    #[test]
    fn understated_size_is_an_error_not_a_bomb() {
        // A worksheet whose directory says it is tiny: the zip reader stops
        // at the declared size, and the read fails with an error.
        let mut bytes = xlsx(|wb| {
            let ws = wb.add_worksheet();
            for r in 0..200 {
                ws.write_string(r, 0, "ACME GmbH").unwrap();
            }
        });
        let name = b"xl/worksheets/sheet1.xml";
        let at = bytes.windows(name.len()).position(|w| w == name).unwrap();
        // The local header precedes the name by 30 bytes; size at +22.
        let local = at - 30;
        bytes[local + 22..local + 26].copy_from_slice(&10u32.to_le_bytes());
        let cat = bytes.windows(name.len()).rposition(|w| w == name).unwrap();
        let central = cat - 46;
        bytes[central + 24..central + 28].copy_from_slice(&10u32.to_le_bytes());
        let e = read_sheet("lie.xlsx", &bytes).unwrap_err();
        assert!(
            e.problem.contains("larger than its declared"),
            "{}",
            e.problem
        );
    }

    #[test]
    fn other_zips_refused_precisely() {
        let ods = zip_of(&[(
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        )]);
        let e = read_sheet("a.ods", &ods).unwrap_err();
        assert!(e.problem.contains(".ods"), "{}", e.problem);
        let xlsb = zip_of(&[("xl/workbook.bin", b"\0")]);
        let e = read_sheet("a.xlsb", &xlsb).unwrap_err();
        assert!(e.problem.contains(".xlsb"), "{}", e.problem);
        let plain = zip_of(&[("readme.txt", b"hello")]);
        let e = read_sheet("a.zip", &plain).unwrap_err();
        assert!(
            e.problem.contains("zip file but not an .xlsx"),
            "{}",
            e.problem
        );
        assert!(e.fix.contains("save it as .xlsx"), "{}", e.fix);
    }

    #[test]
    fn truncated_or_damaged_xlsx_refused() {
        let bytes = xlsx(|wb| {
            wb.add_worksheet().write_string(0, 0, "ACME").unwrap();
        });
        for cut in [4, 30, bytes.len() / 2, bytes.len() - 10] {
            let e = read_sheet("t.xlsx", &bytes[..cut]).unwrap_err();
            assert!(e.location.starts_with("t.xlsx"), "{cut}: {e:?}");
        }
        // Only a workbook entry: calamine finds no sheet data.
        let fake = zip_of(&[("xl/workbook.xml", b"not xml <")]);
        assert!(read_sheet("f.xlsx", &fake).is_err());
        // Flipped bytes in the middle: an error or a sheet, never a panic.
        let mut flipped = bytes.clone();
        for i in (100..flipped.len()).step_by(97) {
            flipped[i] ^= 0x5a;
        }
        let _ = read_sheet("x.xlsx", &flipped);
    }
}
