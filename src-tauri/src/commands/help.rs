//! The help panel: crisis lines for the person's country, as text. Works locked or unlocked;
//! a pack's own aftercare contact is added when the vault is open and the pack names one.

use attune::help::{Contacts, HelpView};

use super::Ctx;
use crate::error::{ErrorCode, IpcError};

/// What the help panel shows for `country` (the Settings choice when `None`), with the
/// aftercare contact of `pack_id` if it has one.
pub fn help_panel(ctx: &Ctx, country: Option<String>, pack_id: Option<String>) -> Result<HelpView, IpcError> {
    let country = match country {
        Some(code) => Some(code),
        None => ctx.state.prefs()?.help_country.clone(),
    };
    if ctx.state.session()?.is_some() {
        return ctx.session(|s| Ok(s.help(country.as_deref(), pack_id.as_deref())?));
    }
    let contacts = Contacts::builtin().map_err(|e| IpcError::new(ErrorCode::Internal, e.to_string()))?;
    Ok(contacts.for_country(country.as_deref(), &attune::i18n::Words::new(ctx.state.locale()?)))
}
