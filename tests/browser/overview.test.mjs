// The supervisor overview with its drill-downs and the monthly report, in a
// real browser: supervisor budi picks periods, sorts, groups, drills into an
// account and a trainee, opens the November report and prints it.
// The demo data ends on 2026-11-30, so the tests pick that month or
// ALL_TIME rather than the wall clock's last 30 days.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  ALL_TIME, ARTIFACTS, DINKES, DISKOMINFO, login, newContext, path, sorted, texts,
} from './common.mjs';

const MONTH = '2026-11';
const firstColumn = (page, testid = 'overview') =>
  texts(page.locator(`[data-testid=${testid}] tbody tr td:first-child`));

// Budi's page, logged in; the problems list then starts empty so the
// tests judge these pages only (dashboard.test.mjs covers the login).
async function budi(options = {}) {
  const page = await login(await newContext(options), 'budi');
  page.problems.length = 0;
  return page;
}

// Nothing wider than the viewport; every table inside a .scroll box.
async function fitsWidth(page) {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    tablesOk: [...document.querySelectorAll('main table')].every((t) => {
      const box = t.closest('.scroll');
      return box !== null && box.clientWidth <= document.documentElement.clientWidth;
    }),
  }));
}

describe('overview drill-down and reports', () => {
  test('budi switches the period; bad input gets a clear message', async () => {
    const page = await budi();
    await page.goto('/ringkasan');
    assert.match(await page.getByTestId('span').textContent(), /–/);
    // Last 90 days through the select.
    await page.getByTestId('days').selectOption('90');
    await Promise.all([page.waitForURL(/days=90/),
      page.getByTestId('period-days').getByRole('button').click()]);
    assert.match(await page.locator('main').innerText(), /\(90 hari\)/);
    // A month.
    await page.getByTestId('month').fill(MONTH);
    await Promise.all([page.waitForURL(/month=2026-11/),
      page.getByTestId('period-month').getByRole('button').click()]);
    assert.equal((await page.getByTestId('span').textContent()).trim(), '01-11-2026 – 30-11-2026');
    assert.deepEqual(sorted(await firstColumn(page)), DISKOMINFO);
    // From/to, backwards: a message, and the default 30 days.
    await page.getByTestId('from').fill('2026-11-20');
    await page.getByTestId('to').fill('2026-11-01');
    await Promise.all([page.waitForURL(/from=2026-11-20/),
      page.getByTestId('period-range').getByRole('button').click()]);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.textContent(), /Rentang tanggal tidak valid/);
    assert.match(await page.locator('main').innerText(), /\(30 hari\)/);
    assert.deepEqual(page.problems, []);
  });

  test('sorting by response rate, grouping by agency, sparklines and the trend chart', async () => {
    const page = await budi();
    await page.goto(`/ringkasan?month=${MONTH}`);
    const header = page.locator('[data-testid=overview] thead th').nth(3);  // Tingkat respons
    assert.equal((await header.textContent()).trim(), 'Tingkat respons');
    const rates = () => page.locator('[data-testid=overview] tbody td:nth-child(4)')
      .evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-sort'))));
    const before = await rates();
    assert.equal(before.length, DISKOMINFO.length);
    await header.click();
    assert.equal(await header.getAttribute('aria-sort'), 'ascending');
    assert.deepEqual(await rates(), [...before].sort((a, b) => a - b));
    await header.press('Enter');
    assert.deepEqual(await rates(), [...before].sort((a, b) => b - a));
    // One sparkline per row, each an accessible image.
    const sparks = page.locator('[data-testid=overview] svg.spark[role=img]');
    assert.equal(await sparks.count(), DISKOMINFO.length);
    assert.match(await sparks.first().locator('title').textContent(), /Tingkat respons per minggu/);
    // The trend chart: an image with a title, its data as a table.
    const chart = page.locator('section.trend svg.chart-svg[role=img]');
    assert.equal(await chart.count(), 1);
    assert.ok((await page.locator('section.trend details table tbody tr').count()) >= 4);
    await Promise.all([page.waitForURL(/by=agency/), page.getByTestId('by-agency').click()]);
    assert.deepEqual(await firstColumn(page), ['Diskominfo']);
    assert.deepEqual(page.problems, []);
  });

  test('drill-down into an account and a trainee; another agency is 404', async () => {
    const page = await budi();
    await page.goto(`/ringkasan?month=${MONTH}`);
    const link = page.locator('[data-testid=overview] tbody tr td:first-child a').first();
    const account = (await link.textContent()).trim();
    await Promise.all([page.waitForURL(/\/ringkasan\/akun\//), link.click()]);
    assert.equal(decodeURIComponent(path(page)), `/ringkasan/akun/${account}`);
    assert.equal((await page.locator('h1').textContent()).trim(), account);
    await page.getByTestId('key-figures').waitFor();
    assert.equal(await page.locator('section.trend svg.chart-svg[role=img]').count(), 2);
    const weeks = await firstColumn(page, 'account-trend');
    assert.ok(weeks.length >= 4 && weeks.every((w) => /^2026-W\d\d$/.test(w)), `weeks: ${weeks}`);
    const posts = page.locator('[data-testid=account-posts] tbody a');
    assert.ok((await posts.count()) > 0, 'latest posts listed');
    for (const href of await posts.evaluateAll((a) => a.map((x) => x.getAttribute('href')))) {
      assert.match(href, /^\/pos\/\d+$/);
    }
    const csv = await page.request.get(await page.getByTestId('csv').getAttribute('href'));
    assert.equal(csv.status(), 200);
    const csvWeeks = (await csv.text()).trim().split(/\r?\n/).slice(1).map((l) => l.split(',')[1]);
    assert.deepEqual(csvWeeks, weeks);
    await page.screenshot({ path: join(ARTIFACTS, 'ringkasan-akun.png'), fullPage: true });

    // The trainee who runs it.
    await Promise.all([page.waitForURL(/\/ringkasan\/trainee\/sari/),
      page.locator('main a[href^="/ringkasan/trainee/sari"]').click()]);
    const accounts = await texts(page.locator('[data-testid=trainee-accounts] li'));
    assert.deepEqual(sorted(accounts), DISKOMINFO);
    assert.deepEqual(sorted(await firstColumn(page, 'trainee-figures')), DISKOMINFO);
    await page.screenshot({ path: join(ARTIFACTS, 'ringkasan-peserta.png'), fullPage: true });

    // Grouped by trainee, sari is a row that links here too.
    await page.goto(`/ringkasan?month=${MONTH}&by=trainee`);
    assert.ok((await firstColumn(page)).includes('sari'));

    assert.deepEqual(page.problems, []);
    for (const other of DINKES) {  // (the browser logs each 404 as a console error)
      const r = await page.goto(`/ringkasan/akun/${other}`);
      assert.equal(r.status(), 404, other);
    }
    const api = await page.request.get(`/api/v1/overview/akun/${DINKES[0]}`);
    assert.equal(api.status(), 404);
  });

  test('monthly report: opened from /laporan, printed on A4 without the nav', async () => {
    const page = await budi();
    await page.goto('/laporan');
    const months = await texts(page.locator('[data-testid=months] li a'));
    assert.ok(months.includes('November 2026'), `months: ${months}`);
    assert.ok(!(await page.locator('main').innerText()).includes('Dinkes'));
    await Promise.all([page.waitForURL(/\/laporan\/Diskominfo\/2026-11$/),
      page.locator('[data-testid=months] a', { hasText: 'November 2026' }).click()]);
    assert.match(await page.locator('h1').textContent(), /Diskominfo · November 2026/);
    assert.match(await page.getByTestId('print-hint').textContent(), /Cetak \/ simpan PDF/);
    await page.getByTestId('print').waitFor();  // the optional button (report.js)
    assert.deepEqual(sorted(await firstColumn(page, 'report-accounts')), DISKOMINFO);
    assert.match(await page.getByTestId('open-total').textContent(), /^\d+$/);
    assert.equal(await page.locator('.report-trend svg[role=img]').count(), 1);
    await page.screenshot({ path: join(ARTIFACTS, 'laporan-screen.png'), fullPage: true });

    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('header nav').isVisible(), false, 'nav hidden in print');
    assert.equal(await page.getByTestId('print-hint').isVisible(), false);
    assert.equal(await page.getByTestId('key-figures').isVisible(), true);
    const rowBreak = await page.locator('[data-testid=report-accounts] tbody tr').first()
      .evaluate((tr) => getComputedStyle(tr).breakInside);
    assert.equal(rowBreak, 'avoid');
    await page.screenshot({ path: join(ARTIFACTS, 'laporan-print.png'), fullPage: true });
    await page.pdf({ path: join(ARTIFACTS, 'laporan-diskominfo-2026-11.pdf'), preferCSSPageSize: true });
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await page.locator('header nav').isVisible(), true);

    // Another agency's report is not there for budi.
    assert.deepEqual(page.problems, []);
    assert.equal((await page.goto('/laporan/Dinkes/2026-11')).status(), 404);
  });

  test('at 360 px the overview pages and the report fit the width', async () => {
    const viewport = { width: 360, height: 740 };
    const page = await budi({ viewport });
    for (const [route, name] of [
      [`/ringkasan?month=${MONTH}`, 'ringkasan-bulan'],
      [`/ringkasan${ALL_TIME}&by=agency`, 'ringkasan-instansi'],
      [`/ringkasan/akun/${DISKOMINFO[0]}?month=${MONTH}`, 'ringkasan-akun'],
      [`/ringkasan/trainee/sari?month=${MONTH}`, 'ringkasan-peserta'],
      ['/laporan', 'laporan-daftar'],
      [`/laporan/Diskominfo/${MONTH}`, 'laporan'],
    ]) {
      await page.goto(route);
      const { scrollWidth, tablesOk } = await fitsWidth(page);
      await page.screenshot({ path: join(ARTIFACTS, `${name}-360.png`), fullPage: true });
      assert.ok(scrollWidth <= 360, `${route}: scrollWidth ${scrollWidth} > 360`);
      assert.ok(tablesOk, `${route}: every table sits in a .scroll box within the viewport`);
    }
    assert.deepEqual(page.problems, []);
  });
});
