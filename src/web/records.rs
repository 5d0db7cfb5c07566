//! The records app's boundary. The host mounts it beside the questionnaire
//! when one of its pages first opens, hands it the questionnaire's
//! snapshots (`update`) and the address (`show`), and passes its commands
//! on to the questionnaire (`options.command`).

use wasm_bindgen::prelude::*;

use crate::ui::records::{RecordsApp, RecordsInbox, RecordsMsg, RecordsProps};
use crate::ui::{Lang, RecordCommand, RecordSnapshot, SnapshotWire};

/// A mounted records app. Call `destroy()` before removing its element.
#[wasm_bindgen]
pub struct RecordsHandle {
    inner: Option<yew::AppHandle<RecordsApp>>,
    inbox: RecordsInbox,
}

#[wasm_bindgen]
impl RecordsHandle {
    pub fn destroy(&mut self) {
        if let Some(handle) = self.inner.take() {
            handle.destroy();
        }
    }

    /// The questionnaire's snapshot of the work (what its `watch` passes).
    pub fn update(&self, snapshot: JsValue) -> Result<(), JsError> {
        let wire: SnapshotWire = serde_wasm_bindgen::from_value(snapshot)
            .map_err(|e| JsError::new(&format!("export-assessor records: snapshot: {e}")))?;
        let s = RecordSnapshot::from_wire(wire)
            .map_err(|e| JsError::new(&format!("export-assessor records: snapshot: {e}")))?;
        self.deliver(RecordsMsg::Snapshot(s));
        Ok(())
    }

    /// Shows the page the address names ("archive", "verify", "report",
    /// "seal", "print", "notification").
    pub fn show(&self, page: String) {
        self.deliver(RecordsMsg::Show(page));
    }
}

impl RecordsHandle {
    fn deliver(&self, m: RecordsMsg) {
        self.inbox.deliver(m);
    }
}

/// Mounts the records app inside `element`. `options.command(c)` takes
/// its commands for the questionnaire (plain objects such as
/// `{ kind: "open", id }`); `options.lang` the language until the first
/// snapshot; `options.readOnly` hides what would change the archive;
/// `data` is the bytes of `pkg/assessor-data.bin`.
#[wasm_bindgen(js_name = mountRecords)]
pub fn mount_records(
    element: web_sys::Element,
    options: JsValue,
    data: &[u8],
) -> Result<RecordsHandle, JsError> {
    let get =
        |name: &str| js_sys::Reflect::get(&options, &name.into()).unwrap_or(JsValue::UNDEFINED);
    let send: js_sys::Function = get("command")
        .dyn_into()
        .map_err(|_| JsError::new("export-assessor records: options.command must be a function"))?;
    let lang = get("lang")
        .as_string()
        .and_then(|c| Lang::from_code(&c))
        .unwrap_or(Lang::En);
    let mut shared = super::shared_from(data)?;
    // The host's read-only mode: no import, duplicate or delete.
    shared.read_only = get("readOnly").is_truthy();
    let plain = serde_wasm_bindgen::Serializer::json_compatible();
    let command = yew::Callback::from(move |c: RecordCommand| {
        if let Ok(v) = serde::Serialize::serialize(&c, &plain) {
            let _ = send.call1(&JsValue::NULL, &v);
        }
    });
    let inbox = RecordsInbox::default();
    let props = RecordsProps {
        shared,
        lang,
        inbox: inbox.clone(),
        command,
    };
    let handle = yew::Renderer::<RecordsApp>::with_root_and_props(element, props).render();
    Ok(RecordsHandle {
        inner: Some(handle),
        inbox,
    })
}

/// What `assess` gives: the outcome, the rules that decided it and the
/// sealed report with its fingerprint, exactly as `export-assessor report`
/// computes them for the same answers file and `--created` timestamp.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Assessed {
    outcome: &'static str,
    undecided: bool,
    decided_by: Vec<String>,
    fingerprint: String,
    report: serde_json::Value,
}

/// Assesses an answers file (its JSON text, the CLI's format) without any
/// UI. `options.created` is the report's timestamp (required: the tool
/// reads no clock; the JS API passes the current time), `options.lang`
/// "en" (default) or "de"; `data` is the bytes of `pkg/assessor-data.bin`.
/// Bad input is a JS error naming the problem, never a panic.
#[wasm_bindgen]
pub fn assess(data: &[u8], answers: &str, options: JsValue) -> Result<JsValue, JsError> {
    use crate::core::screening::{decisions, record};
    let fail = |what: &str, e: &dyn std::fmt::Display| {
        JsError::new(&format!("export-assessor assess: {what}: {e}"))
    };
    let get =
        |name: &str| js_sys::Reflect::get(&options, &name.into()).unwrap_or(JsValue::UNDEFINED);
    let created = get("created").as_string().ok_or_else(|| {
        JsError::new("export-assessor assess: options.created must be a timestamp such as 2026-11-25T09:30:00Z")
    })?;
    let lang = match get("lang").as_string() {
        None => Lang::En,
        Some(code) => Lang::from_code(&code).ok_or_else(|| {
            JsError::new(&format!(
                "export-assessor assess: lang \"{code}\" is not supported; use \"en\" or \"de\""
            ))
        })?,
    };
    let crate::core::bundle::Contents {
        rules,
        destinations,
        ..
    } = crate::core::bundle::decode(data).map_err(|e| fail("data bundle", &e))?;
    let bytes = answers.as_bytes();
    let answers = crate::core::answers::load_answers(bytes, &rules, &destinations)
        .map_err(|e| fail("answers", &e))?;
    let record = record::from_answers_file(bytes).map_err(|e| fail("answers", &e))?;
    let effective = decisions::effective_answers(&rules, &destinations, &answers, &record);
    let a = crate::core::evaluate::evaluate(&rules, &destinations, &effective);
    let report = crate::core::report::Report::build(
        &rules,
        &destinations,
        &effective,
        &a,
        lang,
        &created,
        &created,
    )
    .map_err(|e| fail("report", &e))?
    .with_screening(&rules, &destinations, &record);
    let out = Assessed {
        outcome: report.outcome.name(),
        undecided: report.undecided,
        decided_by: report.decided_by.iter().map(|r| r.id.clone()).collect(),
        fingerprint: report.fingerprint.clone(),
        report: report.to_value(),
    };
    serde::Serialize::serialize(&out, &serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| fail("result", &e))
}

/// Bytes that reach JS as a `Uint8Array` (serde's byte form), not as an
/// array of numbers.
struct Bytes(Vec<u8>);

impl serde::Serialize for Bytes {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

#[derive(serde::Serialize)]
struct RejectedFile {
    file: &'static str,
    message: String,
}

/// What `composeBundle` gives.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct ComposedBundle {
    bytes: Bytes,
    rule_set: crate::core::report::RuleSetRef,
    destinations_as_of: String,
    rejected: Vec<RejectedFile>,
}

/// The data bundle with a host's company rule-set extension (`rules`) and
/// updated destination data (`destinations`) applied, each the bytes of
/// its JSON file or null. A bad file is listed in `rejected` (`file`:
/// "rules" or "destinations", `message`: what, where, what to do) and the
/// bundle's own part kept; only a damaged `base` is a JS error.
#[wasm_bindgen(js_name = composeBundle)]
pub fn compose_bundle(
    base: &[u8],
    rules: Option<Vec<u8>>,
    destinations: Option<Vec<u8>>,
) -> Result<JsValue, JsError> {
    let c = crate::core::bundle::compose(base, rules.as_deref(), destinations.as_deref())
        .map_err(|e| JsError::new(&format!("export-assessor: {e}")))?;
    let out = ComposedBundle {
        bytes: Bytes(c.bytes),
        rule_set: crate::core::report::RuleSetRef {
            id: c.rule_set_id,
            version: c.rule_set_version,
        },
        destinations_as_of: c.destinations_as_of,
        rejected: c
            .rejected
            .into_iter()
            .map(|r| RejectedFile {
                file: r.file.name(),
                message: r.error.to_string(),
            })
            .collect(),
    };
    serde::Serialize::serialize(&out, &serde_wasm_bindgen::Serializer::new())
        .map_err(|e| JsError::new(&format!("export-assessor: composed bundle: {e}")))
}

/// What a data bundle carries, for a host to record beside outcomes.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct BundleVersions {
    rule_set: crate::core::report::RuleSetRef,
    destination_data_as_of: String,
}

/// The rule set (id, version) and the destination data's as-of date of a
/// data bundle (`pkg/assessor-data.bin`): the iframe mode's "ready"
/// message names them. A bundle from another build is an error, not a panic.
#[wasm_bindgen(js_name = bundleVersions)]
pub fn bundle_versions(data: &[u8]) -> Result<JsValue, JsError> {
    let contents = crate::core::bundle::decode(data)
        .map_err(|e| JsError::new(&format!("export-assessor: data bundle: {e}")))?;
    let out = BundleVersions {
        rule_set: crate::core::report::RuleSetRef {
            id: contents.rules.id,
            version: contents.rules.version,
        },
        destination_data_as_of: contents.destinations.as_of,
    };
    serde::Serialize::serialize(&out, &serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("export-assessor: versions: {e}")))
}
