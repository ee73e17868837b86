//! The `attune-media:` scheme: an entry's photos, served to the window from the vault.
//!
//! `attune-media://localhost/ID` is the photo, `…/ID/thumbnail` (or `thumbnail.ID`) its
//! thumbnail (on Windows the webview names the same place `http://attune-media.localhost/ID`).
//! Bytes come out of the encrypted database straight into the response, with
//! `Cache-Control: no-store`, so the webview keeps no copy on disk; only photos Attune made a
//! thumbnail for (JPEG, PNG, GIF, WebP) are served, never a PDF or a recording, and nothing at
//! all while the vault is locked. The page's CSP admits this scheme for images only.

use tauri::http::{Request, Response, StatusCode, header};
use tauri::{AppHandle, Manager, Runtime, UriSchemeContext, UriSchemeResponder};

use crate::state::AppState;

/// The scheme's name, as registered and as the CSP names it.
pub const SCHEME: &str = "attune-media";

/// Answers one request on another thread, so a large photo never holds up the window.
pub fn serve<R: Runtime>(ctx: UriSchemeContext<'_, R>, request: Request<Vec<u8>>, responder: UriSchemeResponder) {
    let app = ctx.app_handle().clone();
    std::thread::spawn(move || responder.respond(respond(&app, request.uri().path())));
}

fn respond<R: Runtime>(app: &AppHandle<R>, path: &str) -> Response<Vec<u8>> {
    let status = |code: StatusCode| {
        Response::builder()
            .status(code)
            .header(header::CACHE_CONTROL, "no-store")
            .body(Vec::new())
            .unwrap_or_else(|_| Response::new(Vec::new()))
    };
    let Some((id, thumbnail)) = parse(path) else { return status(StatusCode::NOT_FOUND) };
    let state = app.state::<AppState>();
    let found = state.with_session(|s| {
        let store = s.attachments();
        let attachment = store.get(id)?;
        if !attachment.has_thumbnail {
            return Ok(None);
        }
        Ok(Some(if thumbnail {
            ("image/jpeg".to_owned(), store.thumbnail(id)?.unwrap_or_default())
        } else {
            (attachment.media_type, store.bytes(id)?)
        }))
    });
    match found {
        Ok(Some((media_type, bytes))) if !bytes.is_empty() => Response::builder()
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, media_type)
            .header(header::CACHE_CONTROL, "no-store")
            .header("X-Content-Type-Options", "nosniff")
            .body(bytes)
            .unwrap_or_else(|_| Response::new(Vec::new())),
        Ok(_) => status(StatusCode::NOT_FOUND),
        Err(e) if e.code == crate::error::ErrorCode::Locked => status(StatusCode::FORBIDDEN),
        Err(_) => status(StatusCode::NOT_FOUND),
    }
}

/// The attachment id and whether the thumbnail is asked for, from a request path:
/// `/ID`, `/ID/thumbnail` (the slash may come percent-encoded) or `/thumbnail.ID`.
fn parse(path: &str) -> Option<(attune::attachments::AttachmentId, bool)> {
    let path = path.trim_start_matches('/').replace("%2F", "/").replace("%2f", "/");
    let (id, thumbnail) = match (path.strip_suffix("/thumbnail"), path.strip_prefix("thumbnail.")) {
        (Some(id), _) | (_, Some(id)) => (id, true),
        _ => (path.as_str(), false),
    };
    Some((id.parse().ok()?, thumbnail))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn only_an_id_and_its_thumbnail_are_addresses() {
        let id = "01900000-0000-7000-8000-00000000000a";
        assert!(!parse(&format!("/{id}")).unwrap().1, "the photo");
        assert!(parse(&format!("/{id}/thumbnail")).unwrap().1, "its thumbnail");
        assert!(parse(&format!("/{id}%2Fthumbnail")).unwrap().1, "its thumbnail");
        assert!(parse(&format!("/thumbnail.{id}")).unwrap().1, "its thumbnail");
        for bad in ["/", "/../vault.keys", &format!("/{id}/../x"), &format!("/{id}/bytes"), "/not-an-id"] {
            assert!(parse(bad).is_none(), "{bad} is not an address");
        }
    }
}
