// The timeline: along the run (x = the debugger's positions, every
// instruction any VM is about to run), one lane per VM with its mode as a
// band (system dark, user light) and its traps, interrupts and monitor
// exits as marks. The wheel zooms (from the whole run down to single
// steps), dragging pans, a click jumps there (onJump), or to the mark
// under the pointer. A live run and a trace file (trace/FORMAT.md) give the
// same events: {type, vm, step, position, cause, decision, routine, mode}.
//
//   lane vm0  |####......####.......|   band: mode
//             |  v   v      v       |   traps (red), interrupts (amber)
//             |  |   |  |   |  |    |   exits (blue), below
const LANE = 54;
const TOP = 18;           // the axis
const MIN_SPAN = 16;      // positions shown at the deepest zoom
const COLORS = { trap: '#c62828', interrupt: '#ef8f00', exit: '#1565c0', mode: '#555' };

export class Timeline {
    constructor(canvas, { onJump, onPick }) {
        this.canvas = canvas;
        this.onJump = onJump;
        this.onPick = onPick;
        this.clear();
        canvas.addEventListener('wheel', (e) => this.wheel(e), { passive: false });
        canvas.addEventListener('mousedown', (e) => this.press(e));
        canvas.addEventListener('mousemove', (e) => this.hover(e));
        window.addEventListener('resize', () => this.draw());
    }

    // initialModes: each VM's mode at position 0 (true = system).
    clear(initialModes = [true], source = 'run') {
        this.events = [];
        this.modes = initialModes;
        this.extent = 1;
        this.view = null;     // [from, to) in positions; null: the whole run
        this.cursor = 0;
        this.selected = null;
        this.source = source;
        this.draw();
    }

    add(events, extent) {
        for (const e of events) this.events.push(e);
        this.extent = Math.max(extent, 1);
        this.draw();
    }

    setCursor(position) {
        this.cursor = position;
        this.draw();
    }

    range() { return this.view || [0, this.extent]; }

    zoom(factor, around) {
        const [a, b] = this.range();
        const at = around ?? (a + b) / 2;
        let span = Math.max((b - a) * factor, MIN_SPAN);
        if (span >= this.extent) return this.whole();
        let from = Math.max(0, at - (at - a) * (span / (b - a)));
        from = Math.min(from, this.extent - span);
        this.view = [from, from + span];
        this.draw();
    }

    whole() {
        this.view = null;
        this.draw();
    }

    // Centers the view on a position, zoomed to show about `span` positions.
    focus(position, span = 400) {
        span = Math.min(Math.max(span, MIN_SPAN), this.extent);
        const from = Math.min(Math.max(0, position - span / 2), Math.max(0, this.extent - span));
        this.view = span >= this.extent ? null : [from, from + span];
        this.draw();
    }

    width() { return this.canvas.clientWidth || 800; }
    xOf(position) {
        const [a, b] = this.range();
        return ((position - a) / (b - a)) * this.width();
    }
    positionAt(x) {
        const [a, b] = this.range();
        return a + (x / this.width()) * (b - a);
    }
    laneOf(y) { return Math.floor((y - TOP) / LANE); }

    wheel(e) {
        e.preventDefault();
        this.zoom(e.deltaY > 0 ? 1.25 : 0.8, this.positionAt(e.offsetX));
    }

    press(e) {
        const startX = e.offsetX;
        const start = this.range();
        let moved = false;
        const move = (m) => {
            const dx = m.clientX - e.clientX;
            if (Math.abs(dx) < 3 || !this.view) return;
            moved = true;
            const per = (start[1] - start[0]) / this.width();
            const from = Math.min(Math.max(0, start[0] - dx * per), this.extent - (start[1] - start[0]));
            this.view = [from, from + (start[1] - start[0])];
            this.draw();
        };
        const up = () => {
            window.removeEventListener('mousemove', move);
            window.removeEventListener('mouseup', up);
            if (!moved) this.click(startX, e.offsetY);
        };
        window.addEventListener('mousemove', move);
        window.addEventListener('mouseup', up);
    }

    // The mark within 4 pixels of (x, y), nearest first: exits are drawn in
    // a lane's lower half, traps and interrupts in its upper half.
    markAt(x, y) {
        const lane = this.laneOf(y);
        const lower = y - (TOP + lane * LANE) >= 28;
        let best = null, bestScore = 5;
        for (const ev of this.visible())
            if (ev.type !== 'mode' && (ev.vm === lane || lane < 0)) {
                const score = Math.abs(this.xOf(ev.position) - x) + ((ev.type === 'exit') === lower ? 0 : 2.5);
                if (score < bestScore) [best, bestScore] = [ev, score];
            }
        return best;
    }

    click(x, y) {
        const mark = this.markAt(x, y);
        if (mark) return this.pick(mark);
        const position = Math.max(0, Math.min(Math.round(this.positionAt(x)), this.extent));
        if (this.source === 'run') this.onJump(position, null);
    }

    pick(mark) {
        this.selected = mark;
        this.onPick(mark);
        if (this.source === 'run') this.onJump(mark.position, mark);
        this.draw();
    }

    hover(e) {
        const mark = this.markAt(e.offsetX, e.offsetY);
        this.canvas.title = mark ? describe(mark) : `position ${Math.round(this.positionAt(e.offsetX))}`;
    }

    // Events inside the view, found by binary search (they are in position order).
    *visible() {
        const [a, b] = this.range();
        const ev = this.events;
        let lo = 0, hi = ev.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (ev[mid].position < a) lo = mid + 1; else hi = mid;
        }
        for (let i = lo; i < ev.length && ev[i].position <= b; ++i) yield ev[i];
    }

    lanes() {
        let n = this.modes.length;
        for (const e of this.events) n = Math.max(n, e.vm + 1);
        return n;
    }

    draw() {
        const c = this.canvas, lanes = this.lanes();
        const w = this.width(), h = TOP + lanes * LANE + 4, dpr = window.devicePixelRatio || 1;
        c.style.height = `${h}px`;
        if (c.width !== Math.round(w * dpr) || c.height !== Math.round(h * dpr)) {
            c.width = Math.round(w * dpr);
            c.height = Math.round(h * dpr);
        }
        const g = c.getContext('2d');
        g.setTransform(dpr, 0, 0, dpr, 0, 0);
        g.clearRect(0, 0, w, h);
        this.drawAxis(g, w);
        for (let vm = 0; vm < lanes; ++vm) this.drawLane(g, vm, w);
        const x = this.xOf(this.cursor);
        g.fillStyle = '#2e7d32';
        g.fillRect(Math.round(x) - 1, TOP - 4, 2, h - TOP + 4);
    }

    drawAxis(g, w) {
        const [a, b] = this.range();
        const span = b - a;
        // Labels at least 80 pixels apart, on steps of 1, 2 or 5 times a power of ten.
        let step = 1;
        for (let k = 1; step * (w / span) < 80; k *= 10) step = [k, 2 * k, 5 * k].find((s) => s * (w / span) >= 80) || 10 * k;
        g.fillStyle = '#444';
        g.font = '11px sans-serif';
        g.fillText('position: instructions run, all VMs', w - 200, 11);
        for (let p = Math.ceil(a / step) * step; p <= b; p += step) {
            const x = this.xOf(p);
            g.fillRect(x, TOP - 5, 1, 5);
            if (x < w - 250) g.fillText(String(p), x + 2, 11);
        }
        if (span / w < 0.2)  // single steps: a tick per position
            for (let p = Math.ceil(a); p <= b; ++p) g.fillRect(this.xOf(p), TOP - 2, 1, 2);
    }

    drawLane(g, vm, w) {
        const y = TOP + vm * LANE;
        g.fillStyle = '#f3f3f3';
        g.fillRect(0, y + 2, w, LANE - 4);
        this.drawModes(g, vm, y, w);
        const seen = new Set();   // one mark per pixel column and kind
        for (const e of this.visible()) {
            if (e.vm !== vm || e.type === 'mode') continue;
            const x = Math.round(this.xOf(e.position));
            const key = `${e.type}:${x}`;
            if (seen.has(key) && e !== this.selected) continue;
            seen.add(key);
            g.fillStyle = COLORS[e.type];
            if (e.type === 'exit') g.fillRect(x - 1, y + 32, 2, 16);
            else triangle(g, x, y + 16, 5);
            if (e === this.selected) {
                g.strokeStyle = '#000';
                g.strokeRect(x - 4, y + 4, 8, LANE - 8);
            }
        }
        g.fillStyle = '#222';
        g.font = 'bold 11px sans-serif';
        g.fillText(`vm${vm}`, 4, y + 14);
    }

    // The mode band: system where the VM runs in (virtual) system mode.
    drawModes(g, vm, y, w) {
        const [a, b] = this.range();
        let system = this.modes[vm] ?? true, from = 0;
        const band = (p0, p1, sys) => {
            if (p1 < a || p0 > b) return;
            g.fillStyle = sys ? '#9fa8da' : '#e3f2fd';
            const x0 = Math.max(0, this.xOf(p0)), x1 = Math.min(w, this.xOf(p1));
            g.fillRect(x0, y + 24, Math.max(1, x1 - x0), 6);
        };
        for (const e of this.events) {
            if (e.vm !== vm || e.type !== 'mode') continue;
            if (e.position > b) break;
            band(from, e.position, system);
            from = e.position;
            system = e.mode === 'system';
        }
        band(from, this.extent, system);
    }
}

function triangle(g, x, y, r) {
    g.beginPath();
    g.moveTo(x - r, y - r);
    g.lineTo(x + r, y - r);
    g.lineTo(x, y + r);
    g.fill();
}

// "vm0 step 1234: exit SYSCALL (reflect)": as the page lists an event.
export function describe(e) {
    const where = `vm${e.vm} step ${e.step}`;
    if (e.type === 'mode') return `${where}: mode -> ${e.mode}`;
    if (e.type === 'exit') return `${where}: exit ${e.cause} (${e.decision}${e.routine ? ' ' + e.routine : ''})`;
    return `${where}: ${e.type} ${e.cause}`;
}
