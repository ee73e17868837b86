//! What the process itself does to keep key material and decrypted text in memory only.
//!
//! [`forbid_core_dumps`] runs first in both front ends (the `attune` tool and the desktop app):
//! a crash then writes no core file, which would hold the data key and whatever was decrypted,
//! and on Linux the process is also marked not dumpable, so other processes of the same user
//! cannot read its memory through `ptrace` or `/proc/PID/mem`. Key types zeroize themselves on
//! drop (see `vault::secret`). SQLCipher's own memory security stays off: it made bulk work
//! four times slower (see the store and the README's benchmarks).
//!
//! Must not: fail the program. A platform that refuses is reported to the caller, who goes on.

/// Sets the core-file size limit to zero (soft and hard) and, on Linux, clears the dumpable
/// flag. Returns the system's error if either is refused; elsewhere than Unix, does nothing.
pub fn forbid_core_dumps() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use nix::sys::resource::{Resource, setrlimit};
        setrlimit(Resource::RLIMIT_CORE, 0, 0).map_err(std::io::Error::from)?;
        #[cfg(target_os = "linux")]
        nix::sys::prctl::set_dumpable(false).map_err(std::io::Error::from)?;
    }
    Ok(())
}
