// The dashboard: hash routes (#/, #/spec/<feature>, #/rules), live updates from the server's event stream.
import './style.css';
import { h } from './dom.js';
import { renderList, type ListState } from './list-view.js';
import { renderRules } from './rules-view.js';
import { renderSpecView } from './spec-view.js';

type Route = { view: 'specs' } | { view: 'spec'; feature: string } | { view: 'rules' };

const main = document.getElementById('main') as HTMLElement;
const live = document.getElementById('live') as HTMLElement;
const listState: ListState = { sort: 'feature', descending: false, filter: '' };
let current: Route = { view: 'specs' };

function parseRoute(hash: string): Route {
  const spec = /^#\/spec\/(.+)$/.exec(hash);
  if (spec?.[1]) return { view: 'spec', feature: decodeURIComponent(spec[1]) };
  if (hash === '#/rules') return { view: 'rules' };
  return { view: 'specs' };
}

async function show(route: Route, moveFocus: boolean): Promise<void> {
  current = route;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-nav]')) {
    const active = link.dataset.nav === (route.view === 'rules' ? 'rules' : 'specs');
    if (active) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  try {
    if (route.view === 'spec') await renderSpecView(main, route.feature);
    else if (route.view === 'rules') await renderRules(main);
    else await renderList(main, listState);
    document.title = route.view === 'spec' ? `${route.feature} · techspec` : `${route.view} · techspec`;
  } catch (error) {
    main.replaceChildren(
      h('h1', {}, 'Something went wrong'),
      h('p', { class: 'problem', role: 'alert' }, (error as Error).message),
    );
  }
  // After navigation, keyboard and screen reader users start at the new content.
  if (moveFocus) main.focus();
}

/** Waits this long after an event for more: one change to a rule file updates every spec at once. */
const SETTLE_MS = 80;

/** Re-renders the current view when the server says what it shows has changed, keeping scroll and focus. */
function listen(): void {
  const events = new EventSource('/api/v0/events');
  const changed = new Set<string>();
  let timer: number | undefined;
  const rerender = (): void => {
    timer = undefined;
    const what = [...changed].join(', ');
    changed.clear();
    const scroll = window.scrollY;
    const focused = document.activeElement?.id;
    void show(current, false).then(() => {
      window.scrollTo(0, scroll);
      const element = focused ? document.getElementById(focused) : null;
      element?.focus();
      if (element instanceof HTMLInputElement)
        element.setSelectionRange(element.value.length, element.value.length);
      live.textContent = `Updated ${what}`;
    });
  };
  const refresh = (affects: boolean, what: string): void => {
    if (!affects) return;
    changed.add(what);
    window.clearTimeout(timer);
    timer = window.setTimeout(rerender, SETTLE_MS);
  };
  events.addEventListener('spec-updated', (event) => {
    const feature = (event as MessageEvent<string>).data;
    refresh(current.view === 'specs' || (current.view === 'spec' && current.feature === feature), feature);
  });
  events.addEventListener('rules-updated', () => {
    refresh(current.view === 'rules', 'rules');
  });
}

window.addEventListener('hashchange', () => void show(parseRoute(location.hash), true));
void show(parseRoute(location.hash), false);
listen();
