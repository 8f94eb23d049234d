// The assembled index on disk (`context-index.bin`): what each listed file was when it was read (its stamp) and the
// index as the ranking reads it, in flat typed arrays and NUL-joined string lists. A run whose files all match their
// stamps loads it as is, with no facts to read and nothing to assemble; its arrays are views of the file's bytes.
import path from 'node:path';
import { readFileSync, statSync } from 'node:fs';
import { writeCacheFile } from '../cache-dir.js';
import { resolveInside } from '../confine.js';
import type { Links } from './links.js';
import { offsets } from './links.js';
import { CACHE_VERSION } from './cache.js';
import type { EdgeRows, FileKind, IndexedFile, IndexStats, RelevanceIndex, SkipReason } from './model.js';
import { SKIP_REASONS } from './model.js';
import { FoldedNames, KeyedRows, PathPositions } from './rows.js';

export const STORE_FILE = 'context-index.bin';
/** Bump when the layout below changes; the facts cache's version is part of the key too. */
const STORE_VERSION = 1;
const MAX_STORE_BYTES = 1024 * 1024 * 1024;
const KINDS: readonly FileKind[] = ['code', 'prose', 'data'];

/** What a listed file was when last read: size, mtime, content hash ('' unless taken) and why it was left out. */
export interface Stamp {
  size: number;
  mtimeMs: number;
  hash: string;
  skip?: SkipReason;
}

/** The index together with the stamps of the files it was built from and what its graph is made from. */
export interface StoredIndex {
  /** When the stamps were taken (ms since the epoch): a file modified later than that is compared by content. */
  writtenAt: number;
  stamps: Map<string, Stamp>;
  index: RelevanceIndex;
  links: Links;
}

type Typed = Int32Array | Float64Array | Uint8Array | Int8Array;
const TYPES = { i32: Int32Array, f64: Float64Array, u8: Uint8Array, i8: Int8Array } as const;
type TypeName = keyof typeof TYPES;

interface Header {
  version: number;
  cacheVersion: number;
  writtenAt: number;
  averages: RelevanceIndex['averages'];
  arrays: [string, TypeName, number][];
  strings: [string, number, number][];
}

const ROWS = ['path', 'def', 'body', 'segments', 'symbols'] as const;

/** The bytes of `stored`; throws when a string holds a NUL (no path or term does). */
export function encodeStored({ writtenAt, stamps, index, links }: StoredIndex): Buffer {
  const arrays: [string, Typed][] = [];
  const strings: [string, readonly string[]][] = [];
  const stampPaths = [...stamps.keys()];
  const stampList = [...stamps.values()];
  strings.push(['stamp.paths', stampPaths], ['stamp.hash', stampList.map((stamp) => stamp.hash)]);
  arrays.push(
    ['stamp.size', Float64Array.from(stampList, (stamp) => stamp.size)],
    ['stamp.mtime', Float64Array.from(stampList, (stamp) => stamp.mtimeMs)],
    [
      'stamp.skip',
      Int8Array.from(stampList, (stamp) => (stamp.skip ? SKIP_REASONS.indexOf(stamp.skip) : -1)),
    ],
  );
  const { files } = index;
  strings.push(
    ['files.paths', files.map((file) => file.path)],
    ['files.defs', files.flatMap((file) => file.defs)],
    ['files.uses', files.flatMap((file) => file.uses.flatMap((use) => [use.tech, use.via]))],
  );
  arrays.push(
    ['files.kind', Uint8Array.from(files, (file) => KINDS.indexOf(file.kind))],
    [
      'files.lengths',
      Int32Array.from(files.flatMap((file) => [file.pathLength, file.defLength, file.bodyLength])),
    ],
    ['files.defStart', offsets(files.map((file) => file.defs.length))],
    ['files.useStart', offsets(files.map((file) => file.uses.length))],
  );
  const rows = (name: string, table: KeyedRows): void => {
    strings.push([`${name}.keys`, table.keys]);
    arrays.push([`${name}.start`, table.start], [`${name}.data`, table.data]);
  };
  for (const name of ROWS) rows(name, index[name]);
  rows('folded', index.symbolsFolded.rows);
  strings.push(['links.names', links.names], ['links.imports', links.imports]);
  arrays.push(
    ['links.refStart', links.refStart],
    ['links.refs', links.refs],
    ['links.importStart', links.importStart],
  );
  for (const side of ['forward', 'backward'] as const) {
    const edges = index.graph[side];
    arrays.push(
      [`${side}.start`, edges.start],
      [`${side}.to`, edges.to],
      [`${side}.weight`, edges.weight],
      [`${side}.imports`, edges.imports],
    );
  }
  return pack(writtenAt, index.averages, arrays, strings);
}

const align = (n: number): number => Math.ceil(n / 8) * 8;

function pack(
  writtenAt: number,
  averages: RelevanceIndex['averages'],
  arrays: readonly [string, Typed][],
  strings: readonly [string, readonly string[]][],
): Buffer {
  const blobs = strings.map(([name, list]) => {
    if (list.some((text) => text.includes('\0'))) throw new Error(`a NUL in ${name}`);
    return Buffer.from(list.join('\0'), 'utf8');
  });
  const header: Header = {
    version: STORE_VERSION,
    cacheVersion: CACHE_VERSION,
    writtenAt,
    averages,
    arrays: arrays.map(([name, array]) => [name, typeName(array), array.length]),
    strings: strings.map(([name, list], i) => [name, list.length, blobs[i]?.length ?? 0]),
  };
  const head = Buffer.from(JSON.stringify(header), 'utf8');
  const parts: Uint8Array[] = [Buffer.from(Uint32Array.of(head.length).buffer), head];
  let size = 4 + head.length;
  const pad = (): void => {
    const target = align(size);
    if (target > size) parts.push(Buffer.alloc(target - size));
    size = target;
  };
  for (const [, array] of arrays) {
    pad();
    parts.push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    size += array.byteLength;
  }
  for (const blob of blobs) {
    parts.push(blob);
    size += blob.length;
  }
  return Buffer.concat(parts, size);
}

function typeName(array: Typed): TypeName {
  if (array instanceof Int32Array) return 'i32';
  if (array instanceof Float64Array) return 'f64';
  if (array instanceof Int8Array) return 'i8';
  return 'u8';
}

/** The stored index in `bytes`, or undefined when they are not one of this version (or are cut short). */
export function decodeStored(bytes: Buffer, root: string): StoredIndex | undefined {
  // Views need their element alignment: a pooled Buffer may start anywhere, so such bytes are copied once.
  const buffer = bytes.byteOffset % 8 === 0 ? bytes : Buffer.from(bytes);
  const headLength = buffer.readUInt32LE(0);
  const header = JSON.parse(buffer.toString('utf8', 4, 4 + headLength)) as Header;
  if (header.version !== STORE_VERSION || header.cacheVersion !== CACHE_VERSION) return undefined;
  const arrays = new Map<string, Typed>();
  let at = 4 + headLength;
  for (const [name, type, length] of header.arrays) {
    at = align(at);
    const Type = TYPES[type];
    const byteLength = length * Type.BYTES_PER_ELEMENT;
    if (at + byteLength > buffer.length) return undefined;
    // Copied out, so that the file's bytes (its strings already decoded) are not kept alive by one view.
    arrays.set(name, new Type(buffer.buffer as ArrayBuffer, buffer.byteOffset + at, length).slice());
    at += byteLength;
  }
  const strings = new Map<string, () => string[]>();
  for (const [name, count, byteLength] of header.strings) {
    if (at + byteLength > buffer.length) return undefined;
    const decode = (bytes: Buffer): string[] => (count === 0 ? [] : bytes.toString('utf8').split('\0'));
    if (LAZY.has(name)) {
      // Read only to update the graph after a change: kept as bytes until then.
      const bytes = Buffer.from(buffer.subarray(at, at + byteLength));
      let list: string[] | undefined;
      strings.set(name, () => (list ??= decode(bytes)));
    } else {
      const list = decode(buffer.subarray(at, at + byteLength));
      if (list.length !== count) return undefined;
      strings.set(name, () => list);
    }
    at += byteLength;
  }
  return new Reader(arrays, strings).stored(root, header);
}

/** String lists decoded on first use. */
const LAZY = new Set(['links.names', 'links.imports']);

/** Takes the named arrays and lists apart into the index; throws on a missing part (then the store is rebuilt). */
class Reader {
  constructor(
    private readonly arrays: Map<string, Typed>,
    private readonly strings: Map<string, () => string[]>,
  ) {}

  array<T extends Typed>(name: string, type: new (...args: never[]) => T): T {
    const found = this.arrays.get(name);
    if (!(found instanceof type)) throw new Error(`no ${name}`);
    return found;
  }

  list(name: string): string[] {
    const found = this.strings.get(name);
    if (!found) throw new Error(`no ${name}`);
    return found();
  }

  rows(name: string): KeyedRows {
    return new KeyedRows(
      this.list(`${name}.keys`),
      this.array(`${name}.start`, Int32Array),
      this.array(`${name}.data`, Int32Array),
    );
  }

  edges(side: string): EdgeRows {
    return {
      start: this.array(`${side}.start`, Int32Array),
      to: this.array(`${side}.to`, Int32Array),
      weight: this.array(`${side}.weight`, Float64Array),
      imports: this.array(`${side}.imports`, Uint8Array),
    };
  }

  stamps(): Map<string, Stamp> {
    const paths = this.list('stamp.paths');
    const hashes = this.list('stamp.hash');
    const size = this.array('stamp.size', Float64Array);
    const mtime = this.array('stamp.mtime', Float64Array);
    const skip = this.array('stamp.skip', Int8Array);
    const stamps = new Map<string, Stamp>();
    paths.forEach((file, i) => {
      const stamp: Stamp = { size: size[i] ?? 0, mtimeMs: mtime[i] ?? 0, hash: hashes[i] ?? '' };
      const reason = SKIP_REASONS[skip[i] ?? -1];
      if (reason !== undefined) stamp.skip = reason;
      stamps.set(file, stamp);
    });
    return stamps;
  }

  files(): IndexedFile[] {
    const paths = this.list('files.paths');
    const defs = this.list('files.defs');
    const uses = this.list('files.uses');
    const kind = this.array('files.kind', Uint8Array);
    const lengths = this.array('files.lengths', Int32Array);
    const defStart = this.array('files.defStart', Int32Array);
    const useStart = this.array('files.useStart', Int32Array);
    return paths.map((file, i) => {
      const used = [];
      for (let k = useStart[i] ?? 0; k < (useStart[i + 1] ?? 0); k++) {
        used.push({ tech: uses[2 * k] ?? '', via: uses[2 * k + 1] ?? '' });
      }
      return {
        path: file,
        kind: KINDS[kind[i] ?? 0] ?? 'code',
        defs: defs.slice(defStart[i], defStart[i + 1]),
        pathLength: lengths[3 * i] ?? 0,
        defLength: lengths[3 * i + 1] ?? 0,
        bodyLength: lengths[3 * i + 2] ?? 0,
        uses: used,
      };
    });
  }

  stored(root: string, header: Header): StoredIndex {
    const files = this.files();
    const symbols = this.rows('symbols');
    const stats: IndexStats = {
      files: 0,
      indexed: 0,
      skipped: {} as IndexStats['skipped'],
      parsed: 0,
      fromCache: 0,
      ms: 0,
    };
    const index: RelevanceIndex = {
      root,
      stats,
      files,
      byPath: new PathPositions(files.map((file) => file.path)),
      segments: this.rows('segments'),
      path: this.rows('path'),
      def: this.rows('def'),
      body: this.rows('body'),
      averages: header.averages,
      symbols,
      symbolsFolded: new FoldedNames(this.rows('folded'), symbols.keys),
      graph: { forward: this.edges('forward'), backward: this.edges('backward') },
    };
    const names = this.strings.get('links.names');
    const imports = this.strings.get('links.imports');
    if (!names || !imports) throw new Error('no links');
    const links: Links = {
      get names() {
        return names();
      },
      refStart: this.array('links.refStart', Int32Array),
      refs: this.array('links.refs', Int32Array),
      importStart: this.array('links.importStart', Int32Array),
      get imports() {
        return imports();
      },
    };
    return { writtenAt: header.writtenAt, stamps: this.stamps(), index, links };
  }
}

/** The stored index in `dir` (inside `root`), or undefined when absent, unreadable, of another version or corrupt. */
export function loadStored(root: string, dir: string, base: string): StoredIndex | undefined {
  try {
    // Confined like every read, without the content hash readInside takes: the bytes are checked by their layout.
    const { abs } = resolveInside(root, path.join(dir, STORE_FILE), 'cache file');
    if (statSync(abs).size > MAX_STORE_BYTES) return undefined;
    return decodeStored(readFileSync(abs), base);
  } catch {
    return undefined;
  }
}

/** Writes the stored index in `dir` inside `root` (atomically, confined); a failure costs the next run its speed-up. */
export function saveStored(root: string, dir: string, stored: StoredIndex): void {
  try {
    const bytes = encodeStored(stored);
    writeCacheFile(root, path.join(dir, STORE_FILE), bytes);
  } catch {
    // A read-only or full disk, or a name with a NUL: the next run assembles the index from the facts again.
  }
}
