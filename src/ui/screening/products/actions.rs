//! What the products page's components can ask for, one typed callback per
//! intent. Each builds the next catalogue (`state.rs`), sends it to the
//! worker (`requests.rs`) and dispatches what comes back; the form's edits
//! and the import's choices only change the page's state.

use std::future::Future;

use web_sys::File;
use yew::prelude::*;

use super::requests::{read_import, store, today};
use super::state::{self, Action, Done, Editing, ProductsState};
use super::{shown, Cx};
use crate::core::answers::AnswerValue;
use crate::core::text::fill;
use crate::core::triage::catalogue::ConflictChoice;
use crate::ui::browser;

use super::super::{t, Client, Msg};

#[derive(Clone, PartialEq)]
pub struct ProductActions {
    pub on_add: Callback<()>,
    /// A product's id.
    pub on_edit: Callback<String>,
    pub on_duplicate: Callback<String>,
    /// Some(id): ask to delete it; None: the user kept it.
    pub on_ask_delete: Callback<Option<String>>,
    pub on_delete: Callback<String>,
    pub on_name: Callback<String>,
    pub on_id: Callback<String>,
    pub on_answer: Callback<(String, Option<AnswerValue>)>,
    pub on_save: Callback<()>,
    pub on_cancel_edit: Callback<()>,
    pub on_export: Callback<()>,
    pub on_import: Callback<File>,
    pub on_choose: Callback<(String, ConflictChoice)>,
    pub on_apply: Callback<()>,
    pub on_cancel_import: Callback<()>,
}

fn run(s: &UseReducerHandle<ProductsState>, request: impl Future<Output = Action> + 'static) {
    let d = s.dispatcher();
    wasm_bindgen_futures::spawn_local(async move { d.dispatch(request.await) });
}

pub fn actions(cx: &Cx, client: &Client, s: &UseReducerHandle<ProductsState>) -> ProductActions {
    // Sends `next` to the worker, as the change `done`.
    let send = {
        let (cx, client, s) = (cx.clone(), client.clone(), s.clone());
        move |next, done| {
            s.dispatch(Action::Saving);
            run(&s, store(client.clone(), cx.clone(), next, Some(done)));
        }
    };
    let on_edit = {
        let s = s.clone();
        Callback::from(move |id: String| {
            let e = s
                .catalogue
                .products
                .iter()
                .find(|p| p.id == id)
                .map(state::editing);
            s.dispatch(Action::Edit(e));
        })
    };
    let on_duplicate = {
        let (s, send, lang) = (s.clone(), send.clone(), cx.lang);
        Callback::from(move |id: String| {
            let copy = |n: &str| fill(t(lang, Msg::ProdCopyName), &[("name", n)]);
            if let Some((next, new_id)) = state::duplicated(&s.catalogue, &id, copy) {
                send(next, Done::Duplicated(new_id));
            }
        })
    };
    let on_delete = {
        let (s, send) = (s.clone(), send.clone());
        Callback::from(move |id: String| {
            let name = s
                .catalogue
                .products
                .iter()
                .find(|p| p.id == id)
                .map(|p| p.name.clone());
            send(
                state::deleted(&s.catalogue, &id),
                Done::Deleted(name.unwrap_or(id)),
            );
        })
    };
    let on_save = {
        let (s, send, cx) = (s.clone(), send.clone(), cx.clone());
        Callback::from(move |()| {
            if let Some(e) = &s.editing {
                let next = state::saved(
                    &s.catalogue,
                    e,
                    &cx.rules.0,
                    &shown(&cx, &e.answers),
                    &today(),
                );
                send(next, Done::Saved(e.name.trim().to_string()));
            }
        })
    };
    let on_apply = {
        let (s, send) = (s.clone(), send.clone());
        Callback::from(move |()| {
            if let Some(i) = &s.import {
                let mut next = (*s.catalogue).clone();
                let choices: Vec<(String, ConflictChoice)> =
                    i.choices.iter().map(|(k, v)| (k.clone(), *v)).collect();
                next.apply_import(&i.plan, &choices);
                let n = next.products.len();
                send(next, Done::Imported(n));
            }
        })
    };
    let on_import = {
        let (s, cx) = (s.clone(), cx.clone());
        Callback::from(move |f: File| run(&s, read_import(f, cx.clone(), s.catalogue.clone())))
    };
    let on_export = {
        let s = s.clone();
        Callback::from(move |()| {
            let name = format!("products-{}.json", today());
            browser::download(&name, "application/json", &s.catalogue.to_json());
        })
    };
    let d = s.dispatcher().to_callback();
    ProductActions {
        on_add: d.reform(|()| Action::Edit(Some(Editing::default()))),
        on_edit,
        on_duplicate,
        on_ask_delete: d.reform(Action::AskDelete),
        on_delete,
        on_name: d.reform(Action::Name),
        on_id: d.reform(Action::Id),
        on_answer: d.reform(|(q, v)| Action::Answer(q, v)),
        on_save,
        on_cancel_edit: d.reform(|()| Action::Edit(None)),
        on_export,
        on_import,
        on_choose: d.reform(|(id, c)| Action::Choose(id, c)),
        on_apply,
        on_cancel_import: d.reform(|()| Action::CancelImport),
    }
}
