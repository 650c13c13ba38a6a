// The parser lives in core so the server (which may not import the SDK) reads URIs the same way.
export { parseModelUri, type ModelReference } from "@cairn/core";
