// Which listed files are worth indexing, what kind each is, and which language reads its definitions.

/** Why a listed file was left out of the index. */
export type SkipReason =
  'binary' | 'lockfile' | 'vendored' | 'generated' | 'too-large' | 'unreadable' | 'non-utf8';

export const SKIP_REASONS: readonly SkipReason[] = [
  'binary',
  'lockfile',
  'vendored',
  'generated',
  'too-large',
  'unreadable',
  'non-utf8',
];

/** Code is ranked as found; prose (Markdown, text, docs/) and data (JSON, YAML…) are ranked below it. */
export type FileKind = 'code' | 'prose' | 'data';

/** Files above this size are skipped unread. */
export const MAX_FILE_BYTES = 1024 * 1024;

const LOCKFILES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  'Cargo.lock',
  'go.sum',
  'Podfile.lock',
  'Gemfile.lock',
  'composer.lock',
  'poetry.lock',
  'Pipfile.lock',
  'uv.lock',
  'pubspec.lock',
  'packages.lock.json',
  'flake.lock',
  'mix.lock',
  'Package.resolved',
  'gradle.lockfile',
]);

/** Folders of other people's code or of build output, at any depth. */
const VENDORED_DIRS = new Set([
  'node_modules',
  'vendor',
  'bower_components',
  'jspm_packages',
  'third_party',
  'dist',
  'build',
  'out',
  'target',
  '.next',
  '.nuxt',
  '.svelte-kit',
  '.turbo',
  '.cache',
  '.gradle',
  '.dart_tool',
  '.venv',
  'venv',
  '__pycache__',
  'Pods',
  'Carthage',
  'DerivedData',
  'coverage',
  '.git',
]);

/** Generated file names: minified bundles, protobuf and code-generator output, source maps, snapshots. */
const GENERATED_NAME =
  /(?:\.min\.(?:js|css|mjs)|\.bundle\.js|\.map|\.pb\.go|_pb2\.pyi?|_pb2_grpc\.py|\.pb\.(?:cc|h)|\.g\.dart|\.freezed\.dart|\.gr\.dart|\.mocks\.dart|\.generated\.[a-z]+|\.designer\.cs|\.g\.cs|\.snap|_generated\.go|_string\.go)$/i;

/** A marker that code generators put in the first lines of what they write. */
export const GENERATED_MARKER =
  /@generated\b|\bcode generated\b.*\bdo not edit\b|\bauto-?generated\b|\bthis file (?:was|is) (?:automatically )?generated\b|\bdo not edit\b/i;

/** Extensions that are binary without a look inside. */
const BINARY_EXT = new Set(
  `png jpg jpeg gif bmp ico icns webp avif tif tiff psd heic pdf zip gz tgz bz2 xz 7z rar jar war ear class
  dll exe so dylib a o obj lib bin dat db sqlite sqlite3 mp3 mp4 m4a wav ogg flac mov avi mkv webm woff woff2 ttf
  otf eot wasm pyc pyo node keystore jks p12 pfx der xlsx xls docx doc pptx ppt odt ods key numbers pages apk aab
  ipa dmg iso car xcassets lockb`.split(/\s+/),
);

const PROSE_EXT = new Set([
  'md',
  'mdx',
  'markdown',
  'txt',
  'rst',
  'adoc',
  'asciidoc',
  'org',
  'textile',
  'rtf',
]);
const DATA_EXT = new Set(
  `json jsonc json5 yaml yml toml ini cfg conf properties env xml plist csv tsv lock svg pbxproj xcscheme
  storyboard xib resx arb po pot strings xcstrings ipynb`.split(/\s+/),
);

/** Language of the definitions: a tree-sitter grammar name, or a pattern fallback (swift, kotlin, dart). */
const LANGUAGE_BY_EXT: Readonly<Record<string, string>> = {
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'tsx',
  js: 'javascript',
  jsx: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  py: 'python',
  pyi: 'python',
  go: 'go',
  java: 'java',
  cs: 'c-sharp',
  rb: 'ruby',
  rake: 'ruby',
  php: 'php',
  rs: 'rust',
  swift: 'swift',
  kt: 'kotlin',
  kts: 'kotlin',
  dart: 'dart',
};

function extension(file: string): string {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Why `file` is skipped on its path alone, or undefined when it must be looked at. */
export function skipByPath(file: string): SkipReason | undefined {
  const name = file.slice(file.lastIndexOf('/') + 1);
  if (LOCKFILES.has(name) || name.endsWith('.lock')) return 'lockfile';
  const dirs = file.split('/').slice(0, -1);
  if (dirs.some((dir) => VENDORED_DIRS.has(dir))) return 'vendored';
  if (GENERATED_NAME.test(name)) return 'generated';
  if (BINARY_EXT.has(extension(file))) return 'binary';
  return undefined;
}

/** Code, prose or data: prose by extension or anywhere under a docs folder, data by extension, else code. */
export function fileKind(file: string): FileKind {
  const ext = extension(file);
  if (PROSE_EXT.has(ext) || (ext === '' && /(^|\/)(README|LICENSE|CHANGELOG|NOTICE|AUTHORS)/i.test(file))) {
    return 'prose';
  }
  if (/(^|\/)(docs?|documentation)\//i.test(file)) return 'prose';
  if (DATA_EXT.has(ext)) return 'data';
  return 'code';
}

/** Test files: their definitions are not parsed (other files seldom use a test's names), their words still count. */
export function isTestFile(file: string): boolean {
  return (
    /(^|\/)(tests?|__tests__|__mocks__|specs?|testdata|fixtures)\//i.test(file) ||
    /(\.|_)(test|spec)\.[a-z]+$|^test_[^/]*\.py$|(Tests?|Spec)\.(java|cs|kt|swift|php|scala)$/.test(
      file.slice(file.lastIndexOf('/') + 1),
    )
  );
}

export function languageOf(file: string): string | undefined {
  return LANGUAGE_BY_EXT[extension(file)];
}
