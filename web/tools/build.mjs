// Builds the static site (make web): build-web/site/{index.html, app.js, style.css}.
//
//   node tools/build.mjs [--native BUILD] [--wasm BUILD-WEB] [--out DIR]
//
// 1. The names the editor highlights, from the ISA tables: the wasm module
//    itself is asked (Api.isa(), the generated tables and the assembler's
//    directive table), so nothing here lists a mnemonic.
// 2. The examples (examples/*.s) and the guest OS boots (the native
//    build's build/guest-os/boot-*.img with the kernel's sources).
// 3. One script, app.js (esbuild, an IIFE: a module script would be refused
//    from file://), holding the page, CodeMirror, the examples and the
//    worker's source as a string (a worker from a Blob URL works from disk
//    too, where new Worker('worker.js') is refused).
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const root = path.dirname(web);
const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? path.resolve(process.argv[i + 1]) : fallback;
};
const native = arg('--native', process.env.TRAPVM_NATIVE_BUILD || path.join(root, 'build'));
const wasm = arg('--wasm', process.env.TRAPVM_WEB_BUILD || path.join(root, 'build-web'));
const out = arg('--out', path.join(wasm, 'site'));
const gen = path.join(wasm, 'gen');
const modulePath = path.join(wasm, 'api', 'trapvm-web.js');

async function isaNames() {
    const createTrapvm = createRequire(import.meta.url)(modulePath);
    const api = new (await createTrapvm()).Api();
    return JSON.parse(api.isa());
}

// The guest OS's sources, by path from the top of the tree, for the
// disassembly's source lines (the images' line tables name them).
function guestSources() {
    const sources = {};
    for (const dir of ['guest-os/boot', 'guest-os/kernel', 'guest-os/user'])
        for (const f of fs.readdirSync(path.join(root, dir)).sort())
            if (/\.(s|inc)$/.test(f)) sources[`${dir}/${f}`] = fs.readFileSync(path.join(root, dir, f), 'utf8');
    return sources;
}

// Boots as guest-os/CMakeLists.txt lists them (boot_configs), in its order.
function bootNames() {
    const cmake = fs.readFileSync(path.join(root, 'guest-os', 'CMakeLists.txt'), 'utf8');
    const m = cmake.match(/set\(boot_configs ([^)]*)\)/);
    if (!m) throw new Error('guest-os/CMakeLists.txt: no set(boot_configs ...)');
    return m[1].trim().split(/\s+/);
}

function examples() {
    const list = fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.s')).sort();
    const readme = fs.readFileSync(path.join(root, 'examples', 'README.md'), 'utf8');
    const what = (f) => (readme.match(new RegExp('`' + f + '`\\s*\\|\\s*([^|]*)\\|')) || [, ''])[1].trim();
    const programs = list.map((f) => ({
        name: f, what: what(f), source: fs.readFileSync(path.join(root, 'examples', f), 'utf8'),
    }));
    programs.sort((a, b) => (a.name === 'hello.s' ? -1 : b.name === 'hello.s' ? 1 : 0));
    const boots = bootNames().map((name) => {
        const image = path.join(native, 'guest-os', `boot-${name}.img`);
        if (!fs.existsSync(image)) throw new Error(`${image} is missing: build natively first (make build)`);
        const first = fs.readFileSync(path.join(root, 'guest-os', 'boot', `${name}.s`), 'utf8').split('\n')[0];
        return { name: `boot-${name}`, what: first.replace(/^#\s*/, ''), source: `guest-os/boot/${name}.s`,
                 image: fs.readFileSync(image).toString('base64') };
    });
    return { programs, boots, sources: guestSources() };
}

async function main() {
    fs.mkdirSync(gen, { recursive: true });
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(gen, 'isa.json'), JSON.stringify(await isaNames()));
    fs.writeFileSync(path.join(gen, 'examples.json'), JSON.stringify(examples()));
    const worker = fs.readFileSync(modulePath, 'utf8') + '\n' + fs.readFileSync(path.join(web, 'src', 'worker.js'), 'utf8');
    fs.writeFileSync(path.join(gen, 'worker.txt'), worker);
    await build({
        entryPoints: [path.join(web, 'src', 'main.js')],
        bundle: true, format: 'iife', minify: true, target: 'es2020',
        outfile: path.join(out, 'app.js'),
        loader: { '.txt': 'text' },
        alias: { '@gen': gen },
        logLevel: 'warning',
    });
    for (const f of ['index.html', 'style.css']) fs.copyFileSync(path.join(web, 'src', f), path.join(out, f));
    const size = (f) => (fs.statSync(path.join(out, f)).size / 1024).toFixed(0) + ' KiB';
    console.log(`web: ${out}/index.html (app.js ${size('app.js')}, style.css ${size('style.css')})`);
}

main().catch((e) => {
    console.error('web build: ' + (e.stack || e));
    process.exit(1);
});
