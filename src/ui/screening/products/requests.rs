//! The products page's requests to the worker and the files it reads: the
//! catalogue at mount, the whole catalogue on each change (the worker
//! validates and stores it), an import file parsed and planned. Each ends
//! in the action the page dispatches; nothing here decides anything the
//! core does not.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde::Deserialize;
use wasm_bindgen_futures::JsFuture;
use web_sys::File;

use super::super::requests::{call, decode};
use super::super::Client;
use super::state::{Action, Done, Import};
use super::Cx;
use crate::core::triage::catalogue::{Catalogue, ConflictChoice};

/// A products file larger than this is refused before it is read.
const MAX_FILE_BYTES: f64 = 16.0 * 1024.0 * 1024.0;

/// A catalogue file's text, validated by the core.
pub fn parse(text: &str, cx: &Cx) -> Result<Catalogue, String> {
    let profile = cx.profile.as_ref().as_ref().map_err(Clone::clone)?;
    Catalogue::parse(text.as_bytes(), &cx.rules.0, &cx.dest.0, profile).map_err(|e| e.to_string())
}

pub async fn load(client: Client, cx: Cx) -> Action {
    let json = call(client.0.catalogue()).await.and_then(|v| {
        v.as_string()
            .ok_or_else(|| "unexpected answer from the screening engine".to_string())
    });
    Action::Loaded(json.and_then(|j| parse(&j, &cx)))
}

#[derive(Deserialize)]
struct StoredDto {
    json: String,
    stored: bool,
    /// Another tab stored its catalogue first: `json` is that one.
    #[serde(default)]
    conflict: bool,
}

/// Sends the whole next catalogue; the worker's copy (parsed back) is
/// what the page then shows.
pub async fn store(client: Client, cx: Cx, next: Catalogue, done: Option<Done>) -> Action {
    let reply = call(client.0.set_catalogue(&next.to_json()))
        .await
        .and_then(decode::<StoredDto>);
    match reply.and_then(|r| parse(&r.json, &cx).map(|c| (c, r.stored, r.conflict))) {
        Ok((c, _, true)) => Action::Conflict(c),
        Ok((c, stored, false)) => Action::Stored(Ok((c, stored)), done),
        Err(e) => Action::Stored(Err(e), done),
    }
}

/// Reads a products file and plans its import against `current`: an
/// error (located by the core) changes nothing; every conflict starts as
/// "keep ours".
pub async fn read_import(file: File, cx: Cx, current: Rc<Catalogue>) -> Action {
    let name = file.name();
    if file.size() > MAX_FILE_BYTES {
        return Action::Preview(Err(format!(
            "{name}: the file is larger than 16 MB; a products file is far smaller — check that it is the right file"
        )));
    }
    let text = match JsFuture::from(file.text()).await {
        Ok(v) => v.as_string().unwrap_or_default(),
        Err(e) => {
            return Action::Preview(Err(format!(
                "{name}: {}",
                super::super::requests::error_text(&e)
            )))
        }
    };
    let incoming = match parse(&text, &cx) {
        Ok(c) => c,
        Err(e) => return Action::Preview(Err(format!("{name}: {e}"))),
    };
    let plan = current.plan_import(&incoming);
    if plan.new.is_empty() && plan.conflicting.is_empty() {
        return Action::Nothing(name);
    }
    let choices: BTreeMap<String, ConflictChoice> = plan
        .conflicting
        .iter()
        .map(|(ours, _)| (ours.id.clone(), ConflictChoice::KeepOurs))
        .collect();
    Action::Preview(Ok(Import {
        file: name,
        plan,
        choices,
    }))
}

/// Today in this browser's time zone (YYYY-MM-DD): the day a product is
/// classified, and the export's file name.
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month().saturating_add(1),
        d.get_date()
    )
}
