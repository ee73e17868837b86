//! The core's words in each language Attune speaks: what the core writes for people (insight
//! sentences, the exercise notice, check-in words, summary and recovery-sheet PDFs) comes from
//! Fluent catalogues, `locales/<locale>/attune.ftl`, embedded in the binary.
//!
//! Fluent (Project Fluent, <https://projectfluent.org>) rather than format strings: each
//! language writes its own plurals and word order, and a translator edits a text file. A
//! message missing in a language falls back to English; the test suite keeps every catalogue
//! complete, so that is a broken build rather than a half-translated screen.
//!
//! Locales are BCP 47 tags as Attune writes them: "en", "pt-BR", "es". [`resolve`] maps any tag
//! (a system's `pt_BR.UTF-8`, a browser's `es-MX`) to one of them.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// Every locale Attune speaks, English first.
pub const LOCALES: [&str; 3] = ["en", "pt-BR", "es"];

/// The locale used when nothing better is known.
pub const DEFAULT_LOCALE: &str = "en";

/// Each locale's catalogue, as embedded.
const CATALOGUES: [(&str, &str); 3] = [
    ("en", include_str!("../../locales/en/attune.ftl")),
    ("pt-BR", include_str!("../../locales/pt-BR/attune.ftl")),
    ("es", include_str!("../../locales/es/attune.ftl")),
];

/// One of [`LOCALES`] for any language tag: the same tag (case and `_` ignored, an encoding
/// such as `.UTF-8` dropped), else the same language ("pt-PT" reads "pt-BR"), else English.
pub fn resolve(tag: &str) -> &'static str {
    let tag = tag.split(['.', '@']).next().unwrap_or_default().replace('_', "-");
    let primary = |t: &str| t.split('-').next().unwrap_or_default().to_ascii_lowercase();
    LOCALES
        .into_iter()
        .find(|l| l.eq_ignore_ascii_case(&tag))
        .or_else(|| LOCALES.into_iter().find(|l| primary(l) == primary(&tag)))
        .unwrap_or(DEFAULT_LOCALE)
}

/// The system's language tag as the OS reports it, in BCP 47 form ("pt-BR", "en-GB"), if it
/// reports a usable one (`C` and `POSIX` are not).
pub fn system_tag() -> Option<String> {
    let tag = sys_locale::get_locale()?;
    let tag = tag.split(['.', '@']).next().unwrap_or_default().replace('_', "-");
    let usable = !tag.is_empty() && tag != "C" && tag != "POSIX";
    usable.then_some(tag)
}

/// The system's language as one of [`LOCALES`] (POSIX `LC_ALL`, `LC_MESSAGES`, `LANG`; the
/// user's language on macOS and Windows), English when it says nothing usable.
pub fn system_locale() -> &'static str {
    system_tag().map_or(DEFAULT_LOCALE, |tag| resolve(&tag))
}

/// A value for a message's variable.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Text(String),
    Number(f64),
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg::Text(text.to_owned())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Text(text)
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
            fn from(n: $t) -> Self {
                Arg::Number(n as f64)
            }
        }
    )*};
}
number_arg!(u8, u16, u32, u64, usize, i32, i64, f64);

/// The words of one locale: `Words::new("pt-BR").get("theme-shadow")`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Words {
    locale: &'static str,
}

impl Default for Words {
    fn default() -> Self {
        Words { locale: DEFAULT_LOCALE }
    }
}

impl Words {
    /// The words of `locale`, resolved as [`resolve`] says.
    pub fn new(locale: &str) -> Words {
        Words { locale: resolve(locale) }
    }

    /// The locale these words are in, one of [`LOCALES`].
    pub fn locale(&self) -> &'static str {
        self.locale
    }

    /// A message without variables.
    pub fn get(&self, id: &str) -> String {
        self.with(id, &[])
    }

    /// A message with its variables filled in. A message this locale lacks comes from English;
    /// one no catalogue has comes back as its id (the tests keep that from happening).
    pub fn with(&self, id: &str, args: &[(&str, Arg)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Text(text) => fluent_args.set(*name, FluentValue::from(text.as_str())),
                Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
            }
        }
        [self.locale, DEFAULT_LOCALE]
            .into_iter()
            .find_map(|locale| format(bundle(locale)?, id, &fluent_args))
            .unwrap_or_else(|| id.to_owned())
    }
}

/// How a date is written, each locale's own way (the pattern is in its catalogue).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateStyle {
    /// "1 March 2026", "1 de março de 2026".
    Long,
    /// "1 Mar 2026".
    Short,
    /// "1 March", for the first day of a period within one year.
    DayMonth,
    /// "Sunday 1 March 2026".
    Weekday,
}

impl Words {
    /// `day` written in this locale: month and weekday names from the Unicode CLDR data
    /// (through chrono's `unstable-locales`), the order from the catalogue's `date-*` pattern.
    pub fn date(&self, day: chrono::NaiveDate, style: DateStyle) -> String {
        let id = match style {
            DateStyle::Long => "date-long",
            DateStyle::Short => "date-short",
            DateStyle::DayMonth => "date-day-month",
            DateStyle::Weekday => "date-weekday",
        };
        let pattern = self.get(id);
        let locale = match self.locale {
            "pt-BR" => chrono::Locale::pt_BR,
            "es" => chrono::Locale::es_ES,
            _ => chrono::Locale::en_GB,
        };
        day.format_localized(&pattern, locale).to_string()
    }
}

fn format(bundle: &FluentBundle<FluentResource>, id: &str, args: &FluentArgs<'_>) -> Option<String> {
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(args), &mut errors);
    Some(text.into_owned())
}

/// The parsed catalogue of `locale`, built once per process.
fn bundle(locale: &str) -> Option<&'static FluentBundle<FluentResource>> {
    static BUNDLES: OnceLock<Vec<(&'static str, FluentBundle<FluentResource>)>> = OnceLock::new();
    let bundles = BUNDLES.get_or_init(|| {
        CATALOGUES
            .into_iter()
            .filter_map(|(locale, text)| {
                let id: LanguageIdentifier = locale.parse().ok()?;
                // A catalogue with a syntax error keeps the messages that parsed; the tests
                // fail on any error.
                let resource = FluentResource::try_new(text.to_owned()).unwrap_or_else(|(partial, _)| partial);
                let mut bundle = FluentBundle::new_concurrent(vec![id]);
                // Plain text goes into PDFs and terminals: no Unicode isolation marks.
                bundle.set_use_isolating(false);
                bundle.add_resource(resource).ok()?;
                Some((locale, bundle))
            })
            .collect()
    });
    bundles.iter().find(|(l, _)| *l == locale).map(|(_, b)| b)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use fluent_bundle::FluentResource;
    use fluent_syntax::ast;

    use super::*;

    #[test]
    fn any_tag_resolves_to_a_locale_attune_speaks() {
        assert_eq!(resolve("pt_BR.UTF-8"), "pt-BR");
        assert_eq!(resolve("pt-PT"), "pt-BR");
        assert_eq!(resolve("es-MX"), "es");
        assert_eq!(resolve("ES"), "es");
        assert_eq!(resolve("en_GB.UTF-8@euro"), "en");
        assert_eq!(resolve("de-DE"), "en");
        assert_eq!(resolve("C"), "en");
        assert_eq!(resolve(""), "en");
    }

    /// Each message id of a catalogue with the variables its text uses.
    fn messages(text: &str) -> Vec<(String, BTreeSet<String>)> {
        let resource = FluentResource::try_new(text.to_owned()).unwrap_or_else(|(_, errors)| {
            panic!("a catalogue does not parse: {errors:?}");
        });
        resource
            .entries()
            .filter_map(|entry| match entry {
                ast::Entry::Message(message) => {
                    let mut variables = BTreeSet::new();
                    if let Some(pattern) = &message.value {
                        collect_variables(pattern, &mut variables);
                    }
                    Some((message.id.name.to_owned(), variables))
                }
                _ => None,
            })
            .collect()
    }

    fn collect_variables(pattern: &ast::Pattern<&str>, into: &mut BTreeSet<String>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                collect_expression(expression, into);
            }
        }
    }

    fn collect_expression(expression: &ast::Expression<&str>, into: &mut BTreeSet<String>) {
        match expression {
            ast::Expression::Inline(ast::InlineExpression::VariableReference { id }) => {
                into.insert(id.name.to_owned());
            }
            ast::Expression::Select { selector, variants } => {
                if let ast::InlineExpression::VariableReference { id } = selector {
                    into.insert(id.name.to_owned());
                }
                for variant in variants {
                    collect_variables(&variant.value, into);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn every_catalogue_has_every_message_with_the_same_variables() {
        let english = messages(CATALOGUES[0].1);
        assert!(!english.is_empty());
        for (locale, text) in &CATALOGUES[1..] {
            let theirs = messages(text);
            let ids = |m: &[(String, BTreeSet<String>)]| m.iter().map(|(id, _)| id.clone()).collect::<BTreeSet<_>>();
            let missing: Vec<_> = ids(&english).difference(&ids(&theirs)).cloned().collect();
            let extra: Vec<_> = ids(&theirs).difference(&ids(&english)).cloned().collect();
            assert!(missing.is_empty() && extra.is_empty(), "{locale}: missing {missing:?}, extra {extra:?}");
            for (id, variables) in &english {
                let (_, their_variables) = theirs.iter().find(|(i, _)| i == id).expect("checked above");
                assert_eq!(variables, their_variables, "{locale}: {id} uses other variables than English");
            }
        }
    }

    #[test]
    fn plurals_follow_each_language() {
        for locale in LOCALES {
            let one = Words::new(locale).with("days-with-entry", &[("count", 1.into())]);
            let many = Words::new(locale).with("days-with-entry", &[("count", 2.into())]);
            assert_ne!(one, many, "{locale}");
            assert!(one.contains('1') && many.contains('2'), "{locale}: {one} / {many}");
        }
        assert_eq!(Words::new("pt-BR").with("days-with-entry", &[("count", 1.into())]), "1 dia com registro");
        assert_eq!(Words::new("es").with("days-with-entry", &[("count", 3.into())]), "3 días con entradas");
    }

    #[test]
    fn a_missing_message_falls_back_to_english_then_to_its_id() {
        assert_eq!(Words::new("xx").locale(), "en");
        assert_eq!(Words::new("pt-BR").get("no-such-message"), "no-such-message");
    }
}
