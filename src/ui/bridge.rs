//! What the questionnaire and the records app (archive, sealed report,
//! notification, verification; its own wasm, loaded when first needed)
//! exchange through the host page. The questionnaire owns the work and
//! its storage; the records app shows a snapshot of it and sends commands.

use serde::{Deserialize, Serialize};

use crate::core::notification::NotificationInput;
use crate::core::session::Signatures;
#[cfg(feature = "record-app")]
use crate::core::session::{Draft, SavedWork};
#[cfg(feature = "record-app")]
use crate::core::{Lang, LoadError};

/// The work as the records app sees it.
#[cfg(feature = "record-app")]
#[derive(Clone, Debug, PartialEq)]
pub struct RecordSnapshot {
    pub lang: Lang,
    /// The assessment open in the questionnaire.
    pub current: Option<String>,
    pub drafts: Vec<Draft>,
    /// The title of the assessment deleted last (while it can be undone).
    pub deleted: Option<String>,
    /// How many assessments the last import added or replaced.
    pub imported: usize,
}

/// What the records app asks the questionnaire to do.
/// A snapshot as it travels: the work in the app's own saved-work format
/// (what localStorage holds; parsed and checked like it), so that the
/// questionnaire needs no second serializer for its drafts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SnapshotWire {
    pub work: String,
    pub deleted: Option<String>,
    pub imported: usize,
}

#[cfg(feature = "record-app")]
impl RecordSnapshot {
    pub fn from_wire(w: SnapshotWire) -> Result<RecordSnapshot, LoadError> {
        let (lang, current, archive) = SavedWork::parse(&w.work)?.into_parts();
        Ok(RecordSnapshot {
            lang,
            current,
            drafts: archive.drafts,
            deleted: w.deleted,
            imported: w.imported,
        })
    }
}

/// Externally tagged (`{ "open": { "id": … } }`): an internally tagged
/// enum would make serde buffer its content, which costs the questionnaire's
/// wasm a second copy of every deserializer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordCommand {
    Open {
        id: String,
    },
    Duplicate {
        id: String,
    },
    Delete {
        id: String,
    },
    Undo,
    /// The assessments an import adds or replaces (the user has seen the
    /// plan and chosen), in the saved-work format.
    Import {
        work: String,
    },
    Signatures {
        id: String,
        signatures: Signatures,
    },
    Notification {
        id: String,
        input: NotificationInput,
    },
}
