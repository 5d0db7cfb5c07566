//! The draft notification to the competent authority, filled from a sealed
//! report. Its legal basis follows the rules that decided the outcome:
//! Art. 4(2) (an Art. 4(1) use), Art. 5(2) (a cyber-surveillance item for
//! repression) and § 9(4) AWV (the German extension of Art. 5(2)). The
//! exporter types its own details; parts left empty stay bracketed.

use serde::{Deserialize, Serialize};

use super::answers::AnswerValue;
use super::destinations::Destinations;
use super::evaluate::authority_for;
use super::outcome::Outcome;
use super::report::Report;
use super::ruleset::{FindingKind, QuestionKind, RuleSet};
use super::text::{fill, Lang};

/// What the user types into the draft: free text, inserted as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NotificationInput {
    /// Name and address of the exporter.
    pub exporter: String,
    /// Contact person, telephone, e-mail.
    pub contact: String,
    /// Anything else the authority should know.
    pub remarks: String,
    pub place_date: String,
    /// Name and function of who signs.
    pub signatory: String,
}

impl NotificationInput {
    pub fn is_empty(&self) -> bool {
        [
            &self.exporter,
            &self.contact,
            &self.remarks,
            &self.place_date,
            &self.signatory,
        ]
        .iter()
        .all(|s| s.trim().is_empty())
    }
}

/// The provisions a notification is made under. All false: the deciding
/// rules (e.g. a company extension's) name none of them, and the draft
/// cites their own citations instead.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Basis {
    /// Reg. (EU) 2021/821, Art. 4(2): aware of a use referred to in Art. 4(1).
    pub art4_2: bool,
    /// Reg. (EU) 2021/821, Art. 5(2): aware of a use in internal repression
    /// or serious violations of human rights or humanitarian law.
    pub art5_2: bool,
    /// § 9(4) AWV (Germany): the Art. 5(2) duty for knowledge from other sources.
    pub awv_9_4: bool,
}

/// The provisions behind a report's duty to notify, from the rules that
/// decided it; None when the outcome is not `notify_authority` (no draft
/// is due).
pub fn notification_basis(report: &Report) -> Option<Basis> {
    if report.outcome != Outcome::NotifyAuthority {
        return None;
    }
    let mut b = Basis::default();
    for rule in &report.decided_by {
        // The built-in rules by id; others by their citation (in either
        // language of the report).
        let c = rule.citation.as_str();
        match rule.id.as_str() {
            "notify_art4_2" => b.art4_2 = true,
            "notify_art5_2" | "notify_art5_2_possible" => b.art5_2 = true,
            "notify_de_9_4" => b.awv_9_4 = true,
            _ => {
                b.art4_2 |= c.contains("Art. 4(2)") || c.contains("Art. 4 Abs. 2");
                b.art5_2 |= c.contains("Art. 5(2)") || c.contains("Art. 5 Abs. 2");
                b.awv_9_4 |= c.contains("9(4) AWV") || c.contains("9 Abs. 4 AWV");
            }
        }
    }
    Some(b)
}

struct Words {
    to: &'static str,
    subject: &'static str,
    subject_other: &'static str,
    art4_2: &'static str,
    art5_2: &'static str,
    both: &'static str,
    awv: &'static str,
    and: &'static str,
    greeting: &'static str,
    opening: &'static str,
    opening_other: &'static str,
    cs_item: &'static str,
    dual_use_item: &'static str,
    aware_art5_2: &'static str,
    aware_awv: &'static str,
    aware_art4_2: &'static str,
    grounds_other: &'static str,
    decide: &'static str,
    exporter: &'static str,
    contact: &'static str,
    item: &'static str,
    description: &'static str,
    destination: &'static str,
    end_user: &'static str,
    consignee: &'static str,
    findings: &'static str,
    remarks: &'static str,
    reference: &'static str,
    closing: &'static str,
    /// What stays in brackets while the user has typed nothing.
    blank_exporter: &'static str,
    blank_contact: &'static str,
    blank_remarks: &'static str,
    blank_place_date: &'static str,
    blank_signatory: &'static str,
}

const EN: Words = Words {
    to: "To: {authority}",
    subject: "Subject: Notification under {basis} – {item}",
    subject_other: "Subject: Notification of a proposed export – {item}",
    art4_2: "Article 4(2) of Regulation (EU) 2021/821",
    art5_2: "Article 5(2) of Regulation (EU) 2021/821",
    both: "Article 4(2) and Article 5(2) of Regulation (EU) 2021/821",
    awv: "§ 9(4) of the German Foreign Trade and Payments Ordinance (AWV)",
    and: " and ",
    greeting: "Dear Sir or Madam,",
    opening: "We hereby notify you, under {basis}, of a proposed export of {goods}.",
    opening_other: "We hereby notify you of a proposed export of an item not listed in Annex I to Regulation (EU) 2021/821.",
    cs_item: "a cyber-surveillance item not listed in Annex I to Regulation (EU) 2021/821",
    dual_use_item: "a dual-use item not listed in Annex I to Regulation (EU) 2021/821",
    aware_art5_2: "According to our due-diligence findings, we are aware that the item is intended, in its entirety or in part, for use in connection with internal repression and/or the commission of serious violations of human rights and international humanitarian law.",
    aware_awv: "We know from information that did not come from our due diligence that the item is intended, in its entirety or in part, for use in connection with internal repression and/or the commission of serious violations of human rights and international humanitarian law; § 9(4) AWV extends the duty to notify under Article 5(2) of Regulation (EU) 2021/821 to such knowledge.",
    aware_art4_2: "We are aware that the item is intended, in its entirety or in part, for a use referred to in Article 4(1) of Regulation (EU) 2021/821: in connection with chemical, biological or nuclear weapons or other nuclear explosive devices or missiles capable of delivering such weapons; a military end-use where the purchasing country or the country of destination is subject to an arms embargo; or use as parts or components of military items exported without or in violation of an authorisation.",
    grounds_other: "Our assessment found that the competent authority is to be notified, on these grounds: {grounds}.",
    decide: "We understand that you will decide whether to make the export subject to authorisation. We will not export the item until you have decided.",
    exporter: "Exporter: {exporter} – established in {member_state}",
    contact: "Contact: {contact}",
    item: "Item: {item}",
    description: "Description: {description}",
    destination: "Country of final destination: {destination}",
    end_user: "End-user: {end_user} ({end_user_type})",
    consignee: "Consignee / intermediary: {consignee}",
    findings: "Findings of our due diligence:",
    remarks: "Remarks: {remarks}",
    reference: "Reference: assessment sealed with {fingerprint} (rule set {rule_set}, destination data as of {as_of}, created {created}, last changed {updated}). The full report is attached.",
    closing: "Yours faithfully,\n\n{place_date}\n{signatory}",
    blank_exporter: "[name, address, contact person]",
    blank_contact: "[telephone, e-mail]",
    blank_remarks: "[anything else the authority should know, or delete this line]",
    blank_place_date: "[place, date]",
    blank_signatory: "[name, function, signature]",
};

const DE: Words = Words {
    to: "An: {authority}",
    subject: "Betreff: Unterrichtung nach {basis} – {item}",
    subject_other: "Betreff: Unterrichtung über eine beabsichtigte Ausfuhr – {item}",
    art4_2: "Artikel 4 Absatz 2 der Verordnung (EU) 2021/821",
    art5_2: "Artikel 5 Absatz 2 der Verordnung (EU) 2021/821",
    both: "Artikel 4 Absatz 2 und Artikel 5 Absatz 2 der Verordnung (EU) 2021/821",
    awv: "§ 9 Absatz 4 der Außenwirtschaftsverordnung (AWV)",
    and: " und ",
    greeting: "Sehr geehrte Damen und Herren,",
    opening: "hiermit unterrichten wir Sie nach {basis} über die beabsichtigte Ausfuhr {goods}.",
    opening_other: "hiermit unterrichten wir Sie über die beabsichtigte Ausfuhr eines nicht in Anhang I der Verordnung (EU) 2021/821 aufgeführten Guts.",
    cs_item: "eines nicht in Anhang I der Verordnung (EU) 2021/821 aufgeführten Guts für digitale Überwachung",
    dual_use_item: "eines nicht in Anhang I der Verordnung (EU) 2021/821 aufgeführten Guts mit doppeltem Verwendungszweck",
    aware_art5_2: "Aufgrund der Ergebnisse unserer Sorgfaltsprüfung ist uns bekannt, dass das Gut ganz oder teilweise für eine Verwendung im Zusammenhang mit interner Repression und/oder der Begehung schwerwiegender Verstöße gegen die Menschenrechte und das humanitäre Völkerrecht bestimmt ist.",
    aware_awv: "Aus Informationen, die nicht aus unserer Sorgfaltsprüfung stammen, ist uns bekannt, dass das Gut ganz oder teilweise für eine Verwendung im Zusammenhang mit interner Repression und/oder der Begehung schwerwiegender Verstöße gegen die Menschenrechte und das humanitäre Völkerrecht bestimmt ist; § 9 Absatz 4 AWV erstreckt die Unterrichtungspflicht nach Artikel 5 Absatz 2 der Verordnung (EU) 2021/821 auf solche Kenntnisse.",
    aware_art4_2: "Uns ist bekannt, dass das Gut ganz oder teilweise für eine der in Artikel 4 Absatz 1 der Verordnung (EU) 2021/821 genannten Verwendungen bestimmt ist: im Zusammenhang mit chemischen, biologischen oder Kernwaffen oder sonstigen Kernsprengkörpern oder Flugkörpern, die solche Waffen tragen können; für eine militärische Endverwendung, wenn für das Käufer- oder Bestimmungsland ein Waffenembargo gilt; oder als Teile oder Bestandteile von Militärgütern, die ohne oder entgegen einer Genehmigung ausgeführt wurden.",
    grounds_other: "Unsere Prüfung hat ergeben, dass die zuständige Behörde zu unterrichten ist, aus diesen Gründen: {grounds}.",
    decide: "Wir gehen davon aus, dass Sie entscheiden, ob die Ausfuhr genehmigungspflichtig wird. Wir werden das Gut nicht ausführen, bevor Sie entschieden haben.",
    exporter: "Ausführer: {exporter} – ansässig in {member_state}",
    contact: "Kontakt: {contact}",
    item: "Gut: {item}",
    description: "Beschreibung: {description}",
    destination: "Endbestimmungsland: {destination}",
    end_user: "Endverwender: {end_user} ({end_user_type})",
    consignee: "Empfänger / Zwischenhändler: {consignee}",
    findings: "Ergebnisse unserer Sorgfaltsprüfung:",
    remarks: "Bemerkungen: {remarks}",
    reference: "Bezug: Prüfung versiegelt mit {fingerprint} (Regelwerk {rule_set}, Länderdaten Stand {as_of}, erstellt {created}, zuletzt geändert {updated}). Der vollständige Bericht liegt bei.",
    closing: "Mit freundlichen Grüßen\n\n{place_date}\n{signatory}",
    blank_exporter: "[Name, Anschrift, Ansprechperson]",
    blank_contact: "[Telefon, E-Mail]",
    blank_remarks: "[weitere Angaben für die Behörde, oder diese Zeile löschen]",
    blank_place_date: "[Ort, Datum]",
    blank_signatory: "[Name, Funktion, Unterschrift]",
};

/// The provisions of `basis` named in a sentence, or None when it names none.
fn basis_words(t: &Words, b: Basis) -> Option<String> {
    let regulation = match (b.art4_2, b.art5_2) {
        (true, true) => Some(t.both),
        (true, false) => Some(t.art4_2),
        (false, true) => Some(t.art5_2),
        (false, false) => None,
    };
    let parts: Vec<&str> = regulation
        .into_iter()
        .chain(b.awv_9_4.then_some(t.awv))
        .collect();
    (!parts.is_empty()).then(|| parts.join(t.and))
}

/// The draft as plain text in `lang`. Texts of findings come from the
/// report, in the report's language. Answers and the user's `input` are
/// inserted as they are: a brace in them is text, not a placeholder.
pub fn draft_notification(
    rules: &RuleSet,
    destinations: &Destinations,
    report: &Report,
    lang: Lang,
    input: &NotificationInput,
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
    let or = |s: &str, blank: &str| {
        if s.trim().is_empty() {
            blank.to_string()
        } else {
            s.trim().to_string()
        }
    };
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
    // Not due (another outcome): a draft that claims no provision.
    let basis = notification_basis(report).unwrap_or_default();
    let named = basis_words(t, basis);
    let goods = if basis.art5_2 || basis.awv_9_4 {
        t.cs_item
    } else {
        t.dual_use_item
    };
    let grounds = report
        .decided_by
        .iter()
        .map(|r| r.citation.as_str())
        .fold(Vec::<&str>::new(), |mut v, c| {
            if !v.contains(&c) {
                v.push(c);
            }
            v
        })
        .join("; ");
    let vars: Vec<(&str, String)> = vec![
        ("authority", authority),
        ("member_state", member_state),
        ("basis", named.clone().unwrap_or_default()),
        ("goods", goods.to_string()),
        ("grounds", grounds.clone()),
        ("item", or(&text("item_name"), "–")),
        ("description", or(&text("item_description"), "–")),
        ("destination", or(&destination, "–")),
        ("end_user", or(&text("end_user_name"), "–")),
        ("end_user_type", or(&end_user_type, "–")),
        ("consignee", or(&text("consignee_name"), "–")),
        ("exporter", or(&input.exporter, t.blank_exporter)),
        ("contact", or(&input.contact, t.blank_contact)),
        ("remarks", or(&input.remarks, t.blank_remarks)),
        ("place_date", or(&input.place_date, t.blank_place_date)),
        ("signatory", or(&input.signatory, t.blank_signatory)),
        ("fingerprint", report.fingerprint.clone()),
        (
            "rule_set",
            format!("{} {}", report.rule_set.id, report.rule_set.version),
        ),
        ("as_of", report.destination_data_as_of.clone()),
        ("created", report.created_at.clone()),
        ("updated", report.updated_at.clone()),
    ];
    let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    // One pass: values are inserted literally, never read as templates.
    let f = |s: &str| fill(s, &vars);
    let mut out = vec![
        f(t.to),
        f(if named.is_some() {
            t.subject
        } else {
            t.subject_other
        }),
        String::new(),
        t.greeting.to_string(),
        String::new(),
    ];
    let mut body = Vec::new();
    if named.is_some() {
        body.push(f(t.opening));
        if basis.art5_2 {
            body.push(t.aware_art5_2.to_string());
        }
        if basis.awv_9_4 {
            body.push(t.aware_awv.to_string());
        }
        if basis.art4_2 {
            body.push(t.aware_art4_2.to_string());
        }
    } else {
        body.push(t.opening_other.to_string());
        if !grounds.is_empty() {
            body.push(f(t.grounds_other));
        }
    }
    body.push(t.decide.to_string());
    out.push(body.join(" "));
    out.extend([
        String::new(),
        f(t.exporter),
        f(t.contact),
        f(t.item),
        f(t.description),
        f(t.destination),
        f(t.end_user),
        f(t.consignee),
        String::new(),
        t.findings.to_string(),
    ]);
    for finding in report.findings.iter().filter(|x| {
        matches!(
            x.kind,
            FindingKind::RedFlag | FindingKind::Trigger | FindingKind::Gap
        )
    }) {
        out.push(format!(
            "- {}: {} ({})",
            finding.title, finding.explanation, finding.citation
        ));
    }
    out.extend([
        String::new(),
        f(t.remarks),
        String::new(),
        f(t.reference),
        String::new(),
        f(t.closing),
    ]);
    out.join("\n") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::{load_answers, Answers};
    use crate::core::evaluate::evaluate;

    fn context() -> (RuleSet, Destinations) {
        (
            RuleSet::eu_default().unwrap().clone(),
            Destinations::builtin().unwrap(),
        )
    }

    fn answers(scenario: &str, rules: &RuleSet, dest: &Destinations) -> Answers {
        let doc: serde_json::Value = serde_json::from_str(scenario).unwrap();
        let bytes = serde_json::to_vec(&serde_json::json!({ "answers": doc["answers"] })).unwrap();
        load_answers(&bytes, rules, dest).unwrap()
    }

    fn report(rules: &RuleSet, dest: &Destinations, answers: &Answers, lang: Lang) -> Report {
        let a = evaluate(rules, dest, answers);
        Report::build(
            rules,
            dest,
            answers,
            &a,
            lang,
            "2026-12-03T09:00:00Z",
            "2026-12-03T09:00:00Z",
        )
        .unwrap()
    }

    const ART5_2: &str =
        include_str!("../../tests/scenarios/018-notify-art5-2-egypt-emotion-recognition.json");
    const ART4_2: &str =
        include_str!("../../tests/scenarios/021-notify-art4-2-sudan-armed-forces.json");
    const DE_9_4: &str =
        include_str!("../../tests/scenarios/019-notify-de-other-source-kazakhstan.json");
    const PROCEED: &str =
        include_str!("../../tests/scenarios/001-proceed-cs-item-no-red-flags.json");

    fn ids(r: &Report) -> String {
        r.decided_by
            .iter()
            .map(|d| d.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    #[test]
    fn the_basis_follows_the_deciding_rules() {
        let (rules, dest) = context();
        let r5 = report(&rules, &dest, &answers(ART5_2, &rules, &dest), Lang::En);
        let r4 = report(&rules, &dest, &answers(ART4_2, &rules, &dest), Lang::En);
        assert_eq!(
            notification_basis(&r5),
            Some(Basis {
                art5_2: true,
                ..Basis::default()
            })
        );
        assert_eq!(
            notification_basis(&r4),
            Some(Basis {
                art4_2: true,
                ..Basis::default()
            })
        );
        let proceed = report(&rules, &dest, &answers(PROCEED, &rules, &dest), Lang::En);
        assert_eq!(notification_basis(&proceed), None);

        let en = draft_notification(&rules, &dest, &r4, Lang::En, &NotificationInput::default());
        assert!(en.contains("Subject: Notification under Article 4(2) of Regulation (EU) 2021/821 – SkyEye Analytics"), "{en}");
        assert!(en.contains("a use referred to in Article 4(1)"), "{en}");
        let letter = en.split("\nExporter:").next().unwrap();
        assert!(
            !letter.contains("Article 5(2)") && !letter.contains("internal repression"),
            "{en}"
        );
        assert!(en.contains("a dual-use item not listed"), "{en}");
        let de = draft_notification(&rules, &dest, &r4, Lang::De, &NotificationInput::default());
        assert!(
            de.contains(
                "Betreff: Unterrichtung nach Artikel 4 Absatz 2 der Verordnung (EU) 2021/821"
            ),
            "{de}"
        );
        assert!(
            de.contains(
                "in Artikel 4 Absatz 1 der Verordnung (EU) 2021/821 genannten Verwendungen"
            ),
            "{de}"
        );
    }

    #[test]
    fn both_articles_are_named_when_both_rules_decide() {
        let (rules, dest) = context();
        let mut a = answers(ART5_2, &rules, &dest);
        a.insert("aware_art4_uses".into(), AnswerValue::One("yes".into()));
        let r = report(&rules, &dest, &a, Lang::En);
        assert_eq!(
            notification_basis(&r),
            Some(Basis {
                art4_2: true,
                art5_2: true,
                awv_9_4: false
            }),
            "{}",
            ids(&r)
        );
        let en = draft_notification(&rules, &dest, &r, Lang::En, &NotificationInput::default());
        assert!(en.contains("Subject: Notification under Article 4(2) and Article 5(2) of Regulation (EU) 2021/821"), "{en}");
        assert!(
            en.contains("internal repression") && en.contains("Article 4(1)"),
            "{en}"
        );
        assert!(en.contains("a cyber-surveillance item not listed"), "{en}");
        let de = draft_notification(&rules, &dest, &r, Lang::De, &NotificationInput::default());
        assert!(
            de.contains("Artikel 4 Absatz 2 und Artikel 5 Absatz 2 der Verordnung (EU) 2021/821"),
            "{de}"
        );
    }

    #[test]
    fn the_german_other_source_rule_names_9_4_awv() {
        let (rules, dest) = context();
        let r = report(&rules, &dest, &answers(DE_9_4, &rules, &dest), Lang::De);
        let b = notification_basis(&r).unwrap();
        assert!(b.awv_9_4, "{}", ids(&r));
        let de = draft_notification(&rules, &dest, &r, Lang::De, &NotificationInput::default());
        assert!(
            de.contains("§ 9 Absatz 4 der Außenwirtschaftsverordnung (AWV)"),
            "{de}"
        );
    }

    #[test]
    fn empty_input_keeps_the_brackets_and_typed_input_replaces_them() {
        let (rules, dest) = context();
        let r = report(&rules, &dest, &answers(ART5_2, &rules, &dest), Lang::En);
        let blank = draft_notification(&rules, &dest, &r, Lang::En, &NotificationInput::default());
        for part in [
            "Exporter: [name, address, contact person] – established in",
            "Contact: [telephone, e-mail]",
            "[place, date]\n[name, function, signature]",
        ] {
            assert!(blank.contains(part), "missing \"{part}\" in\n{blank}");
        }
        let input = NotificationInput {
            exporter: "ACME GmbH, Hauptstr. 1, Berlin".into(),
            contact: "J. Doe, +49 30 123".into(),
            remarks: "Samples were shipped in 2025.".into(),
            place_date: "Berlin, 3 December 2026".into(),
            signatory: "Jane Doe, Export Control Officer".into(),
        };
        let typed = draft_notification(&rules, &dest, &r, Lang::En, &input);
        for part in [
            "Exporter: ACME GmbH, Hauptstr. 1, Berlin – established in",
            "Contact: J. Doe, +49 30 123",
            "Remarks: Samples were shipped in 2025.",
            "Berlin, 3 December 2026\nJane Doe, Export Control Officer",
        ] {
            assert!(typed.contains(part), "missing \"{part}\" in\n{typed}");
        }
        assert!(!typed.contains('['), "{typed}");
    }

    #[test]
    fn braces_in_answers_and_input_stay_as_typed() {
        let (rules, dest) = context();
        let mut a = answers(ART5_2, &rules, &dest);
        for (q, v) in [
            ("item_name", "{fingerprint}"),
            ("item_description", "{created}"),
            ("end_user_name", "{item}"),
            ("consignee_name", "{{created}}"),
        ] {
            a.insert(q.into(), AnswerValue::One(v.into()));
        }
        let r = report(&rules, &dest, &a, Lang::En);
        assert_eq!(
            r.answers["consignee_name"],
            AnswerValue::One("{{created}}".into())
        );
        let input = NotificationInput {
            exporter: "{authority}".into(),
            contact: "{contact}".into(),
            remarks: "{remarks} {updated}".into(),
            place_date: "{{place_date}}".into(),
            signatory: "{signatory".into(),
        };
        let text = draft_notification(&rules, &dest, &r, Lang::En, &input);
        for part in [
            "– {fingerprint}\n",
            "Item: {fingerprint}\n",
            "Description: {created}\n",
            "End-user: {item} (",
            "Consignee / intermediary: {{created}}\n",
            "Exporter: {authority} – established in",
            "Contact: {contact}\n",
            "Remarks: {remarks} {updated}\n",
            "{{place_date}}\n{signatory\n",
        ] {
            assert!(text.contains(part), "missing \"{part}\" in\n{text}");
        }
        // The real values appear only where the template puts them.
        assert_eq!(text.matches(r.fingerprint.as_str()).count(), 1, "{text}");
        assert_eq!(
            text.matches("created 2026-12-03T09:00:00Z").count(),
            1,
            "{text}"
        );
    }
}
