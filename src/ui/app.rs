//! The root component: the reducer, the shared data as a context, the
//! evaluation of the open draft (memoised), autosave and the host's
//! screening engine; the page frame around the workspace.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::bridge::{RecordCommand, SnapshotWire};
use super::browser;
use super::context::{Engine, Evaluated, Shared, View};
use super::frame::{EmptyState, Footer, Header, StorageNotice};
use super::state::{Action, State, StorageStatus};
use super::store::{self, StoreHost};
use super::workspace::{HitDecision, Workspace};
use crate::core::screening::record::{self, Request, Response};
use crate::core::session::{Archive, Decided, Draft, SavedWork};
use crate::core::{AnswerValue, Lang};

/// Where the host delivers screening results: the app puts its handler
/// here when it starts.
#[derive(Clone, Default)]
pub struct Inbox(pub Rc<RefCell<Option<Callback<Screened>>>>);

/// What the host's engine answered: a response, or why screening failed.
pub type Screened = Result<Response, String>;

impl PartialEq for Inbox {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The host's screening engine, when the page runs one: `request` takes
/// the open draft's screening request (None: nothing to screen), and the
/// answers arrive through `inbox`.
#[derive(Clone, PartialEq)]
pub struct ScreeningHost {
    pub request: Callback<Option<Request>>,
    pub inbox: Inbox,
}

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    pub shared: Shared,
    /// The browser's language, used when nothing was saved.
    pub lang: Lang,
    /// Told the outcome name whenever it changes (for embedding hosts).
    #[prop_or_default]
    pub on_outcome: Option<Callback<Option<String>>>,
    #[prop_or_default]
    pub screening: Option<ScreeningHost>,
    /// The host's IndexedDB store; without one, work is kept in localStorage.
    #[prop_or_default]
    pub store: Option<StoreHost>,
    /// The records app's way in, when the host runs one.
    #[prop_or_default]
    pub bridge: Option<Bridge>,
}

/// Where the host registers the records app's watcher and finds the
/// latest snapshot, and where the app puts its command handler.
#[derive(Clone, Default)]
pub struct Bridge {
    pub watcher: Rc<RefCell<Option<Callback<SnapshotWire>>>>,
    pub latest: Rc<RefCell<Option<SnapshotWire>>>,
    pub commands: Rc<RefCell<Option<Callback<RecordCommand>>>>,
}

impl PartialEq for Bridge {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.watcher, &other.watcher)
    }
}

fn initial(props: &AppProps) -> State {
    let engine = if props.screening.is_some() {
        Engine::Ready
    } else {
        Engine::Absent
    };
    let mut state = State {
        deleted: None,
        imported: Vec::new(),
        saved: Default::default(),
        migrating: Default::default(),
        conflicts: Vec::new(),
        lang: props.lang,
        archive: Archive::default(),
        current: None,
        storage: StorageStatus::Ok,
        focus: None,
        engine,
    };
    if let Some(host) = &props.store {
        let loaded = store::load(host);
        let (lang, current) = loaded.prefs.unwrap_or((props.lang, None));
        state.lang = lang;
        state.current = current.filter(|id| loaded.archive.get(id).is_some());
        state.archive = loaded.archive;
        state.saved = loaded.saved;
        state.migrating = loaded.migrating;
        if !loaded.damaged.is_empty() {
            state.storage = StorageStatus::Damaged(loaded.damaged.join("; "));
        }
        return state;
    }
    let available = browser::storage_available();
    match available.then(browser::load).flatten() {
        _ if !available => state.storage = StorageStatus::Unavailable,
        Some(Ok(s)) => {
            let (lang, current, archive) = s.into_parts();
            (state.lang, state.current, state.archive) = (lang, current, archive);
        }
        Some(Err(e)) => state.storage = StorageStatus::Damaged(e),
        None => {}
    }
    state
}

/// Saves on every change of the work; a refusal is shown, not fatal.
#[hook]
fn use_autosave(state: &UseReducerHandle<State>, store: bool) {
    let state = state.clone();
    let deps = (state.archive.clone(), state.current.clone(), state.lang);
    use_effect_with(deps, move |(archive, current, lang)| {
        if !store && state.storage != StorageStatus::Unavailable {
            let ok = browser::save(&SavedWork::new(*lang, current.clone(), archive));
            let status = match (&state.storage, ok) {
                (_, false) => StorageStatus::Failed,
                // The notice about damaged saved work stays for the session.
                (StorageStatus::Damaged(e), true) => StorageStatus::Damaged(e.clone()),
                (_, true) => StorageStatus::Ok,
            };
            if status != state.storage {
                state.dispatch(Action::Storage(status));
            }
        }
    });
}

/// After a jump to a missing answer, the keyboard focus goes to its input.
#[hook]
fn use_focus(state: &UseReducerHandle<State>, root: NodeRef) {
    let state = state.clone();
    use_effect_with(state.focus.clone(), move |focus| {
        if let Some(q) = focus {
            if let Some(root) = root.cast::<web_sys::Element>() {
                browser::focus_question(&root, q);
            }
            state.dispatch(Action::FocusDone);
        }
    });
}

/// Results arrive through the host's inbox; a request goes out whenever
/// the parties (or the language) of the open draft change.
#[hook]
fn use_screening(
    state: &UseReducerHandle<State>,
    host: Option<ScreeningHost>,
    request: Rc<Option<Request>>,
) {
    {
        let state = state.clone();
        let host = host.clone();
        use_effect_with((), move |_| {
            if let Some(h) = host {
                *h.inbox.0.borrow_mut() = Some(Callback::from(move |result| {
                    state.dispatch(Action::Screened {
                        result,
                        now: browser::now(),
                    })
                }));
            }
        });
    }
    use_effect_with(request, move |request| {
        if let Some(h) = host {
            h.request.emit((**request).clone());
        }
    });
}

/// Keeps with the open assessment what its evaluation decides, so that
/// under a later rule set the app can say what changed.
#[hook]
fn use_record_decided(state: &UseReducerHandle<State>, shared: &Shared, view: Option<View>) {
    let (state, under) = (state.clone(), shared.under.clone());
    use_effect_with(view, move |view| {
        let Some(view) = view else { return };
        let Some(draft) = state.draft() else { return };
        let decided = Decided::of(&view.assessment);
        if draft.editable(&under) && draft.decided.as_ref() != Some(&decided) {
            state.dispatch(Action::RecordDecided(decided));
        }
    });
}

/// Tells an embedding host the outcome name whenever it changes.
#[hook]
fn use_report_outcome(on_outcome: Option<Callback<Option<String>>>, name: Option<String>) {
    use_effect_with(name, move |name| {
        if let Some(cb) = on_outcome {
            cb.emit(name.clone());
        }
    });
}

/// The app's callbacks, each turning a user's intent into an action
/// (with the clock read here, not in the reducer).
struct Handlers {
    on_lang: Callback<Lang>,
    on_new: Callback<()>,
    on_go: Callback<String>,
    on_jump: Callback<String>,
    on_answer: Callback<(String, Option<AnswerValue>)>,
    on_decide: Callback<HitDecision>,
    on_title: Callback<String>,
    on_reassess: Callback<()>,
}

/// A callback that turns its value into an action.
fn act<T: 'static>(
    state: &UseReducerHandle<State>,
    f: impl Fn(T) -> Action + 'static,
) -> Callback<T> {
    let state = state.clone();
    Callback::from(move |v: T| state.dispatch(f(v)))
}

/// What a command of the records app means here (None: nothing to do).
fn command_action(c: RecordCommand) -> Option<Action> {
    Some(match c {
        RecordCommand::Open { id } => Action::Open(id),
        RecordCommand::Duplicate { id } => Action::Duplicate {
            id,
            new_id: browser::new_id(),
            now: browser::now(),
        },
        RecordCommand::Delete { id } => Action::Delete(id),
        RecordCommand::Undo => Action::UndoDelete,
        RecordCommand::Import { work } => {
            let (_, _, archive) = SavedWork::parse(&work).ok()?.into_parts();
            Action::Import(archive.drafts)
        }
        RecordCommand::Signatures { id, signatures } => Action::SetSignatures { id, signatures },
        RecordCommand::Notification { id, input } => Action::SetNotification { id, input },
    })
}

/// The records app (through the host) sees a snapshot of the work
/// whenever it changes and sends its commands through `bridge`.
#[hook]
fn use_bridge(state: &UseReducerHandle<State>, shared: &Shared, bridge: Option<Bridge>) {
    {
        let (state, bridge) = (state.clone(), bridge.clone());
        use_effect_with((), move |_| {
            if let Some(b) = bridge {
                *b.commands.borrow_mut() = Some(Callback::from(move |c| {
                    if let Some(a) = command_action(c) {
                        state.dispatch(a)
                    }
                }));
            }
        });
    }
    let deps = (
        state.archive.clone(),
        state.current.clone(),
        state.lang,
        state.deleted.clone(),
        state.imported.len(),
    );
    let shared = shared.clone();
    use_effect_with(deps, move |(archive, current, lang, deleted, imported)| {
        let Some(b) = bridge else { return };
        let snapshot = SnapshotWire {
            work: SavedWork::new(*lang, current.clone(), archive).to_json(),
            deleted: deleted
                .as_ref()
                .map(|d| d.display_title(&shared.rules, &shared.dest, *lang)),
            imported: *imported,
        };
        let watcher = b.watcher.borrow().clone();
        if let Some(w) = watcher {
            w.emit(snapshot.clone());
        }
        *b.latest.borrow_mut() = Some(snapshot);
    });
}

fn handlers(state: &UseReducerHandle<State>, shared: &Shared) -> Handlers {
    let dispatch = |f: fn(&Shared, String) -> Option<Action>| {
        let (state, shared) = (state.clone(), shared.clone());
        Callback::from(move |v: String| {
            if let Some(a) = f(&shared, v) {
                state.dispatch(a)
            }
        })
    };
    let on_lang = {
        let state = state.clone();
        Callback::from(move |l: Lang| state.dispatch(Action::SetLang(l)))
    };
    let on_new = {
        let (state, shared) = (state.clone(), shared.clone());
        Callback::from(move |()| {
            browser::set_hash("assessment");
            let first = shared.rules.sections.first().map(|s| s.id.clone());
            let now = browser::now();
            state.dispatch(Action::New {
                id: browser::new_id(),
                now: now.clone(),
                first_section: first.unwrap_or_default(),
            });
            if let Some(ms) = &shared.member_state {
                state.dispatch(Action::Answer {
                    question: shared.rules.member_state_question.clone(),
                    value: Some(AnswerValue::One(ms.to_string())),
                    now,
                    under: (*shared.under).clone(),
                });
            }
        })
    };
    let on_go = dispatch(|_, id| Some(Action::GoSection(id)));
    let on_jump = dispatch(|shared, question| {
        let section = shared.rules.question(&question)?.section.clone();
        Some(Action::JumpTo { section, question })
    });
    let on_answer = {
        let (state, under) = (state.clone(), shared.under.clone());
        Callback::from(move |(question, value): (String, Option<AnswerValue>)| {
            state.dispatch(Action::Answer {
                question,
                value,
                now: browser::now(),
                under: (*under).clone(),
            })
        })
    };
    let on_decide = {
        let state = state.clone();
        Callback::from(move |d: HitDecision| {
            state.dispatch(Action::Decide {
                party: d.party,
                hit: d.hit,
                verdict: d.verdict,
                reason: d.reason,
                now: browser::now(),
            })
        })
    };

    let on_reassess = {
        let (state, under) = (state.clone(), shared.under.clone());
        Callback::from(move |()| {
            state.dispatch(Action::Reassess {
                new_id: browser::new_id(),
                now: browser::now(),
                under: (*under).clone(),
            })
        })
    };
    Handlers {
        on_title: act(state, |title| Action::SetTitle {
            title,
            now: browser::now(),
        }),
        on_reassess,
        on_lang,
        on_new,
        on_go,
        on_jump,
        on_answer,
        on_decide,
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let state = use_reducer(|| initial(props));
    let shared = props.shared.clone();
    let lang = state.lang;
    let draft: Option<Rc<Draft>> = state.draft().cloned().map(Rc::new);
    let view = {
        let shared = shared.clone();
        use_memo(draft.clone(), move |d| {
            d.as_ref().map(|d| View(Rc::new(Evaluated::of(&shared, d))))
        })
    };
    let request = {
        let rules = shared.rules.clone();
        let deps = (
            draft.as_ref().map(|d| (d.id.clone(), d.answers.clone())),
            lang,
        );
        use_memo(deps, move |(d, lang)| {
            d.as_ref()
                .and_then(|(id, answers)| record::request(&rules, answers, *lang, id))
        })
    };
    use_autosave(&state, props.store.is_some());
    store::use_store(&state, props.store.clone());
    let root = use_node_ref();
    use_focus(&state, root.clone());
    use_screening(&state, props.screening.clone(), request);
    use_record_decided(&state, &shared, (*view).clone());
    use_bridge(&state, &shared, props.bridge.clone());
    let outcome = view
        .as_ref()
        .as_ref()
        .map(|v| v.assessment.outcome.name().to_string());
    use_report_outcome(props.on_outcome.clone(), outcome);

    let h = handlers(&state, &shared);
    html! {
        <ContextProvider<Shared> context={shared.clone()}>
            <div class="ea-app" lang={lang.code()} data-read-only={shared.read_only.then_some("true")} ref={root} data-testid="app">
                <Header {lang} saved={state.archive.drafts.len()} screening={props.screening.is_some()} on_lang={h.on_lang} on_new={h.on_new.clone()} />
                <StorageNotice {lang} status={state.storage.clone()} unsaved={state.unsaved()} conflicts={state.conflicts.clone()} />
                // The host shows either this or the screening page or the
                // records app, which it mounts beside this app (see www/main.js).
                <main class="ea-main" data-testid="main">
                    if let (Some(draft), Some(view)) = (draft, (*view).clone()) {
                        <Workspace {lang} {draft} {view} engine={state.engine.clone()} on_go={h.on_go} on_jump={h.on_jump} on_answer={h.on_answer}
                            on_decide={h.on_decide} on_title={h.on_title} on_reassess={h.on_reassess} />
                    } else {
                        <EmptyState {lang} on_new={h.on_new} />
                    }
                </main>
                <Footer {lang} />
            </div>
        </ContextProvider<Shared>>
    }
}
