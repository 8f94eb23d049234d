// The technologies a rule can be about, and how a repository shows them: file extensions and package names.
import { tokenize } from './tokenize.js';

/** A technology a file's imports show: its id (see TECHS) and the package name of the import that showed it. */
export interface TechUse {
  /** A technology id (see TECHS). */
  tech: string;
  /** The package name of the import that showed it. */
  via: string;
}

export interface Tech {
  id: string;
  /** As people write it, for reasons. */
  label: string;
  /** Terms (tokenized: lower case, stemmed) that name it in a rule's name or title. */
  words: readonly string[];
  /** Of these, the ones distinctive enough to name it in running text ("go" and "ts" are not). */
  textWords: readonly string[];
  /** Extensions (without the dot) of files written in it. */
  extensions?: readonly string[];
  /** Package names (npm, Go module path segments, Maven artifacts, NuGet, PyPI) that bring it in. */
  packages?: readonly string[];
}

/**
 * One line per technology: id | label | words (`~` marks a word that names it only in a rule's name, too common in
 * prose) | extensions | packages (a name matches itself and the names it starts with a dash: `spring-boot-starter`).
 */
const TABLE = `
typescript | TypeScript | typescript ~ts | ts tsx mts cts | typescript
javascript | JavaScript | javascript ~js | js jsx mjs cjs |
node | Node.js | nodejs ~node | | express fastify koa @nestjs/core hono
react | React | react ~jsx ~tsx | tsx jsx | react react-dom react-native
nextjs | Next.js | nextjs ~next | | next
vue | Vue | vue vuejs nuxt | vue | vue nuxt
angular | Angular | angular | | @angular/core
svelte | Svelte | svelte sveltekit | svelte | svelte @sveltejs/kit
nestjs | NestJS | nestjs ~nest | | @nestjs/core
express | Express | express | | express
tailwind | Tailwind CSS | tailwind tailwindcss | | tailwindcss
electron | Electron | electron | | electron
prisma | Prisma | prisma | prisma | prisma @prisma/client
drizzle | Drizzle | drizzle | | drizzle-orm drizzle-kit
postgres | PostgreSQL | postgres postgresql ~pg | | pg postgres pgx pq psycopg2 psycopg npgsql postgresql
mongodb | MongoDB | mongodb mongo mongoose | | mongodb mongoose mongo-driver
redis | Redis | redis | | redis ioredis go-redis
supabase | Supabase | supabase | | @supabase/supabase-js supabase
firebase | Firebase | firebase firestore | | firebase firebase-admin
graphql | GraphQL | graphql | graphql gql | graphql @apollo/server apollo-server gqlgen
jest | Jest | jest | | jest
vitest | Vitest | vitest | | vitest
playwright | Playwright | playwright | | @playwright/test playwright
cypress | Cypress | cypress | | cypress
python | Python | python ~py | py pyi |
django | Django | django | | django
fastapi | FastAPI | fastapi | | fastapi
flask | Flask | flask | | flask
pytest | pytest | pytest | | pytest
go | Go | golang ~go | go |
java | Java | java | java |
spring | Spring | spring springboot | | spring
quarkus | Quarkus | quarkus | | quarkus
kotlin | Kotlin | kotlin | kt kts |
csharp | C# / .NET | csharp dotnet aspnet ~net ~cs | cs csproj razor | microsoft.aspnetcore microsoft.entityframeworkcore
swift | Swift | swift swiftui ~ios | swift |
ruby | Ruby | ruby | rb | rails
rails | Rails | rails | | rails
php | PHP | php | php |
laravel | Laravel | laravel | | laravel/framework
rust | Rust | rust | rs | tokio
dart | Dart / Flutter | dart flutter | dart | flutter
terraform | Terraform | terraform | tf |
docker | Docker | docker dockerfile | |
`;

export const TECHS: readonly Tech[] = parseTable(TABLE);

function parseTable(text: string): Tech[] {
  const out: Tech[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const [id = '', label = '', words = '', extensions = '', packages = ''] = line
      .split('|')
      .map((cell) => cell.trim());
    const all = split(words);
    out.push({
      id,
      label,
      words: all.flatMap((word) => termsOf(word.replace(/^~/, ''))),
      textWords: all.filter((word) => !word.startsWith('~')).flatMap(termsOf),
      extensions: split(extensions),
      packages: split(packages),
    });
  }
  return out;
}

/** A table word as the tokenizer makes it ("postgres" → its stem), kept whole when the tokenizer would drop it. */
function termsOf(word: string): string[] {
  const terms = tokenize(word);
  return terms.length > 0 ? terms : [word];
}

function split(cell: string): string[] {
  return cell.split(/\s+/).filter((part) => part !== '');
}

/** Names the tokenizer cannot keep (`.NET`, `C#`) or keeps too loosely (`go`), looked for in the raw text. */
export const TEXT_PATTERNS: ReadonlyMap<string, RegExp> = new Map([
  ['csharp', /(?:^|[\s(/])\.NET\b|\bC#/],
  ['go', /\b(?:Go|golang)\s+(?:\d+\.\d+|modules?|services?|code|packages?|structs?|interfaces?)\b/],
]);

/** Extension (lower case, no dot) → the technologies written in it. */
export const TECHS_BY_EXTENSION: ReadonlyMap<string, readonly Tech[]> = groupBy(
  TECHS.flatMap((tech) => (tech.extensions ?? []).map((ext) => [ext, tech] as const)),
);

/** Package name (lower case) → the technologies it brings in; see techsOfPackage for longer names. */
export const TECHS_BY_PACKAGE: ReadonlyMap<string, readonly Tech[]> = groupBy(
  TECHS.flatMap((tech) => (tech.packages ?? []).map((name) => [name, tech] as const)),
);

function groupBy(pairs: readonly (readonly [string, Tech])[]): Map<string, Tech[]> {
  const map = new Map<string, Tech[]>();
  for (const [key, tech] of pairs) map.set(key, [...(map.get(key) ?? []), tech]);
  return map;
}

/** The technologies of a file, by its extension. */
export function techsOfFile(file: string): readonly Tech[] {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? [] : (TECHS_BY_EXTENSION.get(name.slice(dot + 1).toLowerCase()) ?? []);
}

/** The technologies a package brings in: by its name, or by the name it extends (`spring-boot-starter-web`). */
export function techsOfPackage(name: string): readonly Tech[] {
  let key = name.toLowerCase();
  for (;;) {
    const found = TECHS_BY_PACKAGE.get(key);
    if (found) return found;
    const cut = Math.max(key.lastIndexOf('-'), key.lastIndexOf('.'));
    if (cut <= 0) return [];
    key = key.slice(0, cut);
  }
}

/**
 * The technologies an import brings in, with the package name that showed it: an npm package (`@prisma/client`,
 * `react-dom/client`), a Go module's last segment that is no major version (`pgx` of `github.com/jackc/pgx/v5`), a
 * Python or .NET name (`psycopg2.extras`, `Microsoft.EntityFrameworkCore`). Relative imports bring in none.
 */
export function techsOfImport(specifier: string): { techs: readonly Tech[]; name: string } | undefined {
  if (specifier === '' || specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
  const parts = specifier.split('/');
  const npm = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
  const last = parts.filter((part) => !/^v\d+$/.test(part)).at(-1) ?? '';
  const dotted = specifier.includes('/') ? '' : (specifier.split('.')[0] ?? '');
  for (const name of new Set([dotted, npm, last, specifier])) {
    if (name === '') continue;
    const techs = techsOfPackage(name);
    if (techs.length > 0) return { techs, name };
  }
  return undefined;
}
