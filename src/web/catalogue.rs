//! The product catalogue in the screening worker: the engine keeps the
//! rule set, its triage profile and the parsed catalogue (`CatalogueState`,
//! the engine's field `catalogue`), and takes the whole catalogue file on
//! every change, validated by the core (`Catalogue::parse`) before it
//! replaces the one held. The worker stores the file (IndexedDB,
//! `settings`/`catalogue`); triage reads the parsed catalogue from here.

use std::ops::Deref;

use wasm_bindgen::prelude::*;

use super::{js_err, ScreeningClient, ScreeningEngine};
use crate::core::ruleset::RuleSet;
use crate::core::triage::catalogue::{Catalogue, FORMAT};
use crate::core::triage::profile::{TriageProfile, DEFAULT_JSON};

/// What the catalogue (and triage) needs besides the destination data: the
/// rule set, its triage profile (or why it could not be read) and the
/// catalogue itself, which `Deref` exposes (`&*engine.catalogue`).
pub struct CatalogueState {
    pub rules: RuleSet,
    pub profile: Result<TriageProfile, String>,
    pub catalogue: Catalogue,
}

impl CatalogueState {
    pub fn new(rules: RuleSet) -> CatalogueState {
        let profile = TriageProfile::parse(DEFAULT_JSON, &rules).map_err(|e| e.to_string());
        CatalogueState {
            rules,
            profile,
            catalogue: Catalogue {
                format: FORMAT,
                products: vec![],
            },
        }
    }
}

impl Deref for CatalogueState {
    type Target = Catalogue;
    fn deref(&self) -> &Catalogue {
        &self.catalogue
    }
}

#[wasm_bindgen]
impl ScreeningEngine {
    /// Replaces the catalogue with a catalogue file's (as stored or as the
    /// products page sends it); a file the core refuses changes nothing and
    /// the error says where and what.
    #[wasm_bindgen(js_name = setCatalogue)]
    pub fn set_catalogue(&mut self, json: &str) -> Result<(), JsError> {
        let state = &self.catalogue;
        let profile = state.profile.as_ref().map_err(|e| JsError::new(e))?;
        let parsed = Catalogue::parse(json.as_bytes(), &state.rules, &self.destinations, profile)
            .map_err(js_err)?;
        self.catalogue.catalogue = parsed;
        Ok(())
    }

    /// The catalogue as its file (JSON), to store or export.
    #[wasm_bindgen(js_name = catalogueJson)]
    pub fn catalogue_json(&self) -> String {
        self.catalogue.to_json()
    }
}

// The host's client: the catalogue's two requests.
#[wasm_bindgen]
extern "C" {
    /// The catalogue file's text (JSON).
    #[wasm_bindgen(method)]
    pub fn catalogue(this: &ScreeningClient) -> js_sys::Promise;
    /// Validates and stores a catalogue file; resolves to `{json, stored}`
    /// (`stored` false: kept for this session only).
    #[wasm_bindgen(method, js_name = setCatalogue)]
    pub fn set_catalogue(this: &ScreeningClient, json: &str) -> js_sys::Promise;
}

/// A mounted products page.
#[wasm_bindgen]
pub struct ProductsPageHandle {
    inner: Option<yew::AppHandle<crate::ui::screening::products::ProductsPage>>,
    lang: crate::ui::screening::LangCell,
}

#[wasm_bindgen]
impl ProductsPageHandle {
    pub fn destroy(&mut self) {
        if let Some(h) = self.inner.take() {
            h.destroy();
        }
    }

    /// Follows the questionnaire's language ("en" or "de").
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&self, code: &str) {
        if let Some(l) = crate::core::text::Lang::from_code(code) {
            self.lang.set(l);
        }
    }
}

/// Mounts the products page (`#/products`) inside `element`, beside the
/// other pages (never inside them): `lang` "en" or "de", `data` the bytes
/// of `pkg/assessor-data.bin`, `client` the worker's client.
#[wasm_bindgen(js_name = mountProducts)]
pub fn mount_products(
    element: web_sys::Element,
    lang: &str,
    data: &[u8],
    client: ScreeningClient,
) -> Result<ProductsPageHandle, JsError> {
    let lang = crate::core::text::Lang::from_code(lang).unwrap_or_default();
    let fail = |e: crate::core::LoadError| JsError::new(&format!("export-assessor: {e}"));
    let contents = crate::core::bundle::decode(data).map_err(fail)?;
    crate::ui::screening::install_messages(contents.screening_messages).map_err(fail)?;
    let (handle, cell) = crate::ui::screening::products::mount(
        element,
        lang,
        contents.rules,
        contents.destinations,
        client,
    );
    Ok(ProductsPageHandle {
        inner: Some(handle),
        lang: cell,
    })
}
