// Debian's chromium, headless, driven by playwright-core (no browser of
// its own: `playwright install` downloads one, which this project never
// does). The flags keep chromium off the network: without them it tries
// Google's hosts at every start.
import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { site, webBuild } from '../support.mjs';

export const shots = path.join(webBuild, 'screenshots');

export async function launch() {
    fs.mkdirSync(shots, { recursive: true });
    return chromium.launch({
        executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
               '--disable-component-update', '--disable-sync'],
    });
}

// A page of the site, opened from disk (file://) or from `server`; every
// request to anywhere else and every page error is kept, for the test to
// assert there were none.
export async function open(browser, { server, hash = '' } = {}) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1050 } });
    const problems = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
        const u = r.url();
        if (!/^(file|data|blob):/.test(u) && !(server && u.startsWith(server))) problems.push(`request to ${u}`);
    });
    const url = (server ? server + '/index.html' : 'file://' + site) + hash;
    await page.goto(url);
    await page.waitForFunction(() => document.getElementById('status').textContent === 'ready');
    return { page, problems };
}

export const status = (page) => page.textContent('#status');
export async function waitStatus(page, re, timeout = 30000) {
    await page.waitForFunction((source) => new RegExp(source).test(document.getElementById('status').textContent),
                               re.source, { timeout });
}

export async function shot(page, name) {
    await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

// Any static file server will do; this is the smallest: files of the site, by path.
export function serve() {
    const dir = path.dirname(site);
    const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
    const server = http.createServer((req, res) => {
        const file = path.join(dir, path.normalize(decodeURIComponent(req.url.split('?')[0])));
        if (!file.startsWith(dir) || !fs.existsSync(file)) return res.writeHead(404).end();
        res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
        fs.createReadStream(file).pipe(res);
    });
    return new Promise((resolve) => server.listen(0, '127.0.0.1', () =>
        resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() })));
}
