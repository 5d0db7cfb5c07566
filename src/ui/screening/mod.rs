//! The screening page: the sanctions lists loaded in this browser, the
//! threshold, a quick check of one name, and the screening of a lead file
//! with a sortable, filterable result table and CSV export. The engine runs
//! in a Web Worker behind the host's `ScreeningClient`; this page shows what
//! it reports.

mod batch;
mod check;
mod freshness;
mod lists;
mod open_hits;
mod page;
pub mod products;
mod register;
mod requests;
mod results;
mod shared;
mod state;
mod threshold;
pub mod triage;

use std::cell::RefCell;
use std::rc::Rc;

use yew::{AppHandle, Callback};

use super::i18n::{messages, Catalogue};
use crate::core::bundle::Messages;
use crate::core::destinations::Destinations;
use crate::core::error::LoadError;
use crate::core::text::Lang;
use crate::web::ScreeningClient;
pub use page::ScreeningPage;

include!("msg_list.rs");

static TEXTS: Catalogue = Catalogue::new();

pub fn install_messages(messages: Messages) -> Result<(), LoadError> {
    TEXTS.install("screening page", messages, KEYS)
}

pub fn t(lang: Lang, msg: Msg) -> &'static str {
    TEXTS.text(lang, msg as usize)
}

/// The host's client, shared by the page's components.
#[derive(Clone)]
pub struct Client(pub Rc<ScreeningClient>);

impl PartialEq for Client {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The page's language, which the host sets to follow the questionnaire.
#[derive(Clone, Default)]
pub struct LangCell(Rc<RefCell<(Lang, Option<Callback<Lang>>)>>);

impl PartialEq for LangCell {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl LangCell {
    pub fn get(&self) -> Lang {
        self.0.borrow().0
    }
    pub fn set(&self, lang: Lang) {
        let listener = {
            let mut cell = self.0.borrow_mut();
            cell.0 = lang;
            cell.1.clone()
        };
        if let Some(l) = listener {
            l.emit(lang);
        }
    }
    fn listen(&self, cb: Callback<Lang>) {
        self.0.borrow_mut().1 = Some(cb);
    }
}

pub fn mount(
    element: web_sys::Element,
    lang: Lang,
    destinations: Destinations,
    client: ScreeningClient,
) -> (AppHandle<ScreeningPage>, LangCell) {
    let cell = LangCell::default();
    cell.set(lang);
    let props = page::PageProps {
        lang: cell.clone(),
        dest: shared::Dest(Rc::new(destinations)),
        client: Client(Rc::new(client)),
    };
    (
        yew::Renderer::<ScreeningPage>::with_root_and_props(element, props).render(),
        cell,
    )
}
