// The program editor: CodeMirror 6 with PG32 highlighting (pg32-lang.js),
// the assembler's diagnostics inline (lint), a gutter of line breakpoints,
// and the line of the instruction about to run.
import { basicSetup } from 'codemirror';
import { EditorView, Decoration, gutter, GutterMarker } from '@codemirror/view';
import { EditorState, StateField, StateEffect, RangeSet, Compartment } from '@codemirror/state';
import { setDiagnostics, lintGutter } from '@codemirror/lint';
import { pg32Language, pg32Highlight } from './pg32-lang.js';

const toggleBreak = StateEffect.define();   // {pos, on}
const clearBreaks = StateEffect.define();
const setPcLine = StateEffect.define();     // line number or 0

const breakMarker = new (class extends GutterMarker {
    toDOM() {
        const dot = document.createElement('span');
        dot.className = 'bp-dot';
        dot.textContent = '●';
        return dot;
    }
})();

const breakField = StateField.define({
    create: () => RangeSet.empty,
    update(set, tr) {
        set = set.map(tr.changes);
        for (const e of tr.effects) {
            if (e.is(clearBreaks)) set = RangeSet.empty;
            if (e.is(toggleBreak))
                set = e.value.on ? set.update({ add: [breakMarker.range(e.value.pos)] })
                                 : set.update({ filter: (from) => from !== e.value.pos });
        }
        return set;
    },
});

const pcLineDeco = Decoration.line({ class: 'cm-pc-line' });
const pcField = StateField.define({
    create: () => Decoration.none,
    update(deco, tr) {
        deco = deco.map(tr.changes);
        for (const e of tr.effects)
            if (e.is(setPcLine)) {
                const n = e.value;
                deco = n > 0 && n <= tr.state.doc.lines ? Decoration.set([pcLineDeco.range(tr.state.doc.line(n).from)])
                                                         : Decoration.none;
            }
        return deco;
    },
    provide: (f) => EditorView.decorations.from(f),
});

export class ProgramEditor {
    // onBreak(line, on): the user clicked the gutter of `line` (1-based).
    constructor(parent, isa, { onBreak, onChange }) {
        this.readOnly = new Compartment();
        const breakGutter = gutter({
            class: 'cm-bp-gutter',
            markers: (v) => v.state.field(breakField),
            initialSpacer: () => breakMarker,
            domEventHandlers: {
                mousedown: (view, line) => {
                    const on = !this.hasBreak(line.from);
                    view.dispatch({ effects: toggleBreak.of({ pos: line.from, on }) });
                    onBreak(view.state.doc.lineAt(line.from).number, on);
                    return true;
                },
            },
        });
        this.view = new EditorView({
            parent,
            state: EditorState.create({
                doc: '',
                extensions: [breakGutter, basicSetup, pg32Language(isa), pg32Highlight, lintGutter(), breakField,
                             pcField, this.readOnly.of(EditorState.readOnly.of(false)),
                             EditorView.updateListener.of((u) => u.docChanged && onChange())],
            }),
        });
    }

    get text() { return this.view.state.doc.toString(); }

    set(text, readOnly) {
        const doc = this.view.state.doc;
        this.view.dispatch({
            changes: { from: 0, to: doc.length, insert: text },
            effects: [clearBreaks.of(null), this.readOnly.reconfigure(EditorState.readOnly.of(!!readOnly)),
                      setPcLine.of(0)],
        });
    }

    hasBreak(pos) {
        let found = false;
        this.view.state.field(breakField).between(pos, pos, () => { found = true; });
        return found;
    }

    breakLines() {
        const lines = [];
        const doc = this.view.state.doc;
        this.view.state.field(breakField).between(0, doc.length, (from) => { lines.push(doc.lineAt(from).number); });
        return lines;
    }

    setBreakLines(lines) {
        const doc = this.view.state.doc;
        const effects = [clearBreaks.of(null)];
        for (const n of lines) if (n >= 1 && n <= doc.lines) effects.push(toggleBreak.of({ pos: doc.line(n).from, on: true }));
        this.view.dispatch({ effects });
    }

    // The assembler's diagnostics, each at its line and column.
    showDiagnostics(list) {
        const doc = this.view.state.doc;
        const marks = list.filter((d) => d.line >= 1 && d.line <= doc.lines).map((d) => {
            const line = doc.line(d.line);
            const from = Math.min(line.from + Math.max(d.column - 1, 0), line.to);
            return { from, to: Math.min(from + Math.max(d.length, 1), line.to), severity: d.warning ? 'warning' : 'error',
                     message: d.message + (d.note ? `\nnote: ${d.note}` : ''), source: 'trapvm asm' };
        });
        this.view.dispatch(setDiagnostics(this.view.state, marks));
    }

    showPcLine(line) {
        this.view.dispatch({ effects: setPcLine.of(line || 0) });
        if (line > 0 && line <= this.view.state.doc.lines)
            this.view.dispatch({ effects: EditorView.scrollIntoView(this.view.state.doc.line(line).from, { y: 'nearest' }) });
    }
}
