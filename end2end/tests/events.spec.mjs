// A stakeholder event, clicked through as the people in PRODUCT.md would, with JavaScript off
// and on: a partnership's chair creates an event (a mistake first: the error summary links to
// the field and nothing typed is lost), opens the projector and voting; three participants
// join by code on phone-sized screens (no account), vote — one says they are a young person,
// one gives too many votes first — and comment; the projector shows the totals (with
// JavaScript, without reloading); the chair hides a comment and closes voting; a late vote is
// refused; the chair adds the results to the plan and reads them in its needs analysis. The
// participant's first visit is weighed: under 60 KB in all. axe on every page.
import { test, expect } from '@playwright/test';
import { expectAccessible, waitForHydration, signIn } from './helpers.mjs';

const CHAIR = 'chair.easthampshire@trustboard.example';
const PHONE = { width: 390, height: 844 };
const jsOff = (testInfo) => testInfo.project.use.javaScriptEnabled === false;

async function submitTo(page, testInfo, button, pathname) {
  await Promise.all([
    page.waitForURL((url) => url.pathname === pathname, { timeout: 15_000 }),
    button.click(),
  ]);
  await waitForHydration(page, testInfo);
}

/** A participant's phone: a browser context of its own (its own cookie), phone-sized. */
async function phone(browser, testInfo) {
  const context = await browser.newContext({
    viewport: PHONE,
    javaScriptEnabled: !jsOff(testInfo),
    baseURL: testInfo.project.use.baseURL,
  });
  return context.newPage();
}

/** Everything a page downloads, compressed, while `action` runs. */
async function weigh(page, action) {
  const requests = [];
  page.on('requestfinished', (r) => requests.push(r));
  await action();
  await page.waitForLoadState('networkidle');
  let total = 0;
  for (const r of requests) {
    const sizes = await r.sizes();
    total += sizes.responseBodySize + sizes.responseHeadersSize;
  }
  return { total, files: requests.map((r) => r.url()) };
}

async function join(p, code) {
  await p.goto('/e');
  await p.getByLabel('Enter the code on the screen').fill(code.toLowerCase().replace(/^(...)/, '$1 '));
  await Promise.all([p.waitForURL((url) => url.pathname === `/e/${code}`), p.getByRole('button', { name: 'Join' }).click()]);
}

async function vote(p, votes, about = {}) {
  for (const [label, n] of votes) await p.getByLabel(label, { exact: true }).fill(String(n));
  if (about.young) await p.locator('#ballot-young_person').check();
  if (about.band) await p.locator('#ballot-age_band').selectOption({ label: about.band });
  await p.getByRole('button', { name: /Send my votes|Change my votes/ }).click();
  await p.waitForLoadState('load');
}

test('a stakeholder event: join by code, vote, comment, live results, into the plan', async ({ page, browser }, testInfo) => {
  test.setTimeout(300_000);
  const off = jsOff(testInfo);
  const title = off ? 'Data day (plain forms)' : 'Data day (live)';

  // The chair creates the event: a mistake first, then the whole form.
  await signIn(page, testInfo, CHAIR);
  await page.getByRole('link', { name: 'Events', exact: true }).click();
  await waitForHydration(page, testInfo);
  await expectAccessible(page, testInfo);
  await page.getByRole('link', { name: 'Create an event' }).click();
  await waitForHydration(page, testInfo);
  await expectAccessible(page, testInfo);
  await page.getByLabel('Candidate priorities typed in here').check();
  await page.getByLabel('Candidate priorities (when typed in)').fill('Things to do after school\nMental health support\nSafer journeys to school');
  await page.getByLabel('Which indicator shades the map?').selectOption({ index: 1 });
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Create the event' }), '/events/new');
  const errors = page.getByTestId('error-summary');
  await expect(errors).toContainText("Enter the event's title");
  await expect(errors.getByRole('link', { name: "Enter the event's title" })).toHaveAttribute('href', '#title');
  await expect(page.getByLabel('Candidate priorities (when typed in)')).toHaveValue('Things to do after school\nMental health support\nSafer journeys to school');
  await expectAccessible(page, testInfo);
  await page.getByLabel('Title').fill(title);
  await Promise.all([
    page.waitForURL((url) => /^\/events\/\d+$/.test(url.pathname), { timeout: 15_000 }),
    page.getByRole('button', { name: 'Create the event' }).click(),
  ]);
  await waitForHydration(page, testInfo);
  await expect(page.getByTestId('success-banner')).toContainText('Its join code is');
  const code = (await page.getByTestId('join-code').textContent()).trim();
  expect(code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
  const eventPath = new URL(page.url()).pathname;
  await expectAccessible(page, testInfo);

  // The projector, on the big screen.
  const projector = await page.context().newPage();
  await projector.goto(`${eventPath}/projector`);
  await expect(projector.getByTestId('projector-code')).toHaveText(`${code.slice(0, 3)} ${code.slice(3)}`);
  await expect(projector.locator('.tb-qr svg')).toBeVisible();
  await expectAccessible(projector, testInfo);

  // Voting opens.
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Open voting now' }), eventPath);
  await expect(page.getByTestId('voting-state')).toContainText('Voting is open');

  // Three participants join by code on their phones. The first visit is weighed.
  const first = await phone(browser, testInfo);
  const weight = await weigh(first, () => join(first, code));
  console.log(`participant's first visit: ${weight.total} bytes in ${weight.files.length} requests`);
  expect(weight.total).toBeLessThan(60 * 1024);
  expect(weight.files.some((f) => f.endsWith('.wasm'))).toBe(false);
  await expect(first.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(first.getByTestId('event-map')).toBeVisible();
  await expectAccessible(first, testInfo);
  const [a, b, c] = ['Things to do after school', 'Mental health support', 'Safer journeys to school'];
  await vote(first, [[a, 2], [b, 1]]);
  await expect(first.getByTestId('success-banner')).toContainText('Your votes have been counted');

  const second = await phone(browser, testInfo);
  // The code form, and a code read wrong (a look-alike): the error summary says why.
  await second.goto('/e');
  await expectAccessible(second, testInfo);
  await second.getByLabel('Enter the code on the screen').fill('K0R 4MX');
  await second.getByRole('button', { name: 'Join' }).click();
  await expect(second.getByTestId('error-summary')).toContainText('codes never use 0, O, 1, I or L');
  await expect(second.getByLabel('Enter the code on the screen')).toHaveValue('K0R 4MX');
  await expectAccessible(second, testInfo);
  await join(second, code);
  await vote(second, [[c, 3]], { young: true, band: '16 to 18' });
  await expect(second.getByTestId('success-banner')).toContainText('Your votes have been counted');
  await second.getByLabel('Your comment').fill('Somewhere to go after school that is not the street.');
  await second.getByRole('button', { name: 'Send my comment' }).click();
  await expect(second.getByTestId('success-banner')).toContainText('your comment has been added');

  const third = await phone(browser, testInfo);
  await join(third, code);
  await vote(third, [[a, 3], [b, 1]]);
  await expect(third.getByTestId('error-summary')).toContainText('You have 3 votes but gave 4');
  await expect(third.getByLabel(a, { exact: true })).toHaveValue('3');
  await expectAccessible(third, testInfo);
  await vote(third, [[a, 2], [b, 1]]);
  await expect(third.getByTestId('success-banner')).toContainText('Your votes have been counted');
  await third.getByLabel('Your comment').fill('Call Sam on 07700 900321 about the bus.');
  await third.getByRole('button', { name: 'Send my comment' }).click();
  await expect(third.getByTestId('success-banner')).toContainText('your comment has been added');

  // The projector shows the totals: live with JavaScript (no reload), after its refresh without.
  if (off) await projector.reload();
  await expect(projector.getByTestId('taking-part')).toContainText('3 people joined · 3 voted, 1 of them young people · 9 votes cast', { timeout: 10_000 });
  await expect(projector.getByTestId('comments')).toContainText('07700 900321');
  await expect(projector.getByTestId('young-votes')).toBeVisible();

  // The chair hides the comment that names someone: gone from the projector.
  await page.reload();
  await waitForHydration(page, testInfo);
  const hidden = page.locator('.tb-event-comment', { hasText: '07700 900321' });
  await submitTo(page, testInfo, hidden.getByRole('button', { name: /Hide/ }), eventPath);
  await expect(page.getByTestId('success-banner')).toContainText('The comment is hidden');
  if (off) await projector.reload();
  await expect(projector.getByTestId('comments')).not.toContainText('07700', { timeout: 10_000 });
  await expect(projector.getByTestId('comments')).toContainText('Somewhere to go after school');

  // Voting closes; a late vote from a phone still showing the ballot is refused.
  await submitTo(page, testInfo, page.getByRole('button', { name: 'Close voting' }), eventPath);
  await expect(page.getByTestId('voting-state')).toContainText('Voting has closed');
  await vote(first, [[c, 1]]);
  await expect(first.getByTestId('error-summary')).toContainText('Voting has closed, so your votes were not counted');
  if (off) await projector.reload();
  await expect(projector.getByTestId('phase')).toContainText('Voting has closed', { timeout: 10_000 });

  // The results go into the plan, and the chair reads them in its needs analysis.
  await expect(page.getByTestId('votes-table')).toContainText('Things to do after school');
  await submitTo(
    page,
    testInfo,
    page.getByRole('button', { name: /Add the results to East Hampshire/ }),
    '/partnerships/east-hampshire/plans/2026',
  );
  await expect(page.getByTestId('success-banner')).toContainText('have been added to the plan');
  await page.goto('/partnerships/east-hampshire/plans/2026/about');
  await waitForHydration(page, testInfo);
  const needs = await page.getByLabel('Summary of the needs analysis').inputValue();
  expect(needs).toContain(`Stakeholder event “${title}”, 23 November 2026 (3 people taking part, 3 voted)`);
  expect(needs).toContain('1. Things to do after school (4 votes); 2. Safer journeys to school (3 votes)');
  const said = await page.getByLabel('What children and young people told us').inputValue();
  expect(said).toContain('1 young person voted. Their priorities: 1. Safer journeys to school (3 votes)');
  expect(said).toContain('Somewhere to go after school that is not the street.');
  expect(said).not.toContain('07700');
  await expectAccessible(page, testInfo);
  await Promise.all([first.context().close(), second.context().close(), third.context().close()]);

  // A finished event (the demo's, in Havant) and an unknown code, as a phone sees them.
  const late = await phone(browser, testInfo);
  await late.goto('/e/HVT4NK');
  await expect(late.getByTestId('participant-phase')).toContainText('Voting has closed');
  await expect(late.getByTestId('ballot-closed')).toBeVisible();
  await expect(late.getByTestId('taking-part')).toContainText('12 people joined');
  await expectAccessible(late, testInfo);
  await late.goto('/e/ZZZZZZ');
  await expect(late.getByTestId('event-notice')).toContainText('No event has the code ZZZ ZZZ');
  await expectAccessible(late, testInfo);
  await late.context().close();
});
