// Signing in as each demo role, navigation that offers only what the role may do, signing out,
// a forged cross-site post, and the administration pages — with JavaScript off and on.
import { test, expect } from '@playwright/test';
import { expectAccessible, waitForHydration } from './helpers.mjs';

const PASSWORD = 'trustboard-demo';

const ROLES = [
  { email: 'admin@trustboard.example', name: 'Morgan Ellis', role: 'Trust administrator', nav: ['Partnerships', 'Set-up', 'People', 'Audit trail', 'Plans', 'Compare', 'Map', 'Self-assessments', 'Mid-year reviews', 'Events', 'Indicators', 'Standards', 'Your account'] },
  { email: 'board@trustboard.example', name: 'Councillor Pat Hewitt', role: 'Trust Board member', nav: ['Partnerships', 'Plans', 'Compare', 'Map', 'Self-assessments', 'Mid-year reviews', 'Board priorities', 'Your account'] },
  { email: 'district.manager@trustboard.example', name: 'Jo Marsh', role: 'District manager (Gosport)', nav: ['Partnerships', 'Plans', 'Compare', 'Map', 'Self-assessments', 'Mid-year reviews', 'Events', 'Your account'] },
  { email: 'chair.gosport@trustboard.example', name: 'Ruth Adeyemi', role: "Partnership chair (Gosport Children's Partnership)", nav: ['Partnerships', 'Compare', 'Map', 'Events', 'Your plans', 'Self-assessment', 'Your account'] },
  { email: 'member.havant@trustboard.example', name: 'Tom Barker', role: "Partnership member (Havant Children's Partnership)", nav: ['Partnerships', 'Compare', 'Map', 'Your plans', 'Self-assessment', 'Your account'] },
  { email: 'viewer@trustboard.example', name: 'Lee Carter', role: 'Viewer', nav: ['Partnerships', 'Plans', 'Compare', 'Map', 'Self-assessments', 'Mid-year reviews', 'Your account'] },
];

async function signIn(page, testInfo, email, password = PASSWORD) {
  await page.goto('/sign-in');
  await waitForHydration(page, testInfo);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
}

async function navigation(page) {
  return page.getByRole('navigation', { name: 'Menu' }).getByRole('link').allTextContents();
}

test('anonymous visitors are offered sign-in only', async ({ page }, testInfo) => {
  await page.goto('/');
  expect((await navigation(page)).map((s) => s.trim())).toEqual(['Partnerships', 'Sign in']);
  await page.goto('/sign-in');
  await expect(page.getByTestId('demo-sign-ins').locator('tbody tr')).toHaveCount(9);
  await expectAccessible(page, testInfo);
});

for (const r of ROLES) {
  test(`${r.role} signs in and sees the right navigation`, async ({ page }, testInfo) => {
    await signIn(page, testInfo, r.email);
    await expect(page.getByTestId('signed-in')).toContainText(`Signed in as ${r.name}`);
    await expect(page.getByTestId('signed-in')).toContainText(r.role);
    expect((await navigation(page)).map((s) => s.trim())).toEqual(r.nav);
    await expectAccessible(page, testInfo);
  });
}

test('a wrong password gets an error summary that links to the field', async ({ page }, testInfo) => {
  await page.goto('/sign-in');
  await waitForHydration(page, testInfo);
  await page.getByLabel('Email address').fill('chair.gosport@trustboard.example');
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const summary = page.getByTestId('error-summary');
  await expect(summary).toContainText('The email address or password is not right');
  await expect(summary.getByRole('link')).toHaveAttribute('href', '#email');
  await expect(page.getByLabel('Email address')).toHaveValue('chair.gosport@trustboard.example');
  await expectAccessible(page, testInfo);
});

test('signing out ends the session', async ({ page, context }, testInfo) => {
  await signIn(page, testInfo, 'viewer@trustboard.example');
  const before = (await context.cookies()).find((c) => c.name === 'tb_session');
  expect(before).toBeTruthy();
  await waitForHydration(page, testInfo);
  await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.getByRole('button', { name: 'Sign out' }).click()]);
  await expect(page.getByTestId('signed-in')).toHaveCount(0);
  // The old token, replayed, no longer works.
  const me = await page.request.get('/api/auth/me', { headers: { cookie: `tb_session=${before.value}` } });
  expect(await me.json()).toBeNull();
});

test('a forged cross-site post is refused', async ({ page, browser }, testInfo) => {
  await signIn(page, testInfo, 'admin@trustboard.example');
  // Another site's page that posts a form to Trustboard when opened.
  await page.route('http://attacker.invalid/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><title>x</title><body>
        <form id="f" method="post" action="${page.url().replace(/\/$/, '')}/api/admin/people/create">
          <input name="email" value="forged@example.org"><input name="display_name" value="Forged">
          <input name="password" value="a long enough password"><input name="role" value="administrator"><input name="scope" value="">
        </form><script>document.getElementById('f').submit()</script></body></html>`,
    }),
  );
  if (testInfo.project.use.javaScriptEnabled === false) {
    // The attacker's page needs script to post by itself; with JavaScript off, a person would
    // have to press its button, which is the same request.
    const ctx = await browser.newContext({ javaScriptEnabled: true, storageState: await page.context().storageState() });
    const p = await ctx.newPage();
    await p.route('http://attacker.invalid/**', (route) => route.fulfill({ contentType: 'text/html', body: '' }));
    const response = await p.request.post('/api/admin/people/create', {
      headers: { 'sec-fetch-site': 'cross-site', origin: 'http://attacker.invalid' },
      form: { email: 'forged@example.org', display_name: 'Forged', password: 'a long enough password', role: 'administrator', scope: '' },
    });
    expect(response.status()).toBe(403);
    await ctx.close();
  } else {
    const responsePromise = page.waitForResponse((r) => r.url().includes('/api/admin/people/create'));
    await page.goto('http://attacker.invalid/');
    const response = await responsePromise;
    expect(response.status()).toBe(403);
  }
  await page.goto('/admin/people');
  await expect(page.getByTestId('people')).not.toContainText('forged@example.org');
});

test('an administrator adds a person, gives and removes a role, and disables them', async ({ page }, testInfo) => {
  await signIn(page, testInfo, 'admin@trustboard.example');
  await page.goto('/admin/people');
  await expectAccessible(page, testInfo);
  await page.getByRole('link', { name: 'Add a person' }).click();
  await waitForHydration(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Add a person');

  // Bad input first: every problem is listed and nothing is saved.
  await page.getByLabel('Full name').fill('Priya Shah');
  await page.getByLabel('Email address').fill('not-an-email');
  await page.getByLabel('First password').fill('short');
  await page.getByLabel('Role', { exact: true }).selectOption('partnership_chair');
  await page.getByRole('button', { name: 'Add person' }).click();
  const summary = page.getByTestId('error-summary');
  await expect(summary.getByRole('link')).toHaveText([
    /correct format/, /12 characters/, /needs a partnership/,
  ]);
  await expect(page.getByLabel('Full name')).toHaveValue('Priya Shah');
  await expectAccessible(page, testInfo);

  const email = `priya.shah.${testInfo.project.name}@example.org`;
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('First password').fill('a sensible long password');
  await page.getByLabel('Role', { exact: true }).selectOption('partnership_chair');
  await page.getByLabel('Where the role applies').selectOption({ label: "Eastleigh Children's Partnership" });
  await Promise.all([page.waitForURL(/\/admin\/people\/\d+$/), page.getByRole('button', { name: 'Add person' }).click()]);
  await expect(page.getByTestId('success-banner')).toContainText('Priya Shah has been added');
  await expect(page.getByTestId('roles')).toContainText("Eastleigh Children's Partnership");
  await expectAccessible(page, testInfo);

  await waitForHydration(page, testInfo);
  await page.getByLabel('Role', { exact: true }).selectOption('viewer');
  await page.getByLabel('Where the role applies').selectOption({ label: 'Whole Trust' });
  await page.getByRole('button', { name: 'Give role' }).click();
  await expect(page.getByTestId('success-banner')).toContainText('is now viewer');
  await expect(page.getByTestId('roles').locator('tbody tr')).toHaveCount(2);

  await waitForHydration(page, testInfo);
  await page.getByRole('button', { name: /Remove role Viewer/ }).click();
  await expect(page.getByTestId('success-banner')).toContainText('has been removed');
  await expect(page.getByTestId('roles').locator('tbody tr')).toHaveCount(1);

  await waitForHydration(page, testInfo);
  await page.getByRole('button', { name: 'Disable account' }).click();
  await expect(page.getByTestId('person-status')).toContainText('Disabled');

  await page.goto('/audit');
  await expect(page.getByTestId('audit')).toContainText('Disabled Priya Shah');
  await expectAccessible(page, testInfo);
  await page.getByLabel('Kind of record').selectOption('role_assignment');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/entity_type=role_assignment/);
  await expect(page.getByTestId('audit')).not.toContainText('Disabled Priya Shah');
});

test('a chair sees their partnership history but not another', async ({ page }, testInfo) => {
  await signIn(page, testInfo, 'chair.gosport@trustboard.example');
  await page.getByRole('link', { name: 'Your plans' }).click();
  await page.getByRole('link', { name: 'Partnership history' }).click();
  await expect(page).toHaveURL(/\/partnerships\/gosport\/history$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('History of changes');
  await expectAccessible(page, testInfo);
  const response = await page.goto('/partnerships/havant/history');
  expect(response.status()).toBe(403);
  await expect(page.getByTestId('forbidden')).toBeVisible();
  await page.goto('/admin/people');
  await expect(page.getByTestId('forbidden')).toBeVisible();
});

test('a person changes their own password', async ({ page }, testInfo) => {
  await signIn(page, testInfo, 'board@trustboard.example');
  await page.goto('/account');
  await waitForHydration(page, testInfo);
  await expectAccessible(page, testInfo);
  await page.getByLabel('Current password').fill('wrong');
  await page.getByLabel('New password', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByTestId('error-summary')).toContainText('Your current password is not right');
  // (The new password is the same as the old, so that the other tests can still sign in.)
  await page.getByLabel('Current password').fill(PASSWORD);
  await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm new password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByTestId('success-banner')).toContainText('Your password has been changed');
  await expect(page.getByTestId('signed-in')).toContainText('Councillor Pat Hewitt');
});
