// Every supported language yields its definitions: the tree-sitter grammars load and their queries match, and the
// pattern fallbacks (Swift, Kotlin, Dart) find type and function names.
import { describe, expect, it } from 'vitest';
import { examineBytes } from '../src/context/extract.js';
import { createImportResolver, importSpecifiers } from '../src/code/imports.js';
import { GRAMMARS } from '../src/code/languages.js';
import type { FileOutcome } from '../src/context/model.js';

const SNIPPETS: Record<string, [file: string, source: string, defs: string[]]> = {
  typescript: [
    'src/card.ts',
    `// Cartão: a comment with non-ASCII text before the names, so that offsets are checked.
export interface CardLimit { amount: number }
export type CardId = string;
export enum CardState { Active }
export abstract class BaseCard { abstract close(): void }
export class CardService extends BaseCard {
  block(id: CardId) { return id; }
  close() {}
}
export function issueCard() {}
export const DEFAULT_LIMIT = 10;
const helper = () => 1;
function* ids() {}
declare function external(x: number): void;
`,
    [
      'CardLimit',
      'CardId',
      'CardState',
      'BaseCard',
      'close',
      'CardService',
      'block',
      'issueCard',
      'DEFAULT_LIMIT',
      'helper',
      'ids',
      'external',
    ],
  ],
  tsx: [
    'src/CardView.tsx',
    `interface Props { id: string }
export function CardView(props: Props) { return <div>{props.id}</div>; }
export const CardList = () => <ul />;
class Legacy extends React.Component { render() { return null; } }
`,
    ['Props', 'CardView', 'CardList', 'Legacy', 'render'],
  ],
  javascript: [
    'src/card.js',
    `class CardService { block() {} }
function issueCard() {}
const limit = 3;
var legacy = function () {};
export const exported = 1;
`,
    ['CardService', 'block', 'issueCard', 'limit', 'legacy', 'exported'],
  ],
  python: [
    'app/card.py',
    `DEFAULT_LIMIT = 10

class CardService:
    def block(self, card_id):
        return card_id

@decorator
def issue_card():
    pass
`,
    ['DEFAULT_LIMIT', 'CardService', 'block', 'issue_card'],
  ],
  go: [
    'card/card.go',
    `package card

type Card struct{ ID string }
type Store interface{ Get(id string) Card }

func (c *Card) Block() error { return nil }
func Issue() Card { return Card{} }
`,
    ['Card', 'Store', 'Block', 'Issue'],
  ],
  java: [
    'src/main/java/com/acme/CardService.java',
    `package com.acme;
public class CardService {
  public void block(String id) {}
  interface Listener { void onBlock(); }
  enum State { ACTIVE }
  record Limit(int amount) {}
}
`,
    ['CardService', 'block', 'Listener', 'onBlock', 'State', 'Limit'],
  ],
  'c-sharp': [
    'Cards/CardService.cs',
    `namespace Acme.Cards {
  public record Limit(int Amount);
  public struct CardId {}
  public enum State { Active }
  public interface ICardStore {}
  public class CardService { public void Block() {} }
}
`,
    ['Limit', 'CardId', 'State', 'ICardStore', 'CardService', 'Block'],
  ],
  ruby: [
    'app/card_service.rb',
    `module Billing
  class CardService < Base
    def block(id); end
    def self.build; end
  end
end
class Billing::Invoice; end
`,
    ['Billing', 'CardService', 'block', 'build', 'Invoice'],
  ],
  php: [
    'app/CardService.php',
    `<?php
namespace App\\Services;
interface Payable {}
trait Auditable {}
enum Suit {}
class CardService { public function block() {} }
function helper() {}
`,
    ['Payable', 'Auditable', 'Suit', 'CardService', 'block', 'helper'],
  ],
  rust: [
    'src/card.rs',
    `pub struct Card { id: u32 }
pub enum State { Active }
pub trait Store { fn get(&self) -> Card; }
type Id = u32;
impl Card { pub fn block(&self) {} }
fn issue() -> Card { Card { id: 1 } }
`,
    ['Card', 'State', 'Store', 'get', 'Id', 'block', 'issue'],
  ],
};

const PATTERNS: Record<string, [file: string, source: string, defs: string[]]> = {
  swift: [
    'App/CardService.swift',
    `@MainActor
final class CardService {
  private func block(id: String) {}
}
struct Card {}
protocol CardStore {}
enum CardState { case active }
extension Card {
  func close() {}
}
`,
    ['CardService', 'Card', 'CardStore', 'CardState', 'block', 'close'],
  ],
  kotlin: [
    'app/CardService.kt',
    `data class Card(val id: String)
interface CardStore
object Registry
class CardService {
  suspend fun block(id: String) {}
  fun <T> Card.close(): T? = null
}
`,
    ['Card', 'CardStore', 'Registry', 'CardService', 'block', 'close'],
  ],
  dart: [
    'lib/card.dart',
    `abstract class CardStore {}
class CardService {}
mixin Audited {}
enum CardState { active }
`,
    ['CardStore', 'CardService', 'Audited', 'CardState'],
  ],
};

async function definitionsOf(
  file: string,
  source: string,
): Promise<{ lang?: string; defs: string[]; parsed: boolean }> {
  const { outcome, parsed } = await examineBytes(file, new TextEncoder().encode(source), new Map());
  const facts = (outcome as Extract<FileOutcome, { facts: unknown }>).facts;
  return { ...(facts.lang === undefined ? {} : { lang: facts.lang }), defs: facts.defs, parsed };
}

describe('definitions', () => {
  it('covers every grammar that has a query', () => {
    expect(Object.keys(SNIPPETS).sort()).toEqual([...GRAMMARS].sort());
  });

  for (const [lang, [file, source, defs]] of Object.entries(SNIPPETS)) {
    it(`parses ${lang} with its tree-sitter grammar`, async () => {
      expect(await definitionsOf(file, source)).toEqual({ lang, defs, parsed: true });
    });
  }

  for (const [lang, [file, source, defs]] of Object.entries(PATTERNS)) {
    it(`reads ${lang} definitions with patterns`, async () => {
      const found = await definitionsOf(file, source);
      expect({ ...found, defs: [...found.defs].sort() }).toEqual({
        lang,
        defs: [...defs].sort(),
        parsed: false,
      });
    });
  }
});

describe('imports', () => {
  const files = [
    'src/cards/card.ts',
    'src/cards/index.ts',
    'src/users/user.service.ts',
    'app/models/__init__.py',
    'app/models/card.py',
    'app/services/billing.py',
    'src/main/java/com/acme/CardService.java',
    'internal/card/card.go',
    'internal/card/card_test.go',
    'internal/card/store.go',
    'app/Services/CardService.php',
    'src/card/mod.rs',
    'src/card/limit.rs',
    'lib/card_service.rb',
    'lib/models/card.dart',
  ];
  const resolver = createImportResolver(files);
  const resolve = (from: string, lang: string, source: string): string[] =>
    importSpecifiers(lang, source).flatMap((specifier) =>
      resolver.resolve(from, specifier).map((i) => files[i] ?? ''),
    );

  it('resolves relative, aliased and module-path imports to repository files', () => {
    expect(
      resolve('src/users/user.service.ts', 'typescript', "import { Card } from '../cards/card.js';"),
    ).toEqual(['src/cards/card.ts']);
    expect(
      resolve(
        'src/app.ts',
        'typescript',
        "export * from './cards';\nconst x = require('@/users/user.service');",
      ),
    ).toEqual(['src/cards/index.ts', 'src/users/user.service.ts']);
    expect(
      resolve(
        'app/services/billing.py',
        'python',
        'from ..models import card\nfrom app.models.card import Card',
      ),
    ).toEqual(['app/models/__init__.py', 'app/models/card.py']);
    expect(
      resolve(
        'src/main/java/com/acme/App.java',
        'java',
        'import com.acme.CardService;\nimport java.util.List;',
      ),
    ).toEqual(['src/main/java/com/acme/CardService.java']);
    expect(
      resolve('cmd/main.go', 'go', 'import (\n\t"fmt"\n\t"github.com/acme/shop/internal/card"\n)'),
    ).toEqual(['internal/card/card.go', 'internal/card/store.go']);
    expect(resolve('routes/web.php', 'php', '<?php\nuse App\\Services\\CardService;')).toEqual([
      'app/Services/CardService.php',
    ]);
    expect(resolve('src/card/mod.rs', 'rust', 'mod limit;\nuse crate::card::limit::Limit;')).toEqual([
      'src/card/limit.rs',
      'src/card/limit.rs',
    ]);
    expect(resolve('lib/app.rb', 'ruby', "require_relative 'card_service'")).toEqual(['lib/card_service.rb']);
    expect(resolve('lib/main.dart', 'dart', "import 'package:shop/models/card.dart';")).toEqual([
      'lib/models/card.dart',
    ]);
  });
});
