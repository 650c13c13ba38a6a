import { CairnError } from "@cairn/core";
import type { Transport } from "../http/transport.js";
import { encodeArtifactPath, joinArtifactPath, proxyPathOf } from "./artifact-uri.js";
import type { LocalFiles } from "./local-files.js";

/** One listing entry; path is relative to the artifact URI (as MLflow's list_artifacts gives it). */
export interface ArtifactFile {
  path: string;
  is_dir: boolean;
  file_size?: number;
}

/** Where a transfer is: bytes moved so far out of totalBytes, and the artifact path of the file in flight. */
export interface TransferProgress {
  bytes: number;
  totalBytes: number;
  file: string;
}

/** Options common to uploads and downloads. */
export interface TransferOptions {
  /** Called after every chunk, with bytes increasing. */
  onProgress?: (progress: TransferProgress) => void;
}

/** Where an upload goes under the artifact URI. */
export interface UploadOptions extends TransferOptions {
  /** Directory under the artifact URI to upload into (default: its root). */
  artifactPath?: string;
  /** Upload a directory under its own name (MLflow's log_artifact) rather than its contents (log_artifacts). */
  keepDirectoryName?: boolean;
}

/** What a transfer moved: artifact paths for uploads, local paths for downloads. */
export interface TransferResult {
  files: string[];
  bytes: number;
}

/** The artifact proxy (/api/2.0/mlflow-artifacts/...) addressed by artifact URIs such as a run's artifact_uri. */
export interface ArtifactsApi {
  /** The files and directories directly under path (default: the URI's root); [] when there are none. */
  list(artifactUri: string, path?: string): Promise<ArtifactFile[]>;
  /** Uploads a local file (to artifactPath/<base name>) or a directory's files, recursively, streaming each from disk. Node client only. */
  upload(artifactUri: string, localPath: string, options?: UploadOptions): Promise<TransferResult>;
  /** Downloads a file into localDir, or a directory's files (relative paths kept) recursively, streaming to disk. Node client only. */
  download(artifactUri: string, path: string, localDir: string, options?: TransferOptions): Promise<TransferResult>;
  /** PUTs one file's bytes to path under the URI (browser-safe). */
  putFile(artifactUri: string, path: string, body: AsyncIterable<Uint8Array> | Uint8Array | string): Promise<void>;
  /** GETs one file; the answer's body is unread (browser-safe). */
  getFile(artifactUri: string, path: string): Promise<Response>;
  /** Deletes a file or a directory under the URI. */
  delete(artifactUri: string, path?: string): Promise<void>;
}

const PROXY_PREFIX = "/api/2.0/mlflow-artifacts";

/** Binds the artifact proxy to a transport; upload and download need localFiles (given by the node entry point). */
export function createArtifactsApi(t: Transport, localFiles?: LocalFiles): ArtifactsApi {
  const fileUrl = (uri: string, path: string) => `${PROXY_PREFIX}/artifacts/${encodeArtifactPath(joinArtifactPath(proxyPathOf(uri), path))}`;
  const needFiles = (what: string): LocalFiles => {
    if (localFiles) return localFiles;
    throw new CairnError("NOT_IMPLEMENTED", `${what} needs the local file system: create the client with createNodeClient (or pass nodeLocalFiles()) from "@cairn/sdk/node".`);
  };

  async function list(artifactUri: string, path = ""): Promise<ArtifactFile[]> {
    const dir = joinArtifactPath(path);
    const response = await t.request("GET", `${PROXY_PREFIX}/artifacts`, { query: { path: joinArtifactPath(proxyPathOf(artifactUri), dir) } });
    const { files = [] } = (await response.json()) as { files?: ArtifactFile[] };
    return files.map((f) => ({ ...f, path: joinArtifactPath(dir, f.path) }));
  }

  /** Every file under dir, depth first, with paths relative to the URI. */
  async function listRecursive(artifactUri: string, dir: string): Promise<ArtifactFile[]> {
    const out: ArtifactFile[] = [];
    for (const entry of await list(artifactUri, dir)) {
      if (entry.is_dir) out.push(...(await listRecursive(artifactUri, entry.path)));
      else out.push(entry);
    }
    return out;
  }

  async function putFile(artifactUri: string, path: string, body: AsyncIterable<Uint8Array> | Uint8Array | string): Promise<void> {
    const response = await t.request("PUT", fileUrl(artifactUri, path), { body, headers: { "content-type": "application/octet-stream" } });
    await response.body?.cancel();
  }

  return {
    list,
    putFile,
    getFile: (artifactUri, path) => t.request("GET", fileUrl(artifactUri, path)),
    async delete(artifactUri, path = "") {
      const response = await t.request("DELETE", fileUrl(artifactUri, path));
      await response.body?.cancel();
    },

    async upload(artifactUri, localPath, options = {}) {
      const fs = needFiles("Uploading artifacts");
      const source = await fs.walk(localPath);
      const base = source.isDirectory && options.keepDirectoryName ? joinArtifactPath(options.artifactPath, fs.baseName(localPath)) : joinArtifactPath(options.artifactPath);
      const totalBytes = source.files.reduce((sum, f) => sum + f.size, 0);
      const progress = tracker(totalBytes, options.onProgress);
      const files: string[] = [];
      // One file at a time: the server writes each atomically, and order keeps progress readable.
      for (const file of source.files) {
        const target = joinArtifactPath(base, file.relativePath);
        await putFile(artifactUri, target, progress.count(target, fs.read(file.path)));
        files.push(target);
      }
      return { files, bytes: progress.bytes() };
    },

    async download(artifactUri, path, localDir, options = {}) {
      const fs = needFiles("Downloading artifacts");
      const root = joinArtifactPath(path);
      const entries = await listRecursive(artifactUri, root);
      if (entries.length === 0 && root !== "") {
        // No children: path is a file (or missing, which the GET reports as RESOURCE_DOES_NOT_EXIST).
        const response = await t.request("GET", fileUrl(artifactUri, root));
        const progress = tracker(Number(response.headers.get("content-length") ?? 0), options.onProgress);
        const local = await fs.write(localDir, root.slice(root.lastIndexOf("/") + 1), progress.count(root, bodyChunks(response)));
        return { files: [local], bytes: progress.bytes() };
      }
      const progress = tracker(entries.reduce((sum, f) => sum + (f.file_size ?? 0), 0), options.onProgress);
      const files: string[] = [];
      for (const entry of entries) {
        const response = await t.request("GET", fileUrl(artifactUri, entry.path));
        const relative = root === "" ? entry.path : entry.path.slice(root.length + 1);
        files.push(await fs.write(localDir, relative, progress.count(entry.path, bodyChunks(response))));
      }
      return { files, bytes: progress.bytes() };
    },
  };
}

/** Counts bytes across a transfer's files and reports them. */
function tracker(totalBytes: number, onProgress?: (progress: TransferProgress) => void) {
  let bytes = 0;
  return {
    bytes: () => bytes,
    async *count(file: string, chunks: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
      for await (const chunk of chunks) {
        bytes += chunk.byteLength;
        // A file that grew since it was listed must not report more than 100%.
        onProgress?.({ bytes, totalBytes: Math.max(totalBytes, bytes), file });
        yield chunk;
      }
    },
  };
}

/** The body of an answer as chunks; fetch's ReadableStream is async-iterable in Node and modern browsers. */
function bodyChunks(response: Response): AsyncIterable<Uint8Array> {
  if (!response.body) return (async function* () {})();
  return response.body as unknown as AsyncIterable<Uint8Array>;
}
