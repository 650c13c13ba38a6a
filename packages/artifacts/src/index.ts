export { createLocalArtifactStore } from "./local-artifact-store.js";
export { createArtifactStore } from "./create-artifact-store.js";
