#!/usr/bin/env node
// `npm run icons`: renders the toolbar and store icons from the one source, public/icons/tandem.svg,
// into public/icons/<size>.png, plus a greyed set (offline-<size>.png) that the toolbar shows while
// the phone is not connected (entrypoints/background/badge.ts). The PNGs are committed; rerun this
// after changing the SVG. Chromium draws them (the browser the e2e tests use already), so no image
// library is needed. CHROMIUM_PATH overrides /usr/bin/chromium.
import { chromium } from '@playwright/test';
import { Buffer } from 'node:buffer';
import { readFileSync, writeFileSync } from 'node:fs';

const SIZES = [16, 32, 48, 128];
const svg = readFileSync('public/icons/tandem.svg', 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true });
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const [prefix, filter] of [['', 'none'], ['offline-', 'grayscale(1) opacity(0.75)']]) {
    for (const size of SIZES) {
      await page.setViewportSize({ width: size, height: size });
      const url = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
      await page.setContent(`<html><body style="margin:0;background:transparent"><img src="${url}" width="${size}" height="${size}" style="display:block;filter:${filter}"></body></html>`);
      await page.locator('img').evaluate((img) => img.decode());
      const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      writeFileSync(`public/icons/${prefix}${size}.png`, png);
      console.log(`public/icons/${prefix}${size}.png`);
    }
  }
} finally {
  await browser.close();
}
