//! A small CSV reader for sanctions lists and lead files: quoted fields
//! with doubled quotes and embedded newlines, delimiter sniffing, UTF-8
//! (with or without BOM) or Windows-1252 text.

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
        0x80..=0x9f => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// The most likely delimiter: the candidate that splits the first line
/// into the most fields.
pub fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
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

/// Splits CSV text into records. An unterminated quote is an error naming
/// the line where the field began.
pub fn parse(text: &str, delimiter: u8) -> Result<Vec<Record>, (usize, String)> {
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut line = 1;
    let mut record_line = 1;
    let mut quote_line = 0;
    let mut chars = text.chars().peekable();
    let delim = delimiter as char;
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => {
                in_quotes = true;
                quote_line = line;
            }
            c if c == delim => fields.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                if fields.iter().any(|f| !f.is_empty()) {
                    records.push(Record {
                        line: record_line,
                        fields: std::mem::take(&mut fields),
                    });
                } else {
                    fields.clear();
                }
                line += 1;
                record_line = line;
            }
            c => field.push(c),
        }
    }
    if in_quotes {
        return Err((quote_line, "a quoted field is not closed".into()));
    }
    fields.push(field);
    if fields.iter().any(|f| !f.is_empty()) {
        records.push(Record {
            line: record_line,
            fields,
        });
    }
    Ok(records)
}
