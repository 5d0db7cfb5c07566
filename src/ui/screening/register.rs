//! The company register of "not a match" decisions: search, delete,
//! export and import (with a preview of what a file adds and changes; a
//! changed decision is replaced only when the user chooses so). The
//! register lives in the worker (and its IndexedDB); this section asks
//! for its entries again whenever its hash changes. What a decision means
//! for a hit is `core::screening::register`.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::requests::{call, decode};
use super::shared::{unique_keys, use_shared};
use super::{t, Msg};
use crate::core::screening::register::RegisterEntry;
use crate::core::text::fill;
use crate::ui::browser;
use crate::web::RegisterPreviewDto;

#[derive(Properties, PartialEq)]
pub struct RegisterProps {
    /// The register's hash ("" when empty): a change reloads the entries.
    pub sha: AttrValue,
    pub count: usize,
}

/// A file chosen for import and what it would do.
#[derive(Clone, PartialEq)]
struct Pending {
    file: String,
    text: Rc<String>,
    preview: Rc<RegisterPreviewDto>,
}

#[component]
pub fn RegisterSection(p: &RegisterProps) -> Html {
    let s = use_shared();
    let lang = s.lang;
    let entries = use_state(|| Rc::new(Vec::<RegisterEntry>::new()));
    let query = use_state(String::new);
    let note = use_state(|| None::<String>);
    let pending = use_state(|| None::<Pending>);
    {
        let (client, entries, note) = (s.client.clone(), entries.clone(), note.clone());
        use_effect_with(p.sha.clone(), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match call(client.0.register()).await.and_then(decode) {
                    Ok(list) => entries.set(Rc::new(list)),
                    Err(e) => note.set(Some(e)),
                }
            });
        });
    }
    let on_export = {
        let client = s.client.clone();
        Callback::from(move |_: MouseEvent| {
            let client = client.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(text) = call(client.0.register_export()).await {
                    let text = text.as_string().unwrap_or_default();
                    browser::download("company-register.json", "application/json", &text);
                }
            });
        })
    };
    let on_import = {
        let (client, pending, note) = (s.client.clone(), pending.clone(), note.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let (client, pending, note) = (client.clone(), pending.clone(), note.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let text = call(file.text())
                    .await
                    .map(|v| v.as_string().unwrap_or_default());
                let preview = match &text {
                    Ok(text) => call(client.0.register_preview(text)).await.and_then(decode),
                    Err(e) => Err(e.clone()),
                };
                match (text, preview) {
                    (Ok(text), Ok(preview)) => {
                        note.set(None);
                        pending.set(Some(Pending {
                            file: file.name(),
                            text: Rc::new(text),
                            preview: Rc::new(preview),
                        }));
                    }
                    (_, Err(e)) | (Err(e), _) => note.set(Some(format!("{}: {e}", file.name()))),
                }
            });
        })
    };
    let on_apply = {
        let (client, pending, note) = (s.client.clone(), pending.clone(), note.clone());
        Callback::from(move |replace: Option<bool>| {
            let Some(p) = (*pending).clone() else { return };
            pending.set(None);
            let Some(replace) = replace else { return };
            let (client, note) = (client.clone(), note.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let done = call(client.0.register_import(&p.text, replace)).await;
                note.set(Some(done.map_or_else(
                    |e| format!("{}: {e}", t(lang, Msg::RegisterFailed)),
                    |_| t(lang, Msg::ImportDone).to_string(),
                )));
            });
        })
    };
    let on_query = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            query.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    html! {
        <section class="ea-register" aria-labelledby="register-title" data-testid="register">
            <h3 id="register-title" class="ea-h3">{ t(lang, Msg::RegisterHeading) }</h3>
            <p class="ea-small ea-muted">{ t(lang, Msg::RegisterIntro) }</p>
            <p data-testid="register-count">{ fill(t(lang, Msg::RegisterCount), &[("n", &p.count.to_string())]) }</p>
            <p class="ea-toolbar">
                <label>{ t(lang, Msg::RegisterSearch) }{ " " }<input type="search" value={(*query).clone()} oninput={on_query} data-testid="register-search" /></label>{ " " }
                <button type="button" onclick={on_export} disabled={p.count == 0} data-testid="register-export">{ t(lang, Msg::RegisterExport) }</button>{ " " }
                <label class="ea-file">{ t(lang, Msg::RegisterImport) }{ " " }<input type="file" accept=".json,application/json" onchange={on_import} data-testid="register-import" /></label>
            </p>
            if let Some(n) = &*note { <p class="ea-notice" role="status" data-testid="register-message">{ n }</p> }
            if let Some(p) = &*pending { <ImportPreview file={p.file.clone()} preview={p.preview.clone()} on_apply={on_apply} /> }
            <RegisterTable entries={(*entries).clone()} query={(*query).clone()} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct TableProps {
    entries: Rc<Vec<RegisterEntry>>,
    query: String,
}

#[component]
fn RegisterTable(p: &TableProps) -> Html {
    let s = use_shared();
    let lang = s.lang;
    if p.entries.is_empty() {
        return html! { <p class="ea-muted" data-testid="register-empty">{ t(lang, Msg::RegisterEmpty) }</p> };
    }
    let register = crate::core::screening::register::Register {
        version: 1,
        entries: (*p.entries).clone(),
    };
    let shown = register.search(&p.query);
    if shown.is_empty() {
        return html! { <p class="ea-muted">{ t(lang, Msg::RegisterNoMatch) }</p> };
    }
    let keys = unique_keys(
        shown
            .iter()
            .map(|e| format!("{}\u{1f}{}\u{1f}{}", e.list_key, e.entry_id, e.name)),
    );
    let today = super::freshness::today();
    let rows = shown.iter().zip(keys).map(|(e, key)| {
        let on_delete = {
            let (client, name, list, id) = (s.client.clone(), e.name.clone(), e.list_key.clone(), e.entry_id.clone());
            Callback::from(move |_: MouseEvent| {
                let reply = client.0.register_remove(&name, &list, &id);
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = call(reply).await;
                });
            })
        };
        let label = fill(t(lang, Msg::RegisterDeleteLabel), &[("name", &e.name)]);
        html! {
            <tr {key} data-testid="register-row">
                <td>{ &e.name }</td>
                <td>{ format!("{} {}", e.list_key, e.entry_id) }</td>
                <td>{ &e.reason }</td>
                <td>{ &e.decided_by }</td>
                <td>{ &e.decided_on }</td>
                <td>
                    { &e.expires_on }
                    // ISO dates compare as text; an expired decision no longer suppresses its hit.
                    if e.expires_on.as_str() < today.as_str() {
                        <strong data-testid="register-expired">{ " — " }{ t(lang, Msg::RegisterExpired) }</strong>
                    }
                </td>
                <td><button type="button" aria-label={label} onclick={on_delete} data-testid="register-delete">{ t(lang, Msg::RegisterDelete) }</button></td>
            </tr>
        }
    });
    html! {
        <div class="ea-table-wrap">
            <table class="ea-table" data-testid="register-table">
                <thead><tr>
                    <th scope="col">{ t(lang, Msg::ColQuery) }</th>
                    <th scope="col">{ t(lang, Msg::ColEntry) }</th>
                    <th scope="col">{ t(lang, Msg::ColReason) }</th>
                    <th scope="col">{ t(lang, Msg::ColDecidedBy) }</th>
                    <th scope="col">{ t(lang, Msg::ColDecidedOn) }</th>
                    <th scope="col">{ t(lang, Msg::ColValidUntil) }</th>
                    <th scope="col"><span class="ea-visually-hidden">{ t(lang, Msg::RegisterDelete) }</span></th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct PreviewProps {
    file: String,
    preview: Rc<RegisterPreviewDto>,
    /// Some(replace the changed ones) to import; None to cancel.
    on_apply: Callback<Option<bool>>,
}

/// What an import would add and change; nothing is applied before a choice.
#[component]
fn ImportPreview(p: &PreviewProps) -> Html {
    let lang = use_shared().lang;
    let v = &p.preview;
    let summary = fill(
        t(lang, Msg::ImportPreview),
        &[
            ("file", &p.file),
            ("new", &v.new.len().to_string()),
            ("changed", &v.changed.len().to_string()),
            ("unchanged", &v.unchanged.to_string()),
        ],
    );
    let line = |e: &RegisterEntry| {
        format!(
            "{} · {} {} · {} ({}, {} – {})",
            e.name, e.list_key, e.entry_id, e.reason, e.decided_by, e.decided_on, e.expires_on
        )
    };
    let keys = unique_keys(
        v.new
            .iter()
            .chain(v.changed.iter().map(|c| &c.1))
            .map(|e| format!("{}\u{1f}{}\u{1f}{}", e.list_key, e.entry_id, e.name)),
    );
    let mut keys = keys.into_iter();
    let apply = |choice: Option<bool>| p.on_apply.reform(move |_: MouseEvent| choice);
    html! {
        <div class="ea-import-preview" role="group" aria-label={t(lang, Msg::RegisterImport)} data-testid="register-preview">
            <p><strong>{ summary }</strong></p>
            <ul>
                { for v.new.iter().map(|e| html! { <li key={keys.next().unwrap_or_default()} data-testid="preview-new">{ "+ " }{ line(e) }</li> }) }
                { for v.changed.iter().map(|(mine, theirs)| html! {
                    <li key={keys.next().unwrap_or_default()} data-testid="preview-changed">
                        { "≠ " }{ line(theirs) }<br />
                        <span class="ea-small ea-muted">{ t(lang, Msg::ImportChangedFrom) }{ " " }{ line(mine) }</span>
                    </li>
                }) }
            </ul>
            <p class="ea-toolbar">
                <button type="button" class="ea-primary" onclick={apply(Some(false))} data-testid="import-new-only">{ t(lang, Msg::ImportNewOnly) }</button>{ " " }
                if !v.changed.is_empty() {
                    <button type="button" onclick={apply(Some(true))} data-testid="import-replace">{ t(lang, Msg::ImportReplace) }</button>{ " " }
                }
                <button type="button" onclick={apply(None)} data-testid="import-cancel">{ t(lang, Msg::Cancel) }</button>
            </p>
        </div>
    }
}
