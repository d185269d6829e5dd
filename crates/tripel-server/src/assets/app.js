// tripel explorer: SPARQL editor, results table, entity neighbourhood graph and entity search.
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
  var PREFIXES = Object.keys(NS).filter(function (p) { return ['entity', 'doc', 'fact', 'value'].indexOf(p) < 0; })
    .map(function (p) { return 'PREFIX ' + p + ': <' + NS[p] + '>'; }).join('\n') + '\n';
  var TYPE_COLORS = {
    Person: '#e4572e', Organization: '#4c72b0', Product: '#55a868',
    Place: '#c9a227', Event: '#8172b2', Thing: '#8c8c8c', Other: '#b8c0cc'
  };
  var SVG_NS = 'http://www.w3.org/2000/svg';

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
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
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

  function entityPath(iriText) {
    return '/entity/' + encodeURIComponent(iriText.slice(NS.entity.length));
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
    return TYPE_COLORS[name] ? name : 'Other';
  }

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

  // Labels and types of entity IRIs, cached.
  var labels = new Map();
  function describeNodes(iris) {
    var missing = iris.filter(function (i, k) { return !labels.has(i) && iris.indexOf(i) === k; }).slice(0, 300);
    if (!missing.length) return Promise.resolve();
    var q = 'SELECT ?e (SAMPLE(?l) AS ?label) (SAMPLE(?t) AS ?type) WHERE { VALUES ?e { ' +
      missing.map(iri).join(' ') + ' } OPTIONAL { ?e rdfs:label ?l } ' +
      'OPTIONAL { ?e a ?t FILTER(STRSTARTS(STR(?t), STR(schema:))) } } GROUP BY ?e';
    return select(q).then(function (rows) {
      missing.forEach(function (i) { labels.set(i, { label: null, type: null }); });
      rows.forEach(function (r) {
        labels.set(r.e.value, { label: r.label ? r.label.value : null, type: r.type ? r.type.value : null });
      });
    });
  }

  function nameOf(iriText) {
    var info = labels.get(iriText);
    if (info && info.label) return info.label;
    return isEntity(iriText) ? slugName(iriText) : shortIri(iriText);
  }

  // ---------- results table ----------

  function termCell(term) {
    var td = el('td');
    if (!term) return td;
    if (term.type === 'uri') {
      if (isEntity(term.value)) {
        td.appendChild(el('a', { href: entityPath(term.value), className: 'entity', 'data-iri': term.value, title: term.value, text: slugName(term.value) }));
      } else if (term.value.indexOf(NS.doc) === 0) {
        td.appendChild(el('a', { href: '/graph?graph=' + encodeURIComponent(term.value), className: 'iri-short', title: term.value, text: shortIri(term.value) }));
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

  function renderResults(response, elapsed) {
    var out = $('results');
    clear(out);
    var status = $('status');
    if (response.type.indexOf('json') < 0) {
      out.appendChild(el('pre', { text: response.text }));
      status.textContent = 'graph result in ' + elapsed + ' ms';
      return;
    }
    var json = JSON.parse(response.text);
    if (typeof json.boolean === 'boolean') {
      out.appendChild(el('p', { className: 'boolean', text: String(json.boolean) }));
      status.textContent = 'ASK answered in ' + elapsed + ' ms';
      return;
    }
    var vars = json.head.vars || [];
    var rows = json.results.bindings;
    var table = el('table', { className: 'results' });
    table.appendChild(el('thead', {}, [el('tr', {}, vars.map(function (v) { return el('th', { text: '?' + v }); }))]));
    var body = el('tbody');
    var entities = [];
    rows.forEach(function (row) {
      body.appendChild(el('tr', {}, vars.map(function (v) {
        var t = row[v];
        if (t && t.type === 'uri' && isEntity(t.value)) entities.push(t.value);
        return termCell(t);
      })));
    });
    table.appendChild(body);
    out.appendChild(table);
    status.textContent = rows.length + (rows.length === 1 ? ' row' : ' rows') + ' in ' + elapsed + ' ms';
    describeNodes(entities).then(function () {
      out.querySelectorAll('a.entity').forEach(function (a) { a.textContent = nameOf(a.getAttribute('data-iri')); });
    }).catch(function () { /* names stay slug-derived */ });
  }

  function runQuery() {
    var query = $('editor').value;
    var started = performance.now();
    $('status').textContent = 'running…';
    clear($('results'));
    return sparql(query, 'application/sparql-results+json, text/turtle;q=0.9').then(function (r) {
      renderResults(r, Math.round(performance.now() - started));
    }).catch(function (e) {
      $('status').textContent = 'failed';
      $('results').appendChild(el('div', { className: 'error', text: e.message }));
    });
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
    var e = iri(entity);
    var props = select('SELECT DISTINCT ?p ?o WHERE { ' + e + ' ?p ?o }');
    var edges = select('SELECT DISTINCT ?s ?p ?o WHERE { { ' + e + ' ?p ?o BIND(' + e + ' AS ?s) } UNION { ?s ?p ' + e +
      ' BIND(' + e + ' AS ?o) } FILTER(isIRI(?s) && isIRI(?o) && STRSTARTS(STR(?p), STR(tri:)) && ?p != tri:mentionedIn && ?p != tri:document) ' +
      'FILTER NOT EXISTS { ?s a tri:Fact } } LIMIT 150');
    var facts = select('SELECT ?s ?p ?o ?evidence ?doc ?docId ?confidence ?rule WHERE { ?f a tri:Fact ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . ' +
      'FILTER(?s = ' + e + ' || ?o = ' + e + ') OPTIONAL { ?f tri:evidence ?evidence } OPTIONAL { ?f tri:document ?doc OPTIONAL { ?doc tri:docId ?docId } } ' +
      'OPTIONAL { ?f tri:confidence ?confidence } OPTIONAL { ?f tri:rule ?rule } } LIMIT 500');
    return Promise.all([props, edges, facts]).then(function (all) {
      var edgeRows = all[1];
      var nodes = [entity];
      edgeRows.forEach(function (r) {
        [r.s.value, r.o.value].forEach(function (n) { if (nodes.indexOf(n) < 0) nodes.push(n); });
      });
      return describeNodes(nodes).then(function () {
        renderEntityInfo(entity, all[0]);
        renderGraph(entity, nodes, edgeRows, all[2]);
      });
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
      objects.forEach(function (o, k) {
        if (k) td.appendChild(document.createTextNode(' · '));
        var cell = termCell(o);
        while (cell.firstChild) td.appendChild(cell.firstChild);
      });
      table.appendChild(el('tr', {}, [el('th', { title: p, text: shortIri(p) }), td]));
    });
    table.querySelectorAll('a.entity').forEach(function (a) { a.textContent = nameOf(a.getAttribute('data-iri')); });
  }

  // Fruchterman–Reingold layout with the entity pinned in the middle, started from a circle so
  // the picture is the same on every load: edges pull to about K apart, all nodes repel.
  function layout(nodes, links) {
    var K = 150;
    var pos = nodes.map(function (n, i) {
      if (i === 0) return { x: 0, y: 0 };
      var a = 2 * Math.PI * (i - 1) / Math.max(1, nodes.length - 1) - Math.PI / 2;
      var r = Math.max(K, (nodes.length - 1) * 22);
      return { x: r * Math.cos(a), y: r * Math.sin(a) };
    });
    for (var it = 0; it < 250; it++) {
      var temp = 40 * (1 - it / 250) + 0.5;
      var disp = pos.map(function () { return { x: 0, y: 0 }; });
      for (var i = 0; i < pos.length; i++) {
        for (var j = i + 1; j < pos.length; j++) {
          var dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
          var d = Math.max(1, Math.sqrt(dx * dx + dy * dy));
          var f = K * K / d / d;
          disp[i].x += dx * f; disp[i].y += dy * f;
          disp[j].x -= dx * f; disp[j].y -= dy * f;
        }
      }
      links.forEach(function (l) {
        var dx = pos[l.t].x - pos[l.s].x, dy = pos[l.t].y - pos[l.s].y;
        var d = Math.max(1, Math.sqrt(dx * dx + dy * dy));
        var f = d / K;
        disp[l.s].x += dx * f; disp[l.s].y += dy * f;
        disp[l.t].x -= dx * f; disp[l.t].y -= dy * f;
      });
      for (var k = 1; k < pos.length; k++) {
        var m = Math.sqrt(disp[k].x * disp[k].x + disp[k].y * disp[k].y);
        if (m > 0) {
          pos[k].x += disp[k].x / m * Math.min(m, temp);
          pos[k].y += disp[k].y / m * Math.min(m, temp);
        }
      }
    }
    return pos;
  }

  function renderGraph(entity, nodes, edgeRows, factRows) {
    var box = $('graph');
    clear(box);
    var index = new Map(nodes.map(function (n, i) { return [n, i]; }));
    var evidence = new Map();
    factRows.forEach(function (r) {
      var key = r.s.value + ' ' + r.p.value + ' ' + r.o.value;
      if (!evidence.has(key)) evidence.set(key, []);
      evidence.get(key).push(r);
    });
    var links = edgeRows.map(function (r) {
      return { s: index.get(r.s.value), t: index.get(r.o.value), p: r.p.value, key: r.s.value + ' ' + r.p.value + ' ' + r.o.value };
    });
    var pos = layout(nodes, links);
    var xs = pos.map(function (p) { return p.x; }), ys = pos.map(function (p) { return p.y; });
    // Fit the drawing, but never zoom in past a comfortable scale for small neighbourhoods.
    var pad = 90;
    var minX = Math.min.apply(null, xs) - pad, maxX = Math.max.apply(null, xs) + pad;
    var minY = Math.min.apply(null, ys) - pad, maxY = Math.max.apply(null, ys) + pad;
    var w = Math.max(maxX - minX, 760), h = Math.max(maxY - minY, 520);
    var cxv = (minX + maxX) / 2, cyv = (minY + maxY) / 2;
    box.setAttribute('viewBox', [cxv - w / 2, cyv - h / 2, w, h].join(' '));
    box.setAttribute('preserveAspectRatio', 'xMidYMid meet');
    box.appendChild(svg('defs', {}, [svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' },
      [svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#98a2b3' })])]));

    // Parallel edges between the same two nodes bend apart.
    var pairCount = new Map(), pairSeen = new Map();
    links.forEach(function (l) {
      var pair = Math.min(l.s, l.t) + '-' + Math.max(l.s, l.t);
      pairCount.set(pair, (pairCount.get(pair) || 0) + 1);
    });
    var edgeLayer = svg('g', { className: 'edges' });
    var nodeLayer = svg('g', { className: 'nodes' });
    box.appendChild(edgeLayer);
    box.appendChild(nodeLayer);
    var radius = function (i) { return i === 0 ? 24 : 16; };
    links.forEach(function (l) {
      var pair = Math.min(l.s, l.t) + '-' + Math.max(l.s, l.t);
      var k = pairSeen.get(pair) || 0;
      pairSeen.set(pair, k + 1);
      var bend = (k - (pairCount.get(pair) - 1) / 2) * 46 * (l.s < l.t ? 1 : -1);
      var a = pos[l.s], b = pos[l.t];
      var dx = b.x - a.x, dy = b.y - a.y, d = Math.max(1, Math.sqrt(dx * dx + dy * dy));
      var nx = -dy / d, ny = dx / d;
      var cx = (a.x + b.x) / 2 + nx * bend, cy = (a.y + b.y) / 2 + ny * bend;
      var start = towards(a, { x: cx, y: cy }, radius(l.s) + 2);
      var end = towards(b, { x: cx, y: cy }, radius(l.t) + 4);
      var facts = evidence.get(l.key) || [];
      var title = local(l.p) + (facts.length ? ' — ' + facts.map(function (f) {
        return (f.evidence ? '“' + f.evidence.value + '”' : '') + (f.docId ? ' (' + f.docId.value + ')' : '');
      }).join('\n') : '');
      var g = svg('g', { className: 'edge', 'data-predicate': l.p, 'data-s': nodes[l.s], 'data-o': nodes[l.t], tabindex: '0' }, [
        svg('path', { d: 'M' + start.x + ',' + start.y + ' Q' + cx + ',' + cy + ' ' + end.x + ',' + end.y, 'marker-end': 'url(#arrow)' }),
        svg('text', { x: String(0.25 * a.x + 0.5 * cx + 0.25 * b.x), y: String(0.25 * a.y + 0.5 * cy + 0.25 * b.y - 4), 'text-anchor': 'middle', text: local(l.p) }),
        svg('title', { text: title })
      ]);
      var show = function () {
        box.querySelectorAll('.edge.selected').forEach(function (x) { x.classList.remove('selected'); });
        g.classList.add('selected');
        showEvidence(nodes[l.s], l.p, nodes[l.t], facts);
      };
      g.addEventListener('mouseenter', show);
      g.addEventListener('click', show);
      g.addEventListener('focus', show);
      edgeLayer.appendChild(g);
    });
    nodes.forEach(function (n, i) {
      var info = labels.get(n) || {};
      var t = typeName(info.type);
      var linkable = i > 0 && isEntity(n);
      var g = svg('g', { className: 'node' + (i === 0 ? ' center' : '') + (linkable ? ' link' : ''), 'data-iri': n, 'data-type': t, transform: 'translate(' + pos[i].x + ',' + pos[i].y + ')' }, [
        svg('circle', { r: String(radius(i)), fill: TYPE_COLORS[t] }),
        svg('text', { y: String(radius(i) + 15), text: nameOf(n) }),
        svg('title', { text: nameOf(n) + ' (' + (info.type ? local(info.type) : shortIri(n)) + ')' })
      ]);
      if (linkable) g.addEventListener('click', function () { window.location.href = entityPath(n); });
      nodeLayer.appendChild(g);
    });
    // Start with the first edge's evidence on show.
    var first = edgeLayer.querySelector('.edge');
    if (first) first.dispatchEvent(new Event('click'));
    if (!links.length) {
      box.appendChild(svg('text', { x: '0', y: '60', 'text-anchor': 'middle', fill: '#667085', text: 'No relations to other entities yet.' }));
    }
    var legend = $('legend');
    clear(legend);
    Object.keys(TYPE_COLORS).forEach(function (t) {
      legend.appendChild(el('span', { style: '--c:' + TYPE_COLORS[t], text: t }));
    });
  }

  function towards(from, to, distance) {
    var dx = to.x - from.x, dy = to.y - from.y, d = Math.max(1, Math.sqrt(dx * dx + dy * dy));
    return { x: from.x + dx / d * distance, y: from.y + dy / d * distance };
  }

  function showEvidence(s, p, o, facts) {
    var aside = $('edge-detail');
    clear(aside);
    aside.appendChild(el('h3', { text: nameOf(s) + ' → ' + local(p) + ' → ' + nameOf(o) }));
    if (!facts.length) {
      aside.appendChild(el('p', { className: 'hint', text: 'No provenance recorded for this statement.' }));
      return;
    }
    facts.forEach(function (f) {
      if (f.evidence) aside.appendChild(el('blockquote', { className: 'evidence', text: f.evidence.value }));
      var meta = el('p', { className: 'meta' });
      if (f.doc) {
        meta.appendChild(document.createTextNode('source: '));
        meta.appendChild(el('a', { href: '/graph?graph=' + encodeURIComponent(f.doc.value), className: 'doc', text: f.docId ? f.docId.value : shortIri(f.doc.value) }));
      }
      if (f.confidence) meta.appendChild(document.createTextNode(' · confidence ' + f.confidence.value));
      if (f.rule) meta.appendChild(document.createTextNode(' · rule ' + f.rule.value));
      aside.appendChild(meta);
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

  // ---------- editor ----------

  function setupEditor(initial) {
    var editor = $('editor');
    var examples = $('examples');
    (config.examples || []).forEach(function (ex, i) {
      examples.appendChild(el('option', { value: String(i), text: ex.title || ex.name }));
    });
    examples.addEventListener('change', function () {
      var ex = config.examples[Number(examples.value)];
      if (ex) editor.value = ex.sparql;
    });
    editor.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); runQuery(); }
      if (ev.key === 'Tab' && !ev.shiftKey) {
        ev.preventDefault();
        var s = editor.selectionStart;
        editor.value = editor.value.slice(0, s) + '  ' + editor.value.slice(editor.selectionEnd);
        editor.selectionStart = editor.selectionEnd = s + 2;
      }
    });
    $('run').addEventListener('click', runQuery);
    if (initial) {
      editor.value = initial;
    } else if (config.examples && config.examples.length) {
      examples.value = '0';
      editor.value = config.examples[0].sparql;
    } else {
      editor.value = PREFIXES + '\nSELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 25';
    }
  }

  function setupRdfButton(entity) {
    $('show-rdf').addEventListener('click', function () {
      fetch(entityPath(entity), { headers: { Accept: 'text/turtle' } }).then(function (r) { return r.text(); }).then(function (t) {
        var pre = $('entity-rdf');
        pre.textContent = t;
        pre.hidden = false;
      });
    });
  }

  // ---------- start ----------

  $('endpoint').textContent = window.location.origin + config.endpoint;
  setupSearch();
  var params = new URLSearchParams(window.location.search);
  var entity = config.entity;
  var initial = params.get('query');
  if (!initial && entity) {
    initial = PREFIXES + '\n# Facts about this entity, with their evidence\nSELECT ?subject ?predicate ?object ?evidence WHERE {\n  ?f a tri:Fact ; rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object .\n  OPTIONAL { ?f tri:evidence ?evidence }\n  FILTER(?subject = ' + iri(entity) + ' || ?object = ' + iri(entity) + ')\n}';
  }
  setupEditor(initial);
  if (entity) {
    setupRdfButton(entity);
    showEntity(entity);
  }
  if (params.get('query')) runQuery();
  // `?find=text` opens the search with that text (a shareable search, and a hook for tests).
  if (params.get('find')) {
    $('search-input').value = params.get('find');
    search(params.get('find')).catch(showSearchError);
  }
})();
