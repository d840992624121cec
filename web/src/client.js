// The page's side of the worker (worker.js): requests by id, progress
// reports while a run goes on, and a hard stop (terminate, start afresh).
import workerSource from '@gen/worker.txt';

export class EngineClient {
    constructor() {
        this.url = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
        this.start();
    }

    start() {
        this.worker = new Worker(this.url);
        this.pending = new Map();
        this.next = 1;
        this.worker.onmessage = (e) => {
            const { id, result, progress, error } = e.data;
            const p = this.pending.get(id);
            if (!p) return;
            if (progress) return p.onProgress && p.onProgress(progress);
            this.pending.delete(id);
            if (error) p.reject(new Error(error));
            else p.resolve(result);
        };
        this.worker.onerror = (e) => {
            for (const p of this.pending.values()) p.reject(new Error(e.message || 'the worker failed'));
            this.pending.clear();
        };
    }

    call(op, args, onProgress) {
        const id = this.next++;
        return new Promise((resolve, reject) => {
            this.pending.set(id, { resolve, reject, onProgress });
            this.worker.postMessage({ id, op, args });
        });
    }

    busy() { return this.pending.size > 0; }
    pause() { this.worker.postMessage({ op: 'pause' }); }

    // Ends whatever runs (even inside one long call) and starts a new worker.
    restart() {
        this.worker.terminate();
        for (const p of this.pending.values()) p.reject(new Error('stopped'));
        this.start();
    }
}
