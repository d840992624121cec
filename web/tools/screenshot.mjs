// A screenshot of the page for the README's readers (make web-screenshot:
// build-web/screenshots/playground.png; nothing generated is committed),
// made the way the end-to-end tests drive the page: boot-mix under the
// monitor, run to the end, its first SYSCALL exit found on the timeline.
//
//   node tools/screenshot.mjs [OUT.png]
import path from 'node:path';
import { launch, shots } from '../test/e2e/browser.mjs';
import { site } from '../test/support.mjs';

const out = process.argv[2] || path.join(shots, 'playground.png');
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1360, height: 1000 }, deviceScaleFactor: 1 });
await page.goto('file://' + site);
await page.waitForFunction(() => document.getElementById('status').textContent === 'ready');
await page.selectOption('#example', 'boot-mix');
await page.waitForFunction(() => !window.trapvm.page.running && window.trapvm.page.loaded);
await page.click('#run');
await page.waitForFunction(() => /end of the run/.test(document.getElementById('status').textContent), null, { timeout: 120000 });
await page.selectOption('#find-kind', 'exit');
await page.selectOption('#find-cause', 'SYSCALL');
await page.click('#find-first');
await page.waitForFunction(() => /^step \d+$/.test(document.getElementById('status').textContent));
await page.screenshot({ path: out, fullPage: true });
await browser.close();
console.log(out);
