//! Requests and replies as plain data, decoupled from the HTTP library: [`super::http`] makes a
//! [`Request`] from each hyper request and writes the handler's [`Reply`] back, the handlers in
//! [`super::routes`] see nothing else.
//!
//! A reply is normally built whole, so that an error is a clean status. A large answer instead
//! goes out while it is written: the handler sends the head early through its [`Responder`] and
//! the body follows through a bounded channel ([`BodySender`]), so memory stays bounded however
//! large the answer (see `engine::AnswerSink` for when that happens).

use std::sync::Mutex;
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};

/// Chunks in flight between a streaming handler and the connection: with 64 KiB chunks, at
/// most half a megabyte of an answer waits for a slow client.
const CHANNEL_CHUNKS: usize = 8;

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

/// One piece of a streamed body.
#[derive(Debug)]
pub(crate) enum Chunk {
    /// The next bytes.
    Data(Vec<u8>),
    /// The body is complete. A channel that closes without it was cut off (the handler failed
    /// or panicked half-way), and the connection is aborted rather than ended cleanly, so that
    /// no client takes a cut-off answer for a whole one.
    End,
}

/// A reply head sent early, with the channel its body follows on.
pub(crate) type EarlyReply = (Reply, mpsc::Receiver<Chunk>);

/// Lets a handler send its reply head before the body is complete.
pub(crate) struct Responder {
    early: Mutex<Option<oneshot::Sender<EarlyReply>>>,
    runtime: Option<tokio::runtime::Handle>,
}

impl Responder {
    /// A responder whose early reply, if the handler sends one, arrives on the receiver. Outside
    /// a tokio runtime (unit tests) nothing can be streamed and every reply is built whole.
    pub(crate) fn new() -> (Self, oneshot::Receiver<EarlyReply>) {
        let (tx, rx) = oneshot::channel();
        let responder = Self {
            early: Mutex::new(Some(tx)),
            runtime: tokio::runtime::Handle::try_current().ok(),
        };
        (responder, rx)
    }

    /// Sends `head` (status and headers; its body is ignored) now and returns where the body
    /// goes, each chunk waiting at most `patience` for a slow client. `None` when this
    /// responder cannot stream or has already sent a head.
    pub(crate) fn start_stream(&self, head: Reply, patience: Duration) -> Option<BodySender> {
        let runtime = self.runtime.clone()?;
        let early = self
            .early
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()?;
        let (tx, rx) = mpsc::channel(CHANNEL_CHUNKS);
        early.send((head, rx)).ok()?;
        Some(BodySender {
            tx,
            runtime,
            patience,
        })
    }
}

/// The sending end of a streamed body.
pub(crate) struct BodySender {
    tx: mpsc::Sender<Chunk>,
    runtime: tokio::runtime::Handle,
    patience: Duration,
}

impl BodySender {
    /// Sends one chunk, waiting while the client is behind (that wait is what bounds the
    /// memory). Fails when the client went away or did not read for `patience`.
    pub(crate) fn send(&self, chunk: Chunk) -> std::io::Result<()> {
        let sent = self
            .runtime
            .block_on(tokio::time::timeout(self.patience, self.tx.send(chunk)));
        match sent {
            Ok(Ok(())) => Ok(()),
            Ok(Err(_)) => Err(std::io::Error::new(
                std::io::ErrorKind::BrokenPipe,
                "the client closed the connection",
            )),
            Err(_) => Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                format!("the client read nothing for {:?}", self.patience),
            )),
        }
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
