//! Message catalogues: every string the UI shows that is not rule-set or
//! destination data lives in `messages.json` (English and German). The
//! catalogue travels in the data bundle, not in the wasm, and is installed
//! once at mount; `{name}` placeholders are filled with `core::text::fill`.

use std::sync::OnceLock;

pub use crate::core::text::Lang;
use crate::core::json::{self, Json};
use crate::core::Outcome;

macro_rules! messages {
    ($($name:ident),* $(,)?) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Msg { $($name),* }
        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$name),*];
            pub fn key(self) -> &'static str {
                match self { $(Msg::$name => stringify!($name)),* }
            }
        }
    };
}
include!("msg_list.rs");

static TEXTS: OnceLock<Vec<[String; 2]>> = OnceLock::new();

/// Installs the catalogue (`{"en": {key: text}, "de": {...}}`). A missing
/// text falls back to English, then to the key, so nothing panics.
pub fn install(catalogue: &str) -> Result<(), String> {
    let v = json::parse("UI messages", catalogue.as_bytes(), 1 << 20).map_err(|e| e.to_string())?;
    let lookup = |lang: &str, key: &str| v.get(lang).and_then(|l| l.get(key)).and_then(Json::as_str).map(str::to_string);
    let table = Msg::ALL
        .iter()
        .map(|m| {
            let en = lookup("en", m.key()).unwrap_or_else(|| m.key().to_string());
            let de = lookup("de", m.key()).unwrap_or_else(|| en.clone());
            [en, de]
        })
        .collect();
    let _ = TEXTS.set(table);
    Ok(())
}

pub fn t(lang: Lang, msg: Msg) -> &'static str {
    let i = match lang {
        Lang::En => 0,
        Lang::De => 1,
    };
    TEXTS.get().and_then(|v| v.get(msg as usize)).map(|pair| pair[i].as_str()).unwrap_or(msg.key())
}

/// The outcome's name and a one-line meaning.
pub fn outcome(lang: Lang, o: Outcome) -> (&'static str, &'static str) {
    let (name, meaning) = match o {
        Outcome::Prohibited => (Msg::OutcomeProhibited, Msg::OutcomeProhibitedMeaning),
        Outcome::AuthorisationRequired => (Msg::OutcomeAuthorisationRequired, Msg::OutcomeAuthorisationRequiredMeaning),
        Outcome::NotifyAuthority => (Msg::OutcomeNotifyAuthority, Msg::OutcomeNotifyAuthorityMeaning),
        Outcome::Incomplete => (Msg::OutcomeIncomplete, Msg::OutcomeIncompleteMeaning),
        Outcome::Escalate => (Msg::OutcomeEscalate, Msg::OutcomeEscalateMeaning),
        Outcome::ProceedDocumented => (Msg::OutcomeProceedDocumented, Msg::OutcomeProceedDocumentedMeaning),
        Outcome::NotInScope => (Msg::OutcomeNotInScope, Msg::OutcomeNotInScopeMeaning),
    };
    (t(lang, name), t(lang, meaning))
}
