import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { isCairnError } from "@cairn/core";
import { checkStartupSecurity } from "./startup-policy.js";
import { isLoopbackHost } from "./loopback.js";
import { normalizeOrigin } from "./auth-options.js";
import { parseCookies, serializeCookie } from "./cookies.js";

const refused = (config: Parameters<typeof checkStartupSecurity>[0], pattern: RegExp) =>
  assert.throws(() => checkStartupSecurity(config), (e: unknown) => isCairnError(e) && e.code === "INVALID_PARAMETER_VALUE" && pattern.test(e.message));

describe("cairn server's start-up policy", () => {
  it("refuses a non-loopback host without --auth, naming --auth and --insecure-public", () => {
    for (const host of ["0.0.0.0", "::", "192.168.1.10", "ml.example.com"]) refused({ host, port: 5000 }, /--auth.*--insecure-public/s);
  });

  it("allows it with --auth (no warning) or with --insecure-public (a warning)", () => {
    assert.deepEqual(checkStartupSecurity({ host: "0.0.0.0", port: 5000, auth: true }), {});
    assert.match(checkStartupSecurity({ host: "0.0.0.0", port: 5000, insecurePublic: true }).warning ?? "", /^warning: authentication is off.*from the network/);
  });

  it("warns on loopback without auth", () => {
    for (const host of ["127.0.0.1", "localhost", "::1", "127.0.0.5"]) assert.match(checkStartupSecurity({ host, port: 5000 }).warning ?? "", /authentication is off/);
  });

  it("refuses auth options without --auth", () => {
    refused({ host: "127.0.0.1", port: 5000, defaultPermission: "NO_PERMISSIONS" }, /--default-permission applies only with --auth/);
    refused({ host: "127.0.0.1", port: 5000, corsOrigins: ["https://a.example"] }, /--cors-origin applies only with --auth/);
  });

  it("tells loopback hosts from others", () => {
    for (const h of ["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "a.localhost", "::1", "[::1]", "::ffff:127.0.0.1"]) assert.equal(isLoopbackHost(h), true, h);
    for (const h of ["0.0.0.0", "::", "10.0.0.1", "128.0.0.1", "localhost.example.com", "example.com", ""]) assert.equal(isLoopbackHost(h), false, h);
  });

  it("normalizes CORS origins and refuses anything but scheme, host and port", () => {
    assert.equal(normalizeOrigin("https://App.Example.com:443/"), "https://app.example.com");
    assert.equal(normalizeOrigin("http://localhost:3000"), "http://localhost:3000");
    for (const bad of ["app.example.com", "ftp://x.example", "https://x.example/path", "https://u:p@x.example", "*"]) {
      assert.throws(() => normalizeOrigin(bad), /Invalid CORS origin/);
    }
  });

  it("parses Cookie headers and writes Set-Cookie with SameSite=Strict and Path=/", () => {
    assert.deepEqual([...parseCookies("a=1; cairn_session=x_y-z; b=\"q\"; a=2")], [["a", "1"], ["cairn_session", "x_y-z"], ["b", "q"]]);
    assert.deepEqual([...parseCookies(undefined)], []);
    assert.equal(serializeCookie("s", "v", { httpOnly: true, secure: true, maxAge: 60 }), "s=v; Path=/; Max-Age=60; SameSite=Strict; HttpOnly; Secure");
    assert.equal(serializeCookie("c", "v", { httpOnly: false, secure: false, maxAge: 0 }), "c=v; Path=/; Max-Age=0; SameSite=Strict");
    assert.throws(() => serializeCookie("s", "a;b", { httpOnly: true, secure: true, maxAge: 1 }));
  });
});
