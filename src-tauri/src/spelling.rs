//! Spell checking while writing. WebKitGTK ships with it off; Attune turns it on in the window's
//! web context (unless the person switched it off in Settings), in the UI's language first and
//! then the other languages Attune speaks, as far as their dictionaries are installed (Debian:
//! `hunspell-en-us`, `hunspell-pt-br`, `hunspell-es`, which the package recommends). The editor
//! marks its text as checkable (`spellcheck="true"`); nothing here ever sees the text.
//! On macOS and Windows the system webview checks spelling by itself and this does nothing.

use tauri::{Manager, Runtime, WebviewWindow};

/// The dictionary each UI language uses (Enchant/Hunspell names): `en` → `en_US`, `pt-BR` →
/// `pt_BR`, `es` → `es_ES` (Hunspell has no plain `es`; Debian's `hunspell-es` installs `es_ES`
/// and the other Spanish-speaking countries).
const DICTIONARIES: [(&str, &str); 3] = [("en", "en_US"), ("pt-BR", "pt_BR"), ("es", "es_ES")];

/// The dictionaries to check with when the UI speaks `locale` (one of
/// [`crate::preferences::LANGUAGES`]): its own first, then the others in a fixed order. An
/// unknown locale gives all of them in that order.
pub fn dictionaries(locale: &str) -> Vec<&'static str> {
    let own = DICTIONARIES.iter().filter(|(ui, _)| *ui == locale);
    let others = DICTIONARIES.iter().filter(|(ui, _)| *ui != locale);
    own.chain(others).map(|(_, dictionary)| *dictionary).collect()
}

/// Turns spell checking on (with [`dictionaries`] for `locale`) or off in the window's web
/// context, and logs what the context then reports (whether it is on, and the dictionaries it
/// found: WebKit drops the ones not installed). Runs on the main thread, after this returns.
pub fn apply<R: Runtime>(window: &WebviewWindow<R>, enabled: bool, locale: &str) {
    #[cfg(target_os = "linux")]
    {
        use webkit2gtk::{WebContextExt, WebViewExt};
        let wanted = dictionaries(locale);
        let result = window.with_webview(move |webview| {
            let Some(context) = webview.inner().context() else {
                log::warn!("spell checking: the webview has no web context");
                return;
            };
            context.set_spell_checking_enabled(enabled);
            if enabled {
                context.set_spell_checking_languages(&wanted);
            }
            let found: Vec<String> = context.spell_checking_languages().iter().map(|l| l.to_string()).collect();
            log::info!("spell checking enabled={} languages={}", context.is_spell_checking_enabled(), found.join(","));
        });
        if let Err(e) = result {
            log::warn!("could not set spell checking: {e}");
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (window, enabled, locale);
    }
}

/// How long after the vault opens the dictionaries are loaded: the journal's first screen has
/// painted by then.
const AFTER_UNLOCK: std::time::Duration = std::time::Duration::from_millis(1500);

/// Turns spell checking on as the preferences say, once per run of the app, shortly after the
/// vault first opens. WebKitGTK loads the dictionaries on the main thread as they are set:
/// about 0.9 s for English, Portuguese and Spanish on the 2-core machine, which at window
/// creation kept the unlock screen blank that long (`npm run bench`: 1,387 ms to the first
/// screen against 430 ms without). Before unlock the only words typed are a passphrase, which
/// should not be spell checked anyway. A change in Settings applies at once
/// ([`crate::apply_window_preferences`]).
pub fn start_after_unlock(app: &tauri::AppHandle) {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        let app = app.clone();
        std::thread::spawn(move || {
            std::thread::sleep(AFTER_UNLOCK);
            let Some(prefs) = app.try_state::<crate::state::AppState>().and_then(|s| s.prefs().ok().map(|p| p.clone()))
            else {
                return;
            };
            if let Some(window) = crate::commands::vault::main_window(&app) {
                apply(&window, prefs.spell_check, prefs.locale());
            }
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ui_language_comes_first_then_the_others() {
        assert_eq!(dictionaries("pt-BR"), ["pt_BR", "en_US", "es_ES"], "Portuguese first, then English and Spanish");
        assert_eq!(dictionaries("es"), ["es_ES", "en_US", "pt_BR"], "Spanish first");
        assert_eq!(dictionaries("en"), ["en_US", "pt_BR", "es_ES"], "English first");
        assert_eq!(dictionaries("xx"), ["en_US", "pt_BR", "es_ES"], "an unknown language still checks the three");
    }

    #[test]
    fn every_ui_language_has_its_own_dictionary_first() {
        for locale in crate::preferences::LANGUAGES {
            let first = dictionaries(locale).first().copied().unwrap_or_default();
            let language = locale.split('-').next().unwrap_or(locale);
            assert!(first.starts_with(language), "{locale} should check its own language first, not {first}");
        }
    }
}
