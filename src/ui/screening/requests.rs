//! The page's requests to the screening worker, through the host's client,
//! and the typed callbacks that make them: each sends its request and
//! dispatches what comes back to the reducer (`state.rs`). The components
//! only say what the user wants (`on_files`, `on_remove`, `on_threshold`…).

use std::future::Future;
use std::rc::Rc;

use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::File;
use yew::prelude::*;

use super::state::{Action, AddResult, Batch, Check, PageState};
use super::{Client, LangCell};
use crate::core::screening::table::Column;
use crate::core::text::Lang;
use crate::web::{AddReplyDto, BatchReplyDto, CheckHitDto, CheckQueryDto, ProgressDto, StateDto};

type Dispatcher = UseReducerDispatcher<PageState>;

/// What the page's components can ask for, each callback typed by intent.
#[derive(Clone, PartialEq)]
pub struct Actions {
    /// List files to load, in the chosen format.
    pub on_files: Callback<Vec<File>>,
    pub on_format: Callback<String>,
    /// A list's key.
    pub on_remove: Callback<String>,
    pub on_threshold: Callback<f64>,
    pub on_check: Callback<CheckQueryDto>,
    pub on_lead_file: Callback<File>,
    pub on_cancel: Callback<()>,
    /// Clears the kept result of the last lead batch.
    pub on_clear: Callback<()>,
    pub on_sort: Callback<Column>,
    pub on_filter: Callback<String>,
    pub on_page: Callback<usize>,
    /// A lead's hit decided into the company register.
    pub on_decided: Callback<crate::core::screening::batch::HitRow>,
}

/// The callbacks, kept from render to render while what they use stays.
#[hook]
pub fn use_actions(client: &Client, d: Dispatcher, format: &str, lang: Lang) -> Actions {
    let on_files = use_callback(
        (client.clone(), d.clone(), format.to_string()),
        |files: Vec<File>, (client, d, format)| {
            d.dispatch(Action::Adding);
            run(d, add_files(client.clone(), files, format.clone()));
        },
    );
    let on_remove = use_callback((client.clone(), d.clone()), |key: String, (client, d)| {
        let reply = client.0.remove_list(&key);
        run(d, async move { Action::Error(call(reply).await.err()) });
    });
    let on_threshold = use_callback((client.clone(), d.clone()), |value: f64, (client, d)| {
        let reply = client.0.set_threshold(value);
        run(d, async move { Action::Error(call(reply).await.err()) });
    });
    let on_check = use_callback((client.clone(), d.clone()), |query, (client, d)| {
        d.dispatch(Action::Check(Check::Busy));
        run(d, check(client.clone(), query));
    });
    let on_lead_file = use_callback((client.clone(), d.clone(), lang), |file: File, deps| {
        let (client, d, lang) = deps;
        d.dispatch(Action::Batch(Batch::Reading(file.name())));
        run(d, screen_leads(client.clone(), file, *lang, d.clone()));
    });
    Actions {
        on_files,
        on_format: use_callback(d.clone(), |f, d| d.dispatch(Action::Format(f))),
        on_remove,
        on_threshold,
        on_check,
        on_lead_file,
        on_cancel: use_callback(client.clone(), |(), client| client.0.cancel_batch()),
        on_clear: use_callback((client.clone(), d.clone()), |(), (client, d)| {
            let reply = client.0.clear_batch();
            d.dispatch(Action::Batch(Batch::Idle));
            run(d, async move { Action::Error(call(reply).await.err()) });
        }),
        on_sort: use_callback(d.clone(), |c, d| d.dispatch(Action::Sort(c))),
        on_filter: use_callback(d.clone(), |f, d| d.dispatch(Action::Filter(f))),
        on_page: use_callback(d.clone(), |p, d| d.dispatch(Action::Page(p))),
        on_decided: use_callback(d, |r: crate::core::screening::batch::HitRow, d| {
            d.dispatch(Action::Decided {
                query: r.query,
                list_key: r.list_key,
                entry_id: r.entry_id,
            })
        }),
    }
}

/// Follows the host: the language it sets, and the engine's state the
/// client reports (for as long as the page is mounted).
#[hook]
pub fn use_host(lang: &LangCell, client: &Client, d: Dispatcher) {
    let (cell, client) = (lang.clone(), client.clone());
    use_effect_with((), move |_| {
        cell.listen(Callback::from({
            let d = d.clone();
            move |l| d.dispatch(Action::Lang(l))
        }));
        let restore = d.clone();
        let on_state = Closure::<dyn FnMut(JsValue)>::new(move |v: JsValue| {
            if let Ok(s) = serde_wasm_bindgen::from_value::<StateDto>(v) {
                d.dispatch(Action::Engine(s));
            }
        });
        let unsubscribe = client.0.subscribe(on_state.as_ref().unchecked_ref());
        // The last lead batch, kept in IndexedDB until cleared.
        let last = client.0.last_batch();
        run(&restore, async move {
            match call(last).await.and_then(decode::<Option<BatchReplyDto>>) {
                Ok(Some(r)) => Action::Batch(done(r)),
                _ => Action::Error(None),
            }
        });
        move || {
            if let Some(f) = unsubscribe.dyn_ref::<js_sys::Function>() {
                let _ = f.call0(&JsValue::NULL);
            }
            drop(on_state);
        }
    });
}

/// Runs `request` and dispatches the action it ends with.
fn run(d: &Dispatcher, request: impl Future<Output = Action> + 'static) {
    let d = d.clone();
    wasm_bindgen_futures::spawn_local(async move { d.dispatch(request.await) });
}

/// The message of a rejected promise.
pub(super) fn error_text(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

pub(super) async fn call(p: js_sys::Promise) -> Result<JsValue, String> {
    JsFuture::from(p).await.map_err(|e| error_text(&e))
}

pub(super) fn decode<T: for<'de> Deserialize<'de>>(v: JsValue) -> Result<T, String> {
    serde_wasm_bindgen::from_value(v)
        .map_err(|e| format!("unexpected answer from the screening engine: {e}"))
}

async fn add_files(client: Client, files: Vec<File>, format: String) -> Action {
    let files: js_sys::Array = files.iter().collect();
    let reply = call(client.0.add_files(&files, &format))
        .await
        .and_then(decode::<AddReplyDto>);
    Action::Added(match reply {
        Ok(r) => AddResult {
            added: r.added,
            errors: r.errors.into_iter().map(|e| (e.file, e.message)).collect(),
        },
        Err(e) => AddResult {
            added: vec![],
            errors: vec![(String::new(), e)],
        },
    })
}

async fn check(client: Client, query: CheckQueryDto) -> Action {
    let hits = match serde_wasm_bindgen::to_value(&query) {
        Ok(query) => call(client.0.check(&query))
            .await
            .and_then(decode::<Vec<CheckHitDto>>),
        Err(e) => Err(e.to_string()),
    };
    Action::Check(match hits {
        Ok(hits) => Check::Done(hits),
        Err(e) => Check::Failed(e),
    })
}

/// Screens a lead file in the worker; its progress is dispatched as it
/// comes, the result at the end.
async fn screen_leads(client: Client, file: File, lang: Lang, d: Dispatcher) -> Action {
    let progress =
        Closure::<dyn FnMut(JsValue)>::new(
            move |v: JsValue| match serde_wasm_bindgen::from_value::<ProgressDto>(v) {
                Ok(ProgressDto::Start { leads }) => {
                    let total = leads.count;
                    d.dispatch(Action::Batch(Batch::Running {
                        leads,
                        done: 0,
                        total,
                    }));
                }
                Ok(ProgressDto::Progress { done, total }) => {
                    d.dispatch(Action::Progress { done, total })
                }
                Err(_) => {}
            },
        );
    let reply = call(
        client
            .0
            .batch(&file, lang.code(), progress.as_ref().unchecked_ref()),
    )
    .await
    .and_then(decode::<BatchReplyDto>);
    drop(progress);
    Action::Batch(match reply {
        Ok(r) => done(r),
        Err(e) => Batch::Failed(e),
    })
}

fn done(r: BatchReplyDto) -> Batch {
    Batch::Done {
        leads: r.leads,
        rows: Rc::new(r.rows),
        done: r.done,
        total: r.total,
        cancelled: r.cancelled,
        lists: r.lists,
    }
}
