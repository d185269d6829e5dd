//! The HTTP layer: hyper serves HTTP/1.1 (keep-alive, `Expect: 100-continue`, `HEAD`, chunked
//! request bodies) on a small tokio runtime; every request is turned into a plain [`Request`],
//! handed to the [`Handler`] it was given (the server's routes) on tokio's blocking pool, and its
//! [`Reply`] written back (with CORS headers when asked). It knows nothing of SPARQL.
//!
//! A handler may also send its reply head early through the [`Responder`] it is given and stream
//! the body after it (chunked transfer encoding): the connection then forwards the chunks as
//! they come, and aborts, instead of ending the body cleanly, if the handler fails half-way.
//!
//! The async part only moves bytes. SPARQL evaluation is blocking work and runs on the blocking
//! pool, whose size bounds how many requests are evaluated at once; further requests wait for a
//! free thread while their connections stay open. A panic in a handler becomes a 500 for that
//! request and nothing else.

use super::request::{Chunk, Reply, Request, Responder};
use bytes::Bytes;
use http_body_util::{BodyExt, Limited};
use hyper::body::{Frame, Incoming, SizeHint};
use hyper::header::{HeaderName, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::sync::{mpsc, watch};

/// Largest request body accepted (queries, form posts, updates).
pub(crate) const MAX_BODY: usize = 16 * 1024 * 1024;

/// How long a kept-alive connection may take to send the next request's header.
const HEADER_TIMEOUT: Duration = Duration::from_secs(60);

/// What answers requests: a blocking function from [`Request`] to [`Reply`], which may instead
/// stream its reply through the [`Responder`].
pub(crate) type Handler = Arc<dyn Fn(&Request, &Responder) -> Reply + Send + Sync>;

/// A response body: whole (with its length known) or streamed from a handler.
pub(crate) enum Body {
    /// The whole body, sent once.
    Full(Option<Bytes>),
    /// Chunks as the handler writes them.
    Stream {
        chunks: mpsc::Receiver<Chunk>,
        ended: bool,
    },
}

impl hyper::body::Body for Body {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        match self.get_mut() {
            Body::Full(bytes) => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            Body::Stream { ended: true, .. } => Poll::Ready(None),
            Body::Stream { chunks, ended } => match chunks.poll_recv(cx) {
                Poll::Pending => Poll::Pending,
                Poll::Ready(Some(Chunk::Data(data))) => {
                    Poll::Ready(Some(Ok(Frame::data(Bytes::from(data)))))
                }
                Poll::Ready(Some(Chunk::End)) => {
                    *ended = true;
                    Poll::Ready(None)
                }
                // Closed without `End`: the handler failed after the head went out. An error
                // here makes hyper abort the connection, so the client sees a broken answer.
                Poll::Ready(None) => Poll::Ready(Some(Err(std::io::Error::other(
                    "the answer was cut off after it had started",
                )))),
            },
        }
    }

    fn is_end_stream(&self) -> bool {
        match self {
            Body::Full(bytes) => bytes.is_none(),
            Body::Stream { ended, .. } => *ended,
        }
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            Body::Full(Some(bytes)) => SizeHint::with_exact(bytes.len() as u64),
            Body::Full(None) => SizeHint::with_exact(0),
            Body::Stream { .. } => SizeHint::default(),
        }
    }
}

/// Accepts connections on `listener` until `stop` turns true, serving each on its own task
/// with `handler` (and CORS headers on every reply when `cors`); then waits up to `grace` for
/// the requests in flight.
pub(crate) async fn accept_loop(
    listener: std::net::TcpListener,
    handler: Handler,
    cors: bool,
    mut stop: watch::Receiver<bool>,
    grace: Duration,
) {
    let listener = match tokio::net::TcpListener::from_std(listener) {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("tripel serve: cannot use the listening socket: {e}");
            return;
        }
    };
    let mut connections = tokio::task::JoinSet::new();
    loop {
        while connections.try_join_next().is_some() {}
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = stop.changed() => break,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(e) => {
                // Out of file descriptors and the like: back off instead of spinning.
                eprintln!("tripel serve: cannot accept a connection: {e}");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        // Responses go out in one piece; no reason to let Nagle hold back their tail (and if
        // the option cannot be set, only that tail is slower).
        let _ = stream.set_nodelay(true);
        let handler = Arc::clone(&handler);
        let mut stop = stop.clone();
        connections.spawn(async move {
            let service = service_fn(move |request| handle(Arc::clone(&handler), cors, request));
            let connection = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .keep_alive(true)
                .serve_connection(TokioIo::new(stream), service);
            tokio::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => {}
                _ = stop.changed() => {
                    // Finish the request in flight, then close.
                    connection.as_mut().graceful_shutdown();
                    // A connection error at this point concerns that client alone.
                    let _ = connection.await;
                }
            }
        });
    }
    // Stop accepting (the listener closes here), let requests in flight finish.
    drop(listener);
    // Past the grace period the runtime's shutdown drops whatever still runs.
    let _ = tokio::time::timeout(grace, async {
        while connections.join_next().await.is_some() {}
    })
    .await;
}

async fn handle(
    handler: Handler,
    cors: bool,
    request: hyper::Request<Incoming>,
) -> Result<hyper::Response<Body>, Infallible> {
    let (parts, body) = request.into_parts();
    let log_target = format!("{} {}", parts.method, parts.uri);
    let mut streamed = None;
    let reply = match Limited::new(body, MAX_BODY).collect().await {
        Err(e)
            if e.downcast_ref::<http_body_util::LengthLimitError>()
                .is_some() =>
        {
            Reply::text(
                413,
                format!("request body too large (limit {MAX_BODY} bytes)"),
            )
        }
        Err(e) => Reply::text(400, format!("cannot read the request body: {e}")),
        Ok(collected) => {
            let request = Request {
                method: parts.method.as_str().to_ascii_uppercase(),
                path: parts.uri.path().to_owned(),
                query: parts.uri.query().unwrap_or("").to_owned(),
                headers: parts
                    .headers
                    .iter()
                    .map(|(k, v)| {
                        (
                            k.as_str().to_owned(),
                            String::from_utf8_lossy(v.as_bytes()).into_owned(),
                        )
                    })
                    .collect(),
                body: collected.to_bytes().to_vec(),
            };
            let (responder, early) = Responder::new();
            let evaluation = tokio::task::spawn_blocking(move || {
                catch_unwind(AssertUnwindSafe(|| handler(&request, &responder)))
            });
            // The responder is dropped when the handler returns: then `early` fails and the
            // reply is the handler's result; if the handler streams, its head comes first and
            // the handler goes on writing the body meanwhile.
            match early.await {
                Ok((head, chunks)) => {
                    let target = log_target.clone();
                    tokio::spawn(async move {
                        // The head said 200 already: a failure now can only be logged.
                        match evaluation.await {
                            Ok(Ok(reply)) if reply.status >= 400 => eprintln!(
                                "tripel serve: {target} -> cut off after streaming began: {}",
                                String::from_utf8_lossy(&reply.body).trim()
                            ),
                            Ok(Ok(_)) => {}
                            _ => eprintln!(
                                "tripel serve: {target} -> the request handler panicked while streaming"
                            ),
                        }
                    });
                    streamed = Some(chunks);
                    head
                }
                Err(_) => match evaluation.await {
                    Ok(Ok(reply)) => reply,
                    _ => Reply::text(500, "internal error: the request handler panicked"),
                },
            }
        }
    };
    if reply.status >= 500 {
        eprintln!(
            "tripel serve: {log_target} -> {}: {}",
            reply.status,
            String::from_utf8_lossy(&reply.body).trim()
        );
    }
    let reply = if cors { with_cors(reply) } else { reply };
    Ok(into_response(reply, streamed))
}

fn with_cors(reply: Reply) -> Reply {
    reply
        .with_header("Access-Control-Allow-Origin", "*")
        .with_header("Access-Control-Expose-Headers", "Content-Type")
}

fn into_response(reply: Reply, streamed: Option<mpsc::Receiver<Chunk>>) -> hyper::Response<Body> {
    let body = match streamed {
        Some(chunks) => Body::Stream {
            chunks,
            ended: false,
        },
        None => Body::Full(Some(Bytes::from(reply.body))),
    };
    let mut response = hyper::Response::new(body);
    *response.status_mut() = hyper::StatusCode::from_u16(reply.status)
        .unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    for (name, value) in reply.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            headers.append(name, value);
        }
    }
    response
}
