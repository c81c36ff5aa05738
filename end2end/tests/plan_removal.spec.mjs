// Removing from a plan asks first, and a notice is shown once, on the page it belongs to; with
// JavaScript off and on. Each project works on its own plan year (Gosport 2028/29 and 2029/30,
// which no other test uses) so that the two runs do not meet.
import { test, expect } from '@playwright/test';
import { expectAccessible, waitForHydration, signIn } from './helpers.mjs';

const CHAIR = 'chair.gosport@trustboard.example';

const jsOff = (testInfo) => testInfo.project.use.javaScriptEnabled === false;


async function open(page, testInfo, path) {
  await page.goto(path);
  await waitForHydration(page, testInfo);
}

/** Clicks something that leads to another page, and waits for that page. */
async function goTo(page, testInfo, target, path) {
  await Promise.all([
    page.waitForURL((url) => (typeof path === 'string' ? url.pathname === path : path.test(url.pathname)), { timeout: 15_000 }),
    target.click(),
  ]);
  await waitForHydration(page, testInfo);
}

test('removing asks first, and a notice shows once on its own page', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const year = jsOff(testInfo) ? 2028 : 2029;
  const base = `/partnerships/gosport/plans/${year}`;
  const description = 'Benefit take-up campaign in family hubs';

  await signIn(page, testInfo, CHAIR);
  await open(page, testInfo, base);
  await goTo(page, testInfo, page.getByRole('button', { name: 'Start the plan' }), base);

  // A local priority with an action.
  await open(page, testInfo, `${base}/priorities/new`);
  await page.getByLabel('Priority', { exact: true }).fill('Helping families with money');
  await page.getByLabel('The outcome sought').fill('More families claim what they are entitled to');
  await goTo(page, testInfo, page.getByRole('button', { name: 'Add priority' }), /\/priorities\/\d+$/);
  const priority = new URL(page.url()).pathname;

  // An action refused (its due date before its start) goes, with and without JavaScript, to
  // where a plain post goes: the action's own page, the error linked to its field and
  // everything typed kept.
  await page.getByLabel('What will be done').fill(description);
  await page.getByLabel('Starts').fill('1/4/2029');
  await page.getByLabel('Due', { exact: true }).fill('31/3/2028');
  await goTo(page, testInfo, page.getByRole('button', { name: 'Add action' }), /\/actions\/new$/);
  const summary = page.getByTestId('error-summary');
  await expect(summary.locator('a[href="#due"]')).toHaveCount(1);
  await expect(page.locator('#due-error')).toBeVisible();
  await expect(page.getByLabel('What will be done')).toHaveValue(description);
  await expect(page.getByLabel('Due', { exact: true })).toHaveValue('31/3/2028');
  await expectAccessible(page, testInfo);
  await open(page, testInfo, priority);
  await expect(page.getByTestId('no-actions')).toBeVisible();

  await page.getByLabel('What will be done').fill(description);
  await page.getByLabel('Lead partner').selectOption({ index: 1 });
  await page.getByLabel('Starts').fill('1/4/2029');
  await page.getByLabel('Due', { exact: true }).fill('31/3/2030');
  if (jsOff(testInfo)) {
    await goTo(page, testInfo, page.getByRole('button', { name: 'Add action' }), priority);
  } else {
    // In place: the page is not loaded again (a mark left on it survives), the form is cleared.
    await page.evaluate(() => { window.__stillThisPage = true; });
    await page.getByRole('button', { name: 'Add action' }).click();
  }
  await expect(page.getByTestId('actions')).toContainText(description);
  await expect(page.getByTestId('success-banner').last()).toContainText('has been');
  if (!jsOff(testInfo)) {
    expect(await page.evaluate(() => window.__stillThisPage === true), 'added in place').toBe(true);
    await expect(page.getByLabel('What will be done')).toHaveValue('');
  }

  // The notice belongs to this page: following a link elsewhere, it is not shown again.
  await goTo(page, testInfo, page.getByRole('link', { name: 'Back to the plan' }), base);
  await expect(page.getByTestId('plan-status')).toContainText('Draft');
  await expect(page.getByTestId('success-banner')).toHaveCount(0);

  // "Remove" opens a confirmation page; "Cancel" keeps the action.
  await open(page, testInfo, priority);
  const remove = page.getByRole('link', { name: `Remove action ${description}` });
  await goTo(page, testInfo, remove, /\/actions\/\d+\/remove$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Are you sure you want to remove the action “${description}”?`);
  await expect(page.getByTestId('removal-details')).toContainText('Helping families with money');
  await expectAccessible(page, testInfo);
  await goTo(page, testInfo, page.getByRole('link', { name: 'Cancel' }), priority);
  await expect(page.getByTestId('actions')).toContainText(description);

  // Confirmed, it is removed and the priority's page says so.
  await goTo(page, testInfo, page.getByRole('link', { name: `Remove action ${description}` }), /\/actions\/\d+\/remove$/);
  await goTo(page, testInfo, page.getByRole('button', { name: 'Remove action' }), priority);
  await expect(page.getByTestId('success-banner')).toContainText('The action has been removed.');
  await expect(page.getByTestId('no-actions')).toBeVisible();
  await expectAccessible(page, testInfo);

  // The priority too, after its own confirmation.
  await goTo(page, testInfo, page.getByRole('link', { name: 'Remove priority' }), /\/priorities\/\d+\/remove$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Are you sure you want to remove the priority “Helping families with money”?');
  await expectAccessible(page, testInfo);
  await goTo(page, testInfo, page.getByRole('button', { name: 'Remove priority' }), base);
  await expect(page.getByTestId('success-banner')).toContainText('The priority has been removed.');
  await expect(page.locator('body')).not.toContainText('Helping families with money');
});
