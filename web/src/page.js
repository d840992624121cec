// What the page's parts share: the engine in its worker, the page's state,
// the status line and the debugger's log, and guarded(), which runs one
// action at a time with the buttons that move the engine disabled.
import { EngineClient } from './client.js';

export const $ = (id) => document.getElementById(id);
export const engine = new EngineClient();
export const page = {
    program: null,      // {name, source} or {name, image (base64), source path, sources}
    loaded: false,      // the engine holds this program with these settings
    initialModes: [true],  // each VM's mode at the start (the timeline's bands)
    fastPaused: null,   // a paused full-speed run: what it runs (Run goes on with it)
    state: null, previous: null,
    events: 0,          // timeline events fetched so far
    breaks: [],         // other breakpoints: 'trap SYSCALL', 'exit any', 'mode', '0x40'
    numbers: new Map(), // a breakpoint's key ('line 12', or its text) -> the engine's number
    running: false,
};
// The editor, the timeline and the disassembly, once start() made them.
export const ui = { editor: null, timeline: null, disasm: null };

export function status(text, kind = '') {
    $('status').textContent = text;
    $('status').className = kind;
}

export function log(text) {
    if (!text) return;
    const el = $('log');
    el.textContent = (el.textContent + text).slice(-20000);
    el.scrollTop = el.scrollHeight;
}

export function setRunning(on) {
    page.running = on;
    for (const id of ['run', 'step', 'back', 'rcontinue', 'assemble']) $(id).disabled = on;
    $('pause').disabled = !on;
}

export async function guarded(action) {
    if (page.running) return;
    try {
        setRunning(true);
        await action();
    } catch (e) {
        if (e.message !== 'stopped') status(e.message, 'error');
    } finally {
        setRunning(false);
    }
}
