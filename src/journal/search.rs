//! Full-text search over titles, bodies and exercise answers, ranked with snippets.
//!
//! What a person types is never passed to FTS5 as query syntax: it is split into words, quoted
//! phrases and `word*` prefixes, each quoted, so no input can be a syntax error or an operator.
//!
//! Ranking: bm25 over every match costs about 160 ms at 100,000 entries when a word is in nearly
//! all of them. So when a query matches more than [`RANKED_WINDOW`] entries, only the most
//! recently written window of matches is ranked (found by walking the index newest-first and
//! stopping early), which keeps every query within a few milliseconds. A word that common says
//! little about relevance anyway; recency is the better guide there.

use rusqlite::{Connection, params};
use serde::Serialize;

use super::error::JournalError;
use super::model::EntrySummary;
use super::rows::{RawEntry, SUMMARY_SELECT};

/// Most matches that are ranked by relevance; beyond it, the newest this many are.
pub const RANKED_WINDOW: i64 = 2_000;
const DEFAULT_LIMIT: u32 = 20;
const MAX_LIMIT: u32 = 200;
const MARK_OPEN: char = '\u{2}';
const MARK_CLOSE: char = '\u{3}';
const SNIPPET_TOKENS: i64 = 24;

#[derive(Clone, Debug, Default)]
pub struct SearchQuery {
    pub text: String,
    pub limit: Option<u32>,
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
    pub tag: Option<String>,
    pub person: Option<String>,
}

impl SearchQuery {
    pub fn new(text: impl Into<String>) -> Self {
        Self { text: text.into(), ..Self::default() }
    }

    fn filtered(&self) -> bool {
        self.from.is_some() || self.to.is_some() || self.tag.is_some() || self.person.is_some()
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct SearchHit {
    #[serde(flatten)]
    pub entry: EntrySummary,
    pub snippet: Snippet,
    /// 1 for the best match.
    pub rank: u32,
    /// bm25 relevance, higher is better.
    pub score: f64,
}

/// A passage of an entry with the matched words marked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    pub parts: Vec<SnippetPart>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

impl Snippet {
    fn parse(marked: &str) -> Self {
        let mut parts = Vec::new();
        let mut hit = false;
        let mut text = String::new();
        for c in marked.chars() {
            if c == MARK_OPEN || c == MARK_CLOSE {
                if !text.is_empty() {
                    parts.push(SnippetPart { text: std::mem::take(&mut text), hit });
                }
                hit = c == MARK_OPEN;
            } else {
                text.push(if c == '\n' || c == '\r' { ' ' } else { c });
            }
        }
        if !text.is_empty() {
            parts.push(SnippetPart { text, hit });
        }
        Snippet { parts }
    }

    /// The passage with each hit between `open` and `close`, such as `[` and `]`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        self.parts.iter().map(|p| if p.hit { format!("{open}{}{close}", p.text) } else { p.text.clone() }).collect()
    }
}

/// Serialised for the CLI's JSON as the passage with hits in square brackets.
impl Serialize for Snippet {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.marked("[", "]"))
    }
}

pub(crate) fn run(conn: &Connection, query: &SearchQuery) -> Result<Vec<SearchHit>, JournalError> {
    let fts = to_fts_query(&query.text)?;
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);

    // Where the window of the newest RANKED_WINDOW matches begins, if there are more.
    let window_start: Option<i64> = if query.filtered() {
        None
    } else {
        conn.prepare_cached(
            "SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?1 ORDER BY rowid DESC LIMIT 1 OFFSET ?2",
        )?
        .query_row(params![fts, RANKED_WINDOW - 1], |row| row.get(0))
        .map(Some)
        .or_else(|e| if e == rusqlite::Error::QueryReturnedNoRows { Ok(None) } else { Err(e) })?
    };

    let mut values: Vec<rusqlite::types::Value> = vec![fts.clone().into()];
    let mut sql = String::from(
        "SELECT entries_fts.rowid, entries_fts.rank FROM entries_fts JOIN entries e ON e.seq = entries_fts.rowid
         WHERE entries_fts MATCH ?1 AND e.deleted_at IS NULL",
    );
    if let Some(start) = window_start {
        values.push(start.into());
        sql.push_str(&format!(" AND entries_fts.rowid >= ?{}", values.len()));
    }
    super::push_filters(&mut sql, &mut values, query.from, query.to, query.tag.as_deref(), query.person.as_deref());
    values.push(i64::from(limit).into());
    sql.push_str(&format!(" ORDER BY entries_fts.rank LIMIT ?{}", values.len()));

    let ranked: Vec<(i64, f64)> = conn
        .prepare_cached(&sql)?
        .query_map(rusqlite::params_from_iter(values), |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<_, _>>()?;

    let mut snippet_stmt = conn.prepare_cached(
        "SELECT snippet(entries_fts, -1, ?3, ?4, '…', ?5) FROM entries_fts WHERE entries_fts MATCH ?1 AND rowid = ?2",
    )?;
    let mut summary_stmt = conn.prepare_cached(&format!("{SUMMARY_SELECT} WHERE e.seq = ?1"))?;
    let mut hits = Vec::with_capacity(ranked.len());
    for (position, (seq, bm25)) in ranked.into_iter().enumerate() {
        let marked: String = snippet_stmt
            .query_row(params![fts, seq, MARK_OPEN.to_string(), MARK_CLOSE.to_string(), SNIPPET_TOKENS], |row| {
                row.get(0)
            })?;
        let entry = summary_stmt.query_row([seq], RawEntry::from_row)?.into_summary()?;
        hits.push(SearchHit {
            entry,
            snippet: Snippet::parse(&marked),
            rank: u32::try_from(position + 1).unwrap_or(u32::MAX),
            score: -bm25,
        });
    }
    Ok(hits)
}

/// Turns what a person typed into a safe FTS5 query: every word and phrase quoted, `word*` kept
/// as a prefix search, all terms required.
pub(crate) fn to_fts_query(text: &str) -> Result<String, JournalError> {
    let mut terms: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
        rest = &rest[start..];
        let (raw, prefix, tail) = if let Some(inner) = rest.strip_prefix('"') {
            let end = inner.find('"').unwrap_or(inner.len());
            let tail = inner.get(end + 1..).unwrap_or("");
            let prefix = tail.starts_with('*');
            (&inner[..end], prefix, if prefix { &tail[1..] } else { tail })
        } else {
            let end = rest.find(|c: char| c.is_whitespace() || c == '"').unwrap_or(rest.len());
            let token = &rest[..end];
            let prefix = token.ends_with('*');
            (token.trim_end_matches('*'), prefix, &rest[end..])
        };
        let words: Vec<&str> = raw.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        if !words.is_empty() {
            terms.push(format!("\"{}\"{}", words.join(" "), if prefix { "*" } else { "" }));
        }
        rest = tail;
    }
    if terms.is_empty() {
        return Err(JournalError::EmptyQuery { query: text.to_owned() });
    }
    Ok(terms.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::words("calm morning", r#""calm" "morning""#)]
    #[case::phrase(r#""felt seen" today"#, r#""felt seen" "today""#)]
    #[case::prefix("bound*", r#""bound"*"#)]
    #[case::operators_are_words("NOT OR AND", r#""NOT" "OR" "AND""#)]
    #[case::punctuation("don't (really) -tense", r#""don t" "really" "tense""#)]
    #[case::unclosed_quote(r#""open phrase"#, r#""open phrase""#)]
    #[case::quoted_prefix(r#""self wor"*"#, r#""self wor"*"#)]
    #[case::accents("Über café", r#""Über" "café""#)]
    fn user_text_becomes_a_safe_query(#[case] input: &str, #[case] expected: &str) {
        assert_eq!(to_fts_query(input).unwrap(), expected);
    }

    #[rstest]
    #[case("")]
    #[case("   ")]
    #[case("*** \"\" -")]
    fn nothing_searchable_is_an_error(#[case] input: &str) {
        assert!(matches!(to_fts_query(input), Err(JournalError::EmptyQuery { .. })));
    }

    #[test]
    fn snippet_marks_become_parts() {
        let s = Snippet::parse("a \u{2}calm\u{3} day\nafter");
        assert_eq!(s.marked("[", "]"), "a [calm] day after");
        assert_eq!(s.parts.iter().filter(|p| p.hit).count(), 1);
    }
}
