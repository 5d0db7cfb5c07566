//! Message catalogues: every string the UI shows that is not rule-set or
//! destination data lives in `messages.json` (English and German). The
//! texts travel in the data bundle with their keys, not in the wasm; at
//! mount the keys are compared with this build's list and the texts
//! installed once; `{name}` placeholders are filled with
//! `core::text::fill`.

use std::sync::OnceLock;

use crate::core::bundle::Messages;
use crate::core::error::LoadError;
pub use crate::core::text::Lang;
use crate::core::Outcome;

/// Declares a message list: `enum Msg` with one variant per key, in the
/// order of the list (the index into a `Catalogue`), and `KEYS`, the names,
/// which a bundle's catalogue must match.
macro_rules! messages {
    ($($name:ident),* $(,)?) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Msg { $($name),* }
        pub const KEYS: &[&str] = &[$(stringify!($name)),*];
    };
}
#[cfg_attr(not(feature = "screening-app"), allow(unused_imports))]
pub(crate) use messages;

include!("msg_list.rs");

/// The texts of one message list, `[English, German]` per message in the
/// list's order, installed once from the data bundle.
pub struct Catalogue(OnceLock<Vec<[String; 2]>>);

impl Catalogue {
    pub const fn new() -> Catalogue {
        Catalogue(OnceLock::new())
    }

    /// Installs the bundle's texts when their keys are this build's
    /// `keys`; a stale bundle is refused with a message saying to rebuild.
    /// A second mount keeps the texts already installed (the same bundle).
    pub fn install(&self, which: &str, messages: Messages, keys: &[&str]) -> Result<(), LoadError> {
        let texts = messages.for_list(which, keys)?;
        let _ = self.0.set(texts);
        Ok(())
    }

    pub fn text(&'static self, lang: Lang, index: usize) -> &'static str {
        self.0
            .get()
            .and_then(|v| v.get(index))
            .and_then(|pair| pair.get(lang as usize))
            .map_or("", String::as_str)
    }
}

static TEXTS: Catalogue = Catalogue::new();

pub fn install(messages: Messages) -> Result<(), LoadError> {
    TEXTS.install("questionnaire", messages, KEYS)
}

pub fn t(lang: Lang, msg: Msg) -> &'static str {
    TEXTS.text(lang, msg as usize)
}

/// The outcome's name and a one-line meaning.
pub fn outcome(lang: Lang, o: Outcome) -> (&'static str, &'static str) {
    let (name, meaning) = match o {
        Outcome::Prohibited => (Msg::OutcomeProhibited, Msg::OutcomeProhibitedMeaning),
        Outcome::AuthorisationRequired => (
            Msg::OutcomeAuthorisationRequired,
            Msg::OutcomeAuthorisationRequiredMeaning,
        ),
        Outcome::NotifyAuthority => (
            Msg::OutcomeNotifyAuthority,
            Msg::OutcomeNotifyAuthorityMeaning,
        ),
        Outcome::Incomplete => (Msg::OutcomeIncomplete, Msg::OutcomeIncompleteMeaning),
        Outcome::Escalate => (Msg::OutcomeEscalate, Msg::OutcomeEscalateMeaning),
        Outcome::ProceedDocumented => (
            Msg::OutcomeProceedDocumented,
            Msg::OutcomeProceedDocumentedMeaning,
        ),
        Outcome::NotInScope => (Msg::OutcomeNotInScope, Msg::OutcomeNotInScopeMeaning),
    };
    (t(lang, name), t(lang, meaning))
}
