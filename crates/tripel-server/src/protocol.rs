//! The SPARQL 1.1 Protocol's request side, free of any HTTP library: which operation a request
//! carries (query or update, with its dataset parameters) and which media type to answer in;
//! and the parts of a `multipart/form-data` body, which the Graph Store Protocol's POST takes.
//!
//! Everything here is a pure function of method, URL query string, `Content-Type`, `Accept` and
//! body, so the rules of <https://www.w3.org/TR/sparql11-protocol/> §2.1–2.2 are unit-tested
//! without a socket. The routes only map a [`ProtocolError`] to its status.

use thiserror::Error;

/// One SPARQL operation as the Protocol carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SparqlRequest {
    /// A query (`query=` or a `application/sparql-query` body).
    Query {
        /// The query text.
        query: String,
        /// `default-graph-uri` parameters, in order.
        default_graphs: Vec<String>,
        /// `named-graph-uri` parameters, in order.
        named_graphs: Vec<String>,
    },
    /// An update (`update=` or a `application/sparql-update` body).
    Update {
        /// The update text.
        update: String,
        /// `using-graph-uri` parameters, in order.
        using_graphs: Vec<String>,
        /// `using-named-graph-uri` parameters, in order.
        using_named_graphs: Vec<String>,
    },
}

/// Why a request is not a valid SPARQL Protocol operation. Each variant knows its HTTP status.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ProtocolError {
    /// Only GET and POST carry SPARQL operations.
    #[error(
        "method {0} is not allowed here: send SPARQL queries with GET or POST, updates with POST"
    )]
    MethodNotAllowed(String),
    /// A parameter that must appear at most once appeared several times.
    #[error("the parameter '{0}' must be given exactly once, but it was given {1} times")]
    RepeatedParameter(&'static str, usize),
    /// Neither `query` nor `update` was given.
    #[error("no SPARQL operation: give a 'query' parameter (GET or form POST), or POST a body with Content-Type application/sparql-query")]
    MissingOperation,
    /// Both `query` and `update` were given.
    #[error("a request carries either a 'query' or an 'update', not both")]
    QueryAndUpdate,
    /// `GET ?update=` is forbidden by the Protocol (updates change state).
    #[error("SPARQL updates must be sent with POST (form field 'update' or Content-Type application/sparql-update), never with GET")]
    UpdateViaGet,
    /// A POST without `Content-Type`.
    #[error("a POST needs a Content-Type: application/x-www-form-urlencoded, application/sparql-query or application/sparql-update")]
    MissingContentType,
    /// A POST whose `Content-Type` is none of the three the Protocol defines.
    #[error("unsupported Content-Type '{0}': use application/x-www-form-urlencoded, application/sparql-query or application/sparql-update")]
    UnsupportedMediaType(String),
    /// A body in another charset than UTF-8.
    #[error("unsupported charset '{0}': SPARQL requests must be encoded in UTF-8")]
    UnsupportedCharset(String),
    /// A body (or decoded parameter) that is not valid UTF-8.
    #[error("the request body is not valid UTF-8")]
    InvalidUtf8,
    /// A `multipart/form-data` body that cannot be split into parts.
    #[error("malformed multipart/form-data body: {0}")]
    BadMultipart(&'static str),
}

impl ProtocolError {
    /// The HTTP status that reports this error.
    pub fn status(&self) -> u16 {
        match self {
            ProtocolError::MethodNotAllowed(_) => 405,
            ProtocolError::UnsupportedMediaType(_) | ProtocolError::UnsupportedCharset(_) => 415,
            _ => 400,
        }
    }
}

/// Decodes `application/x-www-form-urlencoded` text (a URL query string or a form body).
pub fn form_pairs(encoded: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(encoded)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The values of parameter `name`, in order.
pub fn param_values<'a>(pairs: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    pairs
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .collect()
}

/// Splits a `Content-Type` value into the lower-cased essence (`type/subtype`) and its charset
/// parameter, if any.
pub fn parse_content_type(value: &str) -> (String, Option<String>) {
    let mut parts = value.split(';');
    let essence = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = parts.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches('"').to_owned())
    });
    (essence, charset)
}

fn check_charset(charset: Option<&str>) -> Result<(), ProtocolError> {
    match charset {
        None => Ok(()),
        Some(c)
            if c.eq_ignore_ascii_case("utf-8")
                || c.eq_ignore_ascii_case("utf8")
                || c.eq_ignore_ascii_case("us-ascii") =>
        {
            Ok(())
        }
        Some(c) => Err(ProtocolError::UnsupportedCharset(c.to_owned())),
    }
}

fn at_most_once(
    pairs: &[(String, String)],
    name: &'static str,
) -> Result<Option<String>, ProtocolError> {
    let values = param_values(pairs, name);
    match values.len() {
        0 => Ok(None),
        1 => Ok(Some(values[0].to_owned())),
        n => Err(ProtocolError::RepeatedParameter(name, n)),
    }
}

fn owned(values: Vec<&str>) -> Vec<String> {
    values.into_iter().map(str::to_owned).collect()
}

fn from_params(
    pairs: &[(String, String)],
    allow_update: bool,
) -> Result<SparqlRequest, ProtocolError> {
    let query = at_most_once(pairs, "query")?;
    let update = at_most_once(pairs, "update")?;
    match (query, update) {
        (Some(_), Some(_)) => Err(ProtocolError::QueryAndUpdate),
        (Some(query), None) => Ok(SparqlRequest::Query {
            query,
            default_graphs: owned(param_values(pairs, "default-graph-uri")),
            named_graphs: owned(param_values(pairs, "named-graph-uri")),
        }),
        (None, Some(_)) if !allow_update => Err(ProtocolError::UpdateViaGet),
        (None, Some(update)) => Ok(SparqlRequest::Update {
            update,
            using_graphs: owned(param_values(pairs, "using-graph-uri")),
            using_named_graphs: owned(param_values(pairs, "using-named-graph-uri")),
        }),
        (None, None) => Err(ProtocolError::MissingOperation),
    }
}

/// Reads the SPARQL operation out of a request to the endpoint.
///
/// `url_query` is the part of the URL after `?` (still percent-encoded). Unknown parameters
/// (`format`, `output`, … which some clients add) are ignored.
pub fn parse_sparql_request(
    method: &str,
    url_query: &str,
    content_type: Option<&str>,
    body: &[u8],
) -> Result<SparqlRequest, ProtocolError> {
    let url_pairs = form_pairs(url_query.as_bytes());
    match method {
        "GET" | "HEAD" => from_params(&url_pairs, false),
        "POST" => {
            let Some(content_type) = content_type.filter(|c| !c.trim().is_empty()) else {
                // Lenient reading of the W3C `query_post_form` manifest entry, which POSTs with
                // the query in the URL and no body at all. A non-empty body without a
                // Content-Type stays an error (`bad_query_missing_form_type`).
                if body.is_empty() && !url_pairs.is_empty() {
                    return from_params(&url_pairs, true);
                }
                return Err(ProtocolError::MissingContentType);
            };
            let (essence, charset) = parse_content_type(content_type);
            check_charset(charset.as_deref())?;
            match essence.as_str() {
                "application/x-www-form-urlencoded" => {
                    std::str::from_utf8(body).map_err(|_| ProtocolError::InvalidUtf8)?;
                    let mut pairs = url_pairs;
                    pairs.extend(form_pairs(body));
                    from_params(&pairs, true)
                }
                "application/sparql-query" => {
                    if !param_values(&url_pairs, "query").is_empty() {
                        return Err(ProtocolError::RepeatedParameter("query", 2));
                    }
                    let query =
                        String::from_utf8(body.to_vec()).map_err(|_| ProtocolError::InvalidUtf8)?;
                    Ok(SparqlRequest::Query {
                        query,
                        default_graphs: owned(param_values(&url_pairs, "default-graph-uri")),
                        named_graphs: owned(param_values(&url_pairs, "named-graph-uri")),
                    })
                }
                "application/sparql-update" => {
                    if !param_values(&url_pairs, "update").is_empty() {
                        return Err(ProtocolError::RepeatedParameter("update", 2));
                    }
                    let update =
                        String::from_utf8(body.to_vec()).map_err(|_| ProtocolError::InvalidUtf8)?;
                    Ok(SparqlRequest::Update {
                        update,
                        using_graphs: owned(param_values(&url_pairs, "using-graph-uri")),
                        using_named_graphs: owned(param_values(
                            &url_pairs,
                            "using-named-graph-uri",
                        )),
                    })
                }
                _ => Err(ProtocolError::UnsupportedMediaType(essence)),
            }
        }
        other => Err(ProtocolError::MethodNotAllowed(other.to_owned())),
    }
}

/// One part of a `multipart/form-data` body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormPart<'a> {
    /// The part's own `Content-Type`, if it has one.
    pub content_type: Option<&'a str>,
    /// The `filename` of its `Content-Disposition`, if any.
    pub filename: Option<&'a str>,
    /// The part's content.
    pub body: &'a [u8],
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|at| at + from)
}

/// Splits a `multipart/form-data` body (RFC 7578) into its parts, given the request's
/// `Content-Type` with its `boundary`.
///
/// Line ends may be CRLF, as the RFC says, or a bare LF, as the W3C Graph Store Protocol test
/// case sends them; so this is a small parser of its own rather than a strict library one.
///
/// ```
/// use tripel_server::protocol::multipart_parts;
/// let body = b"--b\r\nContent-Disposition: form-data; name=\"x\"; filename=\"x.ttl\"\r\n\
///              Content-Type: text/turtle\r\n\r\n<a> <b> <c> .\r\n--b--\r\n";
/// let parts = multipart_parts("multipart/form-data; boundary=b", body).unwrap();
/// assert_eq!(parts[0].content_type, Some("text/turtle"));
/// assert_eq!(parts[0].filename, Some("x.ttl"));
/// assert_eq!(parts[0].body, b"<a> <b> <c> .");
/// ```
pub fn multipart_parts<'a>(
    content_type: &str,
    body: &'a [u8],
) -> Result<Vec<FormPart<'a>>, ProtocolError> {
    let boundary = content_type
        .split(';')
        .skip(1)
        .find_map(|p| {
            let (k, v) = p.split_once('=')?;
            k.trim()
                .eq_ignore_ascii_case("boundary")
                .then(|| v.trim().trim_matches('"'))
        })
        .filter(|b| !b.is_empty())
        .ok_or(ProtocolError::BadMultipart(
            "no boundary in the Content-Type",
        ))?;
    let delimiter = format!("--{boundary}").into_bytes();
    let mut line_delimiter = b"\n".to_vec();
    line_delimiter.extend_from_slice(&delimiter);
    // The first delimiter: at the very start, or after a line end (a preamble may precede it).
    let mut at = if body.starts_with(&delimiter) {
        0
    } else {
        find(body, &line_delimiter, 0).ok_or(ProtocolError::BadMultipart("no boundary line"))? + 1
    };
    let mut parts = Vec::new();
    loop {
        at += delimiter.len();
        if body[at..].starts_with(b"--") {
            return Ok(parts);
        }
        // The rest of the boundary line (transport padding) and its line end.
        at = find(body, b"\n", at).ok_or(ProtocolError::BadMultipart("a part has no headers"))? + 1;
        let mut content_type = None;
        let mut filename = None;
        loop {
            let end = find(body, b"\n", at)
                .ok_or(ProtocolError::BadMultipart("a part's headers do not end"))?;
            let line = std::str::from_utf8(&body[at..end])
                .map_err(|_| ProtocolError::InvalidUtf8)?
                .trim_end_matches('\r');
            at = end + 1;
            if line.is_empty() {
                break;
            }
            let Some((name, value)) = line.split_once(':') else {
                return Err(ProtocolError::BadMultipart("a part header has no ':'"));
            };
            let value = value.trim();
            if name.trim().eq_ignore_ascii_case("content-type") {
                content_type = Some(value);
            } else if name.trim().eq_ignore_ascii_case("content-disposition") {
                filename = value.split(';').skip(1).find_map(|p| {
                    let (k, v) = p.split_once('=')?;
                    (k.trim() == "filename").then(|| v.trim().trim_matches('"'))
                });
            }
        }
        // The content runs to the line end before the next delimiter.
        let next = if body[at..].starts_with(&delimiter) {
            at
        } else {
            find(body, &line_delimiter, at).ok_or(ProtocolError::BadMultipart(
                "the closing boundary is missing",
            ))? + 1
        };
        let mut end = next.saturating_sub(1).max(at);
        if end > at && body[end - 1] == b'\r' {
            end -= 1;
        }
        parts.push(FormPart {
            content_type,
            filename,
            body: &body[at..end],
        });
        at = next;
    }
}

/// One media range of an `Accept` header.
#[derive(Debug, Clone, PartialEq)]
struct MediaRange {
    kind: String,
    subtype: String,
    q: f32,
}

fn parse_accept(header: &str) -> Vec<MediaRange> {
    header
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let (kind, subtype) = parts.next()?.trim().split_once('/')?;
            let mut q = 1.0f32;
            for param in parts {
                if let Some((k, v)) = param.split_once('=') {
                    if k.trim().eq_ignore_ascii_case("q") {
                        q = v.trim().parse::<f32>().ok()?.clamp(0.0, 1.0);
                    }
                }
            }
            Some(MediaRange {
                kind: kind.trim().to_ascii_lowercase(),
                subtype: subtype.trim().to_ascii_lowercase(),
                q,
            })
        })
        .collect()
}

/// Picks what to answer with: `offers` are `(media type, value)` in the server's order of
/// preference. The quality of an offer is the `q` of the most specific range that matches it
/// (`type/subtype` over `type/*` over `*/*`); the best quality wins, ties go to the earlier
/// offer. No (or an empty) `Accept` means the first offer. `None` means 406 Not Acceptable.
///
/// ```
/// use tripel_server::protocol::negotiate;
/// let offers = [("application/sparql-results+json", 1), ("application/sparql-results+xml", 2)];
/// assert_eq!(negotiate(None, &offers), Some(("application/sparql-results+json", 1)));
/// assert_eq!(negotiate(Some("application/sparql-results+xml, */*;q=0.1"), &offers).unwrap().1, 2);
/// assert_eq!(negotiate(Some("text/turtle"), &offers), None);
/// ```
pub fn negotiate<T: Copy>(
    accept: Option<&str>,
    offers: &[(&'static str, T)],
) -> Option<(&'static str, T)> {
    let accept = accept.map(str::trim).filter(|a| !a.is_empty());
    let Some(accept) = accept else {
        return offers.first().copied();
    };
    let ranges = parse_accept(accept);
    let mut best: Option<((&'static str, T), f32)> = None;
    for &(media_type, value) in offers {
        let Some((kind, subtype)) = media_type.split_once('/') else {
            continue;
        };
        let mut chosen: Option<(u8, f32)> = None;
        for range in &ranges {
            let specificity = if range.kind == kind && range.subtype == subtype {
                2
            } else if range.kind == kind && range.subtype == "*" {
                1
            } else if range.kind == "*" && range.subtype == "*" {
                0
            } else {
                continue;
            };
            if chosen.is_none_or(|(s, _)| specificity > s) {
                chosen = Some((specificity, range.q));
            }
        }
        if let Some((_, q)) = chosen {
            if q > 0.0 && best.is_none_or(|(_, best_q)| q > best_q) {
                best = Some(((media_type, value), q));
            }
        }
    }
    best.map(|(offer, _)| offer)
}

/// True when an `Accept` header prefers HTML over RDF (a browser rather than an RDF client).
pub fn prefers_html(accept: Option<&str>) -> bool {
    let offers = [
        ("text/turtle", false),
        ("application/n-triples", false),
        ("application/rdf+xml", false),
        ("application/ld+json", false),
        ("text/html", true),
        ("application/xhtml+xml", true),
    ];
    match accept {
        // A browser lists text/html explicitly; `*/*` alone (curl, most RDF libraries) gets RDF.
        Some(a) if a.to_ascii_lowercase().contains("html") => {
            negotiate(Some(a), &offers).is_some_and(|(_, html)| html)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(q: &str) -> SparqlRequest {
        SparqlRequest::Query {
            query: q.into(),
            default_graphs: vec![],
            named_graphs: vec![],
        }
    }

    #[test]
    fn get_with_query() {
        assert_eq!(
            parse_sparql_request("GET", "query=ASK%20%7B%7D", None, b""),
            Ok(query("ASK {}"))
        );
    }

    #[test]
    fn get_dataset_parameters_keep_order() {
        let r = parse_sparql_request(
            "GET",
            "query=ASK%7B%7D&default-graph-uri=http%3A%2F%2Fa&named-graph-uri=http%3A%2F%2Fb&default-graph-uri=http%3A%2F%2Fc",
            None,
            b"",
        )
        .unwrap();
        assert_eq!(
            r,
            SparqlRequest::Query {
                query: "ASK{}".into(),
                default_graphs: vec!["http://a".into(), "http://c".into()],
                named_graphs: vec!["http://b".into()],
            }
        );
    }

    #[test]
    fn repeated_query_is_rejected() {
        let e =
            parse_sparql_request("GET", "query=ASK%7B%7D&query=ASK%7B%7D", None, b"").unwrap_err();
        assert_eq!(e, ProtocolError::RepeatedParameter("query", 2));
        assert_eq!(e.status(), 400);
    }

    #[test]
    fn form_post_and_direct_post() {
        let form = parse_sparql_request(
            "POST",
            "",
            Some("application/x-www-form-urlencoded"),
            b"query=ASK+%7B%7D",
        );
        assert_eq!(form, Ok(query("ASK {}")));
        let direct = parse_sparql_request(
            "POST",
            "",
            Some("application/sparql-query; charset=UTF-8"),
            b"ASK {}",
        );
        assert_eq!(direct, Ok(query("ASK {}")));
    }

    #[test]
    fn wrong_media_types_and_charsets() {
        let e = parse_sparql_request("POST", "", Some("text/plain"), b"ASK {}").unwrap_err();
        assert_eq!(e.status(), 415);
        let e = parse_sparql_request(
            "POST",
            "",
            Some("application/sparql-query; charset=UTF-16"),
            b"ASK {}",
        )
        .unwrap_err();
        assert_eq!(e, ProtocolError::UnsupportedCharset("UTF-16".into()));
        let e = parse_sparql_request("POST", "", None, b"query=ASK%20%7B%7D").unwrap_err();
        assert_eq!(e, ProtocolError::MissingContentType);
        let e = parse_sparql_request(
            "POST",
            "",
            Some("application/sparql-query"),
            &[0xff, 0xfe, 0x41],
        )
        .unwrap_err();
        assert_eq!(e, ProtocolError::InvalidUtf8);
    }

    #[test]
    fn updates() {
        assert_eq!(
            parse_sparql_request("GET", "update=CLEAR%20ALL", None, b""),
            Err(ProtocolError::UpdateViaGet)
        );
        let r = parse_sparql_request(
            "POST",
            "using-graph-uri=http%3A%2F%2Fg",
            Some("application/sparql-update"),
            b"CLEAR ALL",
        );
        assert_eq!(
            r,
            Ok(SparqlRequest::Update {
                update: "CLEAR ALL".into(),
                using_graphs: vec!["http://g".into()],
                using_named_graphs: vec![],
            })
        );
        let e = parse_sparql_request(
            "POST",
            "",
            Some("application/x-www-form-urlencoded"),
            b"update=CLEAR%20ALL&update=CLEAR%20DEFAULT",
        );
        assert_eq!(e, Err(ProtocolError::RepeatedParameter("update", 2)));
    }

    #[test]
    fn other_methods_and_empty_requests() {
        assert_eq!(
            parse_sparql_request("PUT", "query=ASK%7B%7D", None, b"")
                .unwrap_err()
                .status(),
            405
        );
        assert_eq!(
            parse_sparql_request("GET", "", None, b""),
            Err(ProtocolError::MissingOperation)
        );
        assert_eq!(
            parse_sparql_request("GET", "query=ASK%7B%7D&update=CLEAR%20ALL", None, b""),
            Err(ProtocolError::QueryAndUpdate)
        );
    }

    #[test]
    fn negotiation_uses_q_values_and_specificity() {
        let offers = [
            ("application/sparql-results+json", 'j'),
            ("application/sparql-results+xml", 'x'),
            ("text/csv", 'c'),
        ];
        assert_eq!(negotiate(Some("*/*"), &offers).unwrap().1, 'j');
        assert_eq!(negotiate(Some("text/*"), &offers).unwrap().1, 'c');
        assert_eq!(
            negotiate(
                Some("application/sparql-results+json;q=0.5, application/sparql-results+xml"),
                &offers
            )
            .unwrap()
            .1,
            'x'
        );
        // The specific range wins over the wildcard, even with a lower q.
        assert_eq!(
            negotiate(
                Some("*/*;q=0.9, application/sparql-results+json;q=0.1"),
                &offers
            )
            .unwrap()
            .1,
            'x'
        );
        assert_eq!(
            negotiate(Some("application/sparql-results+json;q=0"), &offers),
            None
        );
        assert_eq!(negotiate(Some("image/png"), &offers), None);
        assert_eq!(negotiate(Some(""), &offers).unwrap().1, 'j');
    }

    #[test]
    fn multipart_bodies_split_with_crlf_or_lf() {
        let lf = b"\n--xyz\nContent-Disposition: form-data; name=\"a\"; filename=\"a.ttl\"\nContent-Type: text/turtle; charset=utf-8\n\n<a> <b> \"1\" .\n\n--xyz\nContent-Disposition: form-data; name=\"b\"; filename=\"b.nt\"\n\n<a> <b> \"2\" .\n--xyz--\n";
        let parts = multipart_parts("multipart/form-data; boundary=\"xyz\"", lf).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].content_type, Some("text/turtle; charset=utf-8"));
        assert_eq!(parts[0].body, b"<a> <b> \"1\" .\n");
        assert_eq!(parts[1].content_type, None);
        assert_eq!(parts[1].filename, Some("b.nt"));
        assert_eq!(parts[1].body, b"<a> <b> \"2\" .");
        let crlf = b"preamble\r\n--xyz\r\nContent-Type: text/turtle\r\n\r\n\r\n--xyz--";
        let parts = multipart_parts("multipart/form-data; boundary=xyz", crlf).unwrap();
        assert_eq!(parts[0].body, b"");
        for (content_type, body) in [
            ("multipart/form-data", &b"--xyz--"[..]),
            ("multipart/form-data; boundary=xyz", b"no parts here"),
            (
                "multipart/form-data; boundary=xyz",
                b"--xyz\nContent-Type: text/turtle\n\n<a> <b> <c> .",
            ),
            (
                "multipart/form-data; boundary=xyz",
                b"--xyz\nno colon\n\nx\n--xyz--",
            ),
        ] {
            let e = multipart_parts(content_type, body).unwrap_err();
            assert_eq!(e.status(), 400, "{e}");
        }
    }

    #[test]
    fn browsers_get_html() {
        assert!(prefers_html(Some(
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
        )));
        assert!(!prefers_html(Some("text/turtle, text/html;q=0.5")));
        assert!(!prefers_html(Some("*/*")));
        assert!(!prefers_html(None));
    }
}
