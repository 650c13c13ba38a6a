export { createLocalArtifactStore } from "./local-artifact-store.js";
export { createS3ArtifactStore, type S3ArtifactStoreOptions } from "./s3-artifact-store.js";
export { createArtifactStore } from "./create-artifact-store.js";
