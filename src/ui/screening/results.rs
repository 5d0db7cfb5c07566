//! The hits of a lead file: filter, export, a sortable table in pages. The
//! view (filter, sort, page) is `core::screening::table`, kept in the
//! page's state; the filtered, sorted rows are worked out again only when
//! the rows, the filter or the order change.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::open_hits::DecideIntoRegister;
use super::shared::{score, unique_keys, use_shared, Rows};
use super::{t, Msg};
use crate::core::screening::batch::{rows_csv, HitRow};
use crate::core::screening::table::{Column, TableView};
use crate::core::text::fill;
use crate::ui::browser;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub rows: Rows,
    /// The lead file's name (for the export's name).
    pub file: AttrValue,
    pub view: TableView,
    pub on_sort: Callback<Column>,
    pub on_filter: Callback<String>,
    pub on_page: Callback<usize>,
    /// A lead's hit decided "not a match" into the register (its row).
    pub on_decided: Callback<HitRow>,
}

/// Where each of `shown` (references into `rows`) stands in `rows`.
fn positions(rows: &[HitRow], shown: &[&HitRow]) -> Vec<usize> {
    let base = rows.as_ptr() as usize;
    let size = std::mem::size_of::<HitRow>();
    shown
        .iter()
        .map(|r| {
            (*r as *const HitRow as usize)
                .saturating_sub(base)
                .checked_div(size)
                .unwrap_or(0)
        })
        .collect()
}

#[component]
pub fn Results(p: &ResultsProps) -> Html {
    let v = &p.view;
    let shown = use_memo(
        (p.rows.clone(), v.filter.clone(), v.sort, v.descending),
        |(rows, filter, sort, descending)| {
            let view = TableView {
                sort: *sort,
                descending: *descending,
                filter: filter.clone(),
                page: 0,
            };
            positions(&rows.0, &view.rows(&rows.0))
        },
    );
    let (page_rows, page, pages) = v.page_of(&shown);
    let on_export = {
        let (rows, shown, file) = (p.rows.clone(), shown.clone(), p.file.clone());
        Callback::from(move |()| {
            // A BOM, so that spreadsheet programs read the file as UTF-8.
            let csv = rows_csv(shown.iter().filter_map(|&i| rows.0.get(i)));
            let stem = file.rsplit_once('.').map_or(&*file, |(stem, _)| stem);
            browser::download(
                &format!("{stem}-screening.csv"),
                "text/csv;charset=utf-8",
                &format!("\u{feff}{csv}"),
            );
        })
    };
    html! {
        <div class="ea-results" data-testid="batch-results">
            <ResultsToolbar
                filter={v.filter.clone()}
                shown={shown.len()}
                total={p.rows.0.len()}
                on_filter={p.on_filter.clone()}
                {on_export}
            />
            <ResultsTable
                rows={p.rows.clone()}
                page={page_rows.to_vec()}
                sort={v.sort}
                descending={v.descending}
                on_sort={p.on_sort.clone()}
                on_decided={p.on_decided.clone()}
            />
            if pages > 1 {
                <ResultsPager {page} {pages} on_page={p.on_page.clone()} />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ToolbarProps {
    filter: String,
    /// Rows passing the filter, of `total`.
    shown: usize,
    total: usize,
    on_filter: Callback<String>,
    on_export: Callback<()>,
}

#[component]
fn ResultsToolbar(p: &ToolbarProps) -> Html {
    let lang = use_shared().lang;
    let oninput = p
        .on_filter
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
    let shown = fill(
        t(lang, Msg::Shown),
        &[
            ("shown", &p.shown.to_string()),
            ("rows", &p.total.to_string()),
        ],
    );
    html! {
        <div class="ea-row">
            <label class="ea-inline">{ t(lang, Msg::Filter) }
                <input type="search" value={p.filter.clone()} {oninput} placeholder={t(lang, Msg::FilterHelp)} data-testid="batch-filter" />
            </label>
            <span data-testid="batch-shown">{ shown }</span>
            <button type="button" onclick={p.on_export.reform(|_: MouseEvent| ())} disabled={p.shown == 0} data-testid="batch-export">
                { t(lang, Msg::ExportCsv) }
            </button>
            <span class="ea-small ea-muted">{ t(lang, Msg::ExportHelp) }</span>
        </div>
    }
}

fn label(c: Column) -> Msg {
    match c {
        Column::Lead => Msg::ColLead,
        Column::Query => Msg::ColQuery,
        Column::Status => Msg::ColStatus,
        Column::List => Msg::ColList,
        Column::Entry => Msg::ColEntry,
        Column::Matched => Msg::ColMatched,
        Column::Score => Msg::ColScore,
    }
}

#[derive(Properties, PartialEq)]
struct TableProps {
    rows: Rows,
    /// The positions in `rows` of this page's rows, in order.
    page: Vec<usize>,
    sort: Column,
    descending: bool,
    on_sort: Callback<Column>,
    on_decided: Callback<HitRow>,
}

/// One page of hits; on a narrow screen each row is a block of labelled
/// cells (`data-label`, see `style.css`) under a line of sort buttons.
#[component]
fn ResultsTable(p: &TableProps) -> Html {
    let lang = use_shared().lang;
    let rows = &p.rows.0;
    let keys = unique_keys(
        p.page
            .iter()
            .filter_map(|&i| rows.get(i))
            .map(|r| format!("{}\u{1f}{}\u{1f}{}", r.query_id, r.list_key, r.entry_id)),
    );
    html! {
        <table class="ea-table ea-stack ea-results-table" data-testid="batch-table">
            <thead><tr>
                { for Column::ALL.into_iter().map(|c| {
                    let order = (p.sort == c).then_some(p.descending);
                    html! { <SortHeader key={c.name()} column={c} {order} on_sort={p.on_sort.clone()} /> }
                }) }
                <th key="why" scope="col" class="ea-why">{ t(lang, Msg::ColWhy) }</th>
            </tr></thead>
            <tbody>
                { for p.page.iter().filter(|&&i| i < rows.len()).zip(keys).map(|(&index, key)| html! {
                    <ResultRow {key} rows={p.rows.clone()} {index} on_decided={p.on_decided.clone()} />
                }) }
            </tbody>
        </table>
    }
}

#[derive(Properties, PartialEq)]
struct SortHeaderProps {
    column: Column,
    /// `Some(descending)` when the table is sorted by this column.
    order: Option<bool>,
    on_sort: Callback<Column>,
}

#[component]
fn SortHeader(p: &SortHeaderProps) -> Html {
    let lang = use_shared().lang;
    let c = p.column;
    let (sort, arrow) = match p.order {
        None => ("none", ""),
        Some(false) => ("ascending", " ▲"),
        Some(true) => ("descending", " ▼"),
    };
    html! {
        <th scope="col" aria-sort={sort}>
            <button type="button" class="ea-sort" onclick={p.on_sort.reform(move |_: MouseEvent| c)} data-testid={format!("sort-{}", c.name())}>
                { t(lang, label(c)) }<span aria-hidden="true">{ arrow }</span>
            </button>
        </th>
    }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    rows: Rows,
    /// The row's position in `rows`.
    index: usize,
    on_decided: Callback<HitRow>,
}

/// A row's status in words (never a colour alone).
fn status_text(lang: crate::core::text::Lang, status: &str) -> &'static str {
    t(
        lang,
        match status {
            "clean" => Msg::StatusClean,
            "review_again" => Msg::StatusReviewAgain,
            "suppressed_by_register" => Msg::StatusSuppressed,
            _ => Msg::StatusHit,
        },
    )
}

#[component]
fn ResultRow(p: &RowProps) -> Html {
    let lang = use_shared().lang;
    let Some(r) = p.rows.0.get(p.index) else {
        return html! {};
    };
    let cell = |c: Column| t(lang, label(c));
    let country = r.country.as_ref().map(|c| format!(" ({c})"));
    let clean = r.status == "clean";
    // An open hit (or one to review again) can be decided into the register.
    let decidable =
        matches!(r.status.as_str(), "hit" | "review_again") && !r.entry_fingerprint.is_empty();
    let decided = {
        let (on_decided, row) = (p.on_decided.clone(), r.clone());
        Callback::from(move |()| on_decided.emit(row.clone()))
    };
    html! {
        <tr data-testid="batch-row" data-status={r.status.clone()}>
            <td data-label={cell(Column::Lead)}>{ &r.query_id }</td>
            <td data-label={cell(Column::Query)}>{ &r.query }{ country }</td>
            <td data-label={cell(Column::Status)} data-testid="batch-status-cell">{ status_text(lang, &r.status) }</td>
            <td data-label={cell(Column::List)}>{ &r.list }</td>
            <td data-label={cell(Column::Entry)}>{ &r.entry_id }</td>
            <td data-label={cell(Column::Matched)}>{ &r.matched_name }</td>
            <td class="ea-num" data-label={cell(Column::Score)}>{ if clean { String::new() } else { score(r.score) } }</td>
            <td class="ea-small" data-label={t(lang, Msg::ColWhy)}>
                { &r.explanation }
                if decidable {
                    <details class="ea-decide-lead" data-testid="batch-decide">
                        <summary>{ t(lang, Msg::DecideLead) }</summary>
                        <DecideIntoRegister
                            name={r.query.clone()}
                            hit={register_hit(r)}
                            on_added={decided}
                        />
                    </details>
                }
            </td>
        </tr>
    }
}

/// The row's hit as the register form takes it.
fn register_hit(r: &HitRow) -> crate::core::screening::record::Hit {
    crate::core::screening::record::Hit {
        list_key: r.list_key.clone(),
        entry_id: r.entry_id.clone(),
        entry_fingerprint: r.entry_fingerprint.clone(),
        matched_name: r.matched_name.clone(),
        score: crate::core::screening::parties::thousandths(r.score),
        explanation: r.explanation.clone(),
        programme: None,
        regulation: None,
        register_note: None,
    }
}

#[derive(Properties, PartialEq)]
struct PagerProps {
    page: usize,
    pages: usize,
    on_page: Callback<usize>,
}

#[component]
fn ResultsPager(p: &PagerProps) -> Html {
    let lang = use_shared().lang;
    let (page, pages) = (p.page, p.pages);
    html! {
        <p class="ea-pager">
            <button type="button" disabled={page == 0} onclick={p.on_page.reform(move |_: MouseEvent| page.saturating_sub(1))}>
                { t(lang, Msg::Previous) }
            </button>
            { format!(" {} / {pages} ", page.saturating_add(1)) }
            <button type="button" disabled={page.saturating_add(1) >= pages} onclick={p.on_page.reform(move |_: MouseEvent| page.saturating_add(1))} data-testid="batch-next">
                { t(lang, Msg::NextPage) }
            </button>
        </p>
    }
}
