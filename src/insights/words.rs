//! Recurring words and two-word themes in what the person wrote: journal titles and bodies,
//! and the written answers of exercises (never the packs' own prompts or titles).
//!
//! Plain local text statistics, so anyone can follow them: text is split into words (letters
//! and digits, with inner apostrophes), lower-cased, and a trailing possessive `'s` dropped.
//! Each entry's words are read in its own language, English, Portuguese or Spanish
//! ([`super::language`]; the default language when it cannot be told). Left out are words
//! shorter than three letters, numbers, that language's stop-words ([`stop_words`]) and the
//! names of the people in the register. Word forms are grouped by their Snowball stem
//! ("boundary" and "boundaries", "relação" and "relações", "límite" and "límites" are one word)
//! and a group is shown as its most written form. A *theme* is two kept words written side by
//! side with nothing left out between them ("phone call", "deep breath"), grouped the same way.
//! Both are ranked by how many entries they appear in, and need at least [`MIN_ENTRIES`].
//!
//! Why names are left out: people have their own insights (co-occurrence, reciprocity,
//! check-ins), and in a journal about relationships names are the most frequent words of all;
//! counted again here they would fill the list and hide the themes.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use chrono::NaiveDate;
use serde::Serialize;

use super::language::{Detector, Language, LanguageCount};
use crate::journal::{EntryId, EntryKind, Scanned};

/// A word or theme needs to appear in at least this many entries.
pub const MIN_ENTRIES: usize = 3;
const MAX_WORDS: usize = 20;
const MAX_THEMES: usize = 10;
const MIN_CHARS: usize = 3;
const MAX_CHARS: usize = 40;

/// Common English words that carry no theme, and a few that every journal of feelings is full
/// of ("feel", "today"); together with NLTK's English list, the English stop-words.
/// Sorted and without repeats (a test keeps it so), to be read and changed by hand.
#[rustfmt::skip]
pub const STOP_WORDS: &[&str] = &[
    "about", "above", "after", "again", "against", "all", "almost", "also", "although", "always", "among",
    "and", "another", "any", "anyone", "anything", "are", "aren't", "around", "back", "because", "been",
    "before", "being", "below", "between", "bit", "both", "but", "came", "can", "can't", "cannot", "come",
    "could", "couldn't", "did", "didn't", "does", "doesn't", "doing", "don't", "done", "down", "during", "each",
    "either", "else", "enough", "even", "ever", "every", "everything", "feel", "feeling", "feels", "felt",
    "few", "for", "from", "further", "get", "gets", "getting", "going", "gone", "got", "had", "hadn't", "has",
    "hasn't", "have", "haven't", "having", "her", "here", "hers", "herself", "him", "himself", "his", "how",
    "i'd", "i'll", "i'm", "i've", "into", "isn't", "it's", "its", "itself", "just", "kind", "know", "last",
    "less", "let", "like", "little", "lot", "made", "make", "many", "may", "maybe", "might", "more", "most",
    "much", "must", "myself", "need", "never", "next", "nor", "not", "nothing", "now", "off", "often", "once",
    "one", "only", "other", "others", "our", "ours", "ourselves", "out", "over", "own", "perhaps", "quite",
    "rather", "really", "said", "same", "say", "see", "seemed", "shall", "she", "should", "shouldn't", "since",
    "some", "someone", "something", "sometimes", "still", "such", "than", "that", "that's", "the", "their",
    "theirs", "them", "themselves", "then", "there", "there's", "these", "they", "they're", "thing", "things",
    "think", "this", "those", "though", "through", "today", "told", "too", "took", "under", "until", "upon",
    "very", "want", "was", "wasn't", "way", "well", "went", "were", "weren't", "what", "what's", "when",
    "where", "whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "within", "without",
    "won't", "would", "wouldn't", "yes", "yet", "you", "you're", "your", "yours", "yourself",
];

/// Portuguese words that every journal of feelings is full of, beyond the NLTK stop-words:
/// the counterparts of the English list's "feel", "today", "thing", "really"...
#[rustfmt::skip]
const PORTUGUESE_EXTRA: &[&str] = &[
    "acho", "achei", "agora", "ainda", "algo", "alguém", "algum", "alguma", "além", "aqui", "ali", "apenas",
    "assim", "bem", "cada", "coisa", "coisas", "comigo", "dar", "deu", "dia", "disse", "dizer", "durante",
    "embora", "enquanto", "então", "faz", "fazer", "feito", "fiz", "hoje", "ir", "lá", "mesma", "muita",
    "muitas", "muitos", "nada", "nenhum", "nenhuma", "ninguém", "nunca", "onde", "outra", "outras", "outro",
    "outros", "pensei", "pode", "poder", "porque", "posso", "pouco", "precisava", "preciso", "qualquer",
    "quase", "queria", "quero", "realmente", "saber", "sei", "sempre", "sente", "senti", "sentia",
    "sentindo", "sentir", "sentiu", "sim", "sinto", "sobre", "talvez", "tanta", "tanto", "tão", "ter",
    "tipo", "toda", "todas", "todo", "todos", "tudo", "vai", "vez", "vezes", "vou",
];

/// The Spanish counterparts, beyond the NLTK stop-words.
#[rustfmt::skip]
const SPANISH_EXTRA: &[&str] = &[
    "además", "ahora", "ahí", "allí", "apenas", "aquí", "así", "aunque", "aún", "bien", "bueno", "cada",
    "casi", "cosa", "cosas", "creo", "cualquier", "decir", "después", "dije", "dijo", "día", "entonces",
    "hace", "hacer", "hecho", "hice", "hoy", "luego", "mientras", "misma", "mismo", "nadie", "necesito",
    "ninguna", "ningún", "nunca", "pienso", "poder", "puede", "puedo", "pues", "quería", "quiero",
    "quizá", "quizás", "realmente", "saber", "sentir", "sentí", "sentía", "siempre", "siento", "solo",
    "sólo", "tal", "tan", "tipo", "toda", "todas", "todavía", "va", "veces", "vez", "voy",
];

/// The stop-words of each language, as one set per [`Language::index`]: for English the list
/// above plus NLTK's, for Portuguese and Spanish NLTK's plus the extras above. NLTK's lists are
/// the Snowball project's (<https://snowballstem.org/algorithms/>), shipped by the `stop-words`
/// crate.
pub(crate) fn stop_words() -> [HashSet<&'static str>; 3] {
    let set = |language: Language, extra: &[&'static str]| -> HashSet<&'static str> {
        let nltk = stop_words::lookup(language.code()).unwrap_or(&[]);
        nltk.iter().chain(extra).copied().collect()
    };
    [
        set(Language::English, STOP_WORDS),
        set(Language::Portuguese, PORTUGUESE_EXTRA),
        set(Language::Spanish, SPANISH_EXTRA),
    ]
}

/// A word or two-word theme that recurs.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecurringWord {
    pub text: String,
    /// How many times it was written in all…
    pub occurrences: u32,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// …and the entries it was written in, oldest first.
    pub entries: Vec<EntryId>,
}

#[derive(Default)]
struct Tally {
    occurrences: u32,
    /// Indexes into the entries, each once, in increasing order.
    entries: Vec<usize>,
}

impl Tally {
    fn add(&mut self, index: usize) {
        self.occurrences += 1;
        if self.entries.last() != Some(&index) {
            self.entries.push(index);
        }
    }
}

/// The tallies of the forms of one word (or theme), merged.
#[derive(Default)]
struct Group {
    tally: Tally,
    /// The most written form so far and how often it was written.
    shown: Option<(String, u32)>,
}

impl Group {
    /// Adds one form's tally; `text` spells the form (called only when it may be shown).
    fn merge(&mut self, text: impl FnOnce() -> String, tally: Tally) {
        let occurrences = tally.occurrences;
        match &self.shown {
            Some((_, count)) if occurrences < *count => {}
            Some((best, count)) if occurrences == *count => {
                let text = text();
                if text < *best {
                    self.shown = Some((text, occurrences));
                }
            }
            _ => self.shown = Some((text(), occurrences)),
        }
        self.tally.occurrences += occurrences;
        self.tally.entries.extend(tally.entries);
    }

    fn finish(mut self) -> Option<(String, Tally)> {
        self.tally.entries.sort_unstable();
        self.tally.entries.dedup();
        self.shown.map(|(text, _)| (text, self.tally))
    }
}

/// A fast hash for short words (FxHash's mixing step). Safe here: the keys are the person's
/// own words, so there is no one to mount a collision attack, and SipHash took half the time.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
}

type Fast<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// Every distinct word seen in each language, numbered, with whether it is kept and its tally.
#[derive(Default)]
struct Vocabulary {
    ids: [Fast<String, u32>; 3],
    words: Vec<Word>,
}

struct Word {
    text: String,
    language: Language,
    kept: bool,
    tally: Tally,
}

impl Vocabulary {
    /// The word's number, and whether it is kept.
    fn id(&mut self, word: &str, language: Language, stop: &HashSet<&str>, skip: &HashSet<String>) -> (u32, bool) {
        let ids = &mut self.ids[language.index()];
        if let Some(&id) = ids.get(word) {
            return (id, self.words[id as usize].kept);
        }
        let id = u32::try_from(self.words.len()).unwrap_or(u32::MAX);
        let kept = keep(word, stop, skip);
        ids.insert(word.to_owned(), id);
        self.words.push(Word { text: word.to_owned(), language, kept, tally: Tally::default() });
        (id, kept)
    }
}

/// What [`recurring`] found.
pub(crate) struct Recurring {
    pub(crate) words: Vec<RecurringWord>,
    pub(crate) themes: Vec<RecurringWord>,
    /// Entries with words, per language they were read in; most entries first.
    pub(crate) languages: Vec<LanguageCount>,
}

/// The recurring words and themes of `entries` (oldest first), leaving out `names`; an entry
/// whose language cannot be told is read in `default_language`.
pub(crate) fn recurring(entries: &[Scanned], names: &[String], default_language: Language) -> Recurring {
    let mut skip: HashSet<String> = HashSet::new();
    let people = entries.iter().flat_map(|s| s.entry.people.iter().map(String::as_str));
    for name in names.iter().map(String::as_str).chain(people) {
        for part in name.split(|c: char| !c.is_alphanumeric()).filter(|p| !p.is_empty()) {
            skip.insert(part.to_lowercase());
        }
    }
    let stop = stop_words();
    let detector = Detector::with_stop_words(default_language, stop.clone());
    let mut buffer = String::new();
    let mut language_entries = [0u32; 3];
    let mut vocabulary = Vocabulary::default();
    // Two words side by side, as (first << 32) | second.
    let mut themes: Fast<u64, Tally> = Fast::default();
    for (index, scanned) in entries.iter().enumerate() {
        let entry = &scanned.entry;
        let title = if entry.kind == EntryKind::Journal { entry.title.as_str() } else { "" };
        let texts = [title, entry.body.as_str(), scanned.written.as_str()];
        if texts.iter().all(|t| !t.chars().any(char::is_alphanumeric)) {
            continue;
        }
        let language = detector.detect(&texts, &mut buffer);
        language_entries[language.index()] += 1;
        let stop = &stop[language.index()];
        for text in texts {
            let mut previous: Option<u32> = None;
            for_each_token(text, |token| {
                let Some((id, true)) = token.map(|word| vocabulary.id(word, language, stop, &skip)) else {
                    previous = None;
                    return;
                };
                vocabulary.words[id as usize].tally.add(index);
                if let Some(first) = previous {
                    themes.entry((u64::from(first) << 32) | u64::from(id)).or_default().add(index);
                }
                previous = Some(id);
            });
        }
    }

    // Group the kept forms by stem. The stem alone is the key, whatever the language, so a word
    // written alike in two languages ("animal", "hospital") is one word, not two of one spelling.
    let stemmers = Language::ALL.map(Language::stemmer);
    let mut stems: Fast<String, u32> = Fast::default();
    let mut group_of: Vec<u32> = vec![u32::MAX; vocabulary.words.len()];
    for (id, word) in vocabulary.words.iter().enumerate().filter(|(_, w)| w.kept) {
        let stem = stemmers[word.language.index()].stem(&word.text);
        let next = u32::try_from(stems.len()).unwrap_or(u32::MAX);
        group_of[id] = *stems.entry(stem).or_insert(next);
    }
    let mut word_groups: Vec<Group> = (0..stems.len()).map(|_| Group::default()).collect();
    for (id, word) in vocabulary.words.iter_mut().enumerate().filter(|(_, w)| w.kept) {
        if let Some(group) = word_groups.get_mut(group_of[id] as usize) {
            group.merge(|| word.text.clone(), std::mem::take(&mut word.tally));
        }
    }
    let words: Vec<(String, Tally)> = word_groups.into_iter().filter_map(Group::finish).collect();

    let mut theme_groups: Fast<u64, Group> = Fast::default();
    for (pair, tally) in themes {
        let (first, second) = ((pair >> 32) as usize, (pair & u64::from(u32::MAX)) as usize);
        let text = |id: usize| vocabulary.words.get(id).map_or("", |w| w.text.as_str());
        let group = |id: usize| u64::from(group_of.get(id).copied().unwrap_or(u32::MAX));
        theme_groups
            .entry((group(first) << 32) | group(second))
            .or_default()
            .merge(|| format!("{} {}", text(first), text(second)), tally);
    }
    let themes: Vec<(String, Tally)> = theme_groups
        .into_values()
        .filter_map(Group::finish)
        .filter(|(_, tally)| tally.entries.len() >= MIN_ENTRIES)
        .collect();

    let mut languages: Vec<LanguageCount> = Language::ALL
        .into_iter()
        .filter(|l| language_entries[l.index()] > 0)
        .map(|language| LanguageCount { language, entries: language_entries[language.index()] })
        .collect();
    languages.sort_by(|a, b| b.entries.cmp(&a.entries).then(a.language.cmp(&b.language)));
    Recurring { words: ranked(words, entries, MAX_WORDS), themes: ranked(themes, entries, MAX_THEMES), languages }
}

fn keep(word: &str, stop: &HashSet<&str>, skip: &HashSet<String>) -> bool {
    let chars = word.chars().count();
    (MIN_CHARS..=MAX_CHARS).contains(&chars)
        && !word.chars().all(|c| c.is_numeric())
        && !stop.contains(word)
        && !skip.contains(word)
}

/// Calls `f` with each word of `text`, lower-cased, and with `None` for punctuation between
/// words (which ends a theme). One buffer for all of them.
fn for_each_token(text: &str, mut f: impl FnMut(Option<&str>)) {
    let mut word = String::new();
    let mut chars = text.chars().peekable();
    let finish = |word: &mut String, f: &mut dyn FnMut(Option<&str>)| {
        if !word.is_empty() {
            if word.ends_with("'s") {
                word.truncate(word.len() - 2);
            }
            f(Some(word));
            word.clear();
        }
    };
    while let Some(c) = chars.next() {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if (c == '\'' || c == '\u{2019}')
            && !word.is_empty()
            && chars.peek().is_some_and(|n| n.is_alphanumeric())
        {
            word.push('\'');
        } else {
            finish(&mut word, &mut f);
            if !c.is_whitespace() {
                f(None);
            }
        }
    }
    finish(&mut word, &mut f);
}

fn ranked(all: Vec<(String, Tally)>, entries: &[Scanned], max: usize) -> Vec<RecurringWord> {
    let mut kept: Vec<(String, Tally)> = all.into_iter().filter(|(_, t)| t.entries.len() >= MIN_ENTRIES).collect();
    kept.sort_by(|(a, x), (b, y)| {
        y.entries.len().cmp(&x.entries.len()).then(y.occurrences.cmp(&x.occurrences)).then_with(|| a.cmp(b))
    });
    kept.truncate(max);
    kept.into_iter()
        .filter_map(|(text, tally)| {
            let first = entries.get(*tally.entries.first()?)?.entry.local_day;
            let last = entries.get(*tally.entries.last()?)?.entry.local_day;
            Some(RecurringWord {
                text,
                occurrences: tally.occurrences,
                first_day: first,
                last_day: last,
                entries: tally.entries.iter().filter_map(|&i| entries.get(i).map(|s| s.entry.id)).collect(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stop_words_are_sorted_and_lower_case() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]), "sorted without repeats, to be read by hand");
        assert!(STOP_WORDS.iter().all(|w| *w == w.to_lowercase()));
    }

    #[test]
    fn every_language_has_its_stop_words_in_the_form_tokens_take() {
        let stop = stop_words();
        for (language, words) in [
            (Language::English, ["the", "feel", "today", "ourselves"]),
            (Language::Portuguese, ["não", "você", "hoje", "sentir"]),
            (Language::Spanish, ["pero", "también", "hoy", "siento"]),
        ] {
            for word in words {
                assert!(stop[language.index()].contains(word), "{word} is a {language:?} stop-word");
            }
        }
        assert!(!stop[Language::English.index()].contains("hoje"), "each language its own list");
        for word in stop.iter().flatten() {
            assert_eq!(*word, word.to_lowercase(), "tokens are lower case");
            assert_eq!(crate::journal::nfc::nfc(word), *word, "tokens of stored text are NFC");
        }
    }

    #[test]
    fn words_are_split_lowered_and_punctuation_breaks_a_theme() {
        let mut got: Vec<Option<String>> = Vec::new();
        for_each_token("Sam’s phone-call, DON'T  stop… Ελένη", |t| got.push(t.map(str::to_owned)));
        let words = |xs: &[Option<&str>]| xs.iter().map(|x| x.map(str::to_owned)).collect::<Vec<_>>();
        assert_eq!(
            got,
            words(&[
                Some("sam"),
                Some("phone"),
                None,
                Some("call"),
                None,
                Some("don't"),
                Some("stop"),
                None,
                Some("ελένη")
            ])
        );
    }
}
