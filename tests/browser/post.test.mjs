// The post detail page (/pos/<id>) in a real browser: reached from Beranda,
// marks that line up with the quoted findings, hostile posts inert, no
// horizontal scroll on a phone, 404 for other agencies' posts, and the
// trend on Beranda. Run by scripts/browser-test (see dashboard.test.mjs).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, XSS, login, newContext, path, texts } from './common.mjs';

// The post among the trainee's latest that has the most marked findings
// (and replies, when any has them), read through the JSON API.
async function richPost(page) {
  const posts = await (await page.request.get('/api/v1/posts')).json();
  let best = null;
  for (const p of posts.slice(0, 30)) {
    const d = await (await page.request.get(`/api/v1/posts/${p.id}`)).json();
    const marked = d.findings.filter((f) => f.media_index === null && f.text !== '').length;
    const rank = marked + (d.replies_total > 0 ? 100 : 0) + (d.metrics.length > 1 ? 50 : 0);
    if (!best || rank > best.rank) best = { id: p.id, rank, marked, detail: d };
  }
  return best;
}

// For each finding number: the text of its <mark> pieces (markers left
// out) and the quoted text in the list.
async function marksAndQuotes(page) {
  return page.evaluate(() => {
    const textOf = (el) => {
      const copy = el.cloneNode(true);
      copy.querySelectorAll('.marker').forEach((m) => m.remove());
      return copy.textContent;
    };
    const marks = {};
    for (const m of document.querySelectorAll('[data-testid=post-text] mark[data-finding]')) {
      marks[m.dataset.finding] = (marks[m.dataset.finding] ?? '') + textOf(m);
    }
    const quotes = {};
    for (const li of document.querySelectorAll('[data-testid=findings] li')) {
      const q = li.querySelector('[data-testid=finding-text]');
      if (q && !li.querySelector('.where')) quotes[li.dataset.finding] = q.textContent;
    }
    const markers = [...document.querySelectorAll('[data-testid=post-text] sup.marker')]
      .map((s) => s.textContent.trim());
    return { marks, quotes, markers };
  });
}

describe('post detail', () => {
  test('sari opens a post from Beranda; every mark equals its finding\'s quoted text', async () => {
    const page = await login(await newContext(), 'sari');
    assert.equal(path(page), '/beranda');
    const link = page.locator('[data-testid=posts] td.post a').first();
    const href = await link.getAttribute('href');
    assert.match(href, /^\/pos\/\d+$/);
    await Promise.all([page.waitForURL(`**${href}`), link.click()]);
    assert.equal(path(page), href);
    await page.getByTestId('post-text').waitFor();

    const best = await richPost(page);
    assert.ok(best && best.marked > 0, 'some recent post has findings with a span');
    // Only this page's problems: the login page's favicon.ico 404 is not ours.
    page.problems.length = 0;
    await page.goto(`/pos/${best.id}`);
    await page.waitForLoadState('networkidle');
    const { marks, quotes, markers } = await marksAndQuotes(page);
    assert.ok(Object.keys(marks).length > 0, 'the text has marks');
    assert.deepEqual(Object.keys(marks).sort(), Object.keys(quotes).sort(),
      'each quoted finding has a mark and each mark a finding');
    for (const n of Object.keys(marks)) {
      assert.equal(marks[n], quotes[n], `finding ${n}: mark text and quoted text differ`);
    }
    // Without colour: every mark is followed by its number and level word.
    assert.equal(markers.length, Object.keys(marks).length);
    for (const m of markers) assert.match(m, /^\d+ (Kesalahan|Peringatan|Saran)$/);
    // The number links to the finding in the list.
    const first = page.locator('[data-testid=post-text] sup.marker a').first();
    const target = await first.getAttribute('href');
    await first.focus();
    await page.keyboard.press('Enter');
    assert.ok(page.url().endsWith(target), `${page.url()} ends with ${target}`);

    // Score, breakdown, replies with labels and answer times, and the chart.
    if (best.detail.clarity?.scored) {
      assert.equal((await page.getByTestId('clarity').innerText()).trim(),
        `${best.detail.clarity.score} / 100`);
    }
    if (best.detail.replies_total > 0) {
      const labels = await texts(page.getByTestId('reply-label'));
      const expected = best.detail.replies.filter((r) => !r.is_agency && r.label).length;
      assert.equal(labels.length, expected);
      const outcomes = await texts(page.getByTestId('outcome'));
      const questions = best.detail.replies.filter((r) => r.question).length;
      assert.equal(outcomes.length, questions);
      for (const o of outcomes) assert.match(o, /^(Dijawab oleh .* setelah .*|Belum dijawab\.)$/);
    }
    if (best.detail.metrics.length > 0) {
      assert.equal(await page.getByTestId('engagement-chart').count(), 1);
    }
    assert.deepEqual(page.problems, [], 'no console errors or CSP violations on the post page');
  });

  test('a hostile post renders inert (CSP bypassed)', async () => {
    const page = await login(await newContext({ bypassCSP: true }), 'sari');
    const posts = await (await page.request.get('/api/v1/posts')).json();
    const planted = posts.find((p) => p.account === XSS.account && p.text === XSS.postText);
    assert.ok(planted, 'the planted post is among sari\'s latest');
    await page.goto(`/pos/${planted.id}`);
    await page.waitForTimeout(300);  // let any injected handler run
    const shown = await page.getByTestId('post-text').textContent();
    assert.ok(shown.includes('<script>window.__xss=1</script>'), 'literal <script> shown');
    assert.ok(shown.includes('"><img src=x onerror="window.__xss=2">'), 'literal <img> shown');
    const replies = await page.getByTestId('replies').textContent();
    assert.ok(replies.includes('<svg onload="window.__xss=3"></svg>'), 'reply shown as text');
    assert.ok(replies.includes(XSS.replyAuthor), 'hostile author shown as text');
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.equal(await page.locator('main script, main img, main iframe').count(), 0);
    assert.equal(await page.locator('main svg:not(.chart)').count(), 0);
    assert.equal(await page.locator('main [onerror], main [onload]').count(), 0);
    assert.equal(await page.locator('a[href^="javascript:" i]').count(), 0);
    const main = await page.locator('main').textContent();
    assert.ok(!/[\u202a-\u202e\u2066-\u2069]/.test(main), 'no bidi override in main');
    assert.deepEqual(page.dialogs, []);
  });

  test('another agency\'s post is 404, page and API alike', async () => {
    const dewi = await login(await newContext(), 'dewi');
    const dinkes = await (await dewi.request.get('/api/v1/posts')).json();
    assert.ok(dinkes.length > 0);
    const sari = await login(await newContext(), 'sari');
    const page = await sari.request.get(`/pos/${dinkes[0].id}`);
    assert.equal(page.status(), 404);
    assert.ok(!(await page.text()).includes(dinkes[0].text.slice(0, 40)));
    const missing = await sari.request.get('/pos/987654321');
    assert.equal(missing.status(), 404);
    assert.equal(await page.text(), await missing.text(), 'forbidden and missing look the same');
    const api = await sari.request.get(`/api/v1/posts/${dinkes[0].id}`);
    assert.equal(api.status(), 404);
    // dewi herself opens it.
    assert.equal((await dewi.request.get(`/pos/${dinkes[0].id}`)).status(), 200);
  });

  for (const [width, height] of [[360, 740], [1280, 800]]) {
    test(`at ${width}x${height} the post page fits the width`, async () => {
      const page = await login(await newContext({ viewport: { width, height } }), 'sari');
      const best = await richPost(page);
      await page.goto(`/pos/${best.id}`);
      await page.locator('details').first().evaluate((d) => { d.open = true; }).catch(() => {});
      const { scrollWidth, tablesOk } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        tablesOk: [...document.querySelectorAll('main table')].every((t) => {
          const box = t.closest('.scroll');
          return box !== null && box.clientWidth <= document.documentElement.clientWidth;
        }),
      }));
      await page.screenshot({ path: join(ARTIFACTS, `pos-${width}.png`), fullPage: true });
      assert.ok(scrollWidth <= width, `scrollWidth ${scrollWidth} > ${width}`);
      assert.ok(tablesOk, 'every table sits in a .scroll box within the viewport');
    });
  }
});

describe('home trend', () => {
  test('Beranda shows this month against last for sari\'s accounts', async () => {
    const page = await login(await newContext(), 'sari');
    // The demo data ends on 2026-11-30: ask for that month, not the clock's.
    await page.goto('/beranda?month=2026-11');
    const trend = page.getByTestId('trend');
    assert.match(await trend.locator('h2').innerText(), /November 2026 dibanding Oktober 2026/);
    const row = (id) => trend.getByTestId(id);
    const [nov, oct] = [await row('trend-clarity').locator('.value').innerText(),
                        (await texts(row('trend-clarity').locator('td')))[1]];
    assert.match(nov, /^\d{1,3}\.\d$/);
    assert.match(oct, /^\d{1,3}\.\d$/);
    assert.match(await row('trend-rate').locator('.value').innerText(), /^\d{1,3}%$/);
    assert.match(await row('trend-median').locator('.value').innerText(), /^\d+(\.\d)? (mnt|jam)$/);
    // Each change is an arrow and a word, not only a colour.
    for (const id of ['trend-clarity', 'trend-median', 'trend-rate']) {
      const change = await row(id).locator('.trend').innerText();
      assert.match(change, /^([▲▼] (membaik|memburuk)|= sama)$/, id);  // arrow: direction; word: good or bad
    }
    // The month links move the comparison.
    await page.getByRole('link', { name: /bulan sebelumnya/ }).click();
    await page.waitForURL('**/beranda?month=2026-10');
    assert.match(await page.getByTestId('trend').locator('h2').innerText(),
      /Oktober 2026 dibanding September 2026/);
    // The other Beranda sections are still there.
    for (const id of ['accounts', 'posts', 'queue']) {
      assert.equal(await page.getByTestId(id).count(), 1, id);
    }
  });
});
