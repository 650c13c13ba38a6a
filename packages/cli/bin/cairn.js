#!/usr/bin/env node
// The `cairn` command: runs the TypeScript sources through tsx's ESM loader, so the monorepo
// needs no build step before `npx cairn ...` works.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
