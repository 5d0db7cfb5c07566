//! The local archive: list, search, open, duplicate, delete (confirmed),
//! export one or all, and import with a preview that never overwrites.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::app::Shared;
use super::browser;
use super::i18n::{outcome, t, Msg};
use super::result::outcome_icon;
use super::state::{Action, ImportState, State};
use crate::core::evaluate::evaluate;
use crate::core::text::fill;

#[derive(Properties, PartialEq, Clone)]
pub struct ArchiveProps {
    pub shared: Shared,
    pub state: Rc<State>,
    pub dispatch: Callback<Action>,
    pub on_new: Callback<MouseEvent>,
}

#[component]
pub fn ArchiveView(p: &ArchiveProps) -> Html {
    let lang = p.state.lang;
    let query = use_state(String::new);
    let shared = &p.shared;
    let on_search = { let query = query.clone(); Callback::from(move |e: InputEvent| query.set(e.target_unchecked_into::<HtmlInputElement>().value())) };
    let export_all = { let archive = p.state.archive.clone(); Callback::from(move |_| browser::download("export-assessor-archive.json", "application/json", &archive.export(None))) };
    let on_import = {
        let d = p.dispatch.clone();
        let shared = shared.clone();
        let archive = p.state.archive.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            let (d, shared, archive) = (d.clone(), shared.clone(), archive.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let text = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    Ok(v) => v.as_string().unwrap_or_default(),
                    Err(_) => {
                        d.emit(Action::ImportPlanned(Err("the file could not be read".into())));
                        return;
                    }
                };
                let plan = archive.plan_import(text.as_bytes(), &shared.rules, &shared.dest).map_err(|e| e.to_string());
                d.emit(Action::ImportPlanned(plan));
            });
        })
    };

    let import_panel = match &p.state.import {
        ImportState::Idle => html! {},
        ImportState::Failed(e) => html! {
            <div class="ea-notice" role="alert" data-testid="import-error">
                <p><strong>{ t(lang, Msg::ImportFailed) }{ ": " }</strong>{ e }</p>
                <button type="button" onclick={ let d = p.dispatch.clone(); Callback::from(move |_| d.emit(Action::CancelImport)) }>{ t(lang, Msg::Cancel) }</button>
            </div>
        },
        ImportState::Done(n) => html! {
            <p class="ea-info" role="status" data-testid="import-done">{ fill(t(lang, Msg::ImportDone), &[("n", &n.to_string())]) }</p>
        },
        ImportState::Planned(plan) => {
            let n_copies = plan.conflicts.len();
            let confirm = { let d = p.dispatch.clone(); Callback::from(move |_| d.emit(Action::ConfirmImport { copy_ids: (0..n_copies).map(|_| browser::new_id()).collect() })) };
            let cancel = { let d = p.dispatch.clone(); Callback::from(move |_| d.emit(Action::CancelImport)) };
            html! {
                <div class="ea-panel" role="region" aria-label={t(lang, Msg::Import)} data-testid="import-plan">
                    if plan.is_empty() {
                        <p>{ t(lang, Msg::ImportNothing) }</p>
                    } else {
                        <p>{ fill(t(lang, Msg::ImportPlan), &[("add", &plan.add.len().to_string()), ("copies", &n_copies.to_string()), ("same", &plan.unchanged.len().to_string())]) }</p>
                        <ul>{ for plan.add.iter().chain(plan.conflicts.iter()).map(|d| html! { <li>{ if d.item_name().is_empty() { t(lang, Msg::Untitled) } else { d.item_name() } }{ " — " }{ d.end_user_name() }</li> }) }</ul>
                        <button type="button" class="ea-primary" onclick={confirm} data-testid="import-confirm">{ t(lang, Msg::ImportConfirm) }</button>
                    }
                    <button type="button" onclick={cancel}>{ t(lang, Msg::Cancel) }</button>
                </div>
            }
        }
    };

    let rows: Vec<_> = p.state.archive.listing().into_iter().filter(|d| d.matches(&query, &shared.rules, &shared.dest, lang)).collect();
    html! {
        <section class="ea-archive" aria-labelledby="archive-title" data-testid="archive">
            <h2 id="archive-title" class="ea-h2">{ t(lang, Msg::ArchiveHeading) }</h2>
            <div class="ea-toolbar">
                <button type="button" class="ea-primary" onclick={p.on_new.clone()}>{ t(lang, Msg::NewAssessment) }</button>
                <button type="button" onclick={export_all} data-testid="export-all" disabled={p.state.archive.drafts.is_empty()}>{ t(lang, Msg::ExportAll) }</button>
                <label class="ea-file">{ t(lang, Msg::Import) }{ " " }<input type="file" accept="application/json,.json" onchange={on_import} data-testid="import-file" /></label>
                <label class="ea-search">{ t(lang, Msg::Search) }{ " " }<input type="search" placeholder={t(lang, Msg::SearchPlaceholder)} value={(*query).clone()} oninput={on_search} data-testid="archive-search" /></label>
            </div>
            { import_panel }
            if rows.is_empty() {
                <p class="ea-muted">{ t(lang, Msg::ArchiveEmpty) }</p>
            } else {
                <table class="ea-table" data-testid="archive-table">
                    <thead><tr>
                        <th scope="col">{ t(lang, Msg::ColItem) }</th><th scope="col">{ t(lang, Msg::ColEndUser) }</th>
                        <th scope="col">{ t(lang, Msg::ColDestination) }</th><th scope="col">{ t(lang, Msg::ColOutcome) }</th>
                        <th scope="col">{ t(lang, Msg::ColChanged) }</th><th scope="col">{ t(lang, Msg::ColActions) }</th>
                    </tr></thead>
                    <tbody>
                    { for rows.into_iter().map(|d| {
                        let a = evaluate(&shared.rules, &shared.dest, &d.answers);
                        let dest = shared.dest.country(d.destination(&shared.rules)).map(|c| c.name(lang)).unwrap_or("–");
                        let id = d.id.clone();
                        let act = |make: fn(String) -> Action| { let dd = p.dispatch.clone(); let id = id.clone(); Callback::from(move |_| dd.emit(make(id.clone()))) };
                        let duplicate = { let dd = p.dispatch.clone(); let id = id.clone(); Callback::from(move |_| dd.emit(Action::Duplicate { id: id.clone(), new_id: browser::new_id(), now: browser::now() })) };
                        let export = { let archive = p.state.archive.clone(); let id = id.clone(); Callback::from(move |_| browser::download(&format!("export-assessor-{id}.json"), "application/json", &archive.export(Some(&[id.clone()])))) };
                        let title = if d.item_name().is_empty() { t(lang, Msg::Untitled).to_string() } else { d.item_name().to_string() };
                        let confirming = p.state.pending_delete.as_deref() == Some(id.as_str());
                        html! {
                            <tr data-testid="archive-row" data-id={id.clone()}>
                                <td>{ title }</td>
                                <td>{ d.end_user_name() }</td>
                                <td>{ dest }</td>
                                <td><span aria-hidden="true">{ outcome_icon(a.outcome) }{ " " }</span>{ outcome(lang, a.outcome).0 }</td>
                                <td>{ d.updated_at.get(..16).unwrap_or(&d.updated_at).replace('T', " ") }</td>
                                <td class="ea-actions">
                                    if confirming {
                                        <span role="alert">{ t(lang, Msg::DeleteQuestion) }{ " " }</span>
                                        <button type="button" class="ea-danger" onclick={act(Action::ConfirmDelete)} data-testid="confirm-delete">{ t(lang, Msg::ConfirmDelete) }</button>
                                        <button type="button" onclick={ let dd = p.dispatch.clone(); Callback::from(move |_| dd.emit(Action::CancelDelete)) }>{ t(lang, Msg::Cancel) }</button>
                                    } else {
                                        <button type="button" onclick={act(Action::Open)} data-testid="open">{ t(lang, Msg::Open) }</button>
                                        <button type="button" onclick={duplicate} data-testid="duplicate">{ t(lang, Msg::Duplicate) }</button>
                                        <button type="button" onclick={export} data-testid="export-one">{ t(lang, Msg::Export) }</button>
                                        <button type="button" onclick={act(Action::AskDelete)} data-testid="delete">{ t(lang, Msg::Delete) }</button>
                                    }
                                </td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
            }
        </section>
    }
}
