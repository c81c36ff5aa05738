// Setting a county up from nothing, as an administrator would after `trustboard create-admin`
// on an empty database with the demo off: the Trust, the real boundaries, two partnerships (one
// from wards), partner organisations (a bad row first) and people; a new chair and a Board
// member choose their passwords with their links; the Board publishes the year's priorities;
// the chair sees the plan due on their home page and starts it with those priorities in it.
// axe on every page. Each project (JavaScript off, on) has an empty installation of its own.
import { test, expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { expectAccessible, waitForHydration } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const boundaries = (name) => path.join(here, '../../../shared/data/boundaries', name);
const ADMIN = process.env.TRUSTBOARD_EMPTY_ADMIN ?? 'admin@county.example';
const PASSWORD = process.env.TRUSTBOARD_EMPTY_PASSWORD ?? 'set-up-from-nothing';
const HAMPSHIRE = ['E07000084', 'E07000085', 'E07000086', 'E07000087', 'E07000088', 'E07000089',
  'E07000090', 'E07000091', 'E07000092', 'E07000093', 'E07000094'];

function emptyUrl(testInfo) {
  const off = testInfo.project.use.javaScriptEnabled === false;
  return (off ? process.env.TRUSTBOARD_EMPTY_URL_OFF : process.env.TRUSTBOARD_EMPTY_URL_ON)
    ?? (off ? 'http://127.0.0.1:3108' : 'http://127.0.0.1:3109');
}

/** Submits the page's form whose button is `name` and waits for the page that follows. */
async function submit(page, name) {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name, exact: true }).click()]);
  await page.waitForLoadState('load');
}

async function signInAs(page, testInfo, email, password) {
  await page.goto('/sign-in');
  await waitForHydration(page, testInfo);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
}

async function uploadCsv(page, testInfo, name, text, button) {
  await page.locator('#file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await submit(page, button);
  await waitForHydration(page, testInfo);
}

test('an administrator sets a county up from nothing and its people start work', async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const baseURL = emptyUrl(testInfo);
  const js = testInfo.project.use.javaScriptEnabled !== false;
  const context = await browser.newContext({ baseURL, javaScriptEnabled: js });
  const page = await context.newPage();

  // Signed in as the administrator create-admin made; the first page says what to do.
  await signInAs(page, testInfo, ADMIN, PASSWORD);
  await expect(page.getByTestId('not-set-up')).toBeVisible();
  await expectAccessible(page, testInfo);
  await page.getByRole('link', { name: 'Set-up', exact: true }).first().click();
  await expect(page).toHaveURL(/\/admin\/setup$/);
  await waitForHydration(page, testInfo);
  await expectAccessible(page, testInfo);

  // The Trust: an empty form first (the error summary links to the field), then its details.
  await page.getByRole('link', { name: "The Trust's details" }).click();
  await waitForHydration(page, testInfo);
  await submit(page, 'Set up the Trust');
  await waitForHydration(page, testInfo);
  const summary = page.locator('.govuk-error-summary');
  await expect(summary).toContainText("Enter the Trust's name");
  await expect(summary.getByRole('link', { name: "Enter the Trust's name" })).toHaveAttribute('href', '#name');
  await expectAccessible(page, testInfo);
  await page.getByLabel("The Trust's name").fill('Hampshire Children\'s Trust');
  await page.getByLabel("The county's ONS code").fill('E10000014');
  await page.getByLabel("The county's name").fill('Hampshire');
  await page.getByLabel("The county's districts").fill(HAMPSHIRE.join('\n'));
  await submit(page, 'Set up the Trust');
  await expect(page).toHaveURL(/\/admin\/setup$/);
  await expect(page.getByTestId('task-trust')).toContainText('11 districts');

  // The real boundaries: the districts of England (the county's are kept), then wards.
  await page.goto('/admin/map');
  await waitForHydration(page, testInfo);
  for (const file of ['england-lad-topo.json', 'wards-E07000085.geojson']) {
    await page.locator('#boundary-file').setInputFiles(boundaries(file));
    await submit(page, 'Import boundaries');
    await waitForHydration(page, testInfo);
    await expect(page.locator('.govuk-notification-banner')).toBeVisible();
  }
  await expectAccessible(page, testInfo);

  // Two partnerships: one from a district (by name), one from wards (by name and code).
  await page.goto('/admin/setup/partnerships');
  await waitForHydration(page, testInfo);
  await expect(page.getByTestId('no-partnerships')).toBeVisible();
  await expectAccessible(page, testInfo);
  await page.getByRole('link', { name: 'Create a partnership' }).click();
  await waitForHydration(page, testInfo);
  await expectAccessible(page, testInfo);
  await page.getByLabel('Name', { exact: true }).fill('Basingstoke and Deane');
  await page.getByLabel('The districts or wards it covers').fill('Basingstoke and Deane');
  await submit(page, 'Create the partnership');
  await expect(page.getByTestId('partnership-summary')).toContainText('Basingstoke and Deane (E07000084)');
  await expectAccessible(page, testInfo);
  await page.goto('/admin/setup/partnerships/new');
  await waitForHydration(page, testInfo);
  await page.getByLabel('Name', { exact: true }).fill('Alton Partnership');
  // A name no ward has first: the areas come back as typed, with the line named.
  await page.getByLabel('The districts or wards it covers').fill('Alton Amery\nAlton Westbrooke\nNarnia');
  await submit(page, 'Create the partnership');
  await waitForHydration(page, testInfo);
  await expect(page.locator('.govuk-error-summary')).toContainText('Line 3: “Narnia” is not an area Trustboard holds');
  await expect(page.getByLabel('The districts or wards it covers')).toHaveValue('Alton Amery\nAlton Westbrooke\nNarnia');
  await page.getByLabel('The districts or wards it covers').fill('Alton Amery\nAlton Westbrooke\nE05004464');
  await submit(page, 'Create the partnership');
  await expect(page.getByTestId('partnership-summary')).toContainText('Alton Amery (E05004459, East Hampshire)');

  // Partner organisations: a bad row first (nothing stored), then the list.
  await page.goto('/admin/setup/organisations');
  await waitForHydration(page, testInfo);
  await expectAccessible(page, testInfo);
  await uploadCsv(page, testInfo, 'partners.csv',
    'name,type,partnerships\nAlton College,College,Alton Partnership\nQueen Mary\'s College,University,Basingstoke and Deane\n',
    'Upload the list');
  await expect(page.locator('.govuk-error-summary')).toContainText('Row 3: “University” is not a type of organisation');
  await expect(page.getByTestId('no-organisations')).toBeVisible();
  await expectAccessible(page, testInfo);
  await uploadCsv(page, testInfo, 'partners.csv',
    'name,type,partnerships\nAlton College,College,Alton Partnership\nQueen Mary\'s College,College,Basingstoke and Deane\nHampshire Constabulary,Police,Alton Partnership; Basingstoke and Deane\n',
    'Upload the list');
  await expect(page.getByTestId('organisations')).toContainText('Hampshire Constabulary');
  await expect(page.getByTestId('organisations')).toContainText('Alton Partnership, Basingstoke and Deane');

  // People: each gets a set-your-password link, shown once.
  await page.goto('/admin/setup/people');
  await waitForHydration(page, testInfo);
  await expectAccessible(page, testInfo);
  await uploadCsv(page, testInfo, 'people.csv',
    'name,email,role,partnership or district\nNadia Rahman,nadia@county.example,Partnership chair,Alton Partnership\nBea Board,bea@county.example,Board member,\nSam Okafor,sam@county.example,District manager,East Hampshire\n',
    'Add the people');
  const links = page.getByTestId('password-links');
  await expect(links).toContainText('3 people added');
  await expectAccessible(page, testInfo);
  const linkOf = async (email) => links.locator(`tr[data-email="${email}"] a`).getAttribute('href');
  const chairLink = await linkOf('nadia@county.example');
  const boardLink = await linkOf('bea@county.example');
  expect(chairLink).toMatch(/\/set-password\/[A-Za-z0-9_-]{43}$/);
  await page.goto('/admin/setup');
  await expect(page.getByTestId('task-people')).toContainText('3 have not yet chosen their password');
  await context.close();

  // The Board member chooses a password with the link and publishes the year's priorities.
  const board = await browser.newContext({ baseURL, javaScriptEnabled: js });
  const bp = await board.newPage();
  await bp.goto(new URL(boardLink).pathname);
  await waitForHydration(bp, testInfo);
  await expect(bp.getByRole('heading', { name: 'Choose your password' })).toBeVisible();
  await expectAccessible(bp, testInfo);
  await bp.getByLabel('New password').fill('the board sets priorities');
  await bp.getByLabel('Type it again').fill('the board sets priorities');
  await Promise.all([bp.waitForURL((u) => u.pathname === '/'), bp.getByRole('button', { name: 'Set my password and sign in' }).click()]);
  await waitForHydration(bp, testInfo);
  await bp.getByRole('link', { name: 'Board priorities', exact: true }).first().click();
  await waitForHydration(bp, testInfo);
  await expect(bp.getByRole('heading', { level: 1 })).toContainText('2027/28');
  await expectAccessible(bp, testInfo);
  for (const [title, outcome] of [
    ['Reduce teenage conceptions', 'Fewer conceptions under 18'],
    ['Improve emotional wellbeing', 'Children and young people feel well'],
  ]) {
    await bp.getByLabel('Title', { exact: true }).fill(title);
    await bp.getByLabel('Outcome sought (optional)').fill(outcome);
    await submit(bp, 'Add as a draft');
    await waitForHydration(bp, testInfo);
  }
  await expect(bp.getByTestId('draft-priorities')).toContainText('Improve emotional wellbeing');
  await submit(bp, "Publish 2 priorities to every partnership's plan for 2027/28");
  await waitForHydration(bp, testInfo);
  await expect(bp.getByTestId('published-priorities')).toContainText('Reduce teenage conceptions');
  await expectAccessible(bp, testInfo);
  await board.close();

  // The chair: sets a password, sees the plan due on the home page, starts it.
  const chair = await browser.newContext({ baseURL, javaScriptEnabled: js });
  const cp = await chair.newPage();
  await cp.goto(new URL(chairLink).pathname);
  await waitForHydration(cp, testInfo);
  // A mismatch first: refused, nothing changes.
  await cp.getByLabel('New password').fill('alton chair password');
  await cp.getByLabel('Type it again').fill('alton chair passwort');
  await submit(cp, 'Set my password and sign in');
  await waitForHydration(cp, testInfo);
  await expect(cp.locator('.govuk-error-summary')).toContainText('The passwords do not match');
  await cp.getByLabel('New password').fill('alton chair password');
  await cp.getByLabel('Type it again').fill('alton chair password');
  await Promise.all([cp.waitForURL((u) => u.pathname === '/'), cp.getByRole('button', { name: 'Set my password and sign in' }).click()]);
  await waitForHydration(cp, testInfo);
  const due = cp.getByTestId('what-is-due');
  await expect(due).toContainText('Alton Partnership');
  await expect(due).toContainText('30 April 2027');
  await expectAccessible(cp, testInfo);
  await due.getByRole('link').filter({ hasText: /plan/i }).first().click();
  await waitForHydration(cp, testInfo);
  await expect(cp.getByTestId('plan-not-started')).toBeVisible();
  await expectAccessible(cp, testInfo);
  await submit(cp, 'Start the plan');
  await waitForHydration(cp, testInfo);
  await expect(cp.locator('body')).toContainText('Reduce teenage conceptions');
  await expect(cp.locator('body')).toContainText('Improve emotional wellbeing');
  await expectAccessible(cp, testInfo);
  // The link has been used: it no longer works.
  await cp.goto(new URL(chairLink).pathname);
  await expect(cp.getByTestId('link-state')).toContainText('This link has been used already');
  await chair.close();
});
