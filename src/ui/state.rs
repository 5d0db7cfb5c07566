//! The app state and its reducer. Every change of assessments goes through
//! `core::session::Archive`; ids and timestamps arrive in the actions, so
//! the reducer itself reads no clock.

use std::rc::Rc;

use yew::Reducible;

use std::collections::BTreeSet;

use super::context::Engine;
use super::store::{Saved, StoreReply};
use crate::core::notification::NotificationInput;
use crate::core::screening::record::{HitKey, PartyKey, Response, Verdict};
use crate::core::session::{Archive, Decided, Draft, MadeUnder, Signatures};
use crate::core::{AnswerValue, Lang};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageStatus {
    Ok,
    Unavailable,
    Failed,
    /// The saved work could not be read (why); it was kept aside.
    Damaged(String),
    /// The store refused a save (full, or another error: why); the work
    /// stays on the page, unsaved.
    Full(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The assessment deleted last, until undone or another is deleted.
    pub deleted: Option<Draft>,
    /// Ids of the assessments the last import added or replaced.
    pub imported: Vec<String>,
    /// The last stored revision of each assessment (empty without a store).
    pub saved: Saved,
    /// Assessments moved over from localStorage and not yet stored.
    pub migrating: BTreeSet<String>,
    /// Versions kept side by side after another tab saved the same
    /// assessment: (title, id of the copy holding this tab's version).
    pub conflicts: Vec<(String, String)>,
    pub lang: Lang,
    pub archive: Archive,
    pub current: Option<String>,
    pub storage: StorageStatus,
    /// The question whose input gets the keyboard focus after the next
    /// render (after a jump from the list of missing answers).
    pub focus: Option<String>,
    pub engine: Engine,
}

pub enum Action {
    SetLang(Lang),
    New {
        id: String,
        now: String,
        first_section: String,
    },
    Open(String),
    /// `under`: the rule set and destination data the answer is given under.
    Answer {
        question: String,
        value: Option<AnswerValue>,
        now: String,
        under: MadeUnder,
    },
    GoSection(String),
    JumpTo {
        section: String,
        question: String,
    },
    FocusDone,
    Storage(StorageStatus),
    /// What the host's screening engine answered: a response, or a
    /// message saying why screening failed.
    Screened {
        result: Result<Response, String>,
        now: String,
    },
    SetTitle {
        title: String,
        now: String,
    },
    SetSignatures {
        id: String,
        signatures: Signatures,
    },
    SetNotification {
        id: String,
        input: NotificationInput,
    },
    /// What the open assessment's evaluation decides now (kept with it).
    RecordDecided(Decided),
    Reassess {
        new_id: String,
        now: String,
        under: MadeUnder,
    },
    Duplicate {
        id: String,
        new_id: String,
        now: String,
    },
    Delete(String),
    UndoDelete,
    /// Assessments an import adds or replaces (the user chose).
    Import(Vec<Draft>),
    /// The store's answer about assessment `id` (`sent`: what was saved).
    Stored {
        id: String,
        reply: StoreReply,
        sent: Option<Box<Draft>>,
    },
    /// Everything moved over from localStorage is stored.
    Migrated,
    Decide {
        party: PartyKey,
        hit: HitKey,
        verdict: Option<Verdict>,
        reason: String,
        now: String,
    },
}

impl State {
    pub fn draft(&self) -> Option<&Draft> {
        self.current.as_deref().and_then(|id| self.archive.get(id))
    }

    /// Applies the store's answer. A conflict keeps both versions: the
    /// other tab's under the id, this tab's as a copy (which is then saved).
    fn stored(&mut self, id: String, reply: StoreReply, sent: Option<Draft>) {
        match reply {
            StoreReply::Saved { rev } => {
                if let Some(d) = sent {
                    self.saved.insert(id, (rev, d));
                }
                if matches!(self.storage, StorageStatus::Full(_) | StorageStatus::Failed)
                    && self.unsaved() == 0
                {
                    self.storage = StorageStatus::Ok;
                }
            }
            StoreReply::Removed => {
                self.saved.remove(&id);
            }
            StoreReply::Conflict {
                rev: _,
                draft: None,
            } => {
                // Deleted in another tab: this tab's version is stored anew.
                self.saved.remove(&id);
            }
            StoreReply::Conflict {
                rev,
                draft: Some(json),
            } => match Draft::parse(&json) {
                Ok(theirs) => {
                    let title = theirs.title.clone();
                    if let Some(ours) = self.archive.remove(&id) {
                        let mut n: u64 = 1;
                        while self.archive.get(&format!("{id}-{n}")).is_some() {
                            n = n.saturating_add(1);
                        }
                        let copy = format!("{id}-{n}");
                        if self.current.as_deref() == Some(id.as_str()) {
                            self.current = Some(copy.clone());
                        }
                        self.archive.add(Draft {
                            id: copy.clone(),
                            ..ours
                        });
                        self.conflicts.push((title, copy));
                    }
                    self.archive.add(theirs.clone());
                    self.saved.insert(id, (rev, theirs));
                }
                Err(e) => self.storage = StorageStatus::Full(e.to_string()),
            },
            StoreReply::Quota(m) | StoreReply::Failed(m) => self.storage = StorageStatus::Full(m),
        }
    }

    /// Assessments whose last change is not stored.
    pub fn unsaved(&self) -> usize {
        self.archive
            .drafts
            .iter()
            .filter(|d| self.saved.get(&d.id).is_none_or(|(_, s)| s != *d))
            .count()
    }

    fn editable(&self, under: &MadeUnder) -> bool {
        self.draft().is_some_and(|d| d.editable(under))
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::SetLang(l) => s.lang = l,
            Action::New {
                id,
                now,
                first_section,
            } => {
                s.archive.add(Draft::new(&id, &now, &first_section));
                s.current = Some(id);
            }
            Action::Open(id) => {
                if s.archive.get(&id).is_some() {
                    s.current = Some(id);
                }
            }
            Action::Answer {
                question,
                value,
                now,
                under,
            } => {
                // An assessment made under other rules keeps its record; it
                // is re-assessed as a new version instead.
                if let Some(id) = s.current.clone().filter(|_| s.editable(&under)) {
                    s.archive.set_answer(&id, &question, value, &now);
                    s.archive.stamp(&id, &under);
                }
            }
            Action::GoSection(section) => {
                if let Some(id) = s.current.clone() {
                    s.archive.set_section(&id, &section);
                }
            }
            Action::JumpTo { section, question } => {
                if let Some(id) = s.current.clone() {
                    s.archive.set_section(&id, &section);
                }
                s.focus = Some(question);
            }
            Action::FocusDone => s.focus = None,
            Action::Storage(status) => s.storage = status,
            Action::Screened { result, now } => {
                s.engine = match result {
                    Ok(r) => {
                        s.archive.set_screening(r, &now);
                        Engine::Ready
                    }
                    Err(e) => Engine::Failed(e),
                };
            }
            Action::Stored { id, reply, sent } => s.stored(id, reply, sent.map(|d| *d)),
            Action::Migrated => s.migrating.clear(),
            Action::SetTitle { title, now } => {
                if let Some(id) = s.current.clone() {
                    s.archive.set_title(&id, &title, &now);
                }
            }
            Action::SetSignatures { id, signatures } => {
                s.archive.set_signatures(&id, signatures);
            }
            Action::SetNotification { id, input } => {
                s.archive.set_notification(&id, input);
            }
            Action::RecordDecided(decided) => {
                if let Some(id) = s.current.clone() {
                    s.archive.record_decided(&id, decided);
                }
            }
            Action::Reassess { new_id, now, under } => {
                if let Some(id) = s.current.clone() {
                    if s.archive.reassess(&id, &new_id, &now, &under) {
                        s.current = Some(new_id);
                    }
                }
            }
            Action::Duplicate { id, new_id, now } => {
                s.archive.duplicate(&id, &new_id, &now);
            }
            Action::Delete(id) => {
                if let Some(d) = s.archive.remove(&id) {
                    if s.current.as_deref() == Some(id.as_str()) {
                        s.current = None;
                    }
                    s.deleted = Some(d);
                }
            }
            Action::UndoDelete => {
                if let Some(d) = s.deleted.take() {
                    s.archive.add(d);
                }
            }
            Action::Import(drafts) => {
                s.imported = drafts.iter().map(|d| d.id.clone()).collect();
                for d in drafts {
                    s.archive.add(d);
                }
            }
            Action::Decide {
                party,
                hit,
                verdict,
                reason,
                now,
            } => {
                if let Some(id) = s.current.clone() {
                    s.archive.decide(&id, &party, &hit, verdict, &reason, &now);
                }
            }
        }
        Rc::new(s)
    }
}
