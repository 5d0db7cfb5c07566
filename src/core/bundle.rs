//! The web bundle: the validated rule set (with its translations), the
//! destination data and the UI message catalogue in one compact binary file
//! in the postcard format. `export-assessor bundle` writes it with serde at
//! build time; the wasm reads it with the small hand-written reader below,
//! which costs a fraction of generated deserialisers. The reader also runs
//! natively, in the tests, against the serde writer.

use std::collections::BTreeMap;

use super::condition::{Condition, CountSpec, QuestionValue, QuestionValues};
use super::destinations::{
    ArmsEmbargo, Authority, BanKind, Country, CountryName, DestFact, Destinations,
    DestinationsFile, DualUseBan, EuEmbargo, ListBasis, MonitoringKind, MonitoringRegime, Status,
};
use super::error::LoadError;
use super::outcome::Outcome;
use super::provenance::{Change, ChangelogEntry, SourceClass};
use super::ruleset::{
    CategorySpec, Choice, CountryScope, FindingKind, FindingRule, OutcomeRule, PartyScreeningSpec,
    Question, QuestionKind, RuleSet, ScoreSpec, Section,
};
use super::text::Text;

const INPUT: &str = "data bundle";
/// Bumped whenever the bundled types change shape.
pub const FORMAT: u32 = 5;
const MAGIC: &[u8; 8] = b"EXPASSv5";
const REBUILD: &str = "rebuild the app (bash scripts/build.sh) so the data bundle matches the wasm";

/// UI texts: `[English, German]` per message, in the order of a message
/// list, so the wasm carries no message keys.
pub type Texts = Vec<[String; 2]>;

#[cfg(not(target_arch = "wasm32"))]
#[derive(serde::Serialize)]
struct Bundle<'a> {
    format: u32,
    rules: &'a RuleSet,
    destinations: DestinationsFile,
    /// The questionnaire's texts, then the screening page's.
    texts: [&'a Texts; 2],
}

/// Writes a bundle (native only).
#[cfg(not(target_arch = "wasm32"))]
pub fn encode(
    rules: &RuleSet,
    destinations: &Destinations,
    app_texts: &Texts,
    screening_texts: &Texts,
) -> Vec<u8> {
    let bundle = Bundle {
        format: FORMAT,
        rules,
        destinations: destinations.to_file(),
        texts: [app_texts, screening_texts],
    };
    let mut out = MAGIC.to_vec();
    out.extend(postcard::to_allocvec(&bundle).unwrap_or_default());
    out
}

/// What a bundle holds.
#[derive(Debug)]
pub struct Contents {
    pub rules: RuleSet,
    pub destinations: Destinations,
    pub app_texts: Texts,
    pub screening_texts: Texts,
}

/// Reads a bundle. A bundle from another build gets an error that says to
/// rebuild, never a panic.
pub fn decode(bytes: &[u8]) -> Result<Contents, LoadError> {
    let Some(body) = bytes.strip_prefix(MAGIC.as_slice()) else {
        return Err(LoadError::new(
            INPUT,
            "header",
            "this is not an export-assessor data bundle of this version",
            REBUILD,
        ));
    };
    let mut r = Reader { b: body, i: 0 };
    if r.u32()? != FORMAT {
        return Err(r.bad());
    }
    let rules = r.rules()?;
    let destinations = r.destinations()?;
    let app_texts = r.vec(|r| Ok([r.string()?, r.string()?]))?;
    let screening_texts = r.vec(|r| Ok([r.string()?, r.string()?]))?;
    if r.i != r.b.len() {
        return Err(r.bad());
    }
    Ok(Contents {
        rules: rules.finish()?,
        destinations: Destinations::from_file(destinations)?,
        app_texts,
        screening_texts,
    })
}

/// A postcard reader: varints, zigzag integers, length-prefixed strings and
/// sequences, 0/1 option tags, enum variants by index, struct fields in order.
struct Reader<'a> {
    b: &'a [u8],
    i: usize,
}

type R<T> = Result<T, LoadError>;

impl Reader<'_> {
    fn bad(&self) -> LoadError {
        LoadError::new(
            INPUT,
            format!("byte {}", self.i + MAGIC.len()),
            "the bundle is damaged or from another build",
            REBUILD,
        )
    }
    fn byte(&mut self) -> R<u8> {
        let b = *self.b.get(self.i).ok_or_else(|| self.bad())?;
        self.i += 1;
        Ok(b)
    }
    fn varint(&mut self) -> R<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(self.bad())
    }
    fn u32(&mut self) -> R<u32> {
        u32::try_from(self.varint()?).map_err(|_| self.bad())
    }
    fn i32(&mut self) -> R<i32> {
        let z = self.u32()?;
        Ok(((z >> 1) as i32) ^ -((z & 1) as i32))
    }
    fn len(&mut self) -> R<usize> {
        let n = self.varint()? as usize;
        // Every element takes at least a byte: a larger count is damage.
        if n > self.b.len() - self.i {
            return Err(self.bad());
        }
        Ok(n)
    }
    fn bool(&mut self) -> R<bool> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(self.bad()),
        }
    }
    fn string(&mut self) -> R<String> {
        let n = self.len()?;
        let s = std::str::from_utf8(&self.b[self.i..self.i + n])
            .map_err(|_| self.bad())?
            .to_string();
        self.i += n;
        Ok(s)
    }
    fn opt<T>(&mut self, f: fn(&mut Self) -> R<T>) -> R<Option<T>> {
        if self.bool()? {
            f(self).map(Some)
        } else {
            Ok(None)
        }
    }
    fn vec<T>(&mut self, f: fn(&mut Self) -> R<T>) -> R<Vec<T>> {
        let n = self.len()?;
        (0..n).map(|_| f(self)).collect()
    }
    fn strings(&mut self) -> R<Vec<String>> {
        self.vec(Self::string)
    }
    fn variant<T: Copy>(&mut self, all: &[T]) -> R<T> {
        let i = self.u32()? as usize;
        all.get(i).copied().ok_or_else(|| self.bad())
    }
    fn text(&mut self) -> R<Text> {
        Ok(Text {
            en: self.string()?,
            de: self.opt(Self::string)?,
        })
    }

    fn condition(&mut self) -> R<Condition> {
        Ok(match self.u32()? {
            0 => Condition::Is(QuestionValue {
                q: self.string()?,
                v: self.string()?,
            }),
            1 => Condition::AnyOf(QuestionValues {
                q: self.string()?,
                v: self.strings()?,
            }),
            2 => Condition::Answered(self.string()?),
            3 => Condition::All(self.vec(Self::condition)?),
            4 => Condition::Any(self.vec(Self::condition)?),
            5 => Condition::Not(Box::new(self.condition()?)),
            6 => Condition::Finding(self.string()?),
            7 => Condition::Count(CountSpec {
                kind: self.finding_kind()?,
                min: self.u32()?,
            }),
            8 => Condition::Dest(self.variant(&DestFact::ALL)?),
            9 => Condition::AnnexLists(self.string()?),
            _ => return Err(self.bad()),
        })
    }
    fn finding_kind(&mut self) -> R<FindingKind> {
        self.variant(&FindingKind::ALL)
    }
    fn choice(&mut self) -> R<Choice> {
        Ok(Choice {
            id: self.string()?,
            label: self.text()?,
        })
    }
    fn kind(&mut self) -> R<QuestionKind> {
        let tag = self.u32()?;
        let options = self.opt(|r| r.vec(Self::choice))?;
        let exclusive = self.opt(Self::strings)?;
        let scope = self.opt(|r| r.variant(&[CountryScope::All, CountryScope::Eu]))?;
        let max_len = self.opt(|r| r.varint())?;
        let multiline = self.opt(Self::bool)?;
        Ok(match (tag, options, scope, max_len) {
            (0, ..) => QuestionKind::YesNo,
            (1, ..) => QuestionKind::YesNoUnknown,
            (2, Some(options), ..) => QuestionKind::Single { options },
            (3, Some(options), ..) => QuestionKind::Multi {
                options,
                exclusive: exclusive.unwrap_or_default(),
            },
            (4, _, Some(scope), _) => QuestionKind::Country { scope },
            (5, _, _, Some(max_len)) => QuestionKind::Text {
                max_len: max_len as usize,
                multiline: multiline.unwrap_or(false),
            },
            _ => return Err(self.bad()),
        })
    }
    fn question(&mut self) -> R<Question> {
        Ok(Question {
            id: self.string()?,
            section: self.string()?,
            required: self.bool()?,
            show_if: self.opt(Self::condition)?,
            kind: self.kind()?,
            text: self.text()?,
            help: self.text()?,
            citation: self.text()?,
            provenance: self.status()?,
            unconfirmed: self.opt(Self::text)?,
        })
    }
    fn finding(&mut self) -> R<FindingRule> {
        Ok(FindingRule {
            id: self.string()?,
            kind: self.finding_kind()?,
            category: self.opt(Self::string)?,
            weight: self.i32()?,
            when: self.condition()?,
            title: self.text()?,
            explanation: self.text()?,
            citation: self.text()?,
            provenance: self.status()?,
            unconfirmed: self.opt(Self::text)?,
            next_step: self.opt(Self::text)?,
        })
    }
    fn outcome_rule(&mut self) -> R<OutcomeRule> {
        const DECLARED: [Outcome; 7] = [
            Outcome::NotInScope,
            Outcome::ProceedDocumented,
            Outcome::Escalate,
            Outcome::Incomplete,
            Outcome::NotifyAuthority,
            Outcome::AuthorisationRequired,
            Outcome::Prohibited,
        ];
        Ok(OutcomeRule {
            id: self.string()?,
            outcome: self.variant(&DECLARED)?,
            when: self.condition()?,
            explanation: self.text()?,
            citation: self.text()?,
            provenance: self.status()?,
            next_steps: self.vec(Self::text)?,
            unconfirmed: self.opt(Self::text)?,
        })
    }
    fn rules(&mut self) -> R<RuleSet> {
        Ok(RuleSet {
            schema_version: self.u32()?,
            id: self.string()?,
            version: self.string()?,
            title: self.text()?,
            notice: self.text()?,
            member_state_question: self.string()?,
            destination_question: self.string()?,
            party_screening: self.opt(|r| {
                Ok(PartyScreeningSpec {
                    question: r.string()?,
                    parties: r.strings()?,
                })
            })?,
            score: ScoreSpec {
                categories: self.vec(|r| {
                    Ok(CategorySpec {
                        id: r.string()?,
                        label: r.text()?,
                        weight: r.u32()?,
                    })
                })?,
                note: self.text()?,
            },
            sections: self.vec(|r| {
                Ok(Section {
                    id: r.string()?,
                    title: r.text()?,
                })
            })?,
            questions: self.vec(Self::question)?,
            findings: self.vec(Self::finding)?,
            outcomes: self.vec(Self::outcome_rule)?,
            changelog: self.vec(Self::changelog_entry)?,
            compiled: Default::default(),
        })
    }

    fn status(&mut self) -> R<Status> {
        self.variant(&SourceClass::ALL)
    }
    fn changelog_entry(&mut self) -> R<ChangelogEntry> {
        Ok(ChangelogEntry {
            version: self.string()?,
            date: self.string()?,
            changes: self.vec(|r| {
                Ok(Change {
                    what: r.string()?,
                    why: r.string()?,
                    source: r.string()?,
                })
            })?,
        })
    }
    fn authority(&mut self) -> R<Authority> {
        Ok(Authority {
            name: self.string()?,
            status: self.status()?,
            note: self.opt(Self::string)?,
            sources: self.strings()?,
        })
    }
    fn country(&mut self) -> R<Country> {
        Ok(Country {
            code: self.string()?,
            name: CountryName {
                en: self.string()?,
                de: self.string()?,
            },
            eu_member: self.bool()?,
            competent_authority: self.opt(Self::authority)?,
            sanctions_authority: self.opt(Self::authority)?,
            arms_embargo: self.opt(|r| {
                Ok(ArmsEmbargo {
                    un: r.bool()?,
                    eu: r.variant(&[
                        EuEmbargo::None,
                        EuEmbargo::Binding,
                        EuEmbargo::Political,
                        EuEmbargo::Other,
                        EuEmbargo::Osce,
                    ])?,
                    internal_repression: r.bool()?,
                    status: r.status()?,
                    note: r.opt(Self::string)?,
                    sources: r.strings()?,
                })
            })?,
            monitoring_regime: self.opt(|r| {
                Ok(MonitoringRegime {
                    kind: r.variant(&[MonitoringKind::Authorisation, MonitoringKind::Unclear])?,
                    act: r.string()?,
                    article: r.string()?,
                    annex: r.string()?,
                    categories: r.strings()?,
                    catch_all_article: r.opt(Self::string)?,
                    services_article: r.string()?,
                    authorities_annex: r.string()?,
                    refusal_test: r.text()?,
                    status: r.status()?,
                    note: r.opt(Self::text)?,
                    sources: r.strings()?,
                })
            })?,
            dual_use_ban: self.opt(|r| {
                Ok(DualUseBan {
                    kind: r.variant(&[BanKind::General, BanKind::Conditional])?,
                    act: r.string()?,
                    article: r.string()?,
                    scope: r.text()?,
                    exceptions: r.opt(Self::text)?,
                    enhancement_goods: r.opt(Self::string)?,
                    cyber_security_exception: r.bool()?,
                    status: r.status()?,
                    note: r.opt(Self::text)?,
                    sources: r.strings()?,
                })
            })?,
            sources: self.strings()?,
        })
    }
    fn list_basis(&mut self) -> R<ListBasis> {
        Ok(ListBasis {
            list: self.string()?,
            programme: self.string()?,
            act: self.string()?,
            eu_law: self.bool()?,
            status: self.status()?,
            note: self.opt(Self::text)?,
            sources: self.strings()?,
        })
    }
    fn destinations(&mut self) -> R<DestinationsFile> {
        Ok(DestinationsFile {
            schema_version: self.u32()?,
            as_of: self.string()?,
            title: self.string()?,
            notice: self.string()?,
            sources: {
                let n = self.len()?;
                let mut m = BTreeMap::new();
                for _ in 0..n {
                    let k = self.string()?;
                    m.insert(k, self.string()?);
                }
                m
            },
            list_bases: self.vec(Self::list_basis)?,
            changelog: self.vec(Self::changelog_entry)?,
            countries: self.vec(Self::country)?,
        })
    }
}
