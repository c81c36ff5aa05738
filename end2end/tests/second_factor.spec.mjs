// A second factor for an administrator, on an installation of its own where administrators and
// the Board must use one (scripts/lib.sh starts one for each project, JavaScript off and on):
// set up by QR code (the key shown beside it read as text), then signing in with a code; a
// wrong code refused with an error summary linking to the field; a recovery code working once.
// axe on every page visited.
import { test, expect } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { expectAccessible, waitForHydration } from './helpers.mjs';

const ADMIN = process.env.TRUSTBOARD_EMPTY_ADMIN ?? 'admin@county.example';
const PASSWORD = process.env.TRUSTBOARD_EMPTY_PASSWORD ?? 'set-up-from-nothing';

function factorUrl(testInfo) {
  const off = testInfo.project.use.javaScriptEnabled === false;
  return (off ? process.env.TRUSTBOARD_FACTOR_URL_OFF : process.env.TRUSTBOARD_FACTOR_URL_ON)
    ?? (off ? 'http://127.0.0.1:3110' : 'http://127.0.0.1:3111');
}

/** RFC 4648 base32 (no padding) to bytes. */
function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of text.replace(/[\s=]/g, '').toUpperCase()) {
    const i = alphabet.indexOf(c);
    if (i < 0) throw new Error(`not base32: ${c}`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The RFC 6238 code (HMAC-SHA-1, 6 digits) of `secret` for 30-second step `step`. */
function totp(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(binary).padStart(6, '0');
}

const stepNow = () => Math.floor(Date.now() / 1000 / 30);

async function submit(page, name) {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name, exact: true }).click()]);
  await page.waitForLoadState('load');
}

async function password(page, testInfo) {
  await page.goto('/sign-in');
  await waitForHydration(page, testInfo);
  await page.getByLabel('Email address').fill(ADMIN);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await submit(page, 'Sign in');
  await waitForHydration(page, testInfo);
}

async function signOut(page, testInfo) {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Sign out' }).first().click()]);
  await page.waitForLoadState('load');
  await waitForHydration(page, testInfo);
}

async function giveCode(page, testInfo, code) {
  await expect(page).toHaveURL(/\/sign-in\/second-factor/);
  await page.getByLabel('Code', { exact: true }).fill(code);
  await submit(page, 'Continue');
  await waitForHydration(page, testInfo);
}

test('an administrator sets up a second factor by QR code and signs in with codes', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const js = testInfo.project.use.javaScriptEnabled !== false;
  const context = await browser.newContext({ baseURL: factorUrl(testInfo), javaScriptEnabled: js });
  const page = await context.newPage();

  // The password alone leads only to setting the factor up; any other page comes back here.
  await password(page, testInfo);
  await expect(page).toHaveURL(/\/account\/second-factor/);
  await expect(page.getByRole('heading', { name: 'Second factor' })).toBeVisible();
  await expect(page.getByTestId('second-factor-qr')).toHaveCount(0);
  await expectAccessible(page, testInfo);
  await page.goto('/admin/setup');
  await expect(page).toHaveURL(/\/account\/second-factor$/);
  await submit(page, 'Start setting up');
  await waitForHydration(page, testInfo);
  await expect(page.getByTestId('second-factor-qr').locator('img')).toBeVisible();
  await expectAccessible(page, testInfo);

  // The key beside the QR code, read as text, gives the codes.
  const secret = (await page.getByTestId('second-factor-secret').innerText()).replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  const enrolStep = stepNow();
  await page.getByLabel('Code from your app').fill(totp(secret, enrolStep));
  await submit(page, 'Set up the second factor');
  await waitForHydration(page, testInfo);
  await expect(page.getByTestId('success-banner')).toContainText('Your second factor is set up');
  const codes = (await page.getByTestId('recovery-codes').locator('li').allInnerTexts()).map((c) => c.trim());
  expect(codes).toHaveLength(10);
  await expectAccessible(page, testInfo);
  // Shown once: a fresh load of the page shows no codes.
  await page.goto('/account/second-factor');
  await expect(page.getByTestId('recovery-codes')).toHaveCount(0);
  await expect(page.getByText('Recovery codes left: 10')).toBeVisible();

  // Next time: the password, then a code. A wrong one is refused, the summary linking to it.
  await signOut(page, testInfo);
  await password(page, testInfo);
  await expect(page).toHaveURL(/\/sign-in\/second-factor/);
  await expectAccessible(page, testInfo);
  const wrong = totp(secret, enrolStep + 40);
  await giveCode(page, testInfo, wrong === totp(secret, stepNow()) ? '000000' : wrong);
  const summary = page.getByTestId('error-summary');
  await expect(summary).toContainText('The code is not right');
  await expect(summary.getByRole('link', { name: /The code is not right/ })).toHaveAttribute('href', '#code');
  await expectAccessible(page, testInfo);
  // A step after the one used to set it up (a used step is never accepted again).
  await giveCode(page, testInfo, totp(secret, Math.max(stepNow(), enrolStep + 1)));
  await expect(page).toHaveURL((url) => url.pathname === '/');
  await expectAccessible(page, testInfo);

  // A recovery code instead of the app: it works once.
  await signOut(page, testInfo);
  await password(page, testInfo);
  await giveCode(page, testInfo, codes[0]);
  await expect(page).toHaveURL((url) => url.pathname === '/');
  await signOut(page, testInfo);
  await password(page, testInfo);
  await giveCode(page, testInfo, codes[0]);
  await expect(page.getByTestId('error-summary')).toContainText('The code is not right');
  await expectAccessible(page, testInfo);
  await signOut(page, testInfo);
  await context.close();
});
