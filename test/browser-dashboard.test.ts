// Invariant: in a real headless Chromium the dashboard lists the specs of a repository, opens a spec with its finding
// shown inline, and drops that finding without a reload once the file on disk is fixed; neither the list nor the
// spec view overflows horizontally at 1280×800 or 390×844. Screenshots go to test-output/.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/serve/server.js';
import { removeRepos } from './context-repos.js';
import { findChromium, skipping } from './environment.js';
import { ALPHA_SPEC, makeServeRepo, type ServeFixture } from './serve-fixture.js';

const ALPHA_LINE_END = 'counts as a failure.';

const OUTPUT = path.resolve(import.meta.dirname, '../test-output');
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

const CHROMIUM = findChromium();
// Without Chromium (a machine with nothing but Node) the browser tests skip and say why; .ci/run installs it.
const NO_BROWSER =
  CHROMIUM === undefined &&
  skipping(
    'browser tests: no Chromium (set TECHSPEC_CHROMIUM, or install /usr/bin/chromium, or put chromium on PATH)',
  );

let fixture: ServeFixture;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  if (CHROMIUM === undefined) return;
  mkdirSync(OUTPUT, { recursive: true });
  fixture = makeServeRepo();
  server = await startServer({ root: fixture.root, host: '127.0.0.1', port: 0 });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 60_000);
afterAll(async () => {
  if (CHROMIUM === undefined) return;
  await browser.close();
  await server.stop();
  removeRepos();
});

async function horizontalOverflow(page: Page): Promise<number> {
  // Expressions as strings: the test compiles without the DOM library, the page evaluates them.
  return page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
}

describe.skipIf(NO_BROWSER)('dashboard in Chromium', () => {
  it('lists the specs, shows a finding inline, and drops it live when the file is fixed', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    await page.waitForSelector('table.specs tbody tr');
    const features = await page.locator('table.specs tbody tr td:first-child a').allTextContents();
    expect(features).toEqual(['alpha', 'invoice-export', 'order-webhooks']);
    await page.screenshot({ path: path.join(OUTPUT, 'dashboard-list.png'), fullPage: true });

    // Keyboard: the skip link comes first, then a real link opens the spec.
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('skip');
    await page.getByRole('link', { name: 'alpha', exact: true }).press('Enter');
    const placeholder = page.locator('aside.finding', { hasText: 'no-template-placeholders' });
    await placeholder.waitFor();
    expect(await placeholder.locator('.line').textContent()).toBe(`line ${fixture.alphaLine}`);
    // The box follows the list item that holds the placeholder.
    expect(await placeholder.locator('xpath=..').textContent()).toContain(`${ALPHA_LINE_END} TODO`);
    await page.screenshot({ path: path.join(OUTPUT, 'dashboard-spec-before.png') });

    const marker = await page.evaluate<string>('window.techspecMarker = String(Math.random())');
    writeFileSync(path.join(fixture.root, ALPHA_SPEC), fixture.cleanAlphaText);
    await placeholder.waitFor({ state: 'detached' });
    // Same document: the page was updated in place, not reloaded.
    expect(await page.evaluate<string>('window.techspecMarker')).toBe(marker);
    expect(await page.locator('#live').textContent()).toBe('Updated alpha');
    await page.screenshot({ path: path.join(OUTPUT, 'dashboard-spec-after.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows each rule's score beside its verdict, as the context API gives it", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const response = await fetch(`${server.url}api/v0/context?spec=alpha`);
    const context = (await response.json()) as {
      rules: { path: string; verdict: string; score: number; listed?: boolean }[];
    };
    const shown = context.rules.filter((rule) => rule.verdict !== 'no' || rule.listed);
    expect(shown.length).toBeGreaterThan(0);
    await page.goto(`${server.url}#/spec/alpha`);
    await page.waitForSelector('#context-title + h3');
    const rows = page.locator('#context-title ~ ul.compare').first().locator('li');
    const scores = await rows.locator('.score').allTextContents();
    expect(await rows.locator('code').allTextContents()).toEqual(shown.map((rule) => rule.path));
    expect(scores).toEqual(shown.map((rule) => rule.score.toFixed(2)));
    await page.close();
  });

  it('sorts by a column from the keyboard and filters by text', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.url);
    await page.waitForSelector('table.specs tbody tr');
    const rows = (): Promise<string[]> =>
      page.locator('table.specs tbody tr td:first-child a').allTextContents();
    const specs = (await (await fetch(`${server.url}api/v0/specs`)).json()) as {
      specs: { feature: string; counts: { error: number } }[];
    };
    const byErrors = [...specs.specs]
      .sort((a, b) => b.counts.error - a.counts.error || a.feature.localeCompare(b.feature))
      .map((spec) => spec.feature);
    await page.locator('#sort-errors').focus();
    await page.keyboard.press('Enter');
    expect(await rows()).toEqual(byErrors);
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('sort-errors');
    expect(await page.locator('th[aria-sort="descending"]').textContent()).toBe('Errors ▼');
    await page.locator('#filter').fill('invoice');
    expect(await rows()).toEqual(['invoice-export']);
    expect(await page.locator('.count').textContent()).toBe('1 of 3 specs');
    await page.close();
  });

  for (const viewport of VIEWPORTS) {
    it(`does not overflow horizontally at ${viewport.width}×${viewport.height}`, async () => {
      const page = await browser.newPage({ viewport });
      await page.goto(server.url);
      await page.waitForSelector('table.specs tbody tr');
      expect(await horizontalOverflow(page)).toBe(0);
      await page.goto(`${server.url}#/spec/invoice-export`);
      await page.waitForSelector('aside.finding');
      await page.waitForSelector('#context-title + h3');
      expect(await horizontalOverflow(page)).toBe(0);
      await page.screenshot({
        path: path.join(OUTPUT, `dashboard-spec-${viewport.width}.png`),
        fullPage: true,
      });
      await page.goto(`${server.url}#/rules`);
      await page.waitForSelector('.rule-source');
      expect(await horizontalOverflow(page)).toBe(0);
      await page.close();
    });
  }
});
