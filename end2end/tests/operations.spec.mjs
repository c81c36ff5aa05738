// Running it for real, as people see it: an administrator downloads a backup from the admin
// pages; a person sees where they are signed in and ends their other sessions. axe on each page.
import { test, expect } from '@playwright/test';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { expectAccessible, signIn, waitForHydration } from './helpers.mjs';

test('an administrator downloads a backup of the whole county', async ({ page }, testInfo) => {
  await signIn(page, testInfo, 'admin@trustboard.example');
  await page.goto('/admin/backup');
  await waitForHydration(page, testInfo);
  await expect(page.getByRole('heading', { name: 'Download a backup' })).toBeVisible();
  await expect(page.getByTestId('backup-summary')).toContainText('SQLite');
  await expectAccessible(page, testInfo);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-download').click()]);
  expect(download.suggestedFilename()).toMatch(/^trustboard-backup-.*\.jsonl\.gz$/);
  const lines = gunzipSync(readFileSync(await download.path())).toString('utf8').trim().split('\n');
  // A header, then every table with its rows and checksum: the demo county is thousands of rows.
  expect(lines.length).toBeGreaterThan(1000);
  expect(JSON.parse(lines[0])).toHaveProperty('schema_version');

  // The download is in the audit trail.
  await page.goto('/audit');
  await expect(page.locator('main')).toContainText('Downloaded a backup of the whole database');
});

test('a person sees where they are signed in and ends the other sessions', async ({ browser }, testInfo) => {
  const js = testInfo.project.use.javaScriptEnabled !== false;
  const elsewhere = await browser.newContext({ javaScriptEnabled: js, baseURL: testInfo.project.use.baseURL });
  const other = await elsewhere.newPage();
  await signIn(other, testInfo, 'viewer@trustboard.example');

  const here = await browser.newContext({ javaScriptEnabled: js, baseURL: testInfo.project.use.baseURL });
  const page = await here.newPage();
  await signIn(page, testInfo, 'viewer@trustboard.example');
  await page.goto('/account');
  await page.getByRole('link', { name: /Where you are signed in/ }).click();
  await expect(page).toHaveURL(/\/account\/sessions$/);
  const rows = page.getByTestId('sessions').locator('tbody tr');
  expect(await rows.count()).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('sessions').getByText('This browser')).toHaveCount(1);
  // The browser as people know it, not its raw User-Agent.
  await expect(rows.first()).toContainText(/Chrome \(headless\) on Linux/);
  await expect(page.getByTestId('sessions')).not.toContainText('Mozilla/5.0');
  await expectAccessible(page, testInfo);

  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'End every other session' }).click()]);
  await page.waitForLoadState('load');
  await expect(page).toHaveURL(/\/account\/sessions$/);
  await expect(rows).toHaveCount(1);
  await expectAccessible(page, testInfo);

  // The other browser is signed out.
  const answer = await other.goto('/account');
  expect(answer.status()).toBe(401);
  await expect(other.getByRole('heading', { name: 'Sign in to continue' })).toBeVisible();
  await elsewhere.close();
  await here.close();
});
