// The mid-year review, clicked through as the people in PRODUCT.md would, with JavaScript off
// and on: a chair opens the review of the approved plan from the plan's page, marks an action
// off track (the missing corrective action is named in the error summary and linked), fills in
// the rest, changes a due date with its reason and submits; the district manager returns it
// with a comment; the chair resubmits; a Board member accepts it, opens the December roll-up,
// sees the slipped action and the partnership's exceptions, and downloads the .docx. Each
// project works on its own partnership so that the two runs do not meet.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectAccessible, waitForHydration, signIn } from './helpers.mjs';

const BOARD = 'board@trustboard.example';
const jsOff = (testInfo) => testInfo.project.use.javaScriptEnabled === false;

async function open(page, testInfo, path) {
  await page.goto(path);
  await waitForHydration(page, testInfo);
}

/** Clicks a button that posts a form, and waits for the page it leads to. */
async function submitTo(page, testInfo, button, pathname) {
  await Promise.all([
    page.waitForURL((url) => url.pathname === pathname, { timeout: 15_000 }),
    button.click(),
  ]);
  await waitForHydration(page, testInfo);
}

test('a mid-year review is filled in, returned, resubmitted, accepted and rolled up', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const off = jsOff(testInfo);
  const slug = off ? 'fareham' : 'east-hampshire';
  const name = off ? 'Fareham' : 'East Hampshire';
  const chair = off ? 'chair.fareham@trustboard.example' : 'chair.easthampshire@trustboard.example';
  const manager = off ? 'district.manager@trustboard.example' : 'district.manager.havant@trustboard.example';
  const plan = `/partnerships/${slug}/plans/2026`;
  const base = `${plan}/mid-year-review`;

  // The chair opens the review from the approved plan's page and starts it.
  await signIn(page, testInfo, chair);
  await open(page, testInfo, plan);
  await expect(page.getByTestId('mid-year-headline')).toContainText('has not been started');
  await page.getByTestId('mid-year-link').click();
  await waitForHydration(page, testInfo);
  await expect(page.getByTestId('not-started')).toContainText('version 1 of the 2026/27 plan');
  await expectAccessible(page, testInfo);
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Start the mid-year review' }), base);
  await expect(page.getByTestId('success-banner')).toContainText('has been started');
  await expect(page.getByTestId('review-measures')).toContainText('against the plan');
  await expectAccessible(page, testInfo);

  // The first action is off track: without a corrective action the save is refused, the
  // error summary names what is missing and links to it; nothing typed is lost.
  const actionLinks = page.getByTestId('review-actions').getByRole('link');
  const firstHref = await actionLinks.first().getAttribute('href');
  const secondHref = await actionLinks.nth(1).getAttribute('href');
  await open(page, testInfo, firstHref);
  await expectAccessible(page, testInfo);
  await page.getByLabel('Off track', { exact: true }).check();
  await page.getByLabel('Progress so far').fill('The venue closed in August and sessions stopped.');
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Save and return to the review' }), firstHref);
  const errors = page.getByTestId('error-summary');
  await expect(errors).toContainText('Enter the corrective action agreed, because the action is off track');
  await expect(errors.getByRole('link', { name: /corrective action agreed/ })).toHaveAttribute('href', '#corrective_action');
  await expect(page.getByLabel('Progress so far')).toHaveValue('The venue closed in August and sessions stopped.');
  await expect(page.getByLabel('Off track', { exact: true })).toBeChecked();
  await expectAccessible(page, testInfo);
  await errors.getByRole('link', { name: /corrective action agreed/ }).click();
  await page.getByLabel('Corrective action agreed').fill('Sessions move to the family hub from January.');
  await page.getByLabel('Who owns it').fill('Hampshire Youth Service');
  await page.getByLabel('When it is due', { exact: true }).fill('31/1/2027');
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Save and return to the review' }), base);
  await expect(page.getByTestId('success-banner')).toContainText('has been saved');

  // The second action's due date moves: a slip, with its reason.
  await open(page, testInfo, secondHref);
  await page.getByLabel('When the action is now due').fill('30/9/2027');
  await page.getByLabel('Why the date has changed').fill('The contract was re-tendered in the summer.');
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Save and return to the review' }), base);
  await expect(page.getByTestId('slipped')).toContainText('Slipped from');
  await expect(page.getByTestId('changes')).toContainText('is now due 30 September 2027');

  // A forecast for the first measure, and the summary.
  await page.getByTestId('review-measures').getByRole('link').first().click();
  await waitForHydration(page, testInfo);
  await expectAccessible(page, testInfo);
  await page.getByLabel('Commentary').fill('Moving the right way, slowly.');
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Save and return to the review' }), base);
  await open(page, testInfo, `${base}/summary`);
  await expectAccessible(page, testInfo);
  await page.getByLabel('What is going well').fill('The drop-ins are busier than planned.');
  await page.getByLabel('What the Board should know').fill('We need help finding a second venue.');
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Save and return to the review' }), base);

  // Submission lists anything still missing (actions the plan left at risk need a corrective
  // action too), each linking to where it is done.
  await open(page, testInfo, `${base}/submit`);
  for (let guard = 0; guard < 12; guard++) {
    const gap = page.getByTestId('error-summary').getByRole('link').first();
    if (await gap.count() === 0) break;
    const href = await gap.getAttribute('href');
    await open(page, testInfo, href);
    await page.getByLabel('Corrective action agreed').fill('Weekly check-ins with the lead partner.');
    await page.getByLabel('Who owns it').fill('The chair');
    await page.getByLabel('When it is due', { exact: true }).fill('15/1/2027');
    await submitTo(page, testInfo, page.getByRole('button', { name: 'Save and return to the review' }), base);
    await open(page, testInfo, `${base}/submit`);
  }
  await expect(page.getByTestId('submit-readiness')).toContainText('can be submitted');
  await expectAccessible(page, testInfo);
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Submit the review' }), base);
  await expect(page.getByTestId('review-status')).toContainText('Submitted');

  // The district manager returns it with a comment.
  await signIn(page, testInfo, manager);
  await open(page, testInfo, base);
  await expectAccessible(page, testInfo);
  await page.getByLabel('Return it to the partnership with a comment').check();
  await page.getByLabel('Comment', { exact: true }).fill('Say what the second venue will cost.');
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Record the decision' }), base);
  await expect(page.getByTestId('review-status')).toContainText('Returned with comments');

  // The chair reads the comment and resubmits.
  await signIn(page, testInfo, chair);
  await open(page, testInfo, base);
  await expect(page.getByTestId('returned-note')).toContainText('Say what the second venue will cost.');
  await open(page, testInfo, `${base}/submit`);
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Submit the review again' }), base);
  await expect(page.getByTestId('review-status')).toContainText('Submitted');

  // A Board member accepts it: frozen.
  await signIn(page, testInfo, BOARD);
  await open(page, testInfo, base);
  await page.getByLabel('Accept the review').check();
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Record the decision' }), base);
  await expect(page.getByTestId('review-status')).toContainText('Accepted');
  await expect(page.getByTestId('read-only')).toContainText('frozen');
  await expectAccessible(page, testInfo);

  // The December roll-up: the partnership's progress, its slipped action and exceptions.
  await page.getByRole('link', { name: 'Mid-year reviews', exact: true }).click();
  await waitForHydration(page, testInfo);
  await expect(page.getByTestId(`progress-${slug}`)).toContainText(name);
  await expect(page.getByTestId('progress-chart')).toBeVisible();
  const exceptions = page.getByTestId(`exceptions-${slug}`);
  await expect(exceptions).toContainText('Slipped');
  await expect(exceptions).toContainText('now due 30 September 2027');
  await expect(page.getByTestId(`summary-${slug}`)).toContainText('second venue');
  await expectAccessible(page, testInfo);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download as Word (.docx)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('mid-year-reviews-2026.docx');
  const bytes = readFileSync(await download.path());
  expect(bytes.subarray(0, 2).toString()).toBe('PK');
  expect(bytes.length).toBeGreaterThan(5_000);
});
