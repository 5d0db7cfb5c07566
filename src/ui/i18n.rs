//! Message catalogues. Every user-visible string of the UI lives here.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    De,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::De];

    /// Accepts "en", "de" and region forms such as "de-AT".
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "de" => Some(Lang::De),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub enum Msg {
    Tagline,
    LanguageLabel,
    LanguageName,
    SectionsHeading,
    SectionsPlaceholder,
    FooterPrivacy,
    FooterDisclaimer,
}

pub fn t(lang: Lang, msg: Msg) -> &'static str {
    match lang {
        Lang::En => en(msg),
        Lang::De => de(msg),
    }
}

fn en(msg: Msg) -> &'static str {
    match msg {
        Msg::Tagline => "Due diligence for exports of possible cyber-surveillance items under Regulation (EU) 2021/821",
        Msg::LanguageLabel => "Language",
        Msg::LanguageName => "English",
        Msg::SectionsHeading => "Sections",
        Msg::SectionsPlaceholder => "The questionnaire sections will appear here.",
        Msg::FooterPrivacy => "Everything you enter stays in this browser. Nothing is sent to any server.",
        Msg::FooterDisclaimer => "This tool supports your own assessment; it is not legal advice.",
    }
}

fn de(msg: Msg) -> &'static str {
    match msg {
        Msg::Tagline => "Sorgfaltsprüfung für die Ausfuhr möglicher Güter für digitale Überwachung nach der Verordnung (EU) 2021/821",
        Msg::LanguageLabel => "Sprache",
        Msg::LanguageName => "Deutsch",
        Msg::SectionsHeading => "Abschnitte",
        Msg::SectionsPlaceholder => "Hier erscheinen die Abschnitte des Fragebogens.",
        Msg::FooterPrivacy => "Alles, was Sie eingeben, bleibt in diesem Browser. Nichts wird an einen Server gesendet.",
        Msg::FooterDisclaimer => "Dieses Werkzeug unterstützt Ihre eigene Prüfung; es ist keine Rechtsberatung.",
    }
}
