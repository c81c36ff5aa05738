// The local delivery plan, clicked through as the people in PRODUCT.md would, with JavaScript
// off and on: the chair creates, fills and submits a plan; a Board member returns it with a
// comment; the chair fixes and resubmits; the Board approves; a later change creates version 2
// and the comparison shows that change. Each project works on its own plan year so that the
// two runs do not meet.
import { test, expect } from '@playwright/test';
import { expectAccessible, waitForHydration, signIn } from './helpers.mjs';

const CHAIR = 'chair.gosport@trustboard.example';
const BOARD = 'board@trustboard.example';


/** Goes to `path` and waits for the page to be ready (hydrated, with JavaScript on). */
async function open(page, testInfo, path) {
  await page.goto(path);
  await waitForHydration(page, testInfo);
}

/** Clicks a button that leads to another page, and waits for that page. */
async function submitTo(page, testInfo, button, path) {
  await Promise.all([
    page.waitForURL((url) => url.pathname + url.search === path, { timeout: 15_000 }),
    button.click(),
  ]);
  await waitForHydration(page, testInfo);
}

const jsOff = (testInfo) => testInfo.project.use.javaScriptEnabled === false;

test('a plan is built, submitted, returned, approved and changed in version 2', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const year = jsOff(testInfo) ? 2026 : 2027;
  const label = jsOff(testInfo) ? '2026/27' : '2027/28';
  const base = `/partnerships/gosport/plans/${year}`;

  // The chair starts the plan: the Board's five priorities are in it.
  await signIn(page, testInfo, CHAIR);
  await page.getByRole('link', { name: 'Your plans' }).click();
  await expect(page.getByTestId('plan-years')).toContainText(`${label} plan`);
  await open(page, testInfo, base);
  await expect(page.getByTestId('plan-not-started')).toBeVisible();
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Start the plan' }), base);
  await expect(page.getByTestId('success-banner')).toContainText('has been started');
  const tasks = page.getByTestId('priority-tasks').locator('li');
  await expect(tasks).toHaveCount(5);
  await expect(page.getByTestId('plan-status')).toContainText('Draft');
  await expectAccessible(page, testInfo);

  // Submitting too early lists every gap, each linking to where it is fixed.
  await open(page, testInfo, `${base}/submit`);
  const summary = page.getByTestId('error-summary');
  await expect(summary).toContainText('needs at least one measure');
  await expect(summary.getByRole('link')).toHaveCount(10);
  const firstGap = await summary.getByRole('link').first().getAttribute('href');
  expect(firstGap).toMatch(new RegExp(`^${base}/priorities/\\d+#(outcome|measures)$`));
  await expectAccessible(page, testInfo);

  // The needs analysis and what young people said (saved as you type, with JavaScript).
  await open(page, testInfo, `${base}/about`);
  await page.getByLabel('Summary of the needs analysis').fill('Teenage conception and NEET rates in Rowner and Leesland are above the county average.');
  await page.getByLabel('What children and young people told us').fill('Young people want somewhere safe to go in the evenings. They want help to find work.');
  if (!jsOff(testInfo)) {
    await expect(page.getByTestId('autosave-status')).toHaveText('Draft saved.', { timeout: 10_000 });
  }
  await expectAccessible(page, testInfo);
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Save and return to the plan' }), base);
  await expect(page.getByTestId('task-about')).toContainText('Completed');

  // Each priority: its outcome, and a measure from the catalogue.
  const priorities = await page.getByTestId('priority-tasks').locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const codes = ['NI 112', 'NI 117', 'NI 148', 'NI 102', 'NI 116'];
  for (const [i, href] of priorities.entries()) {
    await open(page, testInfo, href);
    await page.getByLabel('The outcome sought').fill(`Better outcomes for priority ${i + 1}`);
    await page.getByLabel('Champion').fill('Ruth Adeyemi');
    await submitTo(page, testInfo, page.getByRole('button', { name: 'Save priority' }), base);
    await open(page, testInfo, href);
    await submitTo(page, testInfo, page.getByRole('link', { name: 'Add a measure' }), `${href.replace(/\/priorities\/(\d+)$/, '/measures/new?priority=$1')}`);
    if (i === 0) await expectAccessible(page, testInfo);
    await page.getByLabel('Indicator').selectOption(codes[i]);
    if (i === 0) {
      // Bad input first: a clear message against the field, nothing saved.
      await page.getByLabel('Target', { exact: true }).fill('about twenty');
      await page.getByLabel('Target due by').fill('31/3/2028');
      await page.getByRole('button', { name: 'Save measure' }).click();
      await expect(page.getByTestId('error-summary')).toContainText('The target must be a number');
      await expect(page.getByTestId('error-summary').getByRole('link')).toHaveAttribute('href', '#target');
      await expectAccessible(page, testInfo);
    }
    await page.getByLabel('Target', { exact: true }).fill('20');
    await page.getByLabel('Target due by').fill('31/3/2028');
    await submitTo(page, testInfo, page.getByRole('button', { name: 'Save measure' }), href);
    await expect(page.getByTestId('measures')).toContainText(codes[i]);
  }

  // An action, added on the priority's page (in place, with JavaScript).
  await open(page, testInfo, priorities[0]);
  await page.getByLabel('What will be done').fill('Sexual health drop-ins in every secondary school');
  await page.getByLabel('Lead partner').selectOption({ index: 1 });
  await page.getByLabel('Starts').fill('1/4/2027');
  await page.getByLabel('Due', { exact: true }).fill('31/3/2028');
  if (jsOff(testInfo)) {
    await submitTo(page, testInfo, page.getByRole('button', { name: 'Add action' }), priorities[0]);
  } else {
    await page.getByRole('button', { name: 'Add action' }).click();
  }
  await expect(page.getByTestId('actions')).toContainText('Sexual health drop-ins in every secondary school');
  await expectAccessible(page, testInfo);

  // Now it can be submitted.
  await open(page, testInfo, `${base}/submit`);
  await expect(page.getByTestId('submit-readiness')).toContainText('can be submitted');
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Submit the plan to the Trust Board' }), base);
  await expect(page.getByTestId('plan-status')).toContainText('Submitted');

  // A Board member returns it with a comment (a comment is needed).
  await signIn(page, testInfo, BOARD);
  await open(page, testInfo, `/plans?year=${year}`);
  await expect(page.getByTestId('plans-table')).toContainText("Gosport Children's Partnership");
  await expectAccessible(page, testInfo);
  await open(page, testInfo, base);
  await page.getByLabel('Return it with comments').check();
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await expect(page.getByTestId('error-summary')).toContainText('Enter a comment');
  await page.getByLabel('Return it with comments').check();
  await page.getByRole('textbox', { name: 'Comments' }).fill('Please name a challenger for teenage conceptions.');
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Record the decision' }), base);
  await expect(page.getByTestId('plan-status')).toContainText('Draft');

  // The chair sees the comment, fixes the plan and resubmits.
  await signIn(page, testInfo, CHAIR);
  await open(page, testInfo, base);
  await expect(page.getByTestId('returned-comment')).toContainText('Please name a challenger');
  await open(page, testInfo, priorities[0]);
  await page.getByLabel('Challenger').fill('Sam Okafor');
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Save priority' }), base);
  await open(page, testInfo, `${base}/submit`);
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Submit the plan to the Trust Board' }), base);
  await expect(page.getByTestId('plan-status')).toContainText('Submitted');

  // The Board approves.
  await signIn(page, testInfo, BOARD);
  await open(page, testInfo, base);
  await page.getByLabel('Approve it: this version is then frozen').check();
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Record the decision' }), base);
  await expect(page.getByTestId('plan-status')).toContainText('Approved');

  // The chair changes a target: that starts version 2.
  await signIn(page, testInfo, CHAIR);
  await open(page, testInfo, base);
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Start version 2' }), base);
  await expect(page.getByTestId('plan-version')).toHaveText('2');
  await open(page, testInfo, priorities[0]);
  await submitTo(page, testInfo, page.getByTestId('measures').getByRole('link', { name: /Change/ }), await page.getByTestId('measures').getByRole('link', { name: /Change/ }).getAttribute('href'));
  await page.getByLabel('Target', { exact: true }).fill('17.5');
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Save measure' }), priorities[0]);

  // The comparison shows the change, side by side.
  await open(page, testInfo, `${base}/versions`);
  await expect(page.getByTestId('versions')).toContainText('Approved');
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Compare' }), `${base}/versions?from=1&to=0`);
  const comparison = page.getByTestId('comparison');
  await expect(comparison).toContainText('Changed');
  await expect(comparison).toContainText('target 20');
  await expect(comparison).toContainText('target 17.5');
  await expectAccessible(page, testInfo);

  // The children and young people's version, the printable plan.
  await open(page, testInfo, `${base}/young-people`);
  await expect(page.getByTestId('readability')).toContainText('out of 100');
  await expect(page.getByTestId('leaflet')).toContainText('Reducing teenage conceptions');
  await expectAccessible(page, testInfo);
  await open(page, testInfo, `${base}/document`);
  await expect(page.getByTestId('plan-document')).toContainText('Sexual health drop-ins in every secondary school');
  await expectAccessible(page, testInfo);
});

test('a plan is read-only for people who may not edit it', async ({ page }, testInfo) => {
  await signIn(page, testInfo, 'viewer@trustboard.example');
  await open(page, testInfo, '/plans');
  await expect(page.getByTestId('plans-table').locator('tbody tr')).toHaveCount(11);
  await open(page, testInfo, '/partnerships/havant/plans/2027');
  await expect(page.getByTestId('plan-not-started')).toContainText('has not started');
  await expect(page.getByRole('button', { name: 'Start the plan' })).toHaveCount(0);
  await signIn(page, testInfo, 'member.havant@trustboard.example');
  await open(page, testInfo, '/partnerships/gosport/plans/2027');
  await expect(page.getByTestId('forbidden')).toBeVisible();
  await expectAccessible(page, testInfo);
});
