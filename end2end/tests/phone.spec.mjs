// Issue 11, "the map and pages on a phone": no page wider than a 390 px phone, the map near the
// top with its controls compact, a tapped area's panel in view, wheel zoom and drag to pan
// (a drag never selects), focus kept on an area after Enter, area labels, shades that stand
// out from the page, the figures' period, every dashboard column visible at 1280 px, and the
// home page's partnership names as links. JavaScript off and on (the interactive parts with
// JavaScript only).
import { test, expect } from '@playwright/test';
import { expectAccessible, waitForHydration, signIn } from './helpers.mjs';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const jsOn = (testInfo) => testInfo.project.use.javaScriptEnabled !== false;


async function open(page, testInfo, path) {
  await page.goto(path);
  await waitForHydration(page, testInfo);
}

const pageWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth);

/** WCAG relative luminance and contrast ratio of two `#rrggbb` colours. */
function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}
function rgbToHex(rgb) {
  const m = rgb.match(/\d+/g).slice(0, 3).map(Number);
  return '#' + m.map((v) => v.toString(16).padStart(2, '0')).join('');
}

test('no page is wider than a phone', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await page.setViewportSize(PHONE);
  await open(page, testInfo, '/');
  expect(await pageWidth(page), 'home').toBeLessThanOrEqual(PHONE.width);
  await signIn(page, testInfo, 'board@trustboard.example');
  for (const path of ['/', '/map', '/map?shade=NI+112&selected=gosport', '/dashboard', '/plans']) {
    await open(page, testInfo, path);
    expect(await pageWidth(page), path).toBeLessThanOrEqual(PHONE.width);
  }
  // A plan, reached from the list of plans.
  await page.getByTestId('plans-table').locator('a[href*="/plans/"]').first().click();
  await page.waitForURL((u) => /\/partnerships\/[^/]+\/plans\/\d+$/.test(u.pathname));
  await waitForHydration(page, testInfo);
  expect(await pageWidth(page), page.url()).toBeLessThanOrEqual(PHONE.width);
});

test('on a phone the map is near the top and a tapped area shows its panel in view', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  await page.setViewportSize(PHONE);
  await signIn(page, testInfo, 'chair.gosport@trustboard.example');
  await open(page, testInfo, '/map?shade=NI+112');
  const map = page.getByTestId('map');
  const box = await map.boundingBox();
  expect(box.y, 'the map starts within the first 60% of the screen').toBeLessThan(PHONE.height * 0.6);
  // The zoom controls (JavaScript) sit in one compact row.
  if (jsOn(testInfo)) {
    const buttons = page.getByTestId('map-controls').getByRole('button');
    const tops = await buttons.evaluateAll((bs) => bs.map((b) => Math.round(b.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
  }
  await Promise.all([page.waitForURL((u) => u.searchParams.get('selected') === 'havant'), map.locator('a[data-slug="havant"]').click()]);
  await waitForHydration(page, testInfo);
  const panel = page.getByTestId('map-panel');
  await expect(panel).toContainText("Havant Children's Partnership");
  await expect(panel.getByRole('heading', { level: 2 })).toBeInViewport();
  const p = await panel.boundingBox();
  expect(p.x).toBeGreaterThanOrEqual(0);
  expect(p.x + p.width).toBeLessThanOrEqual(PHONE.width);
  await expectAccessible(page, testInfo);
});

test('on a wide screen the panel sits beside the map', async ({ page }, testInfo) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page, testInfo, 'chair.gosport@trustboard.example');
  await open(page, testInfo, '/map?selected=gosport');
  const map = await page.getByTestId('map').boundingBox();
  const panel = await page.getByTestId('map-panel').boundingBox();
  expect(panel.x).toBeGreaterThanOrEqual(map.x + map.width - 1);
  expect(panel.y).toBeLessThan(map.y + map.height);
  expect(await pageWidth(page)).toBeLessThanOrEqual(DESKTOP.width);
});

test('the map labels its areas, its shades stand out and its figures are dated', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  await page.setViewportSize(DESKTOP);
  await signIn(page, testInfo, 'chair.gosport@trustboard.example');
  await open(page, testInfo, '/map?shade=NI+112&selected=gosport');
  const labels = page.getByTestId('map').locator('text.tb-map__label');
  await expect(labels).toHaveCount(11);
  const shown = await labels.evaluateAll((ts) => ts.filter((t) => t.getBoundingClientRect().width > 0).length);
  expect(shown, 'names shown where they fit').toBeGreaterThanOrEqual(6);
  await expect(labels.filter({ hasText: /^Gosport$/ })).toHaveCount(1);
  // Each label sits inside its own area.
  const inside = await page.evaluate(() => [...document.querySelectorAll('[data-testid="map"] text.tb-map__label')].filter((t) => t.getBoundingClientRect().width > 0).map((t) => {
    const r = t.getBoundingClientRect();
    const hit = document.elementsFromPoint(r.x + r.width / 2, r.y + r.height / 2).find((e) => e.closest && e.closest('a[data-slug]'));
    return [t.dataset.slug, hit ? hit.closest('a[data-slug]').dataset.slug : null];
  }));
  for (const [slug, hit] of inside) expect(hit, `label of ${slug}`).toBe(slug);
  // The lightest shade of the scale has at least 3:1 against the page.
  const swatches = await page.getByTestId('map-legend').locator('li[data-step] rect').evaluateAll((rs) => rs.map((r) => r.getAttribute('fill')));
  expect(swatches.length).toBeGreaterThanOrEqual(3);
  const background = rgbToHex(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
  for (const fill of swatches) expect(contrast(fill, background), fill).toBeGreaterThanOrEqual(3);
  // The areas' outlines stand out from the page too.
  const stroke = await page.getByTestId('map').locator('a[data-slug="hart"] path').evaluate((p) => getComputedStyle(p).stroke);
  expect(contrast(rgbToHex(stroke), background)).toBeGreaterThanOrEqual(3);
  // The period of the figures, in the legend and the panel.
  await expect(page.getByTestId('map-period')).toContainText(/\d{4}\/\d{2}/);
  await expect(page.getByTestId('map-panel')).toContainText(/NI 112[^]*\d{4}\/\d{2}/);
  // The panel never breaks a word in the middle: each word of its figures is on one line.
  const broken = await page.getByTestId('map-panel').evaluate((panel) => {
    const out = [];
    const walker = document.createTreeWalker(panel, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.textContent.matchAll(/[A-Za-z]{4,}/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (tops.size > 1) out.push(m[0]);
      }
    }
    return out;
  });
  expect(broken).toEqual([]);
});

test('the public map shows the period of its figures', async ({ page, browser }, testInfo) => {
  test.setTimeout(60_000);
  await signIn(page, testInfo, 'admin@trustboard.example');
  await open(page, testInfo, '/admin/map');
  await page.getByLabel('Publish the map at /public/map').check();
  await page.getByLabel('Shaded by').selectOption('NI 112');
  await Promise.all([page.waitForURL((u) => u.pathname === '/admin/map'), page.getByRole('button', { name: 'Save', exact: true }).click()]);
  await expect(page.getByTestId('success-banner')).toContainText('published');
  const anonymous = await browser.newPage({ javaScriptEnabled: jsOn(testInfo), baseURL: testInfo.project.use.baseURL, viewport: PHONE });
  await anonymous.goto('/public/map?selected=gosport');
  await expect(anonymous.getByTestId('map-period')).toContainText(/\d{4}\/\d{2}/);
  await expect(anonymous.getByTestId('map-panel')).toContainText(/\d{4}\/\d{2}/);
  expect(await pageWidth(anonymous)).toBeLessThanOrEqual(PHONE.width);
  await anonymous.close();
});

test('wheel zooms around the pointer, a drag pans without selecting, pinch zooms', async ({ page }, testInfo) => {
  test.skip(!jsOn(testInfo), 'zooming and panning need JavaScript');
  await page.setViewportSize(DESKTOP);
  await signIn(page, testInfo, 'chair.gosport@trustboard.example');
  await open(page, testInfo, '/map');
  const map = page.getByTestId('map');
  const whole = (await map.getAttribute('viewBox')).split(' ').map(Number);
  const box = await map.boundingBox();
  // Wheel up over the left part of the map: smaller view box, still over the same spot.
  await page.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.5);
  await page.mouse.wheel(0, -300);
  await expect.poll(async () => (await map.getAttribute('viewBox')).split(' ').map(Number)).not.toEqual(whole);
  const zoomed = (await map.getAttribute('viewBox')).split(' ').map(Number);
  expect(zoomed[2]).toBeLessThan(whole[2]);
  expect(zoomed[0] + zoomed[2] / 2, 'zoomed towards the pointer, left of the middle').toBeLessThan(whole[2] / 2);
  // Drag to the right: the view moves left, and no area is selected.
  const before = page.url();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.5, { steps: 5 });
  await page.mouse.up();
  const panned = (await map.getAttribute('viewBox')).split(' ').map(Number);
  expect(panned[0]).toBeLessThan(zoomed[0]);
  await page.waitForTimeout(500);
  expect(page.url()).toBe(before);
  await expect(page.getByTestId('map-panel')).toHaveCount(0);
  // A click without movement still selects.
  await Promise.all([page.waitForURL((u) => u.searchParams.get('selected') !== null), page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.5)]);
  await expect(page.getByTestId('map-panel')).toBeVisible();
  // Two fingers moving apart zoom in (pointer events from touch).
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect.poll(async () => (await map.getAttribute('viewBox')).split(' ').map(Number)).toEqual(whole);
  await map.evaluate((svg) => {
    const r = svg.getBoundingClientRect();
    const cx = r.x + r.width / 2;
    const cy = r.y + r.height / 2;
    const ev = (type, id, x) => svg.dispatchEvent(new PointerEvent(type, { pointerId: id, pointerType: 'touch', clientX: x, clientY: cy, bubbles: true, isPrimary: id === 1 }));
    ev('pointerdown', 1, cx - 20);
    ev('pointerdown', 2, cx + 20);
    for (let d = 20; d <= 100; d += 20) { ev('pointermove', 1, cx - d); ev('pointermove', 2, cx + d); }
    ev('pointerup', 1, cx - 100);
    ev('pointerup', 2, cx + 100);
  });
  const pinched = (await map.getAttribute('viewBox')).split(' ').map(Number);
  expect(pinched[2]).toBeLessThan(whole[2]);
});

test('after Enter on an area, focus stays on it', async ({ page }, testInfo) => {
  test.skip(!jsOn(testInfo), 'without JavaScript the browser loads a new page');
  await page.setViewportSize(PHONE);
  await signIn(page, testInfo, 'chair.gosport@trustboard.example');
  await open(page, testInfo, '/map');
  const havant = page.getByTestId('map').locator('a[data-slug="havant"]');
  await havant.focus();
  await Promise.all([page.waitForURL((u) => u.searchParams.get('selected') === 'havant'), page.keyboard.press('Enter')]);
  await expect(page.getByTestId('map-panel')).toContainText("Havant Children's Partnership");
  await expect(page.getByTestId('map').locator('a[data-slug="havant"]')).toBeFocused();
  // Tab moves on to the next area, not back to the top of the page.
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement.closest('[data-testid="map"]') !== null || document.activeElement.closest('[data-testid="map-panel"]') !== null);
  expect(focused).toBe(true);
});

test('every dashboard column is visible at 1280 px, and the table scrolls in its own region on a phone', async ({ page }, testInfo) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page, testInfo, 'board@trustboard.example');
  await open(page, testInfo, '/dashboard');
  const region = page.getByRole('region', { name: 'Ratings by partnership' });
  const last = page.getByTestId('dashboard').locator('thead th').last();
  const r = await region.boundingBox();
  const l = await last.boundingBox();
  expect(l.x + l.width).toBeLessThanOrEqual(Math.min(DESKTOP.width, r.x + r.width) + 1);
  expect(await region.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
  expect(await pageWidth(page)).toBeLessThanOrEqual(DESKTOP.width);
  await page.setViewportSize(PHONE);
  expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
  await expect(region).toHaveAttribute('tabindex', '0');
});

test('the home page links each partnership to a page its reader can open', async ({ page }, testInfo) => {
  await page.context().clearCookies();
  await open(page, testInfo, '/');
  const rows = page.getByTestId('partnerships').locator('tbody tr');
  await expect(rows).toHaveCount(11);
  await expect(rows.first().getByRole('rowheader').getByRole('link')).toHaveText("Basingstoke and Deane Children's Partnership");
  // Signed in as Gosport's chair: Gosport's own plans; another partnership on the map.
  await signIn(page, testInfo, 'chair.gosport@trustboard.example');
  const gosport = page.getByRole('link', { name: "Gosport Children's Partnership", exact: true });
  await expect(gosport).toHaveAttribute('href', '/partnerships/gosport/plans');
  await expect(page.getByRole('link', { name: "Havant Children's Partnership", exact: true })).toHaveAttribute('href', '/map?selected=havant');
  await Promise.all([page.waitForURL((u) => u.pathname === '/partnerships/gosport/plans'), gosport.click()]);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Local delivery plans');
  await expectAccessible(page, testInfo);
});
