//! Localised text. The rule set is written in English; other languages come
//! from translation catalogues (see `ruleset::RuleSet::apply_catalogue`).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    De,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::De];

    /// Accepts "en", "de" and region forms such as "de-AT".
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else if primary.eq_ignore_ascii_case("de") {
            Some(Lang::De)
        } else {
            None
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }
}

/// A text in English, optionally with a German version. Written in JSON as
/// a plain string (English only) or as `{"en": "...", "de": "..."}`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Text {
    pub en: String,
    pub de: Option<String>,
}

impl Text {
    pub fn new(en: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            de: None,
        }
    }

    /// The text in `lang`, falling back to English where no translation exists.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::De => self.de.as_deref().unwrap_or(&self.en),
        }
    }

    pub fn is_blank(&self) -> bool {
        self.en.trim().is_empty()
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a text: a string, or an object {\"en\": \"...\", \"de\": \"...\"}")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::new(v))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let (mut en, mut de) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "en" => en = Some(map.next_value::<String>()?),
                        "de" => de = Some(map.next_value::<String>()?),
                        other => return Err(serde::de::Error::unknown_field(other, &["en", "de"])),
                    }
                }
                let en = en.ok_or_else(|| serde::de::Error::missing_field("en"))?;
                Ok(Text { en, de })
            }
        }
        if d.is_human_readable() {
            d.deserialize_any(V)
        } else {
            let (en, de) = <(String, Option<String>)>::deserialize(d)?;
            Ok(Text { en, de })
        }
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if !s.is_human_readable() {
            return (&self.en, &self.de).serialize(s);
        }
        match &self.de {
            None => s.serialize_str(&self.en),
            Some(de) => {
                use serde::ser::SerializeMap;
                let mut m = s.serialize_map(Some(2))?;
                m.serialize_entry("en", &self.en)?;
                m.serialize_entry("de", de)?;
                m.end()
            }
        }
    }
}

/// Replaces `{name}` placeholders in one pass; unknown placeholders stay as
/// they are, and a value is inserted literally (a `{name}` inside a value,
/// e.g. typed by the user, is never expanded).
pub fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        match after.split_once('}') {
            Some((name, next)) if !name.contains('{') => {
                match vars.iter().find(|(k, _)| *k == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = next;
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn fill_replaces_known_placeholders_once_and_keeps_values_literal() {
        let vars = [("a", "{b}"), ("b", "B")];
        assert_eq!(fill("x {a} y {b} z {c}", &vars), "x {b} y B z {c}");
        assert_eq!(fill("{{a}} {", &vars), "{{b}} {");
        assert_eq!(fill("no braces", &vars), "no braces");
        assert_eq!(fill("ends {a", &vars), "ends {a");
    }
}
