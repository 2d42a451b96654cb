// The training loop in a real browser (docs/training-store.md): sari passes
// one lesson's quiz, with the right answers read from the lesson file on
// disk (never from the page), and plays one simulation end to end (start,
// post, skip, answer every comment, finish, debrief with a score), all on a
// 360 px wide phone screen without horizontal scroll. Screenshots go to
// ARTIFACTS. Run by scripts/browser-test.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ARTIFACTS, login, newContext, path } from './common.mjs';

const LESSONS = join(dirname(fileURLToPath(import.meta.url)), '../../rules/id-pemerintah/pelatihan/lessons');
const LESSON = 'kalimat-pendek';
const PHONE = { viewport: { width: 360, height: 740 } };

// The quiz's answers from the lesson's YAML front matter: the `answer: N`
// lines of the `quiz:` list, in order. Minimal on purpose: the format is
// docs/training-lessons.md and training_lessons_test checks the files.
function answersFromFile(id) {
  const text = readFileSync(join(LESSONS, `${id}.md`), 'utf8');
  const front = /^---\n([\s\S]*?)\n---\n/.exec(text);
  assert.ok(front, `${id}.md has front matter`);
  const quiz = front[1].slice(front[1].search(/^quiz:/m));
  return [...quiz.matchAll(/^\s+answer:\s*(\d+)\s*$/gm)].map((m) => Number(m[1]));
}

async function noHorizontalScroll(page, what) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client, `${what}: page is ${scroll}px wide on a ${client}px screen`);
}

describe('training', () => {
  test('sari reads a lesson and passes its quiz on a phone', async () => {
    const answers = answersFromFile(LESSON);
    assert.ok(answers.length >= 3, `quiz answers found: ${answers}`);
    const page = await login(await newContext(PHONE), 'sari');
    await page.goto('/materi');
    await noHorizontalScroll(page, '/materi');
    await page.screenshot({ path: join(ARTIFACTS, 'training-lessons.png'), fullPage: true });
    const link = page.locator(`a[href="/materi/${LESSON}"]`);
    await Promise.all([page.waitForURL(`**/materi/${LESSON}`), link.click()]);
    await page.getByTestId('explanation').waitFor();
    // The page carries the options, not the answers.
    assert.equal(await page.locator('[data-testid=quiz] input[type=radio]:checked').count(), 0);
    assert.doesNotMatch(await page.content(), /answer/);
    for (const [q, a] of answers.entries()) {
      await page.locator(`input[name=q${q}][value="${a}"]`).check();
    }
    await Promise.all([
      page.waitForURL(`**/materi/${LESSON}/kuis**`),
      page.getByTestId('quiz-submit').click(),
    ]);
    const result = await page.getByTestId('quiz-result').textContent();
    assert.match(result, new RegExp(`${answers.length}/${answers.length} \\(100%\\)`));
    assert.equal(await page.locator('.ls-wrong').count(), 0);
    await noHorizontalScroll(page, 'quiz result');
    await page.screenshot({ path: join(ARTIFACTS, 'training-quiz-passed.png'), fullPage: true });
    await page.goto('/materi');
    const item = page.getByTestId('lesson').filter({ has: page.locator(`a[href="/materi/${LESSON}"]`) });
    assert.match(await item.getByTestId('progress').textContent(), /Kuis lulus.*100%/);
    assert.deepEqual(page.problems, []);
  });

  test('sari plays a simulation end to end and sees the debrief', async () => {
    const page = await login(await newContext(PHONE), 'sari');
    await page.goto('/simulasi');
    await noHorizontalScroll(page, '/simulasi');
    await Promise.all([
      page.waitForURL(/\/simulasi\/percobaan\/\d+$/),
      page.getByTestId('start-jadwal-posyandu').click(),
    ]);
    const attempt = path(page);
    await page.getByTestId('post-text').fill(
      'Posyandu Melati buka Sabtu, 21 November 2026, pukul 08.00–11.00 WIB di Balai Warga RT 03, ' +
        'Kelurahan Bacang. Gratis:\n- penimbangan balita\n- imunisasi campak-rubela\n- vitamin A\n' +
        '- konsultasi gizi\n\nBawa buku KIA. Info: WhatsApp Puskesmas Gerunggang 0812-7000-0606.');
    await Promise.all([page.waitForURL(`**${attempt}`), page.getByTestId('post-submit').click()]);
    await page.getByTestId('post').waitFor();
    await noHorizontalScroll(page, 'attempt after the post');
    await page.screenshot({ path: join(ARTIFACTS, 'training-sim-posted.png'), fullPage: true });

    // Skip to each comment and answer whatever is open, until all are out.
    for (let round = 0; round < 20; round++) {
      const open = page.getByTestId('reply-text');
      if (await open.count() > 0) {
        await open.first().fill(
          'Halo Kak, terima kasih. Layanan gratis; bila anak demam imunisasinya ditunda. ' +
            'Stok vitamin A cukup, silakan datang lebih awal pukul 08.00 WIB.');
        await Promise.all([
          page.waitForURL(`**${attempt}`),
          page.getByTestId('reply-submit').first().click(),
        ]);
        continue;
      }
      if (await page.getByTestId('skip').count() === 0) break;
      await Promise.all([page.waitForURL(`**${attempt}`), page.getByTestId('skip').click()]);
    }
    const comments = await page.getByTestId('comment').count();
    assert.ok(comments >= 3, `comments out: ${comments}`);
    assert.equal(await page.getByTestId('reply').count(), comments);
    assert.equal(await page.getByTestId('finish').isEnabled(), true);
    await page.screenshot({ path: join(ARTIFACTS, 'training-sim-answered.png'), fullPage: true });
    await Promise.all([page.waitForURL(`**${attempt}`), page.getByTestId('finish').click()]);
    await page.getByTestId('debrief').waitFor();
    const overall = Number(await page.getByTestId('overall').textContent());
    assert.ok(overall >= 0 && overall <= 100 && Number.isInteger(overall), `overall ${overall}`);
    assert.ok(overall >= 60, `a good attempt scores well: ${overall}`);
    assert.equal(await page.locator('[data-testid=tips] li').count(), 3);
    await noHorizontalScroll(page, 'debrief');
    await page.screenshot({ path: join(ARTIFACTS, 'training-sim-debrief.png'), fullPage: true });

    // The attempt is listed with its score; a reload shows the same debrief.
    await page.goto('/simulasi');
    const cells = await page.locator('[data-testid=my-attempts] td').allTextContents();
    assert.ok(cells.map((t) => t.trim()).includes(String(overall)), `${overall} in ${cells}`);
    await page.goto(attempt);
    assert.equal(Number(await page.getByTestId('overall').textContent()), overall);
    assert.deepEqual(page.problems, []);
  });
});
