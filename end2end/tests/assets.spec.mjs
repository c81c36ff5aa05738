// What a page costs a phone: only the islands are WebAssembly, so any page's script and
// WebAssembly together stay within 150 KB as sent (compressed), the page becomes interactive,
// and a second visit fetches no asset again (hashed names, cached for a year). The timings on
// a throttled phone are measured by scripts/bench-phone, not here.
import { test, expect } from '@playwright/test';
import { signIn, waitForHydration } from './helpers.mjs';

const BUDGET = 150 * 1024;
const PAGES = [
  { name: 'sign-in', path: '/sign-in', who: null },
  { name: 'home', path: '/', who: 'board@trustboard.example' },
  { name: 'plan', path: '/partnerships/gosport/plans/2026', who: 'board@trustboard.example' },
  { name: 'plan summary (drafts saved as you type)', path: '/partnerships/havant/plans/2026/about', who: 'member.havant@trustboard.example', island: 'AboutEditor' },
  { name: 'priority (actions added in place)', path: '/partnerships/havant/plans/2026', who: 'member.havant@trustboard.example', island: 'ActionsEditor', first: '/priorities/' },
  { name: 'dashboard', path: '/dashboard', who: 'board@trustboard.example' },
  { name: 'map', path: '/map', who: 'board@trustboard.example', island: 'MapExplorer' },
];

/** Every response of a visit as the browser's network layer saw it, through DevTools. */
async function recordNetwork(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const seen = new Map();
  const fromCache = new Set();
  cdp.on('Network.responseReceived', (e) => {
    seen.set(e.requestId, {
      url: e.response.url,
      diskCache: e.response.fromDiskCache || e.response.fromPrefetchCache || false,
      bytes: 0,
    });
  });
  // Sent when the memory or disk cache answers (before or after the response event).
  cdp.on('Network.requestServedFromCache', (e) => fromCache.add(e.requestId));
  cdp.on('Network.loadingFinished', (e) => {
    const r = seen.get(e.requestId);
    if (r) r.bytes = e.encodedDataLength;
  });
  const responses = () => [...seen.entries()].map(([id, r]) => ({ ...r, cached: r.diskCache || fromCache.has(id) }));
  return { responses, stop: () => cdp.detach() };
}

const isScript = (url) => /\/pkg\/.*\.(js|wasm)$/.test(new URL(url).pathname);
const isAsset = (url) => new URL(url).pathname.startsWith('/pkg/');

for (const p of PAGES) {
  test(`${p.name}: script and WebAssembly within 150 KB, interactive, nothing fetched again`, async ({ page }, testInfo) => {
    test.skip(testInfo.project.use.javaScriptEnabled === false, 'with JavaScript off no script runs');
    if (p.who) await signIn(page, testInfo, p.who);
    let path = p.path;
    if (p.first) {
      // The page of the first link on `path` whose address contains `first`.
      await page.goto(path);
      path = await page.locator(`a[href*="${p.first}"]`).first().getAttribute('href');
    }
    // A cold visit: nothing in the browser's cache.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.clearBrowserCache');
    const cold = await recordNetwork(page);
    await page.goto(path);
    await waitForHydration(page, testInfo);
    await page.waitForLoadState('networkidle');
    if (p.island) await expect(page.locator(`leptos-island[data-component^="${p.island}_"]`), 'the page has its island').toHaveCount(1);
    const responses = cold.responses();
    const scripts = responses.filter((r) => isScript(r.url));
    const scriptBytes = scripts.reduce((sum, r) => sum + r.bytes, 0);
    expect(scripts.some((r) => r.url.endsWith('.wasm')), 'the islands load').toBe(true);
    expect(scriptBytes, `script + WebAssembly as sent: ${scripts.map((r) => `${r.url} ${r.bytes}`).join(', ')}`).toBeLessThanOrEqual(BUDGET);
    for (const r of responses.filter((r) => isAsset(r.url))) {
      expect(new URL(r.url).pathname, 'asset names carry a hash of their content').toMatch(/\.[A-Za-z0-9_-]{20,}\.(js|wasm|css)$/);
    }
    await cold.stop();

    // A second visit: every asset comes from the browser's cache.
    const warm = await recordNetwork(page);
    await page.goto(path);
    await waitForHydration(page, testInfo);
    await page.waitForLoadState('networkidle');
    const fetched = warm.responses().filter((r) => isAsset(r.url) && !r.cached);
    expect(fetched.map((r) => r.url), 'assets fetched again on a repeat visit').toEqual([]);
    await warm.stop();
  });
}

test('script and WebAssembly stay within 150 KB in gzip too (browsers without Brotli), as built, not compressed per request', async ({ page, request }, testInfo) => {
  test.skip(testInfo.project.use.javaScriptEnabled === false, 'the same files either way');
  await page.goto('/sign-in');
  const urls = await page.evaluate(() => [
    document.querySelector('link[rel="modulepreload"]').href,
    document.querySelector('link[rel="preload"][as="fetch"]').href,
  ]);
  for (const encoding of ['br', 'gzip']) {
    let total = 0;
    for (const url of urls) {
      const res = await request.get(url, { headers: { 'accept-encoding': encoding } });
      expect(res.status(), url).toBe(200);
      expect(res.headers()['content-encoding'], url).toBe(encoding);
      expect(res.headers()['cache-control'], url).toBe('public, max-age=31536000, immutable');
      total += Number(res.headers()['content-length']);
    }
    expect(total, `script + WebAssembly in ${encoding}`).toBeLessThanOrEqual(BUDGET);
  }
});
