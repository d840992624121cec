// The timeline's tools: opening a trace file, and finding the first or
// next event of a kind.
import isa from '@gen/isa.json';
import { $, engine, ui, status } from './page.js';

// The page reads a trace whole into the module's memory: up to this much.
export const kMaxTraceFile = 256 * 1024 * 1024;

export async function openTrace(file) {
    if (file.size > kMaxTraceFile)
        return status(`${file.name}: larger than 256 MiB (${file.size} bytes), more than the page reads; ` +
                      'cut it with trapvm trace --only traps, or --from and --to', 'error');
    const bytes = new Uint8Array(await file.arrayBuffer());
    const r = await engine.call('trace', { bytes });
    if (!r.ok) return status(`${file.name}: ${r.error}`, 'error');
    const h = r.header, vms = Math.max(1, h.vms.length);
    ui.timeline.clear(Array(vms).fill(true), 'trace');
    ui.timeline.add(r.events, r.positions || Math.max(1, ...r.events.map((e) => e.position)));
    $('tl-info').textContent = `${file.name}: trace of ${h.programs.join(', ')} (${h.mode}), ${r.records} records, ` +
        `${r.events.length} events` + (r.dropped ? ` (${r.dropped} more not kept)` : '') +
        ' — ' + r.ends.map((e) => `vm${e.vm} ${e.stop.reason} after ${e.steps} steps`).join(', ');
    $('tl-detail').textContent = 'click a mark to see its record';
    status(`opened ${file.name}`);
}

export function findCauses() {
    const kind = $('find-kind').value;
    const names = kind === 'mode' ? ['system', 'user'] : isa.causes.map((c) => c.name);
    $('find-cause').innerHTML = '<option value="">any</option>' + names.map((n) => `<option>${n}</option>`).join('');
}

export function find(next) {
    const kind = $('find-kind').value, cause = $('find-cause').value;
    const after = next && ui.timeline.selected ? ui.timeline.selected.position : -1;
    const match = (e) => e.type === kind && (!cause || e.cause === cause || e.mode === cause) &&
                         (!next || e.position > after || (e.position === after && e !== ui.timeline.selected && after >= 0));
    const from = next && ui.timeline.selected ? ui.timeline.events.indexOf(ui.timeline.selected) + 1 : 0;
    const e = ui.timeline.events.slice(from).find(match);
    if (!e) return status(`no ${kind} ${cause} ${next ? 'after this one' : 'on the timeline'}`);
    ui.timeline.focus(e.position);
    ui.timeline.pick(e);
}
