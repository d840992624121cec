// What the web tests share: the module built by make web, the native
// trapvm (the page must say and do what the CLI says and does), and files
// of the tree. Paths come from make web-test's environment, or the
// default build folders.
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const nativeBuild = process.env.TRAPVM_NATIVE_BUILD || path.join(root, 'build');
export const webBuild = process.env.TRAPVM_WEB_BUILD || path.join(root, 'build-web');
export const trapvmPath = path.join(nativeBuild, 'tools', 'trapvm');
export const site = path.join(webBuild, 'site', 'index.html');

export const read = (rel) => fs.readFileSync(path.join(root, rel), 'utf8');
export const bootImage = (name) => path.join(nativeBuild, 'guest-os', `boot-${name}.img`);

// A fresh Api of the module (one per test: engines do not share state).
let modulePromise;
export async function newApi() {
    modulePromise ||= createRequire(import.meta.url)(path.join(webBuild, 'api', 'trapvm-web.js'))();
    const module = await modulePromise;
    const api = new module.Api();
    const call = (name, ...args) => JSON.parse(api[name](...args));
    return { api, call, writeFile: (p, bytes) => (module.FS.writeFile(p, bytes), p) };
}

export function scratch(name, text) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trapvm-web-'));
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
}

// The native trapvm: {status, stdout, stderr}.
export function trapvm(...args) {
    const r = spawnSync(trapvmPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function jsonLines(file) {
    return fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}
