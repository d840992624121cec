// Settings as the CLI takes them: counts with decimal suffixes (k, M, G;
// 'none' lifts the limit), memory sizes in binary units.
const SCALE = { '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9 };

// "100M" -> 100000000, "none" -> null (no limit); undefined when not a count.
export function parseCount(text) {
    const t = String(text).trim();
    if (t === 'none') return null;
    const m = /^(\d+)([kKMG]?)$/.exec(t);
    if (!m) return undefined;
    const n = Number(m[1]) * SCALE[m[2]];
    return n >= 1 && Number.isSafeInteger(n) ? n : undefined;
}

export function formatCount(n) {
    if (n === null) return 'none';
    for (const [s, v] of [['G', 1e9], ['M', 1e6], ['k', 1e3]]) if (n >= v && n % v === 0) return n / v + s;
    return String(n);
}

// The page's memory sizes, up to its limit (web/api/engine.hpp, kPageMaxMemory: 64 MiB).
export function memorySizes() {
    const list = [];
    for (let kib = 64; kib <= 64 * 1024; kib *= 2) list.push([kib * 1024, kib >= 1024 ? `${kib / 1024} MiB` : `${kib} KiB`]);
    return list;
}
