// The explorer's SPARQL editor: CodeMirror 6 with the SPARQL 1.1 grammar of
// codemirror-lang-sparql, for highlighting, completion of prefixes, prefixed names and keywords,
// and error markers (syntax errors from the grammar, undeclared prefixes, and the position the
// endpoint names when it refuses a query). `npm run build` bundles this file with its
// dependencies into ../src/assets/editor.js, which app.js uses through `window.TripelEditor`.

import { EditorState } from '@codemirror/state';
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import {
  syntaxHighlighting, defaultHighlightStyle, bracketMatching, syntaxTree,
} from '@codemirror/language';
import {
  autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap,
} from '@codemirror/autocomplete';
import { linter, lintGutter, setDiagnostics } from '@codemirror/lint';
import { sparql } from 'codemirror-lang-sparql';

const KEYWORDS = [
  'SELECT', 'DISTINCT', 'WHERE', 'FILTER', 'OPTIONAL', 'UNION', 'MINUS', 'GRAPH', 'BIND', 'VALUES',
  'GROUP BY', 'ORDER BY', 'HAVING', 'LIMIT', 'OFFSET', 'ASC', 'DESC', 'COUNT', 'SAMPLE',
  'GROUP_CONCAT', 'CONSTRUCT', 'DESCRIBE', 'ASK', 'PREFIX', 'BASE', 'NOT EXISTS', 'EXISTS',
  'CONTAINS', 'STRSTARTS', 'LCASE', 'STR', 'LANG', 'LANGMATCHES', 'REGEX', 'BOUND', 'COALESCE',
];

// Nodes inside which nothing is completed.
const OPAQUE = new Set(['String', 'IriRef', 'Comment', 'Var']);

// Prefixes a query declares itself.
function declaredPrefixes(state) {
  const out = new Map();
  syntaxTree(state).iterate({
    enter(node) {
      if (node.name === 'PrefixDecl') {
        const text = state.sliceDoc(node.from, node.to);
        const m = /^PREFIX\s+([^\s:]*):\s*<([^>]*)>/i.exec(text);
        if (m) out.set(m[1], m[2]);
        return false;
      }
      return undefined;
    },
  });
  return out;
}

// A change that declares `prefix` after the query's other declarations (or first).
function declare(state, prefix, iri) {
  let end = -1;
  syntaxTree(state).iterate({
    enter(node) {
      if (node.name === 'PrefixDecl' || node.name === 'BaseDecl') { end = Math.max(end, node.to); return false; }
      return undefined;
    },
  });
  const text = 'PREFIX ' + prefix + ': <' + iri + '>';
  return end < 0 ? { from: 0, insert: text + '\n' } : { from: end, insert: '\n' + text };
}

function completions(options) {
  const known = new Map(options.prefixes);
  const termCache = new Map();
  const localNames = (prefix, iri) => {
    if (!options.localNames || !iri) return Promise.resolve([]);
    if (!termCache.has(iri)) termCache.set(iri, options.localNames(prefix, iri).catch(() => []));
    return termCache.get(iri);
  };
  return async (context) => {
    const inside = syntaxTree(context.state).resolveInner(context.pos, -1);
    for (let n = inside; n; n = n.parent) if (OPAQUE.has(n.name)) return null;
    // `PREFIX tr|` offers whole declarations.
    const decl = context.matchBefore(/PREFIX\s+[\w-]*$/i);
    if (decl) {
      const start = decl.from + /PREFIX\s+/i.exec(decl.text)[0].length;
      return {
        from: start,
        options: options.prefixes.map(([p, iri]) => ({
          label: p + ':', apply: p + ': <' + iri + '>', detail: '<' + iri + '>', type: 'namespace',
        })),
      };
    }
    const declared = declaredPrefixes(context.state);
    // `tri:ce|` offers the names the store uses under that prefix.
    const pname = context.matchBefore(/[A-Za-z][\w-]*:[\w-]*$/);
    if (pname) {
      const prefix = pname.text.slice(0, pname.text.indexOf(':'));
      const names = await localNames(prefix, declared.get(prefix) || known.get(prefix));
      return {
        from: pname.from + prefix.length + 1,
        options: names.map((n) => ({ label: n, type: 'property' })),
        validFor: /^[\w-]*$/,
      };
    }
    // A bare word: prefixes (a known one not yet declared is declared as it is chosen) and
    // keywords.
    const word = context.matchBefore(/[A-Za-z_][\w-]*$/);
    if (!word && !context.explicit) return null;
    const from = word ? word.from : context.pos;
    const all = new Map([...known, ...declared]);
    return {
      from,
      options: [
        ...[...all].map(([p, iri]) => ({
          label: p + ':', detail: '<' + iri + '>', type: 'namespace',
          apply: (view, completion, start, end) => {
            const changes = [{ from: start, to: end, insert: p + ':' }];
            if (!declaredPrefixes(view.state).has(p)) changes.push(declare(view.state, p, iri));
            const set = view.state.changes(changes);
            view.dispatch({ changes: set, selection: { anchor: set.mapPos(end, 1) }, scrollIntoView: true });
          },
        })),
        ...KEYWORDS.map((k) => ({ label: k, type: 'keyword' })),
      ],
      validFor: /^[\w-]*$/,
    };
  };
}

// Error markers: the grammar's error nodes, and prefixed names whose prefix the query does not
// declare (the endpoint predeclares none); a known prefix can be declared from the marker.
function lint(options) {
  const known = new Map(options.prefixes);
  return (view) => {
    const { state } = view;
    const found = [];
    const declared = declaredPrefixes(state);
    syntaxTree(state).iterate({
      enter(node) {
        if (node.type.isError) {
          const from = node.from;
          const to = Math.max(node.to, Math.min(state.doc.length, from + 1));
          const near = state.sliceDoc(from, Math.min(state.doc.length, from + 20)).split('\n')[0];
          found.push({
            from, to, severity: 'error',
            message: near ? 'Syntax error near “' + near + '”' : 'Syntax error: the query ends too early',
          });
        } else if (node.name === 'Pname_ln' || (node.name === 'Pname_ns' && node.node.parent?.name !== 'PrefixDecl')) {
          const text = state.sliceDoc(node.from, node.to);
          const prefix = text.slice(0, text.indexOf(':'));
          if (!declared.has(prefix)) {
            const iri = known.get(prefix);
            found.push({
              from: node.from, to: node.from + prefix.length + 1, severity: 'error',
              message: 'Undeclared prefix “' + prefix + ':”' + (iri ? ' (' + iri + ')' : ': declare it with PREFIX ' + prefix + ': <…>'),
              actions: iri ? [{ name: 'Declare it', apply: (v) => v.dispatch({ changes: declare(v.state, prefix, iri) }) }] : [],
            });
          }
        }
      },
    });
    return found;
  };
}

// The endpoint's parse errors name a position ("error at 3:14: …"): mark it in the editor.
function markServerError(view, message) {
  const m = /(?:at|line)\s+(\d+):(\d+)/.exec(message);
  if (!m) return false;
  const { doc } = view.state;
  const line = doc.line(Math.min(doc.lines, Math.max(1, Number(m[1]))));
  const from = Math.min(line.to, line.from + Math.max(0, Number(m[2]) - 1));
  const to = Math.min(doc.length, Math.max(from + 1, line.to));
  view.dispatch(setDiagnostics(view.state, [{ from, to, severity: 'error', message: message.trim() }]));
  return true;
}

function create(options) {
  const run = () => { if (options.onRun) options.onRun(); return true; };
  const view = new EditorView({
    parent: options.parent,
    state: EditorState.create({
      doc: options.doc || '',
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        sparql(),
        autocompletion({ override: [completions(options)], activateOnTyping: true }),
        linter(lint(options), { delay: 300 }),
        lintGutter(),
        keymap.of([
          { key: 'Mod-Enter', run },
          { key: 'Shift-Enter', run },
          ...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, indentWithTab,
        ]),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': 'SPARQL query', spellcheck: 'false' }),
      ],
    }),
  });
  return {
    view,
    getValue: () => view.state.doc.toString(),
    setValue: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    focus: () => view.focus(),
    showError: (message) => markServerError(view, message),
  };
}

window.TripelEditor = { create };
