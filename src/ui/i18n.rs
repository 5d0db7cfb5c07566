//! Message catalogues: every string the UI shows that is not rule-set or
//! destination data lives in `messages.json` (English and German). The
//! texts travel in the data bundle, ordered as the message list, not in the
//! wasm, and are installed once at mount; `{name}` placeholders are filled
//! with `core::text::fill`.

use std::sync::OnceLock;

use crate::core::bundle::Texts;
pub use crate::core::text::Lang;
use crate::core::Outcome;

/// Declares a message list: `enum Msg` with one variant per key, in the
/// order of the list (the index into a `Catalogue`). The keys themselves
/// stay out of the wasm: `export-assessor bundle` orders the texts.
macro_rules! messages {
    ($($name:ident),* $(,)?) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Msg { $($name),* }
    };
}
#[cfg_attr(not(feature = "screening-app"), allow(unused_imports))]
pub(crate) use messages;

include!("msg_list.rs");

/// The texts of one message list, `[English, German]` per message in the
/// list's order, installed once from the data bundle.
pub struct Catalogue(OnceLock<Texts>);

impl Catalogue {
    pub const fn new() -> Catalogue {
        Catalogue(OnceLock::new())
    }

    /// The bundle is written by the same build from the same list, and a
    /// native test checks every text; a missing one shows as empty.
    pub fn install(&self, texts: Texts) {
        let _ = self.0.set(texts);
    }

    pub fn text(&'static self, lang: Lang, index: usize) -> &'static str {
        self.0
            .get()
            .and_then(|v| v.get(index))
            .map_or("", |pair| pair[lang as usize].as_str())
    }
}

static TEXTS: Catalogue = Catalogue::new();

pub fn install(texts: Texts) {
    TEXTS.install(texts)
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
