// The administration pages in a real browser: an admin adds a user through
// the form, registers an account and collects it ("Kumpulkan sekarang"),
// reads the rules with their examples; every admin page fits 360 px; other
// roles are refused. The account registered here points at a closed local
// port (the demo database has no real platform behind it) and is removed at
// the end, so the other files' tests see the demo data as it was.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, login, newContext, path, texts } from './common.mjs';

// Script errors and CSP violations; a refused form (409) and other statuses
// are asserted where they happen, so Chrome's "Failed to load resource"
// lines for them are not problems.
const problems = (page) => page.problems.filter((p) => !p.includes('Failed to load resource'));

const PAGES = [
  ['/admin', 'admin'],
  ['/admin/instansi', 'admin-instansi'],
  ['/admin/akun', 'admin-akun'],
  ['/admin/pengguna', 'admin-pengguna'],
  ['/admin/aturan', 'admin-aturan'],
  ['/admin/kolektor', 'admin-kolektor'],
];

describe('admin pages', () => {
  test('admin adds a user through the form; the new user can log in', async () => {
    const page = await login(await newContext(), 'admin');
    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    assert.equal(path(page), '/admin');
    await page.getByRole('link', { name: 'Pengguna', exact: true }).first().click();
    assert.equal(path(page), '/admin/pengguna');
    const form = page.getByTestId('add-user');
    await form.getByTestId('new-username').fill('tamu');
    await form.getByTestId('new-display-name').fill('Tamu <Uji> Peserta');
    await form.getByLabel('Peran').selectOption('trainee');
    await form.getByTestId('new-password').fill('sandi-tamu-panjang');
    await Promise.all([
      page.waitForURL('**/admin/pengguna?ok=user_added'),
      form.getByTestId('add-user-submit').click(),
    ]);
    assert.equal((await page.getByTestId('admin-ok').textContent()).trim(), 'Pengguna ditambahkan.');
    const row = page.locator('[data-testid=users] tr[data-user=tamu]');
    assert.equal(await row.count(), 1);
    assert.match(await row.textContent(), /Tamu <Uji> Peserta/);
    assert.match(await row.textContent(), /Peserta/);
    // A second one with the same name is refused politely, with the form kept.
    await form.getByTestId('new-username').fill('tamu');
    await form.getByTestId('new-password').fill('sandi-tamu-panjang');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      form.getByTestId('add-user-submit').click(),
    ]);
    assert.equal(refused.status(), 409);
    await page.getByTestId('admin-error').waitFor();
    assert.equal(await page.getByTestId('add-user').count(), 1);

    const tamu = await login(await newContext(), 'tamu', 'sandi-tamu-panjang');
    assert.equal(path(tamu), '/beranda');
    assert.deepEqual(problems(page), []);
  });

  test('admin registers an account, collects it and sees the run on the collector page', async () => {
    const page = await login(await newContext(), 'admin');
    await page.goto('/admin/akun');
    const form = page.getByTestId('add-account');
    await form.getByLabel('Platform').selectOption('mastodon');
    await form.getByTestId('handle').fill('uji.browser');
    await form.getByTestId('agency').fill('Diskominfo');
    // Nothing listens on port 9: the run fails fast, and says so.
    await form.getByTestId('base-url').fill('http://127.0.0.1:9');
    await Promise.all([
      page.waitForURL('**/admin/akun?ok=account_added'),
      form.getByTestId('add-account-submit').click(),
    ]);
    const account = page.locator('[data-testid=registered] tr[data-account="mastodon:uji.browser"]');
    assert.equal(await account.count(), 1);
    // Where the token would come from, never a token.
    assert.equal(await account.locator('[data-token]').getAttribute('data-token'), 'missing');
    assert.match(await account.textContent(), /TANGGAP_TOKEN_MASTODON_UJI_BROWSER/);

    await page.getByRole('link', { name: 'Kolektor', exact: true }).first().click();
    assert.equal(path(page), '/admin/kolektor');
    const run = page.locator('[data-testid=runs] tr[data-account="mastodon:uji.browser"]');
    assert.match(await run.textContent(), /Belum pernah dijalankan/);
    await Promise.all([
      page.waitForURL('**/admin/kolektor?ok=collect_started'),
      page.getByTestId('collect-now').click(),
    ]);
    // The page reloads itself (admin.js) until the run has finished.
    await page.locator('[data-testid=runs] tr[data-account="mastodon:uji.browser"] [data-status]')
      .waitFor({ timeout: 90_000 });
    await page.locator('[data-testid=collect-state]:not([data-collect-running])')
      .waitFor({ timeout: 90_000 });
    assert.equal(await run.locator('[data-status]').getAttribute('data-status'), 'failed');
    assert.equal((await run.locator('[data-status]').textContent()).trim(), 'gagal');
    assert.notEqual((await run.locator('td.run-error').textContent()).trim(), '–');
    assert.match(await page.getByTestId('collect-state').textContent(),
      /Pengumpulan terakhir dari dasbor selesai .* WIB: 1 akun, 1 tidak berhasil penuh/);
    await page.screenshot({ path: join(ARTIFACTS, 'admin-kolektor-run.png'), fullPage: true });

    // Leave the demo data as it was.
    await page.goto('/admin/akun');
    await Promise.all([
      page.waitForURL('**/admin/akun?ok=account_removed'),
      account.getByTestId('remove-account').click(),
    ]);
    assert.equal(await account.count(), 0);
    assert.deepEqual(problems(page), []);
  });

  test('the rules page lists a rule with its messages, suggestion and examples', async () => {
    const page = await login(await newContext(), 'admin');
    await page.goto('/admin/aturan');
    const rule = page.locator('details.rule[data-rule="ID.Anda"]');
    assert.equal(await rule.count(), 1);
    const bad = rule.locator('ul.examples.bad li');
    assert.equal(await bad.first().isVisible(), false, 'examples start folded');
    // Folded, the rule still shows its suggestion beside its message.
    const suggestion = rule.locator('summary .rule-suggestion');
    assert.equal(await suggestion.isVisible(), true);
    assert.equal((await suggestion.textContent()).trim(), "→ Tulis 'Anda'.");
    await rule.locator('summary').click();
    assert.deepEqual(await texts(bad), [
      'Apakah anda sudah membayar pajak kendaraan tahun ini?',
      'Lindungi keluarga anda dari DBD dengan menguras bak mandi seminggu sekali.',
    ]);
    assert.ok((await texts(rule.locator('ul.examples.good li')))
      .includes('Apakah Anda sudah membayar pajak kendaraan tahun ini?'));
    assert.match(await rule.textContent(), /Tulis 'Anda'\./);
    assert.match(await rule.textContent(), /The pronoun 'Anda' is always capitalised\./);
    // Keyboard: the next rule opens with Enter.
    const next = page.locator('details.rule').nth(2);
    await next.locator('summary').focus();
    await page.keyboard.press('Enter');
    assert.equal(await next.getAttribute('open'), '');
    assert.ok(await page.locator('section.pack[data-pack=nada-balasan] details.rule').count() > 0);
    await page.screenshot({ path: join(ARTIFACTS, 'admin-aturan-open.png'), fullPage: true });
  });

  test('supervisors and trainees are refused every admin page', async () => {
    for (const user of ['budi', 'sari']) {
      const page = await login(await newContext(), user);
      assert.equal(await page.locator('nav a[href="/admin"]').count(), 0, `${user}: no Admin link`);
      for (const [route] of PAGES) {
        const response = await page.goto(route);
        assert.equal(response.status(), 403, `${user} ${route}`);
      }
      assert.equal((await page.request.get('/api/v1/admin/pengguna')).status(), 403);
    }
  });

  for (const [width, height] of [[360, 740], [1280, 800]]) {
    test(`at ${width}x${height} every admin page fits the width`, async () => {
      const page = await login(await newContext({ viewport: { width, height } }), 'admin');
      for (const [route, name] of PAGES) {
        await page.goto(route);
        if (route === '/admin/pengguna') {
          await page.locator('tr[data-user=sari] details.edit summary').click();
        }
        const { scrollWidth, tablesOk } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          tablesOk: [...document.querySelectorAll('main table')].every((t) => {
            const box = t.closest('.scroll');
            return box !== null && box.clientWidth <= document.documentElement.clientWidth;
          }),
        }));
        await page.screenshot({ path: join(ARTIFACTS, `${name}-${width}.png`), fullPage: true });
        assert.ok(scrollWidth <= width, `${route}: scrollWidth ${scrollWidth} > ${width}`);
        assert.ok(tablesOk, `${route}: every table sits in a .scroll box`);
      }
      assert.deepEqual(problems(page), []);
    });
  }
});
