import { chromium } from '@playwright/test';
const base = 'http://127.0.0.1:3130';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
async function session(js, width) {
  const ctx = await browser.newContext({ javaScriptEnabled: js, viewport: { width, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(base + '/sign-in');
  await page.getByLabel('Email address').fill(process.argv[2] ?? 'chair.gosport@trustboard.example');
  await page.getByLabel('Password', { exact: true }).fill('trustboard-demo');
  await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
  return page;
}
for (const [js, width] of [[true, 390], [false, 1280], [true, 1280]]) {
  const page = await session(js, width);
  for (const path of (process.argv[3] ?? '/map').split(',')) {
    await page.goto(base + path);
    if (js) await page.waitForFunction(() => document.body.dataset.hydrated === 'true');
    const name = `/tmp/shots/${path.replace(/[^a-z0-9]+/gi, '_')}_${js ? 'js' : 'nojs'}_${width}.png`;
    await page.screenshot({ path: name, fullPage: true });
    console.log(name);
  }
  await page.context().close();
}
await browser.close();
