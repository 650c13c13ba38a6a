/** One local file found under an upload's source, with its path relative to that source ("/"-separated). */
export interface LocalFile {
  /** Path to open with LocalFiles.read. */
  path: string;
  /** Path under the source directory ("/"-separated); the base name when the source is a file. */
  relativePath: string;
  size: number;
}

/**
 * The local file system as artifact transfers need it: injected by the node entry point
 * (`nodeLocalFiles`) so the browser-safe client never imports node:fs.
 */
export interface LocalFiles {
  /** The files under localPath, recursively; isDirectory tells whether localPath itself is a directory. */
  walk(localPath: string): Promise<{ isDirectory: boolean; files: LocalFile[] }>;
  /** The file's bytes as a stream, read chunk by chunk. */
  read(path: string): AsyncIterable<Uint8Array>;
  /** Writes chunks to relativePath under dir (creating parent directories), returning the local path; rejects paths leading out of dir. */
  write(dir: string, relativePath: string, chunks: AsyncIterable<Uint8Array>): Promise<string>;
  /** The last segment of a local path. */
  baseName(path: string): string;
}
