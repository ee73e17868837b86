//! `attune attach`, `attachments`, `attachment save` and `detach`: an entry's photos and files.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use attune::Session;

use super::args::AttachmentAction;

pub fn attach(session: &Session, entry: &str, files: &[PathBuf], out: &mut impl Write) -> Result<()> {
    let entry = session.journal().resolve(entry)?;
    for added in session.attach_files(entry, files)? {
        writeln!(out, "{}", added.id)?;
    }
    Ok(())
}

pub fn list(session: &Session, entry: &str, json: bool, out: &mut impl Write) -> Result<()> {
    let entry = session.journal().resolve(entry)?;
    let listed = session.attachments().list(entry)?;
    if json {
        return super::output::json(out, &listed);
    }
    for a in &listed {
        let size = match (a.width, a.height) {
            (Some(w), Some(h)) => format!("{w}×{h}"),
            _ => String::new(),
        };
        writeln!(out, "{}\t{}\t{}\t{} bytes\t{size}", a.id, a.name, a.media_type, a.size)?;
    }
    Ok(())
}

pub fn run(session: &Session, action: AttachmentAction) -> Result<()> {
    match action {
        AttachmentAction::Save { id, path } => {
            let id = session.attachments().resolve(&id)?;
            let saved = session.save_attachment(id, &path)?;
            eprintln!("wrote {} to {} (not encrypted; readable only by you)", saved.name, path.display());
        }
    }
    Ok(())
}

pub fn detach(session: &Session, id: &str) -> Result<()> {
    let id = session.attachments().resolve(id)?;
    let removed = session.detach(id)?;
    eprintln!("deleted {} ({}) for good", removed.name, removed.id);
    Ok(())
}
