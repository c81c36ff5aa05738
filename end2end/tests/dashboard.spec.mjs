// The data side, clicked through with JavaScript off and on: a Board member compares the
// partnerships, filters to one priority, opens a cell and sees the chart and the table; the
// spine chart and the exceptions; an administrator sets an indicator's rating rule and imports
// a real published file through the upload, preview and check.
import { test, expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { expectAccessible, waitForHydration, signIn } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const shared = (name) => path.resolve(here, '../../../shared/data/indicators', name);


async function clickTo(page, testInfo, locator, test) {
  await Promise.all([page.waitForURL(test, { timeout: 15_000 }), locator.click()]);
  await waitForHydration(page, testInfo);
}

const jsOff = (testInfo) => testInfo.project.use.javaScriptEnabled === false;

test('a Board member compares partnerships and opens a cell', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await signIn(page, testInfo, 'board@trustboard.example');
  await clickTo(page, testInfo, page.getByRole('link', { name: 'Compare' }), (u) => u.pathname === '/dashboard');
  const table = page.getByTestId('dashboard');
  await expect(table.locator('tbody tr')).toHaveCount(11);
  await expect(table.locator('thead th')).toHaveCount(6);
  await expectAccessible(page, testInfo);

  // Filter to one priority.
  await page.getByLabel('Priority').selectOption('Reducing teenage conceptions');
  await clickTo(page, testInfo, page.getByRole('button', { name: 'Apply' }), (u) => u.searchParams.get('priority') === 'Reducing teenage conceptions');
  await expect(table.locator('thead th')).toHaveCount(2);
  await expect(table.locator('thead')).toContainText('NI 112');

  // Open Gosport's cell: the chart and the table.
  const cell = table.getByRole('link', { name: /NI 112 for Gosport/ });
  await clickTo(page, testInfo, cell, (u) => u.pathname === '/dashboard/detail');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('NI 112');
  await expect(page.getByTestId('trend-chart')).toBeVisible();
  await expect(page.getByTestId('detail-table').locator('tbody tr')).toHaveCount(10);
  await expect(page.getByTestId('detail-summary')).toContainText('Direction of travel');
  await expectAccessible(page, testInfo);

  // The spine chart and the exceptions.
  await clickTo(page, testInfo, page.getByRole('link', { name: /against the county's range/ }), (u) => u.pathname === '/dashboard/spine');
  await expect(page.getByTestId('spine').locator('tbody tr')).toHaveCount(36);
  await expectAccessible(page, testInfo);
  await page.goto('/dashboard/exceptions');
  await waitForHydration(page, testInfo);
  await expect(page.getByTestId('exceptions')).toContainText('Newly red');
  // The headings are always there: the paper must also list exceptions.
  await expect(page.getByTestId('exceptions').locator('tbody tr').first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Download as CSV' })).toBeVisible();
  await expectAccessible(page, testInfo);
});

test('an administrator sets a rating rule and imports a published file', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await signIn(page, testInfo, 'admin@trustboard.example');
  await clickTo(page, testInfo, page.getByRole('link', { name: 'Indicators' }), (u) => u.pathname === '/admin/indicators');
  await expect(page.getByTestId('indicators').locator('tbody tr')).toHaveCount(36);
  await expectAccessible(page, testInfo);
  await clickTo(page, testInfo, page.getByRole('link', { name: /^NI 112 / }), (u) => /\/admin\/indicators\/\d+$/.test(u.pathname));
  await page.getByLabel('Tolerance').fill('-2');
  await page.getByRole('button', { name: 'Save indicator' }).click();
  await expect(page.getByTestId('error-summary')).toContainText('0 or more');
  await expectAccessible(page, testInfo);
  await page.getByLabel('Tolerance').fill('1.5');
  await clickTo(page, testInfo, page.getByRole('button', { name: 'Save indicator' }), (u) => u.pathname === '/admin/indicators');
  await expect(page.getByTestId('success-banner')).toContainText('NI 112 has been saved');

  // Upload, preview, check, import.
  await page.goto('/admin/imports');
  await waitForHydration(page, testInfo);
  const file = jsOff(testInfo) ? 'low_income_families.csv' : 'excess_weight_reception.csv';
  await page.getByLabel('Indicator').selectOption(jsOff(testInfo) ? 'NI 116' : { index: 3 });
  await page.setInputFiles('#file', shared(file));
  await clickTo(page, testInfo, page.getByRole('button', { name: 'Upload and preview' }), (u) => /\/admin\/imports\/\d+$/.test(u.pathname));
  await expect(page.getByTestId('import-preview').locator('tbody tr')).toHaveCount(8);
  await expect(page.getByTestId('import-check')).toContainText('Rows for areas outside the Trust');
  await expect(page.getByTestId('import-check')).toContainText('Rows with errors');
  await expectAccessible(page, testInfo);
  await page.getByLabel('Import every row').check();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-outcome')).toContainText('Imported', { timeout: 20_000 });
  await expect(page.getByTestId('outcome-added')).not.toHaveText('0');
  await expectAccessible(page, testInfo);
});
