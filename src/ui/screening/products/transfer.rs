//! Export and import of the catalogue: the file the CLI reads with
//! `--catalogue`. An import is parsed by the core (a malformed file is its
//! located error; nothing changes), then previewed — new, identical, and
//! per conflicting id a choice: keep ours, take theirs, keep both — and
//! applied only when the user says so. Nothing is overwritten silently.

use yew::prelude::*;

use super::super::{t, Msg};
use super::actions::ProductActions;
use super::state::Import;
use super::Cx;
use crate::core::text::{fill, Lang};
use crate::core::triage::catalogue::{ConflictChoice, Product};
use crate::ui::drop_zone::DropZone;

#[derive(Properties, PartialEq)]
pub struct TransferProps {
    pub cx: Cx,
    pub import: Option<Import>,
    pub busy: bool,
    pub error: Option<String>,
    pub actions: ProductActions,
}

#[component]
pub fn Transfer(p: &TransferProps) -> Html {
    let lang = p.cx.lang;
    let export = p.actions.on_export.reform(|_: MouseEvent| ());
    let on_files = {
        let cb = p.actions.on_import.clone();
        Callback::from(move |files: Vec<web_sys::File>| {
            if let Some(f) = files.into_iter().next() {
                cb.emit(f);
            }
        })
    };
    html! {
        <section class="ea-block" aria-labelledby="products-transfer-h">
            <h3 id="products-transfer-h">{ t(lang, Msg::ProdTransferHeading) }</h3>
            <div class="ea-row">
                <button type="button" onclick={export} data-testid="products-export">{ t(lang, Msg::ProdExport) }</button>
            </div>
            <DropZone label={t(lang, Msg::ProdImport)} hint={t(lang, Msg::ProdImportHelp)} testid="products-drop"
                input_testid="products-import" accept=".json,application/json" enabled={!p.busy} {on_files} />
            if let Some(e) = &p.error {
                <p class="ea-notice" role="alert" data-testid="products-import-error">{ format!("{}: {e}", t(lang, Msg::ProdImportFailed)) }</p>
            }
            if let Some(i) = &p.import {
                <Preview {lang} import={i.clone()} busy={p.busy} actions={p.actions.clone()} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct PreviewProps {
    lang: Lang,
    import: Import,
    busy: bool,
    actions: ProductActions,
}

#[component]
fn Preview(p: &PreviewProps) -> Html {
    let lang = p.lang;
    let plan = &p.import.plan;
    let count = |n: usize| [("count", n.to_string())];
    let line = |msg: Msg, n: usize| {
        let c = count(n);
        fill(t(lang, msg), &[(c[0].0, c[0].1.as_str())])
    };
    let apply = p.actions.on_apply.reform(|_: MouseEvent| ());
    let cancel = p.actions.on_cancel_import.reform(|_: MouseEvent| ());
    html! {
        <div class="ea-block" role="region" aria-labelledby="products-preview-h" data-testid="products-preview">
            <h4 id="products-preview-h">{ fill(t(lang, Msg::ProdPreviewHeading), &[("file", &p.import.file)]) }</h4>
            <p data-testid="preview-new">{ line(Msg::ProdPreviewNew, plan.new.len()) }</p>
            if !plan.new.is_empty() {
                <ul>{ for plan.new.iter().map(|n| html! { <li key={n.id.clone()}>{ format!("{} ({})", n.name, n.id) }</li> }) }</ul>
            }
            <p data-testid="preview-identical">{ line(Msg::ProdPreviewIdentical, plan.identical.len()) }</p>
            if !plan.conflicting.is_empty() {
                <p data-testid="preview-conflicts">{ line(Msg::ProdPreviewConflicts, plan.conflicting.len()) }</p>
                { for plan.conflicting.iter().map(|(ours, theirs)| html! {
                    <Conflict key={ours.id.clone()} {lang} ours={ours.clone()} theirs={theirs.clone()}
                        choice={p.import.choices.get(&ours.id).copied().unwrap_or(ConflictChoice::KeepOurs)}
                        on_choose={p.actions.on_choose.clone()} />
                }) }
            }
            <div class="ea-actions">
                <button type="button" class="ea-primary" onclick={apply} disabled={p.busy} data-testid="products-import-apply">{ t(lang, Msg::ProdApply) }</button>
                <button type="button" onclick={cancel} data-testid="products-import-cancel">{ t(lang, Msg::ProdCancel) }</button>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ConflictProps {
    lang: Lang,
    ours: Product,
    theirs: Product,
    choice: ConflictChoice,
    on_choose: Callback<(String, ConflictChoice)>,
}

/// One id in both: the two versions and the user's choice.
#[component]
fn Conflict(p: &ConflictProps) -> Html {
    let lang = p.lang;
    let describe = |msg: Msg, x: &Product| {
        fill(
            t(lang, msg),
            &[
                ("name", &x.name),
                ("version", &x.rule_set_version),
                ("date", &x.classified_on),
            ],
        )
    };
    let name = format!("conflict-{}", p.ours.id);
    let option = |c: ConflictChoice, label: Msg, testid: &'static str| {
        let (cb, id) = (p.on_choose.clone(), p.ours.id.clone());
        let onchange = Callback::from(move |_: Event| cb.emit((id.clone(), c)));
        html! {
            <label class="ea-choice">
                <input type="radio" name={name.clone()} checked={p.choice == c} {onchange} data-testid={testid} />{ t(lang, label) }
            </label>
        }
    };
    html! {
        <fieldset class="ea-q" data-testid="products-conflict" data-id={p.ours.id.clone()}>
            <legend><code>{ &p.ours.id }</code></legend>
            <p>{ describe(Msg::ProdOursLine, &p.ours) }</p>
            <p>{ describe(Msg::ProdTheirsLine, &p.theirs) }</p>
            <div class="ea-choices">
                { option(ConflictChoice::KeepOurs, Msg::ProdOurs, "choice-ours") }
                { option(ConflictChoice::TakeTheirs, Msg::ProdTheirs, "choice-theirs") }
                { option(ConflictChoice::KeepBoth, Msg::ProdBoth, "choice-both") }
            </div>
        </fieldset>
    }
}
