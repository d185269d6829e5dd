#!/usr/bin/env python3
"""Checks that everyday Python RDF clients get from `tripel serve` the answers a direct query of
the store gives.

usage: clients.py ENDPOINT EXPECTED_JSON

ENDPOINT is the server's SPARQL endpoint (http://127.0.0.1:PORT/sparql, loopback only);
EXPECTED_JSON is written by tests/server_clients.rs: a list of cases, each a query (or a graph
name) with the answer the store gave directly (SPARQL JSON results, a boolean, or N-Triples).
Each case is asked through SPARQLWrapper (GET and both POST forms; JSON, XML, CSV, Turtle and
RDF/XML answers) and rdflib (SPARQLStore, and Graph.parse of Graph Store URLs). Exits 1 on the
first mismatch, with both sides printed.
"""

import json
import sys
import warnings
from urllib.parse import quote, urlsplit

import rdflib
from rdflib.compare import isomorphic, graph_diff
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, GET, JSON, POST, POSTDIRECTLY, RDFXML, TURTLE, XML, SPARQLWrapper

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RESULTS_NS = "http://www.w3.org/2005/sparql-results#"
passed = 0


def fail(name, expected, got):
    print(f"FAIL {name}\n  expected: {expected}\n  got:      {got}")
    print(f"{passed} passed, 1 failed")
    sys.exit(1)


def check(name, expected, got):
    global passed
    if expected != got:
        fail(name, expected, got)
    passed += 1
    print(f"ok   {name}")


# ---- one normal form for terms from every source: (kind, value, lang, datatype)


def literal(value, lang=None, datatype=None):
    if lang:
        return ("literal", value, lang.lower(), None)
    if datatype == XSD_STRING:
        datatype = None
    return ("literal", value, None, datatype)


def from_json_term(term):
    kind = term["type"]
    if kind == "uri":
        return ("uri", term["value"])
    if kind == "bnode":
        return ("bnode",)
    return literal(term["value"], term.get("xml:lang"), term.get("datatype"))


def from_rdflib_term(term):
    if isinstance(term, rdflib.URIRef):
        return ("uri", str(term))
    if isinstance(term, rdflib.BNode):
        return ("bnode",)
    return literal(str(term), term.language, str(term.datatype) if term.datatype else None)


def from_xml_binding(binding):
    for child in binding.childNodes:
        if child.nodeType != child.ELEMENT_NODE:
            continue
        text = "".join(n.data for n in child.childNodes if n.nodeType == n.TEXT_NODE)
        if child.localName == "uri":
            return ("uri", text)
        if child.localName == "bnode":
            return ("bnode",)
        if child.localName == "literal":
            return literal(
                text,
                child.getAttribute("xml:lang") or None,
                child.getAttribute("datatype") or None,
            )
    raise ValueError(f"unexpected binding {binding.toxml()}")


def rows_from_json(results):
    rows = []
    for binding in results["results"]["bindings"]:
        rows.append(tuple(sorted((var, from_json_term(t)) for var, t in binding.items())))
    return sorted(rows)


def rows_from_xml(document):
    rows = []
    for result in document.getElementsByTagNameNS(RESULTS_NS, "result"):
        row = []
        for binding in result.getElementsByTagNameNS(RESULTS_NS, "binding"):
            row.append((binding.getAttribute("name"), from_xml_binding(binding)))
        rows.append(tuple(sorted(row)))
    return sorted(rows)


def rows_from_rdflib(result):
    rows = []
    for row in result:
        items = [(str(var), from_rdflib_term(value)) for var, value in row.asdict().items() if value is not None]
        rows.append(tuple(sorted(items)))
    return sorted(rows)


def graph_from_ntriples(text):
    graph = rdflib.Graph()
    graph.parse(data=text, format="nt")
    return graph


def check_graph(name, expected_nt, got):
    expected = graph_from_ntriples(expected_nt)
    if not isomorphic(expected, got):
        _, only_expected, only_got = graph_diff(expected, got)
        fail(name, sorted(only_expected), sorted(only_got))
    check(name, len(expected), len(got))


def wrapper(endpoint, query, fmt, method=GET, request_method=None):
    sparql = SPARQLWrapper(endpoint)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setMethod(method)
    if request_method:
        sparql.setRequestMethod(request_method)
    return sparql.queryAndConvert()


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    endpoint, expected_path = sys.argv[1], sys.argv[2]
    host = urlsplit(endpoint).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"refusing to query a non-loopback endpoint: {endpoint}")
        sys.exit(2)
    root = endpoint.rsplit("/sparql", 1)[0]
    with open(expected_path, encoding="utf-8") as f:
        cases = json.load(f)["cases"]

    # rdflib's SPARQLStore, queried as a dataset whose default graph is the union.
    store = SPARQLStore(endpoint, returnFormat="xml")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        dataset = rdflib.Dataset(store=store, default_union=True)

    for case in cases:
        name, kind = case["name"], case["kind"]
        if kind == "select":
            query, expected = case["query"], rows_from_json(case["expected"])
            check(f"{name}: SPARQLWrapper GET JSON", expected, rows_from_json(wrapper(endpoint, query, JSON)))
            check(f"{name}: SPARQLWrapper POST form XML", expected, rows_from_xml(wrapper(endpoint, query, XML, POST)))
            check(
                f"{name}: SPARQLWrapper POST direct JSON",
                expected,
                rows_from_json(wrapper(endpoint, query, JSON, POST, POSTDIRECTLY)),
            )
            csv = wrapper(endpoint, query, CSV)
            csv = csv.decode("utf-8") if isinstance(csv, bytes) else csv
            lines = [line for line in csv.splitlines() if line]
            check(f"{name}: SPARQLWrapper CSV rows", len(expected) + 1, len(lines))
            check(f"{name}: rdflib SPARQLStore", expected, rows_from_rdflib(dataset.query(query)))
        elif kind == "ask":
            query, expected = case["query"], case["expected"]
            check(f"{name}: SPARQLWrapper ASK JSON", expected, wrapper(endpoint, query, JSON)["boolean"])
            check(f"{name}: rdflib SPARQLStore ASK", expected, bool(dataset.query(query).askAnswer))
        elif kind == "construct":
            query, expected = case["query"], case["expected_ntriples"]
            turtle = wrapper(endpoint, query, TURTLE)
            got = rdflib.Graph().parse(data=turtle, format="turtle")
            check_graph(f"{name}: SPARQLWrapper CONSTRUCT Turtle", expected, got)
            check_graph(f"{name}: SPARQLWrapper CONSTRUCT RDF/XML", expected, wrapper(endpoint, query, RDFXML, POST))
            got = rdflib.Graph()
            for triple in dataset.query(query):
                got.add(triple)
            check_graph(f"{name}: rdflib SPARQLStore CONSTRUCT", expected, got)
        elif kind == "graph":
            url = f"{root}/graph?graph={quote(case['graph'], safe='')}"
            got = rdflib.Graph().parse(url, format="turtle")
            check_graph(f"{name}: rdflib Graph.parse of the Graph Store URL", case["expected_ntriples"], got)
        else:
            fail(name, "a known case kind", kind)
    print(f"{passed} passed, 0 failed")


if __name__ == "__main__":
    main()
