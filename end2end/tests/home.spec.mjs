// The first page: the eleven partnerships, the cycle, the Board's priorities.
import { test, expect } from '@playwright/test';
import { expectAccessible, waitForHydration } from './helpers.mjs';

const DISTRICTS = [
  'Basingstoke and Deane', 'East Hampshire', 'Eastleigh', 'Fareham', 'Gosport', 'Hart',
  'Havant', 'New Forest', 'Rushmoor', 'Test Valley', 'Winchester',
];

test('lists the eleven partnerships with their areas and facts', async ({ page }, testInfo) => {
  const response = await page.goto('/');
  expect(response.status()).toBe(200);
  await waitForHydration(page, testInfo);
  await expect(page).toHaveTitle('Partnerships – Trustboard');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Local Children's Partnerships");
  await expect(page.getByTestId('demo-banner')).toContainText('generated for demonstration');

  const rows = page.getByTestId('partnerships').locator('tbody tr');
  await expect(rows).toHaveCount(11);
  for (const [i, district] of DISTRICTS.entries()) {
    const row = rows.nth(i);
    await expect(row.getByRole('rowheader')).toHaveText(`${district} Children's Partnership`);
    await expect(row).toContainText(`E07000${String(84 + i).padStart(3, '0')}`);
  }
  // Each row has a chair, 8 members, 11 partner organisations and a child-poverty figure.
  await expect(rows.first().locator('td').nth(2)).toHaveText('8');
  await expect(rows.first().locator('td').nth(3)).toHaveText('11');
  await expect(rows.first().locator('td').nth(4)).toContainText('%');
  await expect(rows.first().locator('td').nth(4)).toContainText('2025/26');

  await expect(page.getByTestId('board-priorities').locator('li')).toHaveCount(5);
  await expect(page.getByTestId('board-priorities')).toContainText('NI 112');
  await expect(page.getByTestId('cycle-open')).toContainText('Mid-year review submitted');
  await expectAccessible(page, testInfo);
});

test('the skip link leads to the main content', async ({ page }, testInfo) => {
  await page.goto('/');
  await waitForHydration(page, testInfo);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await skip.press('Enter');
  await expect(page).toHaveURL(/#main-content$/);
});

test('an unknown address shows a helpful not-found page', async ({ page }, testInfo) => {
  const response = await page.goto('/no-such-page');
  expect(response.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByRole('link', { name: 'Go to the list of partnerships' })).toHaveAttribute('href', '/');
  await expectAccessible(page, testInfo);
});

test('the health check reports the database', async ({ request }) => {
  const response = await request.get('/healthz');
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: 'ok', database: 'reachable' });
});
