// Renders extension/public/icon/icon.svg into the PNG sizes Chrome asks for (WXT picks up public/icon/<size>.png).
//   npx tsx scripts/make-icons.ts
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { findChrome } from './find-chrome.mjs';

const dir = fileURLToPath(new URL('../extension/public/icon/', import.meta.url));
const svg = readFileSync(`${dir}icon.svg`, 'utf8');
const executablePath = findChrome();
if (!executablePath) throw new Error('No Chromium found (scripts/ensure-chromium.mjs installs one)');
const browser = await puppeteer.launch({ executablePath, headless: true, pipe: true, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  for (const size of [16, 32, 48, 128]) {
    await page.setViewport({ width: size, height: size });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    await page.screenshot({ path: `${dir}${size}.png`, omitBackground: true });
  }
} finally {
  await browser.close();
}
