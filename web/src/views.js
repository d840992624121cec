// The state views: registers, privileged registers (virtual and real side
// by side under the monitor, with the composed R drawn against the VM's
// region), memory with the current access, disassembly with source lines.
// Each takes the engine's state() (web/api/views.cpp) and renders into its
// element; values the last stop changed are marked.
const hex = (n) => '0x' + (n >>> 0).toString(16).padStart(8, '0');
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

export function renderRegisters(el, isa, state, previous) {
    const regs = state.cpu.regs, old = previous && previous.cpu && previous.cpu.regs;
    const rows = isa.registers.map((r) => {
        const changed = old && old[r.number] !== regs[r.number] ? ' class="changed"' : '';
        return `<tr${changed}><th>${esc(r.names[1] || r.names[0])}</th><td>r${r.number}</td>` +
               `<td class="mono">${hex(regs[r.number])}</td><td class="mono dim">${regs[r.number] | 0}</td></tr>`;
    });
    el.innerHTML = `<table class="regs"><tr><th>pc</th><td></td><td class="mono">${hex(state.cpu.pc)}</td>` +
                   `<td>${state.cpu.mode}</td></tr>${rows.join('')}</table>`;
}

export function renderCsrs(el, isa, state, previous) {
    const v = state.cpu.csr, old = previous && previous.cpu && previous.cpu.csr;
    const real = state.real && state.real.cpu.csr;
    const head = real ? `<tr><th></th><th>virtual (vm${state.vm})</th><th>real CPU</th></tr>` : '';
    const rows = isa.csrs.map(({ name }) => {
        const changed = old && old[name] !== v[name] ? ' class="changed"' : '';
        const r = real ? `<td class="mono real">${hex(real[name])}</td>` : '';
        return `<tr${changed}><th title="${esc(name)}">${esc(name)}</th><td class="mono">${hex(v[name])}</td>${r}</tr>`;
    });
    const mode = real ? `<tr><th>mode</th><td>${state.cpu.mode}</td><td>${state.real.cpu.mode}</td></tr>` : '';
    el.innerHTML = `<table class="csrs">${head}${rows.join('')}${mode}</table>` + (state.real ? drawR(state) : '');
}

// Real memory as a bar: the VM's region, and inside it the real R the
// allocator composes (virtual system mode: the whole region; user mode:
// the guest's R moved by the region's base and clipped to it).
function drawR(state) {
    const { region, composed_r: r, memory_size: size } = state.real;
    const W = 300, x = (a) => (Math.min(a, size) / size) * W;
    const rw = Math.max(2, x(r.rbase + r.rbound) - x(r.rbase));
    const rx = Math.min(x(r.rbase), W - rw);
    return `<div class="note">real memory, 0..${hex(size)}: vm${state.vm}'s region (light), the real R composed for it (dark)</div>
    <svg class="rbar" viewBox="0 0 ${W} 22" width="100%" role="img" aria-label="real memory, the region and the composed R">
      <rect x="0" y="2" width="${W}" height="18" fill="#eee" stroke="#999"/>
      <rect x="${x(region.base)}" y="2" width="${Math.max(2, x(region.base + region.size) - x(region.base))}" height="18" fill="#c5cae9"/>
      <rect x="${rx}" y="6" width="${rw}" height="10" fill="#3949ab"/>
    </svg>
    <table class="csrs"><tr><th>region</th><td class="mono">${hex(region.base)} + ${hex(region.size)}</td></tr>
      <tr><th>virtual R</th><td class="mono">${hex(state.cpu.csr.rbase)} + ${hex(state.cpu.csr.rbound)} (guest ${state.cpu.mode})</td></tr>
      <tr><th>composed R</th><td class="mono real">${hex(r.rbase)} + ${hex(r.rbound)}</td></tr></table>`;
}

// 16 bytes a row from `from`; the instruction at pc and the bytes it is
// about to load or store are marked.
export function renderMemory(el, state, mem) {
    const insn = state.insn || {}, access = insn.access;
    const lo = access && access.physical != null ? access.physical : -1;
    const hi = lo >= 0 ? lo + access.size : -1;
    const pc = insn.physical != null ? insn.physical : -1;
    let html = '';
    for (let row = 0; row * 32 < mem.hex.length; ++row) {
        const base = mem.address + row * 16;
        let cells = '', text = '';
        for (let i = 0; i < 16 && (row * 16 + i) * 2 < mem.hex.length; ++i) {
            const a = base + i, byte = parseInt(mem.hex.substr((row * 16 + i) * 2, 2), 16);
            const cls = a >= lo && a < hi ? (access.store ? 'acc-store' : 'acc-load') : a >= pc && a < pc + 4 ? 'acc-pc' : '';
            cells += `<span class="${cls}">${mem.hex.substr((row * 16 + i) * 2, 2)}</span>`;
            text += byte >= 32 && byte < 127 ? esc(String.fromCharCode(byte)) : '.';
        }
        html += `<div><span class="addr">${hex(base)}</span> ${cells} <span class="dim">${text}</span></div>`;
    }
    const what = access ? `${access.store ? 'store' : 'load'} of ${access.size} at ${hex(access.address)}` +
                          (access.physical == null ? ' (outside R: it traps)' : ` (phys ${hex(access.physical)})`) : 'no access';
    el.innerHTML = `<div class="note">next instruction: ${esc(insn.asm || '?')} — ${what}</div><div class="mono hexdump">${html}</div>`;
}

// The address the memory view starts at: the access, else the pc, 16-aligned.
export function memoryFocus(state) {
    const insn = state.insn || {};
    const at = insn.access && insn.access.physical != null ? insn.access.physical : insn.physical || 0;
    return Math.max(0, (at & ~15) - 64);
}

// The listing with each word's source line; the row at pc is marked.
export class Disassembly {
    constructor(el, { onBreak }) {
        this.el = el;
        this.onBreak = onBreak;
        this.rows = [];
        el.addEventListener('click', (e) => {
            const tr = e.target.closest('tr[data-address]');
            if (tr && e.target.closest('.bp')) this.onBreak(Number(tr.dataset.address));
        });
    }

    // listing: Engine::listing(); sources: {path: text}, matched to the
    // image's file names by their end.
    set(listing) {
        const files = listing.files.map((f) => sourceFor(f, listing.sources || {}));
        this.rows = listing.rows;
        const html = listing.rows.map(([address, word, asm, label, file, line]) => {
            const src = file >= 0 && files[file] ? files[file].lines[line - 1] : undefined;
            const where = file >= 0 ? `${esc(files[file] ? files[file].name : listing.files[file])}:${line}` : '';
            return (label ? `<tr class="label"><td></td><td colspan="4">${esc(label)}:</td></tr>` : '') +
                `<tr data-address="${address}"><td class="bp" title="break here">○</td><td class="addr">${hex(address)}</td>` +
                `<td class="mono dim">${hex(word).slice(2)}</td><td class="mono">${esc(asm)}</td>` +
                `<td class="src"><span class="dim">${where}</span> ${src !== undefined ? esc(src.trim()) : ''}</td></tr>`;
        });
        this.el.innerHTML = `<table class="listing">${html.join('')}</table>`;
    }

    show(state, breakAddresses) {
        const pc = state.insn && state.insn.physical;
        for (const tr of this.el.querySelectorAll('tr.at-pc')) tr.classList.remove('at-pc');
        for (const td of this.el.querySelectorAll('td.bp.on')) td.classList.remove('on');
        for (const a of breakAddresses) {
            const td = this.el.querySelector(`tr[data-address="${a}"] td.bp`);
            if (td) td.classList.add('on');
        }
        const tr = pc != null && this.el.querySelector(`tr[data-address="${pc}"]`);
        if (!tr) return;
        tr.classList.add('at-pc');
        const box = this.el;  // scroll the listing only, never the page
        if (tr.offsetTop < box.scrollTop || tr.offsetTop > box.scrollTop + box.clientHeight - 20)
            box.scrollTop = tr.offsetTop - box.clientHeight / 3;
    }
}

function sourceFor(file, sources) {
    const key = Object.keys(sources).find((k) => file === k || file.endsWith('/' + k) || k.endsWith('/' + file));
    return key ? { name: key.split('/').pop(), lines: sources[key].split('\n') } : null;
}
