//! Requests and replies as plain data, decoupled from the HTTP library: [`super::http`] makes a
//! [`Request`] from each hyper request and writes the handler's [`Reply`] back, the handlers in
//! [`super::routes`] see nothing else.

/// One request, decoupled from the HTTP library.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    /// `GET`, `POST`, … (upper case).
    pub method: String,
    /// The path, percent-encoded as received (`/entity/mark-zuckerberg`).
    pub path: String,
    /// The query string after `?` (percent-encoded), empty when none.
    pub query: String,
    /// Header fields in order (names lower case).
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
