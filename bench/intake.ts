import { pathToFileURL } from 'node:url';
import { analyzeMessage } from '../relay/src/intake/analyze-message.ts';
import { CORPUS, DEFAULT_TTL_MS } from '../relay/src/intake/corpus/index.ts';
import type { FigureRunner, Row } from './lib/figure.ts';
import { textTable } from './lib/report.ts';
import { ms, num, ratio, type Summary, summarize } from './lib/stats.ts';

const options = { senderRules: [], defaultTtlMs: DEFAULT_TTL_MS };

/** Precision and recall of the code, and how often site and binding are right, over the whole corpus. */
function scoreCorpus() {
  let found = 0;
  let right = 0;
  let positives = 0;
  let boundRight = 0;
  const misses: string[] = [];
  for (const entry of CORPUS) {
    const result = analyzeMessage(
      { ...entry.input, receivedAt: 0 },
      { senderRules: entry.senderRules ?? [], defaultTtlMs: DEFAULT_TTL_MS },
    );
    if (entry.expected.code !== null) positives += 1;
    if (result.code !== null) {
      found += 1;
      if (result.code === entry.expected.code) right += 1;
    }
    if (result.code !== entry.expected.code) misses.push(entry.name);
    if (result.site === entry.expected.site && result.binding === entry.expected.binding) boundRight += 1;
  }
  return { precision: right / found, recall: right / positives, positives, found, right, boundRight, misses };
}

/**
 * A 4 KiB email as the platforms send them: the code near the top, then the paragraphs every such mail
 * carries (security advice, links, an order summary, a legal footer full of numbers).
 */
function fourKiBEmail(): { text: string; html: string } {
  const top =
    'Hello Alex,\n\nYour TikTok Shop Seller Center verification code is:\n\n482913\n\nThis code expires in 10 minutes. ' +
    'Never share it with anyone, including TikTok Shop staff.\n\n';
  const filler = [
    'If you did not request this code, change your password at https://seller-us.tiktok.com/account/security?ref=mail_482913 right away.',
    'Your recent order #576-4829137-5521934 of $1,482.91 shipped on 12/01/2026 at 14:32 and arrives by Dec 6.',
    'Questions? Call 1-800-482-9137 (Mon–Fri, 9:00–17:00) or reply STOP to 89203 to stop texts.',
    'Use promo code SAVE20 for 20% off your next ad campaign. Valid until 31/12/2026.',
    'TikTok Shop, 5800 Bristol Pkwy, Culver City, CA 90230, United States. © 2026 TikTok. All rights reserved.',
  ];
  let text = top;
  for (let index = 0; text.length < 4096; index += 1) text += `${filler[index % filler.length]}\n\n`;
  text = text.slice(0, 4096);
  const html = `<html><head><style>p{margin:0}</style></head><body>${text
    .split('\n\n')
    .map((paragraph) => `<p>${paragraph}</p>`)
    .join('')}</body></html>`;
  return { text, html: html.slice(0, 4096) };
}

/**
 * Milliseconds per call, one sample per call, after a warm-up: wall time, and CPU time (process.cpuUsage,
 * which leaves out the time the shared machine's scheduler gave the core to someone else mid-call).
 */
function timeCalls(runs: number, call: () => unknown): { wall: number[]; cpu: number[] } {
  for (let index = 0; index < Math.min(2000, runs); index += 1) call();
  const wall = new Array<number>(runs);
  const cpu = new Array<number>(runs);
  for (let index = 0; index < runs; index += 1) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    call();
    wall[index] = performance.now() - start;
    const used = process.cpuUsage(cpuStart);
    cpu[index] = (used.user + used.system) / 1000;
  }
  return { wall, cpu };
}

export const intake: FigureRunner = async ({ quick, log }) => {
  const score = scoreCorpus();
  log(`  corpus ${CORPUS.length}: precision ${num(score.precision)}, recall ${num(score.recall)}`);
  const runs = quick ? 2000 : 20_000;
  const { text, html } = fourKiBEmail();
  const email = { channel: 'email' as const, from: 'TikTok Shop <seller@tiktokglobalshop.com>', receivedAt: 0 };
  const plainTimes = timeCalls(runs, () => analyzeMessage({ ...email, text }, options));
  const htmlTimes = timeCalls(runs, () => analyzeMessage({ ...email, html }, options));
  const [plain, plainCpu, fromHtml, fromHtmlCpu] = [plainTimes.wall, plainTimes.cpu, htmlTimes.wall, htmlTimes.cpu].map(
    summarize,
  ) as [Summary, Summary, Summary, Summary];
  // Baseline: the naive extractor the issue warns about (first 6-digit run), on the same text, same run.
  const naivePattern = /(?<!\d)\d{6}(?!\d)/;
  const naive = summarize(timeCalls(runs, () => naivePattern.exec(text)?.[0] ?? null).wall);
  // Calibration: one pass reading every character of the same text. Its ratio travels between machines and
  // loads better than milliseconds do on a shared box.
  const scan = () => {
    let sum = 0;
    for (let index = 0; index < text.length; index += 1) sum += text.charCodeAt(index);
    return sum;
  };
  const bareScan = summarize(timeCalls(runs, scan).cpu);
  const big = `${'code 482913 order 12345 '.repeat(11_000)}`.slice(0, 256 * 1024);
  const worst = summarize(timeCalls(quick ? 3 : 10, () => analyzeMessage({ ...email, text: big }, options)).wall);
  log(
    `  4 KiB text p50 ${ms(plain.p50)}, p99 ${ms(plain.p99)} (CPU p99 ${ms(plainCpu.p99)}); HTML p99 ${ms(fromHtml.p99)}`,
  );

  const rows: Row[] = [
    {
      metric: `precision of the code over the corpus (${score.found} codes returned)`,
      value: num(score.precision),
      target: '= 1 (a false code is typed into a real form)',
      met: score.precision === 1,
    },
    {
      metric: `recall of the code over the corpus (${score.positives} messages with a code)`,
      value: num(score.recall),
    },
    {
      metric: `site and binding as expected (${CORPUS.length} messages)`,
      value: `${score.boundRight} / ${CORPUS.length}`,
    },
    {
      metric: 'analyzeMessage, 4 KiB plain-text email, CPU time per call: p50 / p99',
      value: `${ms(plainCpu.p50)} / ${ms(plainCpu.p99)}`,
      target: 'p99 ≤ 0.2 ms',
      met: plainCpu.p99 <= 0.2,
      ratio: ratio(plainCpu.p50, bareScan.p50, 'one pass reading each character (CPU p50)'),
    },
    {
      metric: 'same, wall time per call (includes waiting for the shared cores): p50 / p99',
      value: `${ms(plain.p50)} / ${ms(plain.p99)}`,
      ratio: ratio(plain.p50, naive.p50, 'a bare 6-digit regex (p50)'),
    },
    {
      metric: 'analyzeMessage, 4 KiB HTML-only email, CPU time per call: p50 / p99',
      value: `${ms(fromHtmlCpu.p50)} / ${ms(fromHtmlCpu.p99)}`,
      target: 'p99 ≤ 0.2 ms',
      met: fromHtmlCpu.p99 <= 0.2,
      ratio: ratio(fromHtml.p50, plain.p50, 'the same email as text (wall p50)'),
    },
    {
      metric: 'analyzeMessage, 256 KiB of keywords and numbers (worst case): median',
      value: ms(worst.p50),
      ratio: ratio(worst.p50, plain.p50, 'the 4 KiB email (p50)'),
    },
  ];
  return {
    id: 8,
    title: 'Intake extraction',
    rows,
    method: [
      `Precision = right codes / codes returned, recall = right codes / messages with a code, over the ${CORPUS.length} messages of relay/src/intake/corpus (${CORPUS.length - score.positives} look-alikes that must give null, 14 languages, SMS and HTML email), each through analyzeMessage exactly as the relay calls it.`,
      `Time: ${runs} calls of analyzeMessage in this process on one 4096-character email (the code near the top, then security advice, links, an order summary with amounts, dates and a phone number, a promo code and a postal footer), each call timed alone after a warm-up, in CPU time (process.cpuUsage: the target's number, since on this shared 2-core box a call is often paused while another process runs) and in wall time (performance.now()); then the same email as HTML only. Baselines in the same run: a bare 6-digit regex on the same text, and one loop reading each of its characters (charCodeAt), the floor any extractor pays. Worst case: 256 KiB of alternating keywords and numbers.`,
    ],
    findings: [
      score.misses.length === 0
        ? 'Every corpus message gives its expected code, site and binding (the corpus test asserts the same).'
        : `Messages whose code differs from the expected one: ${score.misses.join('; ')}.`,
      'Time is dominated by the four phrase scans (keywords, labels, promo phrases, currencies: one alternation regex each over the lower-cased text) and NFKC normalization; candidates are few, and each is judged with binary searches over those spans, so the cost grows with the text, not with the number of numbers in it.',
    ],
  };
};

// Runnable alone: npx tsx bench/intake.ts [--quick]
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figure = await intake({ quick: process.argv.includes('--quick'), log: (line) => console.log(line) });
  console.log(`\n${textTable([figure])}`);
}
