// scripts/lib.sh's build_ui builds the UI only when its sources changed: a second launch with
// nothing changed leaves ui/dist alone, so cargo does not re-embed it and re-link the app.
// Run in a copy of the layout with a stand-in `npm` that records each build.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

test("the UI is built again only when a source changed", () => {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), "s2s-build-ui-"));
  try {
    fs.mkdirSync(path.join(repo, "scripts"));
    fs.copyFileSync(path.join(root, "scripts/lib.sh"), path.join(repo, "scripts/lib.sh"));
    fs.mkdirSync(path.join(repo, "ui/src"), { recursive: true });
    fs.writeFileSync(path.join(repo, "ui/src/main.tsx"), "export {};\n");
    fs.writeFileSync(path.join(repo, "ui/index.html"), "<div id=app></div>\n");
    fs.writeFileSync(path.join(repo, "ui/package.json"), "{}\n");
    const bin = path.join(repo, "bin");
    fs.mkdirSync(bin);
    const builds = path.join(repo, "builds.log");
    // The stand-in build: records itself and writes dist, as vite does.
    fs.writeFileSync(path.join(bin, "npm"), `#!/bin/sh\necho build >> "${builds}"\nmkdir -p "${repo}/ui/dist"\n`, { mode: 0o755 });
    const buildUi = () => {
      const run = spawnSync("bash", ["-c", `source "${repo}/scripts/lib.sh" && build_ui`], {
        encoding: "utf8",
        env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
      });
      assert.equal(run.status, 0, run.stderr);
      return fs.existsSync(builds) ? fs.readFileSync(builds, "utf8").split("\n").filter(Boolean).length : 0;
    };
    assert.equal(buildUi(), 1, "the first launch builds");
    assert.equal(buildUi(), 1, "nothing changed: no build");
    fs.writeFileSync(path.join(repo, "ui/src/main.tsx"), "export const changed = 1;\n");
    assert.equal(buildUi(), 2, "a source changed: built again");
    fs.rmSync(path.join(repo, "ui/dist"), { recursive: true });
    assert.equal(buildUi(), 3, "no dist: built again");
  } finally {
    fs.rmSync(repo, { recursive: true, force: true });
  }
});
