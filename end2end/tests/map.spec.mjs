// The partnership map, desktop and phone-sized, with JavaScript off and on: open the map,
// shade it by an indicator, select a partnership by mouse and by keyboard, reach its plan.
import { test, expect } from '@playwright/test';
import { expectAccessible, waitForHydration, signIn } from './helpers.mjs';



for (const size of [{ name: 'desktop', width: 1280, height: 900 }, { name: 'phone', width: 390, height: 844 }]) {
  test(`the map on a ${size.name}: shade, select by mouse and keyboard, reach the plan`, async ({ page }, testInfo) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: size.width, height: size.height });
    await signIn(page, testInfo, 'chair.gosport@trustboard.example');
    await page.goto('/map');
    await waitForHydration(page, testInfo);
    const map = page.getByTestId('map');
    await expect(map.locator('a')).toHaveCount(11);
    await expect(page.getByTestId('map-table').locator('tbody tr')).toHaveCount(11);
    await expectAccessible(page, testInfo);

    // Zoom and pan with JavaScript; without it there are no such controls, only links.
    if (testInfo.project.use.javaScriptEnabled === false) {
      await expect(page.getByRole('button', { name: 'Zoom in' })).toHaveCount(0);
    } else {
      const whole = await map.getAttribute('viewBox');
      await page.getByRole('button', { name: 'Zoom in' }).click();
      await expect(map).not.toHaveAttribute('viewBox', whole);
      await page.getByRole('button', { name: 'Pan right' }).click();
      await page.getByRole('button', { name: 'Reset' }).click();
      await expect(map).toHaveAttribute('viewBox', whole);
    }

    // Shade by an indicator.
    await page.getByLabel('Shade by').selectOption('NI 112');
    await Promise.all([page.waitForURL((u) => u.searchParams.get('shade') === 'NI 112'), page.getByRole('button', { name: 'Show' }).click()]);
    await waitForHydration(page, testInfo);
    await expect(page.getByTestId('map-legend')).toContainText('No figure');

    // Select by mouse.
    const gosport = map.locator('a[data-slug="gosport"]');
    await Promise.all([page.waitForURL((u) => u.searchParams.get('selected') === 'gosport'), gosport.click()]);
    await waitForHydration(page, testInfo);
    await expect(page.getByTestId('map-panel')).toContainText("Gosport Children's Partnership");

    // Select by keyboard: focus an area and press Enter.
    const havant = map.locator('a[data-slug="havant"]');
    await havant.focus();
    await expect(havant).toBeFocused();
    await Promise.all([page.waitForURL((u) => u.searchParams.get('selected') === 'havant'), page.keyboard.press('Enter')]);
    await waitForHydration(page, testInfo);
    await expect(page.getByTestId('map-panel')).toContainText("Havant Children's Partnership");
    await expectAccessible(page, testInfo);

    // Reach a plan from the panel.
    await page.goto('/map?selected=gosport');
    await waitForHydration(page, testInfo);
    await Promise.all([page.waitForURL((u) => /\/partnerships\/gosport\/plans\/\d+$/.test(u.pathname)), page.getByTestId('map-panel').getByRole('link', { name: /plan$/ }).click()]);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Local delivery plan');
  });
}

test('an administrator sees the boundaries, sets what a partnership covers and publishes the map', async ({ page, browser }, testInfo) => {
  test.setTimeout(60_000);
  await signIn(page, testInfo, 'admin@trustboard.example');
  await page.goto('/admin/map');
  await waitForHydration(page, testInfo);
  await expect(page.getByTestId('outline-count')).toContainText('11 of the partnerships have boundaries');
  await expectAccessible(page, testInfo);
  // A code Trustboard does not hold is refused, with the reason against the field.
  await page.getByLabel('Partnership', { exact: true }).selectOption('gosport');
  await page.getByLabel('Districts or wards it covers').fill('E07000088 E05999999');
  await page.getByRole('button', { name: 'Set the areas' }).click();
  await expect(page.getByTestId('error-summary')).toContainText('E05999999');
  await page.getByLabel('Partnership', { exact: true }).selectOption('gosport');
  await page.getByLabel('Districts or wards it covers').fill('E07000088');
  await Promise.all([page.waitForURL((u) => u.pathname === '/admin/map'), page.getByRole('button', { name: 'Set the areas' }).click()]);
  await expect(page.getByTestId('success-banner')).toContainText('now covers E07000088');
  // Publish, then anyone can see it without signing in.
  await page.getByLabel('Publish the map at /public/map').check();
  await page.getByLabel('Shaded by').selectOption('NI 112');
  await Promise.all([page.waitForURL((u) => u.pathname === '/admin/map'), page.getByRole('button', { name: 'Save', exact: true }).click()]);
  await expect(page.getByTestId('success-banner')).toContainText('published');
  const anonymous = await browser.newPage({ javaScriptEnabled: testInfo.project.use.javaScriptEnabled !== false, baseURL: testInfo.project.use.baseURL });
  await anonymous.goto('/public/map');
  await expect(anonymous.getByTestId('map').locator('a')).toHaveCount(11);
  await expect(anonymous.getByTestId('map-table')).toContainText('Gosport');
  await anonymous.close();
});
