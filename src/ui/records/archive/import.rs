//! Importing an archive file: nothing changes until the user has seen what
//! the file holds (new, identical, conflicting) and chosen, per conflict,
//! keep both, replace or skip. A bad file gets its error and changes nothing.

use std::rc::Rc;

use web_sys::{File, HtmlSelectElement};
use yew::prelude::*;

use crate::core::session::{Archive, ConflictChoice, ImportPlan, SavedWork};
use crate::core::text::fill;
use crate::core::Lang;
use crate::ui::browser;
use crate::ui::context::Shared;
use crate::ui::drop_zone::DropZone;
use crate::ui::i18n::{t, Msg};

#[derive(Clone, PartialEq)]
enum Stage {
    Idle,
    Failed(String),
    /// The plan and the choice per conflict.
    Preview(Rc<ImportPlan>, Vec<ConflictChoice>),
}

/// What the import adds or replaces, as the user chose: the plan applied
/// to a copy of the archive (copies of conflicting ones get new ids), the
/// assessments it touched in the saved-work format.
fn chosen(archive: &Archive, plan: &ImportPlan, choices: &[ConflictChoice], lang: Lang) -> String {
    let mut merged = archive.clone();
    let mut n = 0;
    let ids = merged.apply(plan, choices, &mut |id| {
        n = u32::saturating_add(n, 1);
        format!("{id}-import-{n}")
    });
    let drafts = ids
        .iter()
        .filter_map(|id| merged.get(id).cloned())
        .collect();
    SavedWork::new(lang, None, &Archive { drafts }).to_json()
}

#[derive(Properties, PartialEq)]
pub struct ImportProps {
    pub lang: Lang,
    pub archive: Rc<Archive>,
    /// The assessments to add or replace, in the saved-work format.
    pub on_import: Callback<String>,
}

#[component]
pub fn Import(p: &ImportProps) -> Html {
    let lang = p.lang;
    let stage = use_state(|| Stage::Idle);
    let shared = use_context::<Shared>();
    let on_files = {
        let (stage, archive) = (stage.clone(), p.archive.clone());
        Callback::from(move |files: Vec<File>| {
            let (Some(file), Some(shared)) = (files.into_iter().next(), shared.clone()) else {
                return;
            };
            let (stage, archive) = (stage.clone(), archive.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let plan = browser::read_file(file).await.and_then(|bytes| {
                    archive
                        .plan_import(&bytes, &shared.rules, &shared.dest)
                        .map_err(|e| e.to_string())
                });
                stage.set(match plan {
                    Ok(plan) => {
                        let n = plan.conflicts.len();
                        Stage::Preview(Rc::new(plan), vec![ConflictChoice::KeepBoth; n])
                    }
                    Err(e) => Stage::Failed(format!("{name}: {e}")),
                });
            });
        })
    };
    let body = match &*stage {
        Stage::Idle => html! {},
        Stage::Failed(e) => {
            html! { <p class="ea-notice" role="alert" data-testid="import-error">{ e }</p> }
        }
        Stage::Preview(plan, choices) => {
            let apply = {
                let (stage, plan, choices, cb) = (
                    stage.clone(),
                    plan.clone(),
                    choices.clone(),
                    p.on_import.clone(),
                );
                let (archive, lang) = (p.archive.clone(), lang);
                Callback::from(move |_: MouseEvent| {
                    cb.emit(chosen(&archive, &plan, &choices, lang));
                    stage.set(Stage::Idle)
                })
            };
            let cancel = {
                let stage = stage.clone();
                Callback::from(move |_: MouseEvent| stage.set(Stage::Idle))
            };
            let conflicts = plan.conflicts.iter().enumerate().map(|(i, d)| {
                let (stage, plan, choices) = (stage.clone(), plan.clone(), choices.clone());
                let onchange = Callback::from(move |e: Event| {
                    let mut c = choices.clone();
                    if let Some(slot) = c.get_mut(i) {
                        *slot = match e
                            .target_unchecked_into::<HtmlSelectElement>()
                            .value()
                            .as_str()
                        {
                            "replace" => ConflictChoice::Replace,
                            "skip" => ConflictChoice::Skip,
                            _ => ConflictChoice::KeepBoth,
                        };
                    }
                    stage.set(Stage::Preview(plan.clone(), c));
                });
                html! { <li key={d.id.clone()}><label>{ format!("{} ({}) ", d.item_name(), d.id) }
                <select {onchange} data-testid="import-choice">
                    <option value="both" selected=true>{ t(lang, Msg::KeepBoth) }</option>
                    <option value="replace">{ t(lang, Msg::Replace) }</option>
                    <option value="skip">{ t(lang, Msg::Skip) }</option>
                </select></label></li> }
            });
            let n = |k: usize| k.to_string();
            html! {
                <div class="ea-import-preview" data-testid="import-preview">
                    <p>{ fill(t(lang, Msg::ImportSummary), &[("new", &n(plan.add.len())), ("same", &n(plan.unchanged.len())), ("conflicts", &n(plan.conflicts.len()))]) }</p>
                    if !plan.conflicts.is_empty() {
                        <p>{ t(lang, Msg::ImportConflicts) }</p>
                        <ul data-testid="import-conflicts">{ for conflicts }</ul>
                    }
                    <p class="ea-actions">
                        <button type="button" class="ea-primary" onclick={apply} data-testid="import-apply">{ t(lang, Msg::ImportApply) }</button>
                        <button type="button" onclick={cancel} data-testid="import-cancel">{ t(lang, Msg::Cancel) }</button>
                    </p>
                </div>
            }
        }
    };
    html! {
        <section class="ea-import" aria-labelledby="import-title">
            <h3 id="import-title" class="ea-h3">{ t(lang, Msg::ImportTitle) }</h3>
            <DropZone label={t(lang, Msg::ImportChoose)} hint={t(lang, Msg::ImportDrop)} testid="import-drop"
                input_testid="import-file" accept=".json,application/json" enabled=true {on_files} />
            { body }
        </section>
    }
}
