// The index's compact tables: sorted string keys, each with a row of one shared Int32Array (a Map<string, number[]>
// in a few flat arrays: no per-key array object, no boxed numbers), found by binary search.

/** Code-unit order, the order of the index's files and keys (what `<` on strings gives). */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Position of `key` in `keys` (sorted by compareKeys), or -1. */
export function findKey(keys: readonly string[], key: string): number {
  let low = 0;
  let high = keys.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const at = keys[mid] as string;
    if (at === key) return mid;
    if (at < key) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

/** Key → row of numbers: `data[start[i] .. start[i + 1])` for `keys[i]`. Rows keep the order they were given in. */
export class KeyedRows {
  constructor(
    readonly keys: readonly string[],
    readonly start: Int32Array,
    readonly data: Int32Array,
  ) {}

  /** Packs `map` (its rows as they are; its keys sorted). */
  static from(map: ReadonlyMap<string, readonly number[]>): KeyedRows {
    const keys = [...map.keys()].sort(compareKeys);
    const start = new Int32Array(keys.length + 1);
    let total = 0;
    keys.forEach((key, i) => {
      start[i] = total;
      total += map.get(key)?.length ?? 0;
    });
    start[keys.length] = total;
    const data = new Int32Array(total);
    keys.forEach((key, i) => {
      data.set(map.get(key) ?? [], start[i]);
    });
    return new KeyedRows(keys, start, data);
  }

  get size(): number {
    return this.keys.length;
  }

  /** The row of `key` (a view, not a copy), or undefined. */
  get(key: string): Int32Array | undefined {
    const i = findKey(this.keys, key);
    return i < 0 ? undefined : this.row(i);
  }

  has(key: string): boolean {
    return findKey(this.keys, key) >= 0;
  }

  row(i: number): Int32Array {
    return this.data.subarray(this.start[i], this.start[i + 1]);
  }
}

/** Folded name → the symbol names it stands for, as rows of positions in the symbol table's keys. */
export class FoldedNames {
  constructor(
    readonly rows: KeyedRows,
    private readonly names: readonly string[],
  ) {}

  get(key: string): string[] | undefined {
    const row = this.rows.get(key);
    return row === undefined ? undefined : Array.from(row, (i) => this.names[i] ?? '');
  }

  has(key: string): boolean {
    return this.rows.has(key);
  }
}

/** Repository-relative path → its position among the index's files (sorted by compareKeys). */
export class PathPositions {
  constructor(private readonly paths: readonly string[]) {}

  get(file: string): number | undefined {
    const i = findKey(this.paths, file);
    return i < 0 ? undefined : i;
  }

  has(file: string): boolean {
    return findKey(this.paths, file) >= 0;
  }
}
