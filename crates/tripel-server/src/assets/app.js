// tripel explorer: SPARQL editor, paged results with downloads, an entity graph that grows in
// place, the source view of a document with its evidence highlighted, and entity search.
// Everything talks to the server's own /sparql endpoint; nothing is loaded from elsewhere.
(function () {
  'use strict';

  var config = JSON.parse(document.getElementById('tripel-config').textContent);
  // The vocabulary prefixes come from the server (tripel_graph::PREFIXES), in its order.
  var NS = {};
  config.prefixes.forEach(function (p) { NS[p[0]] = p[1]; });
  NS.entity = config.base + 'entity/';
  NS.doc = config.base + 'doc/';
  NS.fact = config.base + 'fact/';
  NS.value = config.base + 'value/';
  var DATA_PREFIXES = ['entity', 'doc', 'fact', 'value'];
  var PREFIXES = Object.keys(NS).filter(function (p) { return DATA_PREFIXES.indexOf(p) < 0; })
    .map(function (p) { return 'PREFIX ' + p + ': <' + NS[p] + '>'; }).join('\n') + '\n';
  // Predicates of relations: the ontology's and the open relations' (a verb's lemma).
  var RELATION_NS = 'https://w3id.org/tripel/';
  var TYPE_COLORS = {
    Person: '#e4572e', Organization: '#4c72b0', Product: '#55a868',
    Place: '#c9a227', Event: '#8172b2', Thing: '#8c8c8c', Document: '#667085', Other: '#b8c0cc'
  };
  var SVG_NS = 'http://www.w3.org/2000/svg';
  // How many new neighbours one click adds at most; the rest are counted, not drawn.
  var EXPAND_LIMIT = 24;

  // ---------- helpers ----------

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    setAll(node, attrs, children);
    return node;
  }

  function svg(tag, attrs, children) {
    var node = document.createElementNS(SVG_NS, tag);
    setAll(node, attrs, children);
    return node;
  }

  function setAll(node, attrs, children) {
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'className') node.setAttribute('class', attrs[k]);
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  // A SPARQL string literal.
  function str(s) {
    return '"' + String(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r') + '"';
  }

  // A SPARQL IRI reference; characters IRIs may not contain are percent-encoded.
  function iri(s) {
    return '<' + String(s).replace(/[<>"{}|^`\\\s]/g, function (c) { return encodeURIComponent(c); }) + '>';
  }

  function local(iriText) {
    var m = /[#/]([^#/]*)$/.exec(iriText);
    return m && m[1] ? m[1] : iriText;
  }

  function isEntity(iriText) {
    return iriText.indexOf(NS.entity) === 0 && iriText.slice(NS.entity.length).indexOf('/') < 0;
  }

  function isDoc(iriText) { return iriText.indexOf(NS.doc) === 0; }
  function isFact(iriText) { return iriText.indexOf(NS.fact) === 0; }

  function entityPath(iriText) {
    return '/entity/' + encodeURIComponent(iriText.slice(NS.entity.length));
  }

  // The source view of a document, or of the document a fact was read from.
  function sourcePath(iriText) {
    return '/?' + (isFact(iriText) ? 'fact=' : 'doc=') + encodeURIComponent(iriText);
  }

  function slugName(iriText) {
    return decodeURIComponent(local(iriText)).split('-').map(function (w) {
      return w.charAt(0).toUpperCase() + w.slice(1);
    }).join(' ');
  }

  function shortIri(iriText) {
    var best = null;
    Object.keys(NS).forEach(function (p) {
      if (iriText.indexOf(NS[p]) === 0 && (!best || NS[p].length > NS[best].length)) best = p;
    });
    return best ? best + ':' + iriText.slice(NS[best].length) : iriText;
  }

  function typeName(typeIri) {
    if (!typeIri) return 'Other';
    var name = local(typeIri);
    if (name === 'TrainStation') return 'Place';
    return TYPE_COLORS[name] ? name : 'Other';
  }

  function plural(n, one, many) { return n.toLocaleString('en') + ' ' + (n === 1 ? one : many); }

  // ---------- the endpoint ----------

  function sparql(query, accept) {
    return fetch(config.endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Accept': accept || 'application/sparql-results+json'
      },
      body: new URLSearchParams({ query: query }).toString()
    }).then(function (res) {
      return res.text().then(function (text) {
        if (!res.ok) throw new Error(text.trim() || ('HTTP ' + res.status));
        return {
          text: text,
          type: (res.headers.get('Content-Type') || '').split(';')[0]
        };
      });
    });
  }

  function select(query) {
    return sparql(PREFIXES + query).then(function (r) { return JSON.parse(r.text).results.bindings; });
  }

  function value(row, name) { return row[name] ? row[name].value : null; }

  // Labels and types of entity IRIs, cached.
  var labels = new Map();
  function describeNodes(iris) {
    var missing = iris.filter(function (i, k) { return !labels.has(i) && iris.indexOf(i) === k; }).slice(0, 300);
    if (!missing.length) return Promise.resolve();
    var q = 'SELECT ?e (SAMPLE(?l) AS ?label) (SAMPLE(?t) AS ?type) (SAMPLE(?id) AS ?docId) WHERE { VALUES ?e { ' +
      missing.map(iri).join(' ') + ' } OPTIONAL { ?e rdfs:label ?l } OPTIONAL { ?e tri:docId ?id } ' +
      'OPTIONAL { ?e a ?t FILTER(STRSTARTS(STR(?t), STR(schema:)) || ?t = tri:Document) } } GROUP BY ?e';
    return select(q).then(function (rows) {
      missing.forEach(function (i) { labels.set(i, { label: null, type: null }); });
      rows.forEach(function (r) {
        labels.set(r.e.value, { label: value(r, 'label') || value(r, 'docId'), type: value(r, 'type') });
      });
    });
  }

  function nameOf(iriText) {
    var info = labels.get(iriText);
    if (info && info.label) return info.label;
    return isEntity(iriText) ? slugName(iriText) : shortIri(iriText);
  }

  // ---------- results: a table, one page at a time, and downloads ----------

  function termCell(term) {
    var td = el('td');
    if (!term) return td;
    if (term.type === 'uri') {
      if (isEntity(term.value)) {
        td.appendChild(el('a', { href: entityPath(term.value), className: 'entity', 'data-iri': term.value, title: term.value, text: slugName(term.value) }));
      } else if (isDoc(term.value) || isFact(term.value)) {
        td.appendChild(el('a', { href: sourcePath(term.value), className: 'iri-short source-link', title: 'show in its document: ' + term.value, text: shortIri(term.value) }));
      } else {
        td.appendChild(el('span', { className: 'iri-short', title: term.value, text: shortIri(term.value) }));
      }
    } else if (term.type === 'literal' || term.type === 'typed-literal') {
      td.appendChild(document.createTextNode(term.value));
      if (term['xml:lang']) td.appendChild(el('span', { className: 'lang', text: '@' + term['xml:lang'] }));
      else if (term.datatype && term.datatype !== NS.xsd + 'string') td.appendChild(el('span', { className: 'dt', text: shortIri(term.datatype) }));
    } else if (term.type === 'bnode') {
      td.textContent = '_:' + term.value;
    } else if (term.type === 'triple') {
      td.textContent = '<< triple >>';
    }
    return td;
  }

  // What the last run answered, for paging and downloads.
  var result = { vars: [], rows: [], page: 0, query: '', kind: null };

  function pageSize() { return Number($('page-size').value) || 100; }

  function renderPage() {
    var out = $('results');
    clear(out);
    var size = pageSize();
    var pages = Math.max(1, Math.ceil(result.rows.length / size));
    result.page = Math.min(Math.max(0, result.page), pages - 1);
    var first = result.page * size;
    var rows = result.rows.slice(first, first + size);
    var table = el('table', { className: 'results' });
    table.appendChild(el('thead', {}, [el('tr', {}, [el('th', { className: 'rownum', text: '#' })].concat(result.vars.map(function (v) { return el('th', { text: '?' + v }); })))]));
    var body = el('tbody');
    var entities = [];
    rows.forEach(function (row, k) {
      body.appendChild(el('tr', {}, [el('td', { className: 'rownum', text: String(first + k + 1) })].concat(result.vars.map(function (v) {
        var t = row[v];
        if (t && t.type === 'uri' && isEntity(t.value)) entities.push(t.value);
        return termCell(t);
      }))));
    });
    table.appendChild(body);
    out.appendChild(table);
    $('page-info').textContent = result.rows.length
      ? 'rows ' + (first + 1).toLocaleString('en') + '–' + (first + rows.length).toLocaleString('en') + ' of ' + result.rows.length.toLocaleString('en') + ' · page ' + (result.page + 1) + ' of ' + pages
      : 'no rows';
    $('page-prev').disabled = result.page === 0;
    $('page-next').disabled = result.page >= pages - 1;
    $('pager').hidden = false;
    describeNodes(entities).then(function () {
      out.querySelectorAll('a.entity').forEach(function (a) { a.textContent = nameOf(a.getAttribute('data-iri')); });
    });
  }

  // Download formats: the endpoint's own serialisations, asked for by Accept.
  var DOWNLOADS = {
    solutions: [['CSV', 'text/csv', 'csv'], ['TSV', 'text/tab-separated-values', 'tsv'], ['JSON', 'application/sparql-results+json', 'json'], ['XML', 'application/sparql-results+xml', 'xml']],
    boolean: [['JSON', 'application/sparql-results+json', 'json'], ['XML', 'application/sparql-results+xml', 'xml']],
    graph: [['Turtle', 'text/turtle', 'ttl'], ['N-Triples', 'application/n-triples', 'nt'], ['JSON-LD', 'application/ld+json', 'jsonld'], ['RDF/XML', 'application/rdf+xml', 'rdf']]
  };

  function renderDownloads(kind) {
    var box = $('downloads');
    clear(box);
    box.appendChild(document.createTextNode('Download '));
    DOWNLOADS[kind].forEach(function (d) {
      var b = el('button', { type: 'button', className: 'download', 'data-format': d[2], text: d[0] });
      b.addEventListener('click', function () { download(result.query, d[1], 'tripel-results.' + d[2], b); });
      box.appendChild(b);
    });
  }

  function download(query, accept, filename, button) {
    button.disabled = true;
    return sparql(query, accept).then(function (r) {
      var url = URL.createObjectURL(new Blob([r.text], { type: accept }));
      var a = el('a', { href: url, download: filename, hidden: '' });
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 1000);
      $('status').textContent = 'downloaded ' + filename + ' (' + plural(r.text.length, 'byte', 'bytes') + ')';
    }).catch(function (e) {
      $('status').textContent = 'download failed: ' + e.message;
    }).then(function () { button.disabled = false; });
  }

  function renderResults(response, elapsed) {
    var out = $('results');
    clear(out);
    var status = $('status');
    $('result-bar').hidden = false;
    if (response.type.indexOf('json') < 0) {
      result = { vars: [], rows: [], page: 0, query: result.query, kind: 'graph' };
      $('pager').hidden = true;
      renderDownloads('graph');
      out.appendChild(el('pre', { text: response.text }));
      status.textContent = 'graph result in ' + elapsed + ' ms';
      return;
    }
    var json = JSON.parse(response.text);
    if (typeof json.boolean === 'boolean') {
      result = { vars: [], rows: [], page: 0, query: result.query, kind: 'boolean' };
      $('pager').hidden = true;
      renderDownloads('boolean');
      out.appendChild(el('p', { className: 'boolean', text: String(json.boolean) }));
      status.textContent = 'ASK answered in ' + elapsed + ' ms';
      return;
    }
    result = { vars: json.head.vars || [], rows: json.results.bindings, page: 0, query: result.query, kind: 'solutions' };
    renderDownloads('solutions');
    status.textContent = plural(result.rows.length, 'row', 'rows') + ' in ' + elapsed + ' ms';
    renderPage();
  }

  function runQuery() {
    var query = editor.getValue();
    var started = performance.now();
    $('status').textContent = 'running…';
    clear($('results'));
    result.query = query;
    return sparql(query, 'application/sparql-results+json, text/turtle;q=0.9').then(function (r) {
      renderResults(r, Math.round(performance.now() - started));
    }).catch(function (e) {
      $('status').textContent = 'failed';
      $('result-bar').hidden = true;
      $('results').appendChild(el('div', { className: 'error', text: e.message }));
      editor.showError(e.message);
    });
  }

  // ---------- the editor ----------

  // CodeMirror (assets/editor.js) when it loaded, a plain text area otherwise.
  function makeEditor(parent, doc) {
    if (window.TripelEditor) {
      var names = function (prefix, ns) {
        if (!ns) return Promise.resolve([]);
        // The names the store uses under a namespace: predicates and classes, then any term.
        return select('SELECT DISTINCT ?t WHERE { { ?s ?t ?o } UNION { ?s a ?t } FILTER(isIRI(?t) && STRSTARTS(STR(?t), ' + str(ns) + ')) } LIMIT 500')
          .then(function (rows) { return rows.map(function (r) { return r.t.value.slice(ns.length); }).filter(Boolean).sort(); });
      };
      var prefixes = Object.keys(NS).map(function (p) { return [p, NS[p]]; });
      return window.TripelEditor.create({ parent: parent, doc: doc, prefixes: prefixes, localNames: names, onRun: function () { runQuery(); } });
    }
    var area = el('textarea', { className: 'plain-editor', spellcheck: 'false', 'aria-label': 'SPARQL query' });
    area.value = doc;
    parent.appendChild(area);
    area.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); runQuery(); }
    });
    return {
      getValue: function () { return area.value; },
      setValue: function (t) { area.value = t; },
      focus: function () { area.focus(); },
      showError: function () { return false; }
    };
  }

  var editor = null;

  function factTypeQuery(predicate) {
    return '# Facts of type ' + shortIri(predicate) + ', with their evidence, most confident first\n' +
      'PREFIX tri: <' + NS.tri + '>\nPREFIX rdf: <' + NS.rdf + '>\n' +
      'SELECT ?subject ?object ?evidence ?confidence ?fact WHERE {\n' +
      '  ?fact a tri:Fact ; rdf:predicate ' + iri(predicate) + ' ;\n' +
      '        rdf:subject ?subject ; rdf:object ?object ; tri:evidence ?evidence .\n' +
      '  OPTIONAL { ?fact tri:confidence ?confidence }\n' +
      '}\nORDER BY DESC(?confidence) ?subject';
  }

  function setupEditor(initial) {
    var examples = $('examples');
    var all = [];
    [['Any corpus', config.corpusExamples || []], ['Seed examples', config.examples || []]].forEach(function (group) {
      if (!group[1].length) return;
      var og = el('optgroup', { label: group[0] });
      group[1].forEach(function (ex) {
        og.appendChild(el('option', { value: String(all.length), 'data-name': ex.name, text: ex.title || ex.name }));
        all.push(ex);
      });
      examples.appendChild(og);
    });
    var types = $('fact-types');
    examples.addEventListener('change', function () {
      var ex = all[Number(examples.value)];
      if (examples.value !== '' && ex) { types.value = ''; editor.setValue(ex.sparql); runQuery(); }
    });
    types.addEventListener('change', function () {
      if (!types.value) return;
      examples.value = '';
      editor.setValue(factTypeQuery(types.value));
      runQuery();
    });
    select('SELECT ?p (COUNT(?f) AS ?n) WHERE { ?f a tri:Fact ; rdf:predicate ?p } GROUP BY ?p ORDER BY DESC(?n) ?p').then(function (rows) {
      rows.forEach(function (r) {
        types.appendChild(el('option', { value: r.p.value, text: shortIri(r.p.value) + ' (' + r.n.value + ')' }));
      });
    }).catch(function () { types.disabled = true; });
    var doc = initial;
    if (!doc && all.length) {
      examples.value = '0';
      doc = all[0].sparql;
    }
    editor = makeEditor($('editor'), doc || PREFIXES + '\nSELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 25');
    $('run').addEventListener('click', function () { runQuery(); });
    $('page-prev').addEventListener('click', function () { result.page--; renderPage(); });
    $('page-next').addEventListener('click', function () { result.page++; renderPage(); });
    $('page-size').addEventListener('change', function () { result.page = 0; renderPage(); });
  }

  // ---------- the graph: grows in place, pans and zooms ----------

  var graph = {
    nodes: new Map(), // iri → { iri, x, y, expanded, more }
    edges: new Map(), // "s p o" → { s, p, o, facts: [] }
    view: { x: 0, y: 0, k: 1 },
    root: null,
    selected: null
  };

  function edgeKey(s, p, o) { return s + ' ' + p + ' ' + o; }

  function addNode(n, near, slot, slots) {
    if (graph.nodes.has(n)) return false;
    var at = { x: 0, y: 0 };
    if (near) {
      // New neighbours go on a ring around the node that brought them, then settle (relax).
      var a = 2 * Math.PI * slot / Math.max(1, slots) + 0.3;
      var r = 150 + 6 * Math.max(0, slots - 8);
      at = { x: near.x + r * Math.cos(a), y: near.y + r * Math.sin(a) };
    }
    graph.nodes.set(n, { iri: n, x: at.x, y: at.y, expanded: false, more: 0, fresh: true });
    return true;
  }

  function addEdge(s, p, o) {
    var key = edgeKey(s, p, o);
    if (!graph.edges.has(key)) graph.edges.set(key, { s: s, p: p, o: o, facts: [] });
    return graph.edges.get(key);
  }

  // The neighbours of an entity: relation edges (ontology and open predicates, identity links)
  // and the documents that mention it. Of a document: the entities it mentions.
  function neighbours(n) {
    var e = iri(n);
    if (isDoc(n)) {
      return Promise.all([
        select('SELECT ?e WHERE { ?e tri:mentionedIn ' + e + ' } ORDER BY ?e LIMIT ' + (EXPAND_LIMIT + 1)),
        select('SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e tri:mentionedIn ' + e + ' }')
      ]).then(function (all) {
        return {
          edges: all[0].map(function (r) { return { s: r.e.value, p: NS.tri + 'mentionedIn', o: n }; }),
          total: Number(all[1][0].n.value),
          facts: []
        };
      });
    }
    var rel = 'FILTER(isIRI(?s) && isIRI(?o) && (STRSTARTS(STR(?p), ' + str(RELATION_NS) + ') || ?p = owl:sameAs) && ?p NOT IN (tri:mentionedIn, tri:document)) FILTER NOT EXISTS { ?s a tri:Fact }';
    return Promise.all([
      select('SELECT DISTINCT ?s ?p ?o WHERE { { ' + e + ' ?p ?o BIND(' + e + ' AS ?s) } UNION { ?s ?p ' + e + ' BIND(' + e + ' AS ?o) } ' + rel + ' } LIMIT 200'),
      select('SELECT ?doc (COUNT(?f) AS ?facts) WHERE { ' + e + ' tri:mentionedIn ?doc OPTIONAL { ?f tri:document ?doc } } GROUP BY ?doc ORDER BY DESC(?facts) ?doc LIMIT ' + (EXPAND_LIMIT + 1)),
      select('SELECT (COUNT(DISTINCT ?doc) AS ?n) WHERE { ' + e + ' tri:mentionedIn ?doc }'),
      select('SELECT ?f ?s ?p ?o ?evidence ?doc ?docId ?confidence ?rule WHERE { ?f a tri:Fact ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . ' +
        'FILTER(?s = ' + e + ' || ?o = ' + e + ') OPTIONAL { ?f tri:evidence ?evidence } OPTIONAL { ?f tri:document ?doc OPTIONAL { ?doc tri:docId ?docId } } ' +
        'OPTIONAL { ?f tri:confidence ?confidence } OPTIONAL { ?f tri:rule ?rule } } ORDER BY DESC(?confidence) LIMIT 500')
    ]).then(function (all) {
      var edges = all[0].map(function (r) { return { s: r.s.value, p: r.p.value, o: r.o.value }; });
      all[1].forEach(function (r) { edges.push({ s: n, p: NS.tri + 'mentionedIn', o: r.doc.value }); });
      return { edges: edges, total: all[0].length + Number(all[2][0].n.value), facts: all[3] };
    });
  }

  // Adds a node's neighbours to the graph (at most EXPAND_LIMIT new nodes) and redraws.
  function expand(n) {
    var node = graph.nodes.get(n);
    if (!node || node.expanded) return Promise.resolve();
    node.expanded = true;
    $('graph-status').textContent = 'adding the neighbours of ' + nameOf(n) + '…';
    return neighbours(n).then(function (found) {
      var fresh = [];
      found.edges.forEach(function (ed) {
        var other = ed.s === n ? ed.o : ed.s;
        if (!graph.nodes.has(other) && fresh.indexOf(other) < 0) {
          if (fresh.length >= EXPAND_LIMIT) return;
          fresh.push(other);
        }
        addEdge(ed.s, ed.p, ed.o);
      });
      fresh.forEach(function (other, i) { addNode(other, node, i, fresh.length); });
      found.facts.forEach(function (f) {
        var ed = graph.edges.get(edgeKey(f.s.value, f.p.value, f.o.value));
        if (ed && !ed.facts.some(function (x) { return x.f.value === f.f.value; })) ed.facts.push(f);
      });
      var shown = 0;
      graph.edges.forEach(function (ed) { if (ed.s === n || ed.o === n) shown++; });
      node.more = Math.max(0, found.total - shown);
      return describeNodes(Array.from(graph.nodes.keys()));
    }).then(function () {
      relax();
      drawGraph();
      $('graph-status').textContent = plural(graph.nodes.size, 'node', 'nodes') + ', ' + plural(graph.edges.size, 'edge', 'edges');
    }).catch(function (err) {
      node.expanded = false;
      var msg = $('entity-message');
      msg.hidden = false;
      msg.textContent = err.message;
    });
  }

  // Force relaxation of the nodes just added: everything repels, edges pull to about K apart.
  // Nodes already on screen stay where they are, so the picture never jumps.
  function relax() {
    var K = 140;
    var all = Array.from(graph.nodes.values());
    var moving = all.filter(function (n) { return n.fresh; });
    var links = Array.from(graph.edges.values());
    for (var it = 0; it < 120 && moving.length; it++) {
      var temp = 30 * (1 - it / 120) + 0.5;
      moving.forEach(function (a) {
        var dx = 0, dy = 0;
        all.forEach(function (b) {
          if (a === b) return;
          var x = a.x - b.x, y = a.y - b.y;
          var d2 = Math.max(25, x * x + y * y);
          dx += x * K * K / d2; dy += y * K * K / d2;
        });
        links.forEach(function (l) {
          var other = l.s === a.iri ? l.o : l.o === a.iri ? l.s : null;
          if (!other) return;
          var b = graph.nodes.get(other);
          var x = b.x - a.x, y = b.y - a.y, d = Math.max(1, Math.sqrt(x * x + y * y));
          dx += x * d / K; dy += y * d / K;
        });
        var m = Math.sqrt(dx * dx + dy * dy);
        if (m > 0) { a.x += dx / m * Math.min(m, temp); a.y += dy / m * Math.min(m, temp); }
      });
    }
    moving.forEach(function (n) { n.fresh = false; });
  }

  function applyView() {
    var layer = $('graph').querySelector('g.viewport');
    if (layer) layer.setAttribute('transform', 'translate(' + graph.view.x + ',' + graph.view.y + ') scale(' + graph.view.k + ')');
  }

  function graphSize() {
    var box = $('graph').getBoundingClientRect();
    return { w: box.width || 900, h: box.height || 560 };
  }

  // Zooms by `factor` around the screen point (cx, cy).
  function zoom(factor, cx, cy) {
    var v = graph.view;
    var k = Math.min(4, Math.max(0.15, v.k * factor));
    var size = graphSize();
    if (cx === undefined) { cx = size.w / 2; cy = size.h / 2; }
    v.x = cx - (cx - v.x) * k / v.k;
    v.y = cy - (cy - v.y) * k / v.k;
    v.k = k;
    applyView();
  }

  function fit() {
    var nodes = Array.from(graph.nodes.values());
    if (!nodes.length) return;
    var size = graphSize();
    var pad = 80;
    var minX = Math.min.apply(null, nodes.map(function (n) { return n.x; })) - pad;
    var maxX = Math.max.apply(null, nodes.map(function (n) { return n.x; })) + pad;
    var minY = Math.min.apply(null, nodes.map(function (n) { return n.y; })) - pad;
    var maxY = Math.max.apply(null, nodes.map(function (n) { return n.y; })) + pad;
    var k = Math.min(1.3, size.w / (maxX - minX), size.h / (maxY - minY));
    graph.view = { k: k, x: size.w / 2 - k * (minX + maxX) / 2, y: size.h / 2 - k * (minY + maxY) / 2 };
    applyView();
  }

  // A document id that is a URL (news crawls) is shown by its last path segment.
  function docShortName(id) {
    var m = /^[a-z]+:\/\/[^/]+\/(?:.*\/)?([^/?#@]+)/i.exec(id);
    return m && m[1] ? decodeURIComponent(m[1]).replace(/\.html?$/, '') : id;
  }

  function radius(n) { return n === graph.root ? 24 : isDoc(n) ? 11 : 16; }

  function drawGraph() {
    var box = $('graph');
    clear(box);
    box.appendChild(svg('defs', {}, [svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' },
      [svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#98a2b3' })])]));
    var viewport = svg('g', { className: 'viewport' });
    var edgeLayer = svg('g', { className: 'edges' });
    var nodeLayer = svg('g', { className: 'nodes' });
    viewport.appendChild(edgeLayer);
    viewport.appendChild(nodeLayer);
    box.appendChild(viewport);
    // Parallel edges between the same two nodes bend apart.
    var pairCount = new Map(), pairSeen = new Map();
    var pairOf = function (l) { return l.s < l.o ? l.s + '\n' + l.o : l.o + '\n' + l.s; };
    graph.edges.forEach(function (l) { pairCount.set(pairOf(l), (pairCount.get(pairOf(l)) || 0) + 1); });
    graph.edges.forEach(function (l, key) {
      var a = graph.nodes.get(l.s), b = graph.nodes.get(l.o);
      if (!a || !b) return;
      var pair = pairOf(l);
      var k = pairSeen.get(pair) || 0;
      pairSeen.set(pair, k + 1);
      var bend = (k - (pairCount.get(pair) - 1) / 2) * 46 * (l.s < l.o ? 1 : -1);
      var dx = b.x - a.x, dy = b.y - a.y, d = Math.max(1, Math.sqrt(dx * dx + dy * dy));
      var cx = (a.x + b.x) / 2 - dy / d * bend, cy = (a.y + b.y) / 2 + dx / d * bend;
      var start = towards(a, { x: cx, y: cy }, radius(l.s) + 2);
      var end = towards(b, { x: cx, y: cy }, radius(l.o) + 4);
      var mention = l.p === NS.tri + 'mentionedIn';
      var title = local(l.p) + (l.facts.length ? ' — ' + l.facts.map(function (f) {
        return (f.evidence ? '“' + f.evidence.value + '”' : '') + (f.docId ? ' (' + f.docId.value + ')' : '');
      }).join('\n') : '');
      var g = svg('g', { className: 'edge' + (mention ? ' mention' : ''), 'data-predicate': l.p, 'data-s': l.s, 'data-o': l.o, tabindex: '0' }, [
        svg('path', { d: 'M' + start.x + ',' + start.y + ' Q' + cx + ',' + cy + ' ' + end.x + ',' + end.y, 'marker-end': mention ? '' : 'url(#arrow)' }),
        mention ? null : svg('text', { x: String(0.25 * a.x + 0.5 * cx + 0.25 * b.x), y: String(0.25 * a.y + 0.5 * cy + 0.25 * b.y - 4), 'text-anchor': 'middle', text: local(l.p) }),
        svg('title', { text: title })
      ]);
      var show = function () {
        box.querySelectorAll('.edge.selected').forEach(function (x) { x.classList.remove('selected'); });
        g.classList.add('selected');
        showEvidence(l);
      };
      g.addEventListener('mouseenter', show);
      g.addEventListener('click', show);
      g.addEventListener('focus', show);
      edgeLayer.appendChild(g);
      l.key = key;
    });
    graph.nodes.forEach(function (node, n) {
      var info = labels.get(n) || {};
      var t = isDoc(n) ? 'Document' : typeName(info.type);
      var name = nameOf(n);
      var shortName = isDoc(n) ? docShortName(name) : name;
      if (shortName.length > 28) shortName = shortName.slice(0, 26) + '…';
      var cls = 'node' + (n === graph.root ? ' center' : '') + (node.expanded ? ' expanded' : ' link') + (isDoc(n) ? ' doc' : '');
      var g = svg('g', { className: cls, 'data-iri': n, 'data-type': t, transform: 'translate(' + node.x + ',' + node.y + ')', tabindex: '0' }, [
        isDoc(n) ? svg('rect', { x: String(-radius(n)), y: String(-radius(n)), width: String(2 * radius(n)), height: String(2 * radius(n)), rx: '3', fill: TYPE_COLORS[t] })
          : svg('circle', { r: String(radius(n)), fill: TYPE_COLORS[t] }),
        svg('text', { y: String(radius(n) + 15), text: shortName }),
        node.more ? svg('text', { className: 'more', y: String(-radius(n) - 6), text: '+' + node.more }) : null,
        svg('title', { text: name + ' (' + (isDoc(n) ? 'document' : info.type ? local(info.type) : shortIri(n)) + ')' +
          (node.expanded ? (node.more ? ' · ' + node.more + ' more neighbours not shown' : '') : ' · click to add its neighbours') })
      ]);
      dragNode(g, node);
      nodeLayer.appendChild(g);
    });
    applyView();
    var legend = $('legend');
    clear(legend);
    Object.keys(TYPE_COLORS).forEach(function (t) {
      legend.appendChild(el('span', { style: '--c:' + TYPE_COLORS[t], text: t }));
    });
  }

  // A node follows the pointer while dragged; a press without movement is a click (expand),
  // two quick ones open the node's own page.
  function dragNode(g, node) {
    var start = null;
    g.addEventListener('pointerdown', function (ev) {
      ev.stopPropagation();
      start = { x: ev.clientX, y: ev.clientY, nx: node.x, ny: node.y, moved: false };
      g.setPointerCapture(ev.pointerId);
    });
    g.addEventListener('pointermove', function (ev) {
      if (!start) return;
      var dx = (ev.clientX - start.x) / graph.view.k, dy = (ev.clientY - start.y) / graph.view.k;
      if (!start.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      start.moved = true;
      node.x = start.nx + dx;
      node.y = start.ny + dy;
      g.setAttribute('transform', 'translate(' + node.x + ',' + node.y + ')');
    });
    g.addEventListener('pointerup', function () {
      if (!start) return;
      var moved = start.moved;
      start = null;
      if (moved) drawGraph();
      else selectNode(node.iri);
    });
    g.addEventListener('dblclick', function () { openNode(node.iri); });
    g.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') selectNode(node.iri); });
  }

  function openNode(n) {
    if (isEntity(n)) window.location.href = entityPath(n);
    else if (isDoc(n)) window.location.href = sourcePath(n);
  }

  function selectNode(n) {
    graph.selected = n;
    var aside = $('edge-detail');
    clear(aside);
    var info = labels.get(n) || {};
    aside.appendChild(el('h3', { text: nameOf(n) }));
    aside.appendChild(el('p', { className: 'meta', text: isDoc(n) ? 'document' : (info.type ? local(info.type) : shortIri(n)) }));
    var open = isEntity(n) ? el('a', { href: entityPath(n), className: 'open', text: 'Open its page' })
      : isDoc(n) ? el('a', { href: sourcePath(n), className: 'open', text: 'Read the document' }) : null;
    if (open) aside.appendChild(el('p', {}, [open]));
    var node = graph.nodes.get(n);
    if (node && !node.expanded && (isEntity(n) || isDoc(n))) return expand(n);
    if (node && node.more) aside.appendChild(el('p', { className: 'hint', text: node.more + ' more neighbours are not drawn; open its page or query them.' }));
    return Promise.resolve();
  }

  function towards(from, to, distance) {
    var dx = to.x - from.x, dy = to.y - from.y, d = Math.max(1, Math.sqrt(dx * dx + dy * dy));
    return { x: from.x + dx / d * distance, y: from.y + dy / d * distance };
  }

  function showEvidence(l) {
    var aside = $('edge-detail');
    clear(aside);
    aside.appendChild(el('h3', { text: nameOf(l.s) + ' → ' + local(l.p) + ' → ' + nameOf(l.o) }));
    if (!l.facts.length) {
      aside.appendChild(el('p', { className: 'hint', text: l.p === NS.tri + 'mentionedIn' ? 'The document mentions the entity.' : 'No provenance recorded for this statement.' }));
      return;
    }
    l.facts.forEach(function (f) {
      if (f.evidence) aside.appendChild(el('blockquote', { className: 'evidence', text: f.evidence.value }));
      var meta = el('p', { className: 'meta' });
      if (f.doc) {
        meta.appendChild(document.createTextNode('source: '));
        meta.appendChild(el('a', { href: sourcePath(f.f.value), className: 'doc', text: f.docId ? f.docId.value : shortIri(f.doc.value) }));
      }
      if (f.confidence) meta.appendChild(document.createTextNode(' · confidence ' + f.confidence.value));
      if (f.rule) meta.appendChild(document.createTextNode(' · rule ' + f.rule.value));
      aside.appendChild(meta);
    });
  }

  function setupGraphControls() {
    var box = $('graph');
    var pan = null;
    box.addEventListener('pointerdown', function (ev) {
      pan = { x: ev.clientX, y: ev.clientY, vx: graph.view.x, vy: graph.view.y };
      box.setPointerCapture(ev.pointerId);
      box.classList.add('panning');
    });
    box.addEventListener('pointermove', function (ev) {
      if (!pan) return;
      graph.view.x = pan.vx + ev.clientX - pan.x;
      graph.view.y = pan.vy + ev.clientY - pan.y;
      applyView();
    });
    var stop = function () { pan = null; box.classList.remove('panning'); };
    box.addEventListener('pointerup', stop);
    box.addEventListener('pointercancel', stop);
    box.addEventListener('wheel', function (ev) {
      ev.preventDefault();
      var r = box.getBoundingClientRect();
      zoom(Math.exp(-ev.deltaY * 0.0015), ev.clientX - r.left, ev.clientY - r.top);
    }, { passive: false });
    $('zoom-in').addEventListener('click', function () { zoom(1.25); });
    $('zoom-out').addEventListener('click', function () { zoom(0.8); });
    $('zoom-fit').addEventListener('click', fit);
  }

  // ---------- entity view ----------

  function showEntity(entity) {
    $('entity-section').hidden = false;
    $('entity-iri').textContent = entity;
    $('entity-title').textContent = slugName(entity);
    if (config.notFound) {
      var msg = $('entity-message');
      msg.hidden = false;
      msg.textContent = 'The store knows nothing about ' + entity + '.';
      return Promise.resolve();
    }
    setupGraphControls();
    graph.root = entity;
    addNode(entity, null, 0, 1);
    graph.nodes.get(entity).fresh = false;
    var props = select('SELECT DISTINCT ?p ?o WHERE { ' + iri(entity) + ' ?p ?o } LIMIT 500');
    return Promise.all([props, expand(entity)]).then(function (all) {
      renderEntityInfo(entity, all[0]);
      fit();
      // Start with the first relation's evidence on show.
      var first = $('graph').querySelector('.edge:not(.mention)') || $('graph').querySelector('.edge');
      if (first) first.dispatchEvent(new Event('click'));
    }).catch(function (err) {
      var msg = $('entity-message');
      msg.hidden = false;
      msg.textContent = err.message;
    });
  }

  function renderEntityInfo(entity, rows) {
    var info = labels.get(entity) || {};
    $('entity-title').textContent = info.label || slugName(entity);
    document.title = (info.label || slugName(entity)) + ' — tripel';
    var types = $('entity-types');
    clear(types);
    var byProp = new Map();
    rows.forEach(function (r) {
      var p = r.p.value;
      if (!byProp.has(p)) byProp.set(p, []);
      byProp.get(p).push(r.o);
      if (p === NS.rdf + 'type') {
        var t = typeName(r.o.value);
        types.appendChild(el('span', { className: 'badge', style: 'background:' + TYPE_COLORS[t], text: local(r.o.value) }));
      }
    });
    var table = $('entity-props');
    clear(table);
    byProp.forEach(function (objects, p) {
      if (p === NS.rdf + 'type') return;
      var td = el('td');
      // Long lists (the documents of a much-mentioned entity) show their first ten.
      objects.slice(0, 10).forEach(function (o, k) {
        if (k) td.appendChild(document.createTextNode(' · '));
        var cell = termCell(o);
        while (cell.firstChild) td.appendChild(cell.firstChild);
      });
      if (objects.length > 10) td.appendChild(el('span', { className: 'hint', text: ' · and ' + (objects.length - 10) + ' more' }));
      table.appendChild(el('tr', {}, [el('th', { title: p, text: shortIri(p) }), td]));
    });
    table.querySelectorAll('a.entity').forEach(function (a) { a.textContent = nameOf(a.getAttribute('data-iri')); });
  }

  // ---------- source view: the document's text with its evidence highlighted ----------

  // The first occurrence of `needle` in `chars` (an array of code points) within [from, to).
  function findIn(chars, needle, from, to) {
    if (!needle) return -1;
    var n = Array.from(needle);
    for (var i = from; i + n.length <= to; i++) {
      var k = 0;
      while (k < n.length && chars[i + k] === n[k]) k++;
      if (k === n.length) return i;
    }
    return -1;
  }

  function showSource(docIri, factIri) {
    var section = $('source-section');
    section.hidden = false;
    var d = iri(docIri);
    $('source-iri').textContent = docIri;
    $('source-rdf').href = '/graph?graph=' + encodeURIComponent(docIri);
    var meta = select('SELECT ?id ?lang ?text ?chars ?sentences WHERE { ' + d + ' tri:docId ?id OPTIONAL { ' + d + ' tri:language ?lang } ' +
      'OPTIONAL { ' + d + ' tri:text ?text } OPTIONAL { ' + d + ' tri:characterCount ?chars } OPTIONAL { ' + d + ' tri:sentenceCount ?sentences } } LIMIT 1');
    var facts = select('SELECT ?f ?s ?p ?o ?start ?end ?evidence ?subjectText ?objectText ?confidence ?rule WHERE { ?f a tri:Fact ; tri:document ' + d +
      ' ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; tri:start ?start ; tri:end ?end ; tri:evidence ?evidence . ' +
      'OPTIONAL { ?f tri:subjectText ?subjectText } OPTIONAL { ?f tri:objectText ?objectText } OPTIONAL { ?f tri:confidence ?confidence } OPTIONAL { ?f tri:rule ?rule } } ' +
      'ORDER BY ?start ?end ?f');
    var entities = select('SELECT ?e (SAMPLE(?l) AS ?label) (SAMPLE(?t) AS ?type) WHERE { ?e tri:mentionedIn ' + d + ' OPTIONAL { ?e rdfs:label ?l } ' +
      'OPTIONAL { ?e a ?t FILTER(STRSTARTS(STR(?t), STR(schema:))) } } GROUP BY ?e ORDER BY ?label');
    return Promise.all([meta, facts, entities]).then(function (all) {
      var m = all[0][0];
      if (!m) {
        var msg = $('source-message');
        msg.hidden = false;
        msg.textContent = 'The store has no document ' + docIri + '.';
        return;
      }
      $('source-title').textContent = m.id.value;
      document.title = m.id.value + ' — tripel';
      var metaBox = $('source-meta');
      clear(metaBox);
      [value(m, 'lang'), value(m, 'chars') && plural(Number(m.chars.value), 'character', 'characters'),
        value(m, 'sentences') && plural(Number(m.sentences.value), 'sentence', 'sentences'),
        plural(all[1].length, 'fact', 'facts'), plural(all[2].length, 'entity', 'entities')].forEach(function (t) {
        if (t) metaBox.appendChild(el('span', { className: 'badge muted', text: t }));
      });
      all[2].forEach(function (r) { labels.set(r.e.value, { label: value(r, 'label'), type: value(r, 'type') }); });
      var factList = all[1].map(function (r) {
        return {
          iri: r.f.value, s: r.s.value, p: r.p.value, o: r.o.value, start: Number(r.start.value), end: Number(r.end.value),
          evidence: r.evidence.value, subjectText: value(r, 'subjectText'), objectText: value(r, 'objectText'),
          confidence: value(r, 'confidence'), rule: value(r, 'rule'), sObj: r.s, oObj: r.o
        };
      });
      return describeNodes(factList.map(function (f) { return f.o; }).filter(isEntity)).then(function () {
        renderSource(m.text ? m.text.value : null, value(m, 'lang'), factList, factIri);
        renderSourceEntities(all[2]);
      });
    }).catch(function (err) {
      var msg = $('source-message');
      msg.hidden = false;
      msg.textContent = err.message;
    });
  }

  // The text as code points (tri:start and tri:end count code points, JavaScript strings count
  // UTF-16 units), cut at every evidence boundary; each evidence sentence is one <mark>.
  function renderSource(text, lang, facts, factIri) {
    var box = $('source-text');
    clear(box);
    if (lang) box.setAttribute('lang', lang);
    var spans = new Map();
    facts.forEach(function (f) {
      var key = f.start + ':' + f.end;
      if (!spans.has(key)) spans.set(key, { start: f.start, end: f.end, evidence: f.evidence, facts: [] });
      spans.get(key).facts.push(f);
    });
    var ordered = Array.from(spans.values()).sort(function (a, b) { return a.start - b.start || a.end - b.end; });
    var chars;
    if (text === null) {
      // A store built before documents kept their text: the evidence sentences in order, a
      // "…" between them, each span moved to where its sentence now stands.
      var msg = $('source-message');
      msg.hidden = false;
      msg.textContent = 'This store was built without the documents\u2019 text (tri:text): only the sentences facts were read from are shown. Rebuild it to see the whole text.';
      chars = [];
      ordered.forEach(function (s) {
        if (chars.length) chars.push('\n', '…', '\n');
        var at = chars.length;
        Array.prototype.push.apply(chars, Array.from(s.evidence));
        s.start = at;
        s.end = chars.length;
      });
    } else {
      chars = Array.from(text);
    }
    var pos = 0;
    var marks = [];
    ordered.forEach(function (s) {
      if (s.start < pos || s.end > chars.length) return; // overlapping or out of range: listed, not marked
      if (s.start > pos) box.appendChild(document.createTextNode(chars.slice(pos, s.start).join('')));
      var mark = el('mark', { className: 'evidence', 'data-start': String(s.start), 'data-end': String(s.end), tabindex: '0', title: s.facts.map(function (f) { return nameOf(f.s) + ' ' + local(f.p) + ' ' + nameOf(f.o); }).join('\n') });
      mark.appendChild(document.createTextNode(chars.slice(s.start, s.end).join('')));
      mark.addEventListener('click', function () { selectFact(s.facts[0], chars, s, mark); });
      box.appendChild(mark);
      marks.push({ span: s, mark: mark });
      pos = s.end;
    });
    if (pos < chars.length) box.appendChild(document.createTextNode(chars.slice(pos).join('')));
    var side = $('source-facts');
    clear(side);
    side.appendChild(el('h3', { text: facts.length ? plural(facts.length, 'fact', 'facts') + ' read from this document' : 'No facts were read from this document.' }));
    var list = el('ol', { className: 'fact-list' });
    facts.forEach(function (f) {
      var found = marks.filter(function (x) { return x.span.facts.indexOf(f) >= 0; })[0];
      var li = el('li', { 'data-fact': f.iri, tabindex: '0' }, [
        el('span', { className: 'fs', text: nameOf(f.s) }), ' ', el('span', { className: 'fp', text: local(f.p) }), ' ', el('span', { className: 'fo', text: f.oObj.type === 'uri' ? nameOf(f.o) : f.o }),
        f.confidence ? el('span', { className: 'meta', text: ' · ' + f.confidence }) : null
      ]);
      li.addEventListener('click', function () { selectFact(f, chars, found && found.span, found && found.mark); });
      list.appendChild(li);
      f.item = li;
    });
    side.appendChild(list);
    var chosen = facts.filter(function (f) { return f.iri === factIri; })[0] || (factIri ? null : facts[0]);
    if (chosen) {
      var at = marks.filter(function (x) { return x.span.facts.indexOf(chosen) >= 0; })[0];
      selectFact(chosen, chars, at && at.span, at && at.mark);
    }
  }

  // Marks one fact: its sentence, and inside it the words of its subject and object.
  function selectFact(f, chars, span, mark) {
    document.querySelectorAll('#source-text mark.selected').forEach(function (m) {
      m.classList.remove('selected');
      m.textContent = chars.slice(Number(m.getAttribute('data-start')), Number(m.getAttribute('data-end'))).join('');
    });
    document.querySelectorAll('#source-facts li.selected').forEach(function (li) { li.classList.remove('selected'); });
    if (f.item) f.item.classList.add('selected');
    if (!span || !mark) return;
    mark.classList.add('selected');
    var parts = [];
    [[f.subjectText, 'arg subject'], [f.objectText, 'arg object']].forEach(function (a) {
      var at = findIn(chars, a[0], span.start, span.end);
      if (at >= 0) parts.push({ start: at, end: at + Array.from(a[0]).length, cls: a[1] });
    });
    parts.sort(function (a, b) { return a.start - b.start; });
    clear(mark);
    var pos = span.start;
    parts.forEach(function (p) {
      if (p.start < pos) return;
      if (p.start > pos) mark.appendChild(document.createTextNode(chars.slice(pos, p.start).join('')));
      mark.appendChild(el('span', { className: p.cls, text: chars.slice(p.start, p.end).join('') }));
      pos = p.end;
    });
    mark.appendChild(document.createTextNode(chars.slice(pos, span.end).join('')));
    mark.scrollIntoView({ block: 'center' });
  }

  function renderSourceEntities(rows) {
    var box = $('source-entities');
    clear(box);
    if (!rows.length) return;
    box.appendChild(el('span', { className: 'hint', text: 'Entities in this document: ' }));
    rows.forEach(function (r) {
      var t = typeName(value(r, 'type'));
      box.appendChild(el('a', { href: entityPath(r.e.value), className: 'chip', style: '--c:' + TYPE_COLORS[t], 'data-iri': r.e.value, text: value(r, 'label') || slugName(r.e.value) }));
    });
  }

  // ---------- search ----------

  var searchTimer = null, searchSeq = 0, searchHits = [];
  function search(text) {
    var seq = ++searchSeq;
    var list = $('search-results');
    if (text.trim().length < 2) { list.hidden = true; return Promise.resolve([]); }
    var q = 'SELECT ?e (SAMPLE(?label) AS ?name) (SAMPLE(?t) AS ?type) WHERE { ?e rdfs:label|skos:altLabel ?l . ' +
      'FILTER(CONTAINS(LCASE(STR(?l)), LCASE(' + str(text.trim()) + '))) ?e rdfs:label ?label . ' +
      'OPTIONAL { ?e a ?t FILTER(STRSTARTS(STR(?t), STR(schema:))) } } GROUP BY ?e LIMIT 50';
    return select(q).then(function (rows) {
      if (seq !== searchSeq) return searchHits;
      var needle = text.trim().toLowerCase();
      searchHits = rows.map(function (r) {
        var name = r.name.value;
        var lower = name.toLowerCase();
        var rank = lower === needle ? 0 : lower.indexOf(needle) === 0 ? 1 : lower.indexOf(needle) >= 0 ? 2 : 3;
        return { iri: r.e.value, name: name, type: r.type ? r.type.value : null, rank: rank };
      }).filter(function (h) { return isEntity(h.iri); }).sort(function (a, b) {
        return a.rank - b.rank || a.name.length - b.name.length || (a.name < b.name ? -1 : 1);
      }).slice(0, 12);
      clear(list);
      if (!searchHits.length) list.appendChild(el('li', { className: 'empty', text: 'No entity matches “' + text.trim() + '”' }));
      searchHits.forEach(function (h) {
        var t = typeName(h.type);
        var li = el('li', { role: 'option', 'data-iri': h.iri }, [
          el('span', { className: 'badge', style: 'background:' + TYPE_COLORS[t], text: h.type ? local(h.type) : '?' }),
          el('span', { text: h.name })
        ]);
        li.addEventListener('mousedown', function (ev) { ev.preventDefault(); window.location.href = entityPath(h.iri); });
        list.appendChild(li);
      });
      list.hidden = false;
      return searchHits;
    });
  }

  function setupSearch() {
    var input = $('search-input');
    input.addEventListener('input', function () {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(function () { search(input.value).catch(showSearchError); }, 180);
    });
    input.addEventListener('blur', function () { setTimeout(function () { $('search-results').hidden = true; }, 150); });
    $('search').addEventListener('submit', function (ev) {
      ev.preventDefault();
      clearTimeout(searchTimer);
      search(input.value).then(function (hits) {
        if (hits.length) window.location.href = entityPath(hits[0].iri);
      }).catch(showSearchError);
    });
  }

  function showSearchError(e) {
    var list = $('search-results');
    clear(list);
    list.appendChild(el('li', { className: 'empty', text: e.message }));
    list.hidden = false;
  }

  // ---------- start ----------

  $('endpoint').textContent = window.location.origin + config.endpoint;
  setupSearch();
  var params = new URLSearchParams(window.location.search);
  var entity = config.entity;
  var initial = params.get('query');
  if (!initial && entity) {
    initial = PREFIXES + '\n# Facts about this entity, with their evidence\nSELECT ?subject ?predicate ?object ?evidence ?fact WHERE {\n  ?fact a tri:Fact ; rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object .\n  OPTIONAL { ?fact tri:evidence ?evidence }\n  FILTER(?subject = ' + iri(entity) + ' || ?object = ' + iri(entity) + ')\n}';
  }
  setupEditor(initial);
  // Pages for tests and links: ?doc=IRI or ?fact=IRI opens the source view.
  var factParam = params.get('fact');
  if (factParam) {
    select('SELECT ?doc WHERE { ' + iri(factParam) + ' tri:document ?doc } LIMIT 1').then(function (rows) {
      if (rows.length) return showSource(rows[0].doc.value, factParam);
      var msg = $('source-message');
      $('source-section').hidden = false;
      msg.hidden = false;
      msg.textContent = 'The store has no fact ' + factParam + '.';
      return null;
    });
  } else if (params.get('doc')) {
    showSource(params.get('doc'), null);
  }
  if (entity) showEntity(entity);
  if (params.get('query')) runQuery();
  // `?find=text` opens the search with that text (a shareable search, and a hook for tests).
  if (params.get('find')) {
    $('search-input').value = params.get('find');
    search(params.get('find')).catch(showSearchError);
  }
})();
