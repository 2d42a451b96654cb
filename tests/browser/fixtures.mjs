// Writes the browser tests' extra records and expectations, from the demo data.
//   node fixtures.mjs DEMO.jsonl XSS.jsonl FIXTURE.json
// XSS.jsonl: hostile posts and replies under a Diskominfo account, imported
// on top of the demo data. FIXTURE.json: which accounts each agency owns and
// the exact hostile texts, so the tests never hard-code demo details.
import { readFileSync, writeFileSync } from 'node:fs';

const [demoPath, xssPath, fixturePath] = process.argv.slice(2);
if (!fixturePath) {
  console.error('usage: node fixtures.mjs DEMO.jsonl XSS.jsonl FIXTURE.json');
  process.exit(2);
}

const accounts = [];
for (const line of readFileSync(demoPath, 'utf8').split('\n')) {
  if (!line.includes('"type":"account"')) continue;
  const r = JSON.parse(line);
  if (r.type === 'account') accounts.push(r);
}
const byAgency = (agency) =>
  accounts.filter((a) => a.agency === agency).map((a) => `${a.platform}:${a.handle}`).sort();
const target = accounts.find((a) => a.platform === 'instagram' && a.handle === 'diskominfo.pgk');
if (!target) throw new Error('demo data has no instagram:diskominfo.pgk account');

// Newest post of all (so it is on every Beranda that shows this account):
// the payloads sit in the first 160 bytes, the excerpt the posts table shows.
const postText =
  'UJI <script>window.__xss=1</script> "><img src=x onerror="window.__xss=2"> ' +
  'javascript:alert(1) \u202Eabc\u202C z\u200Bw\u200Dj';
// Oldest open question of all (first in the queue), on a post whose url is a
// javascript: link and whose author handle is hostile too.
const oldPostText = 'Arsip uji <b>tebal</b> <iframe src="javascript:alert(2)"></iframe> \u202Egnitset';
const replyText =
  'Min, kapan jadwalnya? <svg onload="window.__xss=3"></svg> ' +
  '<img src=x onerror="window.__xss=4"> \u202Eemit';
const replyAuthor = 'warga"><svg onload=window.__xss=5>';
// A short post that ends in an emoji (as many do): shown whole, not cut.
const emojiText = 'Selamat pagi, Pangkalpinang! Terima kasih sudah hadir \u{1F64F}';
const ago = (s) => new Date(Math.floor(Date.now() / 1000 - s) * 1000).toISOString()
  .replace('.000Z', 'Z');
const created = ago(120);
const later = ago(60);

const records = [
  {
    type: 'post', platform: 'instagram', id: 'tanggap-browser-xss-1', account: target.id,
    created_at: created, text: postText, url: 'javascript:alert(1)', lang: 'id',
  },
  {
    type: 'reply', platform: 'instagram', id: 'tanggap-browser-xss-r1',
    post: 'tanggap-browser-xss-1', parent: null, author_id: 'tanggap-browser-citizen-1',
    author: replyAuthor, created_at: later, text: replyText,
  },
  {
    type: 'post', platform: 'instagram', id: 'tanggap-browser-emoji-1', account: target.id,
    created_at: ago(180), text: emojiText, lang: 'id',
  },
  {
    type: 'post', platform: 'instagram', id: 'tanggap-browser-xss-2', account: target.id,
    created_at: '2020-01-06T08:00:00+07:00', text: oldPostText, url: 'javascript:alert(2)',
    lang: 'id',
  },
  {
    type: 'reply', platform: 'instagram', id: 'tanggap-browser-xss-r2',
    post: 'tanggap-browser-xss-2', parent: null, author_id: 'tanggap-browser-citizen-2',
    author: replyAuthor, created_at: '2020-01-06T09:00:00+07:00', text: replyText,
  },
];
writeFileSync(xssPath, records.map((r) => JSON.stringify(r)).join('\n') + '\n');

const fixture = {
  agencies: { Diskominfo: byAgency('Diskominfo'), Dinkes: byAgency('Dinkes') },
  allAccounts: accounts.map((a) => `${a.platform}:${a.handle}`).sort(),
  xss: { account: `instagram:${target.handle}`, postText, oldPostText, replyText, replyAuthor },
  emojiText,
};
writeFileSync(fixturePath, JSON.stringify(fixture, null, 2) + '\n');
