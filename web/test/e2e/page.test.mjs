// The page in Debian's chromium, as a student and a TA use it. Each test
// saves a screenshot in build-web/screenshots/ and fails on any page error
// or any request leaving the page (no network at run time).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { launch, open, serve, shot, status, waitStatus } from './browser.mjs';
import { bootImage, scratch, trapvm } from '../support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

async function typeProgram(page, text) {
    await page.click('.cm-content');
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(text);
}

async function choose(page, name) {
    await page.selectOption('#example', name);
}

const regsText = (page) => page.evaluate(() => ['regs', 'csrs', 'console'].map((id) =>
    document.getElementById(id).innerText).join('\n'));

test('assemble with an error: the CLI\'s message, marked at its line and column', async () => {
    const { page, problems } = await open(browser);
    await typeProgram(page, '_start:\n    li t0, 1\n    frob t0, t1\n    halt\n');
    await page.click('#assemble');
    await page.waitForSelector('#problems .error');
    assert.match(await page.textContent('#problems'), /^hello\.s:3:5: error: unknown instruction 'frob'/);
    await page.waitForSelector('.cm-lintRange-error');
    const line = await page.evaluate(() => {
        const mark = document.querySelector('.cm-lintRange-error');
        return [...document.querySelectorAll('.cm-line')].indexOf(mark.closest('.cm-line')) + 1;
    });
    assert.equal(line, 3);
    assert.equal(await page.textContent('.cm-lintRange-error'), 'frob');
    await shot(page, 'assemble-error');
    assert.deepEqual(problems, []);
});

test('run hello from disk: its console says Hello, world! and the run ends at halt', async () => {
    const { page, problems } = await open(browser);
    await page.click('#run');
    await waitStatus(page, /end of the run/);
    assert.equal(await page.textContent('#console'), 'Hello, world!\n');
    assert.match(await status(page), /halted at 0x0000001c <done>/);
    await shot(page, 'run-hello');
    assert.deepEqual(problems, []);
});

test('step forward and back: the same registers, privileged registers and console', async () => {
    const { page, problems } = await open(browser);
    await choose(page, 'sum.s');
    for (let i = 0; i < 12; ++i) await page.click('#step'), await waitStatus(page, new RegExp(`^step ${i + 1}$`));
    const there = await regsText(page);
    for (let i = 0; i < 4; ++i) await page.click('#step'), await waitStatus(page, new RegExp(`^step ${13 + i}$`));
    assert.notEqual(await regsText(page), there);
    for (let i = 0; i < 4; ++i) await page.click('#back'), await waitStatus(page, new RegExp(`^step ${15 - i}$`));
    assert.equal(await regsText(page), there);
    await shot(page, 'step-back');
    assert.deepEqual(problems, []);
});

test('a trap breakpoint stops the run after the SYSCALL, in the handler; continue back returns to it', async () => {
    const { page, problems } = await open(browser);
    await choose(page, 'syscall.s');
    await page.selectOption('#break-kind', 'trap');
    await page.selectOption('#break-cause', 'SYSCALL');
    await page.click('#break-add');
    await page.click('#run');
    await waitStatus(page, /^step \d+$/);
    assert.match(await page.textContent('#log'), /Breakpoint 1, trap SYSCALL at 0x[0-9a-f]{8}/);
    assert.match(await page.innerText('#csrs'), /cause\s+0x00000001/);
    const hit = await status(page);
    await page.click('#run');
    await waitStatus(page, /end of the run|^step/);
    await page.click('#rcontinue');
    await waitStatus(page, new RegExp(`^${hit}$`));
    await shot(page, 'trap-breakpoint');
    assert.deepEqual(problems, []);
});

test('the guest OS under the monitor: its first SYSCALL exit, found on the timeline and clicked', async () => {
    const { page, problems } = await open(browser);
    await choose(page, 'boot-hello');
    assert.equal(await page.isChecked('#vmm'), true);
    await page.click('#run');
    await waitStatus(page, /end of the run/, 60000);
    assert.match(await page.textContent('#console'), /hello/i);
    assert.match(await page.textContent('#exits'), /SYSCALL/);
    await page.selectOption('#find-kind', 'exit');
    await page.selectOption('#find-cause', 'SYSCALL');
    await page.click('#find-first');
    await waitStatus(page, /^step \d+$/);
    assert.match(await page.textContent('#tl-detail'), /^vm0 step \d+: exit SYSCALL \(reflect\)/);
    const first = await page.evaluate(() => {
        const { timeline } = window.trapvm;
        return { position: timeline.selected.position, step: timeline.selected.step,
                 firstSyscall: timeline.events.find((e) => e.type === 'exit' && e.cause === 'SYSCALL').position };
    });
    assert.equal(first.position, first.firstSyscall);
    assert.equal(await page.evaluate(() => window.trapvm.page.state.position), first.position);
    // The next SYSCALL exit, by a click on its mark.
    const next = await page.evaluate(() => {
        const { timeline } = window.trapvm;
        const e = timeline.events.filter((x) => x.type === 'exit' && x.cause === 'SYSCALL')[1];
        timeline.focus(e.position, 200);
        return { x: timeline.xOf(e.position), position: e.position };
    });
    await page.click('#timeline', { position: { x: next.x, y: 18 + 40 } });
    await page.waitForFunction((p) => window.trapvm.page.state.position === p && !window.trapvm.page.running, next.position);
    assert.match(await page.textContent('#tl-detail'), /exit SYSCALL/);
    assert.match(await page.innerText('#csrs'), /virtual \(vm0\)\s+real CPU/);
    await shot(page, 'guest-os-timeline');
    assert.deepEqual(problems, []);
});

test('a trace file from trapvm trace opens on the timeline, its records shown on a click', async () => {
    const file = scratch('boot-hello.jsonl', '');
    assert.equal(trapvm('trace', '--vmm', bootImage('hello'), '-o', file).status, 0);
    const records = fs.readFileSync(file, 'utf8').trim().split('\n').length - 1;
    const { page, problems } = await open(browser);
    await page.setInputFiles('#trace-file', file);
    await waitStatus(page, /opened boot-hello\.jsonl/);
    assert.match(await page.textContent('#tl-info'), new RegExp(`\\(vmm\\), ${records} records`));
    await page.selectOption('#find-kind', 'exit');
    await page.selectOption('#find-cause', 'SYSCALL');
    await page.click('#find-first');
    assert.match(await page.textContent('#tl-detail'), /exit SYSCALL \(reflect\)\n\{"type":"exit","vm":0/);
    await shot(page, 'trace-file');
    assert.deepEqual(problems, []);
});

test('a shared link holds the program and the settings', async () => {
    const { page, problems } = await open(browser);
    const program = '# shared\n_start:\n    li a0, 7\n    out PORT_POWER_OFF, a0\n.include "pg32.inc"\n';
    await typeProgram(page, program);
    await page.check('#vmm');
    await page.fill('#max-steps', '5M');
    await page.click('#share');
    await waitStatus(page, /the link is in the address bar/);
    const url = page.url();
    assert.match(url, /#p=[A-Za-z0-9_-]+$/);
    const again = await open(browser, { hash: url.slice(url.indexOf('#')) });
    assert.equal(await again.page.evaluate(() => window.trapvm.editor.text), program);
    assert.equal(await again.page.isChecked('#vmm'), true);
    assert.equal(await again.page.inputValue('#max-steps'), '5M');
    await again.page.click('#run');
    await waitStatus(again.page, /powered off with status 7/);
    assert.deepEqual([...problems, ...again.problems], []);
});

test('served over http: a long run keeps the page responsive, pauses, steps back and stops', async () => {
    const server = await serve();
    try {
        const { page, problems } = await open(browser, { server: server.url });
        await typeProgram(page, '_start:\n    addi t0, t0, 1\n    j _start\n');
        await page.fill('#max-steps', 'none');
        await page.click('#run');
        await waitStatus(page, /running… step [1-9]/);
        // The main thread answers and draws while the worker runs: the
        // timeline zooms, and the run is still going.
        await page.click('#tl-in');
        assert.notEqual(await page.evaluate(() => window.trapvm.timeline.view), null);
        assert.match(await status(page), /^running… step \d+$/);
        await page.click('#pause');
        await waitStatus(page, /^step \d+$/, 5000);
        const paused = Number((await status(page)).split(' ')[1]);
        assert.ok(paused > 1e6, `paused at step ${paused}`);
        await page.click('#back');
        await waitStatus(page, new RegExp(`^step ${paused - 1}$`));
        await page.click('#run');
        await waitStatus(page, /running…/);
        await page.click('#stop');
        await waitStatus(page, /^step 0$/);
        await shot(page, 'long-run-stopped');
        assert.deepEqual(problems, []);
    } finally {
        server.close();
    }
});

test('full speed (record off): the machine\'s own loop, its speed in the status', async () => {
    const { page, problems } = await open(browser);
    await typeProgram(page, '_start:\n    li t1, 3000000\nloop:\n    addi t0, t0, 1\n    bne t0, t1, loop\n    halt\n');
    await page.uncheck('#record');
    await page.click('#run');
    await waitStatus(page, /full speed, \d+ steps, \d+ in \d+ ms \(\d+ M\/s\): halt$/);
    assert.match(await page.innerText('#regs'), /t0\s+r8\s+0x002dc6c0/);
    assert.deepEqual(problems, []);
});

test('full speed pauses and goes on from where it was', async () => {
    const { page, problems } = await open(browser);
    await typeProgram(page, '_start:\n    addi t0, t0, 1\n    j _start\n');
    await page.fill('#max-steps', 'none');
    await page.uncheck('#record');
    await page.click('#run');
    await waitStatus(page, /^full speed: /);
    await page.click('#pause');
    await waitStatus(page, /^paused, \d+ steps/);
    const steps = (s) => Number(/(\d+) steps/.exec(s)[1]);
    const first = steps(await status(page));
    await page.click('#run');
    await waitStatus(page, /^full speed: /);
    await page.click('#pause');
    await waitStatus(page, /^paused, \d+ steps/);
    assert.ok(steps(await status(page)) > first);
    await page.click('#stop');
    await waitStatus(page, /^step 0$/);
    assert.deepEqual(problems, []);
});

test('a breakpoint set in the disassembly stops the run before that instruction', async () => {
    const { page, problems } = await open(browser);
    await choose(page, 'sum.s');
    await page.waitForSelector('#disasm tr[data-address]');
    const address = await page.evaluate(() => Number(document.querySelectorAll('#disasm tr[data-address]')[6].dataset.address));
    await page.click(`#disasm tr[data-address="${address}"] td.bp`);
    await page.waitForSelector(`#disasm tr[data-address="${address}"] td.bp.on`);
    await page.click('#run');
    await waitStatus(page, /^step \d+$/);
    assert.match(await page.textContent('#log'), /Breakpoint 1, 0x[0-9a-f]+ at 0x[0-9a-f]{8}/);
    assert.equal(await page.evaluate(() => window.trapvm.page.state.insn.physical), address);
    assert.equal(await page.getAttribute('#disasm tr.at-pc', 'data-address'), String(address));
    assert.deepEqual(problems, []);
});
