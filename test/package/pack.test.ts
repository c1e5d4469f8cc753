// The npm package works on its own: `npm pack` (whose prepack compiles the CLI) gives a tarball without tests that
// installs offline into an empty folder and runs there on plain node — no TypeScript loader, no checkout.
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { undeclaredImports } from "../../host-tools/build/runtime-imports.ts";
import { children, cleanEnv, killChildren, manifest, pack, run, writeOfflineLock, type PackResult, type Run } from "./support/packed.ts";

let tmp: string;
let app: string;
let packed: PackResult;
let paths: string[];
let install: Run;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "espnode-pack-"));
  packed = await pack(tmp);
  paths = packed.files.map((f) => f.path);

  app = join(tmp, "app");
  cpSync(join(tmp, packed.filename), join(app, packed.filename));
  const dependencies = { espnode: `file:${packed.filename}` };
  writeOfflineLock(app, "espnode-pack-test", { dependencies }, { dev: false });
  // Native modules (node-pty, serialport's bindings) build or pick a prebuild in their install scripts, which npm
  // runs for the packages the project allows, as a user's project does.
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({ name: "espnode-pack-test", private: true, dependencies, allowScripts: manifest.allowScripts }),
  );
  install = await run("npm", ["install", "--offline", "--no-audit", "--no-fund"], app);
  expect(install.code, install.stderr + install.stdout).toBe(0);
  // Proof that the installed CLI needs no TypeScript loader: take tsx away if it came along.
  rmSync(join(app, "node_modules/tsx"), { recursive: true, force: true });
}, 180_000);

afterAll(() => {
  killChildren();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe("npm pack", () => {
  it("ships no tests, no CI and no TypeScript host sources; the CLI is compiled", () => {
    // The project template's own test is a template file (`espnode init` copies it), not one of ours.
    const ours = paths.filter((p) => !p.startsWith("host-tools/templates/"));
    expect(ours.filter((p) => /^(test|\.ci|coverage)\//.test(p) || /\.(test|bench)\.ts$/.test(p))).toEqual([]);
    // With the TypeScript CLI present the launcher would take the checkout's tsx path.
    expect(ours.filter((p) => p.startsWith("host-tools/") && p.endsWith(".ts"))).toEqual([]);
    expect(paths).toContain("host-tools/bin/espnode.js");
    expect(paths).toContain("dist/package/host-tools/cli/main.js");
    expect(paths).toContain("dist/package/host-tools/sim/worker/board-worker.bundle.cjs");
    // The firmware build the CLI runs finds its device entries in the shipped firmware sources.
    expect(paths).toContain("dist/package/firmware/build/build.js");
    expect(paths).toContain("firmware/board/mqtt-module.ts");
    expect(paths).toContain("firmware/app/main.ts");
    expect(paths.filter((p) => p.startsWith("dist/") && !p.startsWith("dist/package/"))).toEqual([]);
  });

  it("ships every file its exports name", () => {
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      for (const file of typeof target === "string" ? [target] : Object.values(target)) {
        const path = file.replace(/^\.\//, "");
        if (path.endsWith("*")) expect(paths.some((p) => p.startsWith(path.slice(0, -1))), subpath).toBe(true);
        else expect(paths, subpath).toContain(path);
      }
    }
  });

  it("imports no package at run time that `npm install` does not bring", () => {
    const installed = JSON.parse(readFileSync(join(app, "node_modules/espnode/package.json"), "utf8")) as typeof manifest;
    expect(undeclaredImports(join(app, "node_modules/espnode/dist/package"), installed.dependencies)).toEqual([]);
  });
});

describe("the installed package", () => {
  const espnode = (): string => join(app, "node_modules/.bin/espnode");

  it("runs `espnode --help` and `espnode --version`", async () => {
    const help = await run(espnode(), ["--help"], app);
    expect(help.stderr).toBe("");
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: espnode \[options\] \[command\]/);
    for (const command of ["list", "flash", "build", "deploy", "provision", "monitor", "sim", "demo"]) {
      expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b`, "m"));
    }
    const version = await run(espnode(), ["--version"], app);
    expect(version.stdout.trim()).toBe(manifest.version);
  });

  it("builds a user's entry that imports the firmware library (`espnode build`)", async () => {
    mkdirSync(join(app, "src"));
    writeFileSync(join(app, "src/main.ts"), 'import { telemetryLine } from "espnode/telemetry";\nprint(telemetryLine(JSON.stringify({ t: 1 })));\n');
    const build = await run(espnode(), ["build", "src/main.ts"], app);
    expect(build.code, build.stderr).toBe(0);
    expect(readFileSync(join(app, "dist/main.js"), "utf8")).toContain('print("@tlm "+JSON.stringify({t:1}))');
  });

  it("builds espnode's own firmware from the shipped sources (what `espnode demo` deploys)", async () => {
    const out = join(tmp, "firmware");
    const build = join(app, "node_modules/espnode/dist/package/firmware/build/build.js");
    const probe = `const { buildFirmware } = await import(${JSON.stringify(build)});
      const r = await buildFirmware({ outDir: ${JSON.stringify(out)} });
      console.log(r.files.map((f) => f.name).join(" "));`;
    const r = await run(process.execPath, ["--input-type=module", "-e", probe], app);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe("mqtt.js app.js");
  });

  it("exports the test helpers as JavaScript (`espnode/testing`)", async () => {
    const probe = "const m = await import('espnode/testing'); console.log(Object.keys(m).sort().join(' '));";
    const r = await run(process.execPath, ["--input-type=module", "-e", probe], app);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split(" ")).toEqual(expect.arrayContaining(["startBroker", "startVirtualBoard"]));
  });

  it("runs `espnode list --json`", async () => {
    const registry = join(tmp, "registry-empty");
    const list = await run(espnode(), ["list", "--json"], app, cleanEnv({ XDG_RUNTIME_DIR: registry }));
    expect(list.code, list.stderr).toBe(0);
    const result = JSON.parse(list.stdout) as { ok: boolean; ports: { path: string; virtual?: boolean }[] };
    expect(result.ok).toBe(true);
    expect(result.ports.filter((p) => p.virtual)).toEqual([]);
  });

  it("starts `espnode sim`, whose board answers on its console, is listed, and stops on SIGTERM", async () => {
    const env = cleanEnv({ XDG_RUNTIME_DIR: join(tmp, "registry"), XDG_CACHE_HOME: join(tmp, "cache") });
    const sim = spawn(espnode(), ["sim", "--json", "--state", join(tmp, "state"), "--baud", "0", "--tcp", "0"], {
      cwd: app,
      env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    children.add(sim);
    let stderr = "";
    sim.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const first = await new Promise<string>((done, fail) => {
      let out = "";
      sim.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        if (out.includes("\n")) done(out.slice(0, out.indexOf("\n")));
      });
      sim.on("exit", (code) => fail(new Error(`espnode sim exited with ${code}: ${stderr}`)));
    });
    const info = JSON.parse(first) as { port: string; tcp: { host: string; port: number } };
    expect(info.port).toMatch(/^\/dev\/pts\/\d+$/);

    // The board (the prebuilt worker bundle) evaluates what it is sent; in download mode the ROM loader answers, which
    // the board imports by a computed path (else the console says "ROM bootloader emulator unavailable").
    const socket = connect(info.tcp.port, info.tcp.host);
    let seen = "";
    socket.on("data", (d: Buffer) => (seen += d.toString("latin1")));
    const waitFor = (text: string) =>
      vi.waitFor(() => expect(seen).toContain(text), { timeout: 15_000, interval: 50 }).then(() => (seen = ""));
    await new Promise((done, fail) => socket.once("connect", done).once("error", fail));
    socket.write("1+2\n");
    await waitFor("=3");
    sim.stdin.write("download\n");
    await waitFor("waiting for download");
    socket.destroy();

    const list = await run(espnode(), ["list", "--json"], app, env);
    const ports = (JSON.parse(list.stdout) as { ports: { path: string; virtual?: boolean }[] }).ports;
    expect(ports.filter((p) => p.virtual).map((p) => p.path)).toEqual([info.port]);

    const exit = new Promise<number | null>((done) => sim.on("exit", (code) => done(code)));
    process.kill(sim.pid!, "SIGTERM");
    expect(await exit).toBe(0);
    children.delete(sim);
  });
});

describe("a project made by `espnode init`: the path from init to telemetry", () => {
  let project: string;
  const espnode = (): string => join(app, "node_modules/.bin/espnode");
  const projectEspnode = (): string => join(project, "node_modules/.bin/espnode");

  it("init scaffolds the project, and refuses a directory that is not empty", async () => {
    project = join(tmp, "my-node");
    const r = await run(espnode(), ["init", project, "--json"], app);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { files: string[] }).files.sort()).toEqual(
      [".gitignore", "README.md", "package.json", "src/main.ts", "test/main.test.ts", "tsconfig.json"],
    );
    const pkg = JSON.parse(readFileSync(join(project, "package.json"), "utf8"));
    expect(pkg).toMatchObject({ name: "my-node", espnode: { entry: "src/main.ts" }, devDependencies: { espnode: `^${manifest.version}` } });
    const again = await run(espnode(), ["init", project], app);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/is not empty/);
  });

  it("installs the same tarball offline and builds the example with `espnode build`", { timeout: 180_000 }, async () => {
    const tarball = join(tmp, packed.filename);
    const pkg = JSON.parse(readFileSync(join(project, "package.json"), "utf8"));
    writeOfflineLock(project, pkg.name, { devDependencies: { ...pkg.devDependencies, espnode: `file:${tarball}` } }, { dev: true });
    const installed = await run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--save-dev", tarball], project);
    expect(installed.code, installed.stderr + installed.stdout).toBe(0);
    const build = await run(projectEspnode(), ["build", "--json"], project);
    expect(build.code, build.stderr).toBe(0);
    const files = (JSON.parse(build.stdout) as { files: { name: string; bytes: number }[] }).files;
    expect(files.map((f) => f.name)).toEqual(["main.js"]);
    // Only what the example imports is in it: the MQTT client, not the outbox or the BME280 driver.
    const code = readFileSync(join(project, "dist/main.js"), "utf8");
    expect(code).toContain("@tlm ");
    expect(code).not.toMatch(/OBX1|BME280/);
  });

  it("deploy and provision put it on a virtual board, and its telemetry reaches a broker", { timeout: 120_000 }, async () => {
    const { startAedes } = await import("../helpers/brokers.ts");
    const mqtt = await import("mqtt");
    const broker = await startAedes();
    const env = cleanEnv({ XDG_RUNTIME_DIR: join(tmp, "registry-init"), ESPNODE_WIFI_PASSWORD: "simulated" });
    const sim = spawn(projectEspnode(), ["sim", "--json", "--state", join(tmp, "state-init"), "--baud", "0"], { cwd: project, env, stdio: ["pipe", "pipe", "pipe"] });
    children.add(sim);
    const watcher = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, { clientId: "pack-test-watch" });
    try {
      const port = await new Promise<string>((done, fail) => {
        let out = "";
        sim.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          if (out.includes("\n")) done((JSON.parse(out.slice(0, out.indexOf("\n"))) as { port: string }).port);
        });
        sim.on("exit", (code) => fail(new Error(`espnode sim exited with ${code}`)));
      });
      const telemetry = new Promise<Record<string, unknown>>((done) =>
        watcher.on("message", (topic, payload) => {
          if (topic === "espnode/node-1/telemetry") done(JSON.parse(payload.toString()) as Record<string, unknown>);
        }),
      );
      await watcher.subscribeAsync("espnode/node-1/#", { qos: 1 });
      const deployed = await run(projectEspnode(), ["deploy", "dist/main.js", "--port", port, "--json"], project, env);
      expect(deployed.code, deployed.stderr).toBe(0);
      const provisioned = await run(
        projectEspnode(),
        ["provision", "--port", port, "--device-id", "node-1", "--ssid", "espnode-sim", "--broker", `mqtt://127.0.0.1:${broker.port}`, "--interval", "1", "--no-input", "--json"],
        project,
        env,
      );
      expect(provisioned.code, provisioned.stderr).toBe(0);
      const record = await Promise.race([telemetry, new Promise<never>((_, fail) => setTimeout(() => fail(new Error("no telemetry within 30 s")), 30_000))]);
      expect(record.seq).toBeGreaterThanOrEqual(1);
      expect(typeof record.temp).toBe("number");
    } finally {
      await watcher.endAsync(true);
      if (sim.exitCode === null) {
        const exited = new Promise((done) => sim.once("exit", done));
        process.kill(sim.pid!, "SIGTERM");
        await exited;
      }
      children.delete(sim);
      await broker.stop();
    }
  });

  it("a file using new Map() fails the build at its own file:line:column, exit 2", async () => {
    writeFileSync(join(project, "src/cache.ts"), "// a cache the board cannot have\nvar seen = new Map();\nprint(seen);\n");
    const build = await run(projectEspnode(), ["build", "src/cache.ts"], project);
    expect(build.code).toBe(2);
    expect(build.stderr).toMatch(/src\/cache\.ts:2:16 Cannot find name 'Map'/);
    rmSync(join(project, "src/cache.ts"));
  });

  it("the project's own test passes (`npm test`: build, then vitest with espnode/testing)", { timeout: 180_000 }, async () => {
    const r = await run("npm", ["test"], project);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Tests\s+2 passed/);
  });
});
