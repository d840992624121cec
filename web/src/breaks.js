// Breakpoints as the page keeps them: lines (the editor's gutter), code
// addresses (the disassembly), and traps, mode changes and monitor exits;
// each is set in the engine with the debugger's own `break` command, and
// set again at every load.
import isa from '@gen/isa.json';
import { $, engine, page, ui, log, guarded } from './page.js';

export function breakChoices() {
    const kind = $('break-kind').value;
    const causes = isa.causes.map((c) => c.name);
    const exits = ['any', ...causes.filter((c) => c !== 'PRIVILEGED'),
                   ...isa.instructions.filter((i) => i.privileged).map((i) => i.mnemonic)];
    const list = kind === 'trap' ? ['any', ...causes] : kind === 'exit' ? exits : ['', 'user', 'system'];
    $('break-cause').innerHTML = list.map((c) => `<option value="${c}">${c || 'either way'}</option>`).join('');
}

// Sets a breakpoint in the loaded engine; its number comes back in the
// debugger's own words ("Breakpoint 3: trap SYSCALL").
export async function setBreak(key, text) {
    const r = await engine.call('command', { line: `break ${text}` });
    const m = /(?:Breakpoint|Watchpoint) (\d+):/.exec(r.output);
    if (m) page.numbers.set(key, Number(m[1]));
    log(r.output);
    return r;
}

async function clearBreak(key) {
    const n = page.numbers.get(key);
    page.numbers.delete(key);
    if (n !== undefined && page.loaded) log((await engine.call('command', { line: `delete ${n}` })).output);
}

export async function addBreak(text) {
    if (page.breaks.includes(text)) return;
    page.breaks.push(text);
    showBreaks();
    if (!page.loaded) return;
    await guarded(async () => {
        await setBreak(text, text);  // logs what the debugger said
        await ui.afterMove({ output: '' }, await engine.call('state'));
    });
}

export async function removeBreak(i) {
    const [text] = page.breaks.splice(i, 1);
    showBreaks();
    await guarded(async () => {
        await clearBreak(text);
        if (page.loaded) await ui.afterMove({ output: '' }, await engine.call('state'));
    });
}

export async function lineBreak(line, on) {
    showBreaks();
    if (!page.loaded) return;
    await guarded(async () => {
        if (on) await setBreak(`line ${line}`, `${page.program.name}:${line}`);
        else await clearBreak(`line ${line}`);
        await ui.afterMove({ output: '' }, await engine.call('state'));
    });
}

export function showBreaks() {
    const lines = ui.editor.breakLines().map((l) => `${page.program ? page.program.name : ''}:${l} (click the line's dot)`);
    $('break-list').innerHTML = lines.map((l) => `<li>${l}</li>`).join('') +
        page.breaks.map((b, i) => `<li>${b} <button data-i="${i}" title="delete">×</button></li>`).join('');
}


export function breakAddresses() {
    return page.breaks.filter((b) => /^0x/.test(b)).map((b) => parseInt(b, 16));
}

