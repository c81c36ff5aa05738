// The self-assessment, clicked through as the people in PRODUCT.md would, with JavaScript off
// and on: a chair fills in the standards (pulling in a figure), the summary and the review of
// last year's plan — a gap blocks submission and links to its field — and submits; a district
// manager of another district cannot open it for moderation; the right one agrees grades,
// changes one with a reason (refused without), asks a question and returns it; the chair
// answers and resubmits; the moderation completes; the Board reads the July report. Each
// project works on its own partnership so that the two runs do not meet.
import { test, expect } from '@playwright/test';
import { expectAccessible, waitForHydration, signIn } from './helpers.mjs';

const MANAGER = 'district.manager@trustboard.example';
const OTHER_MANAGER = 'district.manager.havant@trustboard.example';
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

test('a self-assessment is filled in, moderated with a question, resubmitted and reported', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const slug = jsOff(testInfo) ? 'gosport' : 'fareham';
  const chair = `chair.${slug}@trustboard.example`;
  const base = `/partnerships/${slug}/self-assessments/2026`;

  // The chair starts this year's self-assessment from the partnership's list of years.
  await signIn(page, testInfo, chair);
  await page.getByRole('link', { name: 'Self-assessment', exact: true }).click();
  await waitForHydration(page, testInfo);
  await expect(page.getByTestId('assessment-years')).toContainText('Self-assessment 2026');
  await expectAccessible(page, testInfo);
  await open(page, testInfo, base);
  await expect(page.getByTestId('not-started')).toContainText('review of the 2025/26 plan');
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Start the self-assessment' }), base);
  await expect(page.getByTestId('success-banner')).toContainText('has been started');
  const tasks = page.getByTestId('standard-tasks').locator('li');
  await expect(tasks).toHaveCount(6);
  await expectAccessible(page, testInfo);

  // Submitting now lists every gap, each linking to the field that fills it.
  await open(page, testInfo, `${base}/submit`);
  const summary = page.getByTestId('error-summary');
  await expect(summary).toContainText('Write the overall summary');
  const first = await summary.getByRole('link').first().getAttribute('href');
  expect(first).toBe(`${base}/summary#summary`);
  await expectAccessible(page, testInfo);
  await summary.getByRole('link').first().click();
  await waitForHydration(page, testInfo);
  await expectAccessible(page, testInfo);
  await page.getByLabel('Summary of the self-assessment').fill('Leadership is strong; we must use data better.');
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Save and return to the self-assessment' }), base);
  await expect(page.getByTestId('success-banner')).toContainText('summary has been saved');

  // Each standard: a grade (its descriptor beside it), evidence; a figure pulled in on one.
  const hrefs = await tasks.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  for (const [i, href] of hrefs.entries()) {
    await open(page, testInfo, href);
    if (i === 0) {
      await page.getByLabel('Add the latest figure of an indicator for your area').selectOption({ label: 'NI 116 Children in low-income families' });
      await submitTo(page, testInfo, page.getByRole('button', { name: 'Add the figure' }), new URL(href, 'http://x').pathname);
      await expect(page.getByTestId('evidence-figures')).toContainText('NI 116');
      await expectAccessible(page, testInfo);
    }
    await page.getByLabel(i === 1 ? 'Requires improvement' : 'Good', { exact: true }).check();
    await page.getByLabel('Evidence', { exact: true }).fill(`Minutes, reports and figures for standard ${i + 1}.`);
    await submitTo(page, testInfo, page.getByRole('button', { name: 'Save and return to the self-assessment' }), base);
  }
  await expect(page.locator(`#task-standard-${hrefs[0].split('/').pop()}-status`)).toContainText('Completed');

  // The review of last year's plan: every action and measure, rated as the dashboard rates.
  await open(page, testInfo, `${base}/review`);
  await expect(page.getByTestId('review-headline')).toContainText('actions achieved');
  await expectAccessible(page, testInfo);
  const actions = page.getByTestId('review-action');
  for (let i = 0; i < await actions.count(); i++) {
    const item = actions.nth(i);
    await item.getByLabel(i % 3 === 2 ? 'Partly achieved' : 'Achieved', { exact: true }).check();
    await item.getByLabel('Commentary').fill(`Action ${i + 1}: delivered with partners.`);
  }
  const measures = page.getByTestId('review-measure');
  for (let i = 0; i < await measures.count(); i++) {
    await expect(measures.nth(i).getByTestId('review-rating')).not.toBeEmpty();
    await measures.nth(i).getByLabel('Commentary').fill(`Measure ${i + 1}: discussed against the target.`);
  }
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Save and return to the self-assessment' }), base);

  // Nothing is missing now: submitted, and marked late (it was due in April).
  await open(page, testInfo, `${base}/submit`);
  await expect(page.getByTestId('submit-readiness')).toContainText('can be submitted');
  await expect(page.getByTestId('late-warning')).toBeVisible();
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Submit to the district manager' }), base);
  await expect(page.getByTestId('assessment-status').first()).toContainText('Submitted');
  await expect(page.getByTestId('assessment-late')).toContainText('Late');

  // A district manager of another district cannot open it for moderation.
  await signIn(page, testInfo, OTHER_MANAGER);
  await open(page, testInfo, `${base}/moderation`);
  await expect(page.getByTestId('forbidden')).toBeVisible();
  await expect(page.getByTestId('moderation-form')).toHaveCount(0);

  // The right district manager: a changed grade needs a reason.
  await signIn(page, testInfo, MANAGER);
  await open(page, testInfo, base);
  await page.getByTestId('moderate-link').click();
  await waitForHydration(page, testInfo);
  await expectAccessible(page, testInfo);
  const blocks = page.getByTestId('moderate-standard');
  await expect(blocks).toHaveCount(6);
  for (let i = 0; i < 6; i++) {
    if (i === 1) await blocks.nth(i).getByLabel('Good', { exact: true }).check();
    else await blocks.nth(i).getByLabel(/the partnership's grade: agree/).check();
  }
  await blocks.nth(0).getByLabel('A question about this standard (optional)').fill('Which partners attended the March meeting?');
  const returnButton = page.getByRole('button', { name: 'Save and return it with your questions' });
  await submitTo(page, testInfo, returnButton, `${base}/moderation`);
  const refused = page.getByTestId('error-summary');
  await expect(refused).toContainText('Give the reason for changing the grade');
  await expect(refused.getByRole('link').first()).toHaveAttribute('href', /#reason-\d+$/);
  // Everything typed is still there.
  await expect(blocks.nth(0).getByLabel('A question about this standard (optional)')).toHaveValue('Which partners attended the March meeting?');
  await expect(blocks.nth(1).getByLabel('Good', { exact: true })).toBeChecked();
  await blocks.nth(1).getByLabel('Reason for a changed grade').fill('The evidence shows stronger joint working than the partnership claimed.');
  await submitTo(page, testInfo, returnButton, base);
  await expect(page.getByTestId('assessment-status').first()).toContainText('Returned with questions');

  // The chair answers beside the question and resubmits.
  await signIn(page, testInfo, chair);
  await open(page, testInfo, base);
  await expect(page.getByTestId('returned-note')).toContainText('with 1 question.');
  await page.getByTestId('returned-note').getByRole('link', { name: 'Answer the questions' }).click();
  await waitForHydration(page, testInfo);
  await expect(page.getByTestId('question')).toContainText('Which partners attended');
  await expectAccessible(page, testInfo);
  await page.getByLabel('Your answer').fill('All but health: the ICB sent apologies.');
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Save your answers' }), base);
  await open(page, testInfo, `${base}/submit`);
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Submit it again to the district manager' }), base);
  await expect(page.getByTestId('assessment-status').first()).toContainText('Resubmitted');

  // The district manager completes the moderation: it is locked.
  await signIn(page, testInfo, MANAGER);
  await open(page, testInfo, `${base}/moderation`);
  await expect(page.getByTestId('question-history').first()).toContainText('All but health');
  await expect(blocks.nth(1).getByLabel('Good', { exact: true })).toBeChecked();
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Save and complete the moderation' }), base);
  await expect(page.getByTestId('assessment-status').first()).toContainText('Moderated');
  await expect(page.getByTestId('grades-table')).toContainText('Moderated up from Requires improvement to Good');
  await expectAccessible(page, testInfo);

  // The chair sees it locked.
  await signIn(page, testInfo, chair);
  await open(page, testInfo, hrefs[0]);
  await expect(page.getByTestId('read-only')).toContainText('locked');
  await expect(page.getByTestId('standard-form')).toHaveCount(0);

  // The Board's July report: self-assessed and moderated grades side by side.
  await signIn(page, testInfo, BOARD);
  await page.getByRole('link', { name: 'Self-assessments' }).click();
  await waitForHydration(page, testInfo);
  const row = page.getByTestId('report-row').filter({ hasText: slug === 'gosport' ? 'Gosport' : 'Fareham' });
  await expect(row).toContainText('Moderated');
  await expect(row).toContainText('Moderated up from Requires improvement to Good');
  await expect(row.getByTestId('report-cell').nth(1)).toContainText('Self: Requires improvement');
  await expect(row.getByTestId('report-cell').nth(1)).toContainText('Moderated: Good');
  await expect(page.getByTestId('spread-table')).toBeVisible();
  await expectAccessible(page, testInfo);
});

test('the standards are set by administrators, and frozen once a partnership submits', async ({ page }, testInfo) => {
  await signIn(page, testInfo, 'admin@trustboard.example');
  await page.getByRole('link', { name: 'Standards' }).click();
  await waitForHydration(page, testInfo);
  await expect(page.getByTestId('standards-list').locator('li')).toHaveCount(6);
  await expect(page.getByTestId('standards-frozen')).toBeVisible();
  await expectAccessible(page, testInfo);
  const year = jsOff(testInfo) ? 2030 : 2031;
  await open(page, testInfo, `/admin/standards/${year}`);
  await expect(page.getByTestId('no-standards')).toContainText(/copies 20\d\d's/);
  await submitTo(page, testInfo, page.getByRole('button', { name: "Set up this year's standards" }), `/admin/standards/${year}`);
  await expect(page.getByTestId('standards-list').locator('li')).toHaveCount(6);
  await page.getByRole('link', { name: 'Rename the grades' }).click();
  await waitForHydration(page, testInfo);
  await page.getByLabel('Grade 2').fill('Outstanding');
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Save the grades' }), `/admin/standards/${year}/grades`);
  await expect(page.getByTestId('error-summary')).toContainText('already the name of another grade');
  await expectAccessible(page, testInfo);
  await page.getByLabel('Grade 2').fill('Strong');
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Save the grades' }), `/admin/standards/${year}`);
  await expect(page.getByTestId('grade-names')).toContainText('Outstanding, Strong, Requires improvement, Inadequate');
  await page.getByRole('link', { name: 'Add a standard' }).click();
  await waitForHydration(page, testInfo);
  await page.getByLabel('Title').fill('Safeguarding');
  await page.getByLabel('What “Outstanding” looks like').fill('Every partner knows and follows the procedures.');
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Save the standard' }), `/admin/standards/${year}/new`);
  await expect(page.getByTestId('error-summary')).toContainText('Describe what “Strong” looks like');
  await expect(page.getByLabel('Title')).toHaveValue('Safeguarding');
  await expectAccessible(page, testInfo);
});
