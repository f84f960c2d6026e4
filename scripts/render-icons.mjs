// Renders resources/icons/holdline.svg to the PNGs the app ships: the installer icon
// (resources/build/icon.png, 512 px: electron-builder makes .ico/.icns from it), the window icon
// and the tray icon. Run after changing the SVG: `node scripts/render-icons.mjs` (needs a Chromium:
// $HOLDLINE_CHROMIUM or /usr/bin/chromium).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const svg = readFileSync(path.join(root, 'resources/icons/holdline.svg'), 'utf8');
const OUTPUTS = [
  [512, 'resources/build/icon.png'],
  [256, 'resources/icons/holdline.png'],
  [32, 'resources/icons/tray.png'],
];

const browser = await chromium.launch({
  executablePath: process.env.HOLDLINE_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage();
  for (const [size, out] of OUTPUTS) {
    await page.setViewportSize({ width: size, height: size });
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(
      `<body style="margin:0"><img src="${src}" width="${size}" height="${size}" style="display:block"></body>`,
    );
    await page.screenshot({ path: path.join(root, out), omitBackground: true });
    console.log(`${out} (${size} px)`);
  }
} finally {
  await browser.close();
}
