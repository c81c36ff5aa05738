// Browser tests: the system Chromium (never a downloaded browser), every test run twice —
// JavaScript off (pure server-side rendering, as before the WebAssembly loads) and on.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './chromium.mjs';

const baseURL = process.env.TRUSTBOARD_BASE_URL ?? 'http://127.0.0.1:3107';


export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  use: { baseURL, launchOptions: CHROMIUM_LAUNCH, trace: 'off' },
  projects: [
    { name: 'javascript-off', use: { javaScriptEnabled: false } },
    { name: 'javascript-on', use: { javaScriptEnabled: true } },
  ],
});
