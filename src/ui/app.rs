//! The root component: the page frame, the reducer, autosave.

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::browser;
use super::i18n::{t, Lang, Msg};
use super::markup::Markup;
use super::party::Engine;
use super::questions::{section_nav, DraftProps, SectionView};
use super::result::ResultPanel;
use super::state::{Action, State, StorageStatus};
use crate::core::evaluate::evaluate;
use crate::core::screening::record;
use crate::core::session::Archive;
use crate::core::{Destinations, RuleSet, PRODUCT_NAME};

/// The rule set and destination data, shared read-only by all components.
#[derive(Clone)]
pub struct Shared {
    pub rules: Rc<RuleSet>,
    pub dest: Rc<Destinations>,
}

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.rules, &other.rules) && Rc::ptr_eq(&self.dest, &other.dest)
    }
}

/// Where the host delivers screening results: the app puts its handler
/// here when it starts.
#[derive(Clone, Default)]
pub struct Inbox(pub Rc<RefCell<Option<Callback<String>>>>);

impl PartialEq for Inbox {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The host's screening engine, when the page runs one: `request` takes a
/// screening request (JSON; empty when there is nothing to screen), and
/// the answers arrive through `inbox`.
#[derive(Clone, PartialEq)]
pub struct ScreeningHost {
    pub request: Callback<String>,
    pub inbox: Inbox,
}

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    pub shared: Shared,
    /// The browser's language, used when nothing was saved.
    pub lang: Lang,
    /// Told the outcome name whenever it changes (for embedding hosts).
    #[prop_or_default]
    pub on_outcome: Option<Callback<Option<String>>>,
    #[prop_or_default]
    pub screening: Option<ScreeningHost>,
}

fn initial(props: &AppProps) -> State {
    let available = browser::storage_available();
    let saved = if available { browser::load() } else { None };
    let (lang, current, archive) = match saved {
        Some(s) => (s.lang, s.current, s.archive),
        None => (props.lang, None, Archive::default()),
    };
    let current = current.filter(|id| archive.get(id).is_some());
    let engine = if props.screening.is_some() {
        Engine::Ready
    } else {
        Engine::Absent
    };
    State {
        lang,
        archive,
        current,
        storage: if available {
            StorageStatus::Ok
        } else {
            StorageStatus::Unavailable
        },
        focus: None,
        engine,
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let state = use_reducer(|| initial(props));
    let shared = props.shared.clone();
    let lang = state.lang;

    // Autosave on every change of the work; a refusal is shown, not fatal.
    {
        let state = state.clone();
        let deps = (state.archive.clone(), state.current.clone(), state.lang);
        use_effect_with(deps, move |(archive, current, lang)| {
            if state.storage != StorageStatus::Unavailable {
                let saved = browser::Saved {
                    lang: *lang,
                    current: current.clone(),
                    archive: archive.clone(),
                };
                let status = if browser::save(&saved) {
                    StorageStatus::Ok
                } else {
                    StorageStatus::Failed
                };
                if status != state.storage {
                    state.dispatch(Action::Storage(status));
                }
            }
        });
    }
    // Keyboard focus after jumping to a missing answer.
    {
        let state = state.clone();
        use_effect_with(state.focus.clone(), move |focus| {
            if let Some(q) = focus {
                browser::focus(q);
                state.dispatch(Action::FocusDone);
            }
        });
    }

    // Screening: results arrive through the inbox; a request goes out
    // whenever the parties (or the language) of the open draft change.
    {
        let state = state.clone();
        let host = props.screening.clone();
        use_effect_with((), move |_| {
            if let Some(h) = host {
                *h.inbox.0.borrow_mut() = Some(Callback::from(move |message: String| {
                    state.dispatch(Action::Screened {
                        message,
                        now: browser::now(),
                    })
                }));
            }
        });
    }
    let request = state
        .draft()
        .and_then(|d| record::request(&shared.rules, &d.answers, lang, &d.id))
        .map(|r| r.canonical(None))
        .unwrap_or_default();
    {
        let host = props.screening.clone();
        use_effect_with(request, move |request| {
            if let Some(h) = host {
                h.request.emit(request.clone());
            }
        });
    }

    let draft = state.draft().cloned();
    let assessment = draft.as_ref().map(|d| {
        Rc::new(evaluate(
            &shared.rules,
            &shared.dest,
            &d.effective_answers(&shared.rules, &shared.dest),
        ))
    });
    {
        let on_outcome = props.on_outcome.clone();
        let name = assessment.as_ref().map(|a| a.outcome.name().to_string());
        use_effect_with(name, move |name| {
            if let Some(cb) = on_outcome {
                cb.emit(name.clone());
            }
        });
    }

    let on_lang = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            if let Some(l) =
                Lang::from_code(&e.target_unchecked_into::<HtmlSelectElement>().value())
            {
                state.dispatch(Action::SetLang(l));
            }
        })
    };
    let on_open = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let id = e.target_unchecked_into::<HtmlSelectElement>().value();
            if !id.is_empty() {
                browser::show_assessment();
                state.dispatch(Action::Open(id));
            }
        })
    };
    let new_assessment = {
        let state = state.clone();
        let first = shared
            .rules
            .sections
            .first()
            .map(|s| s.id.clone())
            .unwrap_or_default();
        Callback::from(move |_| {
            browser::show_assessment();
            state.dispatch(Action::New {
                id: browser::new_id(),
                now: browser::now(),
                first_section: first.clone(),
            })
        })
    };
    let dispatch = {
        let state = state.clone();
        Callback::from(move |a: Action| state.dispatch(a))
    };

    // Static parts as markup (see `markup.rs`): the brand, the storage
    // notice, the footer.
    let mut brand = Markup::new();
    brand
        .raw("<div class=\"ea-brand\">")
        .el("p", "class=\"ea-title\"", PRODUCT_NAME)
        .el("p", "class=\"ea-tagline\"", t(lang, Msg::Tagline))
        .raw("</div>");
    let mut notice = Markup::new();
    match state.storage {
        StorageStatus::Ok => {}
        StorageStatus::Unavailable => {
            notice.el(
                "p",
                "class=\"ea-notice\" role=\"alert\" data-testid=\"storage-notice\"",
                t(lang, Msg::StorageUnavailable),
            );
        }
        StorageStatus::Failed => {
            notice.el(
                "p",
                "class=\"ea-notice\" role=\"alert\" data-testid=\"storage-notice\"",
                t(lang, Msg::StorageFailed),
            );
        }
    }
    let mut tabs = Markup::new();
    if props.screening.is_some() {
        tabs.raw("<a class=\"ea-tab\" href=\"#assessment\" data-testid=\"tab-assessment\">")
            .text(t(lang, Msg::TabAssessment));
        tabs.raw("</a><a class=\"ea-tab\" href=\"#screening\" data-testid=\"tab-screening\">")
            .text(t(lang, Msg::TabScreening))
            .raw("</a>");
    }
    let mut footer = Markup::new();
    footer
        .raw("<footer class=\"ea-footer\" data-testid=\"privacy-footer\"><p>")
        .el("strong", "", t(lang, Msg::FooterPrivacy))
        .raw("</p>");
    footer
        .el("p", "class=\"ea-muted\"", t(lang, Msg::FooterDisclaimer))
        .raw("</footer>");

    let main = match (&draft, &assessment) {
        (Some(d), Some(a)) => html! {
            <div class="ea-workspace">
                { section_nav(&DraftProps { shared: shared.clone(), lang, draft: d.clone(), assessment: a.clone(), dispatch: dispatch.clone(), engine: state.engine.clone() }) }
                <SectionView shared={shared.clone()} {lang} draft={d.clone()} assessment={a.clone()} dispatch={dispatch.clone()} engine={state.engine.clone()} />
                <ResultPanel shared={shared.clone()} {lang} draft={d.clone()} assessment={a.clone()} {dispatch} engine={state.engine.clone()} />
            </div>
        },
        _ => html! {
            <div class="ea-empty">
                <p>{ t(lang, Msg::NoAssessment) }</p>
                <button type="button" class="ea-primary" onclick={new_assessment.clone()} data-testid="new-assessment">{ t(lang, Msg::NewAssessment) }</button>
            </div>
        },
    };

    html! {
        <div class="ea-app" lang={lang.code()} data-testid="app">
            <header class="ea-header">
                { brand.into_html() }
                <div class="ea-tabs">
                    { tabs.into_html() }
                    <button type="button" class="ea-tab" onclick={new_assessment} data-testid="tab-new">{ t(lang, Msg::NewAssessment) }</button>
                    if !state.archive.drafts.is_empty() {
                        <label class="ea-open">
                            <span>{ t(lang, Msg::OpenSaved) }</span>
                            <select onchange={on_open} data-testid="open-saved">
                                <option value="" selected=true>{ "—" }</option>
                                { for state.archive.listing().into_iter().map(|d| {
                                    let name = if d.item_name().is_empty() { t(lang, Msg::Untitled) } else { d.item_name() };
                                    html! { <option value={d.id.clone()}>{ format!("{name} · {}", d.updated_at.get(..16).unwrap_or(&d.updated_at).replace('T', " ")) }</option> }
                                }) }
                            </select>
                        </label>
                    }
                </div>
                <label class="ea-lang">
                    <span>{ t(lang, Msg::LanguageLabel) }</span>
                    <select onchange={on_lang} data-testid="lang-switch">
                        { for Lang::ALL.iter().map(|&opt| html! {
                            <option value={opt.code()} selected={opt == lang}>{ t(opt, Msg::LanguageName) }</option>
                        }) }
                    </select>
                </label>
            </header>
            { notice.into_html() }
            // The host shows either this or the screening page, which it
            // mounts beside this app (see www/main.js).
            <main class="ea-main" data-testid="main">{ main }</main>
            { footer.into_html() }
        </div>
    }
}
