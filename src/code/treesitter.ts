// The tree-sitter runtime, loaded once per thread on first use: one parser and one definition query per grammar.
import { createRequire as makeRequire } from 'node:module';
import { Language, Parser, Query, type Tree } from 'web-tree-sitter';
import { DEFINITION_MAX_DEPTH, DEFINITION_QUERIES } from './languages.js';

interface Grammar {
  parser: Parser;
  query: Query;
}

// Not named `require`/`createRequire`: esbuild bundles get those two from a banner, and the names would clash.
const localRequire = makeRequire(import.meta.url);
/** The parse callback hands the parser the text in pieces of this many UTF-16 units (its buffer holds 10 KiB). */
const CHUNK = 4096;
/** A parse that runs longer than this is abandoned: the file keeps its terms, without definitions. */
const PARSE_BUDGET_MS = 2000;

// The only module-level state of the context engine, and why it is safe: the WebAssembly runtime and the compiled
// grammars never change once loaded, so they are shared by every index built in this thread. A Parser is reused
// across calls, but `parse` and `captures` are synchronous, so two concurrent `buildIndex` calls cannot interleave
// inside one parse; each tree is deleted before `definitions` returns. Worker threads load their own copies.
let runtime: Promise<boolean> | undefined;
const grammars = new Map<string, Promise<Grammar | undefined>>();

/** Starts the WebAssembly runtime; false when it cannot load (then no file is parsed, every other signal stays). */
function initRuntime(): Promise<boolean> {
  runtime ??= Parser.init({
    locateFile: (name: string) => localRequire.resolve(`web-tree-sitter/${name}`),
  }).then(
    () => true,
    () => false,
  );
  return runtime;
}

/** The grammar of `lang` (a name in DEFINITION_QUERIES), loaded on first use; undefined when it cannot load. */
export function loadGrammar(lang: string): Promise<Grammar | undefined> {
  let grammar = grammars.get(lang);
  if (!grammar) {
    grammar = createGrammar(lang);
    grammars.set(lang, grammar);
  }
  return grammar;
}

async function createGrammar(lang: string): Promise<Grammar | undefined> {
  const source = DEFINITION_QUERIES[lang];
  if (source === undefined || !(await initRuntime())) return undefined;
  try {
    const wasm = localRequire.resolve(`@vscode/tree-sitter-wasm/wasm/tree-sitter-${lang}.wasm`);
    const language = await Language.load(wasm);
    const parser = new Parser();
    parser.setLanguage(language);
    return { parser, query: new Query(language, source) };
  } catch {
    return undefined;
  }
}

/** Names defined in `text` by the grammar's query, in order of appearance, each once; undefined if parsing failed. */
export function definitions(grammar: Grammar, text: string): string[] | undefined {
  const deadline = performance.now() + PARSE_BUDGET_MS;
  let tree: Tree | null = null;
  try {
    tree = grammar.parser.parse((index) => text.slice(index, index + CHUNK), null, {
      progressCallback: () => performance.now() > deadline,
    });
    if (!tree) return undefined;
    const names = new Set<string>();
    for (const { node } of grammar.query.captures(tree.rootNode, { maxStartDepth: DEFINITION_MAX_DEPTH })) {
      // Node indexes count UTF-16 units of the text we gave; slicing it avoids the binding's per-node callbacks.
      names.add(text.slice(node.startIndex, node.endIndex));
    }
    return [...names];
  } catch {
    return undefined;
  } finally {
    tree?.delete();
    grammar.parser.reset();
  }
}
