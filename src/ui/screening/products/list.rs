//! The list of products: name, internal id, the rule-set version each was
//! classified under, the day, and whether it needs a review (in words:
//! classified under another rule set than the one loaded), with edit,
//! duplicate and delete (asked to confirm first).

use std::rc::Rc;

use yew::prelude::*;

use super::super::{t, Msg};
use super::actions::ProductActions;
use super::Cx;
use crate::core::text::fill;
use crate::core::triage::catalogue::{Catalogue, Product};

#[derive(Properties, PartialEq)]
pub struct ListProps {
    pub cx: Cx,
    pub catalogue: Rc<Catalogue>,
    /// The product whose delete waits for a confirmation.
    pub confirm: Option<String>,
    pub busy: bool,
    pub actions: ProductActions,
}

#[component]
pub fn ProductList(p: &ListProps) -> Html {
    let lang = p.cx.lang;
    let n = p.catalogue.products.len().to_string();
    let add = p.actions.on_add.reform(|_: MouseEvent| ());
    html! {
        <section class="ea-block" aria-labelledby="products-list-h">
            <h3 id="products-list-h">{ fill(t(lang, Msg::ProdListHeading), &[("count", &n)]) }</h3>
            <div class="ea-row">
                <button type="button" class="ea-primary" onclick={add} disabled={p.busy} data-testid="product-add">{ t(lang, Msg::ProdAdd) }</button>
            </div>
            if p.catalogue.products.is_empty() {
                <p data-testid="products-empty">{ t(lang, Msg::ProdEmpty) }</p>
            } else {
                <table class="ea-table ea-stack" data-testid="products-table">
                    <thead>
                        <tr>
                            <th scope="col">{ t(lang, Msg::ProdColName) }</th>
                            <th scope="col">{ t(lang, Msg::ProdColId) }</th>
                            <th scope="col">{ t(lang, Msg::ProdColRuleSet) }</th>
                            <th scope="col">{ t(lang, Msg::ProdColDate) }</th>
                            <th scope="col">{ t(lang, Msg::ProdColReview) }</th>
                            <th scope="col">{ t(lang, Msg::ProdColActions) }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for p.catalogue.products.iter().map(|prod| html! {
                            <Row key={prod.id.clone()} cx={p.cx.clone()} product={prod.clone()}
                                confirm={p.confirm.as_deref() == Some(prod.id.as_str())} busy={p.busy} actions={p.actions.clone()} />
                        }) }
                    </tbody>
                </table>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    cx: Cx,
    product: Product,
    confirm: bool,
    busy: bool,
    actions: ProductActions,
}

#[component]
fn Row(p: &RowProps) -> Html {
    let lang = p.cx.lang;
    let prod = &p.product;
    let review = prod.needs_review(&p.cx.rules.0);
    let id = prod.id.clone();
    let on = |cb: &Callback<String>| {
        let (cb, id) = (cb.clone(), id.clone());
        Callback::from(move |_: MouseEvent| cb.emit(id.clone()))
    };
    let ask = {
        let (cb, id) = (p.actions.on_ask_delete.clone(), id.clone());
        Callback::from(move |_: MouseEvent| cb.emit(Some(id.clone())))
    };
    let keep = p.actions.on_ask_delete.reform(|_: MouseEvent| None);
    // The question takes the focus from the button that asked it.
    let keep_ref = use_node_ref();
    {
        let keep_ref = keep_ref.clone();
        use_effect_with(p.confirm, move |confirm| {
            if let Some(b) = keep_ref.cast::<web_sys::HtmlElement>().filter(|_| *confirm) {
                let _ = b.focus();
            }
        });
    }
    let hidden_name =
        html! { <span class="ea-visually-hidden">{ format!(": {}", prod.name) }</span> };
    let status = if review {
        fill(
            t(lang, Msg::ProdNeedsReview),
            &[(
                "version",
                &format!("{} {}", prod.rule_set, prod.rule_set_version),
            )],
        )
    } else {
        t(lang, Msg::ProdCurrent).to_string()
    };
    html! {
        <tr data-testid="product-row" data-id={prod.id.clone()}>
            <td data-label={t(lang, Msg::ProdColName)}>{ &prod.name }</td>
            <td data-label={t(lang, Msg::ProdColId)}><code>{ &prod.id }</code></td>
            <td data-label={t(lang, Msg::ProdColRuleSet)}>{ &prod.rule_set_version }</td>
            <td data-label={t(lang, Msg::ProdColDate)}>{ &prod.classified_on }</td>
            <td data-label={t(lang, Msg::ProdColReview)} data-testid="product-review" class={review.then_some("ea-notice-text")}>
                if review { <strong>{ status }</strong> } else { { status } }
            </td>
            <td data-label={t(lang, Msg::ProdColActions)}>
                if p.confirm {
                    <div role="group" aria-label={t(lang, Msg::ProdDelete)} data-testid="product-confirm">
                        <p>{ fill(t(lang, Msg::ProdDeleteConfirm), &[("name", &prod.name), ("id", &prod.id)]) }</p>
                        <button type="button" onclick={on(&p.actions.on_delete)} disabled={p.busy} data-testid="product-delete-yes">{ t(lang, Msg::ProdDeleteYes) }</button>
                        <button type="button" ref={keep_ref} onclick={keep} data-testid="product-delete-no">{ t(lang, Msg::ProdDeleteNo) }</button>
                    </div>
                } else {
                    <div class="ea-inline">
                        <button type="button" onclick={on(&p.actions.on_edit)} disabled={p.busy} data-testid="product-edit">{ t(lang, Msg::ProdEdit) }{ hidden_name.clone() }</button>
                        <button type="button" onclick={on(&p.actions.on_duplicate)} disabled={p.busy} data-testid="product-duplicate">{ t(lang, Msg::ProdDuplicate) }{ hidden_name.clone() }</button>
                        <button type="button" onclick={ask} disabled={p.busy} data-testid="product-delete">{ t(lang, Msg::ProdDelete) }{ hidden_name }</button>
                    </div>
                }
            </td>
        </tr>
    }
}
