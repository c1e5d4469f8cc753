// `espnode provision` getting its values from a person or a pipe, end to end against a virtual board: secrets piped
// on stdin land on the board and nowhere in our output; on a terminal (a real pseudo-terminal) missing values are
// asked for, a bad answer is asked again with the reason, and Ctrl-C at a prompt exits 130 with the board untouched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import * as nodePty from "node-pty";
import { startSim, TEST_AP, type SimUnderTest } from "./support/sim.ts";
import { CONFIG_FILE } from "../../firmware/protocol/config.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const BIN = resolve(ROOT, "host-tools/bin/espnode.js");
const MQTT_SECRET = "mqtt-Piped-Secret-0815";

let sim: SimUnderTest;
let pty: string;

beforeAll(async () => {
  sim = await startSim();
  pty = await sim.board.openPty();
});
afterAll(async () => {
  await sim?.close();
});

/** The CLI with `stdinText` piped into it (stdin is a pipe, not a terminal). */
function runWithStdin(args: string[], stdinText: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1", ...env }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", fail);
    child.on("close", (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
    child.stdin.end(stdinText);
  });
}

const plain = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "");

/** The CLI on a fresh pseudo-terminal, as a person at a terminal runs it; answer() waits for a prompt and types. */
function runOnTerminal(args: string[]) {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), TERM: "xterm-256color" };
  for (const name of ["CI", "NO_COLOR", "FORCE_COLOR", "ESPNODE_WIFI_PASSWORD", "ESPNODE_MQTT_PASSWORD"]) delete env[name];
  const term = nodePty.spawn(process.execPath, [BIN, ...args], { cols: 120, rows: 40, cwd: ROOT, env });
  let screen = "";
  let seen = 0; // prompts are matched only in output after the previous answer
  term.onData((d) => (screen += d));
  const exited = new Promise<number>((done) => term.onExit(({ exitCode }) => done(exitCode)));
  const killTimer = setTimeout(() => term.kill("SIGKILL"), 25_000);
  void exited.then(() => clearTimeout(killTimer));
  async function waitFor(re: RegExp, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!re.test(plain(screen.slice(seen)))) {
      if (Date.now() > deadline) throw new Error(`the terminal never showed ${re}; it shows:\n${plain(screen).slice(-1500)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    seen = screen.length;
  }
  return {
    waitFor,
    async answer(prompt: RegExp, keys: string) {
      await waitFor(prompt);
      term.write(keys);
    },
    screen: () => screen,
    exited,
  };
}

describe("provision secrets from standard input", () => {
  it("takes the Wi-Fi password from the first line of a pipe; it reaches the board and never our output", async () => {
    sim.clearConsole();
    const args = ["provision", "--device-id", "pipe-1", "--ssid", TEST_AP.ssid, "--broker", "mqtt://127.0.0.1:1883", "--port", pty, "--no-restart"];
    const r = await runWithStdin([...args, "--wifi-password-file", "-"], `${TEST_AP.password}\r\nsecond line is ignored\n`, { ESPNODE_WIFI_PASSWORD: undefined });
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/"wifiPassSet": true/);
    const stored = JSON.parse(sim.board.storage.read(CONFIG_FILE)!);
    expect(stored).toMatchObject({ id: "pipe-1", wifiPass: TEST_AP.password });
    for (const text of [r.stdout, r.stderr, sim.console()]) expect(text).not.toContain(TEST_AP.password);
  });

  it("takes the MQTT password from a pipe while the Wi-Fi password comes from the environment", async () => {
    sim.clearConsole();
    const r = await runWithStdin(
      ["provision", "--device-id", "pipe-2", "--ssid", TEST_AP.ssid, "--broker", "mqtt://127.0.0.1:1883", "--mqtt-user", "dev", "--mqtt-password-file", "-", "--port", pty, "--no-restart", "--json"],
      `${MQTT_SECRET}\n`,
      { ESPNODE_WIFI_PASSWORD: TEST_AP.password },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).config).toMatchObject({ id: "pipe-2", mqttUser: "dev", mqttPassSet: true, wifiPassSet: true });
    expect(JSON.parse(sim.board.storage.read(CONFIG_FILE)!)).toMatchObject({ mqttPass: MQTT_SECRET, wifiPass: TEST_AP.password });
    for (const secret of [MQTT_SECRET, TEST_AP.password]) for (const text of [r.stdout, r.stderr, sim.console()]) expect(text).not.toContain(secret);
  });

  it("refuses both passwords from stdin, an empty pipe, and a missing value without a terminal, before touching the board", async () => {
    const before = sim.board.storage.read(CONFIG_FILE);
    sim.clearConsole();
    const base = ["provision", "--ssid", TEST_AP.ssid, "--broker", "mqtt://127.0.0.1:1883", "--port", pty];
    const both = await runWithStdin([...base, "--device-id", "x", "--mqtt-user", "u", "--wifi-password-file", "-", "--mqtt-password-file", "-"], "a\nb\n");
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/cannot both read standard input/);
    const empty = await runWithStdin([...base, "--device-id", "x", "--wifi-password-file", "-"], "");
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/Standard input was empty/);
    const missing = await runWithStdin(base, "", { ESPNODE_WIFI_PASSWORD: TEST_AP.password });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/error: --device-id is required/);
    expect(sim.console()).toBe("");
    expect(sim.board.storage.read(CONFIG_FILE)).toBe(before);
  });
});

describe("provision prompts on a terminal", () => {
  it("asks for what is missing, asks again after a bad answer with the reason, and hides the password", async () => {
    sim.clearConsole();
    const t = runOnTerminal(["provision", "--port", pty, "--no-restart"]);
    await t.answer(/Device id/, "bad/id\r");
    // Asked again with the reason; the refused answer stays editable, so erase it as a person would.
    await t.answer(/--device-id must be one MQTT topic level/, "\x7f".repeat(6) + "kitchen-1\r");
    await t.answer(/Wi-Fi network name/, `${TEST_AP.ssid}\r`);
    await t.answer(/Wi-Fi password for test-ap/, `${TEST_AP.password}\r`);
    await t.answer(/MQTT broker URL/, "mqtt://127.0.0.1:1883\r");
    await t.answer(/Sensors/, "\r"); // the default
    await t.answer(/Seconds between readings/, "5\r");
    const code = await t.exited;
    const screen = plain(t.screen());
    expect(code, screen).toBe(0);
    expect(JSON.parse(sim.board.storage.read(CONFIG_FILE)!)).toMatchObject({ id: "kitchen-1", ssid: TEST_AP.ssid, wifiPass: TEST_AP.password, sensors: ["temp"], interval: 5 });
    expect(screen).toMatch(/Config written and verified for kitchen-1/);
    expect(screen).not.toContain(TEST_AP.password);
    expect(sim.console()).not.toContain(TEST_AP.password);
    // The upload ran under a spinner that ended with a tick.
    expect(screen).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] writing espnode\.cfg/);
    expect(screen).toMatch(/✔ writing espnode\.cfg \(\d+ bytes\)/);
  });

  it("Ctrl-C at a prompt exits with 130 and leaves the board untouched", async () => {
    const before = sim.board.storage.read(CONFIG_FILE);
    sim.clearConsole();
    const t = runOnTerminal(["provision", "--port", pty, "--ssid", TEST_AP.ssid]);
    await t.answer(/Device id/, "node-9\r");
    await t.answer(/Wi-Fi password for test-ap/, "half-typ");
    await t.answer(/[▪•]+/, "\x03"); // the masked characters are on screen
    const code = await t.exited;
    expect(code, plain(t.screen())).toBe(130);
    expect(plain(t.screen())).toMatch(/cancelled: nothing was written to the board/);
    expect(sim.console()).toBe("");
    expect(sim.board.storage.read(CONFIG_FILE)).toBe(before);
  });
});
