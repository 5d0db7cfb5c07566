//! The products page (`#/products`): the company's product catalogue, each
//! product classified once by answering the triage profile's product
//! questions. A list with the review flag (`list.rs`), the form
//! (`editor.rs`, questions by `question.rs`), export and import with a
//! preview (`transfer.rs`). The catalogue lives in the screening worker,
//! which validates and stores every change; the page sends it the whole
//! catalogue (`requests.rs`, `actions.rs`) and keeps its state in a reducer
//! (`state.rs`).

mod actions;
mod editor;
mod list;
mod question;
mod requests;
mod state;
mod transfer;

use std::rc::Rc;

use yew::prelude::*;

use super::shared::Dest;
use super::{t, Client, LangCell, Msg};
use crate::core::answers::Answers;
use crate::core::destinations::Destinations;
use crate::core::ruleset::RuleSet;
use crate::core::text::{fill, Lang};
use crate::core::triage::profile::{TriageProfile, DEFAULT_JSON};
use state::{Done, ErrorKind, Load, ProductsState};

/// The rule set (for the product questions), shared by pointer.
#[derive(Clone)]
pub struct Rules(pub Rc<RuleSet>);

impl PartialEq for Rules {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Mounts the products page in `element` (beside the other apps, never
/// inside them); the returned cell follows the host's language.
pub fn mount(
    element: web_sys::Element,
    lang: Lang,
    rules: RuleSet,
    destinations: Destinations,
    client: crate::web::ScreeningClient,
) -> (yew::AppHandle<ProductsPage>, LangCell) {
    let cell = LangCell::default();
    cell.set(lang);
    let props = ProductsProps {
        lang: cell.clone(),
        rules: Rules(Rc::new(rules)),
        dest: Dest(Rc::new(destinations)),
        client: Client(Rc::new(client)),
    };
    (
        yew::Renderer::<ProductsPage>::with_root_and_props(element, props).render(),
        cell,
    )
}

#[derive(Properties, PartialEq, Clone)]
pub struct ProductsProps {
    pub lang: LangCell,
    pub rules: Rules,
    pub dest: Dest,
    pub client: Client,
}

/// What the page's parts read: the language, the rule set, the destination
/// data and the triage profile (or why it could not be read).
#[derive(Clone)]
pub struct Cx {
    pub lang: Lang,
    pub rules: Rules,
    pub dest: Dest,
    pub profile: Rc<Result<TriageProfile, String>>,
}

impl PartialEq for Cx {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && self.rules == other.rules
            && self.dest == other.dest
            && Rc::ptr_eq(&self.profile, &other.profile)
    }
}

/// The product questions to show for `answers`, in the profile's order
/// (the core decides: shown unless hidden for every destination).
pub fn shown(cx: &Cx, answers: &Answers) -> Vec<String> {
    match cx.profile.as_ref() {
        Ok(p) => p
            .product_questions_shown(&cx.rules.0, &cx.dest.0, answers)
            .into_iter()
            .filter_map(|(q, shown)| shown.then_some(q))
            .collect(),
        Err(_) => vec![],
    }
}

#[component]
pub fn ProductsPage(p: &ProductsProps) -> Html {
    let profile = use_memo(p.rules.clone(), |r| {
        TriageProfile::parse(DEFAULT_JSON, &r.0).map_err(|e| e.to_string())
    });
    let lang = use_state(|| p.lang.get());
    {
        let (cell, lang) = (p.lang.clone(), lang.clone());
        use_effect_with((), move |_| {
            cell.listen(Callback::from(move |l| lang.set(l)))
        });
    }
    let cx = Cx {
        lang: *lang,
        rules: p.rules.clone(),
        dest: p.dest.clone(),
        profile,
    };
    let state = use_reducer(ProductsState::default);
    {
        let (client, cx, d) = (p.client.clone(), cx.clone(), state.dispatcher());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                d.dispatch(requests::load(client, cx).await);
            });
        });
    }
    let a = actions::actions(&cx, &p.client, &state);
    let lang = cx.lang;
    let s = &*state;
    html! {
        <div class="ea-screening-page" lang={lang.code()} data-testid="products-page">
            <p class="ea-small">
                <a href="#screening" data-testid="products-to-screening">{ t(lang, Msg::TriToScreening) }</a>{ " · " }
                <a href="#/triage" data-testid="products-to-triage">{ t(lang, Msg::TriToTriage) }</a>
            </p>
            <h2 class="ea-h2">{ t(lang, Msg::ProdHeading) }</h2>
            <p class="ea-muted">{ t(lang, Msg::ProdIntro) }</p>
            if let Err(e) = cx.profile.as_ref() {
                <p class="ea-notice" role="alert">{ format!("{}: {e}", t(lang, Msg::ProdProfileFailed)) }</p>
            }
            <Notices {lang} state={state.clone()} />
            if s.load == Load::Ready {
                <list::ProductList cx={cx.clone()} catalogue={s.catalogue.clone()} confirm={s.confirm_delete.clone()} busy={s.busy} actions={a.clone()} />
                if let Some(e) = &s.editing {
                    <editor::Editor cx={cx.clone()} editing={e.clone()} busy={s.busy}
                        error={s.error.clone().filter(|(k, _)| *k == ErrorKind::Save).map(|(_, m)| m)} actions={a.clone()} />
                }
                <transfer::Transfer cx={cx.clone()} import={s.import.clone()} busy={s.busy}
                    error={s.error.clone().filter(|(k, _)| *k == ErrorKind::Import).map(|(_, m)| m)} actions={a.clone()} />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct NoticesProps {
    lang: Lang,
    state: UseReducerHandle<ProductsState>,
}

/// Loading, a failed load, what the last change did, a refused change
/// outside the form, storage for this session only.
#[component]
fn Notices(p: &NoticesProps) -> Html {
    let lang = p.lang;
    let s = &*p.state;
    let done = s.done.as_ref().map(|d| match d {
        Done::Saved(n) => fill(t(lang, Msg::ProdSaved), &[("name", n)]),
        Done::Deleted(n) => fill(t(lang, Msg::ProdDeleted), &[("name", n)]),
        Done::Duplicated(id) => fill(t(lang, Msg::ProdDuplicated), &[("id", id)]),
        Done::Imported(n) => fill(t(lang, Msg::ProdImported), &[("count", &n.to_string())]),
        Done::NothingNew(f) => fill(t(lang, Msg::ProdNothingNew), &[("file", f)]),
    });
    let save_error = s
        .error
        .as_ref()
        .filter(|(k, _)| *k == ErrorKind::Save && s.editing.is_none());
    html! {
        <>
            if s.load == Load::Loading {
                <p role="status">{ t(lang, Msg::ProdLoading) }</p>
            }
            if let Load::Failed(e) = &s.load {
                <p class="ea-notice" role="alert" data-testid="products-load-failed">{ format!("{}: {e}", t(lang, Msg::ProdLoadFailed)) }</p>
            }
            <p role="status" data-testid="products-status">{ done.unwrap_or_default() }</p>
            if matches!(s.error, Some((ErrorKind::Conflict, _))) {
                <p class="ea-notice" role="alert" data-testid="products-conflict">{ t(lang, Msg::ProdConflict) }</p>
            }
            if let Some((_, e)) = save_error {
                <p class="ea-notice" role="alert" data-testid="products-error">{ format!("{}: {e}", t(lang, Msg::ProdSaveFailed)) }</p>
            }
            if !s.stored {
                <p class="ea-notice" role="alert">{ t(lang, Msg::ProdNotStored) }</p>
            }
        </>
    }
}
