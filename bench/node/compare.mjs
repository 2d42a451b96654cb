// Times retext (latin parser + readability + simplify) and text-readability
// on the first N texts of a file written by score_bench --write (one JSON
// string per line). Prints "name posts_per_s".
import {readFileSync} from 'node:fs';
import {retext} from 'retext';
import retextLatin from 'retext-latin';
import retextReadability from 'retext-readability';
import retextSimplify from 'retext-simplify';
import rs from 'text-readability';

const [file, countArg] = process.argv.slice(2);
const limit = Number(countArg || 5000);
const texts = readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(0, limit).map((l) => JSON.parse(l));

function time(fn) {
  const start = process.hrtime.bigint();
  let sink = 0;
  for (const t of texts) sink += fn(t);
  const secs = Number(process.hrtime.bigint() - start) / 1e9;
  if (sink === -1) console.log('');  // keep the work observable
  return texts.length / secs;
}

const processor = retext().use(retextLatin).use(retextReadability).use(retextSimplify);
console.log(`retext ${time((t) => processor.processSync(t).messages.length).toFixed(0)}`);
const readability = rs.default || rs;
console.log(`text_readability ${time((t) => readability.fleschReadingEase(t)).toFixed(0)}`);
