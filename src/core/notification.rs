//! The draft notification to the competent authority (Art. 5(2)), filled
//! from a sealed report. The exporter completes the bracketed parts.

use super::answers::AnswerValue;
use super::destinations::Destinations;
use super::evaluate::authority_for;
use super::report::Report;
use super::ruleset::{QuestionKind, RuleSet};
use super::text::{fill, Lang};

struct Template {
    to: &'static str,
    subject: &'static str,
    body: &'static str,
    exporter: &'static str,
    item: &'static str,
    description: &'static str,
    destination: &'static str,
    end_user: &'static str,
    consignee: &'static str,
    findings: &'static str,
    reference: &'static str,
    closing: &'static str,
}

const EN: Template = Template {
    to: "To: {authority}",
    subject: "Subject: Notification under Article 5(2) of Regulation (EU) 2021/821 – {item}",
    body: "Dear Sir or Madam,\n\nWe hereby notify you, under Article 5(2) of Regulation (EU) 2021/821, of a proposed export of a cyber-surveillance item not listed in Annex I. According to our due-diligence findings, we are aware that the item is intended, in its entirety or in part, for use in connection with internal repression and/or the commission of serious violations of human rights and international humanitarian law. We will not export the item until you have decided whether the export is subject to authorisation.",
    exporter: "Exporter: [name, address, contact person] – established in {member_state}",
    item: "Item: {item}",
    description: "Description: {description}",
    destination: "Country of final destination: {destination}",
    end_user: "End-user: {end_user} ({end_user_type})",
    consignee: "Consignee / intermediary: {consignee}",
    findings: "Findings of our due diligence:",
    reference: "Reference: assessment sealed with {fingerprint} (rule set {rule_set}, destination data as of {as_of}, created {created}, last changed {updated}). The full report is attached.",
    closing: "Yours faithfully,\n\n[place, date]\n[name, function, signature]",
};

const DE: Template = Template {
    to: "An: {authority}",
    subject: "Betreff: Unterrichtung nach Artikel 5 Absatz 2 der Verordnung (EU) 2021/821 – {item}",
    body: "Sehr geehrte Damen und Herren,\n\nhiermit unterrichten wir Sie nach Artikel 5 Absatz 2 der Verordnung (EU) 2021/821 über die beabsichtigte Ausfuhr eines nicht in Anhang I aufgeführten Guts für digitale Überwachung. Aufgrund der Ergebnisse unserer Sorgfaltsprüfung ist uns bekannt, dass das Gut ganz oder teilweise für eine Verwendung im Zusammenhang mit interner Repression und/oder der Begehung schwerwiegender Verstöße gegen die Menschenrechte und das humanitäre Völkerrecht bestimmt ist. Wir werden das Gut nicht ausführen, bevor Sie entschieden haben, ob die Ausfuhr genehmigungspflichtig ist.",
    exporter: "Ausführer: [Name, Anschrift, Ansprechperson] – ansässig in {member_state}",
    item: "Gut: {item}",
    description: "Beschreibung: {description}",
    destination: "Endbestimmungsland: {destination}",
    end_user: "Endverwender: {end_user} ({end_user_type})",
    consignee: "Empfänger / Zwischenhändler: {consignee}",
    findings: "Ergebnisse unserer Sorgfaltsprüfung:",
    reference: "Bezug: Prüfung versiegelt mit {fingerprint} (Regelwerk {rule_set}, Länderdaten Stand {as_of}, erstellt {created}, zuletzt geändert {updated}). Der vollständige Bericht liegt bei.",
    closing: "Mit freundlichen Grüßen\n\n[Ort, Datum]\n[Name, Funktion, Unterschrift]",
};

/// The draft as plain text in `lang`. Texts of findings come from the
/// report, in the report's language.
pub fn draft_notification(
    rules: &RuleSet,
    destinations: &Destinations,
    report: &Report,
    lang: Lang,
) -> String {
    let t = match lang {
        Lang::En => &EN,
        Lang::De => &DE,
    };
    let text = |q: &str| {
        report
            .answers
            .get(q)
            .and_then(AnswerValue::as_one)
            .unwrap_or("")
            .to_string()
    };
    let dash = "–".to_string();
    let or_dash = |s: String| if s.trim().is_empty() { dash.clone() } else { s };
    let (authority, member_state) = authority_for(rules, destinations, &report.answers, lang);
    let destination = {
        let code = text(&rules.destination_question);
        destinations
            .country(&code)
            .map(|c| format!("{} ({code})", c.name(lang)))
            .unwrap_or(code)
    };
    let end_user_type = rules
        .question("end_user_type")
        .and_then(|q| match &q.kind {
            QuestionKind::Single { options } => {
                let v = text("end_user_type");
                options
                    .iter()
                    .find(|o| o.id == v)
                    .map(|o| o.label.get(lang).to_string())
            }
            _ => None,
        })
        .unwrap_or_default();
    let rule_set = format!("{} {}", report.rule_set.id, report.rule_set.version);
    let vars: Vec<(&str, String)> = vec![
        ("authority", authority),
        ("member_state", member_state),
        ("item", or_dash(text("item_name"))),
        ("description", or_dash(text("item_description"))),
        ("destination", or_dash(destination)),
        ("end_user", or_dash(text("end_user_name"))),
        ("end_user_type", or_dash(end_user_type)),
        ("consignee", or_dash(text("consignee_name"))),
        ("fingerprint", report.fingerprint.clone()),
        ("rule_set", rule_set),
        ("as_of", report.destination_data_as_of.clone()),
        ("created", report.created_at.clone()),
        ("updated", report.updated_at.clone()),
    ];
    let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let f = |s: &str| fill(s, &vars);
    let mut out = vec![
        f(t.to),
        f(t.subject),
        String::new(),
        f(t.body),
        String::new(),
        f(t.exporter),
        f(t.item),
        f(t.description),
        f(t.destination),
        f(t.end_user),
        f(t.consignee),
        String::new(),
        t.findings.to_string(),
    ];
    for finding in report.findings.iter().filter(|x| {
        matches!(
            x.kind,
            super::ruleset::FindingKind::RedFlag
                | super::ruleset::FindingKind::Trigger
                | super::ruleset::FindingKind::Gap
        )
    }) {
        out.push(format!(
            "- {}: {} ({})",
            finding.title, finding.explanation, finding.citation
        ));
    }
    out.push(String::new());
    out.push(f(t.reference));
    out.push(String::new());
    out.push(t.closing.to_string());
    out.join("\n") + "\n"
}
