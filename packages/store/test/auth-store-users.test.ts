import { it } from "node:test";
import assert from "node:assert/strict";
import { describeEachDialect } from "./dialects.js";
import { expectCode } from "./expect-code.js";

describeEachDialect("auth store: users", (dialect) => {
  it("creates, reads, lists and updates users; the hash stays inside the store", async () => {
    let now = 1000;
    let n = 0;
    const store = await dialect.open({ clock: () => now, newId: () => `id${n++}` });
    // openStore may draw ids of its own (the default experiment): count from here on.
    const baseline = n;
    assert.equal(await store.countUsers(), 0);
    const ana = await store.createUser({ username: "ana", password_hash: "h-ana", is_admin: true });
    assert.deepEqual(ana, {
      user_id: `id${baseline}`,
      username: "ana",
      is_admin: true,
      disabled: false,
      groups: [],
      creation_timestamp: 1000,
      last_updated_timestamp: 1000,
    });
    assert.equal("password_hash" in ana, false);
    assert.deepEqual(await store.getUser("ana"), ana);
    now = 2000;
    // Code-point order: upper case before lower case, on both dialects.
    await store.createUser({ username: "bob.smith@corp", password_hash: "h-bob" });
    await store.createUser({ username: "Zed_1-x", password_hash: "h-zed" });
    assert.equal(await store.countUsers(), 3);
    assert.deepEqual((await store.listUsers()).map((u) => [u.username, u.is_admin]), [["Zed_1-x", false], ["ana", true], ["bob.smith@corp", false]]);

    now = 3000;
    const disabled = await store.updateUser("bob.smith@corp", { disabled: true, password_hash: "h-bob-2" });
    assert.deepEqual([disabled.disabled, disabled.is_admin, disabled.creation_timestamp, disabled.last_updated_timestamp], [true, false, 2000, 3000]);
    assert.deepEqual(await store.getUser("bob.smith@corp"), disabled);
    assert.deepEqual(await store.findUserSecret("bob.smith@corp"), {
      user_id: disabled.user_id,
      username: "bob.smith@corp",
      password_hash: "h-bob-2",
      is_admin: false,
      disabled: true,
    });
    const promoted = await store.updateUser("bob.smith@corp", { is_admin: true, disabled: false });
    assert.deepEqual([promoted.is_admin, promoted.disabled], [true, false]);
    assert.equal((await store.findUserSecret("bob.smith@corp"))?.password_hash, "h-bob-2");
    assert.equal(await store.findUserSecret("nobody"), undefined);
    assert.equal(await store.findUserSecret("not a valid name"), undefined);
    // Usernames match exactly, case included.
    assert.equal(await store.findUserSecret("ANA"), undefined);
  });

  it("refuses bad usernames, duplicates and unknown users, and writes nothing", async () => {
    const store = await dialect.open();
    await store.createUser({ username: "ana", password_hash: "h" });
    const rule = /1 to 64 characters, each a letter, a digit, '\.', '_', '@' or '-'/;
    for (const username of ["has space", "a/b", "x".repeat(65), "é", "tab\t", "semi;colon"]) {
      await expectCode(store.createUser({ username, password_hash: "h" }), "INVALID_PARAMETER_VALUE", rule);
    }
    await expectCode(store.createUser({ username: "", password_hash: "h" }), "INVALID_PARAMETER_VALUE", /Missing value for required parameter 'username'/);
    await expectCode(store.createUser({ username: "nohash", password_hash: "" }), "INVALID_PARAMETER_VALUE", /password hash/);
    await expectCode(store.createUser({ username: "ana", password_hash: "other" }), "RESOURCE_ALREADY_EXISTS", /User 'ana' already exists\. Choose another username/);
    assert.equal((await store.createUser({ username: "x".repeat(64), password_hash: "h" })).username, "x".repeat(64));
    assert.deepEqual((await store.listUsers()).map((u) => u.username), ["ana", "x".repeat(64)]);
    assert.equal((await store.findUserSecret("ana"))?.password_hash, "h");

    const missing = /User 'bob' does not exist\. List users with `cairn users list`\./;
    await expectCode(store.getUser("bob"), "RESOURCE_DOES_NOT_EXIST", missing);
    await expectCode(store.updateUser("bob", { disabled: true }), "RESOURCE_DOES_NOT_EXIST", missing);
    await expectCode(store.getUser("b b"), "INVALID_PARAMETER_VALUE", rule);
    await expectCode(store.updateUser("ana", { password_hash: "" }), "INVALID_PARAMETER_VALUE", /password hash/);
    await expectCode(store.updateUser("ana", { disabled: "yes" as never }), "INVALID_PARAMETER_VALUE", /disabled must be true or false/);
    const ana = await store.getUser("ana");
    assert.deepEqual([ana.disabled, ana.is_admin], [false, false]);
    assert.equal((await store.findUserSecret("ana"))?.password_hash, "h");
    assert.equal(await store.countUsers(), 2);
  });

  it("manages groups and their members, sorted both ways", async () => {
    let now = 500;
    const store = await dialect.open({ clock: () => now });
    for (const username of ["carl", "ana", "Bea"]) await store.createUser({ username, password_hash: "h" });
    const ml = await store.createGroup({ name: "ml-team", description: "model builders" });
    assert.deepEqual({ ...ml, group_id: "" }, { group_id: "", name: "ml-team", description: "model builders", members: [], creation_timestamp: 500 });
    now = 600;
    const ops = await store.createGroup({ name: "Ops" });
    assert.equal(ops.description, "");

    await store.addGroupMember("ml-team", "carl");
    await store.addGroupMember("ml-team", "ana");
    const full = await store.addGroupMember("ml-team", "Bea");
    assert.deepEqual(full.members, ["Bea", "ana", "carl"]);
    // Adding a member again changes nothing.
    assert.deepEqual((await store.addGroupMember("ml-team", "ana")).members, ["Bea", "ana", "carl"]);
    await store.addGroupMember("Ops", "ana");
    assert.deepEqual(await store.getGroup("ml-team"), full);
    assert.deepEqual((await store.listGroups()).map((g) => [g.name, g.members]), [["Ops", ["ana"]], ["ml-team", ["Bea", "ana", "carl"]]]);
    assert.deepEqual((await store.getUser("ana")).groups, ["Ops", "ml-team"]);
    assert.deepEqual((await store.listUsers()).map((u) => [u.username, u.groups]), [["Bea", ["ml-team"]], ["ana", ["Ops", "ml-team"]], ["carl", ["ml-team"]]]);

    assert.deepEqual((await store.removeGroupMember("ml-team", "ana")).members, ["Bea", "carl"]);
    assert.deepEqual((await store.getUser("ana")).groups, ["Ops"]);
    await expectCode(store.removeGroupMember("ml-team", "ana"), "RESOURCE_DOES_NOT_EXIST", /User 'ana' is not a member of group 'ml-team'/);

    await store.deleteGroup("Ops");
    await expectCode(store.getGroup("Ops"), "RESOURCE_DOES_NOT_EXIST", /Group 'Ops' does not exist\. List groups with `cairn groups list`\./);
    assert.deepEqual((await store.getUser("ana")).groups, []);
    assert.deepEqual((await store.listGroups()).map((g) => g.name), ["ml-team"]);
    // A new group of the old name starts empty.
    assert.deepEqual((await store.createGroup({ name: "Ops" })).members, []);
    assert.deepEqual((await store.getGroup("Ops")).members, []);
  });

  it("refuses bad group names, duplicates, unknown groups and members, and writes nothing", async () => {
    const store = await dialect.open();
    await store.createUser({ username: "ana", password_hash: "h" });
    await store.createGroup({ name: "team" });
    await expectCode(store.createGroup({ name: "my team" }), "INVALID_PARAMETER_VALUE", /Invalid group name 'my team': use 1 to 64 characters/);
    await expectCode(store.createGroup({ name: "" }), "INVALID_PARAMETER_VALUE", /Missing value for required parameter 'name'/);
    await expectCode(store.createGroup({ name: "long", description: "d".repeat(1001) }), "INVALID_PARAMETER_VALUE", /at most 1000 characters/);
    await expectCode(store.createGroup({ name: "team", description: "again" }), "RESOURCE_ALREADY_EXISTS", /Group 'team' already exists/);
    await expectCode(store.getGroup("nope"), "RESOURCE_DOES_NOT_EXIST", /Group 'nope' does not exist/);
    await expectCode(store.deleteGroup("nope"), "RESOURCE_DOES_NOT_EXIST", /Group 'nope' does not exist/);
    await expectCode(store.addGroupMember("nope", "ana"), "RESOURCE_DOES_NOT_EXIST", /Group 'nope' does not exist/);
    await expectCode(store.addGroupMember("team", "bob"), "RESOURCE_DOES_NOT_EXIST", /User 'bob' does not exist/);
    await expectCode(store.addGroupMember("team", "b/b"), "INVALID_PARAMETER_VALUE", /Invalid username/);
    await expectCode(store.removeGroupMember("team", "bob"), "RESOURCE_DOES_NOT_EXIST", /User 'bob' does not exist/);
    const [team] = await store.listGroups();
    assert.deepEqual([team?.name, team?.description, team?.members], ["team", "", []]);
    assert.equal((await store.listGroups()).length, 1);
    assert.deepEqual((await store.getUser("ana")).groups, []);
  });
});
