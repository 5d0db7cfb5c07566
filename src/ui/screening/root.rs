//! The screening app's root: the pages it shows by the address (`#screening`,
//! `#/products`), a navigation between them, and the language the host sets.
//! The screening page stays mounted (hidden) while another page shows, so a
//! running batch and its table survive a visit elsewhere.

use yew::prelude::*;

use super::page::ScreeningPage;
use super::products::ProductsPage;
use super::shared::Dest;
use super::{t, Client, LangCell, Msg, Rules};
use crate::core::text::Lang;
use crate::ui::browser;

#[derive(Properties, PartialEq, Clone)]
pub struct RootProps {
    pub lang: LangCell,
    pub rules: Rules,
    pub dest: Dest,
    pub client: Client,
}

/// The pages of the screening app, by the address fragment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Screening,
    Products,
}

impl Route {
    pub fn of(hash: &str) -> Route {
        match hash.trim_start_matches('#') {
            "/products" => Route::Products,
            _ => Route::Screening,
        }
    }
}

#[component]
pub fn ScreeningRoot(p: &RootProps) -> Html {
    let route = use_state(|| Route::of(&browser::hash()));
    let lang = use_state(|| p.lang.get());
    {
        let (route, lang, cell) = (route.clone(), lang.clone(), p.lang.clone());
        use_effect_with((), move |_| {
            cell.listen(Callback::from(move |l| lang.set(l)));
            let watch = browser::watch_hash(move |h| route.set(Route::of(&h)));
            move || drop(watch)
        });
    }
    let (route, lang) = (*route, *lang);
    html! {
        <>
            <PagesNav {lang} {route} />
            <div hidden={route != Route::Screening}>
                <ScreeningPage lang={p.lang.clone()} dest={p.dest.clone()} client={p.client.clone()} />
            </div>
            if route == Route::Products {
                <ProductsPage {lang} rules={p.rules.clone()} dest={p.dest.clone()} client={p.client.clone()} />
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct NavProps {
    lang: Lang,
    route: Route,
}

/// Links between the screening app's pages; the current one is marked.
#[component]
fn PagesNav(p: &NavProps) -> Html {
    let link = |href: &'static str, to: Route, label: Msg, id: &'static str| {
        let current = (p.route == to).then_some("page");
        html! {
            <a class="ea-tab" {href} aria-current={current} data-testid={id}>{ t(p.lang, label) }</a>
        }
    };
    html! {
        <nav class="ea-tabs ea-subnav" aria-label={t(p.lang, Msg::PagesNav)} lang={p.lang.code()}>
            { link("#screening", Route::Screening, Msg::PageScreening, "page-screening") }
            { link("#/products", Route::Products, Msg::PageProducts, "page-products") }
        </nav>
    }
}
