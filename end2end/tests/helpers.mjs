// Shared steps for the browser tests.
import { expect } from '@playwright/test';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Checks the page as it stands with axe-core against WCAG 2.2 A and AA, and fails on any serious
 * or critical violation. With JavaScript off the page's own scripts do not run, so the check
 * runs on a copy of the same HTML in a JavaScript-enabled page (scripts removed).
 */
export async function expectAccessible(page, testInfo) {
  const jsEnabled = testInfo.project.use.javaScriptEnabled !== false;
  let target = page;
  let scratch;
  if (!jsEnabled) {
    const html = await page.content();
    scratch = await page.context().browser().newPage({ javaScriptEnabled: true, baseURL: testInfo.project.use.baseURL });
    const url = page.url();
    const withoutScripts = html.replace(/<script[\s\S]*?<\/script>/gi, '');
    await scratch.route('**/*', (route) =>
      route.request().url() === url
        ? route.fulfill({ body: withoutScripts, contentType: 'text/html' })
        : route.continue(),
    );
    await scratch.goto(page.url());
    target = scratch;
  }
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not
  // govern (an injected <script> tag would rightly be blocked by it).
  await target.evaluate(axeSource);
  const results = await target.evaluate(async () =>
    // eslint-disable-next-line no-undef
    await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    }),
  );
  if (scratch) await scratch.close();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map((v) => `${v.impact}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(report, `axe found serious or critical violations on ${page.url()}`).toEqual([]);
}

/** Waits until the WebAssembly has hydrated the page (JavaScript on only). */
export async function waitForHydration(page, testInfo) {
  if (testInfo.project.use.javaScriptEnabled === false) return;
  await page.waitForFunction(() => document.body.dataset.hydrated === 'true', null, { timeout: 15_000 });
}

export const DEMO_PASSWORD = 'trustboard-demo';

/** Signs in as `email` (a demo account) through the sign-in page, as a person would. */
export async function signIn(page, testInfo, email, password = DEMO_PASSWORD) {
  await page.context().clearCookies();
  await page.goto('/sign-in');
  await waitForHydration(page, testInfo);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
}
