//! The screening page's components. Requests go to the worker through the
//! host's client; what comes back is dispatched to the reducer
//! (`state.rs`); the table view is `core::screening::table`.

use std::future::Future;
use std::rc::Rc;

use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::state::{Action, AddResult, Batch, Check, PageState};
use super::{t, Client, LangCell, Msg};
use crate::core::destinations::Destinations;
use crate::core::screening::batch::{to_csv, HitRow};
use crate::core::screening::index::DEFAULT_THRESHOLD;
use crate::core::screening::table::Column;
use crate::core::text::{fill, Lang};
use crate::ui::browser;
use crate::web::{AddedDto, CheckHitDto, LeadsDto, ListDto, StateDto};

#[derive(Properties, PartialEq, Clone)]
pub struct PageProps {
    pub lang: LangCell,
    pub dest: Dest,
    pub client: Client,
}

/// The destination data (for the country list), shared by pointer.
#[derive(Clone)]
pub struct Dest(pub Rc<Destinations>);

impl PartialEq for Dest {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

type Dispatch = Callback<Action>;

fn spawn(f: impl Future<Output = ()> + 'static) {
    wasm_bindgen_futures::spawn_local(f);
}

/// The message of a rejected promise.
fn error_text(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

async fn call(p: js_sys::Promise) -> Result<JsValue, String> {
    JsFuture::from(p).await.map_err(|e| error_text(&e))
}

fn decode<T: for<'de> Deserialize<'de>>(v: JsValue) -> Result<T, String> {
    serde_wasm_bindgen::from_value(v)
        .map_err(|e| format!("unexpected answer from the screening engine: {e}"))
}

fn score(x: f64) -> String {
    format!("{x:.2}")
}

#[derive(Deserialize)]
struct AddReply {
    added: Vec<AddedDto>,
    errors: Vec<FileError>,
}

#[derive(Deserialize)]
struct FileError {
    file: String,
    message: String,
}

#[derive(Deserialize)]
struct BatchReply {
    rows: Vec<HitRow>,
    done: usize,
    total: usize,
    cancelled: bool,
    leads: LeadsDto,
    lists: Vec<ListDto>,
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Progress {
    Start { leads: LeadsDto },
    Progress { done: usize, total: usize },
}

#[component]
pub fn ScreeningPage(p: &PageProps) -> Html {
    let state = use_reducer(|| PageState::new(p.lang.get()));
    let dispatch: Dispatch = {
        let state = state.clone();
        Callback::from(move |a| state.dispatch(a))
    };
    // The host sets the language; the engine reports its state.
    {
        let d = dispatch.clone();
        let cell = p.lang.clone();
        let client = p.client.clone();
        use_effect_with((), move |_| {
            cell.listen(d.reform(Action::Lang));
            let on_state = Closure::<dyn FnMut(JsValue)>::new(move |v: JsValue| {
                if let Ok(s) = serde_wasm_bindgen::from_value::<StateDto>(v) {
                    d.emit(Action::Engine(s));
                }
            });
            let unsubscribe = client.0.subscribe(on_state.as_ref().unchecked_ref());
            move || {
                if let Some(f) = unsubscribe.dyn_ref::<js_sys::Function>() {
                    let _ = f.call0(&JsValue::NULL);
                }
                drop(on_state);
            }
        });
    }
    let s = &*state;
    let lang = s.lang;
    let e = &s.engine;
    html! {
        <div class="ea-screening-page" lang={lang.code()} data-testid="screening-page">
            <h2 class="ea-h2">{ t(lang, Msg::Heading) }</h2>
            <p class="ea-muted">{ t(lang, Msg::Intro) }</p>
            if e.status == "starting" {
                <p class="ea-notice" role="status" data-testid="engine-starting">{ t(lang, Msg::Starting) }</p>
            }
            if e.status == "failed" {
                <p class="ea-notice" role="alert" data-testid="engine-failed">{ format!("{}: {}", t(lang, Msg::EngineFailed), e.error.clone().unwrap_or_default()) }</p>
            }
            if e.storage == "unavailable" {
                <p class="ea-notice" role="alert" data-testid="lists-storage-notice">{ t(lang, Msg::StorageUnavailable) }</p>
            }
            if e.storage == "failed" {
                <p class="ea-notice" role="alert" data-testid="lists-storage-notice">{ format!("{}: {}", t(lang, Msg::StorageFailed), e.storage_message.clone().unwrap_or_default()) }</p>
            }
            { for e.restore_errors.iter().map(|r| html! { <p class="ea-notice" role="alert">{ format!("{}: {r}", t(lang, Msg::RestoreFailed)) }</p> }) }
            { lists_section(s, &dispatch, &p.client) }
            { threshold_section(s, &dispatch, &p.client) }
            <CheckSection lang={lang} lists={e.lists.len()} check={s.check.clone()} dest={p.dest.clone()} client={p.client.clone()} dispatch={dispatch.clone()} />
            { batch_section(s, &dispatch, &p.client) }
            <p class="ea-small"><strong>{ t(lang, Msg::Privacy) }</strong></p>
        </div>
    }
}

/// Sends list files to the engine (from the file input or a drop).
fn add_files(files: JsValue, format: String, d: &Dispatch, client: &Client) {
    // A copy now: the input's FileList empties when the input is reset.
    let files: JsValue = js_sys::Array::from(&files).into();
    let (d, client) = (d.clone(), client.clone());
    d.emit(Action::Adding);
    spawn(async move {
        let result = match call(client.0.add_files(&files, &format))
            .await
            .and_then(decode::<AddReply>)
        {
            Ok(r) => AddResult {
                added: r.added,
                errors: r.errors.into_iter().map(|e| (e.file, e.message)).collect(),
            },
            Err(e) => AddResult {
                added: vec![],
                errors: vec![(String::new(), e)],
            },
        };
        d.emit(Action::Added(result));
    });
}

/// A file input's change: its files go to `on_files` (which must take
/// what it needs at once), then the input is reset so that choosing the
/// same file again counts.
fn file_picker(on_files: Callback<JsValue>) -> Callback<Event> {
    Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        if let Some(files) = input.files().filter(|f| f.length() > 0) {
            on_files.emit(files.into());
        }
        input.set_value("");
    })
}

/// A drop zone: files dropped on it go to `on_files` while `enabled` (a
/// drop is always taken, so the browser never opens the file instead).
fn drop_zone(
    label: &'static str,
    hint: &'static str,
    input: Html,
    testid: &'static str,
    enabled: bool,
    on_files: Callback<JsValue>,
) -> Html {
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = Callback::from(move |e: DragEvent| {
        e.prevent_default();
        if let Some(files) = e
            .data_transfer()
            .and_then(|dt| dt.files())
            .filter(|f| enabled && f.length() > 0)
        {
            on_files.emit(files.into());
        }
    });
    html! {
        <div class="ea-drop" data-testid={testid} {ondragover} {ondrop}>
            <label class="ea-drop-label">{ label }{ input }</label>
            <span class="ea-muted">{ " " }{ hint }</span>
        </div>
    }
}

fn lists_section(s: &PageState, d: &Dispatch, client: &Client) -> Html {
    let lang = s.lang;
    let ready = s.engine.status == "ready" && !s.batch.busy();
    let on_files = {
        let (d, client, format) = (d.clone(), client.clone(), s.format.clone());
        Callback::from(move |files: JsValue| add_files(files, format.clone(), &d, &client))
    };
    let on_format =
        d.reform(|e: Event| Action::Format(e.target_unchecked_into::<HtmlSelectElement>().value()));
    let onchange = file_picker(on_files.clone());
    let input = html! { <input type="file" multiple=true accept=".xml,.csv,.txt" disabled={!ready} data-testid="list-files" {onchange} /> };
    let remove = |key: String, label: String| {
        let (d, client) = (d.clone(), client.clone());
        Callback::from(move |_| {
            let question = format!("{} {label}", t(lang, Msg::RemoveConfirm));
            if !web_sys::window()
                .and_then(|w| w.confirm_with_message(&question).ok())
                .unwrap_or(false)
            {
                return;
            }
            let (d, client, key) = (d.clone(), client.clone(), key.clone());
            spawn(async move {
                d.emit(Action::Error(call(client.0.remove_list(&key)).await.err()));
            });
        })
    };
    html! {
        <section class="ea-block" aria-labelledby="lists-heading" data-testid="lists-section">
            <h3 id="lists-heading" class="ea-h3">{ t(lang, Msg::ListsHeading) }</h3>
            <p class="ea-small ea-muted">{ t(lang, Msg::ListsHelp) }</p>
            <div class="ea-row">
                { drop_zone(t(lang, Msg::ChooseListFiles), t(lang, Msg::DropListFiles), input, "list-drop", ready, on_files) }
                <label class="ea-inline">{ t(lang, Msg::Format) }
                    <select onchange={on_format} data-testid="list-format">
                        { for [("", Msg::FormatAuto), ("eu-fsf", Msg::FormatEu), ("un", Msg::FormatUn), ("ofac", Msg::FormatOfac), ("csv", Msg::FormatCsv)].into_iter().map(|(v, label)| html! {
                            <option value={v} selected={s.format == v}>{ t(lang, label) }</option>
                        }) }
                    </select>
                </label>
            </div>
            if s.adding {
                <p role="status" data-testid="lists-adding">{ t(lang, Msg::Adding) }</p>
            }
            if let Some(r) = &s.add_result {
                <div role="status" data-testid="lists-added">
                    { for r.added.iter().map(|a| {
                        let date = |l: &ListDto| l.generated.clone().unwrap_or_else(|| t(lang, Msg::NoDate).into());
                        let line = fill(t(lang, Msg::Added), &[("label", &a.list.label), ("format", &a.list.format), ("entries", &a.list.entries.to_string()), ("generated", &date(&a.list))]);
                        let replaced = a.replaced.as_ref().map(|old| match &old.generated {
                            Some(g) => fill(t(lang, Msg::Replaced), &[("generated", g)]),
                            None => t(lang, Msg::ReplacedUndated).to_string(),
                        });
                        html! { <p class="ea-ok">{ line }{ replaced.map(|r| format!(" {r}")).unwrap_or_default() }</p> }
                    }) }
                </div>
                { for r.errors.iter().map(|(file, msg)| html! { <p class="ea-notice" role="alert" data-testid="list-error">{ format!("{}: {file}: {msg}", t(lang, Msg::FileError)) }</p> }) }
            }
            if let Some(err) = &s.error {
                <p class="ea-notice" role="alert">{ err }</p>
            }
            if s.engine.lists.is_empty() {
                <p class="ea-muted" data-testid="no-lists">{ t(lang, Msg::NoLists) }</p>
            } else {
                <div class="ea-scroll">
                <table class="ea-table" data-testid="lists-table">
                    <thead><tr>
                        <th scope="col">{ t(lang, Msg::ColList) }</th>
                        <th scope="col">{ t(lang, Msg::ColFormat) }</th>
                        <th scope="col">{ t(lang, Msg::ColGenerated) }</th>
                        <th scope="col">{ t(lang, Msg::ColEntries) }</th>
                        <th scope="col">{ t(lang, Msg::ColNames) }</th>
                        <th scope="col">{ t(lang, Msg::ColChecksum) }</th>
                        <th scope="col"><span class="ea-visually-hidden">{ t(lang, Msg::Remove) }</span></th>
                    </tr></thead>
                    <tbody>
                    { for s.engine.lists.iter().map(|l| html! {
                        <tr data-testid="list-row" data-key={l.key.clone()}>
                            <td>{ &l.label }</td>
                            <td>{ &l.format }</td>
                            <td>{ l.generated.clone().unwrap_or_else(|| t(lang, Msg::NoDate).into()) }</td>
                            <td class="ea-num">{ l.entries }</td>
                            <td class="ea-num">{ l.aliases }</td>
                            <td><code class="ea-hash">{ &l.sha256 }</code></td>
                            <td><button type="button" disabled={!ready} onclick={remove(l.key.clone(), l.label.clone())} aria-label={format!("{} {}", t(lang, Msg::Remove), l.label)}>{ t(lang, Msg::Remove) }</button></td>
                        </tr>
                    }) }
                    </tbody>
                </table>
                </div>
            }
        </section>
    }
}

fn threshold_section(s: &PageState, d: &Dispatch, client: &Client) -> Html {
    let lang = s.lang;
    let (d, client) = (d.clone(), client.clone());
    let set = move |value: f64| {
        let (d, client) = (d.clone(), client.clone());
        spawn(async move {
            d.emit(Action::Error(
                call(client.0.set_threshold(value)).await.err(),
            ));
        });
    };
    let onchange = {
        let set = set.clone();
        Callback::from(move |e: Event| {
            if let Ok(v) = e
                .target_unchecked_into::<HtmlInputElement>()
                .value()
                .parse::<f64>()
            {
                set(v);
            }
        })
    };
    let reset = Callback::from(move |_| set(DEFAULT_THRESHOLD));
    let ready = s.engine.status == "ready" && !s.batch.busy();
    html! {
        <section class="ea-block" aria-labelledby="threshold-heading" data-testid="threshold-section">
            <h3 id="threshold-heading" class="ea-h3">{ t(lang, Msg::ThresholdHeading) }</h3>
            <p class="ea-small ea-muted">{ fill(t(lang, Msg::ThresholdHelp), &[("default", &score(DEFAULT_THRESHOLD))]) }</p>
            <div class="ea-row">
                <label for="threshold" class="ea-inline">{ t(lang, Msg::ThresholdLabel) }</label>
                <input id="threshold" type="range" min="0.5" max="1" step="0.01" value={s.engine.threshold.to_string()} disabled={!ready} {onchange} data-testid="threshold" />
                <output for="threshold" data-testid="threshold-value">{ score(s.engine.threshold) }</output>
                <button type="button" disabled={!ready} onclick={reset}>{ t(lang, Msg::ThresholdReset) }</button>
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct CheckProps {
    pub lang: Lang,
    pub lists: usize,
    pub check: Check,
    pub dest: Dest,
    pub client: Client,
    pub dispatch: Dispatch,
}

/// One name at a time; its inputs keep their values between renders.
#[component]
fn CheckSection(p: &CheckProps) -> Html {
    let lang = p.lang;
    let (name, country, year) = (use_node_ref(), use_node_ref(), use_node_ref());
    let onsubmit = {
        let (d, client, name, country, year) = (
            p.dispatch.clone(),
            p.client.clone(),
            name.clone(),
            country.clone(),
            year.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = |r: &NodeRef| {
                r.cast::<HtmlInputElement>()
                    .map(|i| i.value())
                    .unwrap_or_default()
            };
            let name = value(&name);
            if name.trim().is_empty() {
                return;
            }
            let query = js_sys::Object::new();
            let set = |k: &str, v: JsValue| {
                let _ = js_sys::Reflect::set(&query, &k.into(), &v);
            };
            set("name", name.into());
            set(
                "country",
                country
                    .cast::<HtmlSelectElement>()
                    .map(|s| s.value())
                    .unwrap_or_default()
                    .into(),
            );
            if let Ok(y) = value(&year).trim().parse::<u16>() {
                set("birthYear", y.into());
            }
            set("lang", lang.code().into());
            let (d, client) = (d.clone(), client.clone());
            d.emit(Action::Check(Check::Busy));
            spawn(async move {
                let result = call(client.0.check(&query))
                    .await
                    .and_then(decode::<Vec<CheckHitDto>>);
                d.emit(Action::Check(match result {
                    Ok(hits) => Check::Done(hits),
                    Err(e) => Check::Failed(e),
                }));
            });
        })
    };
    let mut countries: Vec<(&str, &str)> = p
        .dest
        .0
        .countries
        .iter()
        .map(|c| (c.code.as_str(), c.name(lang)))
        .collect();
    countries.sort_by(|a, b| a.1.cmp(b.1));
    html! {
        <section class="ea-block" aria-labelledby="check-heading" data-testid="check-section">
            <h3 id="check-heading" class="ea-h3">{ t(lang, Msg::CheckHeading) }</h3>
            <form class="ea-row" {onsubmit}>
                <label class="ea-inline">{ t(lang, Msg::CheckName) }<input ref={name} type="text" maxlength="300" required=true data-testid="check-name" /></label>
                <label class="ea-inline">{ t(lang, Msg::CheckCountry) }
                    <select ref={country} data-testid="check-country">
                        <option value="" selected=true>{ t(lang, Msg::AnyCountry) }</option>
                        { for countries.into_iter().map(|(code, n)| html! { <option value={code.to_string()}>{ format!("{n} ({code})") }</option> }) }
                    </select>
                </label>
                <label class="ea-inline">{ t(lang, Msg::CheckYear) }<input ref={year} type="number" min="1900" max="2100" data-testid="check-year" /></label>
                <button type="submit" class="ea-primary" disabled={p.lists == 0} data-testid="check-button">{ t(lang, Msg::CheckButton) }</button>
            </form>
            if p.lists == 0 {
                <p class="ea-small ea-muted">{ t(lang, Msg::CheckNeedsLists) }</p>
            }
            <div role="status" aria-live="polite" data-testid="check-result">
            { match &p.check {
                Check::Idle => html! {},
                Check::Busy => html! { <p>{ "…" }</p> },
                Check::Failed(e) => html! { <p class="ea-notice" role="alert">{ e }</p> },
                Check::Done(hits) if hits.is_empty() => html! { <p data-testid="check-none">{ t(lang, Msg::CheckNone) }</p> },
                Check::Done(hits) => html! {
                    <ul class="ea-hits">
                    { for hits.iter().map(|h| html! {
                        <li class="ea-hit" data-testid="check-hit" data-entry={h.entry_id.clone()}>
                            <p><strong>{ &h.matched_name }</strong>{ format!(" · {} · {} {} · {} {}", h.list, t(lang, Msg::Entry), h.entry_id, t(lang, Msg::Score), score(h.score)) }</p>
                            <p class="ea-small ea-muted">{ &h.explanation }</p>
                        </li>
                    }) }
                    </ul>
                },
            } }
            </div>
        </section>
    }
}

fn start_batch(file: JsValue, lang: Lang, d: &Dispatch, client: &Client) {
    let name = js_sys::Reflect::get(&file, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    let (d, client) = (d.clone(), client.clone());
    d.emit(Action::Batch(Batch::Reading(name)));
    let progress = {
        let d = d.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |v: JsValue| {
            match serde_wasm_bindgen::from_value::<Progress>(v) {
                Ok(Progress::Start { leads }) => {
                    let total = leads.count;
                    d.emit(Action::Batch(Batch::Running {
                        leads,
                        done: 0,
                        total,
                    }));
                }
                Ok(Progress::Progress { done, total }) => d.emit(Action::Progress { done, total }),
                Err(_) => {}
            }
        })
    };
    spawn(async move {
        let result = call(
            client
                .0
                .batch(&file, lang.code(), progress.as_ref().unchecked_ref()),
        )
        .await
        .and_then(decode::<BatchReply>);
        drop(progress);
        d.emit(Action::Batch(match result {
            Ok(r) => Batch::Done {
                leads: r.leads,
                rows: Rc::new(r.rows),
                done: r.done,
                total: r.total,
                cancelled: r.cancelled,
                lists: r.lists,
            },
            Err(e) => Batch::Failed(e),
        }));
    });
}

fn batch_section(s: &PageState, d: &Dispatch, client: &Client) -> Html {
    let lang = s.lang;
    let ready = s.engine.status == "ready" && !s.engine.lists.is_empty() && !s.batch.busy();
    let on_file = {
        let (d, client) = (d.clone(), client.clone());
        Callback::from(move |files: JsValue| {
            let file = files.dyn_ref::<web_sys::FileList>().and_then(|f| f.get(0));
            if let Some(f) = file {
                start_batch(f.into(), lang, &d, &client);
            }
        })
    };
    let onchange = file_picker(on_file.clone());
    let input = html! { <input type="file" accept=".csv,.txt" disabled={!ready} data-testid="leads-file" {onchange} /> };
    let cancel = {
        let client = client.clone();
        Callback::from(move |_| client.0.cancel_batch())
    };
    let leads_line = |l: &LeadsDto| {
        fill(
            t(lang, Msg::LeadsRead),
            &[
                ("count", &l.count.to_string()),
                ("file", &l.label),
                ("encoding", &l.encoding),
                (
                    "delimiter",
                    if l.delimiter == "\t" {
                        "Tab"
                    } else {
                        &l.delimiter
                    },
                ),
                (
                    "header",
                    t(
                        lang,
                        if l.header {
                            Msg::WithHeader
                        } else {
                            Msg::WithoutHeader
                        },
                    ),
                ),
            ],
        )
    };
    html! {
        <section class="ea-block" aria-labelledby="batch-heading" data-testid="batch-section">
            <h3 id="batch-heading" class="ea-h3">{ t(lang, Msg::BatchHeading) }</h3>
            <p class="ea-small ea-muted">{ t(lang, Msg::BatchHelp) }</p>
            { drop_zone(t(lang, Msg::ChooseLeads), t(lang, Msg::DropLeads), input, "leads-drop", ready, on_file) }
            if s.engine.lists.is_empty() {
                <p class="ea-small ea-muted">{ t(lang, Msg::CheckNeedsLists) }</p>
            }
            <div role="status" aria-live="polite" data-testid="batch-status">
            { match &s.batch {
                Batch::Idle => html! {},
                Batch::Reading(file) => html! { <p>{ format!("{}: {file}…", t(lang, Msg::Reading)) }</p> },
                Batch::Running { leads, done, total } => html! { <>
                    <p>{ leads_line(leads) }</p>
                    <p><progress max={total.to_string()} value={done.to_string()} data-testid="batch-progress"></progress>{ " " }
                    { fill(t(lang, Msg::Progress), &[("done", &done.to_string()), ("total", &total.to_string())]) }{ " " }
                    <button type="button" onclick={cancel} data-testid="batch-cancel">{ t(lang, Msg::Cancel) }</button></p>
                </> },
                Batch::Failed(e) => html! { <p class="ea-notice" role="alert" data-testid="batch-error">{ format!("{}: {e}", t(lang, Msg::BatchFailed)) }</p> },
                Batch::Done { leads, rows, done, total, cancelled, lists } => {
                    let with_hits = { let mut ids: Vec<&str> = rows.iter().map(|r| r.query_id.as_str()).collect(); ids.sort_unstable(); ids.dedup(); ids.len() };
                    html! { <>
                        <p>{ leads_line(leads) }</p>
                        if *cancelled {
                            <p class="ea-notice" data-testid="batch-cancelled">{ fill(t(lang, Msg::Cancelled), &[("done", &done.to_string()), ("total", &total.to_string())]) }</p>
                        } else {
                            <p data-testid="batch-done">{ fill(t(lang, Msg::BatchDone), &[("total", &total.to_string()), ("rows", &rows.len().to_string()), ("leads", &with_hits.to_string())]) }</p>
                        }
                        <p class="ea-small">{ t(lang, Msg::ScreenedAgainst) }</p>
                        <ul class="ea-small" data-testid="batch-lists">
                        { for lists.iter().map(|l| html! {
                            <li>{ fill(t(lang, Msg::ListLine), &[("label", &l.label), ("format", &l.format), ("generated", &l.generated.clone().unwrap_or_else(|| t(lang, Msg::NoDate).into())), ("entries", &l.entries.to_string())]) }{ " " }<code class="ea-hash">{ &l.sha256 }</code></li>
                        }) }
                        </ul>
                    </> }
                }
            } }
            </div>
            if let Batch::Done { rows, leads, .. } = &s.batch {
                { results(s, rows, &leads.label, d) }
            }
        </section>
    }
}

fn results(s: &PageState, rows: &Rc<Vec<HitRow>>, file: &str, d: &Dispatch) -> Html {
    let lang = s.lang;
    let view = &s.table;
    let shown = view.rows(rows);
    let (page_rows, page, pages) = view.page_of(&shown);
    let onfilter = d.reform(|e: InputEvent| {
        Action::Filter(e.target_unchecked_into::<HtmlInputElement>().value())
    });
    let export = {
        let (rows, view, file) = (rows.clone(), view.clone(), file.to_string());
        Callback::from(move |_| {
            // A BOM, so that spreadsheet programs read the file as UTF-8.
            let csv = format!("\u{feff}{}", to_csv(view.rows(&rows)));
            let stem = file.rsplit_once('.').map_or(file.as_str(), |(s, _)| s);
            browser::download(
                &format!("{stem}-screening.csv"),
                "text/csv;charset=utf-8",
                &csv,
            );
        })
    };
    let header = |c: Column, label: Msg| {
        let sort = if view.sort == c {
            if view.descending {
                "descending"
            } else {
                "ascending"
            }
        } else {
            "none"
        };
        html! {
            <th scope="col" aria-sort={sort}>
                <button type="button" class="ea-sort" onclick={d.reform(move |_| Action::Sort(c))} data-testid={format!("sort-{}", c.name())}>
                    { t(lang, label) }<span aria-hidden="true">{ match sort { "ascending" => " ▲", "descending" => " ▼", _ => "" } }</span>
                </button>
            </th>
        }
    };
    html! {
        <div class="ea-results" data-testid="batch-results">
            <div class="ea-row">
                <label class="ea-inline">{ t(lang, Msg::Filter) }<input type="search" value={view.filter.clone()} oninput={onfilter} placeholder={t(lang, Msg::FilterHelp)} data-testid="batch-filter" /></label>
                <span data-testid="batch-shown">{ fill(t(lang, Msg::Shown), &[("shown", &shown.len().to_string()), ("rows", &rows.len().to_string())]) }</span>
                <button type="button" onclick={export} disabled={shown.is_empty()} data-testid="batch-export">{ t(lang, Msg::ExportCsv) }</button>
                <span class="ea-small ea-muted">{ t(lang, Msg::ExportHelp) }</span>
            </div>
            <div class="ea-scroll">
            <table class="ea-table ea-results-table" data-testid="batch-table">
                <thead><tr>
                    { header(Column::Lead, Msg::ColLead) }
                    { header(Column::Query, Msg::ColQuery) }
                    { header(Column::List, Msg::ColList) }
                    { header(Column::Entry, Msg::ColEntry) }
                    { header(Column::Matched, Msg::ColMatched) }
                    { header(Column::Score, Msg::ColScore) }
                    <th scope="col">{ t(lang, Msg::ColWhy) }</th>
                </tr></thead>
                <tbody>
                { for page_rows.iter().map(|r| html! {
                    <tr data-testid="batch-row">
                        <td>{ &r.query_id }</td>
                        <td>{ &r.query }{ r.country.as_ref().map(|c| format!(" ({c})")).unwrap_or_default() }</td>
                        <td>{ &r.list }</td>
                        <td>{ &r.entry_id }</td>
                        <td>{ &r.matched_name }</td>
                        <td class="ea-num">{ score(r.score) }</td>
                        <td class="ea-small">{ &r.explanation }</td>
                    </tr>
                }) }
                </tbody>
            </table>
            </div>
            if pages > 1 {
                <p class="ea-pager">
                    <button type="button" disabled={page == 0} onclick={d.reform(move |_| Action::Page(page.saturating_sub(1)))}>{ t(lang, Msg::Previous) }</button>
                    { format!(" {} / {pages} ", page + 1) }
                    <button type="button" disabled={page + 1 >= pages} onclick={d.reform(move |_| Action::Page(page + 1))} data-testid="batch-next">{ t(lang, Msg::NextPage) }</button>
                </p>
            }
        </div>
    }
}
