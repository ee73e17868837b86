//! The journal: listing, reading, writing, history, trash and search.

use attune::journal::{EntryEdit, ListFilter, SaveMode, SearchQuery};
use attune::time;
use attune::{Entry, EntryId, Mood, NewEntry};
use tauri::State;

use crate::dto::{DayCount, EntryContent, HitView, ListRequest, PersonView, SearchRequest, SearchView};
use crate::error::IpcError;
use crate::state::AppState;

fn id(text: &str) -> Result<EntryId, IpcError> {
    Ok(text.parse::<EntryId>()?)
}

fn day(what: &'static str, text: Option<&str>) -> Result<Option<chrono::NaiveDate>, IpcError> {
    Ok(text.filter(|t| !t.is_empty()).map(|t| time::parse_day(what, t)).transpose()?)
}

fn mood(value: Option<u8>) -> Result<Option<Mood>, IpcError> {
    Ok(value.map(Mood::try_from).transpose()?)
}

#[tauri::command]
pub async fn list_entries(state: State<'_, AppState>, request: ListRequest) -> Result<attune::journal::Page, IpcError> {
    let filter = ListFilter {
        from: day("from", request.from.as_deref())?,
        to: day("to", request.to.as_deref())?,
        tag: request.tag,
        person: request.person,
        trashed: request.trashed,
        limit: request.limit,
        after: request.after,
        ..ListFilter::default()
    };
    state.with_vault(|v| Ok(v.journal().list(&filter)?))
}

#[tauri::command]
pub async fn day_counts(state: State<'_, AppState>, from: String, to: String) -> Result<Vec<DayCount>, IpcError> {
    let (from, to) = (time::parse_day("from", &from)?, time::parse_day("to", &to)?);
    let counts = state.with_vault(|v| Ok(v.journal().day_counts(from, to)?))?;
    Ok(counts.into_iter().map(|(day, count)| DayCount { day: day.to_string(), count }).collect())
}

#[tauri::command]
pub async fn get_entry(state: State<'_, AppState>, entry_id: String) -> Result<Entry, IpcError> {
    let entry_id = id(&entry_id)?;
    state.with_vault(|v| Ok(v.journal().get(entry_id)?))
}

#[tauri::command]
pub async fn create_entry(state: State<'_, AppState>, content: EntryContent) -> Result<Entry, IpcError> {
    let new = NewEntry {
        title: content.title,
        body: content.body,
        mood: mood(content.mood)?,
        tags: content.tags,
        people: content.people,
        ..NewEntry::default()
    };
    state.with_vault(|v| Ok(v.journal().create(new)?))
}

/// Saves the editor's whole content. `autosave` is true while the person types.
#[tauri::command]
pub async fn save_entry(
    state: State<'_, AppState>,
    entry_id: String,
    content: EntryContent,
    autosave: bool,
) -> Result<Entry, IpcError> {
    let entry_id = id(&entry_id)?;
    let edit = EntryEdit {
        title: Some(content.title),
        body: Some(content.body),
        mood: Some(mood(content.mood)?),
        tags: Some(content.tags),
        people: Some(content.people),
        answers: None,
    };
    let mode = if autosave { SaveMode::Autosave } else { SaveMode::Edit };
    state.with_vault(|v| Ok(v.journal().update(entry_id, edit, mode)?))
}

#[tauri::command]
pub async fn trash_entry(state: State<'_, AppState>, entry_id: String) -> Result<(), IpcError> {
    let entry_id = id(&entry_id)?;
    state.with_vault(|v| Ok(v.journal().trash(entry_id)?))
}

#[tauri::command]
pub async fn restore_entry(state: State<'_, AppState>, entry_id: String) -> Result<(), IpcError> {
    let entry_id = id(&entry_id)?;
    state.with_vault(|v| Ok(v.journal().restore(entry_id)?))
}

#[tauri::command]
pub async fn purge_entry(state: State<'_, AppState>, entry_id: String) -> Result<(), IpcError> {
    let entry_id = id(&entry_id)?;
    state.with_vault(|v| Ok(v.journal().purge(entry_id)?))
}

#[tauri::command]
pub async fn entry_history(
    state: State<'_, AppState>,
    entry_id: String,
) -> Result<Vec<attune::journal::Revision>, IpcError> {
    let entry_id = id(&entry_id)?;
    state.with_vault(|v| Ok(v.journal().history(entry_id)?))
}

#[tauri::command]
pub async fn restore_revision(state: State<'_, AppState>, entry_id: String, revision: i64) -> Result<Entry, IpcError> {
    let entry_id = id(&entry_id)?;
    state.with_vault(|v| Ok(v.journal().restore_revision(entry_id, revision)?))
}

#[tauri::command]
pub async fn search(state: State<'_, AppState>, request: SearchRequest) -> Result<SearchView, IpcError> {
    let query = SearchQuery {
        text: request.text,
        limit: request.limit,
        from: day("from", request.from.as_deref())?,
        to: day("to", request.to.as_deref())?,
        tag: request.tag.filter(|t| !t.is_empty()),
        person: request.person.filter(|p| !p.is_empty()),
    };
    let results = state.with_vault(|v| Ok(v.journal().search(&query)?))?;
    Ok(SearchView {
        order: results.order,
        hits: results
            .hits
            .into_iter()
            .map(|h| HitView { entry: h.entry, snippet: h.snippet.parts, rank: h.rank })
            .collect(),
    })
}

#[tauri::command]
pub async fn list_tags(state: State<'_, AppState>) -> Result<Vec<attune::journal::NameCount>, IpcError> {
    state.with_vault(|v| Ok(v.journal().tags()?))
}

#[tauri::command]
pub async fn list_people(state: State<'_, AppState>) -> Result<Vec<PersonView>, IpcError> {
    let people = state.with_vault(|v| Ok(v.journal().people()?))?;
    Ok(people
        .into_iter()
        .map(|(p, entries)| PersonView { name: p.name, relationship: p.relationship, archived: p.archived, entries })
        .collect())
}
