// The playground: wires the editor, the views and the timeline to the
// engine in the worker (client.js -> worker.js -> web/api, the CLI's own
// libraries). Start reading at start(), then load() and afterMove().
import isa from '@gen/isa.json';
import examples from '@gen/examples.json';
import { $, engine, page, ui, status, log, guarded, setRunning } from './page.js';
import { breakChoices, setBreak, addBreak, removeBreak, lineBreak, showBreaks, breakAddresses } from './breaks.js';
import { openTrace, findCauses, find } from './timeline-tools.js';
import { ProgramEditor } from './editor.js';
import { Timeline, describe } from './timeline.js';
import { renderRegisters, renderCsrs, renderMemory, memoryFocus, Disassembly } from './views.js';
import { encodeShare, decodeShare } from './share.js';
import { parseCount, formatCount, memorySizes } from './settings.js';


function settings() {
    const steps = parseCount($('max-steps').value);
    if (steps === undefined) throw new Error(`steps '${$('max-steps').value}': expected a count such as 1000000, 10M or none`);
    return { vmm: $('vmm').checked, memory_size: Number($('mem-size').value), max_steps: steps,
             quantum: Number($('quantum').value) || 20000, input: $('input').value };
}

let editor, timeline, disasm;

// ---- programs

function exampleList() {
    const sel = $('example');
    const group = (label, list) => `<optgroup label="${label}">` +
        list.map((p) => `<option value="${p.name}" title="${p.what.replace(/"/g, '&quot;')}">${p.name}</option>`).join('') +
        '</optgroup>';
    sel.innerHTML = group('examples', examples.programs) + group('guest OS (boots under the monitor)', examples.boots) +
                    '<option value="" hidden>your program</option>';
}

// An example or a boot, one click away: loaded at once, ready to run.
function choose(name, loadNow = true) {
    const program = examples.programs.find((p) => p.name === name);
    const boot = examples.boots.find((b) => b.name === name);
    if (program) setProgram({ name: program.name, source: program.source });
    if (boot) {
        setProgram({ name: boot.name, image: boot.image, sourcePath: boot.source, sources: examples.sources },
                   examples.sources[boot.source], true);
        $('vmm').checked = true;
        vmmChanged();
    }
    if (loadNow && (program || boot)) guarded(load);
}

function setProgram(program, text = program.source, readOnly = false) {
    page.program = program;
    page.loaded = false;
    editor.set(text, readOnly);
    $('example').value = examples.programs.some((p) => p.name === program.name) ||
                         examples.boots.some((b) => b.name === program.name) ? program.name : '';
    $('banner').hidden = !readOnly;
    $('banner').textContent = readOnly
        ? `${program.name}: the guest OS as make builds it (${program.sourcePath} with guest-os/kernel/); ` +
          'its kernel source lines are in the disassembly. Read only here: edit the files and run make web.' : '';
    $('problems').textContent = '';
    editor.showDiagnostics([]);
}

function edited() {
    if (page.program && !page.program.image && editor.text !== page.program.source) {
        page.program = { name: page.program.name, source: editor.text };
        $('example').value = examples.programs.some((p) => p.name === page.program.name && p.source === editor.text)
            ? page.program.name : '';
    }
    page.loaded = false;
}

function showAssembly(a, name) {
    editor.showDiagnostics(a.diagnostics);
    const el = $('problems');
    el.innerHTML = '';
    const add = (text, cls) => el.appendChild(Object.assign(document.createElement('div'), { textContent: text, className: cls }));
    for (const d of a.diagnostics) add(d.text.trimEnd(), d.warning ? 'warning' : 'error');
    if (a.text && a.diagnostics.length && a.errors + a.warnings > a.diagnostics.length)
        add(a.text.trimEnd().split('\n').pop(), 'error');
    if (a.ok) add(`${name}: assembled, ${a.bytes} bytes` + (a.warnings ? `, ${a.warnings} warning(s)` : ''), 'ok');
}

async function assemble() {
    if (page.program.image) return status('a prebuilt image: nothing to assemble');
    const t0 = performance.now();
    const a = await engine.call('assemble', { source: editor.text, name: page.program.name });
    showAssembly(a, page.program.name);
    status(a.ok ? `assembled in ${(performance.now() - t0).toFixed(0)} ms` : `${a.errors} error(s)`, a.ok ? 'ok' : 'error');
    return a.ok;
}

// ---- loading and moving

async function load() {
    const p = page.program, s = settings();
    const args = p.image ? { image: Uint8Array.from(atob(p.image), (c) => c.charCodeAt(0)), name: p.name, settings: s,
                             sources: p.sources }
                         : { source: editor.text, name: p.name, settings: s };
    const r = await engine.call('load', args);
    if (!r.ok) {
        if (r.assembly) showAssembly(r.assembly, p.name);
        status(r.error || 'the program has errors', 'error');
        if (r.error) log(r.error + '\n');
        return false;
    }
    if (r.assembly) showAssembly({ ...r.assembly, ok: true, bytes: r.listing.rows.length * 4 }, p.name);
    page.loaded = true;
    page.events = 0;
    page.previous = null;
    $('log').textContent = '';
    page.initialModes = [r.state.cpu.mode === 'system'];
    timeline.clear(page.initialModes);
    disasm.set(r.listing);
    page.numbers.clear();
    for (const line of editor.breakLines()) await setBreak(`line ${line}`, `${p.name}:${line}`);
    for (const b of page.breaks) await setBreak(b, b);
    await afterMove({ ...r, output: '' }, await engine.call('state'));
    return true;
}

async function ensureLoaded() { return page.loaded || load(); }

// After anything moved the engine: the views, the new timeline events.
async function afterMove(reply, state) {
    log(reply.output);
    page.previous = page.state;
    page.state = state;
    renderRegisters($('regs'), isa, state, page.previous);
    renderCsrs($('csrs'), isa, state, page.previous);
    const con = $('console');
    con.textContent = (state.console_cut ? `[... ${state.console_cut} bytes before]\n` : '') + state.console;
    con.scrollTop = con.scrollHeight;
    const src = state.insn && state.insn.source, m = /:(\d+)$/.exec(src || '');
    const y = window.scrollY;  // the editor scrolls to the line, the page stays
    editor.showPcLine(m && src.startsWith(page.program.name + ':') ? Number(m[1]) : 0);
    window.scrollTo(0, y);
    disasm.show(state, breakAddresses());
    await showMemory();
    await fetchEvents(state);
    if (state.vmm) $('exits').textContent = (await engine.call('exits')).vms.map((v) => v.table).join('\n');
    const where = state.at_end ? 'end of the run' : `step ${state.step}`;
    status(state.end ? `${where}: ${state.end.describe}` : where, state.end && state.end.stop.reason !== 'halt' &&
           !(state.end.stop.reason === 'poweroff' && state.end.stop.status === 0) ? 'error' : '');
}

// One fetch at a time (a run's progress and its end may both ask).
let fetching = Promise.resolve();
function fetchEvents(state) {
    fetching = fetching.then(() => fetchNewEvents(state)).catch(() => {});
    return fetching;
}

async function fetchNewEvents(state) {
    if (timeline.source !== 'run') {  // a trace file was shown: back to the run's own timeline
        timeline.clear(page.initialModes);
        page.events = 0;
    }
    for (;;) {
        const r = await engine.call('events', { from: page.events, count: 50000 });
        page.events += r.events.length;
        timeline.add(r.events, state.frontier);
        $('tl-info').textContent = `${page.events} event${page.events === 1 ? '' : 's'}` + (r.dropped ? ` (${r.dropped} more not kept)` : '') +
                                   `, run so far: ${state.frontier} positions`;
        if (r.events.length < 50000) break;
    }
    timeline.setCursor(state.position);
}

async function showMemory() {
    const typed = $('mem-addr').value.trim();
    const address = typed ? parseInt(typed, typed.startsWith('0x') ? 16 : 10) || 0 : memoryFocus(page.state);
    renderMemory($('memory'), page.state, await engine.call('memory', { address, count: 256 }));
}


async function run() {
    if ($('record').checked) {
        if (!(await ensureLoaded())) return;
        status('running…');
        const r = await engine.call('run', {}, (p) => {
            status(`running… step ${p.state.step}`);
            page.state = p.state;
            $('console').textContent = p.state.console;
            timeline.add([], p.frontier);
            timeline.setCursor(p.state.position);
            fetchEvents(p.state);  // the timeline grows as the run goes (the worker answers between chunks)
        });
        return afterMove(r, r.state);
    }
    return fastRun();
}

// Full speed: the machine's own loop in the worker, nothing recorded.
async function fastRun(chunk) {
    const p = page.program, s = settings();
    const args = p.image ? { image: Uint8Array.from(atob(p.image), (c) => c.charCodeAt(0)), settings: s, chunk }
                         : { source: editor.text, name: p.name, settings: s, chunk };
    const key = JSON.stringify([p.name, p.image ? '' : editor.text, s]);
    args.resume = page.fastPaused === key;  // Run after Pause goes on, if nothing changed
    page.loaded = false;
    status('running at full speed…');
    const r = await engine.call('fast', args, (pr) => {
        status(`full speed: ${pr.steps} steps, ${(pr.ran / pr.ms / 1000).toFixed(0)} M/s`);
        $('console').textContent = pr.state.console;
    });
    if (!r.ok) {
        if (r.assembly) showAssembly(r.assembly, p.name);
        return status(r.error || 'the program has errors', 'error');
    }
    page.fastPaused = r.paused ? key : null;
    $('console').textContent = r.state.console;
    renderRegisters($('regs'), isa, r.state, null);
    const speed = `${r.steps} steps, ${r.ran} in ${r.ms.toFixed(0)} ms ` +
                  `(${(r.ran / r.ms / 1000).toFixed(0)} M/s)`;
    status(r.state.end ? `full speed, ${speed}: ${r.state.end.message || r.state.end.stop.reason}` : `paused, ${speed}`);
    log(`full speed run (not recorded: no step back, no timeline): ${speed}\n`);
    return r;
}

async function command(line) {
    if (!(await ensureLoaded())) return;
    const r = await engine.call('command', { line });
    return afterMove(r, r.state);
}

async function jump(position, mark) {
    if (page.running || !page.loaded) return;
    await guarded(async () => {
        const r = await engine.call('jump', { position });
        await afterMove(r, r.state);
        if (mark) $('tl-detail').textContent = describe(mark);
    });
}

async function stop() {
    engine.restart();
    await new Promise((resolve) => setTimeout(resolve, 0));  // the stopped call's own ending first
    setRunning(false);
    page.loaded = false;
    status('stopped');
    await guarded(load);
}

// ---- sharing

async function share() {
    const p = page.program;
    const data = { settings: { ...settings(), record: $('record').checked } };
    if (p.image || examples.programs.some((x) => x.name === p.name && x.source === editor.text)) data.example = p.name;
    else Object.assign(data, { name: p.name, source: editor.text });
    const link = location.href.split('#')[0] + (await encodeShare(data));
    history.replaceState(null, '', link);
    try { await navigator.clipboard.writeText(link); } catch { /* file:// or no permission: the address bar has it */ }
    status('the link is in the address bar (and the clipboard)');
}

async function fromLink() {
    const data = await decodeShare(location.hash);
    if (!data) return false;
    const s = data.settings || {};
    $('vmm').checked = !!s.vmm;
    $('record').checked = s.record !== false;
    if (s.memory_size) $('mem-size').value = String(s.memory_size);
    $('max-steps').value = formatCount(s.max_steps === undefined ? 1e8 : s.max_steps);
    if (s.quantum) $('quantum').value = String(s.quantum);
    $('input').value = s.input || '';
    if (data.example) choose(data.example, false);
    else setProgram({ name: data.name || 'program.s', source: data.source || '' });
    if (s.vmm !== undefined) $('vmm').checked = !!s.vmm;
    vmmChanged();
    return true;
}

function vmmChanged() {
    document.body.classList.toggle('vmm', $('vmm').checked);
    page.loaded = false;
}

// ---- start

function wire() {
    const on = (id, what, fn) => $(id).addEventListener(what, fn);
    on('example', 'change', () => choose($('example').value));
    on('assemble', 'click', () => guarded(assemble));
    on('run', 'click', () => guarded(run));
    on('pause', 'click', () => engine.pause());
    on('step', 'click', () => guarded(() => command('step')));
    on('back', 'click', () => guarded(() => command('reverse-step')));
    on('rcontinue', 'click', () => guarded(() => command('reverse-continue')));
    on('stop', 'click', stop);
    on('vmm', 'change', vmmChanged);
    for (const id of ['mem-size', 'max-steps', 'quantum', 'input']) on(id, 'change', () => { page.loaded = false; });
    on('share', 'click', share);
    on('trace-file', 'change', () => $('trace-file').files[0] && openTrace($('trace-file').files[0]));
    on('break-kind', 'change', breakChoices);
    on('break-add', 'click', () => addBreak(`${$('break-kind').value} ${$('break-cause').value}`.trim()));
    on('break-list', 'click', (e) => e.target.dataset.i !== undefined && removeBreak(Number(e.target.dataset.i)));
    on('cmd-form', 'submit', (e) => {
        e.preventDefault();
        const line = $('cmd').value.trim();
        if (line) guarded(() => command(line).then(() => { $('cmd').value = ''; }));
    });
    on('find-kind', 'change', findCauses);
    on('find-first', 'click', () => find(false));
    on('find-next', 'click', () => find(true));
    on('tl-whole', 'click', () => timeline.whole());
    on('tl-in', 'click', () => timeline.zoom(0.5));
    on('tl-out', 'click', () => timeline.zoom(2));
    on('mem-addr', 'change', () => page.state && showMemory());
    document.addEventListener('keydown', (e) => {
        if (e.ctrlKey && e.key === 'Enter') guarded(assemble);
    });
}

async function start() {
    performance.mark('trapvm-script');
    engine.call('state').then(() => performance.mark('trapvm-engine'));  // the worker's module is up
    editor = new ProgramEditor($('editor'), isa, {
        onBreak: lineBreak,
        onChange: edited,
    });
    timeline = new Timeline($('timeline'), { onJump: jump, onPick: (e) => { $('tl-detail').textContent = describe(e) +
        (timeline.source === 'trace' ? '\n' + JSON.stringify(e) : ''); } });
    disasm = new Disassembly($('disasm'), { onBreak: (address) => addBreak('0x' + address.toString(16)) });
    Object.assign(ui, { editor, timeline, disasm, afterMove });
    $('mem-size').innerHTML = memorySizes().map(([v, t]) => `<option value="${v}">${t}</option>`).join('');
    $('mem-size').value = String(1 << 20);
    exampleList();
    breakChoices();
    findCauses();
    wire();
    if (!(await fromLink())) choose('hello.s', false);
    vmmChanged();
    await guarded(load);
    status('ready');
    performance.mark('trapvm-ready');  // the benchmark's "page usable" (bench/README.md)
    window.trapvm = { page, timeline, engine, editor };  // for the tests and the benchmark
}

start();
