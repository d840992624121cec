// The page's assembler: the CLI's own messages, at the CLI's lines and
// columns, and the names the editor highlights, from the ISA tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { newApi, read, scratch, trapvm, webBuild } from '../support.mjs';

const bad = {
    'range.s': '_start:\n    addi t0, t0, 70000\n    halt\n',
    'unknown.s': '_start:\n    li t0, 1\n    frob t0, t1\n    halt\n',
    'undefined.s': '_start:\n    j nowhere\n',
    'operands.s': '_start:\n    add t0, t1\n    halt\n',
};

for (const [name, source] of Object.entries(bad)) {
    test(`${name}: the diagnostics are trapvm asm's, line and column included`, async () => {
        const { call } = await newApi();
        const r = call('assemble', source, name);
        assert.equal(r.ok, false);
        const file = scratch(name, source);
        const cli = trapvm('asm', file, '-o', file + '.img');
        assert.equal(cli.status, 65);
        // The CLI names the file by the path it was given, the page by its
        // name; after the messages the CLI counts them in one more line.
        const said = cli.stderr.split(file).join(name);
        assert.ok(said.startsWith(r.text), said);
        assert.match(said.slice(r.text.length), /^\d+ errors?\n$/);
        for (const d of r.diagnostics) {
            const line = source.split('\n')[d.line - 1];
            assert.ok(d.column >= 1 && d.column <= line.length, `${d.line}:${d.column} inside "${line}"`);
            assert.ok(d.text.startsWith(`${name}:${d.line}:${d.column}: error: ${d.message}`));
        }
    });
}

test('every example assembles', async () => {
    const { call } = await newApi();
    for (const f of fs.readdirSync(path.join(path.dirname(webBuild), 'examples')).filter((x) => x.endsWith('.s'))) {
        const r = call('assemble', read(`examples/${f}`), f);
        assert.equal(r.ok, true, `${f}: ${r.text}`);
        assert.ok(r.bytes > 0);
    }
});

// The instruction table's first column, read from the table itself.
function tableMnemonics() {
    return read('isa-spec/tables/instructions.tbl').split('\n')
        .filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.split(/\s+/)[0]);
}

test('the highlighting names are the tables\': every mnemonic of instructions.tbl, privileged ones marked', async () => {
    const isa = JSON.parse(fs.readFileSync(path.join(webBuild, 'gen', 'isa.json'), 'utf8'));
    const mnemonics = isa.instructions.map((i) => i.mnemonic);
    assert.deepEqual(mnemonics, tableMnemonics());
    const privileged = read('isa-spec/tables/instructions.tbl').split('\n')
        .filter((l) => /^\w/.test(l) && /\bprivileged\b/.test(l)).map((l) => l.split(/\s+/)[0]);
    assert.deepEqual(isa.instructions.filter((i) => i.privileged).map((i) => i.mnemonic), privileged);
    assert.ok(isa.constants.includes('PORT_CONSOLE_OUT') && isa.constants.includes('CAUSE_SYSCALL'));
    assert.ok(isa.directives.some((d) => d.name === '.asciz'));
    assert.ok(isa.registers.some((r) => r.names.includes('sp')));
});
