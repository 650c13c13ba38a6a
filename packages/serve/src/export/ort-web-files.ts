import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { CairnError } from "@cairn/core";

/**
 * The onnxruntime-web files a bundle needs, and no more: the WebAssembly-only ES module with its
 * Emscripten glue inlined (ort.wasm.bundle.min.mjs) and the one SIMD build it loads. The WebGPU,
 * WebGL, JSPI and asyncify builds (tens of MB more) are left out: the bundle runs on the CPU.
 */
export const ORT_WEB_FILES = ["ort.wasm.bundle.min.mjs", "ort-wasm-simd-threaded.wasm"] as const;

/** Where the installed onnxruntime-web's dist files are, and its version. */
export interface OrtWebRuntime {
  distDir: string;
  version: string;
}

/** Finds the installed onnxruntime-web next to @cairn/serve; a missing install is INTERNAL_ERROR naming the fix. */
export async function locateOrtWeb(): Promise<OrtWebRuntime> {
  let wasmPath: string;
  try {
    // Resolved through the package's exports map, which lists the .wasm file itself.
    wasmPath = createRequire(import.meta.url).resolve("onnxruntime-web/ort-wasm-simd-threaded.wasm");
  } catch (error) {
    throw new CairnError("INTERNAL_ERROR", "onnxruntime-web is not installed next to @cairn/serve; run `npm install` in the Cairn checkout.", { cause: error });
  }
  const distDir = dirname(wasmPath);
  const manifest = JSON.parse(await readFile(join(distDir, "..", "package.json"), "utf8")) as { version?: unknown };
  if (typeof manifest.version !== "string") throw new CairnError("INTERNAL_ERROR", `onnxruntime-web's package.json in ${dirname(distDir)} has no version.`);
  return { distDir, version: manifest.version };
}

/** The notice shipped beside the copied runtime: ONNX Runtime is MIT-licensed, which asks for its notice in copies. */
export function ortNotice(version: string): string {
  return `The files in this directory are ONNX Runtime Web v${version} (npm package onnxruntime-web),
copied unchanged. https://github.com/microsoft/onnxruntime

MIT License

Copyright (c) Microsoft Corporation

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`;
}
