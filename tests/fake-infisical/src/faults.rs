//! The transport faults: redirects and a silent hang. They answer before any route does,
//! so the same request lands on them whatever its path or method.

use std::time::Duration;

use axum::http::{header, StatusCode};
use axum::response::Response;

use crate::bodies;
use crate::state::Shared;
use crate::Mode;

/// How long [`Mode::Hang`] keeps a request waiting: far longer than any client timeout.
const HANG: Duration = Duration::from_secs(3600);

/// The fault's answer for the current mode, or `None` to route the request normally.
pub(crate) async fn answer(shared: &Shared, url: &str, host: Option<&str>) -> Option<Response> {
    let (mode, target) = {
        let inner = shared.lock();
        (inner.mode, inner.redirect_to.clone())
    };
    let status = match mode {
        Mode::Redirect301 => StatusCode::MOVED_PERMANENTLY,
        Mode::Redirect302 => StatusCode::FOUND,
        Mode::Redirect307 => StatusCode::TEMPORARY_REDIRECT,
        Mode::Hang => {
            tokio::time::sleep(HANG).await;
            return Some(bodies::internal_error());
        }
        _ => return None,
    };
    let base = target.unwrap_or_else(|| format!("https://{}", host.unwrap_or("localhost")));
    let location = format!("{}{url}", base.trim_end_matches('/'));
    let mut response = bodies::html(status, "<html><body>Moved</body></html>");
    if let Ok(value) = location.parse() {
        response.headers_mut().insert(header::LOCATION, value);
    }
    Some(response)
}
