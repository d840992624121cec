// The shareable link: the program and the settings in the URL's fragment
// (#p=...), deflated and base64url-encoded. Nothing goes to a server: the
// fragment never leaves the browser.
const b64url = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const unb64url = (text) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

async function pipe(bytes, stream) {
    const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
    return new Uint8Array(await out.arrayBuffer());
}

function chunks(bytes) {  // btoa of a spread argument list has a limit: in pieces
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x6000) text += b64url(bytes.subarray(i, i + 0x6000));  // 3 divides 0x6000: no padding inside
    return text;
}

export async function encodeShare(data) {
    const json = new TextEncoder().encode(JSON.stringify(data));
    return '#p=' + chunks(await pipe(json, new CompressionStream('deflate-raw')));
}

// The data of a link made by encodeShare, or null (no link, or a bad one).
export async function decodeShare(hash) {
    const m = /^#p=([A-Za-z0-9_-]+)$/.exec(hash || '');
    if (!m) return null;
    try {
        const bytes = await pipe(unb64url(m[1]), new DecompressionStream('deflate-raw'));
        return JSON.parse(new TextDecoder().decode(bytes));
    } catch {
        return null;
    }
}
