// The training loop in a real browser: sari's competency radar and badges,
// budi's goal and coaching note that sari acknowledges, budi's cohort view
// with the demo data's improvement after the training date, and every page
// readable at 360 px without sideways scrolling. Run by scripts/browser-test
// (see dashboard.test.mjs); docs/training-loop.md describes the pages.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, login, newContext, path, texts } from './common.mjs';

const PERIOD = '?from=2026-01-01&to=2026-11-30';
const NOTE = `Tulis kepanjangan akronim pada sebutan pertama (uji ${Date.now()})`;

async function noSideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

// The elements sticking out on the right, for the failure message.
function overflowing(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)}px)`)
      .join(', '));
}

describe('growth', () => {
  test('sari sees her radar, seven axes and her badges page', async () => {
    const page = await login(await newContext(), 'sari');
    await page.goto(`/kompetensi${PERIOD}`);
    assert.equal(path(page), '/kompetensi');
    await page.locator('[data-testid=radar] svg.tg-radar').waitFor();
    const axes = await texts(page.locator('[data-testid=axes] tbody th'));
    assert.equal(axes.length, 7);
    assert.ok(axes.includes('Kejelasan'), axes.join(','));
    const values = await texts(page.locator('[data-testid=axes] tbody td.num'));
    assert.ok(values.some((v) => /^\d+$/.test(v)), values.join(','));
    assert.ok((await page.locator('[data-testid=trend] tbody tr').count()) >= 3);
    await page.screenshot({ path: join(ARTIFACTS, 'growth-kompetensi.png'), fullPage: true });

    await page.goto('/lencana');
    await page.getByTestId('my-points').waitFor();
    assert.match(await page.getByTestId('my-points').textContent(), /poin/);
    await page.getByTestId('badges').waitFor();
    await page.getByTestId('teams').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'growth-lencana.png'), fullPage: true });
    assert.deepEqual(page.problems, []);
  });

  test('budi sets a goal and writes a note; sari acknowledges it', async () => {
    const budi = await login(await newContext(), 'budi');
    await budi.goto('/pembinaan?month=2026-11');
    const goal = budi.getByTestId('goal-form');
    await goal.locator('select[name=trainee]').selectOption('sari');
    await goal.locator('select[name=metric]').selectOption('response_rate');
    await goal.locator('select[name=op]').selectOption('>=');
    await goal.locator('input[name=target]').fill('80');
    await Promise.all([budi.waitForURL('**/pembinaan?month=2026-11'),
      goal.getByRole('button').click()]);
    const goals = await texts(budi.locator('[data-testid=goals] tbody tr'));
    assert.ok(goals.some((g) => g.includes('Tingkat respons') && g.includes('80%')), goals.join('|'));

    const form = budi.getByTestId('note-form');
    await form.locator('select[name=trainee]').selectOption('sari');
    await form.locator('textarea[name=text]').fill(NOTE);
    await Promise.all([budi.waitForURL('**/pembinaan'), form.getByRole('button').click()]);
    assert.ok((await texts(budi.locator('[data-testid=notes] li'))).some((n) => n.includes(NOTE)));
    await budi.screenshot({ path: join(ARTIFACTS, 'growth-pembinaan-budi.png'), fullPage: true });

    const sari = await login(await newContext(), 'sari');
    await sari.goto('/pembinaan');
    const item = sari.locator('[data-testid=notes] li', { hasText: NOTE });
    await item.waitFor();
    await Promise.all([sari.waitForURL('**/pembinaan'), item.getByTestId('ack').click()]);
    const after = sari.locator('[data-testid=notes] li', { hasText: NOTE });
    assert.match(await after.textContent(), /Sudah dibaca/);
    assert.equal(await after.getByTestId('ack').count(), 0);
    await sari.screenshot({ path: join(ARTIFACTS, 'growth-pembinaan-sari.png'), fullPage: true });
    assert.deepEqual([...budi.problems, ...sari.problems], []);
  });

  test('budi sees the cohort improve after the training date', async () => {
    const page = await login(await newContext(), 'budi');
    await page.goto('/kohort');
    // scripts/demo sets the date; a bare demo database may not have it yet.
    const form = page.getByTestId('training-day-form');
    await form.locator('select[name=trainee]').selectOption('sari');
    await form.locator('input[name=date]').fill('2026-10-01');
    await Promise.all([page.waitForURL('**/kohort'), form.getByRole('button').click()]);
    const cohort = await (await page.request.get('/api/v1/cohort')).json();
    const sari = cohort.trainees.find((t) => t.trainee === 'sari');
    assert.ok(sari, JSON.stringify(cohort));
    assert.equal(sari.training_day, '2026-10-01');
    assert.ok(sari.window_days >= 30, String(sari.window_days));
    const s = cohort.summary;
    assert.ok(s.clarity_avg.mean_change > 0, JSON.stringify(s));
    assert.ok(s.response_rate.mean_change > 0, JSON.stringify(s));
    assert.ok(s.median_response_s.mean_change < 0, JSON.stringify(s));
    const cell = page.locator('[data-testid=cohort-summary] td[data-metric=clarity_avg]');
    assert.match(await cell.textContent(), /^\+/);
    const csv = await page.request.get('/kohort.csv');
    assert.equal(csv.status(), 200);
    assert.match(await csv.text(), /^trainee,agencies,training_day/);
    await page.screenshot({ path: join(ARTIFACTS, 'growth-kohort.png'), fullPage: true });
    assert.deepEqual(page.problems, []);
  });

  test('every growth page fits a 360 px phone', async () => {
    const phone = { viewport: { width: 360, height: 780 } };
    const budi = await login(await newContext(phone), 'budi');
    for (const url of ['/kompetensi?trainee=sari', '/lencana', '/pembinaan', '/kohort']) {
      await budi.goto(url);
      assert.ok(await noSideways(budi), `sideways scroll on ${url}: ${await overflowing(budi)}`);
      const name = url.replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '');
      await budi.screenshot({ path: join(ARTIFACTS, `growth-360-${name}.png`), fullPage: true });
    }
    const sari = await login(await newContext(phone), 'sari');
    for (const url of [`/kompetensi${PERIOD}`, '/lencana', '/pembinaan']) {
      await sari.goto(url);
      assert.ok(await noSideways(sari), `sideways scroll on ${url} (sari)`);
    }
  });
});
