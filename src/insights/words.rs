//! Recurring words and two-word themes in what the person wrote: journal titles and bodies,
//! and the written answers of exercises (never the packs' own prompts or titles).
//!
//! Plain local text statistics, so anyone can follow them: text is split into words (letters
//! and digits, with inner apostrophes), lower-cased, and a trailing possessive `'s` dropped.
//! Left out are words shorter than three letters, numbers, the English stop-words below (the
//! packs are written in English) and the names of the people in the register. A *theme* is two
//! kept words written side by side with nothing left out between them ("phone call", "deep
//! breath"). Both are ranked by how many entries they appear in, and need at least
//! [`MIN_ENTRIES`].
//!
//! Why names are left out: people have their own insights (co-occurrence, reciprocity,
//! check-ins), and in a journal about relationships names are the most frequent words of all;
//! counted again here they would fill the list and hide the themes.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use chrono::NaiveDate;
use serde::Serialize;

use crate::journal::{EntryId, EntryKind, Scanned};

/// A word or theme needs to appear in at least this many entries.
pub const MIN_ENTRIES: usize = 3;
const MAX_WORDS: usize = 20;
const MAX_THEMES: usize = 10;
const MIN_CHARS: usize = 3;
const MAX_CHARS: usize = 40;

/// Common English words that carry no theme, and a few that every journal of feelings is full
/// of ("feel", "today"). Sorted, for a binary search; a test keeps it so.
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
    /// Indexes into the entries, each once.
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

/// Every distinct word seen, numbered, with whether it is kept and its tally.
#[derive(Default)]
struct Vocabulary {
    ids: Fast<String, u32>,
    words: Vec<(String, bool, Tally)>,
}

impl Vocabulary {
    /// The word's number, and whether it is kept.
    fn id(&mut self, word: &str, skip: &HashSet<String>) -> (u32, bool) {
        if let Some(&id) = self.ids.get(word) {
            return (id, self.words[id as usize].1);
        }
        let id = u32::try_from(self.words.len()).unwrap_or(u32::MAX);
        let kept = keep(word, skip);
        self.ids.insert(word.to_owned(), id);
        self.words.push((word.to_owned(), kept, Tally::default()));
        (id, kept)
    }
}

/// The recurring words and themes of `entries` (oldest first), leaving out `names`.
pub(crate) fn recurring(entries: &[Scanned], names: &[String]) -> (Vec<RecurringWord>, Vec<RecurringWord>) {
    let mut skip: HashSet<String> = HashSet::new();
    let people = entries.iter().flat_map(|s| s.entry.people.iter().map(String::as_str));
    for name in names.iter().map(String::as_str).chain(people) {
        for part in name.split(|c: char| !c.is_alphanumeric()).filter(|p| !p.is_empty()) {
            skip.insert(part.to_lowercase());
        }
    }
    let mut vocabulary = Vocabulary::default();
    // Two words side by side, as (first << 32) | second.
    let mut themes: Fast<u64, Tally> = Fast::default();
    for (index, scanned) in entries.iter().enumerate() {
        let entry = &scanned.entry;
        let title = if entry.kind == EntryKind::Journal { entry.title.as_str() } else { "" };
        for text in [title, entry.body.as_str(), scanned.written.as_str()] {
            let mut previous: Option<u32> = None;
            for_each_token(text, |token| {
                let Some((id, true)) = token.map(|word| vocabulary.id(word, &skip)) else {
                    previous = None;
                    return;
                };
                vocabulary.words[id as usize].2.add(index);
                if let Some(first) = previous {
                    themes.entry((u64::from(first) << 32) | u64::from(id)).or_default().add(index);
                }
                previous = Some(id);
            });
        }
    }
    let words: Vec<(String, Tally)> =
        vocabulary.words.iter_mut().filter(|w| w.1).map(|w| (w.0.clone(), std::mem::take(&mut w.2))).collect();
    let themes: Vec<(String, Tally)> = themes
        .into_iter()
        .filter(|(_, tally)| tally.entries.len() >= MIN_ENTRIES)
        .map(|(pair, tally)| {
            let word = |id: u64| vocabulary.words.get(id as usize).map_or("", |w| w.0.as_str());
            (format!("{} {}", word(pair >> 32), word(pair & u64::from(u32::MAX))), tally)
        })
        .collect();
    (ranked(words, entries, MAX_WORDS), ranked(themes, entries, MAX_THEMES))
}

fn keep(word: &str, skip: &HashSet<String>) -> bool {
    let chars = word.chars().count();
    (MIN_CHARS..=MAX_CHARS).contains(&chars)
        && !word.chars().all(|c| c.is_numeric())
        && STOP_WORDS.binary_search(&word).is_err()
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
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]), "sorted without repeats, for the binary search");
        assert!(STOP_WORDS.iter().all(|w| *w == w.to_lowercase()));
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
