import { it } from "node:test";
import assert from "node:assert/strict";
import { parseJsonText, type CairnStore } from "@cairn/core";
import { describeEachDialect } from "./dialects.js";
import { expectCode } from "./expect-code.js";

const PROMPT = { key: "mlflow.prompt.is_prompt", value: "true" };
// What MLflow 3.x clients append to every registered-model search.
const CLIENT_SUFFIX = "tag.`mlflow.prompt.is_prompt` != 'true'";

/** Models a (tags team=ml), b (team=ops), c, and a prompt p; versions: a 1-3, b 1, p 1. */
async function seed(store: CairnStore): Promise<void> {
  await store.createRegisteredModel({ name: "a", tags: [{ key: "team", value: "ml" }] });
  await store.createRegisteredModel({ name: "b", tags: [{ key: "team", value: "ops" }] });
  await store.createRegisteredModel({ name: "c" });
  await store.createRegisteredModel({ name: "p", tags: [PROMPT] });
  for (let i = 1; i <= 3; i++) await store.createModelVersion({ name: "a", source: `s3://b/a/${i}`, run_id: `run${i}`, tags: [{ key: "k", value: `v${i}` }] });
  await store.createModelVersion({ name: "b", source: "runs:/run9/model", run_id: "run9" });
  await store.createModelVersion({ name: "p", source: "prompt", tags: [PROMPT] });
}

describeEachDialect("registry: search", (dialect) => {
  const open = async () => {
    let now = 10_000;
    const store = await dialect.open({ clock: () => (now += 10) });
    await seed(store);
    return store;
  };

  it("searches registered models by name and tags, excluding prompts the way MLflow's client asks", async () => {
    const store = await open();
    const names = async (filter?: string, order_by?: string[]) => (await store.searchRegisteredModels({ filter, order_by, max_results: 100 })).items.map((m) => m.name);
    assert.deepEqual(await names(), ["a", "b", "c"]);
    assert.deepEqual(await names(CLIENT_SUFFIX), ["a", "b", "c"], "models without the prompt tag still match");
    assert.deepEqual(await names(`name LIKE '%' AND ${CLIENT_SUFFIX}`), ["a", "b", "c"]);
    assert.deepEqual(await names("tags.`mlflow.prompt.is_prompt` = 'false'"), ["a", "b", "c"]);
    assert.deepEqual(await names("tags.`mlflow.prompt.is_prompt` = 'true'"), ["p"]);
    assert.deepEqual(await names("tags.`mlflow.prompt.is_prompt` != 'false'"), ["p"]);
    assert.deepEqual(await names("name = 'b'"), ["b"]);
    assert.deepEqual(await names("name != 'b'"), ["a", "c"]);
    assert.deepEqual(await names("name ILIKE 'A%'"), ["a"]);
    assert.deepEqual(await names("name LIKE 'A%'"), []);
    assert.deepEqual(await names(`tags.team = 'ml' AND ${CLIENT_SUFFIX}`), ["a"]);
    assert.deepEqual(await names("tags.team != 'ml'"), ["b"], "a clause on a missing tag never matches");
    assert.deepEqual(await names("tags.team LIKE '%'", ["name DESC"]), ["b", "a"]);
  });

  it("answers registered models with latest versions, tags and aliases, ordered and paged", async () => {
    const store = await open();
    await store.setRegisteredModelAlias("a", "champion", "2");
    await store.transitionModelVersionStage({ name: "a", version: "1", stage: "Production" });
    const [a] = (await store.searchRegisteredModels({ filter: "name = 'a'", max_results: 10 })).items;
    assert.deepEqual(a?.latest_versions?.map((v) => [v.version, v.current_stage, v.tags]), [["1", "Production", [{ key: "k", value: "v1" }]], ["3", "None", [{ key: "k", value: "v3" }]]]);
    assert.deepEqual([a?.tags, a?.aliases], [[{ key: "team", value: "ml" }], [{ alias: "champion", version: "2" }]]);

    const order = async (order_by: string[]) => (await store.searchRegisteredModels({ order_by, max_results: 10 })).items.map((m) => m.name);
    assert.deepEqual(await order(["creation_timestamp DESC"]), ["c", "b", "a"]);
    assert.deepEqual(await order(["last_updated_timestamp DESC"]), ["a", "b", "c"]);
    assert.deepEqual(await order(["timestamp ASC"]), ["c", "b", "a"]);
    await expectCode(order(["name", "name DESC"]), "INVALID_PARAMETER_VALUE", /more than once/);
    await expectCode(order(["tags.team"]), "INVALID_PARAMETER_VALUE", /tags/);

    const first = await store.searchRegisteredModels({ max_results: 2 });
    assert.deepEqual([first.items.map((m) => m.name), typeof first.next_page_token], [["a", "b"], "string"]);
    const second = await store.searchRegisteredModels({ max_results: 2, page_token: first.next_page_token });
    assert.deepEqual([second.items.map((m) => m.name), second.next_page_token], [["c"], undefined]);
    await expectCode(store.searchRegisteredModels({ max_results: 2, page_token: "garbage" }), "INVALID_PARAMETER_VALUE", /page token/);
    await expectCode(store.searchRegisteredModels({ max_results: 1001 }), "INVALID_PARAMETER_VALUE", /1000/);
    await expectCode(store.searchRegisteredModels({ filter: "run_id = 'x'", max_results: 1 }), "INVALID_PARAMETER_VALUE", /run_id/);
  });

  it("searches model versions by attributes and tags, excluding prompt versions", async () => {
    const store = await open();
    const found = async (filter?: string, order_by?: string[]) =>
      parseJsonText((await store.searchModelVersions({ filter, order_by, max_results: 100 })).model_versions ?? ("[]" as never)).map((v) => `${v.name}/${v.version}`);
    // MLflow's default order: last updated first, then name, then version descending.
    assert.deepEqual(await found(), ["b/1", "a/3", "a/2", "a/1"]);
    assert.deepEqual(await found(`name = 'p'`), []);
    assert.deepEqual(await found(`name = 'p' AND tags.\`mlflow.prompt.is_prompt\` = 'true'`), ["p/1"]);
    assert.deepEqual(await found("name = 'a'", ["version_number ASC"]), ["a/1", "a/2", "a/3"]);
    assert.deepEqual(await found("run_id IN ('run1', 'run9')", ["name"]), ["a/1", "b/1"]);
    assert.deepEqual(await found("source_path LIKE 'runs:/%'"), ["b/1"]);
    assert.deepEqual(await found("version_number >= 2", ["creation_timestamp"]), ["a/2", "a/3"]);
    assert.deepEqual(await found("tags.k = 'v2'"), ["a/2"]);
    assert.deepEqual(await found("tags.k != 'v2'", ["version_number DESC"]), ["a/3", "a/1"]);
    assert.deepEqual(await found(`name ILIKE 'A' AND version_number < 3 AND ${CLIENT_SUFFIX}`, ["last_updated_timestamp DESC"]), ["a/2", "a/1"]);
    assert.deepEqual(await store.searchModelVersions({ filter: "name = 'none'", max_results: 10 }), {});
    await expectCode(found("version_number = '2'"), "INVALID_PARAMETER_VALUE", /number/);
    await expectCode(found(undefined, ["run_id"]), "INVALID_PARAMETER_VALUE", /run_id/);
    await expectCode(found("name = 'a' OR"), "INVALID_PARAMETER_VALUE", /position/);
  });

  it("pages model versions with offset tokens", async () => {
    const store = await open();
    const pages: string[][] = [];
    let token: string | undefined;
    do {
      const page = await store.searchModelVersions({ max_results: 3, order_by: ["name", "version_number"], page_token: token });
      pages.push(parseJsonText(page.model_versions!).map((v) => `${v.name}/${v.version}`));
      token = page.next_page_token;
    } while (token);
    assert.deepEqual(pages, [["a/1", "a/2", "a/3"], ["b/1"]]);
    const exact = await store.searchModelVersions({ max_results: 4 });
    assert.equal(exact.next_page_token, undefined, "no token when the page ends exactly at the last version");
    await expectCode(store.searchModelVersions({ max_results: 0 }), "INVALID_PARAMETER_VALUE", /max_results/);
    await expectCode(store.searchModelVersions({ max_results: 200_001 }), "INVALID_PARAMETER_VALUE", /200000/);
  });
});
