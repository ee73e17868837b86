//! The packs a person can choose from: the built-in ones, embedded in the binary, and any they
//! imported (a facilitator may hand one out).
//!
//! Every pack enters the catalogue only through validation, so a catalogue holds only usable
//! packs, and ids are unique across built-in and imported ones: an imported pack cannot
//! shadow a built-in one, because saved entries find their pack by id.
//!
//! A pack may also come in other languages ([`super::Translation`]): the same pack, ids and
//! rules, in other words. [`Catalogue::localized`] gives the catalogue a person reads: each pack
//! in their language when it has that translation, else in its own.

use std::sync::OnceLock;

use super::de::{Doc, Path};
use super::doc::{Role, Theme};
use super::error::{Location, PackError};
use super::pack::Pack;
use super::translation::Translation;

/// The built-in packs, by file name in `exercises/`, in catalogue order, each with its
/// translations in `exercises/<language>/` for every language Attune speaks besides English.
macro_rules! builtin_packs {
    ($($name:literal),* $(,)?) => {
        /// The built-in packs: file name (for error messages) and text.
        const BUILTIN: &[(&str, &str)] =
            &[$((concat!("exercises/", $name, ".toml"), include_str!(concat!("../../exercises/", $name, ".toml")))),*];
        /// The built-in packs in other languages.
        const BUILTIN_TRANSLATIONS: &[(&str, &str)] = &[
            $((concat!("exercises/pt-BR/", $name, ".toml"), include_str!(concat!("../../exercises/pt-BR/", $name, ".toml"))),)*
            $((concat!("exercises/es/", $name, ".toml"), include_str!(concat!("../../exercises/es/", $name, ".toml"))),)*
        ];
    };
}

builtin_packs!(
    "nervous-system-checkin",
    "contact-checkin",
    "grounding",
    "boundaries",
    "reciprocity",
    "relationship-health",
    "patterns",
    "shadow-work",
    "gratitude",
    "community",
    "integration-plan",
    "integration-review",
);

/// Where a pack in the catalogue came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    Imported,
}

/// One shelf of the catalogue.
#[derive(Clone, Debug)]
pub struct ThemeGroup<'a> {
    pub theme: Theme,
    pub packs: Vec<&'a Pack>,
}

/// Validated packs, unique by id, in the order they were added, and their translations.
#[derive(Clone, Debug, Default)]
pub struct Catalogue {
    packs: Vec<(Origin, Pack)>,
    /// Packs in other languages, checked against the pack they translate; unique by id and
    /// language.
    translations: Vec<(Origin, Pack)>,
}

impl Catalogue {
    /// The built-in packs. They are checked by the test suite, so an error here means a broken
    /// build, but it is still an error value rather than a panic. Parsed once per process;
    /// later calls return a copy.
    pub fn builtin() -> Result<Catalogue, PackError> {
        static PARSED: OnceLock<Catalogue> = OnceLock::new();
        if let Some(catalogue) = PARSED.get() {
            return Ok(catalogue.clone());
        }
        let mut catalogue = Catalogue::default();
        for (file, text) in BUILTIN {
            catalogue.add(Origin::BuiltIn, file, text)?;
        }
        for (file, text) in BUILTIN_TRANSLATIONS {
            catalogue.add_translation(Origin::BuiltIn, file, text)?;
        }
        Ok(PARSED.get_or_init(|| catalogue).clone())
    }

    /// Validates a pack from its TOML text and adds it. `name` names the file in errors.
    pub fn add_from_toml(&mut self, name: &str, text: &str) -> Result<&Pack, PackError> {
        self.add(Origin::Imported, name, text)
    }

    fn add(&mut self, origin: Origin, file: &str, text: &str) -> Result<&Pack, PackError> {
        let pack = Pack::from_toml(file, text)?;
        if self.get(pack.id().as_str()).is_some() {
            return Err(PackError::AlreadyInCatalogue { at: id_location(file, text), id: pack.id().to_string() });
        }
        self.packs.push((origin, pack));
        let last = self.packs.len() - 1;
        Ok(&self.packs[last].1)
    }

    /// Checks a translation against the pack it translates (which must be in the catalogue) and
    /// keeps it. An imported translation replaces an imported one of the same pack and
    /// language; a built-in one is never replaced.
    ///
    /// # Errors
    /// [`PackError::NothingToTranslate`] when the pack is not here, [`PackError::TranslationTaken`]
    /// for a language a built-in translation has, and any difference from the pack.
    pub fn add_translation_from_toml(&mut self, name: &str, text: &str) -> Result<&Pack, PackError> {
        self.add_translation(Origin::Imported, name, text)
    }

    fn add_translation(&mut self, origin: Origin, file: &str, text: &str) -> Result<&Pack, PackError> {
        let translation = Translation::from_toml(file, text)?;
        let id = translation.translates().to_owned();
        let Some(pack) = self.get(&id) else {
            return Err(PackError::NothingToTranslate { at: field_location(file, text, "translates"), id });
        };
        let translated = translation.apply(pack)?;
        let language = translated.language().to_owned();
        let same = |(_, p): &(Origin, Pack)| p.id() == id.as_str() && p.language() == language;
        match self.translations.iter().position(same) {
            Some(index) if self.translations[index].0 == Origin::BuiltIn => {
                return Err(PackError::TranslationTaken { at: field_location(file, text, "language"), id, language });
            }
            Some(index) => self.translations[index] = (origin, translated),
            None => self.translations.push((origin, translated)),
        }
        let index = self.translations.iter().position(same).unwrap_or(self.translations.len() - 1);
        Ok(&self.translations[index].1)
    }

    /// The catalogue as a person reading `locale` (a tag like "pt-BR") sees it: every pack in
    /// that language when it has a translation (the same tag first, else the same language,
    /// so "pt-PT" reads a "pt-BR" translation), else in its own language. Ids, rules and
    /// origins are unchanged; the translations stay, so it can be localized again.
    pub fn localized(&self, locale: &str) -> Catalogue {
        let packs = self
            .packs
            .iter()
            .map(|(origin, pack)| {
                let chosen = self.in_language(pack, locale).unwrap_or(pack);
                (*origin, chosen.clone())
            })
            .collect();
        Catalogue { packs, translations: self.translations.clone() }
    }

    /// `pack` in `locale`, if it is in that language or has a translation into it.
    fn in_language<'c>(&'c self, pack: &'c Pack, locale: &str) -> Option<&'c Pack> {
        let primary = |tag: &str| tag.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        let exact = |tag: &str| tag.eq_ignore_ascii_case(&locale.replace('_', "-"));
        let candidates = || {
            std::iter::once(pack)
                .chain(self.translations.iter().map(|(_, t)| t).filter(move |t| t.id() == pack.id().as_str()))
        };
        candidates()
            .find(|p| exact(p.language()))
            .or_else(|| candidates().find(|p| primary(p.language()) == primary(locale)))
    }

    /// The languages a pack can be read in: its own first, then its translations'.
    pub fn languages(&self, id: &str) -> Vec<&str> {
        let own = self.packs().filter(|p| p.id() == id).map(Pack::language);
        let translated = self.translations.iter().map(|(_, t)| t).filter(|t| t.id() == id).map(Pack::language);
        let mut languages: Vec<&str> = own.chain(translated).collect();
        let mut seen = std::collections::HashSet::new();
        languages.retain(|l| seen.insert(*l));
        languages
    }

    pub fn get(&self, id: &str) -> Option<&Pack> {
        self.packs.iter().map(|(_, p)| p).find(|p| p.id() == id)
    }

    pub fn origin(&self, id: &str) -> Option<Origin> {
        self.packs.iter().find(|(_, p)| p.id() == id).map(|(o, _)| *o)
    }

    pub fn packs(&self) -> impl Iterator<Item = &Pack> {
        self.packs.iter().map(|(_, p)| p)
    }

    pub fn len(&self) -> usize {
        self.packs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.packs.is_empty()
    }

    /// The pack the app offers for `role`: the first that declares it, so a built-in pack wins
    /// over an imported one.
    pub fn with_role(&self, role: Role) -> Option<&Pack> {
        self.packs().find(|p| p.has_role(role))
    }

    /// Every pack that declares `role`, in catalogue order.
    pub fn all_with_role(&self, role: Role) -> impl Iterator<Item = &Pack> {
        self.packs().filter(move |p| p.has_role(role))
    }

    /// The packs grouped by theme, themes in [`Theme::ALL`] order, empty themes left out.
    pub fn by_theme(&self) -> Vec<ThemeGroup<'_>> {
        Theme::ALL
            .into_iter()
            .map(|theme| ThemeGroup { theme, packs: self.packs().filter(|p| p.theme() == theme).collect() })
            .filter(|group| !group.packs.is_empty())
            .collect()
    }
}

/// Where the `id` of an already-valid pack file is.
fn id_location(file: &str, text: &str) -> Location {
    field_location(file, text, "id")
}

/// Where a top-level field of an already-read file is.
fn field_location(file: &str, text: &str, field: &str) -> Location {
    let path = Path::root().key(field);
    let (line, column) = match Doc::parse(text) {
        Ok(doc) => doc.line_col(doc.span_of(&path).start),
        Err(_) => (1, 1),
    };
    Location { file: file.to_owned(), line, column, field: path.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exercises::{DEFAULT_DAILY, REVIEW_PACK};

    fn holder(catalogue: &Catalogue, role: Role) -> Option<&str> {
        catalogue.with_role(role).map(|p| p.id().as_str())
    }

    /// The plan names its packs by id; the app finds them by role. Both must point at the same
    /// built-in pack.
    #[test]
    fn the_builtin_roles_name_the_packs_the_plan_uses() {
        let catalogue = Catalogue::builtin().unwrap();
        assert_eq!(
            holder(&catalogue, Role::DailyCheckin),
            Some(DEFAULT_DAILY),
            "the daily check-in is the plan's default"
        );
        assert_eq!(
            holder(&catalogue, Role::IntegrationReview),
            Some(REVIEW_PACK),
            "the look-back is the plan's review"
        );
        assert_eq!(
            holder(&catalogue, Role::IntegrationPlan),
            Some("integration-plan"),
            "the plan is seeded from this pack"
        );
        assert_eq!(holder(&catalogue, Role::Grounding), Some("grounding"), "grounding is offered after distress");
        let person: Vec<&str> = catalogue.all_with_role(Role::Person).map(|p| p.id().as_str()).collect();
        assert_eq!(person, ["contact-checkin", "reciprocity"], "a person's page offers these exercises");
    }

    #[test]
    fn a_built_in_pack_keeps_its_role_over_an_imported_one() {
        let mut catalogue = Catalogue::builtin().unwrap();
        let text =
            include_str!("../../exercises/grounding.toml").replace("id = \"grounding\"", "id = \"my-grounding\"");
        catalogue.add_from_toml("my-grounding.toml", &text).unwrap();
        assert_eq!(holder(&catalogue, Role::Grounding), Some("grounding"), "the built-in grounding is still offered");
    }
}
