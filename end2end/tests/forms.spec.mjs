// Nothing typed is ever lost. With JavaScript off, a refused save comes back with every
// character (10,000 of them here, far more than a cookie can carry). With JavaScript on, two
// people on the same page: once a draft saved as one of them types is refused because the other
// saved first, no later draft replaces the other's text — only that person's own "Save" does.
// Each run works on a plan year of its own, which the test starts.
import { test, expect } from '@playwright/test';
import { expectAccessible, waitForHydration } from './helpers.mjs';

const PASSWORD = 'trustboard-demo';
const CHAIR = 'chair.gosport@trustboard.example';
const ADMIN = 'admin@trustboard.example';
const COLLEAGUE_PASSWORD = 'a long enough password';

const jsOff = (testInfo) => testInfo.project.use.javaScriptEnabled === false;

async function signIn(page, testInfo, email) {
  await page.goto('/sign-in');
  await waitForHydration(page, testInfo);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
}

async function open(page, testInfo, path) {
  await page.goto(path);
  await waitForHydration(page, testInfo);
}

async function signInWith(page, testInfo, email, password) {
  await page.goto('/sign-in');
  await waitForHydration(page, testInfo);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
}

/**
 * A colleague of the Gosport chair, in a browser of their own: the administrator adds them as a
 * member of Gosport's partnership, as a Trust administrator would.
 */
async function colleague(browser, testInfo) {
  const options = { baseURL: testInfo.project.use.baseURL, javaScriptEnabled: testInfo.project.use.javaScriptEnabled !== false };
  const admin = await browser.newContext(options);
  const page = await admin.newPage();
  await signInWith(page, testInfo, ADMIN, PASSWORD);
  await page.goto('/admin/people/new');
  await waitForHydration(page, testInfo);
  const email = `colleague.${testInfo.project.name}.${Date.now()}@example.org`;
  await page.getByLabel('Full name').fill('Sam Colleague');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('First password').fill(COLLEAGUE_PASSWORD);
  await page.getByLabel('Role', { exact: true }).selectOption('partnership_member');
  const scope = await page.getByLabel('Where the role applies').locator('option').evaluateAll((os) => os.find((o) => o.textContent.includes('Gosport'))?.value);
  await page.getByLabel('Where the role applies').selectOption(scope);
  await Promise.all([page.waitForURL((url) => !url.pathname.endsWith('/new')), page.getByRole('button', { name: 'Add person' }).click()]);
  await admin.close();
  const context = await browser.newContext(options);
  const them = await context.newPage();
  await signInWith(them, testInfo, email, COLLEAGUE_PASSWORD);
  return { context, page: them };
}

/** Starts Gosport's plan for `year` if it has not been started, and returns its address. */
async function startedPlan(page, testInfo, year) {
  const base = `/partnerships/gosport/plans/${year}`;
  await open(page, testInfo, base);
  const start = page.getByRole('button', { name: 'Start the plan' });
  if (await start.count()) {
    await Promise.all([page.waitForURL((url) => url.pathname === base), start.click()]);
    await waitForHydration(page, testInfo);
  }
  await expect(page.getByTestId('plan-status')).toContainText('Draft');
  return base;
}

function longText(n) {
  let text = '';
  for (let i = 0; text.length < n; i += 1) text += `Line ${i}: young people in ward ${i * 7} asked for more. `;
  return text.slice(0, n);
}

test('a refused save keeps all 10,000 characters typed', async ({ page, browser }, testInfo) => {
  test.setTimeout(90_000);
  const year = jsOff(testInfo) ? 2030 : 2031;
  await signIn(page, testInfo, CHAIR);
  const base = await startedPlan(page, testInfo, year);
  await open(page, testInfo, `${base}/about`);

  // A colleague saves the same page meanwhile.
  const other = await colleague(browser, testInfo);
  await open(other.page, testInfo, `${base}/about`);
  await other.page.getByLabel('Summary of the needs analysis').fill('The colleague wrote this first.');
  await Promise.all([
    other.page.waitForURL((url) => url.pathname === base),
    other.page.getByRole('button', { name: 'Save and return to the plan' }).click(),
  ]);
  await other.context.close();

  const typed = longText(10_000);
  await page.getByLabel('Summary of the needs analysis').fill(typed);
  if (jsOff(testInfo)) {
    await Promise.all([page.waitForURL((url) => url.pathname === `${base}/about`), page.getByRole('button', { name: 'Save and return to the plan' }).click()]);
  } else {
    await page.getByRole('button', { name: 'Save and return to the plan' }).click();
  }
  const summary = page.getByTestId('error-summary');
  await expect(summary).toContainText('Someone else saved');
  await expect(page.getByLabel('Summary of the needs analysis')).toHaveValue(typed);
  await expect(page.locator('#needs_summary-error')).toContainText('The colleague wrote this first.');
  await expectAccessible(page, testInfo);

  // Saving again replaces the colleague's text knowingly.
  await Promise.all([page.waitForURL((url) => url.pathname === base), page.getByRole('button', { name: 'Save and return to the plan' }).click()]);
  await open(page, testInfo, `${base}/about`);
  await expect(page.getByLabel('Summary of the needs analysis')).toHaveValue(typed.trim());
});

test('a draft refused as stale never overwrites a colleague', async ({ page, browser }, testInfo) => {
  test.skip(jsOff(testInfo), 'drafts are saved as people type only with JavaScript');
  test.setTimeout(90_000);
  await signIn(page, testInfo, CHAIR);
  const base = await startedPlan(page, testInfo, 2032);
  await open(page, testInfo, `${base}/about`);
  const other = await colleague(browser, testInfo);
  await open(other.page, testInfo, `${base}/about`);

  // The colleague's draft is saved as they type.
  await other.page.getByLabel('Summary of the needs analysis').fill("The colleague's careful summary.");
  await expect(other.page.getByTestId('autosave-status')).toHaveText('Draft saved.', { timeout: 10_000 });

  // This person's draft, based on the older revision, is refused; drafts then stop.
  const mine = page.getByLabel('Summary of the needs analysis');
  await mine.fill('My first thoughts.');
  await expect(page.getByTestId('autosave-status')).toContainText('no longer saved as you type', { timeout: 10_000 });
  await expect(page.getByTestId('error-summary')).toContainText('Someone else saved');
  // Typing on saves nothing more, however long one waits.
  await mine.fill('My first thoughts, and some more.');
  await page.waitForTimeout(3_000);
  await expect(page.getByTestId('autosave-status')).toContainText('no longer saved as you type');
  await open(other.page, testInfo, `${base}/about`);
  await expect(other.page.getByLabel('Summary of the needs analysis')).toHaveValue("The colleague's careful summary.");

  // Only this person's own "Save" replaces the colleague's text.
  await Promise.all([page.waitForURL((url) => url.pathname === base), page.getByRole('button', { name: 'Save and return to the plan' }).click()]);
  await open(other.page, testInfo, `${base}/about`);
  await expect(other.page.getByLabel('Summary of the needs analysis')).toHaveValue('My first thoughts, and some more.');
  await other.context.close();
});
