/** One entry of an artifact directory listing, as MLflow's proxy reports it (base name only). */
export interface ArtifactFileInfo {
  path: string;
  is_dir: boolean;
  /** Bytes; absent for directories. */
  file_size?: number;
}

/** A readable artifact: its size and its bytes as a stream. */
export interface ArtifactObject {
  size: number;
  body: AsyncIterable<Uint8Array>;
}

/** One part of a multipart upload as MLflow's client is told to send it. */
export interface MultipartCredential {
  part_number: number;
  /** Where the client PUTs this part's bytes; undefined means through the tracking server. */
  url?: string;
  headers?: Record<string, string>;
}

/** A finished part: its number and the ETag its PUT answered with. */
export interface CompletedPart {
  part_number: number;
  etag: string;
}

/**
 * Artifact bytes under one root (a directory, or an S3 bucket and prefix). Paths are relative,
 * '/'-separated and already checked by resolveArtifactPath; implementations still refuse
 * anything that would leave the root. Bodies stream: no implementation holds a whole file in memory.
 */
export interface ArtifactStore {
  /** Writes body to path, replacing an existing file; creates parent directories. */
  put(path: string, body: AsyncIterable<Uint8Array>): Promise<{ size: number }>;
  /** Opens path for reading; RESOURCE_DOES_NOT_EXIST when there is no such file. */
  get(path: string): Promise<ArtifactObject>;
  /** The direct children of a directory, sorted by path; [] when the directory does not exist. */
  list(dir: string): Promise<ArtifactFileInfo[]>;
  /** Deletes a file, or a directory with everything under it; a missing path is not an error. */
  delete(path: string): Promise<void>;
  /** Starts a multipart upload of numParts parts to path. */
  createMultipartUpload(path: string, numParts: number): Promise<{ upload_id: string; credentials: MultipartCredential[] }>;
  /** Stores one part sent through the server (when its credential had no url); returns its ETag. */
  uploadPart(path: string, uploadId: string, partNumber: number, body: AsyncIterable<Uint8Array>): Promise<string>;
  /** Assembles the parts, in part-number order, into the file at path. */
  completeMultipartUpload(path: string, uploadId: string, parts: CompletedPart[]): Promise<void>;
  /** Discards an unfinished multipart upload and its parts. */
  abortMultipartUpload(path: string, uploadId: string): Promise<void>;
}
