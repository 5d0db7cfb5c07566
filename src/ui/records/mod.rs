//! The records app: the archive, the sealed report of the open assessment
//! (download, print), its draft notification, and the page that verifies a
//! report. Its own wasm, loaded when one of its pages first opens, so the
//! questionnaire stays small. It shows a snapshot of the work the
//! questionnaire owns and sends it commands (`bridge`); the host shows it
//! for #archive, #verify, #report, #seal (report and download), #print
//! (report and print) and #notification.

mod archive;
mod record;

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::bridge::{RecordCommand, RecordSnapshot};
use super::browser;
use super::context::{DraftProps, Engine, Evaluated, Shared, View};
use super::i18n::{t, Msg};
use crate::core::session::Archive;
use crate::core::Lang;
use archive::{ArchiveActions, ArchivePage};
use record::{NotificationPage, ReportPage, VerifyPage};

/// What the host tells the records app.
pub enum RecordsMsg {
    /// The work changed (or this is the first look at it).
    Snapshot(RecordSnapshot),
    /// The address changed to one of the app's pages (without '#').
    Show(String),
}

/// Where the host delivers its messages. Until the app has rendered and
/// put its handler here, messages wait (the host sends the first snapshot
/// right after mounting).
#[derive(Clone, Default)]
pub struct RecordsInbox(Rc<RefCell<InboxState>>);

/// The app's handler, and the messages that came before it.
type InboxState = (Option<Callback<RecordsMsg>>, Vec<RecordsMsg>);

impl RecordsInbox {
    pub fn deliver(&self, m: RecordsMsg) {
        let handler = self.0.borrow().0.clone();
        match handler {
            Some(h) => h.emit(m),
            None => {
                let mut inner = self.0.borrow_mut();
                // Only the latest of each kind matters.
                inner
                    .1
                    .retain(|old| std::mem::discriminant(old) != std::mem::discriminant(&m));
                inner.1.push(m);
            }
        }
    }

    fn install(&self, handler: Callback<RecordsMsg>) {
        let waiting = {
            let mut inner = self.0.borrow_mut();
            inner.0 = Some(handler.clone());
            std::mem::take(&mut inner.1)
        };
        for m in waiting {
            handler.emit(m);
        }
    }
}

impl PartialEq for RecordsInbox {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub struct RecordsProps {
    pub shared: Shared,
    pub lang: Lang,
    pub inbox: RecordsInbox,
    /// Commands for the questionnaire, which owns the work.
    pub command: Callback<RecordCommand>,
}

/// The app's pages; seal and print are the report with something to do once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Page {
    Archive,
    Report,
    Seal,
    Print,
    Notification,
    Verify,
}

fn page_of(hash: &str) -> Page {
    match hash.trim_start_matches('#') {
        "verify" => Page::Verify,
        "report" => Page::Report,
        "seal" => Page::Seal,
        "print" => Page::Print,
        "notification" => Page::Notification,
        _ => Page::Archive,
    }
}

#[component]
pub fn RecordsApp(p: &RecordsProps) -> Html {
    let snapshot = use_state(|| None::<Rc<RecordSnapshot>>);
    // The page and which visit of it this is: each visit of #seal or
    // #print seals or prints once.
    let page = use_state(|| (page_of(&browser::hash()), 0u32));
    let visits = use_mut_ref(|| 0u32);
    {
        let (snapshot, page, inbox) = (snapshot.clone(), page.clone(), p.inbox.clone());
        use_effect_with((), move |_| {
            inbox.install(Callback::from(move |m| match m {
                RecordsMsg::Snapshot(s) => snapshot.set(Some(Rc::new(s))),
                RecordsMsg::Show(h) => {
                    let visit = {
                        let mut v = visits.borrow_mut();
                        *v = v.wrapping_add(1);
                        *v
                    };
                    page.set((page_of(&h), visit));
                }
            }));
        });
    }
    let (page, visit) = *page;
    let lang = snapshot.as_ref().map_or(p.lang, |s| s.lang);
    let archive = use_memo((*snapshot).clone(), |s| {
        Rc::new(Archive {
            drafts: s.as_ref().map(|s| s.drafts.clone()).unwrap_or_default(),
        })
    });
    let body = match page {
        Page::Archive => html! {
            <ArchivePage {lang} archive={(*archive).clone()} actions={actions(&p.command)}
                deleted={snapshot.as_ref().and_then(|s| s.deleted.clone())}
                imported={snapshot.as_ref().map_or(0, |s| s.imported)} />
        },
        Page::Verify => html! { <VerifyPage {lang} /> },
        page => html! {
            <Current {lang} snapshot={(*snapshot).clone()} archive={(*archive).clone()} seal={page == Page::Seal}
                print={page == Page::Print} notification={page == Page::Notification} {visit} command={p.command.clone()} />
        },
    };
    html! {
        <ContextProvider<Shared> context={p.shared.clone()}>
            <div class="ea-records" lang={lang.code()} data-testid="records-app">
                <div class="ea-records-main">{ body }</div>
            </div>
        </ContextProvider<Shared>>
    }
}

/// The archive's actions as commands to the questionnaire.
fn actions(command: &Callback<RecordCommand>) -> ArchiveActions {
    let send = |f: fn(String) -> RecordCommand| command.reform(f);
    ArchiveActions {
        on_open: {
            let command = command.clone();
            Callback::from(move |id: String| {
                command.emit(RecordCommand::Open { id });
                browser::set_hash("assessment");
            })
        },
        on_duplicate: send(|id| RecordCommand::Duplicate { id }),
        on_delete: send(|id| RecordCommand::Delete { id }),
        on_undo: command.reform(|()| RecordCommand::Undo),
        on_import: command.reform(|work| RecordCommand::Import { work }),
    }
}

#[derive(Properties, PartialEq)]
struct CurrentProps {
    lang: Lang,
    snapshot: Option<Rc<RecordSnapshot>>,
    archive: Rc<Archive>,
    seal: bool,
    print: bool,
    notification: bool,
    visit: u32,
    command: Callback<RecordCommand>,
}

/// The report or the notification of the assessment open in the questionnaire.
#[component]
fn Current(p: &CurrentProps) -> Html {
    let shared = use_context::<Shared>();
    let current = p.snapshot.as_ref().and_then(|s| s.current.clone());
    let draft = current
        .and_then(|id| p.archive.get(&id).cloned())
        .map(Rc::new);
    let view = {
        let shared = shared.clone();
        use_memo(draft.clone(), move |d| match (d, shared) {
            (Some(d), Some(shared)) => Some(View(Rc::new(Evaluated::of(&shared, d)))),
            _ => None,
        })
    };
    let (Some(draft), Some(view)) = (draft, (*view).clone()) else {
        let text = if p.snapshot.is_none() {
            Msg::RecordsLoading
        } else {
            Msg::NoAssessmentOpen
        };
        return html! { <p class="ea-notice" data-testid="no-assessment">{ t(p.lang, text) }</p> };
    };
    let id = draft.id.clone();
    let d = DraftProps {
        lang: p.lang,
        draft,
        view,
        engine: Engine::Absent,
    };
    let back = Callback::from(|()| browser::set_hash("assessment"));
    if p.notification {
        let on_change = p.command.reform(move |input| RecordCommand::Notification {
            id: id.clone(),
            input,
        });
        return html! { <NotificationPage {d} {on_change} on_back={back} /> };
    }
    let on_signatures = p
        .command
        .reform(move |signatures| RecordCommand::Signatures {
            id: id.clone(),
            signatures,
        });
    html! { <ReportPage {d} {on_signatures} on_back={back} seal={p.seal} print={p.print} visit={p.visit} /> }
}
