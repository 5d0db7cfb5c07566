//! The app state and its reducer. Every change of assessments goes through
//! `core::session::Archive`; ids and timestamps arrive in the actions, so
//! the reducer itself reads no clock.

use std::rc::Rc;

use yew::Reducible;

use super::context::Engine;
use crate::core::screening::record::{HitKey, PartyKey, Response, Verdict};
use crate::core::session::{Archive, Draft, MadeUnder};
use crate::core::{AnswerValue, Lang};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageStatus {
    Ok,
    Unavailable,
    Failed,
    /// The saved work could not be read (why); it was kept aside.
    Damaged(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
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
                if let Some(id) = s.current.clone() {
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
