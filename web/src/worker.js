// The page's worker: the wasm module (createTrapvm, prepended to this file
// by tools/build.mjs) and a loop that runs it in chunks, so that the page
// stays responsive and a pause is heard between two chunks.
//
// Messages in: {id, op, args}; out: {id, result} once, and for long runs
// {id, progress} after each chunk. Results are the API's JSON, parsed.
/* global createTrapvm */
'use strict';

const CHUNK_EVENTS = 2e6;    // recorded run: about a quarter of a second a chunk
const CHUNK_STEPS = 5e7;     // full speed: about half a second a chunk
let api = null;
let module = null;  // the emscripten module: its FS holds files the API reads
let pausing = false;
let fastSteps = 0;  // where the full-speed run is

const call = (name, ...args) => JSON.parse(api[name](...args));
const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 0));

function writeFile(path, bytes) {
    module.FS.writeFile(path, bytes);
    return path;
}

// A recorded run: continue in chunks until a breakpoint, the end, or pause.
async function run(id) {
    pausing = false;
    for (;;) {
        const r = call('run', CHUNK_EVENTS);
        const state = call('state');
        if (!r.paused || pausing) return { ...r, state, paused: r.paused };
        postMessage({ id, progress: { state, events: r.events, frontier: r.frontier } });
        await nextTurn();
    }
}

// Full speed: the machine's own loop, nothing recorded.
async function fast(id, load) {
    pausing = false;
    const loaded = load.resume ? { ok: true } : load.image
        ? call('fastLoadImage', writeFile('/fast.img', load.image), JSON.stringify(load.settings))
        : call('fastLoadSource', load.source, load.name, JSON.stringify(load.settings));
    if (!loaded.ok) return loaded;
    const start = performance.now(), from = load.resume ? fastSteps : 0;
    for (;;) {
        const r = call('fastRun', load.chunk || CHUNK_STEPS);
        const ms = performance.now() - start, ran = r.steps - from;  // this call's: for the speed
        fastSteps = r.steps;
        if (r.done || pausing) return { ok: true, ...r, ran, ms, state: call('fastState'), paused: !r.done };
        postMessage({ id, progress: { steps: r.steps, ran, ms, state: call('fastState') } });
        await nextTurn();
    }
}

const ops = {
    init: () => ({ isa: call('isa') }),
    assemble: ({ source, name }) => call('assemble', source, name),
    load: ({ source, name, image, settings, sources }) => {
        const config = JSON.stringify(settings);
        const r = image
            ? call('loadImage', writeFile('/program.img', image), name, config, JSON.stringify(sources || {}))
            : call('loadSource', source, name, config);
        if (r.ok) Object.assign(r, { state: call('state'), listing: call('listing') });
        return r;
    },
    run: (args, id) => run(id),
    fast: (args, id) => fast(id, args),
    command: ({ line }) => ({ ...call('command', line), state: call('state') }),
    jump: ({ position }) => ({ ...call('jump', position), state: call('state') }),
    state: () => call('state'),
    memory: ({ address, count }) => call('memory', address, count),
    events: ({ from, count }) => call('events', from, count),
    exits: () => call('exits'),
    trace: ({ bytes }) => {
        const r = call('readTrace', writeFile('/trace.jsonl', bytes));
        module.FS.unlink('/trace.jsonl');  // read once: its memory back
        return r;
    },
};

async function start() {
    module = await createTrapvm();
    api = new module.Api();
}
const ready = start();

onmessage = async (e) => {
    const { id, op, args } = e.data;
    if (op === 'pause') {
        pausing = true;
        return;
    }
    try {
        await ready;
        const result = await ops[op](args || {}, id);
        postMessage({ id, result });
    } catch (error) {
        postMessage({ id, error: String(error && error.stack ? error.stack : error) });
    }
};
