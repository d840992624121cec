// The page's engine (web/api/engine.hpp): the same runs, states, stops and
// debugger answers as the CLI's run, trace and debug.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { newApi, read, root, scratch, trapvm, jsonLines } from '../support.mjs';

const cpuOf = (j) => ({ pc: j.pc, regs: j.regs, csr: j.csr, mode: j.mode, steps: j.steps, ticks: j.ticks });

// trapvm run's --state-json of a program (a path), with extra options.
function cliState(program, ...options) {
    const out = scratch('state.json', '');
    trapvm('run', '-q', program, '--state-json', out, ...options);
    return JSON.parse(fs.readFileSync(out, 'utf8'));
}

async function loaded(file, settings = {}) {
    const t = await newApi();
    const r = t.call('loadSource', read(file), path.basename(file), JSON.stringify(settings));
    assert.equal(r.ok, true, JSON.stringify(r));
    return t;
}

test('hello runs to the end: its console, final state and stop are trapvm run\'s', async () => {
    const { call } = await loaded('examples/hello.s');
    const r = call('run', 1e9);
    assert.equal(r.paused, false);
    assert.equal(r.at_end, true);
    const s = call('state');
    assert.equal(s.console, 'Hello, world!\n');
    const cli = cliState(path.join(root, 'examples/hello.s'));
    assert.deepEqual(cpuOf(s.cpu), cpuOf(cli));
    assert.deepEqual(s.end.stop, cli.stop);
});

test('a run cut into chunks of 7 events ends in the state of one run', async () => {
    const one = await loaded('examples/sum.s');
    one.call('run', 1e9);
    const cut = await loaded('examples/sum.s');
    let chunks = 0;
    while (cut.call('run', 7).paused) ++chunks;
    assert.ok(chunks > 10);
    assert.deepEqual(cut.call('state'), one.call('state'));
});

test('step 5 forward then reverse-step 5 is back in exactly the same state', async () => {
    const { call } = await loaded('examples/syscall.s');
    call('command', 'step 40');
    const before = call('state');
    call('command', 'step 5');
    assert.notDeepEqual(call('state').cpu, before.cpu);
    call('command', 'reverse-step 5');
    const after = call('state');
    assert.deepEqual({ ...after, frontier: 0 }, { ...before, frontier: 0 });
});

test('the debugger says what trapvm debug --script says for the same commands', async () => {
    const commands = ['break trap SYSCALL', 'continue', 'step', 'reverse-step', 'reverse-continue', 'info breakpoints',
                      'continue', 'regs'];
    const { call } = await loaded('examples/syscall.s');
    let page = '';
    for (const c of commands) page += c === 'continue' ? call('run', 1e9).output : call('command', c).output;
    const cli = trapvm('debug', path.join(root, 'examples/syscall.s'), '--script', scratch('s.cmd', commands.join('\n') + '\n'));
    const transcript = cli.stdout.split('\n').filter((l) => !l.startsWith('(trapvm)') && !l.startsWith('| ')).join('\n');
    assert.equal(page, transcript.split(path.join(root, 'examples/syscall.s')).join('syscall.s'));
});

test('the page refuses to run forward under commands the timeline would not see', async () => {
    const { call } = await loaded('examples/sum.s');
    assert.match(call('command', 'next').output, /^error: 'next' is not offered on the page/);
    assert.equal(call('state').step, 0);
});

// The timeline's trap, interrupt and exit events, as trace records.
const marks = (events) => events.filter((e) => e.type !== 'mode')
    .map((e) => ({ type: e.type, vm: e.vm, step: e.step, cause: e.cause, position: e.position,
                   decision: e.decision, routine: e.routine }));

test('the guest OS under the monitor: the timeline holds every exit and trap of trapvm trace --vmm, once', async () => {
    const t = await newApi();
    const image = t.writeFile('/boot.img', fs.readFileSync(path.join(root, 'build/guest-os/boot-hello.img')));
    assert.equal(t.call('loadImage', image, 'boot-hello', JSON.stringify({ vmm: true }), '{}').ok, true);
    t.call('command', 'step 3000');
    t.call('command', 'reverse-step 1000');  // going back and forth records nothing twice
    while (t.call('run', 1e5).paused);
    const live = t.call('events', 0, 1e7);
    const traceFile = scratch('t.jsonl', '');
    trapvm('trace', '--vmm', path.join(root, 'build/guest-os/boot-hello.img'), '--format', 'jsonl', '-o', traceFile);
    const fromFile = t.call('readTrace', t.writeFile('/t.jsonl', fs.readFileSync(traceFile)));
    assert.equal(fromFile.ok, true, fromFile.error);
    const records = jsonLines(traceFile).filter((r) => ['trap', 'interrupt', 'exit'].includes(r.type));
    assert.ok(records.some((r) => r.type === 'exit' && r.cause === 'SYSCALL'));
    assert.deepEqual(marks(live.events).map(({ position, ...m }) => m),
                     records.map((r) => ({ type: r.type, vm: r.vm, step: r.step, cause: r.cause, decision: r.decision,
                                           routine: r.routine })));
    assert.deepEqual(marks(fromFile.events), marks(live.events));
    assert.deepEqual(fromFile.events.filter((e) => e.type === 'mode').map((e) => e.position),
                     live.events.filter((e) => e.type === 'mode').map((e) => e.position));
});

test('a jump to a SYSCALL exit of the timeline lands after it, where break exit SYSCALL stops', async () => {
    const t = await newApi();
    const image = t.writeFile('/boot.img', fs.readFileSync(path.join(root, 'build/guest-os/boot-hello.img')));
    t.call('loadImage', image, 'boot-hello', JSON.stringify({ vmm: true }), '{}');
    while (t.call('run', 1e6).paused);
    const exit = t.call('events', 0, 1e7).events.find((e) => e.type === 'exit' && e.cause === 'SYSCALL');
    t.call('jump', exit.position);
    const jumped = t.call('state');
    const b = await newApi();
    b.call('loadImage', b.writeFile('/boot.img', fs.readFileSync(path.join(root, 'build/guest-os/boot-hello.img'))),
           'boot-hello', JSON.stringify({ vmm: true }), '{}');
    b.call('command', 'break exit SYSCALL');
    assert.match(b.call('run', 1e9).output, /exit SYSCALL/);
    assert.deepEqual({ ...b.call('state'), frontier: 0, breakpoints: [] }, { ...jumped, frontier: 0 });
    assert.equal(jumped.position, exit.position);
});

test('a full-speed run ends as trapvm run does, under the monitor too', async () => {
    for (const vmm of [false, true]) {
        const { call } = await newApi();
        assert.equal(call('fastLoadSource', read('examples/sum.s'), 'sum.s', JSON.stringify({ vmm })).ok, true);
        while (!call('fastRun', 1000).done);
        const s = call('fastState');
        const cli = cliState(path.join(root, 'examples/sum.s'), ...(vmm ? ['--vmm'] : []));
        assert.deepEqual(cpuOf(s.cpu), cpuOf(cli));
        assert.deepEqual(s.end.stop, cli.stop);
    }
});

test('the step limit stops the run as trapvm run --max-steps does, and says how to raise it', async () => {
    const { call } = await loaded('examples/sum.s', { max_steps: 50 });
    call('run', 1e9);
    const s = call('state');
    assert.deepEqual(s.end.stop, cliState(path.join(root, 'examples/sum.s'), '--max-steps', '50').stop);
    assert.match(s.end.describe, /step limit \(--max-steps 50\); to run longer, raise it/);
});

test('console input is the program\'s, given up front like --input', async () => {
    const { call } = await loaded('examples/echo.s', { input: 'hi there\n' });
    call('run', 1e9);
    const inputFile = scratch('in.txt', 'hi there\n');
    const cli = trapvm('run', '-q', path.join(root, 'examples/echo.s'), '--input', inputFile);
    assert.equal(call('state').console, cli.stdout);
});

test('bad settings and bad files are refused with one line saying what is wrong', async () => {
    const { call, writeFile } = await newApi();
    assert.equal(call('loadSource', 'halt', 'a.s', '{"memory_size": 6}').error,
                 "settings: 'memory_size' must be a multiple of 4");
    assert.match(call('loadSource', 'halt', 'a.s', `{"memory_size": ${128 << 20}}`).error,
                 /^settings: 'memory_size' must be a whole number from 4 to 67108864$/);
    assert.match(call('loadImage', writeFile('/x.img', new Uint8Array([1, 2, 3])), 'x.img', '{}', '{}').error, /^x\.img: /);
    const t = call('readTrace', writeFile('/bad.jsonl', '{"format":"trapvm-trace","version":1}\nnot json\n'));
    assert.equal(t.ok, false);
    assert.match(t.error, /^\/bad\.jsonl:\d+: /);
});
