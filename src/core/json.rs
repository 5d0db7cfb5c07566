//! A small JSON value, parser and writers. The report, the archive and the
//! browser storage use it instead of serde_json: it costs a fraction of the
//! wasm, and the canonical writer (keys sorted by their bytes, no
//! whitespace) defines what the report fingerprint covers.
//! Numbers are integers: none of these formats uses fractions.

use std::fmt::Write;

use super::error::LoadError;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Json {
    #[default]
    Null,
    Bool(bool),
    Int(i64),
    Str(String),
    Arr(Vec<Json>),
    /// Members in file order; duplicate keys are refused by the parser.
    Obj(Vec<(String, Json)>),
}

const MAX_DEPTH: usize = 128;

impl Json {
    pub fn str(s: impl Into<String>) -> Json {
        Json::Str(s.into())
    }

    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Int(_) => "a number",
            Json::Str(_) => "a string",
            Json::Arr(_) => "a list",
            Json::Obj(_) => "an object",
        }
    }

    /// Canonical form: no whitespace, object keys sorted by their UTF-8
    /// bytes, `skip_top` (e.g. "fingerprint") left out at the top level.
    pub fn canonical(&self, skip_top: Option<&str>) -> String {
        let mut out = String::new();
        write_value(self, &mut out, None, true, skip_top);
        out
    }

    /// Readable form: two-space indentation, members in their order.
    pub fn pretty(&self) -> String {
        let mut out = String::new();
        write_value(self, &mut out, Some(0), false, None);
        out.push('\n');
        out
    }
}

fn write_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn newline(out: &mut String, indent: Option<usize>) {
    if let Some(n) = indent {
        out.push('\n');
        for _ in 0..n {
            out.push_str("  ");
        }
    }
}

fn write_value(
    v: &Json,
    out: &mut String,
    indent: Option<usize>,
    sorted: bool,
    skip: Option<&str>,
) {
    let inner = indent.map(|n| n + 1);
    match v {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Int(n) => {
            let _ = write!(out, "{n}");
        }
        Json::Str(s) => write_str(s, out),
        Json::Arr(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, inner);
                write_value(item, out, inner, sorted, None);
            }
            if !items.is_empty() {
                newline(out, indent);
            }
            out.push(']');
        }
        Json::Obj(members) => {
            let mut list: Vec<&(String, Json)> = members
                .iter()
                .filter(|(k, _)| Some(k.as_str()) != skip)
                .collect();
            if sorted {
                list.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            }
            out.push('{');
            for (i, (k, val)) in list.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, inner);
                write_str(k, out);
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                write_value(val, out, inner, sorted, None);
            }
            if !list.is_empty() {
                newline(out, indent);
            }
            out.push('}');
        }
    }
}

/// Parses one JSON value; `input` names the file kind in errors.
pub fn parse(input: &'static str, bytes: &[u8], limit: usize) -> Result<Json, LoadError> {
    if bytes.len() > limit {
        return Err(LoadError::new(
            input,
            "whole file",
            format!(
                "the file has {} bytes; at most {limit} are accepted",
                bytes.len()
            ),
            "check that you chose the right file",
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        LoadError::new(
            input,
            format!("byte {}", e.valid_up_to()),
            "the file is not UTF-8 text",
            "save the file as UTF-8 JSON",
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
        input,
    };
    p.ws();
    let v = p.value(0)?;
    p.ws();
    if p.i < p.s.len() {
        return Err(p.err(
            "there is more text after the JSON value",
            "remove everything after the closing bracket",
        ));
    }
    Ok(v)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
    input: &'static str,
}

impl Parser<'_> {
    fn err(&self, problem: &str, fix: &str) -> LoadError {
        let before = &self.s[..self.i.min(self.s.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let col = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        let fix = if self.i >= self.s.len() {
            "the file ends too early: it is truncated or incomplete; use the complete file"
        } else {
            fix
        };
        LoadError::new(
            self.input,
            format!("line {line} column {col}"),
            problem,
            fix,
        )
    }

    fn syntax(&self, what: &str) -> LoadError {
        if self.i >= self.s.len() {
            self.err("unexpected end of file", "")
        } else {
            self.err(
                &format!("expected {what}"),
                "the file is not valid JSON at that position; repair it or export it again",
            )
        }
    }

    fn ws(&mut self) {
        while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn eat(&mut self, lit: &[u8]) -> bool {
        if self.s[self.i..].starts_with(lit) {
            self.i += lit.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, LoadError> {
        if depth > MAX_DEPTH {
            return Err(self.err("the JSON is nested too deeply", "flatten the structure"));
        }
        match self.s.get(self.i) {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => Ok(Json::Str(self.string()?)),
            Some(b't') if self.eat(b"true") => Ok(Json::Bool(true)),
            Some(b'f') if self.eat(b"false") => Ok(Json::Bool(false)),
            Some(b'n') if self.eat(b"null") => Ok(Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.syntax("a value")),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, LoadError> {
        self.i += 1;
        let mut members: Vec<(String, Json)> = Vec::new();
        self.ws();
        if self.eat(b"}") {
            return Ok(Json::Obj(members));
        }
        loop {
            self.ws();
            if self.s.get(self.i) != Some(&b'"') {
                return Err(self.syntax("a quoted key"));
            }
            let at = self.i;
            let key = self.string()?;
            if members.iter().any(|(k, _)| *k == key) {
                self.i = at;
                return Err(self.err(
                    &format!("the key \"{key}\" appears twice in one object"),
                    "keep one of them",
                ));
            }
            self.ws();
            if !self.eat(b":") {
                return Err(self.syntax("':'"));
            }
            self.ws();
            let v = self.value(depth + 1)?;
            members.push((key, v));
            self.ws();
            if self.eat(b",") {
                continue;
            }
            if self.eat(b"}") {
                return Ok(Json::Obj(members));
            }
            return Err(self.syntax("',' or '}'"));
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, LoadError> {
        self.i += 1;
        let mut items = Vec::new();
        self.ws();
        if self.eat(b"]") {
            return Ok(Json::Arr(items));
        }
        loop {
            self.ws();
            items.push(self.value(depth + 1)?);
            self.ws();
            if self.eat(b",") {
                continue;
            }
            if self.eat(b"]") {
                return Ok(Json::Arr(items));
            }
            return Err(self.syntax("',' or ']'"));
        }
    }

    fn number(&mut self) -> Result<Json, LoadError> {
        let start = self.i;
        if self.s[self.i] == b'-' {
            self.i += 1;
        }
        let digits = self.i;
        while self.i < self.s.len() && self.s[self.i].is_ascii_digit() {
            self.i += 1;
        }
        if self.i == digits || (self.s[digits] == b'0' && self.i - digits > 1) {
            return Err(self.syntax("a number"));
        }
        if matches!(self.s.get(self.i), Some(b'.' | b'e' | b'E')) {
            return Err(self.err(
                "numbers with fractions or exponents are not used in this format",
                "use whole numbers",
            ));
        }
        std::str::from_utf8(&self.s[start..self.i])
            .ok()
            .and_then(|t| t.parse::<i64>().ok())
            .map(Json::Int)
            .ok_or_else(|| self.err("the number is too large", "use a smaller number"))
    }

    fn hex4(&mut self) -> Result<u32, LoadError> {
        let h = self
            .s
            .get(self.i..self.i + 4)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u32::from_str_radix(h, 16).ok());
        match h {
            Some(v) => {
                self.i += 4;
                Ok(v)
            }
            None => Err(self.syntax("four hex digits")),
        }
    }

    fn string(&mut self) -> Result<String, LoadError> {
        self.i += 1;
        let mut out = String::new();
        loop {
            let start = self.i;
            while self.i < self.s.len()
                && !matches!(self.s[self.i], b'"' | b'\\')
                && self.s[self.i] >= 0x20
            {
                self.i += 1;
            }
            // The input is valid UTF-8 and we only stop at ASCII bytes.
            out.push_str(std::str::from_utf8(&self.s[start..self.i]).unwrap_or_default());
            match self.s.get(self.i) {
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = self.s.get(self.i).copied();
                    self.i += 1;
                    match c {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => {
                            let hi = self.hex4()?;
                            let code = if (0xd800..0xdc00).contains(&hi) {
                                if !self.eat(b"\\u") {
                                    return Err(self.syntax("the second half of a surrogate pair"));
                                }
                                let lo = self.hex4()?;
                                if !(0xdc00..0xe000).contains(&lo) {
                                    return Err(self.syntax("a low surrogate"));
                                }
                                0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00)
                            } else {
                                hi
                            };
                            match char::from_u32(code) {
                                Some(ch) => out.push(ch),
                                None => return Err(self.syntax("a valid character escape")),
                            }
                        }
                        _ => {
                            self.i -= 1;
                            return Err(self.syntax("a valid escape"));
                        }
                    }
                }
                Some(_) => {
                    return Err(self.err(
                        "a control character inside a string",
                        "escape it or remove it",
                    ))
                }
                None => return Err(self.syntax("the end of the string")),
            }
        }
    }
}

/// Typed access to an object with precise errors: `at` is the JSON path.
pub struct Fields<'a> {
    pub input: &'static str,
    pub at: String,
    members: &'a [(String, Json)],
}

impl<'a> Fields<'a> {
    pub fn of(
        input: &'static str,
        at: impl Into<String>,
        v: &'a Json,
    ) -> Result<Fields<'a>, LoadError> {
        let at = at.into();
        match v {
            Json::Obj(members) => Ok(Fields { input, at, members }),
            other => Err(LoadError::new(
                input,
                at,
                format!("expected an object, found {}", other.kind()),
                "use the file exactly as export-assessor wrote it",
            )),
        }
    }

    pub fn path(&self, key: &str) -> String {
        if self.at.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.at)
        }
    }

    pub fn type_error(&self, key: &str, expected: &str, found: &Json) -> LoadError {
        LoadError::new(
            self.input,
            self.path(key),
            format!("expected {expected}, found {}", found.kind()),
            "use the file exactly as export-assessor wrote it",
        )
    }

    /// Fails on members other than `known`, so a typo is not ignored.
    pub fn only(&self, known: &[&str]) -> Result<(), LoadError> {
        match self
            .members
            .iter()
            .find(|(k, _)| !known.contains(&k.as_str()))
        {
            Some((k, _)) => Err(LoadError::new(
                self.input,
                self.path(k),
                format!("unknown field \"{k}\""),
                format!("remove it; the known fields are: {}", known.join(", ")),
            )),
            None => Ok(()),
        }
    }

    pub fn opt(&self, key: &str) -> Option<&'a Json> {
        self.members
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .filter(|v| **v != Json::Null)
    }

    pub fn req(&self, key: &str) -> Result<&'a Json, LoadError> {
        self.opt(key).ok_or_else(|| {
            LoadError::new(
                self.input,
                self.path(key),
                format!("the field \"{key}\" is missing"),
                "use the file exactly as export-assessor wrote it",
            )
        })
    }

    pub fn string(&self, key: &str) -> Result<String, LoadError> {
        match self.req(key)? {
            Json::Str(s) => Ok(s.clone()),
            other => Err(self.type_error(key, "a string", other)),
        }
    }

    pub fn opt_string(&self, key: &str) -> Result<Option<String>, LoadError> {
        match self.opt(key) {
            None => Ok(None),
            Some(Json::Str(s)) => Ok(Some(s.clone())),
            Some(other) => Err(self.type_error(key, "a string", other)),
        }
    }

    pub fn int(&self, key: &str) -> Result<i64, LoadError> {
        match self.req(key)? {
            Json::Int(n) => Ok(*n),
            other => Err(self.type_error(key, "a whole number", other)),
        }
    }

    pub fn bool(&self, key: &str) -> Result<bool, LoadError> {
        match self.req(key)? {
            Json::Bool(b) => Ok(*b),
            other => Err(self.type_error(key, "true or false", other)),
        }
    }

    pub fn list(&self, key: &str) -> Result<&'a [Json], LoadError> {
        match self.req(key)? {
            Json::Arr(items) => Ok(items),
            other => Err(self.type_error(key, "a list", other)),
        }
    }

    pub fn strings(&self, key: &str) -> Result<Vec<String>, LoadError> {
        self.list(key)?
            .iter()
            .enumerate()
            .map(|(i, v)| match v {
                Json::Str(s) => Ok(s.clone()),
                other => Err(LoadError::new(
                    self.input,
                    format!("{}[{i}]", self.path(key)),
                    format!("expected a string, found {}", other.kind()),
                    "use the file exactly as export-assessor wrote it",
                )),
            })
            .collect()
    }

    /// A string that must be one of the names `parse` accepts.
    pub fn name<T>(
        &self,
        key: &str,
        parse: fn(&str) -> Option<T>,
        known: &str,
    ) -> Result<T, LoadError> {
        let s = self.string(key)?;
        parse(&s).ok_or_else(|| {
            LoadError::new(
                self.input,
                self.path(key),
                format!("\"{s}\" is not a known value"),
                format!("use one of: {known}"),
            )
        })
    }
}

/// Builds an object from (key, value) pairs.
pub fn obj(members: Vec<(&str, Json)>) -> Json {
    Json::Obj(
        members
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

pub fn strs<'a>(items: impl IntoIterator<Item = &'a String>) -> Json {
    Json::Arr(items.into_iter().map(|s| Json::Str(s.clone())).collect())
}
