//! The form of one product: its name and internal id, then the product
//! questions the profile shows for the answers so far, each with its help.
//! Saving classifies it under the loaded rule set, today; a refusal (a
//! duplicate id, an empty name, an invalid answer) is the core's located
//! error, shown here, and nothing changes.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::super::{t, Msg};
use super::actions::ProductActions;
use super::question::ProductQuestion;
use super::state::Editing;
use super::{shown, Cx};
use crate::core::text::fill;
use crate::core::triage::profile::product_questions_by_section;

/// The questions to show, under their sections' titles (in the page's
/// language), in the rule set's order; sections with none shown are left out.
fn groups(cx: &Cx, shown: &[String]) -> Vec<(String, Vec<String>)> {
    let Ok(profile) = cx.profile.as_ref() else {
        return vec![];
    };
    product_questions_by_section(&cx.rules.0, profile)
        .into_iter()
        .filter_map(|(section, qs)| {
            let ids: Vec<String> = qs
                .into_iter()
                .filter(|q| shown.contains(&q.id))
                .map(|q| q.id.clone())
                .collect();
            (!ids.is_empty()).then(|| (section.title.get(cx.lang).to_string(), ids))
        })
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub cx: Cx,
    pub editing: Editing,
    pub busy: bool,
    pub error: Option<String>,
    pub actions: ProductActions,
}

#[component]
pub fn Editor(p: &EditorProps) -> Html {
    let lang = p.cx.lang;
    let e = &p.editing;
    let heading = match &e.original {
        Some(_) => fill(t(lang, Msg::ProdEditHeading), &[("name", &e.name)]),
        None => t(lang, Msg::ProdNewHeading).to_string(),
    };
    let input = |cb: &Callback<String>| {
        cb.reform(|ev: InputEvent| ev.target_unchecked_into::<HtmlInputElement>().value())
    };
    let onsubmit = p
        .actions
        .on_save
        .reform(|ev: SubmitEvent| ev.prevent_default());
    let cancel = p.actions.on_cancel_edit.reform(|_: MouseEvent| ());
    let groups = groups(&p.cx, &shown(&p.cx, &e.answers));
    let heading_ref = use_node_ref();
    {
        // Keyboard users land on the form it opened.
        let heading_ref = heading_ref.clone();
        use_effect_with(e.original.clone(), move |_| {
            if let Some(h) = heading_ref.cast::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        });
    }
    html! {
        <section class="ea-block" aria-labelledby="product-form-h" data-testid="product-form">
            <h3 id="product-form-h" tabindex="-1" ref={heading_ref}>{ heading }</h3>
            <form {onsubmit}>
                <div class="ea-q">
                    <label for="product-name" class="ea-label">{ t(lang, Msg::ProdName) }</label>
                    <input type="text" id="product-name" maxlength="200" required=true value={e.name.clone()} oninput={input(&p.actions.on_name)} data-testid="product-name" />
                </div>
                <div class="ea-q">
                    <label for="product-id" class="ea-label">{ t(lang, Msg::ProdId) }</label>
                    <input type="text" id="product-id" maxlength="100" required=true value={e.id.clone()} oninput={input(&p.actions.on_id)} data-testid="product-id" />
                </div>
                <h4>{ t(lang, Msg::ProdQuestions) }</h4>
                <p class="ea-muted">{ t(lang, Msg::ProdQuestionsHelp) }</p>
                { for groups.iter().map(|(title, qs)| html! {
                    <div key={title.clone()} class="ea-block">
                        <h5>{ title }</h5>
                        { for qs.iter().map(|q| html! {
                            <ProductQuestion key={q.clone()} {lang} rules={p.cx.rules.clone()} dest={p.cx.dest.clone()}
                                question={q.clone()} value={e.answers.get(q).cloned()} on_answer={p.actions.on_answer.clone()} />
                        }) }
                    </div>
                }) }
                if let Some(err) = &p.error {
                    <p class="ea-notice" role="alert" data-testid="product-error">{ format!("{}: {err}", t(lang, Msg::ProdSaveFailed)) }</p>
                }
                <div class="ea-actions">
                    <button type="submit" class="ea-primary" disabled={p.busy} data-testid="product-save">{ t(lang, Msg::ProdSave) }</button>
                    <button type="button" onclick={cancel} data-testid="product-cancel">{ t(lang, Msg::ProdCancel) }</button>
                </div>
            </form>
        </section>
    }
}
