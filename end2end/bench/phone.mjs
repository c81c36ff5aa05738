// The phone benchmark's browser part (run by scripts/bench-phone, which starts the server):
// each page on an emulated mid-range phone over slow 4G, cold (empty cache) and again warm.
// The system Chromium, never a downloaded browser. See scripts/bench-phone for how to read it.
//
// Environment: TRUSTBOARD_BASE_URL (the server), BENCH_RUNS (runs per page, default 3; the
// median is reported), BENCH_JSON (also write the results there as JSON), CHROMIUM_PATH.
import { chromium } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { CHROMIUM_LAUNCH } from '../chromium.mjs';

const BASE_URL = (process.env.TRUSTBOARD_BASE_URL ?? 'http://127.0.0.1:3111').replace(/\/$/, '');
const RUNS = Number.parseInt(process.env.BENCH_RUNS ?? '3', 10);
const JSON_PATH = process.env.BENCH_JSON || '';

const EMAIL = 'board@trustboard.example';
const PASSWORD = 'trustboard-demo';

const PAGES = [
  { name: 'sign-in', path: '/sign-in', signedIn: false },
  { name: 'home', path: '/', signedIn: true },
  { name: 'plan', path: '/partnerships/gosport/plans/2026', signedIn: true },
  { name: 'dashboard', path: '/dashboard', signedIn: true },
  { name: 'map', path: '/map', signedIn: true },
];

// The usual "slow 4G" mid-range phone: 4× slower CPU, 150 ms round trip, 1.6 Mbit/s down,
// 750 kbit/s up (throughputs in bytes per second).
const CPU_SLOWDOWN = 4;
const NETWORK = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};
const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
};

const INTERACTIVE_TIMEOUT_MS = 30_000; // after this a page counts as never interactive
const QUIET_MS = 1_000; // a visit ends once no request has been in flight for this long…
const QUIET_MAX_MS = 20_000; // …or this long after the page became interactive (or gave up)
const NAVIGATION_TIMEOUT_MS = 60_000;


// Runs in every document before the page's own scripts: notes performance.now() when the body
// first carries data-hydrated="true" (an observer, with a slow poll as a fallback).
function watchHydration() {
  const check = () => {
    if (window.__benchHydratedSeen === undefined && document.body?.dataset.hydrated === 'true') {
      window.__benchHydratedSeen = performance.now();
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-hydrated'] });
  const timer = setInterval(() => {
    check();
    if (window.__benchHydratedSeen !== undefined) clearInterval(timer);
  }, 100);
}

/** Follows one page's requests through the DevTools protocol, one visit at a time. */
class NetworkLog {
  constructor(cdp) {
    this.requests = new Map();
    this.lastActivity = Date.now();
    const entry = (id) => {
      let r = this.requests.get(id);
      if (!r) {
        r = { url: '', type: '', mimeType: '', status: 0, fromCache: false, bytes: 0, done: false, failed: false };
        this.requests.set(id, r);
      }
      this.lastActivity = Date.now();
      return r;
    };
    cdp.on('Network.requestWillBeSent', (e) => {
      const r = entry(e.requestId);
      // A redirect reuses the request id: count the redirect response's bytes too.
      if (e.redirectResponse) r.bytes += e.redirectResponse.encodedDataLength ?? 0;
      r.url = e.request.url;
      r.type = e.type ?? r.type;
    });
    cdp.on('Network.requestServedFromCache', (e) => {
      entry(e.requestId).fromCache = true;
    });
    cdp.on('Network.responseReceived', (e) => {
      const r = entry(e.requestId);
      const res = e.response;
      r.type = e.type ?? r.type;
      r.mimeType = res.mimeType ?? '';
      r.status = res.status;
      if (res.fromDiskCache || res.fromMemoryCache || res.fromServiceWorker || res.fromPrefetchCache) r.fromCache = true;
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = entry(e.requestId);
      r.bytes += e.encodedDataLength ?? 0;
      r.done = true;
    });
    cdp.on('Network.loadingFailed', (e) => {
      const r = entry(e.requestId);
      r.done = true;
      r.failed = true;
    });
  }

  reset() {
    this.requests = new Map();
    this.lastActivity = Date.now();
  }

  /** Resolves once nothing has been in flight for QUIET_MS, or after QUIET_MAX_MS regardless. */
  async quiet() {
    const giveUp = Date.now() + QUIET_MAX_MS;
    for (;;) {
      const inFlight = [...this.requests.values()].some((r) => !r.done);
      if (!inFlight && Date.now() - this.lastActivity >= QUIET_MS) return;
      if (Date.now() >= giveUp) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The visit's requests that went over the network (not data:/blob:, not from a cache). */
  fetched() {
    return [...this.requests.values()].filter((r) => /^https?:/.test(r.url) && !r.fromCache);
  }
}

function kindOf(r) {
  if (r.type === 'Document') return 'document';
  if (r.type === 'Stylesheet' || r.mimeType === 'text/css') return 'css';
  if (r.type === 'Script' || /javascript|wasm/.test(r.mimeType) || /\.(m?js|wasm)(\?|$)/.test(r.url)) return 'script';
  return 'other';
}

/**
 * One navigation to `path` in `page` (which must be on another URL); returns the moment the page
 * became interactive (ms since navigation start, or null if never within the limit), its first
 * contentful paint (ms, or null) and the requests it made.
 */
async function visit(page, log, path) {
  log.reset();
  const started = Date.now();
  const response = await page.goto(BASE_URL + path, { waitUntil: 'commit', timeout: NAVIGATION_TIMEOUT_MS });
  if (!response) throw new Error('no response');
  if (!response.ok()) throw new Error(`HTTP ${response.status()} ${response.statusText()}`);
  const landed = new URL(page.url()).pathname;
  if (landed !== path) throw new Error(`ended up at ${landed} (not signed in?)`);

  let interactiveMs = null;
  const remaining = INTERACTIVE_TIMEOUT_MS - (Date.now() - started);
  try {
    const handle = await page.waitForFunction(
      () => {
        const body = document.body;
        if (body && body.dataset.hydratedAt !== undefined) return { at: Number(body.dataset.hydratedAt) };
        if (window.__benchHydratedSeen !== undefined) return { at: window.__benchHydratedSeen };
        return false;
      },
      null,
      { polling: 100, timeout: Math.max(remaining, 1) },
    );
    interactiveMs = (await handle.jsonValue()).at;
    if (!Number.isFinite(interactiveMs)) interactiveMs = null;
  } catch (error) {
    if (!/Timeout/i.test(String(error))) throw error;
  }

  // Whatever the page still loads (data after hydration, images, fonts) belongs to the visit.
  await log.quiet();
  await page.waitForLoadState('load', { timeout: NAVIGATION_TIMEOUT_MS });
  const fcpMs = await page
    .waitForFunction(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? false, null, {
      polling: 100,
      timeout: 5_000,
    })
    .then((h) => h.jsonValue())
    .catch(() => null);

  const failed = log.fetched().filter((r) => r.failed);
  return { interactiveMs, fcpMs, requests: log.fetched(), failed: failed.map((r) => r.url) };
}

async function measurePage(browser, spec, storageState, userAgent) {
  const context = await browser.newContext({ ...PHONE, userAgent, storageState: spec.signedIn ? storageState : undefined });
  try {
    await context.addInitScript(watchHydration);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const log = new NetworkLog(cdp);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    await cdp.send('Network.clearBrowserCache');
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await cdp.send('Network.emulateNetworkConditions', NETWORK);

    // 1. Cold: nothing cached.
    const cold = await visit(page, log, spec.path);
    const bytes = { document: 0, css: 0, script: 0, other: 0 };
    for (const r of cold.requests) bytes[kindOf(r)] += r.bytes;

    // 2. Repeat visit: away and back, the cache as the first visit left it.
    await page.goto('about:blank');
    const warm = await visit(page, log, spec.path);
    const assets = warm.requests.filter((r) => kindOf(r) !== 'document');

    return {
      cold: {
        bytes: { ...bytes, all: bytes.document + bytes.css + bytes.script + bytes.other },
        requests: cold.requests.length,
        requestList: cold.requests.map((r) => ({ url: r.url, kind: kindOf(r), status: r.status, bytes: r.bytes })),
        fcpMs: cold.fcpMs,
        interactiveMs: cold.interactiveMs,
        failedRequests: cold.failed,
      },
      repeat: {
        assetBytes: assets.reduce((sum, r) => sum + r.bytes, 0),
        assetRequests: assets.length,
        assetUrls: assets.map((r) => `${r.status} ${r.url}`),
        fcpMs: warm.fcpMs,
        interactiveMs: warm.interactiveMs,
      },
    };
  } finally {
    await context.close();
  }
}

/** Signs in once, unthrottled, by filling the sign-in form; returns the context's cookies. */
async function signIn(browser) {
  const context = await browser.newContext({ ...PHONE });
  try {
    const page = await context.newPage();
    const response = await page.goto(`${BASE_URL}/sign-in`);
    if (!response?.ok()) throw new Error(`/sign-in: HTTP ${response?.status()}`);
    await page
      .waitForFunction(() => document.body.dataset.hydrated === 'true', null, { timeout: 15_000 })
      .catch(() => {}); // the form works without the WebAssembly too
    await page.getByLabel('Email address').fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/'),
      page.getByRole('button', { name: 'Sign in', exact: true }).click(),
    ]);
    return await context.storageState();
  } finally {
    await context.close();
  }
}

// Medians of numbers where null means "never" (counted as slower than anything).
function median(values) {
  if (values.length === 0) return null;
  const sorted = values.map((v) => (v === null ? Infinity : v)).sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const m = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return Number.isFinite(m) ? m : null;
}

function summarise(runs) {
  const pick = (f) => median(runs.map(f));
  return {
    coldBytes: {
      all: pick((r) => r.cold.bytes.all),
      document: pick((r) => r.cold.bytes.document),
      css: pick((r) => r.cold.bytes.css),
      script: pick((r) => r.cold.bytes.script),
      other: pick((r) => r.cold.bytes.other),
    },
    coldRequests: pick((r) => r.cold.requests),
    fcpMs: pick((r) => r.cold.fcpMs),
    interactiveMs: pick((r) => r.cold.interactiveMs),
    repeatAssetBytes: pick((r) => r.repeat.assetBytes),
    repeatAssetRequests: pick((r) => r.repeat.assetRequests),
    repeatInteractiveMs: pick((r) => r.repeat.interactiveMs),
  };
}

const kb = (bytes) => (bytes === null ? '–' : (bytes / 1024).toFixed(1));
const seconds = (ms) => (ms === null ? 'never' : (ms / 1000).toFixed(2));

function table(results) {
  const rows = [
    ['page', 'cold KB (all)', 'script KB (JS+wasm)', 'FCP s', 'interactive s', 'repeat-visit asset KB', 'repeat-visit asset requests'],
  ];
  for (const p of results) {
    if (p.error) {
      rows.push([`${p.name} (${p.path})`, `failed: ${p.error}`, '', '', '', '', '']);
      continue;
    }
    const m = p.median;
    rows.push([
      `${p.name} (${p.path})`,
      kb(m.coldBytes.all),
      kb(m.coldBytes.script),
      m.fcpMs === null ? '–' : seconds(m.fcpMs),
      seconds(m.interactiveMs),
      kb(m.repeatAssetBytes),
      String(m.repeatAssetRequests),
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(rows[0]), rule, ...rows.slice(1).map(line)].join('\n');
}

async function main() {
  if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`BENCH_RUNS must be a positive whole number, not ${process.env.BENCH_RUNS}`);
  const browser = await chromium.launch({ ...CHROMIUM_LAUNCH, headless: true });
  const results = [];
  try {
    const major = browser.version().split('.')[0];
    const userAgent = `Mozilla/5.0 (Linux; Android 13; Pixel 7a) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 Mobile Safari/537.36`;
    const storageState = await signIn(browser);
    for (const spec of PAGES) {
      const page = { ...spec, runs: [] };
      results.push(page);
      try {
        for (let i = 0; i < RUNS; i++) {
          const run = await measurePage(browser, spec, storageState, userAgent);
          page.runs.push(run);
          const c = run.cold;
          console.error(
            `${spec.path} run ${i + 1}/${RUNS}: cold ${kb(c.bytes.all)} KB (document ${kb(c.bytes.document)}, CSS ${kb(c.bytes.css)}, ` +
              `script ${kb(c.bytes.script)}, other ${kb(c.bytes.other)}), FCP ${seconds(c.fcpMs)} s, interactive ${seconds(c.interactiveMs)} s; ` +
              `repeat ${kb(run.repeat.assetBytes)} KB in ${run.repeat.assetRequests} asset requests, interactive ${seconds(run.repeat.interactiveMs)} s` +
              (c.failedRequests.length ? `; failed requests: ${c.failedRequests.join(', ')}` : ''),
          );
        }
        page.median = summarise(page.runs);
      } catch (error) {
        page.error = String(error?.message ?? error);
        console.error(`${spec.path}: ${page.error}`);
      }
    }
  } finally {
    await browser.close();
  }

  console.log(`\nPhone over slow 4G (CPU ${CPU_SLOWDOWN}× slower, ${NETWORK.latency} ms, 1.6 Mbit/s down, 750 kbit/s up; ` +
    `390×844 @3×), median of ${RUNS} run${RUNS === 1 ? '' : 's'}; KB = 1024 bytes as sent (compressed, with headers)\n`);
  console.log(table(results));

  if (JSON_PATH) {
    const report = {
      baseUrl: BASE_URL,
      date: new Date().toISOString(),
      runs: RUNS,
      profile: { ...PHONE, cpuSlowdown: CPU_SLOWDOWN, network: NETWORK, interactiveTimeoutMs: INTERACTIVE_TIMEOUT_MS },
      pages: results,
    };
    writeFileSync(JSON_PATH, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nResults written to ${JSON_PATH}`);
  }
  if (results.some((p) => p.error)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
