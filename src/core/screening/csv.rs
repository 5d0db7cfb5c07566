//! CSV for sanctions lists and lead files, read with the `csv` crate
//! (quoted fields with doubled quotes and embedded newlines; LF, CRLF and
//! CR-only line ends). What the crate does not do lives here: encoding
//! detection (UTF-8 with or without BOM, else Windows-1252), delimiter
//! sniffing, and line numbers that count CR-only line ends.

/// How `decode_text` will read the bytes.
pub fn encoding_of(bytes: &[u8]) -> &'static str {
    match bytes.strip_prefix(b"\xef\xbb\xbf") {
        Some(rest) if std::str::from_utf8(rest).is_ok() => "UTF-8 with BOM",
        Some(_) => "Windows-1252",
        None if std::str::from_utf8(bytes).is_ok() => "UTF-8",
        None => "Windows-1252",
    }
}

/// Decodes bytes as UTF-8 (a BOM is dropped) or, when they are not valid
/// UTF-8, as Windows-1252.
pub fn decode_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH
            .get(usize::from(b.wrapping_sub(0x80)))
            .copied()
            .unwrap_or(char::REPLACEMENT_CHARACTER),
        _ => char::from(b),
    }
}

/// The most likely delimiter: the candidate that splits the first line
/// into the most fields.
pub fn sniff_delimiter(text: &str) -> u8 {
    // A CR-only file is one "line" to `str::lines`, so cut at either.
    let first = text.split(['\r', '\n']).next().unwrap_or("");
    [b',', b';', b'\t', b'|']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .filter(|d| first.as_bytes().contains(d))
        .unwrap_or(b',')
}

/// A record with the line it starts on (1-based).
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// Counts lines up to a byte offset, moving forward only (linear over a
/// file): LF, CRLF and a lone CR each end a line.
struct LineCounter<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
}

impl LineCounter<'_> {
    fn line_at(&mut self, offset: usize) -> usize {
        let end = offset.min(self.bytes.len());
        for (at, b) in self.bytes.iter().enumerate().take(end).skip(self.pos) {
            let ends_line = match b {
                b'\n' => true,
                b'\r' => self.bytes.get(at.saturating_add(1)) != Some(&b'\n'),
                _ => false,
            };
            self.line = self.line.saturating_add(usize::from(ends_line));
        }
        self.pos = self.pos.max(end);
        self.line
    }
}

/// Splits CSV text into records; rows whose fields are all empty are
/// dropped. An unterminated quote is an error naming the line where the
/// field began.
/// A CSV file as sniffed and split: its encoding, its delimiter and its
/// records.
pub struct Sniffed {
    pub encoding: &'static str,
    pub delimiter: u8,
    pub records: Vec<Record>,
}

/// Decodes `bytes`, sniffs the delimiter and reads at most `max` records;
/// an error names the file `label` and the line, for the loader `input`,
/// with `quote_fix` as what to do about an unclosed quote.
pub fn sniff_and_parse(
    input: &'static str,
    label: &str,
    bytes: &[u8],
    max: usize,
    quote_fix: &str,
) -> Result<Sniffed, crate::core::error::LoadError> {
    let encoding = encoding_of(bytes);
    let text = decode_text(bytes);
    let delimiter = sniff_delimiter(&text);
    let records = parse_at_most(&text, delimiter, max).map_err(|(line, p)| {
        let fix = if p.contains("more than") {
            "split the file into smaller ones"
        } else {
            quote_fix
        };
        crate::core::error::LoadError::new(input, format!("{label}: line {line}"), p, fix)
    })?;
    Ok(Sniffed {
        encoding,
        delimiter,
        records,
    })
}

pub fn parse(text: &str, delimiter: u8) -> Result<Vec<Record>, (usize, String)> {
    parse_at_most(text, delimiter, usize::MAX)
}

/// `parse`, stopping with an error at record `max + 1` (naming its line),
/// before a file of millions of tiny rows takes gigabytes.
pub fn parse_at_most(
    text: &str,
    delimiter: u8,
    max: usize,
) -> Result<Vec<Record>, (usize, String)> {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut lines = LineCounter {
        bytes: text.as_bytes(),
        pos: 0,
        line: 1,
    };
    let mut records = Vec::new();
    let mut last_start = None;
    for row in reader.records() {
        // The input is a `str`, so the only possible error would be an I/O
        // one from a byte slice, which cannot happen; still, no panic.
        let row = row.map_err(|e| {
            let line = e.position().map_or(0, |p| lines.line_at(p.byte() as usize));
            (line, format!("the CSV cannot be read ({e})"))
        })?;
        // The crate's position can point at the blank lines it skipped
        // before the record; the record starts after them.
        let mut start = row.position().map_or(0, |p| p.byte() as usize);
        while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start = start.saturating_add(1);
        }
        last_start = Some(start);
        if row.iter().all(str::is_empty) {
            continue;
        }
        if records.len() == max {
            return Err((
                lines.line_at(start),
                format!("the file has more than {max} rows"),
            ));
        }
        records.push(Record {
            line: lines.line_at(start),
            fields: row.iter().map(str::to_string).collect(),
        });
    }
    // The crate reads an unclosed quote to the end of the file; a file
    // that ends inside quotes is truncated or malformed, so say so.
    if let Some(start) = last_start {
        let rest = text.as_bytes().get(start..).unwrap_or_default();
        if let Some(at) = open_quote(rest, delimiter) {
            return Err((
                lines.line_at(start.saturating_add(at)),
                "a quoted field is not closed".into(),
            ));
        }
    }
    Ok(records)
}

/// Where the last record's unclosed quoted field begins, if it has one,
/// following the crate's rules (a quote opens a field only at its start;
/// a doubled quote inside is a literal quote).
fn open_quote(record: &[u8], delimiter: u8) -> Option<usize> {
    let mut at_field_start = true;
    let mut open: Option<usize> = None;
    let mut bytes = record.iter().enumerate().peekable();
    while let Some((i, &b)) = bytes.next() {
        match open {
            Some(_) if b == b'"' && bytes.peek().is_some_and(|(_, &n)| n == b'"') => {
                bytes.next();
            }
            Some(_) if b == b'"' => open = None,
            Some(_) => {}
            None if at_field_start && b == b'"' => open = Some(i),
            None => {}
        }
        if open.is_none() {
            at_field_start = b == delimiter || b == b'\n' || b == b'\r';
        }
    }
    open
}
