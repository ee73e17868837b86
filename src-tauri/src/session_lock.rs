//! Locking when the computer sleeps or the session locks, where the OS says so.
//!
//! On Linux, logind announces both on the system bus (`PrepareForSleep(true)` on the manager,
//! `Lock` on a session). The app then asks the UI to save and lock (`LOCK_REQUESTED_EVENT`); if
//! the UI has not locked within a moment, the vault is locked here anyway and the UI is told
//! (`LOCKED_EVENT`). Where there is no system bus (a container, a test run) this quietly does
//! nothing.
//!
//! On macOS, the shared workspace posts `NSWorkspaceWillSleepNotification` and the distributed
//! notification centre `com.apple.screenIsLocked`. On Windows, a hidden window registered with
//! `WTSRegisterSessionNotification` receives `WM_WTSSESSION_CHANGE` (`WTS_SESSION_LOCK`) and
//! the `WM_POWERBROADCAST` broadcast (`PBT_APMSUSPEND`). Both are compiled and run only by the
//! release workflow's macOS and Windows jobs (`.github/workflows/`); the idle auto-lock applies
//! everywhere.

use tauri::{AppHandle, Emitter, Manager};

use crate::state::AppState;

pub const LOCK_REQUESTED_EVENT: &str = "attune://lock-requested";
pub const LOCKED_EVENT: &str = "attune://locked";
const GRACE: std::time::Duration = std::time::Duration::from_secs(2);

/// Asks the UI to save and lock, and locks after a short grace period in any case.
pub fn request_lock(app: &AppHandle) {
    let _ = app.emit(LOCK_REQUESTED_EVENT, ());
    let app = app.clone();
    std::thread::spawn(move || {
        std::thread::sleep(GRACE);
        if let Some(state) = app.try_state::<AppState>() {
            let was_unlocked = state.session().map(|s| s.is_some()).unwrap_or(false);
            if was_unlocked && state.lock().is_ok() {
                let _ = app.emit(LOCKED_EVENT, ());
            }
        }
    });
}

#[cfg(target_os = "linux")]
pub fn watch(app: AppHandle) {
    std::thread::spawn(move || {
        if let Err(e) = linux::listen(&app) {
            log::info!("sleep and session-lock signals are not available here: {e}");
        }
    });
}

#[cfg(target_os = "macos")]
pub fn watch(app: AppHandle) {
    macos::listen(app);
}

#[cfg(windows)]
pub fn watch(app: AppHandle) {
    std::thread::spawn(move || {
        if let Err(e) = windows::listen(app) {
            log::info!("sleep and session-lock messages are not available here: {e}");
        }
    });
}

#[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
pub fn watch(_app: AppHandle) {}

#[cfg(target_os = "linux")]
mod linux {
    use std::time::Duration;

    use dbus::blocking::Connection;
    use dbus::message::MatchRule;
    use tauri::AppHandle;

    pub fn listen(app: &AppHandle) -> Result<(), dbus::Error> {
        let conn = Connection::new_system()?;
        let on_sleep = app.clone();
        conn.add_match(
            MatchRule::new_signal("org.freedesktop.login1.Manager", "PrepareForSleep"),
            move |(starting,): (bool,), _, _| {
                if starting {
                    log::info!("the computer is going to sleep: locking");
                    super::request_lock(&on_sleep);
                }
                true
            },
        )?;
        let on_lock = app.clone();
        conn.add_match(MatchRule::new_signal("org.freedesktop.login1.Session", "Lock"), move |(): (), _, _| {
            log::info!("the session is locking: locking");
            super::request_lock(&on_lock);
            true
        })?;
        loop {
            conn.process(Duration::from_secs(3600))?;
        }
    }
}

#[cfg(target_os = "macos")]
mod macos {
    use std::ptr::NonNull;

    use block2::RcBlock;
    use objc2_app_kit::{NSWorkspace, NSWorkspaceWillSleepNotification};
    use objc2_foundation::{NSDistributedNotificationCenter, NSNotification, NSString};
    use tauri::AppHandle;

    /// Observes for the life of the app: the observer tokens are leaked on purpose.
    pub fn listen(app: AppHandle) {
        let on_sleep = app.clone();
        let sleep = RcBlock::new(move |_: NonNull<NSNotification>| {
            log::info!("the computer is going to sleep: locking");
            super::request_lock(&on_sleep);
        });
        let lock = RcBlock::new(move |_: NonNull<NSNotification>| {
            log::info!("the screen is locking: locking");
            super::request_lock(&app);
        });
        let screen_locked = NSString::from_str("com.apple.screenIsLocked");
        // SAFETY: no object filter and no queue (the block runs on the posting thread);
        // `request_lock` only emits an event and starts a thread, which is safe from any thread.
        unsafe {
            let workspace = NSWorkspace::sharedWorkspace().notificationCenter();
            std::mem::forget(workspace.addObserverForName_object_queue_usingBlock(
                Some(NSWorkspaceWillSleepNotification),
                None,
                None,
                &sleep,
            ));
            let distributed = NSDistributedNotificationCenter::defaultCenter();
            std::mem::forget(distributed.addObserverForName_object_queue_usingBlock(
                Some(&*screen_locked),
                None,
                None,
                &lock,
            ));
        }
    }
}

#[cfg(windows)]
mod windows {
    use std::sync::OnceLock;

    use tauri::AppHandle;
    use windows_sys::Win32::Foundation::{HWND, LPARAM, LRESULT, WPARAM};
    use windows_sys::Win32::System::LibraryLoader::GetModuleHandleW;
    use windows_sys::Win32::System::RemoteDesktop::{NOTIFY_FOR_THIS_SESSION, WTSRegisterSessionNotification};
    use windows_sys::Win32::UI::WindowsAndMessaging::{
        CreateWindowExW, DefWindowProcW, DispatchMessageW, GetMessageW, MSG, PBT_APMSUSPEND, RegisterClassW,
        WM_POWERBROADCAST, WM_WTSSESSION_CHANGE, WNDCLASSW, WTS_SESSION_LOCK,
    };

    static APP: OnceLock<AppHandle> = OnceLock::new();

    /// A hidden top-level window (message-only windows miss the power broadcast) and its
    /// message loop, on this thread, for the life of the app.
    pub fn listen(app: AppHandle) -> std::io::Result<()> {
        let _ = APP.set(app);
        let class: Vec<u16> = "AttuneSessionWatch\0".encode_utf16().collect();
        // SAFETY: plain Win32 calls with a class name that outlives them and a window procedure
        // that only reads the static app handle.
        unsafe {
            let instance = GetModuleHandleW(std::ptr::null());
            let wc = WNDCLASSW {
                lpfnWndProc: Some(window_proc),
                hInstance: instance,
                lpszClassName: class.as_ptr(),
                ..Default::default()
            };
            if RegisterClassW(&wc) == 0 {
                return Err(std::io::Error::last_os_error());
            }
            let hwnd = CreateWindowExW(
                0,
                class.as_ptr(),
                class.as_ptr(),
                0,
                0,
                0,
                0,
                0,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                instance,
                std::ptr::null(),
            );
            if hwnd.is_null() {
                return Err(std::io::Error::last_os_error());
            }
            if WTSRegisterSessionNotification(hwnd, NOTIFY_FOR_THIS_SESSION) == 0 {
                return Err(std::io::Error::last_os_error());
            }
            let mut msg = MSG::default();
            while GetMessageW(&mut msg, std::ptr::null_mut(), 0, 0) > 0 {
                DispatchMessageW(&msg);
            }
        }
        Ok(())
    }

    unsafe extern "system" fn window_proc(hwnd: HWND, msg: u32, wparam: WPARAM, lparam: LPARAM) -> LRESULT {
        let locking = match msg {
            WM_WTSSESSION_CHANGE => wparam as u32 == WTS_SESSION_LOCK,
            WM_POWERBROADCAST => wparam as u32 == PBT_APMSUSPEND,
            _ => false,
        };
        if locking && let Some(app) = APP.get() {
            log::info!("the session is locking or the computer is going to sleep: locking");
            super::request_lock(app);
        }
        // SAFETY: the arguments are the ones Windows passed in.
        unsafe { DefWindowProcW(hwnd, msg, wparam, lparam) }
    }
}
