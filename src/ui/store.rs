//! Saving the work: one IndexedDB record per assessment through the host's
//! store (www/store.js), each save naming the revision it was made from, so
//! that a save from another tab is detected and both versions are kept.
//! Without IndexedDB the app keeps its work in localStorage as before
//! (`browser::save`), and work saved that way is moved over on first load.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use yew::prelude::*;

use super::browser;
use super::state::{Action, State, StorageStatus};
use crate::core::session::{Archive, Draft};
use crate::core::Lang;

/// One stored assessment as the host read it.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredRecord {
    pub id: String,
    pub rev: u64,
    /// The draft's JSON as the app wrote it.
    pub draft: String,
}

/// What the app asks the store to do.
#[derive(Clone, Debug, PartialEq)]
pub enum StoreOp {
    Put { id: String, rev: u64, draft: String },
    Remove { id: String, rev: u64 },
    Prefs(String),
}

/// What the store answered.
#[derive(Clone, Debug, PartialEq)]
pub enum StoreReply {
    Saved {
        rev: u64,
    },
    Removed,
    /// Another tab saved revision `rev` in between (`draft`: its JSON; None
    /// when it deleted the record).
    Conflict {
        rev: u64,
        draft: Option<String>,
    },
    Quota(String),
    Failed(String),
}

/// The host's store: what it held at start, and the way to send it work.
#[derive(Clone)]
pub struct StoreHost {
    pub records: Rc<Vec<StoredRecord>>,
    pub prefs: Option<String>,
    pub send: Callback<(StoreOp, Callback<StoreReply>)>,
}

impl PartialEq for StoreHost {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.records, &other.records)
    }
}

/// The last stored revision of each assessment and its content.
pub type Saved = BTreeMap<String, (u64, Draft)>;

#[derive(serde::Serialize, serde::Deserialize)]
struct Prefs {
    lang: Lang,
    current: Option<String>,
}

/// What the app starts with from the store: the archive, the stored
/// revisions, the language and open draft, the ids moved over from
/// localStorage (not yet stored), and the records that could not be read.
pub struct Loaded {
    pub archive: Archive,
    pub saved: Saved,
    pub prefs: Option<(Lang, Option<String>)>,
    pub migrating: BTreeSet<String>,
    pub damaged: Vec<String>,
}

pub fn load(host: &StoreHost) -> Loaded {
    let mut out = Loaded {
        archive: Archive::default(),
        saved: Saved::new(),
        prefs: None,
        migrating: BTreeSet::new(),
        damaged: Vec::new(),
    };
    for r in host.records.iter() {
        match Draft::parse(&r.draft) {
            Ok(d) if d.id == r.id => {
                out.saved.insert(r.id.clone(), (r.rev, d.clone()));
                out.archive.add(d);
            }
            // Left in the database untouched: the app never writes an id it did not read.
            Ok(_) => out.damaged.push(format!(
                "{}: the record's id does not match its content",
                r.id
            )),
            Err(e) => out.damaged.push(format!("{}: {e}", r.id)),
        }
    }
    out.prefs = host
        .prefs
        .as_deref()
        .and_then(|p| serde_json::from_str::<Prefs>(p).ok())
        .map(|p| (p.lang, p.current));
    // Work saved by earlier versions in localStorage moves over once.
    if let Some(Ok(old)) = browser::load() {
        let (lang, current, archive) = old.into_parts();
        for d in archive.drafts {
            if out.archive.get(&d.id).is_none() {
                out.migrating.insert(d.id.clone());
                out.archive.add(d);
            }
        }
        // The assessment that was open stays open, unless the store names one.
        match &mut out.prefs {
            None => out.prefs = Some((lang, current)),
            Some((_, open @ None)) => *open = current,
            Some(_) => {}
        }
    }
    out
}

/// Saves every changed assessment, deletes removed ones, and keeps the
/// language and open assessment; one request per assessment at a time.
#[hook]
pub fn use_store(state: &UseReducerHandle<State>, host: Option<StoreHost>) {
    let in_flight = use_mut_ref(BTreeSet::<String>::new);
    {
        let (state, host) = (state.clone(), host.clone());
        let deps = (state.archive.clone(), state.saved.clone());
        use_effect_with(deps, move |(archive, saved)| {
            let Some(host) = host else { return };
            for d in &archive.drafts {
                let known = saved.get(&d.id);
                if known.is_some_and(|(_, s)| s == d) || in_flight.borrow().contains(&d.id) {
                    continue;
                }
                let rev = known.map_or(0, |(r, _)| *r);
                let op = StoreOp::Put {
                    id: d.id.clone(),
                    rev,
                    draft: d.to_json(),
                };
                send(&host, &state, &in_flight, op, d.id.clone(), Some(d.clone()));
            }
            for (id, (rev, _)) in saved.iter() {
                if archive.get(id).is_none() && !in_flight.borrow().contains(id) {
                    let op = StoreOp::Remove {
                        id: id.clone(),
                        rev: *rev,
                    };
                    send(&host, &state, &in_flight, op, id.clone(), None);
                }
            }
            if !state.migrating.is_empty()
                && state.migrating.iter().all(|id| {
                    saved
                        .get(id)
                        .is_some_and(|(_, d)| archive.get(id) == Some(d))
                })
            {
                browser::retire_local();
                state.dispatch(Action::Migrated);
            }
        });
    }
    let deps = (state.lang, state.current.clone());
    let state = state.clone();
    use_effect_with(deps, move |(lang, current)| {
        let Some(host) = host else { return };
        let prefs = serde_json::to_string(&Prefs {
            lang: *lang,
            current: current.clone(),
        })
        .unwrap_or_default();
        let reply = Callback::from(move |r: StoreReply| {
            if let StoreReply::Quota(m) | StoreReply::Failed(m) = r {
                state.dispatch(Action::Storage(StorageStatus::Full(m)));
            }
        });
        host.send.emit((StoreOp::Prefs(prefs), reply));
    });
}

fn send(
    host: &StoreHost,
    state: &UseReducerHandle<State>,
    in_flight: &Rc<RefCell<BTreeSet<String>>>,
    op: StoreOp,
    id: String,
    sent: Option<Draft>,
) {
    in_flight.borrow_mut().insert(id.clone());
    let (state, in_flight) = (state.clone(), in_flight.clone());
    let reply = Callback::from(move |reply: StoreReply| {
        in_flight.borrow_mut().remove(&id);
        state.dispatch(Action::Stored {
            id: id.clone(),
            reply,
            sent: sent.clone().map(Box::new),
        });
    });
    host.send.emit((op, reply));
}
