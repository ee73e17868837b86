//! The languages whose words insights can tell apart: English, Portuguese and Spanish.
//!
//! Each entry's language is guessed from its own words with `whatlang` (a trigram model,
//! <https://github.com/greyblake/whatlang-rs>), choosing only among these three. When the
//! text is too short to tell, or whatlang is not confident, the entry is read in a default
//! language that the caller gives (the person's locale).

use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// A language insights reads words in. Serialised as its ISO 639-1 code.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Language {
    #[default]
    #[serde(rename = "en")]
    English,
    #[serde(rename = "pt")]
    Portuguese,
    #[serde(rename = "es")]
    Spanish,
}

impl Language {
    /// Every language: English, Portuguese, Spanish (the order of their stop-word lists).
    pub const ALL: [Language; 3] = [Language::English, Language::Portuguese, Language::Spanish];

    /// The ISO 639-1 code: `en`, `pt`, `es`.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Portuguese => "pt",
            Language::Spanish => "es",
        }
    }

    /// The language of a locale tag such as `pt-BR`, `es_419` or `EN`: its first subtag (BCP 47,
    /// <https://www.rfc-editor.org/rfc/rfc5646>), without case. `None` for any other language.
    pub fn from_locale(tag: &str) -> Option<Language> {
        let primary = tag.trim().split(['-', '_', '.', '@']).next().unwrap_or("");
        Language::ALL.into_iter().find(|l| primary.eq_ignore_ascii_case(l.code()))
    }

    /// 0, 1 or 2: this language's place in [`Language::ALL`].
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    fn whatlang(self) -> whatlang::Lang {
        match self {
            Language::English => whatlang::Lang::Eng,
            Language::Portuguese => whatlang::Lang::Por,
            Language::Spanish => whatlang::Lang::Spa,
        }
    }

    /// The Snowball stemmer for this language (<https://snowballstem.org/algorithms/>).
    pub(crate) fn stemmer(self) -> Stemmer {
        Stemmer {
            language: self,
            snowball: rust_stemmers::Stemmer::create(match self {
                Language::English => rust_stemmers::Algorithm::English,
                Language::Portuguese => rust_stemmers::Algorithm::Portuguese,
                Language::Spanish => rust_stemmers::Algorithm::Spanish,
            }),
        }
    }
}

/// Reduces a lower-case word to the stem its forms share.
pub(crate) struct Stemmer {
    language: Language,
    snowball: rust_stemmers::Stemmer,
}

impl Stemmer {
    /// The stem of `word` (lower case). Snowball's, after one step for Portuguese: the plurals
    /// of nouns in -ão written -ões and -ãos ("relações", "irmãos") become the singular first.
    /// Snowball removes the suffixes -ação/-ações only in the word's R2 region, so short words
    /// such as "relação" and "relações" would otherwise keep two stems (relaçã, relaçõ).
    /// (The third plural, -ães, is left: "mães" is the plural of "mãe", not of "mão".)
    pub(crate) fn stem(&self, word: &str) -> String {
        if self.language == Language::Portuguese {
            for plural in ["ões", "ãos"] {
                if let Some(base) = word.strip_suffix(plural) {
                    return self.snowball.stem(&format!("{base}ão")).into_owned();
                }
            }
        }
        self.snowball.stem(word).into_owned()
    }
}

/// How many entries were read in a language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LanguageCount {
    pub language: Language,
    /// Entries with words whose words were read in this language: detected in it, or too short
    /// or unclear to tell and so read in the default language.
    pub entries: u32,
}

/// Text shorter than this many letters is not guessed at: it is in the default language.
const MIN_LETTERS: usize = 20;
/// Only the start of a long entry is looked at: fifty-odd words tell these three languages apart
/// as well as the whole (the tests' entries of under 100 letters are told apart reliably), and
/// detection costs time in proportion to the text: at 1,200 bytes it doubled the time of all
/// insights over 4,000 entries of 150 to 350 words.
const MAX_BYTES: usize = 320;

/// How many of an entry's first words vote with the stop-word lists.
const VOTE_WORDS: usize = 60;
/// A vote decides only with at least this many stop-words of the winning language, and half as
/// many again as the runner-up (Portuguese and Spanish share many: "de", "que", "a", "no").
const MIN_VOTES: u32 = 4;

/// Guesses the language of entries among [`Language::ALL`].
///
/// First by counting the words of each language's stop-word list among the entry's first
/// [`VOTE_WORDS`] words (the classic stop-word method of language identification, as in
/// NLTK's examples): most entries of a journal are full of "the", "que" or "você", and
/// counting them costs a few hash lookups. Only when that vote is unclear does `whatlang`'s
/// trigram model decide, which costs tens of microseconds an entry.
pub(crate) struct Detector {
    whatlang: whatlang::Detector,
    default: Language,
    stop: Option<[HashSet<&'static str>; 3]>,
}

impl Detector {
    /// A detector that answers `default` when it cannot tell.
    pub(crate) fn new(default: Language) -> Self {
        let allow = Language::ALL.iter().map(|l| l.whatlang()).collect();
        Detector { whatlang: whatlang::Detector::with_allowlist(allow), default, stop: None }
    }

    /// The same, first letting each language's stop-words (in [`Language::ALL`] order) vote.
    pub(crate) fn with_stop_words(default: Language, stop: [HashSet<&'static str>; 3]) -> Self {
        Detector { stop: Some(stop), ..Detector::new(default) }
    }

    /// The language whose stop-words clearly lead among the first words of `text`, if one does.
    fn vote(&self, text: &str) -> Option<Language> {
        let stop = self.stop.as_ref()?;
        let mut votes = [0u32; 3];
        let mut word = String::new();
        for token in text.split(|c: char| !c.is_alphabetic()).filter(|t| !t.is_empty()).take(VOTE_WORDS) {
            word.clear();
            word.extend(token.chars().flat_map(char::to_lowercase));
            for (count, set) in votes.iter_mut().zip(stop) {
                *count += u32::from(set.contains(word.as_str()));
            }
        }
        let mut order = Language::ALL;
        order.sort_by_key(|l| std::cmp::Reverse(votes[l.index()]));
        let (first, second) = (votes[order[0].index()], votes[order[1].index()]);
        (first >= MIN_VOTES && first * 2 >= second * 3).then_some(order[0])
    }

    /// The language of the text in `parts` (read together, in order, up to [`MAX_BYTES`]).
    pub(crate) fn detect(&self, parts: &[&str], buffer: &mut String) -> Language {
        buffer.clear();
        for part in parts {
            if buffer.len() >= MAX_BYTES {
                break;
            }
            let room = MAX_BYTES - buffer.len();
            let mut end = part.len().min(room);
            while !part.is_char_boundary(end) {
                end -= 1;
            }
            buffer.push_str(&part[..end]);
            buffer.push('\n');
        }
        if buffer.chars().filter(|c| c.is_alphabetic()).take(MIN_LETTERS).count() < MIN_LETTERS {
            return self.default;
        }
        if let Some(language) = self.vote(buffer) {
            return language;
        }
        match self.whatlang.detect(buffer) {
            Some(info) if info.is_reliable() => {
                Language::ALL.into_iter().find(|l| l.whatlang() == info.lang()).unwrap_or(self.default)
            }
            _ => self.default,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("en", Some(Language::English))]
    #[case("pt-BR", Some(Language::Portuguese))]
    #[case("es_419", Some(Language::Spanish))]
    #[case("ES", Some(Language::Spanish))]
    #[case("pt_BR.UTF-8", Some(Language::Portuguese))]
    #[case("ko-KR", None)]
    #[case("", None)]
    fn a_locale_names_its_language(#[case] tag: &str, #[case] expected: Option<Language>) {
        assert_eq!(Language::from_locale(tag), expected);
    }

    #[rstest]
    #[case(
        "Hoje acordei cedo e fui caminhar na praia com a minha irmã. Conversamos sobre a relação com o nosso pai.",
        Language::Portuguese
    )]
    #[case(
        "Hoy me desperté temprano y fui a caminar por la playa con mi hermana. Hablamos de la relación con nuestro padre.",
        Language::Spanish
    )]
    #[case(
        "This morning I woke early and walked along the beach with my sister. We talked about our father.",
        Language::English
    )]
    fn long_enough_text_is_recognised_whatever_the_default(#[case] text: &str, #[case] expected: Language) {
        let mut buffer = String::new();
        for default in Language::ALL {
            assert_eq!(Detector::new(default).detect(&[text], &mut buffer), expected, "default {default:?}");
            let voting = Detector::with_stop_words(default, super::super::words::stop_words());
            assert_eq!(voting.vote(text), Some(expected), "the stop-words alone tell it");
            assert_eq!(voting.detect(&[text], &mut buffer), expected, "default {default:?}, voting");
        }
    }

    #[test]
    fn an_unclear_vote_leaves_the_choice_to_the_trigram_model() {
        let voting = Detector::with_stop_words(Language::English, super::super::words::stop_words());
        // "de", "que", "a" and "se" are stop-words in Portuguese and Spanish alike.
        assert_eq!(voting.vote("de que a se de que a se praia"), None);
        assert_eq!(voting.vote("relação amizade"), None, "no stop-words, no vote");
    }

    #[test]
    fn short_text_is_in_the_default_language() {
        let mut buffer = String::new();
        assert_eq!(Detector::new(Language::Spanish).detect(&["", "good day"], &mut buffer), Language::Spanish);
        assert_eq!(Detector::new(Language::Portuguese).detect(&[], &mut buffer), Language::Portuguese);
    }

    #[test]
    fn a_long_text_is_cut_on_a_character_boundary() {
        let mut buffer = String::new();
        let text = "ç".repeat(MAX_BYTES);
        let _ = Detector::new(Language::English).detect(&[&text, "more"], &mut buffer);
        assert!(buffer.len() <= MAX_BYTES + 1, "{} bytes", buffer.len());
    }

    #[rstest]
    #[case(Language::Portuguese, &["relação", "relações"])]
    #[case(Language::Portuguese, &["coração", "corações"])]
    #[case(Language::Portuguese, &["irmão", "irmãos"])]
    #[case(Language::Portuguese, &["emoção", "emoções"])]
    #[case(Language::Portuguese, &["amiga", "amigas"])]
    #[case(Language::Spanish, &["límite", "límites"])]
    #[case(Language::Spanish, &["relación", "relaciones"])]
    #[case(Language::English, &["boundary", "boundaries"])]
    fn the_forms_of_a_word_share_a_stem(#[case] language: Language, #[case] forms: &[&str]) {
        let stemmer = language.stemmer();
        let stems: Vec<String> = forms.iter().map(|f| stemmer.stem(f)).collect();
        assert!(stems.windows(2).all(|w| w[0] == w[1]), "{forms:?} gave {stems:?}");
    }

    #[test]
    fn different_words_keep_different_stems() {
        let stemmer = Language::Portuguese.stemmer();
        assert_ne!(stemmer.stem("corações"), stemmer.stem("cores"), "hearts and colours");
        assert_ne!(stemmer.stem("relação"), stemmer.stem("relato"));
    }

    #[test]
    fn languages_serialise_as_their_codes() {
        assert_eq!(serde_json::to_string(&Language::ALL).ok().as_deref(), Some(r#"["en","pt","es"]"#));
        assert!(Language::ALL.iter().enumerate().all(|(i, l)| l.index() == i));
    }
}
