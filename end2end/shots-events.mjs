import { chromium } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './chromium.mjs';
const base = process.argv[2];
const out = process.argv[3];
const browser = await chromium.launch(CHROMIUM_LAUNCH);
async function shot(name, path, width, { signIn, js = true } = {}) {
  const ctx = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: js, baseURL: base });
  const page = await ctx.newPage();
  if (signIn) {
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(signIn);
    await page.getByLabel('Password', { exact: true }).fill('trustboard-demo');
    await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
  }
  await page.goto(path);
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${out}/${name}-${width}.png`, fullPage: true });
  await ctx.close();
}
for (const w of [390, 1280]) {
  await shot('participant', '/e/EHY7RF', w);
  await shot('participant-closed', '/e/HVT4NK', w);
  await shot('join', '/e?code=K0R4MX', w);
  await shot('projector', '/events/2/projector', w, { signIn: 'district.manager.havant@trustboard.example' });
  await shot('event', '/events/2', w, { signIn: 'district.manager.havant@trustboard.example' });
  await shot('events', '/events', w, { signIn: 'district.manager.havant@trustboard.example' });
  await shot('new-event', '/events/new', w, { signIn: 'chair.easthampshire@trustboard.example' });
}
await browser.close();
