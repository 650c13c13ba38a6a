import { it } from "node:test";
import assert from "node:assert/strict";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { digestOf, failingBody, generatedBody, readAll } from "./bodies.js";
import { describeEachArtifactStore } from "./each-artifact-store.js";
import { expectCode } from "./expect-code.js";

const SIZE = 50 * 1024 * 1024;

// RSS alone mostly measures garbage not yet collected (every chunk is a fresh buffer); collecting
// before each sample makes the peak show what the store really holds on to.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

describeEachArtifactStore("artifact store streaming", ({ kind, open }) => {
  it("streams a 50 MB file in and out without holding it in memory", async (t) => {
    const store = open();
    const expected = await digestOf(generatedBody(SIZE));
    gc();
    const baseline = process.memoryUsage();
    let peakRss = 0;
    let peakBuffers = 0;
    let chunks = 0;
    const sample = () => {
      if (++chunks % 16 !== 0) return;
      gc();
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss - baseline.rss);
      peakBuffers = Math.max(peakBuffers, now.arrayBuffers - baseline.arrayBuffers);
    };

    assert.deepEqual(await store.put("big/model.bin", generatedBody(SIZE, 256 * 1024, sample)), { size: SIZE });
    const object = await store.get("big/model.bin");
    assert.equal(object.size, SIZE);
    assert.deepEqual(await digestOf(object.body, sample), expected);
    assert.deepEqual(await store.list("big"), [{ path: "model.bin", is_dir: false, file_size: SIZE }]);

    const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
    t.diagnostic(`peak growth while streaming ${mib(SIZE)}: rss ${mib(peakRss)}, array buffers ${mib(peakBuffers)}`);
    // A store that buffered the file would grow by 50 MiB or more. The local store holds no file
    // bytes (measured: 0-5 MiB); the S3 store holds one 8 MiB part, and its figures also count
    // s3rver, which runs in this process, and freed memory the allocator keeps (measured: 0-24 MiB).
    const bound = kind === "local" ? SIZE / 4 : SIZE * 0.6;
    assert.ok(peakRss < bound, `rss grew by ${mib(peakRss)} while streaming ${mib(SIZE)}`);
    assert.ok(peakBuffers < bound, `array buffers grew by ${mib(peakBuffers)} while streaming ${mib(SIZE)}`);
  });

  it("keeps the previous version when a large upload fails part-way", async () => {
    const store = open();
    await store.put("big/model.bin", generatedBody(1024));
    // 9 MiB: past the first 8 MiB S3 part, so the S3 store is mid-way through a multipart upload.
    await expectCode(store.put("big/model.bin", failingBody(9 * 1024 * 1024)), "BAD_REQUEST", /client went away/);
    await expectCode(store.put("big/other.bin", failingBody(9 * 1024 * 1024)), "BAD_REQUEST");
    const kept = await store.get("big/model.bin");
    assert.equal(kept.size, 1024);
    assert.equal((await readAll(kept.body)).length, 1024);
    assert.deepEqual(await store.list("big"), [{ path: "model.bin", is_dir: false, file_size: 1024 }]);
  });
});
