//! The open assessment's undecided hits, each with a form to decide it is
//! not a match into the company register (reason and who decides, both
//! required). The worker then screens the assessment again, and the
//! assessment counts the hit as decided, with the register's reason.

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::freshness::today;
use super::requests::call;
use super::shared::{unique_keys, use_shared};
use super::{t, Msg};
use crate::core::screening::record::{Hit, Response};
use crate::web::RegisterAddDto;

#[component]
pub fn OpenHits() -> Html {
    let s = use_shared();
    let lang = s.lang;
    let response = use_state(|| None::<Rc<Response>>);
    {
        let (client, response) = (s.client.clone(), response.clone());
        use_effect_with((), move |_| {
            let on = Closure::<dyn FnMut(JsValue)>::new(move |v: JsValue| {
                if let Ok(r) = serde_wasm_bindgen::from_value::<Response>(v) {
                    response.set(Some(Rc::new(r)));
                }
            });
            let stop = client.0.subscribe_assessment(on.as_ref().unchecked_ref());
            move || {
                if let Some(f) = stop.dyn_ref::<js_sys::Function>() {
                    let _ = f.call0(&JsValue::NULL);
                }
                drop(on);
            }
        });
    }
    let open: Vec<(String, Hit)> = response
        .as_ref()
        .map(|r| {
            r.parties
                .iter()
                .flat_map(|p| {
                    p.hits
                        .iter()
                        .filter(|h| h.register_note.is_none())
                        .map(|h| (p.name.clone(), h.clone()))
                })
                .collect()
        })
        .unwrap_or_default();
    let keys = unique_keys(
        open.iter()
            .map(|(n, h)| format!("{}\u{1f}{}\u{1f}{n}", h.list_key, h.entry_id)),
    );
    html! {
        <section class="ea-open-hits" aria-labelledby="open-hits-title" data-testid="open-hits">
            <h3 id="open-hits-title" class="ea-h3">{ t(lang, Msg::OpenHitsHeading) }</h3>
            <p class="ea-small ea-muted">{ t(lang, Msg::OpenHitsIntro) }</p>
            if open.is_empty() {
                <p class="ea-muted" data-testid="open-hits-none">{ t(lang, Msg::OpenHitsNone) }</p>
            }
            <ul class="ea-hits">
                { for open.into_iter().zip(keys).map(|((name, hit), key)| html! { <DecideIntoRegister {key} {name} {hit} /> }) }
            </ul>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct DecideProps {
    /// The name as screened.
    pub name: String,
    pub hit: Hit,
    /// Called once the register has taken the decision.
    #[prop_or_default]
    pub on_added: Callback<()>,
}

/// One hit and the form that adds "not a match" to the register.
#[component]
pub fn DecideIntoRegister(p: &DecideProps) -> Html {
    let s = use_shared();
    let lang = s.lang;
    let (reason, by) = (use_node_ref(), use_node_ref());
    let error = use_state(|| None::<String>);
    let value = |r: &NodeRef| {
        r.cast::<HtmlInputElement>()
            .map(|i| i.value())
            .unwrap_or_default()
    };
    let on_add = {
        let (client, reason, by, error, name, hit, on_added) = (
            s.client.clone(),
            reason.clone(),
            by.clone(),
            error.clone(),
            p.name.clone(),
            p.hit.clone(),
            p.on_added.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            for r in [&reason, &by] {
                if let Some(i) = r
                    .cast::<HtmlInputElement>()
                    .filter(|i| i.value().trim().is_empty())
                {
                    i.set_value("");
                    i.report_validity();
                    return;
                }
            }
            let entry = RegisterAddDto {
                name: name.clone(),
                list_key: hit.list_key.clone(),
                entry_id: hit.entry_id.clone(),
                entry_fingerprint: hit.entry_fingerprint.clone(),
                reason: value(&reason),
                decided_by: value(&by),
                decided_on: today(),
                expires_on: None,
            };
            let Ok(entry) = serde_wasm_bindgen::to_value(&entry) else {
                return;
            };
            let (reply, error, on_added) = (
                client.0.register_add(&entry),
                error.clone(),
                on_added.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match call(reply).await {
                    Ok(_) => {
                        error.set(None);
                        on_added.emit(());
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let h = &p.hit;
    html! {
        <li class="ea-hit" data-testid="open-hit" data-entry={h.entry_id.clone()}>
            <p><q>{ &p.name }</q>{ " → " }<strong>{ &h.matched_name }</strong>{ format!(" · {} {}", h.list_key, h.entry_id) }</p>
            if let Some(n) = &h.register_note { <p class="ea-small">{ n }</p> }
            <p class="ea-decide">
                <label>{ t(lang, Msg::ReasonLabel) }{ " " }<input ref={reason} type="text" maxlength="500" required=true data-testid="register-reason" /></label>{ " " }
                <label>{ t(lang, Msg::DecidedByLabel) }{ " " }<input ref={by} type="text" maxlength="200" required=true data-testid="register-decided-by" /></label>{ " " }
                <button type="button" onclick={on_add} data-testid="add-to-register">{ t(lang, Msg::AddToRegister) }</button>
            </p>
            if let Some(e) = &*error { <p class="ea-notice" role="alert">{ format!("{}: {e}", t(lang, Msg::RegisterFailed)) }</p> }
        </li>
    }
}

#[derive(Properties, PartialEq)]
pub struct ExportLeadsProps {
    /// The lead file's name (for the export's name).
    pub file: String,
    pub on_clear: Callback<()>,
}

/// Every lead of the last lead file with its status, as CSV (with a BOM
/// for spreadsheets), written by the engine.
#[component]
pub fn ExportLeads(p: &ExportLeadsProps) -> Html {
    let s = use_shared();
    let lang = s.lang;
    let onclick = {
        let (client, file) = (s.client.clone(), p.file.clone());
        Callback::from(move |_: MouseEvent| {
            let (client, file) = (client.clone(), file.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(csv) = call(client.0.leads_csv()).await {
                    let stem = file
                        .rsplit_once('.')
                        .map_or(file.as_str(), |(stem, _)| stem);
                    let csv = csv.as_string().unwrap_or_default();
                    crate::ui::browser::download(
                        &format!("{stem}-leads.csv"),
                        "text/csv;charset=utf-8",
                        &format!("\u{feff}{csv}"),
                    );
                }
            });
        })
    };
    html! {
        <p>
            <button type="button" {onclick} data-testid="batch-export-leads">{ t(lang, Msg::ExportLeads) }</button>{ " " }
            <span class="ea-small ea-muted">{ t(lang, Msg::ExportLeadsHelp) }</span>{ " " }
            <button type="button" onclick={p.on_clear.reform(|_: MouseEvent| ())} data-testid="batch-clear">{ t(lang, Msg::ClearResults) }</button>
        </p>
    }
}
