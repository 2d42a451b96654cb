// Shared by every browser test file: the environment scripts/browser-test
// passes (BASE_URL, TANGGAP_PASSWORD, TANGGAP_FIXTURE, TANGGAP_ARTIFACTS),
// one chromium per file, fresh contexts, login through the form.
import { after, before } from 'node:test';
import { mkdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const BASE_URL = required('BASE_URL');
export const PASSWORD = required('TANGGAP_PASSWORD');
export const FIXTURE = JSON.parse(readFileSync(required('TANGGAP_FIXTURE'), 'utf8'));
export const ARTIFACTS = required('TANGGAP_ARTIFACTS');
export const CHROMIUM = process.env.TANGGAP_CHROMIUM || '/usr/bin/chromium';
export const DISKOMINFO = FIXTURE.agencies.Diskominfo;
export const DINKES = FIXTURE.agencies.Dinkes;
export const XSS = FIXTURE.xss;
// Ten years: the demo data ends on a fixed day, so the default 30-day
// overview would be empty on a machine whose clock is past it.
export const ALL_TIME = '?days=3660';

function required(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set; run the suite with scripts/browser-test`);
  return v;
}

let browser;
export const contexts = [];

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
});

// A fresh browser profile (no cookies), Indonesian unless told otherwise.
export async function newContext(options = {}) {
  const context = await browser.newContext({ baseURL: BASE_URL, locale: 'id-ID', ...options });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  contexts.push(context);
  return context;
}

// Every page remembers its console errors, uncaught exceptions and dialogs
// (an alert() would mean a payload ran).
export async function newPage(context) {
  const page = await context.newPage();
  page.problems = [];
  page.dialogs = [];
  page.on('console', (m) => {
    if (m.type() === 'error') page.problems.push(`console: ${m.text()} (${page.url()})`);
  });
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message} (${page.url()})`));
  page.on('dialog', (d) => {
    page.dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  return page;
}

// Logs in through the form and returns the page where the redirect landed.
export async function login(context, username, password = PASSWORD) {
  const page = await newPage(context);
  await page.goto('/login');
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill(password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/login'),
    page.getByTestId('login').click(),
  ]);
  return page;
}

export const path = (page) => new URL(page.url()).pathname;
export const texts = (locator) => locator.allTextContents().then((a) => a.map((t) => t.trim()));
// "instagram @diskominfo.pgk · Diskominfo" -> "instagram:diskominfo.pgk"
export const accountKey = (li) => {
  const m = /^(\S+)\s+@(\S+)\s+·/.exec(li);
  return m ? `${m[1]}:${m[2]}` : li;
};
export const sorted = (a) => [...a].sort();
