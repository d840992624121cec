// The page's speed, in Debian's chromium (bench/README.md, "The page"):
//
//   make web-bench            (RUNS=5 by default)
//
// - first paint, and the page usable: from the start of navigation to the
//   example loaded in the engine and drawn (status "ready"; main.js marks
//   it), then assembling hello.s (the click to the message);
// - loop (a) (bench/programs/loop.s, 8 instructions an iteration) at full
//   speed in the worker, bare and under the monitor: million PG32
//   instructions per second;
// - the same loop recorded (step back, timeline: the debugger's hooks).
// Each figure: the median of RUNS runs, with min and max, after one warm-up.
import { launch, open } from '../test/e2e/browser.mjs';
import { read } from '../test/support.mjs';

const RUNS = Number(process.env.RUNS || 5);
const loop = (iterations) => `.equ ITERATIONS, ${iterations}\n` + read('bench/programs/loop.s');

function stats(values) {
    const v = [...values].sort((a, b) => a - b);
    return { median: v[Math.floor(v.length / 2)], min: v[0], max: v[v.length - 1] };
}

// From the start of navigation (the page's own clock): first paint, the
// engine up in the worker, and the page ready (the example loaded).
async function startup(browser) {
    const { page } = await open(browser);
    const time = (name) => page.evaluate((n) => performance.getEntriesByName(n)[0].startTime, name);
    const paint = await time('first-contentful-paint');
    const engine = await time('trapvm-engine');
    const ready = await time('trapvm-ready');
    const assemble = await page.evaluate(async () => {
        const t = performance.now();
        document.getElementById('assemble').click();
        while (!/assembled/.test(document.getElementById('problems').textContent)) await new Promise(requestAnimationFrame);
        return performance.now() - t;
    });
    await page.close();
    return { paint, engine, ready, assemble };
}

// Million instructions a second of loop (a) in the page's worker.
async function speed(page, { vmm = false, record = false, iterations }) {
    return page.evaluate(async ({ source, vmm, record }) => {
        const { engine } = window.trapvm;
        const settings = { vmm, max_steps: null, memory_size: 1 << 20 };
        if (!record) {
            const r = await engine.call('fast', { source, name: 'loop.s', settings });
            return r.ran / r.ms / 1000;
        }
        await engine.call('load', { source, name: 'loop.s', settings });
        const t = performance.now();
        const r = await engine.call('run', {});
        return r.state.cpu.steps / (performance.now() - t) / 1000;
    }, { source: loop(iterations), vmm, record });
}

async function main() {
    const browser = await launch();
    const rows = [];
    const row = (name, values, unit, target) => {
        const s = stats(values);
        const f = (x) => (unit === 'ms' ? x.toFixed(0) : x.toFixed(1));
        rows.push(`| ${name} | ${f(s.median)} ${unit} | ${f(s.min)} - ${f(s.max)} | ${target} |`);
    };
    await startup(browser);  // warm-up
    const starts = [];
    for (let i = 0; i < RUNS; ++i) starts.push(await startup(browser));
    row('first contentful paint', starts.map((s) => s.paint), 'ms', 'within 1 s (with assemble)');
    row('the engine (wasm module) up in the worker', starts.map((s) => s.engine), 'ms', '');
    row('page usable: hello.s loaded, views drawn', starts.map((s) => s.ready), 'ms', 'within 1 s');
    row('assemble hello.s (click to message)', starts.map((s) => s.assemble), 'ms', '');
    const { page } = await open(browser);
    for (const c of [
        { name: 'loop (a), bare, full speed', iterations: 25e6, target: 'at least 80 MIPS' },
        { name: 'loop (a), under the monitor, full speed', iterations: 25e6, vmm: true, target: '' },
        { name: 'loop (a), bare, recorded (step back, timeline)', iterations: 1e6, record: true, target: '' },
    ]) {
        await speed(page, { ...c, iterations: c.iterations / 10 });  // warm-up
        const v = [];
        for (let i = 0; i < RUNS; ++i) v.push(await speed(page, c));
        row(c.name, v, 'MIPS', c.target);
    }
    await browser.close();
    console.log(`chromium ${browser.version()}, ${RUNS} runs each\n`);
    console.log('| benchmark | median | min - max | target |\n|---|---|---|---|\n' + rows.join('\n'));
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
