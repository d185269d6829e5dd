//! The HTTP layer: takes requests off [`tiny_http`], turns them into plain [`Request`] values,
//! hands them to [`super::routes`], and writes the [`Reply`] back (with CORS headers when asked).
//!
//! Keeping `tiny_http` to this module means the routes are plain functions from request to
//! reply, and a panic in a handler becomes a 500 for that request instead of a dead worker.

use super::App;
use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Largest request body accepted (queries, form posts, updates).
pub(crate) const MAX_BODY: usize = 16 * 1024 * 1024;

/// One request, decoupled from the HTTP library.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    /// `GET`, `POST`, … (upper case).
    pub method: String,
    /// The path, percent-encoded as received (`/entity/mark-zuckerberg`).
    pub path: String,
    /// The query string after `?` (percent-encoded), empty when none.
    pub query: String,
    /// Header fields in order (names as sent).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Request {
    /// The first value of header `name` (case-insensitive).
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One response.
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    /// A response with a body of the given media type.
    pub(crate) fn new(status: u16, media_type: &str, body: Vec<u8>) -> Self {
        Self {
            status,
            headers: vec![("Content-Type".into(), media_type.into())],
            body,
        }
    }

    /// A plain-text message (errors, mostly): readable in a terminal and in the page.
    pub(crate) fn text(status: u16, message: impl std::fmt::Display) -> Self {
        Self::new(
            status,
            "text/plain; charset=utf-8",
            format!("{message}\n").into_bytes(),
        )
    }

    /// An empty response.
    pub(crate) fn empty(status: u16) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// Adds a header.
    pub(crate) fn with_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// A worker: serves requests until `stop` is set.
pub(crate) fn worker(http: &tiny_http::Server, app: &App, stop: &AtomicBool, poll: Duration) {
    while !stop.load(Ordering::SeqCst) {
        let mut incoming = match http.recv_timeout(poll) {
            Ok(Some(request)) => request,
            Ok(None) => continue,
            Err(e) => {
                eprintln!("tripel serve: connection error: {e}");
                continue;
            }
        };
        let reply = match read_request(&mut incoming) {
            Ok(request) => {
                match catch_unwind(AssertUnwindSafe(|| super::routes::route(app, &request))) {
                    Ok(reply) => reply,
                    Err(_) => Reply::text(500, "internal error: the request handler panicked"),
                }
            }
            Err(reply) => reply,
        };
        if reply.status >= 500 {
            eprintln!(
                "tripel serve: {} {} -> {}: {}",
                incoming.method(),
                incoming.url(),
                reply.status,
                String::from_utf8_lossy(&reply.body).trim()
            );
        }
        let reply = if app.cors { with_cors(reply) } else { reply };
        // A client that went away is not the server's problem.
        let _ = incoming.respond(into_response(reply));
    }
}

fn read_request(incoming: &mut tiny_http::Request) -> Result<Request, Reply> {
    let method = incoming.method().as_str().to_ascii_uppercase();
    let (path, query) = match incoming.url().split_once('?') {
        Some((p, q)) => (p.to_owned(), q.to_owned()),
        None => (incoming.url().to_owned(), String::new()),
    };
    let headers = incoming
        .headers()
        .iter()
        .map(|h| {
            (
                h.field.as_str().as_str().to_owned(),
                h.value.as_str().to_owned(),
            )
        })
        .collect();
    if incoming.body_length().is_some_and(|n| n > MAX_BODY) {
        return Err(Reply::text(
            413,
            format!("request body too large (limit {MAX_BODY} bytes)"),
        ));
    }
    let mut body = Vec::new();
    incoming
        .as_reader()
        .take(MAX_BODY as u64 + 1)
        .read_to_end(&mut body)
        .map_err(|e| Reply::text(400, format!("cannot read the request body: {e}")))?;
    if body.len() > MAX_BODY {
        return Err(Reply::text(
            413,
            format!("request body too large (limit {MAX_BODY} bytes)"),
        ));
    }
    Ok(Request {
        method,
        path,
        query,
        headers,
        body,
    })
}

fn with_cors(reply: Reply) -> Reply {
    reply
        .with_header("Access-Control-Allow-Origin", "*")
        .with_header(
            "Access-Control-Expose-Headers",
            "Content-Type, X-Tripel-Truncated, X-Tripel-Result-Limit",
        )
}

fn into_response(reply: Reply) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let length = reply.body.len();
    let mut response = tiny_http::Response::new(
        tiny_http::StatusCode(reply.status),
        Vec::new(),
        std::io::Cursor::new(reply.body),
        Some(length),
        None,
    )
    // The length is known: always send it, never chunk.
    .with_chunked_threshold(usize::MAX);
    for (name, value) in reply.headers {
        if let Ok(header) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    response
}

/// Decodes `%XX` escapes of a URL path segment (a `+` stays a `+`).
pub(crate) fn percent_decode(segment: &str) -> Option<String> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = segment.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding() {
        assert_eq!(
            percent_decode("mark-zuckerberg").as_deref(),
            Some("mark-zuckerberg")
        );
        assert_eq!(percent_decode("caf%C3%A9").as_deref(), Some("café"));
        assert_eq!(percent_decode("a%2"), None);
        assert_eq!(percent_decode("%ff"), None);
    }
}
