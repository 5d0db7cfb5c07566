//! Load errors: what went wrong, where, and what to do.

use std::fmt;

/// An input (rule set, destination data, answers, report) that could not be
/// used. `location` is a JSON path such as `questions[3].kind` or a
/// `line L column C` position; `fix` tells the user what to change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub input: &'static str,
    pub location: String,
    pub problem: String,
    pub fix: String,
}

impl LoadError {
    pub fn new(
        input: &'static str,
        location: impl Into<String>,
        problem: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        LoadError {
            input,
            location: location.into(),
            problem: problem.into(),
            fix: fix.into(),
        }
    }

    /// Maps a serde_json error (with the path where it happened, where
    /// known) to a LoadError.
    pub(crate) fn from_json(
        input: &'static str,
        path: String,
        inner: serde_json::Error,
        fix: &str,
    ) -> Self {
        let location = if inner.line() == 0 {
            path.clone()
        } else if path.is_empty() || path == "." || path == "?" {
            format!("line {} column {}", inner.line(), inner.column())
        } else {
            format!("{path} (line {} column {})", inner.line(), inner.column())
        };
        let problem = strip_position(&inner.to_string());
        let fix = match inner.classify() {
            serde_json::error::Category::Eof => {
                "the file ends too early: it is truncated or incomplete; use the complete file"
                    .to_string()
            }
            serde_json::error::Category::Syntax => {
                "the file is not valid JSON at that position; repair it or export it again"
                    .to_string()
            }
            _ => fix.to_string(),
        };
        LoadError {
            input,
            location,
            problem,
            fix,
        }
    }

    pub(crate) fn too_large(input: &'static str, size: usize, limit: usize) -> Self {
        LoadError::new(
            input,
            "whole file",
            format!("the file has {size} bytes; at most {limit} are accepted"),
            "check that you chose the right file; this limit protects the app from freezing",
        )
    }
}

fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: at {}: {}. What to do: {}.",
            self.input, self.location, self.problem, self.fix
        )
    }
}

impl std::error::Error for LoadError {}

/// Parses JSON into `T`, reporting the path of the first problem.
pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(
    input: &'static str,
    bytes: &[u8],
    limit: usize,
    fix: &str,
) -> Result<T, LoadError> {
    if bytes.len() > limit {
        return Err(LoadError::too_large(input, bytes.len(), limit));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        LoadError::new(
            input,
            format!("byte {}", e.valid_up_to()),
            "the file is not UTF-8 text",
            "save the file as UTF-8 JSON",
        )
    })?;
    // Every file this tool reads is a JSON object; say so plainly rather
    // than with serde's remarks about sequences.
    if let Some(first) = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .next()
    {
        if first != '{' {
            return Err(LoadError::new(input, "line 1", format!("the file starts with '{first}', but it must be a JSON object starting with '{{'"), "check that you chose the right file"));
        }
    }
    let text = text.trim_start_matches('\u{feff}');
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        LoadError::from_json(input, path, e.into_inner(), fix)
    })?;
    de.end().map_err(|e| {
        LoadError::new(
            input,
            format!("line {} column {}", e.line(), e.column()),
            "there is more text after the JSON value",
            "remove everything after the closing bracket",
        )
    })?;
    Ok(value)
}

/// Maps a JSON value already parsed (a part of a larger document) onto
/// `T`, reporting the path of the first problem below `at`.
pub(crate) fn from_value<T: serde::de::DeserializeOwned>(
    input: &'static str,
    at: &str,
    value: &serde_json::Value,
    fix: &str,
) -> Result<T, LoadError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let inner = e.path().to_string();
        let path = match (at.is_empty(), inner.as_str()) {
            (true, _) => inner.clone(),
            (false, ".") => at.to_string(),
            (false, p) => format!("{at}.{p}"),
        };
        LoadError::from_json(input, path, e.into_inner(), fix)
    })
}
