import { it } from "node:test";
import assert from "node:assert/strict";
import type { JsonText } from "@cairn/core";
import { jsonPage } from "./route.js";

it("jsonPage writes MLflow's page shapes from strings and bytes alike", () => {
  const body = (list?: string | Uint8Array, token?: string) => JSON.parse(jsonPage("runs", list as JsonText<unknown[]> | undefined, token).body.toString("utf8"));
  assert.deepEqual(body(), {});
  assert.deepEqual(body(undefined, "t0"), { next_page_token: "t0" });
  assert.deepEqual(body('[{"a":1}]'), { runs: [{ a: 1 }] });
  assert.deepEqual(body(new TextEncoder().encode('[{"a":"é"},[3]]'), "eyJ9"), { runs: [{ a: "é" }, [3]], next_page_token: "eyJ9" });
});
