//! The triage page (`#/triage`): a lead file chosen or dropped, its
//! columns mapped with a preview (`load.rs`), the triage run in the worker
//! with progress and cancel, then the table of leads by class with their
//! reasons, the export and each lead opened as a pre-filled assessment
//! (`table.rs`, `reasons.rs`). Its state is a reducer (`state.rs`), the
//! table's view pure (`view.rs`); requests go to the worker through the
//! host's client (`requests.rs`). The engine decides; the page shows.

mod load;
mod reasons;
mod requests;
mod state;
mod table;
mod view;

use std::rc::Rc;

use yew::prelude::*;

use super::shared::{Dest, Shared};
use super::{t, Client, LangCell, Msg};
use crate::core::outcome::Outcome;
use crate::core::text::Lang;
use crate::core::triage::TriageClass;
use state::{Action, TriageState};

#[derive(Properties, PartialEq, Clone)]
pub struct TriageProps {
    pub lang: LangCell,
    pub dest: Dest,
    pub client: Client,
}

#[component]
pub fn TriagePage(p: &TriageProps) -> Html {
    let state = use_reducer(|| TriageState::new(p.lang.get()));
    {
        let (cell, client, d) = (p.lang.clone(), p.client.clone(), state.dispatcher());
        use_effect_with((), move |_| {
            let dl = d.clone();
            cell.listen(Callback::from(move |l| dl.dispatch(Action::Lang(l))));
            requests::run(&d, requests::settings(client));
        });
    }
    requests::use_work(&p.client, state.dispatcher());
    let shared = Shared {
        lang: state.lang,
        dest: p.dest.clone(),
        client: p.client.clone(),
    };
    let s = &*state;
    html! {
        <ContextProvider<Shared> context={shared}>
            <div class="ea-screening-page ea-triage-page" lang={s.lang.code()} data-testid="triage-page">
                <p class="ea-small">
                    <a href="#screening" data-testid="to-screening">{ t(s.lang, Msg::TriToScreening) }</a>{ " · " }
                    <a href="#/products" data-testid="to-products">{ t(s.lang, Msg::ProdToProducts) }</a>
                </p>
                <h2 class="ea-h2">{ t(s.lang, Msg::TriHeading) }</h2>
                <p class="ea-muted">{ t(s.lang, Msg::TriIntro) }</p>
                <load::LoadSection state={Rc::new(s.clone())} d={state.dispatcher()} />
                if let Some(e) = &s.error {
                    <p class="ea-notice" role="alert" data-testid="triage-error">{ format!("{}: {e}", t(s.lang, Msg::TriError)) }</p>
                }
                if !s.rows.0.is_empty() {
                    <table::TriageTable state={Rc::new(s.clone())} d={state.dispatcher()} />
                }
            </div>
        </ContextProvider<Shared>>
    }
}

/// The class in words.
pub fn class_name(lang: Lang, c: TriageClass) -> &'static str {
    t(
        lang,
        match c {
            TriageClass::Stop => Msg::TriClassStop,
            TriageClass::LicenceNeeded => Msg::TriClassLicenceNeeded,
            TriageClass::Assess => Msg::TriClassAssess,
            TriageClass::LowRisk => Msg::TriClassLowRisk,
            TriageClass::NotInScope => Msg::TriClassNotInScope,
        },
    )
}

/// A shape per class, so that colour is never the only signal.
pub fn class_icon(c: TriageClass) -> &'static str {
    match c {
        TriageClass::Stop => "✖",
        TriageClass::LicenceNeeded => "▲",
        TriageClass::Assess => "◆",
        TriageClass::LowRisk => "✔",
        TriageClass::NotInScope => "○",
    }
}

/// An assessment's outcome in words.
pub fn outcome_name(lang: Lang, o: Outcome) -> &'static str {
    t(
        lang,
        match o {
            Outcome::Prohibited => Msg::TriOutcomeProhibited,
            Outcome::AuthorisationRequired => Msg::TriOutcomeAuthorisationRequired,
            Outcome::NotifyAuthority => Msg::TriOutcomeNotifyAuthority,
            Outcome::Incomplete => Msg::TriOutcomeIncomplete,
            Outcome::Escalate => Msg::TriOutcomeEscalate,
            Outcome::ProceedDocumented => Msg::TriOutcomeProceedDocumented,
            Outcome::NotInScope => Msg::TriOutcomeNotInScope,
        },
    )
}

/// Mounts the triage page inside `element`.
pub fn mount(
    element: web_sys::Element,
    lang: Lang,
    destinations: crate::core::destinations::Destinations,
    client: crate::web::ScreeningClient,
) -> (yew::AppHandle<TriagePage>, LangCell) {
    let cell = LangCell::default();
    cell.set(lang);
    let props = TriageProps {
        lang: cell.clone(),
        dest: Dest(Rc::new(destinations)),
        client: Client(Rc::new(client)),
    };
    (
        yew::Renderer::<TriagePage>::with_root_and_props(element, props).render(),
        cell,
    )
}
