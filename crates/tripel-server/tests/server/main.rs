//! The server's integration tests, in one binary: the SPARQL 1.1 Protocol and Graph Store
//! reads over raw HTTP ([`protocol`]), real clients (rdflib, SPARQLWrapper: [`clients`]) and
//! the explorer page in headless Chromium ([`browser`]); any request and any SPARQL string
//! ([`properties`]).

mod cdp;
mod common;
mod http_client;

mod browser;
mod clients;
mod properties;
mod protocol;
mod w3c;
