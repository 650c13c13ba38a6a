// The S3 store on its own entry point, so importing @cairn/artifacts does not load the AWS SDK.
export { createS3ArtifactStore, type S3ArtifactStoreOptions } from "./s3-artifact-store.js";
