//! Where to turn when it gets heavy: crisis lines, emergency numbers and lines for violence at
//! home, for the person's country, shown as plain text in the app's help panel.
//!
//! The contacts are data (`assets/help/contacts.toml`), embedded in the binary and checked here
//! when parsed: every number names the public page it was checked against and the day. A
//! country that is not listed gets the international directory and "your local emergency
//! number", never a guess.
//!
//! This module never dials, opens a link or reaches the network; it only returns text. It must
//! never decide that someone is in crisis: the app offers the panel, the person chooses.
//!
//! ```
//! use attune::help::Contacts;
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let contacts = Contacts::builtin()?;
//! let words = attune::i18n::Words::new("pt-BR");
//! let brazil = contacts.for_country(Some("BR"), &words);
//! assert!(brazil.lines.iter().any(|l| l.number == "188"));
//! let elsewhere = contacts.for_country(Some("NZ"), &words);
//! assert!(elsewhere.lines.is_empty() && elsewhere.directory == "findahelpline.com");
//! # Ok(()) }
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

const BUILTIN: &str = include_str!("../../assets/help/contacts.toml");
const BUILTIN_FILE: &str = "assets/help/contacts.toml";

/// What kind of page a number was checked against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum SourceKind {
    /// The service's own site, or a government site that runs or funds it.
    Official,
    /// A news report, an encyclopedia, or an announcement quoted in the press.
    Secondary,
}

/// One way to reach help, as the panel shows it (in one language).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HelpLine {
    pub name: String,
    /// As dialled, with spaces for reading.
    pub number: String,
    /// A web address for chat, as text, if the service has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub chat: Option<String>,
    /// Who it is for and when it answers.
    pub what: String,
    /// The public page the number was checked against.
    pub source: String,
    pub source_kind: SourceKind,
    /// The day it was checked.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub verified: NaiveDate,
}

/// One way to reach help, as written in the file: `what` in every language Attune speaks.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LineDoc {
    name: String,
    number: String,
    #[serde(default)]
    chat: Option<String>,
    what: std::collections::BTreeMap<String, String>,
    source: String,
    source_kind: SourceKind,
    verified: NaiveDate,
}

impl LineDoc {
    /// The line with `what` in `locale` (English when that language is missing).
    fn in_locale(&self, locale: &str) -> HelpLine {
        let what = self.what.get(locale).or_else(|| self.what.get(crate::i18n::DEFAULT_LOCALE));
        HelpLine {
            name: self.name.clone(),
            number: self.number.clone(),
            chat: self.chat.clone(),
            what: what.cloned().unwrap_or_default(),
            source: self.source.clone(),
            source_kind: self.source_kind,
            verified: self.verified,
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Country {
    code: String,
    name: String,
    #[serde(default)]
    emergency: Option<LineDoc>,
    #[serde(default)]
    line: Vec<LineDoc>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Fallback {
    directory: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    fallback: Fallback,
    country: Vec<Country>,
}

/// What is wrong with a contacts file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum HelpError {
    #[error("{file}: not a readable contacts file: {detail}")]
    Syntax { file: String, detail: String },
    #[error("{file}: country \"{code}\" is not a two-letter upper-case code")]
    BadCountryCode { file: String, code: String },
    #[error("{file}: country \"{code}\" is listed twice")]
    DuplicateCountry { file: String, code: String },
    #[error("{file}: {country} \"{line}\": {problem}")]
    BadLine { file: String, country: String, line: String, problem: &'static str },
}

/// The contacts of every listed country, checked.
#[derive(Clone, Debug)]
pub struct Contacts {
    countries: Vec<Country>,
    fallback: Fallback,
}

/// A country the person can choose in Settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HelpCountry {
    pub code: String,
    pub name: String,
}

/// What the help panel shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HelpView {
    /// The country shown, if it is listed; `None` when the panel falls back to the directory.
    pub country: Option<HelpCountry>,
    /// The emergency number, if one is listed for the country.
    pub emergency: Option<HelpLine>,
    /// What to say when no emergency number is listed ("your local emergency number").
    pub emergency_fallback: String,
    pub lines: Vec<HelpLine>,
    /// An international directory of crisis lines, as text.
    pub directory: String,
    pub directory_note: String,
    /// Every country the panel knows, for choosing another.
    pub countries: Vec<HelpCountry>,
    /// The aftercare contact of the pack being done, if it names one.
    pub aftercare: Option<Aftercare>,
}

/// A pack's own aftercare contact.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Aftercare {
    pub pack_title: String,
    pub organisation: Option<String>,
    pub contact: String,
}

impl Contacts {
    /// The contacts built into Attune.
    pub fn builtin() -> Result<Contacts, HelpError> {
        Contacts::parse(BUILTIN_FILE, BUILTIN)
    }

    /// Parses and checks a contacts file; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Contacts, HelpError> {
        let raw: File =
            toml::from_str(text).map_err(|e| HelpError::Syntax { file: file.to_owned(), detail: e.to_string() })?;
        let mut seen = std::collections::HashSet::new();
        for country in &raw.country {
            let code_ok = country.code.len() == 2 && country.code.chars().all(|c| c.is_ascii_uppercase());
            if !code_ok {
                return Err(HelpError::BadCountryCode { file: file.to_owned(), code: country.code.clone() });
            }
            if !seen.insert(country.code.clone()) {
                return Err(HelpError::DuplicateCountry { file: file.to_owned(), code: country.code.clone() });
            }
            for line in country.line.iter().chain(&country.emergency) {
                let bad = |problem| HelpError::BadLine {
                    file: file.to_owned(),
                    country: country.code.clone(),
                    line: line.name.clone(),
                    problem,
                };
                if line.name.trim().is_empty() || line.number.trim().is_empty() {
                    return Err(bad("name and number must not be empty"));
                }
                let said = |locale: &str| line.what.get(locale).is_some_and(|w| !w.trim().is_empty());
                if !crate::i18n::LOCALES.iter().all(|l| said(l)) {
                    return Err(bad("`what` must say who it is for in every language (what.en, what.pt-BR, what.es)"));
                }
                if !line.number.chars().any(|c| c.is_ascii_digit()) {
                    return Err(bad("the number has no digits"));
                }
                if !(line.source.starts_with("https://") || line.source.starts_with("http://")) {
                    return Err(bad("the source must be the address of a public page"));
                }
            }
        }
        Ok(Contacts { countries: raw.country, fallback: raw.fallback })
    }

    /// Every listed country, in file order.
    pub fn countries(&self) -> Vec<HelpCountry> {
        self.countries.iter().map(|c| HelpCountry { code: c.code.clone(), name: c.name.clone() }).collect()
    }

    /// What the panel shows for `code` (any case), in `words`' language; an unknown or missing
    /// country gets the directory and the words for the local emergency number.
    pub fn for_country(&self, code: Option<&str>, words: &crate::i18n::Words) -> HelpView {
        let found = code.and_then(|code| self.countries.iter().find(|c| c.code.eq_ignore_ascii_case(code)));
        let locale = words.locale();
        HelpView {
            country: found.map(|c| HelpCountry { code: c.code.clone(), name: c.name.clone() }),
            emergency: found.and_then(|c| c.emergency.as_ref()).map(|l| l.in_locale(locale)),
            emergency_fallback: words.get("help-emergency-fallback"),
            lines: found.map(|c| c.line.iter().map(|l| l.in_locale(locale)).collect()).unwrap_or_default(),
            directory: self.fallback.directory.clone(),
            directory_note: words.get("help-directory-note"),
            countries: self.countries(),
            aftercare: None,
        }
    }
}

/// The country of a POSIX locale such as `pt_BR.UTF-8` or `en_GB@euro` (`BR`, `GB`), if it
/// names one. `C`, `POSIX` and a bare language (`de`) name none.
pub fn country_from_locale(locale: &str) -> Option<String> {
    let name = locale.split(['.', '@']).next()?;
    let (_, region) = name.split_once(['_', '-'])?;
    (region.len() == 2 && region.chars().all(|c| c.is_ascii_alphabetic())).then(|| region.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    use crate::i18n::Words;

    fn builtin() -> Contacts {
        Contacts::builtin().expect("the built-in contacts parse and pass their checks")
    }

    #[test]
    fn every_number_names_its_source_page_and_the_day_it_was_checked() {
        let contacts = builtin();
        for country in &contacts.countries {
            for line in country.line.iter().chain(&country.emergency) {
                assert!(line.source.starts_with("http"), "{} {} has a source page", country.code, line.name);
                assert!(
                    line.verified >= NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                    "{} {} was checked recently",
                    country.code,
                    line.name
                );
            }
        }
    }

    #[test]
    fn brazil_has_exactly_the_four_lines_the_guide_names() {
        let view = builtin().for_country(Some("BR"), &Words::default());
        let numbers: Vec<&str> = view.lines.iter().map(|l| l.number.as_str()).collect();
        assert_eq!(numbers, ["188", "192", "180", "100"], "CVV, SAMU, Ligue 180 and Disque 100, in that order");
        assert_eq!(view.lines[0].chat.as_deref(), Some("cvv.org.br"), "CVV's chat is named");
    }

    #[rstest]
    #[case(Some("NZ"))]
    #[case(Some("xx"))]
    #[case(None)]
    fn an_unknown_country_gets_the_directory_and_the_local_emergency_number(#[case] code: Option<&str>) {
        let view = builtin().for_country(code, &Words::default());
        assert!(view.country.is_none() && view.lines.is_empty() && view.emergency.is_none());
        assert_eq!(view.directory, "findahelpline.com");
        assert_eq!(view.emergency_fallback, "your local emergency number");
    }

    #[test]
    fn the_panel_speaks_the_persons_language() {
        let view = builtin().for_country(Some("BR"), &Words::new("pt-BR"));
        assert!(view.lines[0].what.starts_with("Apoio emocional"), "{}", view.lines[0].what);
        assert_eq!(view.emergency_fallback, "o número de emergência local");
        let view = builtin().for_country(Some("MX"), &Words::new("es"));
        assert!(view.lines[0].what.starts_with("Salud mental"), "{}", view.lines[0].what);
        let text = BUILTIN.replacen("what.es = \"Apoyo emocional", "what.fr = \"Apoyo emocional", 1);
        assert!(
            matches!(Contacts::parse("x.toml", &text), Err(HelpError::BadLine { .. })),
            "every language is required"
        );
    }

    #[test]
    fn the_countries_the_issue_names_are_listed() {
        let codes: Vec<String> = builtin().countries().into_iter().map(|c| c.code).collect();
        for code in ["BR", "PT", "ES", "US", "GB", "DE", "MX"] {
            assert!(codes.iter().any(|c| c == code), "{code} is listed");
        }
        assert!(builtin().for_country(Some("br"), &Words::default()).country.is_some(), "codes match in any case");
    }

    #[test]
    fn a_line_without_a_source_page_is_refused() {
        let text = BUILTIN.replacen("source = \"https://www.gov.br", "source = \"gov.br", 1);
        let err = Contacts::parse("x.toml", &text).unwrap_err();
        assert!(matches!(err, HelpError::BadLine { .. }), "{err}");
        let text = BUILTIN.replacen("verified = \"2026-11-30\"\n", "", 1);
        assert!(Contacts::parse("x.toml", &text).is_err(), "a line without its day is refused");
    }

    #[rstest]
    #[case("pt_BR.UTF-8", Some("BR"))]
    #[case("en_GB@euro", Some("GB"))]
    #[case("es-MX", Some("MX"))]
    #[case("de", None)]
    #[case("C.UTF-8", None)]
    #[case("POSIX", None)]
    #[case("", None)]
    fn a_locale_names_its_country(#[case] locale: &str, #[case] country: Option<&str>) {
        assert_eq!(country_from_locale(locale).as_deref(), country);
    }
}
