//! The screening page: its state (a reducer, `state.rs`), the context its
//! components share (`shared.rs`), and its sections — lists
//! (`lists.rs`), threshold (`threshold.rs`), one name (`check.rs`), a
//! lead file (`batch.rs`, `results.rs`). Requests go to the worker through
//! the host's client (`requests.rs`).

use yew::prelude::*;

use super::batch::BatchSection;
use super::check::CheckSection;
use super::freshness::FreshnessSection;
use super::lists::ListsSection;
use super::open_hits::OpenHits;
use super::register::RegisterSection;
use super::requests::{use_actions, use_host};
use super::shared::{unique_keys, Dest, Shared};
use super::state::PageState;
use super::threshold::ThresholdSection;
use super::{t, Client, LangCell, Msg};
use crate::web::StateDto;

#[derive(Properties, PartialEq, Clone)]
pub struct PageProps {
    pub lang: LangCell,
    pub dest: Dest,
    pub client: Client,
}

#[component]
pub fn ScreeningPage(p: &PageProps) -> Html {
    let state = use_reducer(|| PageState::new(p.lang.get()));
    use_host(&p.lang, &p.client, state.dispatcher());
    let actions = use_actions(&p.client, state.dispatcher(), &state.format, state.lang);
    let shared = Shared {
        lang: state.lang,
        dest: p.dest.clone(),
        client: p.client.clone(),
    };
    let s = &*state;
    let e = &s.engine;
    let ready = e.status == "ready" && !s.batch.busy();
    html! {
        <ContextProvider<Shared> context={shared}>
            <div class="ea-screening-page" lang={s.lang.code()} data-testid="screening-page">
                <p class="ea-small"><a href="#/triage" data-testid="to-triage">{ t(s.lang, Msg::TriToTriage) }</a></p>
                <p class="ea-small"><a href="#/products" data-testid="to-products">{ t(s.lang, Msg::ProdToProducts) }</a></p>
                <h2 class="ea-h2">{ t(s.lang, Msg::Heading) }</h2>
                <p class="ea-muted">{ t(s.lang, Msg::Intro) }</p>
                <EngineNotices engine={e.clone()} />
                <ListsSection
                    lists={e.lists.clone()}
                    format={s.format.clone()}
                    adding={s.adding}
                    add_result={s.add_result.clone()}
                    error={s.error.clone()}
                    {ready}
                    on_files={actions.on_files}
                    on_format={actions.on_format}
                    on_remove={actions.on_remove}
                />
                <FreshnessSection lists={e.lists.clone()} max_days={e.max_list_age_days} {ready} />
                <ThresholdSection threshold={e.threshold} {ready} on_threshold={actions.on_threshold} />
                <CheckSection lists={e.lists.len()} check={s.check.clone()} on_check={actions.on_check} />
                <BatchSection
                    batch={s.batch.clone()}
                    has_lists={!e.lists.is_empty()}
                    ready={ready && !e.lists.is_empty()}
                    view={s.table.clone()}
                    on_file={actions.on_lead_file}
                    on_cancel={actions.on_cancel}
                    on_clear={actions.on_clear}
                    on_sort={actions.on_sort}
                    on_filter={actions.on_filter}
                    on_page={actions.on_page}
                    on_decided={actions.on_decided}
                />
                <RegisterSection sha={e.register_sha256.clone()} count={e.register} />
                <OpenHits />
                <p class="ea-small"><strong>{ t(s.lang, Msg::Privacy) }</strong></p>
            </div>
        </ContextProvider<Shared>>
    }
}

#[derive(Properties, PartialEq)]
struct NoticesProps {
    engine: StateDto,
}

/// The engine starting or failed, lists storage unavailable, stored lists
/// that could not be read back.
#[component]
fn EngineNotices(p: &NoticesProps) -> Html {
    let lang = super::shared::use_shared().lang;
    let e = &p.engine;
    let keys = unique_keys(e.restore_errors.iter().cloned());
    html! {
        <>
            if e.status == "starting" {
                <p class="ea-notice" role="status" data-testid="engine-starting">{ t(lang, Msg::Starting) }</p>
            }
            if e.status == "failed" {
                <p class="ea-notice" role="alert" data-testid="engine-failed">
                    { format!("{}: {}", t(lang, Msg::EngineFailed), e.error.as_deref().unwrap_or_default()) }
                </p>
            }
            if e.storage == "unavailable" {
                <p class="ea-notice" role="alert" data-testid="lists-storage-notice">{ t(lang, Msg::StorageUnavailable) }</p>
            }
            if e.storage == "failed" {
                <p class="ea-notice" role="alert" data-testid="lists-storage-notice">
                    { format!("{}: {}", t(lang, Msg::StorageFailed), e.storage_message.as_deref().unwrap_or_default()) }
                </p>
            }
            <div>
                { for e.restore_errors.iter().zip(keys).map(|(r, key)| html! {
                    <p {key} class="ea-notice" role="alert">{ format!("{}: {r}", t(lang, Msg::RestoreFailed)) }</p>
                }) }
            </div>
        </>
    }
}
