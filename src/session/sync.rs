//! Sync between computers through a synced folder: the session's door to [`crate::sync`].

use std::path::Path;

use super::{Session, SessionError};
use crate::sync::{self, SyncReport, SyncStatus};
use crate::time::{Clock, SystemClock};
use crate::vault::Credential;

impl Session {
    /// Links this vault to the sync folder `folder` (made if missing) and writes everything it
    /// holds there. `name` is how other computers will call this one (default: the host name).
    pub fn sync_link(&mut self, folder: &Path, name: Option<&str>) -> Result<SyncReport, SessionError> {
        let name = name.map_or_else(sync::default_device_name, str::to_owned);
        Ok(sync::link(self.vault_mut(), folder, &name)?)
    }

    /// Makes this computer's vault in `dir` from the linked sync folder `folder`, with the
    /// passphrase or recovery phrase of the vault there, and brings in everything in it.
    pub fn sync_join(
        folder: &Path,
        dir: &Path,
        credential: Credential<'_>,
        name: Option<&str>,
    ) -> Result<(Session, SyncReport), SessionError> {
        Self::sync_join_with_clock(folder, dir, credential, name, Box::new(SystemClock))
    }

    /// [`Session::sync_join`] with a given clock.
    pub fn sync_join_with_clock(
        folder: &Path,
        dir: &Path,
        credential: Credential<'_>,
        name: Option<&str>,
        clock: Box<dyn Clock>,
    ) -> Result<(Session, SyncReport), SessionError> {
        let name = name.map_or_else(sync::default_device_name, str::to_owned);
        let (vault, report) = sync::join(folder, dir, credential, &name, clock)?;
        Ok((vault.into(), report))
    }

    /// Exchanges changes with the sync folder now. The catalogue is read again afterwards, as a
    /// pack may have arrived.
    pub fn sync(&mut self) -> Result<SyncReport, SessionError> {
        let report = sync::exchange(self.vault_mut())?;
        if report.received.other > 0 {
            self.catalogue.take();
        }
        Ok(report)
    }

    /// Whether this vault is linked to a sync folder.
    pub fn sync_linked(&self) -> Result<bool, SessionError> {
        Ok(sync::linked_folder(self.vault())?.is_some())
    }

    /// Where sync stands.
    pub fn sync_status(&self) -> Result<SyncStatus, SessionError> {
        Ok(sync::status(self.vault())?)
    }

    /// Stops syncing this vault; the folder is left as it is.
    pub fn sync_unlink(&self) -> Result<(), SessionError> {
        Ok(sync::unlink(self.vault())?)
    }
}
