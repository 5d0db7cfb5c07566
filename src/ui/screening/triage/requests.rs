//! The triage page's requests to the worker, through the host's client:
//! each sends its request and dispatches what comes back. The rows of a
//! run arrive in pages with the progress and are gathered here, outside
//! the reducer, so that a run of 10,000 leads is not copied per page.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::File;
use yew::prelude::*;

use super::super::requests::{call, decode};
use super::super::Client;
use super::state::{Action, Linked, Step, TriageState};
use crate::core::triage::mapping::ColumnMapping;
use crate::web::{TriagePreviewDto, TriageProgressDto, TriageReplyDto, TriageSettingsDto};

pub type Dispatcher = UseReducerDispatcher<TriageState>;

/// Runs `request` and dispatches the action it ends with.
pub fn run(d: &Dispatcher, request: impl Future<Output = Action> + 'static) {
    let d = d.clone();
    wasm_bindgen_futures::spawn_local(async move { d.dispatch(request.await) });
}

pub async fn settings(client: Client) -> Action {
    match call(client.0.triage_settings())
        .await
        .and_then(decode::<TriageSettingsDto>)
    {
        Ok(s) => Action::Settings {
            member_state: s.member_state,
            member_states: s.member_states,
        },
        Err(e) => Action::Error(Some(e)),
    }
}

pub async fn read(client: Client, file: File) -> Action {
    match call(client.0.triage_read(&file))
        .await
        .and_then(decode::<TriagePreviewDto>)
    {
        Ok(p) => Action::Read(p),
        Err(e) => Action::Step(Step::Failed(e)),
    }
}

pub async fn check(client: Client, m: ColumnMapping) -> Action {
    let problem = match serde_wasm_bindgen::to_value(&m) {
        Ok(v) => call(client.0.triage_check(&v))
            .await
            .and_then(decode::<Option<String>>)
            .unwrap_or_else(Some),
        Err(e) => Some(e.to_string()),
    };
    Action::Mapping(m, problem)
}

/// Triages the file read last; progress and the bad rows are dispatched
/// as they come, the rows at the end.
pub async fn triage(
    client: Client,
    m: ColumnMapping,
    member_state: String,
    lang: &'static str,
    d: Dispatcher,
) -> Action {
    let rows = Rc::new(RefCell::new(Vec::new()));
    let progress = {
        let (rows, d) = (rows.clone(), d.clone());
        Closure::<dyn FnMut(JsValue)>::new(move |v: JsValue| {
            match serde_wasm_bindgen::from_value::<TriageProgressDto>(v) {
                Ok(TriageProgressDto::Start { leads, bad, today }) => {
                    d.dispatch(Action::Started { bad, today });
                    d.dispatch(Action::Step(Step::Running {
                        done: 0,
                        total: leads,
                    }));
                }
                Ok(TriageProgressDto::Progress {
                    done,
                    total,
                    rows: page,
                }) => {
                    rows.borrow_mut().extend(page);
                    d.dispatch(Action::Progress { done, total });
                }
                Err(_) => {}
            }
        })
    };
    let reply = match serde_wasm_bindgen::to_value(&m) {
        Ok(v) => call(
            client
                .0
                .triage(&v, &member_state, lang, progress.as_ref().unchecked_ref()),
        )
        .await
        .and_then(decode::<TriageReplyDto>),
        Err(e) => Err(e.to_string()),
    };
    drop(progress);
    match reply {
        Ok(r) => {
            d.dispatch(Action::Rows(rows.take()));
            Action::Step(Step::Done {
                done: r.done,
                total: r.total,
                cancelled: r.cancelled,
                lists: r.lists,
            })
        }
        Err(e) => Action::Step(Step::Failed(e)),
    }
}

/// Opens row `index` for `product` as an assessment in the questionnaire.
pub async fn open(client: Client, index: usize, product: String) -> Action {
    let opened = async {
        let draft = call(client.0.triage_draft(index, &product)).await?;
        call(client.0.open_assessment(&draft)).await
    };
    Action::Error(opened.await.err())
}

/// The outcomes of the assessments opened from leads, for `work`.
pub async fn outcomes(client: Client, work: String) -> Action {
    match call(client.0.triage_outcomes(&work))
        .await
        .and_then(decode::<HashMap<String, Linked>>)
    {
        Ok(l) => Action::Links(l),
        Err(e) => Action::Error(Some(e)),
    }
}

/// The export as a download: CSV text as written, .xlsx bytes.
pub async fn export(client: Client, xlsx: bool, stem: String) -> Action {
    let result = if xlsx {
        call(client.0.triage_xlsx()).await.map(|v| {
            let bytes = js_sys::Uint8Array::new(&v);
            crate::ui::browser::download_bytes(
                &format!("{stem}-triage.xlsx"),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                &bytes,
            );
        })
    } else {
        call(client.0.triage_csv()).await.map(|v| {
            let text = v.as_string().unwrap_or_default();
            crate::ui::browser::download(
                &format!("{stem}-triage.csv"),
                "text/csv;charset=utf-8",
                &text,
            );
        })
    };
    Action::Error(result.err())
}

/// Follows the questionnaire's saved work: the outcomes of the assessments
/// opened from leads are worked out again on every change.
#[hook]
pub fn use_work(client: &Client, d: Dispatcher) {
    let client = client.clone();
    use_effect_with((), move |_| {
        let c = client.clone();
        let on_work = Closure::<dyn FnMut(JsValue)>::new(move |v: JsValue| {
            if let Some(work) = v.as_string() {
                run(&d, outcomes(c.clone(), work));
            }
        });
        let unsubscribe = client.0.subscribe_work(on_work.as_ref().unchecked_ref());
        move || {
            if let Some(f) = unsubscribe.dyn_ref::<js_sys::Function>() {
                let _ = f.call0(&JsValue::NULL);
            }
            drop(on_work);
        }
    });
}
