//! How old the loaded lists are: a list's age in days from its own
//! generation date to "today" (the caller's; the core reads no clock), and
//! the warning a list older than the company's limit gets, in words.

use super::record::ListStamp;
use super::register::{date_of, days};
use crate::core::text::Lang;

/// Lists older than this many days are flagged unless the user sets
/// another limit.
pub const DEFAULT_MAX_LIST_AGE_DAYS: u32 = 7;

/// Whole days from a list's generation date (a date or a timestamp that
/// starts with one) to `today` (`YYYY-MM-DD`); None when either is not a
/// date. A list dated after today is 0 days old.
pub fn age_days(generated: &str, today: &str) -> Option<u32> {
    let g = days(date_of(generated.trim())?)?;
    let t = days(today)?;
    Some(u32::try_from(t.saturating_sub(g).max(0)).unwrap_or(u32::MAX))
}

/// A list's age in words (`"3 days"`, `"1 day"`; "no date in the file").
pub fn age_text(generated: Option<&str>, today: &str, lang: Lang) -> String {
    match (generated.and_then(|g| age_days(g, today)), lang) {
        (Some(1), Lang::En) => "1 day old".into(),
        (Some(n), Lang::En) => format!("{n} days old"),
        (Some(1), Lang::De) => "1 Tag alt".into(),
        (Some(n), Lang::De) => format!("{n} Tage alt"),
        (None, Lang::En) => "age unknown: the file states no date".into(),
        (None, Lang::De) => "Alter unbekannt: die Datei nennt kein Datum".into(),
    }
}

/// Sets each list's `warning` when it is dated and older than `max_days`
/// on `today`.
pub fn flag_stale(lists: &mut [ListStamp], today: &str, max_days: u32, lang: Lang) {
    for l in lists.iter_mut() {
        l.warning = stale_warnings(std::slice::from_ref(l), today, max_days, lang).pop();
    }
}

/// One warning in words for each dated list older than `max_days` on
/// `today`.
pub fn stale_warnings(lists: &[ListStamp], today: &str, max_days: u32, lang: Lang) -> Vec<String> {
    lists
        .iter()
        .filter_map(|l| {
            let generated = l.generated.as_deref()?;
            let age = age_days(generated, today)?;
            (age > max_days).then(|| match lang {
                Lang::En => format!(
                    "The list {} ({}) is {age} days old (generated {generated}, checked on {today}); the limit is {max_days} days: load the current file before relying on this screening.",
                    l.label, l.format
                ),
                Lang::De => format!(
                    "Die Liste {} ({}) ist {age} Tage alt (erstellt {generated}, geprüft am {today}); die Grenze ist {max_days} Tage: laden Sie die aktuelle Datei, bevor Sie sich auf diese Prüfung stützen.",
                    l.label, l.format
                ),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(label: &str, generated: Option<&str>) -> ListStamp {
        ListStamp {
            key: label.into(),
            label: label.into(),
            format: "un".into(),
            generated: generated.map(str::to_string),
            sha256: "sha256:0".into(),
            entries: 1,
            warning: None,
        }
    }

    #[test]
    fn ages_count_whole_days_from_the_generation_date() {
        assert_eq!(age_days("2026-02-27T00:00:09.554Z", "2026-03-06"), Some(7));
        assert_eq!(
            age_days("2026-07-31T18:40:51.000+02:00", "2026-08-01"),
            Some(1)
        );
        assert_eq!(age_days("2024-02-28", "2024-03-01"), Some(2), "leap day");
        assert_eq!(age_days("2026-12-05", "2026-12-03"), Some(0));
        assert_eq!(age_days("last week", "2026-12-03"), None);
        assert_eq!(age_days("2026-12-01", "today"), None);
        assert_eq!(
            age_text(Some("2026-12-02"), "2026-12-03", Lang::En),
            "1 day old"
        );
        assert_eq!(
            age_text(Some("2026-11-01"), "2026-12-03", Lang::De),
            "32 Tage alt"
        );
        assert!(age_text(None, "2026-12-03", Lang::En).contains("no date"));
    }

    #[test]
    fn only_dated_lists_past_the_limit_are_flagged() {
        let lists = [
            stamp("un.xml", Some("2026-02-27T00:00:09.554Z")),
            stamp("fresh.xml", Some("2026-03-01")),
            stamp("sdn.csv", None),
        ];
        let w = stale_warnings(&lists, "2026-03-07", 7, Lang::En);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].starts_with("The list un.xml (un) is 8 days old"),
            "{}",
            w[0]
        );
        assert!(w[0].contains("the limit is 7 days"));
        assert!(stale_warnings(&lists, "2026-03-07", 8, Lang::En).is_empty());
        assert!(stale_warnings(&lists, "2026-03-07", 0, Lang::De)[1].contains("6 Tage alt"));
    }
}
