// PG32 assembly for CodeMirror: a stream tokenizer whose names all come from
// the ISA tables (gen/isa.json, written at build time from the wasm
// module's Api.isa(): instructions.tbl, pseudos.tbl, registers.tbl,
// csrs.tbl, pg32.inc and the assembler's directive table).
import { StreamLanguage, HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags } from '@lezer/highlight';

export function pg32Language(isa) {
    const set = (list) => new Set(list.map((x) => x.toLowerCase()));
    const mnemonics = set([...isa.instructions.map((i) => i.mnemonic), ...isa.pseudos.map((p) => p.mnemonic)]);
    const privileged = set(isa.instructions.filter((i) => i.privileged).map((i) => i.mnemonic));
    const registers = set(isa.registers.flatMap((r) => r.names));
    const csrs = set(isa.csrs.map((c) => c.name));
    const directives = set(isa.directives.map((d) => d.name));
    const constants = new Set(isa.constants);
    return StreamLanguage.define({
        name: 'pg32',
        token(stream) {
            if (stream.eatSpace()) return null;
            const c = stream.peek();
            if (c === '#' || c === ';') return stream.skipToEnd(), 'comment';
            if (c === '"') return string(stream, '"');
            if (c === "'") return string(stream, "'");
            if (stream.match(/^-?(0x[0-9a-f]+|0b[01]+|\d+)/i)) return 'number';
            const word = stream.match(/^\.?[A-Za-z_][\w.$]*/);
            if (!word) return stream.next(), null;
            const w = word[0];
            if (stream.peek() === ':') return 'labelName';
            const lower = w.toLowerCase();
            if (directives.has(lower)) return 'meta';
            if (privileged.has(lower)) return 'controlKeyword';
            if (mnemonics.has(lower)) return 'keyword';
            if (registers.has(lower)) return 'variableName.special';
            if (csrs.has(lower)) return 'propertyName';
            if (constants.has(w)) return 'atom';
            return 'variableName';
        },
        languageData: { commentTokens: { line: '#' } },
    });
}

function string(stream, quote) {
    stream.next();
    let escaped = false;
    while (!stream.eol()) {
        const ch = stream.next();
        if (ch === quote && !escaped) break;
        escaped = !escaped && ch === '\\';
    }
    return 'string';
}

export const pg32Highlight = syntaxHighlighting(HighlightStyle.define([
    { tag: tags.comment, color: '#6a737d', fontStyle: 'italic' },
    { tag: tags.keyword, color: '#005cc5', fontWeight: 'bold' },
    { tag: tags.controlKeyword, color: '#b31d28', fontWeight: 'bold' },
    { tag: tags.meta, color: '#6f42c1' },
    { tag: tags.labelName, color: '#22863a', fontWeight: 'bold' },
    { tag: tags.special(tags.variableName), color: '#e36209' },
    { tag: tags.propertyName, color: '#b31d28' },
    { tag: tags.atom, color: '#005cc5' },
    { tag: tags.number, color: '#098658' },
    { tag: tags.string, color: '#032f62' },
]));
