//! `attune template`: the vault's templates for free writing, and the starters.

use std::io::{Read, Write};

use anyhow::{Context, Result};
use attune::Session;
use attune::templates::MAX_BODY_BYTES;

use super::args::TemplateAction;
use super::input::Input;

pub fn run(session: &Session, action: TemplateAction, input: &mut Input, out: &mut impl Write) -> Result<()> {
    let templates = session.templates();
    match action {
        TemplateAction::List { json } => {
            let yours = templates.list()?;
            let starters = session.starters();
            if json {
                super::output::json(out, &serde_json::json!({ "templates": yours, "starters": starters }))?;
            } else {
                for t in &yours {
                    writeln!(out, "{}", t.name)?;
                }
                for s in &starters {
                    writeln!(out, "{}\t(starter: {})", s.name, s.id)?;
                }
            }
        }
        TemplateAction::Add { name, file, replace } => {
            let body = match &file {
                Some(path) => {
                    read_limited(std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?)
                        .with_context(|| format!("reading {}", path.display()))?
                }
                None => read_limited(input.stdin()).context("reading the template from standard input")?,
            };
            let saved = if replace { templates.replace(&name, &body)? } else { templates.add(&name, &body)? };
            eprintln!("kept template \"{}\"", saved.name);
        }
        TemplateAction::Show { name } => {
            let text = session.template_text(&name)?;
            writeln!(out, "{}", text.trim_end())?;
        }
        TemplateAction::Remove { name } => {
            templates.remove(&name)?;
            eprintln!("removed template \"{name}\"");
        }
    }
    Ok(())
}

/// Reads at most one byte more than a template may hold, so a huge file is refused without
/// reading it all; the core gives the error.
fn read_limited(source: impl Read) -> Result<String> {
    let mut bytes = Vec::new();
    source.take(MAX_BODY_BYTES as u64 + 1).read_to_end(&mut bytes)?;
    if bytes.len() > MAX_BODY_BYTES {
        anyhow::bail!("the text is over 16 KiB; a template is at most 16 KiB");
    }
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!("the text is not UTF-8 (first bad byte at offset {})", e.utf8_error().valid_up_to())
    })
}
