//! The lead-file section: choose or drop a file, follow the worker's
//! progress (and cancel), then what was screened against what, and the
//! result table (`results.rs`).

use web_sys::File;
use yew::prelude::*;

use super::results::Results;
use super::shared::{use_shared, Rows};
use super::state::Batch;
use super::{t, Msg};
use crate::core::screening::table::{Column, TableView};
use crate::core::text::{fill, Lang};
use crate::ui::drop_zone::DropZone;
use crate::web::{LeadsDto, ListDto};

#[derive(Properties, PartialEq)]
pub struct BatchProps {
    pub batch: Batch,
    pub has_lists: bool,
    /// A file can be screened now (the engine is ready, lists are loaded,
    /// no batch runs).
    pub ready: bool,
    pub view: TableView,
    pub on_file: Callback<File>,
    pub on_cancel: Callback<()>,
    pub on_clear: Callback<()>,
    pub on_sort: Callback<Column>,
    pub on_filter: Callback<String>,
    pub on_page: Callback<usize>,
    pub on_decided: Callback<crate::core::screening::batch::HitRow>,
}

#[component]
pub fn BatchSection(p: &BatchProps) -> Html {
    let lang = use_shared().lang;
    // One lead file at a time: the first of those chosen or dropped.
    let on_files = {
        let on_file = p.on_file.clone();
        Callback::from(move |files: Vec<File>| {
            if let Some(file) = files.into_iter().next() {
                on_file.emit(file);
            }
        })
    };
    html! {
        <section class="ea-block" aria-labelledby="batch-heading" data-testid="batch-section">
            <h3 id="batch-heading" class="ea-h3">{ t(lang, Msg::BatchHeading) }</h3>
            <p class="ea-small ea-muted">{ t(lang, Msg::BatchHelp) }</p>
            <DropZone
                label={t(lang, Msg::ChooseLeads)}
                hint={t(lang, Msg::DropLeads)}
                testid="leads-drop"
                input_testid="leads-file"
                accept=".csv,.txt"
                enabled={p.ready}
                {on_files}
            />
            if !p.has_lists {
                <p class="ea-small ea-muted">{ t(lang, Msg::CheckNeedsLists) }</p>
            }
            <div role="status" aria-live="polite" data-testid="batch-status">
                <BatchStatus batch={p.batch.clone()} on_cancel={p.on_cancel.clone()} on_clear={p.on_clear.clone()} />
            </div>
            if let Batch::Done { rows, leads, .. } = &p.batch {
                <Results
                    rows={Rows(rows.clone())}
                    file={leads.label.clone()}
                    view={p.view.clone()}
                    on_sort={p.on_sort.clone()}
                    on_filter={p.on_filter.clone()}
                    on_page={p.on_page.clone()}
                    on_decided={p.on_decided.clone()}
                />
            }
        </section>
    }
}

/// "N leads in FILE (encoding, delimiter, header)".
fn leads_line(lang: Lang, l: &LeadsDto) -> String {
    let delimiter = if l.delimiter == "\t" {
        t(lang, Msg::DelimiterTab)
    } else {
        &l.delimiter
    };
    let header = if l.header {
        Msg::WithHeader
    } else {
        Msg::WithoutHeader
    };
    fill(
        t(lang, Msg::LeadsRead),
        &[
            ("count", &l.count.to_string()),
            ("file", &l.label),
            ("encoding", &l.encoding),
            ("delimiter", delimiter),
            ("header", t(lang, header)),
        ],
    )
}

#[derive(Properties, PartialEq)]
struct StatusProps {
    batch: Batch,
    on_cancel: Callback<()>,
    on_clear: Callback<()>,
}

/// Reading, running (progress and cancel), failed, or done.
#[component]
fn BatchStatus(p: &StatusProps) -> Html {
    let lang = use_shared().lang;
    match &p.batch {
        Batch::Idle => html! {},
        Batch::Reading(file) => html! { <p>{ format!("{}: {file}…", t(lang, Msg::Reading)) }</p> },
        Batch::Running { leads, done, total } => html! {
            <>
                <p>{ leads_line(lang, leads) }</p>
                <p>
                    <progress max={total.to_string()} value={done.to_string()} data-testid="batch-progress"></progress>
                    { " " }
                    { fill(t(lang, Msg::Progress), &[("done", &done.to_string()), ("total", &total.to_string())]) }
                    { " " }
                    <button type="button" onclick={p.on_cancel.reform(|_: MouseEvent| ())} data-testid="batch-cancel">
                        { t(lang, Msg::Cancel) }
                    </button>
                </p>
            </>
        },
        Batch::Failed(e) => html! {
            <p class="ea-notice" role="alert" data-testid="batch-error">{ format!("{}: {e}", t(lang, Msg::BatchFailed)) }</p>
        },
        Batch::Done {
            leads,
            rows,
            done,
            total,
            cancelled,
            lists,
        } => html! {
            <>
                <p>{ leads_line(lang, leads) }</p>
                <BatchDone rows={Rows(rows.clone())} done={*done} total={*total} cancelled={*cancelled} />
                <super::open_hits::ExportLeads file={leads.label.clone()} on_clear={p.on_clear.clone()} />
                <ScreenedLists lists={lists.clone()} />
            </>
        },
    }
}

#[derive(Properties, PartialEq)]
struct DoneProps {
    rows: Rows,
    done: usize,
    total: usize,
    cancelled: bool,
}

/// How far the batch got and how many leads have hits.
#[component]
fn BatchDone(p: &DoneProps) -> Html {
    let lang = use_shared().lang;
    // Open hits (not clean, not decided) and the leads they belong to.
    let counts = use_memo(p.rows.clone(), |rows| {
        let hits: Vec<&crate::core::screening::batch::HitRow> = rows
            .0
            .iter()
            .filter(|r| matches!(r.status.as_str(), "hit" | "review_again"))
            .collect();
        let mut ids: Vec<&str> = hits.iter().map(|r| r.query_id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        (hits.len(), ids.len())
    });
    let (done, total) = (p.done.to_string(), p.total.to_string());
    if p.cancelled {
        html! {
            <p class="ea-notice" data-testid="batch-cancelled">
                { fill(t(lang, Msg::Cancelled), &[("done", &done), ("total", &total)]) }
            </p>
        }
    } else {
        let vars = [
            ("total", total.as_str()),
            ("rows", &counts.0.to_string()),
            ("leads", &counts.1.to_string()),
        ];
        html! { <p data-testid="batch-done">{ fill(t(lang, Msg::BatchDone), &vars) }</p> }
    }
}

#[derive(Properties, PartialEq)]
struct ScreenedListsProps {
    lists: Vec<ListDto>,
}

/// The lists as they were when the file was screened.
#[component]
fn ScreenedLists(p: &ScreenedListsProps) -> Html {
    let lang = use_shared().lang;
    let line = |l: &ListDto| {
        let generated = l
            .generated
            .clone()
            .unwrap_or_else(|| t(lang, Msg::NoDate).into());
        let entries = l.entries.to_string();
        let vars = [
            ("label", l.label.as_str()),
            ("format", &l.format),
            ("generated", &generated),
            ("entries", &entries),
        ];
        fill(t(lang, Msg::ListLine), &vars)
    };
    html! {
        <>
            <p class="ea-small">{ t(lang, Msg::ScreenedAgainst) }</p>
            <ul class="ea-small" data-testid="batch-lists">
                { for p.lists.iter().map(|l| html! {
                    <li key={l.key.clone()}>{ line(l) }{ " " }<code class="ea-hash">{ &l.sha256 }</code></li>
                }) }
            </ul>
        </>
    }
}
