//! The journal: listing, reading, writing, history, trash and search.

use attune::journal::{EntryEdit, ListFilter, SaveMode, SearchQuery};
use attune::time;
use attune::{Entry, EntryId, Mood, NewEntry};

use crate::dialogs::{self, Ask};
use crate::dto::{DayCount, EntryContent, HitView, ListRequest, PersonView, SearchRequest, SearchView, TemplatesView};
use crate::error::IpcError;

use super::Ctx;

fn id(text: &str) -> Result<EntryId, IpcError> {
    Ok(text.parse::<EntryId>()?)
}

fn day(what: &'static str, text: Option<&str>) -> Result<Option<chrono::NaiveDate>, IpcError> {
    Ok(text.filter(|t| !t.is_empty()).map(|t| time::parse_day(what, t)).transpose()?)
}

fn mood(value: Option<u8>) -> Result<Option<Mood>, IpcError> {
    Ok(value.map(Mood::try_from).transpose()?)
}

pub fn list_entries(ctx: &Ctx, request: ListRequest) -> Result<attune::journal::Page, IpcError> {
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
    ctx.session(|s| Ok(s.journal().list(&filter)?))
}

pub fn day_counts(ctx: &Ctx, from: String, to: String) -> Result<Vec<DayCount>, IpcError> {
    let (from, to) = (time::parse_day("from", &from)?, time::parse_day("to", &to)?);
    let counts = ctx.session(|s| Ok(s.journal().day_counts(from, to)?))?;
    Ok(counts.into_iter().map(|(day, count)| DayCount { day: day.to_string(), count }).collect())
}

pub fn get_entry(ctx: &Ctx, entry_id: String) -> Result<Entry, IpcError> {
    let entry_id = id(&entry_id)?;
    ctx.session(|s| Ok(s.journal().get(entry_id)?))
}

pub fn create_entry(ctx: &Ctx, content: EntryContent) -> Result<Entry, IpcError> {
    let new = NewEntry {
        title: content.title,
        body: content.body,
        mood: mood(content.mood)?,
        tags: content.tags,
        people: content.people,
        ..NewEntry::default()
    };
    ctx.session(|s| Ok(s.journal().create(new)?))
}

/// Saves the editor's whole content. `autosave` is true while the person types.
pub fn save_entry(ctx: &Ctx, entry_id: String, content: EntryContent, autosave: bool) -> Result<Entry, IpcError> {
    let entry_id = id(&entry_id)?;
    let edit = EntryEdit {
        title: Some(content.title),
        body: Some(content.body),
        mood: Some(mood(content.mood)?),
        tags: Some(content.tags),
        people: Some(content.people),
        answers: None,
        created_at: None,
    };
    let mode = if autosave { SaveMode::Autosave } else { SaveMode::Edit };
    ctx.session(|s| Ok(s.journal().update(entry_id, edit, mode)?))
}

pub fn trash_entry(ctx: &Ctx, entry_id: String) -> Result<(), IpcError> {
    let entry_id = id(&entry_id)?;
    ctx.session(|s| Ok(s.journal().trash(entry_id)?))
}

pub fn restore_entry(ctx: &Ctx, entry_id: String) -> Result<(), IpcError> {
    let entry_id = id(&entry_id)?;
    ctx.session(|s| Ok(s.journal().restore(entry_id)?))
}

pub fn purge_entry(ctx: &Ctx, entry_id: String) -> Result<(), IpcError> {
    let entry_id = id(&entry_id)?;
    ctx.session(|s| Ok(s.journal().purge(entry_id)?))
}

pub fn entry_history(ctx: &Ctx, entry_id: String) -> Result<Vec<attune::journal::Revision>, IpcError> {
    let entry_id = id(&entry_id)?;
    ctx.session(|s| Ok(s.journal().history(entry_id)?))
}

pub fn restore_revision(ctx: &Ctx, entry_id: String, revision: i64) -> Result<Entry, IpcError> {
    let entry_id = id(&entry_id)?;
    ctx.session(|s| Ok(s.journal().restore_revision(entry_id, revision)?))
}

pub fn search(ctx: &Ctx, request: SearchRequest) -> Result<SearchView, IpcError> {
    let query = SearchQuery {
        text: request.text,
        limit: request.limit,
        from: day("from", request.from.as_deref())?,
        to: day("to", request.to.as_deref())?,
        tag: request.tag.filter(|t| !t.is_empty()),
        person: request.person.filter(|p| !p.is_empty()),
    };
    let results = ctx.session(|s| Ok(s.journal().search(&query)?))?;
    Ok(SearchView {
        order: results.order,
        hits: results
            .hits
            .into_iter()
            .map(|h| HitView { entry: h.entry, snippet: h.snippet.parts, rank: h.rank })
            .collect(),
    })
}

pub fn list_tags(ctx: &Ctx) -> Result<Vec<attune::journal::NameCount>, IpcError> {
    ctx.session(|s| Ok(s.journal().tags()?))
}

pub fn list_people(ctx: &Ctx) -> Result<Vec<PersonView>, IpcError> {
    let people = ctx.session(|s| Ok(s.journal().people()?))?;
    Ok(people
        .into_iter()
        .map(|(p, entries)| PersonView { name: p.name, relationship: p.relationship, archived: p.archived, entries })
        .collect())
}

pub fn set_entry_date(ctx: &Ctx, entry_id: String, local: String) -> Result<Entry, IpcError> {
    let entry_id = id(&entry_id)?;
    let edit = EntryEdit { created_at: Some(time::parse_local("date", &local)?), ..EntryEdit::default() };
    ctx.session(|s| Ok(s.journal().update(entry_id, edit, SaveMode::Edit)?))
}

pub fn list_templates(ctx: &Ctx) -> Result<TemplatesView, IpcError> {
    ctx.session(|s| Ok(TemplatesView { templates: s.templates().list()?, starters: s.starters() }))
}

pub fn save_template(
    ctx: &Ctx,
    name: String,
    body: String,
    replace: bool,
) -> Result<attune::templates::Template, IpcError> {
    ctx.session(|s| {
        let templates = s.templates();
        Ok(if replace { templates.replace(&name, &body)? } else { templates.add(&name, &body)? })
    })
}

pub fn remove_template(ctx: &Ctx, name: String) -> Result<(), IpcError> {
    ctx.session(|s| Ok(s.templates().remove(&name)?))
}

/// The extensions the attach dialog shows; what a file is comes from its bytes all the same.
const ATTACHABLE: &[&str] =
    &["jpg", "jpeg", "png", "gif", "webp", "heic", "heif", "pdf", "m4a", "aac", "mp3", "ogg", "oga", "wav"];

pub fn attach_file(ctx: &Ctx, entry_id: String) -> Result<Option<Entry>, IpcError> {
    let entry_id = id(&entry_id)?;
    let title = ctx.say("dialog-attach");
    let Some(path) = dialogs::open_file(ctx.app, Ask::new(&title).extensions(ATTACHABLE))? else { return Ok(None) };
    ctx.session(|s| {
        s.attach_files(entry_id, &[path])?;
        Ok(Some(s.journal().get(entry_id)?))
    })
}

pub fn list_attachments(ctx: &Ctx, entry_id: String) -> Result<Vec<attune::attachments::Attachment>, IpcError> {
    let entry_id = id(&entry_id)?;
    ctx.session(|s| Ok(s.attachments().list(entry_id)?))
}

pub fn remove_attachment(ctx: &Ctx, attachment_id: String) -> Result<(), IpcError> {
    let attachment_id = attachment_id.parse::<attune::attachments::AttachmentId>()?;
    ctx.session(|s| Ok(s.detach(attachment_id).map(drop)?))
}
