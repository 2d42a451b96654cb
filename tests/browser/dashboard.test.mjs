// Real-browser tests of the Tanggap dashboard: playwright-core drives Debian's
// chromium against a `tanggap serve` started by scripts/browser-test, which
// passes BASE_URL, TANGGAP_PASSWORD (every user's), TANGGAP_FIXTURE (accounts
// per agency and the hostile texts it imported) and TANGGAP_ARTIFACTS.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ALL_TIME, ARTIFACTS, BASE_URL, DINKES, DISKOMINFO, FIXTURE, PASSWORD, XSS, accountKey, login,
  newContext, newPage, path, sorted, texts,
} from './common.mjs';

async function overviewGroups(page) {
  return texts(page.locator('[data-testid=overview] tbody tr td:first-child'));
}

describe('login and roles', () => {
  for (const [user, landing] of [
    ['admin', '/ringkasan'],
    ['budi', '/ringkasan'],
    ['dewi', '/ringkasan'],
    ['sari', '/beranda'],
  ]) {
    test(`${user} logs in and lands on ${landing}`, async () => {
      const context = await newContext();
      const page = await login(context, user);
      assert.equal(path(page), landing);
      await assert.doesNotReject(page.getByTestId('logout').waitFor());
      assert.match(await page.getByTestId('logout').textContent(), new RegExp(`\\(${user}\\)`));
      const overviewLinks = await page.locator('nav a[href="/ringkasan"]').count();
      assert.equal(overviewLinks, user === 'sari' ? 0 : 1, 'Ringkasan link only for non-trainees');
      const session = (await context.cookies()).find((c) => c.name === 'tanggap_session');
      assert.ok(session, 'session cookie set');
      assert.equal(session.httpOnly, true);
      assert.equal(session.sameSite, 'Strict');
    });
  }

  test('wrong password shows an alert with status 401 and no session', async () => {
    const context = await newContext();
    const page = await newPage(context);
    await page.goto('/login');
    await page.getByTestId('username').fill('budi');
    await page.getByTestId('password').fill('not-the-password-at-all');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/login')),
      page.getByTestId('login').click(),
    ]);
    assert.equal(response.status(), 401);
    await page.waitForLoadState();
    assert.equal(path(page), '/login');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.equal((await alert.textContent()).trim(), 'Nama pengguna atau kata sandi salah.');
    const cookies = await context.cookies();
    assert.equal(cookies.find((c) => c.name === 'tanggap_session'), undefined);
    // The form is shown again, ready for another try.
    assert.equal(await page.getByTestId('username').count(), 1);
  });

  test('logged out: pages redirect to /login, the API answers 401', async () => {
    const context = await newContext();
    const page = await newPage(context);
    for (const route of ['/', '/beranda', '/latihan', '/ringkasan']) {
      await page.goto(route);
      assert.equal(path(page), '/login', `${route} redirects to /login`);
    }
    for (const route of ['/api/v1/posts', '/api/v1/overview']) {
      const r = await page.request.get(route);
      assert.equal(r.status(), 401, route);
      assert.deepEqual(await r.json(), { error: 'login required' });
    }
  });
});

describe('who sees what', () => {
  test('trainee sari sees her four Diskominfo accounts and their posts, nothing of Dinkes', async () => {
    const page = await login(await newContext(), 'sari');
    const accounts = (await texts(page.locator('[data-testid=accounts] li'))).map(accountKey);
    assert.deepEqual(sorted(accounts), DISKOMINFO);
    const postAccounts = await texts(page.locator('[data-testid=posts] tbody tr td:nth-child(2)'));
    assert.ok(postAccounts.length > 0, 'posts table has rows');
    for (const a of postAccounts) assert.ok(DISKOMINFO.includes(a), `unexpected account ${a}`);
    const agencies = await texts(page.locator('[data-testid=accounts] li'));
    for (const li of agencies) assert.match(li, /· Diskominfo$/);

    const api = await page.request.get('/api/v1/posts');
    assert.equal(api.status(), 200);
    const posts = await api.json();
    assert.ok(posts.length > 0);
    for (const p of posts) assert.ok(DISKOMINFO.includes(p.account), `API leaks ${p.account}`);
  });

  test('trainee gets 403 from /ringkasan, its CSV and /api/v1/overview', async () => {
    const page = await login(await newContext(), 'sari');
    for (const route of ['/ringkasan', '/ringkasan.csv', '/api/v1/overview']) {
      const r = await page.request.get(route, { maxRedirects: 0 });
      assert.equal(r.status(), 403, route);
      assert.ok(!(await r.text()).includes('diskominfo'), `${route} leaks data`);
    }
    const r = await page.goto('/ringkasan');
    assert.equal(r.status(), 403);
    assert.equal(await page.locator('[data-testid=overview]').count(), 0);
  });

  for (const [user, agency, accounts, others] of [
    ['budi', 'Diskominfo', DISKOMINFO, DINKES],
    ['dewi', 'Dinkes', DINKES, DISKOMINFO],
  ]) {
    test(`supervisor ${user} sees only ${agency} in the overview, its API and CSV`, async () => {
      const page = await login(await newContext(), user);
      await page.goto('/ringkasan' + ALL_TIME);
      assert.deepEqual(sorted(await overviewGroups(page)), accounts);
      const html = await page.locator('main').innerText();
      for (const a of others) assert.ok(!html.includes(a), `${a} visible to ${user}`);

      const api = await page.request.get('/api/v1/overview' + ALL_TIME);
      assert.equal(api.status(), 200);
      assert.deepEqual(sorted((await api.json()).map((r) => r.group)), accounts);
      const posts = await (await page.request.get('/api/v1/posts')).json();
      assert.ok(posts.length > 0);
      for (const p of posts) assert.ok(accounts.includes(p.account), `API leaks ${p.account}`);
      await page.goto('/beranda');
      const home = (await texts(page.locator('[data-testid=accounts] li'))).map(accountKey);
      assert.deepEqual(sorted(home), accounts);
    });
  }

  test('admin sees every account in the overview', async () => {
    const page = await login(await newContext(), 'admin');
    await page.goto('/ringkasan' + ALL_TIME);
    assert.deepEqual(sorted(await overviewGroups(page)), FIXTURE.allAccounts);
  });
});

describe('home queue', () => {
  test('open citizen questions are listed, hostile ones as text with javascript: links neutralised', async () => {
    const page = await login(await newContext({ bypassCSP: true }), 'sari');
    const items = page.locator('[data-testid=queue] li');
    const first = (await items.first().textContent()).trim();
    assert.notEqual(first, 'Tidak ada pertanyaan terbuka. Bagus!',
      'demo data leaves ~30% of Diskominfo questions open, so the queue must not be empty');
    // The planted question is the oldest open one, so it comes first.
    assert.ok(first.includes('<svg onload="window.__xss=3"></svg>'), `first item: ${first}`);
    assert.ok(first.includes(XSS.replyAuthor), 'hostile author handle shown as text');
    assert.equal(await page.locator('[data-testid=queue] svg, [data-testid=queue] img').count(), 0);
    assert.equal(await page.locator('a[href^="javascript:" i]').count(), 0);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
  });
});

describe('practice editor', () => {
  const DRAFT =
    'Dalam rangka memperingati hari jadi kota, bersama ini disampaikan bahwa pelayanan tutup.';

  // The ID.BahasaBirokrasi finding's link to its lesson, live or submitted:
  // same class, target and text ("Pelajari: " + the lesson's title).
  async function assertLessonLink(page) {
    const finding = page.locator('[data-testid=result] ol.findings li')
      .filter({ hasText: 'ID.BahasaBirokrasi' }).first();
    const link = finding.locator('a.lesson-link');
    await link.waitFor();
    assert.equal(await link.count(), 1);
    assert.equal(await link.getAttribute('href'), '/materi/bahasa-baku');
    assert.equal((await link.textContent()).trim(), 'Pelajari: Bahasa baku yang hemat dan sopan');
  }

  test('live findings appear while typing, without submitting the form', async () => {
    const page = await login(await newContext(), 'sari');
    await page.goto('/latihan');
    await page.evaluate(() => { window.__samePage = true; });
    const checks = [];
    page.on('request', (r) => { if (r.url().endsWith('/api/v1/check')) checks.push(r); });
    const firstCheck = page.waitForResponse((r) => r.url().endsWith('/api/v1/check'));
    await page.getByTestId('draft').pressSequentially(DRAFT, { delay: 5 });
    const response = await firstCheck;
    assert.equal(response.status(), 200);
    const score = page.getByTestId('live-score');
    await score.waitFor();
    assert.match((await score.textContent()).trim(), /^\d{1,3} \/ 100 · \d+$/);
    const findings = await texts(page.locator('[data-testid=result] ol.findings li'));
    assert.ok(findings.some((f) => f.includes('ID.BahasaBirokrasi') && f.includes('«Dalam rangka»')),
      `findings: ${findings.join(' | ')}`);
    // The finding links to the lesson that teaches its rule, as the page
    // without JavaScript does (from the check JSON's "lesson").
    await assertLessonLink(page);
    // Same document (no navigation), and the check was debounced.
    assert.equal(await page.evaluate(() => window.__samePage), true);
    assert.equal(path(page), '/latihan');
    assert.ok(checks.length >= 1 && checks.length < DRAFT.length / 4,
      `${checks.length} checks for ${DRAFT.length} keys: not debounced`);
    assert.equal(checks[0].method(), 'POST');
    assert.ok(checks[0].postData().includes('Dalam+rangka'), 'draft sent as a form field');

    // Changing the platform re-checks at once.
    const recheck = page.waitForResponse((r) => r.url().endsWith('/api/v1/check'));
    await page.getByTestId('platform').selectOption('x');
    assert.equal((await recheck).status(), 200);
    assert.equal(path(page), '/latihan');
  });

  test('without JavaScript, submitting the form shows the findings', async () => {
    const context = await newContext({ javaScriptEnabled: false });
    const page = await login(context, 'sari');
    await page.goto('/latihan');
    await page.getByTestId('draft').fill(DRAFT);
    await page.getByTestId('platform').selectOption('facebook');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/latihan')),
      page.getByTestId('check').click(),
    ]);
    assert.equal(response.status(), 200);
    await page.waitForLoadState();
    const result = page.getByTestId('result');
    assert.match(await result.locator('p.score').innerText(), /Skor kejelasan: \d{1,3}/);
    const findings = await texts(result.locator('ol.findings li'));
    assert.ok(findings.some((f) => f.includes('ID.BahasaBirokrasi') && f.includes('«Dalam rangka»')),
      `findings: ${findings.join(' | ')}`);
    assert.equal(await page.getByTestId('live-score').count(), 0);
    await assertLessonLink(page);
    assert.equal(await page.getByTestId('draft').inputValue(), DRAFT, 'draft kept');
    assert.equal(await page.getByTestId('platform').inputValue(), 'facebook', 'platform kept');
  });

  test('the check API refuses a request without the CSRF token', async () => {
    const page = await login(await newContext(), 'sari');
    const r = await page.request.post('/api/v1/check', { form: { text: DRAFT, platform: 'x' } });
    assert.equal(r.status(), 403);
    const form = await page.request.post('/latihan', { form: { text: DRAFT, platform: 'x' } });
    assert.equal(form.status(), 403);
  });

  test('hostile drafts render as text, live and submitted', async () => {
    const page = await login(await newContext({ bypassCSP: true }), 'sari');
    await page.goto('/latihan');
    const draft = `Dalam rangka <img src=x onerror="window.__xss=6"> <script>window.__xss=7</script>`;
    const live = page.waitForResponse((r) => r.url().endsWith('/api/v1/check'));
    await page.getByTestId('draft').fill(draft);
    await live;
    await page.getByTestId('live-score').waitFor();
    assert.equal(await page.locator('main img, main script').count(), 0);
    await Promise.all([page.waitForURL('**/latihan'), page.getByTestId('check').click()]);
    await page.getByTestId('result').locator('p.score').waitFor();
    assert.equal(await page.getByTestId('draft').inputValue(), draft);
    assert.equal(await page.locator('main img, main script').count(), 0);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.deepEqual(page.dialogs, []);
  });
});

describe('overview', () => {
  test('CSV link downloads the supervisor\'s rows', async () => {
    const page = await login(await newContext(), 'budi');
    await page.goto('/ringkasan' + ALL_TIME);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('csv').click(),
    ]);
    assert.equal(download.suggestedFilename(), 'tanggap-ringkasan.csv');
    const file = join(ARTIFACTS, 'ringkasan-budi.csv');
    await download.saveAs(file);
    const csv = readFileSync(file, 'utf8');
    assert.ok(csv.startsWith('group,period,'), `CSV starts with ${JSON.stringify(csv.slice(0, 40))}`);
    const groups = csv.trim().split(/\r?\n/).slice(1).map((l) => l.split(',')[0]);
    assert.deepEqual(sorted(groups), DISKOMINFO);
  });

  test('clicking a header sorts the table, again reverses it', async () => {
    const page = await login(await newContext(), 'admin');
    await page.goto('/ringkasan' + ALL_TIME);
    const header = page.locator('[data-testid=overview] thead th').nth(2);  // Pertanyaan
    const column = () => texts(page.locator('[data-testid=overview] tbody td:nth-child(3)'))
      .then((a) => a.map(Number));
    const before = await column();
    assert.ok(before.length > 1 && before.every(Number.isFinite), `questions: ${before}`);
    await header.click();
    assert.equal(await header.getAttribute('aria-sort'), 'ascending');
    assert.deepEqual(await column(), [...before].sort((a, b) => a - b));
    await header.press('Enter');
    assert.equal(await header.getAttribute('aria-sort'), 'descending');
    assert.deepEqual(await column(), [...before].sort((a, b) => b - a));
  });
});

describe('hostile content', () => {
  for (const user of ['sari', 'admin']) {
    test(`planted XSS post renders as text on /beranda (${user}, CSP bypassed)`, async () => {
      // CSP is bypassed so that only the HTML escaping stands between the
      // payload and the page: if escaping broke, window.__xss would be set.
      const page = await login(await newContext({ bypassCSP: true }), user);
      if (path(page) !== '/beranda') await page.goto('/beranda');
      await page.waitForTimeout(300);  // let any injected handler run
      const cell = page.locator('[data-testid=posts] td.post', { hasText: 'UJI <script>' });
      assert.equal(await cell.count(), 1, 'the planted post is on the page');
      await assert.doesNotReject(cell.waitFor({ state: 'visible' }));
      const shown = await cell.textContent();
      assert.ok(shown.includes('<script>window.__xss=1</script>'), 'literal <script> shown as text');
      assert.ok(shown.includes('"><img src=x onerror="window.__xss=2">'), 'literal <img> shown');
      assert.ok(shown.includes('javascript:alert(1)'));
      assert.ok(!/[\u202a-\u202e\u2066-\u2069]/.test(shown), 'bidi overrides neutralised');
      assert.equal(await cell.locator('bdi').count(), 1, 'post text isolated in <bdi>');
      assert.equal(await page.evaluate(() => window.__xss), undefined);
      assert.equal(await page.locator('main script, main img, main svg, main iframe').count(), 0);
      assert.equal(await page.locator('main [onerror], main [onload]').count(), 0);
      assert.equal(await page.locator('a[href^="javascript:" i]').count(), 0);
      const main = await page.locator('main').textContent();
      assert.ok(!/[\u202a-\u202e\u2066-\u2069]/.test(main), 'no bidi override anywhere in main');
      assert.deepEqual(page.dialogs, []);

      const posts = await (await page.request.get('/api/v1/posts')).json();
      const planted = posts.find((p) => p.account === XSS.account && p.text === XSS.postText);
      assert.ok(planted, 'the API returns the planted text byte for byte');
    });
  }
});

describe('text rendering', () => {
  test('a short post ending in an emoji is shown whole on /beranda', async () => {
    const page = await login(await newContext(), 'sari');
    const cell = page.locator('[data-testid=posts] td.post', { hasText: 'Terima kasih sudah hadir' });
    assert.equal(await cell.count(), 1, 'the planted post is on the page');
    assert.equal((await cell.textContent()).trim(), FIXTURE.emojiText);
  });
});

describe('layout and screenshots', () => {
  for (const [width, height] of [[360, 740], [1280, 800]]) {
    test(`at ${width}x${height} pages fit the width; tables scroll inside .scroll`, async () => {
      const viewport = { width, height };
      const trainee = await login(await newContext({ viewport }), 'sari');
      const supervisor = await login(await newContext({ viewport }), 'budi');
      const pages = [
        [trainee, '/beranda', 'beranda'],
        [trainee, '/latihan', 'latihan'],
        [supervisor, '/ringkasan' + ALL_TIME, 'ringkasan'],
      ];
      for (const [page, route, name] of pages) {
        await page.goto(route);
        if (name === 'latihan') {
          await page.getByTestId('draft').fill(
            'Dalam rangka HUT Kota, bersama ini disampaikan pelayanan KTP tutup tgl 12/11 jam 8 ' +
            'gak ada antrian, info lengkap bit.ly/abc #pangkalpinang #pgk #kotapgk');
          await page.getByTestId('live-score').waitFor();
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
        assert.ok(tablesOk, `${route}: every table sits in a .scroll box within the viewport`);
      }
    });
  }
});

describe('session and headers', () => {
  test('logout ends the session; /beranda then redirects to /login', async () => {
    const context = await newContext();
    const page = await login(context, 'sari');
    const stolen = (await context.cookies()).find((c) => c.name === 'tanggap_session');
    await Promise.all([page.waitForURL('**/login'), page.getByTestId('logout').click()]);
    await page.goto('/beranda');
    assert.equal(path(page), '/login');
    assert.equal((await page.request.get('/api/v1/posts')).status(), 401);
    // The old cookie is dead on the server too, not only in this browser.
    const other = await newContext();
    await other.addCookies([stolen]);
    const page2 = await newPage(other);
    await page2.goto('/beranda');
    assert.equal(path(page2), '/login');
  });

  test('responses carry a CSP without inline scripts and the other security headers', async () => {
    const page = await login(await newContext(), 'budi');
    for (const route of ['/login', '/beranda', '/latihan', '/ringkasan', '/api/v1/posts',
                         '/static/app.js']) {
      const r = await page.request.get(route);
      const h = r.headers();
      const csp = h['content-security-policy'];
      assert.ok(csp, `${route} has a Content-Security-Policy`);
      assert.match(csp, /script-src 'self'(;|$)/, `${route}: ${csp}`);
      assert.ok(!/unsafe-inline|unsafe-eval/.test(csp), `${route}: ${csp}`);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(h['x-content-type-options'], 'nosniff', route);
      assert.equal(h['x-frame-options'], 'DENY', route);
    }
    const html = await (await page.request.get('/beranda')).text();
    assert.ok(!/<script(?![^>]*\ssrc=)[^>]*>/i.test(html), 'no inline <script> in the page');
  });

  test('pages load without console errors or CSP violations', async () => {
    const trainee = await login(await newContext(), 'sari');
    const supervisor = await login(await newContext(), 'budi');
    for (const [page, route] of [[trainee, '/beranda'], [trainee, '/latihan'],
                                 [supervisor, '/ringkasan' + ALL_TIME]]) {
      await page.goto(route);
      await page.waitForLoadState('networkidle');
    }
    await trainee.getByTestId('draft').fill('Dalam rangka uji');
    await trainee.getByTestId('live-score').waitFor();
    assert.deepEqual([...trainee.problems, ...supervisor.problems], []);
  });
});

describe('language', () => {
  test('?lang=en on /login answers in English at once', async () => {
    const page = await newPage(await newContext());
    await page.goto('/login?lang=en');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en',
      '/login?lang=en sets the cookie but renders this response in Indonesian');
    assert.equal((await page.locator('h1').textContent()).trim(), 'Log in to Tanggap');
  });

  test('the language chosen with ?lang=en is kept by cookie, through login', async () => {
    const context = await newContext();
    const page = await newPage(context);
    await page.goto('/login?lang=en');
    const lang = (await context.cookies()).find((c) => c.name === 'tanggap_lang');
    assert.equal(lang?.value, 'en');
    await page.goto('/login');
    assert.equal((await page.locator('h1').textContent()).trim(), 'Log in to Tanggap');
    await page.getByTestId('username').fill('sari');
    await page.getByTestId('password').fill(PASSWORD);
    await Promise.all([page.waitForURL('**/beranda'), page.getByTestId('login').click()]);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal((await page.locator('h1').textContent()).trim(), 'My home');
  });

  test('the language link in the nav switches language on any page', async () => {
    const page = await login(await newContext(), 'sari');
    assert.equal(await page.locator('html').getAttribute('lang'), 'id');
    await Promise.all([page.waitForLoadState(), page.locator('nav a', { hasText: 'English' }).click()]);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en',
      `after clicking English on /beranda the page (${page.url()}) is still Indonesian`);
    assert.equal((await page.locator('h1').textContent()).trim(), 'My home');
  });

  test('in English, live findings are in English like submitted ones', async () => {
    const context = await newContext({ locale: 'en-US' });
    const page = await newPage(context);
    await page.goto('/login?lang=en');
    await page.goto('/login');
    await page.getByTestId('username').fill('sari');
    await page.getByTestId('password').fill(PASSWORD);
    await Promise.all([page.waitForURL('**/beranda'), page.getByTestId('login').click()]);
    await page.goto('/latihan');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.getByTestId('draft').fill('Dalam rangka uji');
    await page.getByTestId('live-score').waitFor();
    const live = await texts(page.locator('[data-testid=result] ol.findings li'));
    await Promise.all([page.waitForURL('**/latihan'), page.getByTestId('check').click()]);
    await page.getByTestId('result').locator('p.score').waitFor();
    const submitted = await texts(page.locator('[data-testid=result] ol.findings li'));
    const english = "Use a direct verb or a shorter form: 'Untuk' instead of 'Dalam rangka'.";
    assert.ok(submitted.some((f) => f.includes(english)), `submitted: ${submitted.join(' | ')}`);
    assert.ok(live.some((f) => f.includes(english)), `live: ${live.join(' | ')}`);
    // The lesson link too: its label and the lesson's title in English.
    const lesson = 'Learn: Standard, economical and polite Indonesian';
    assert.ok(submitted.some((f) => f.includes(lesson)), `submitted: ${submitted.join(' | ')}`);
    assert.ok(live.some((f) => f.includes(lesson)), `live: ${live.join(' | ')}`);
  });
});
