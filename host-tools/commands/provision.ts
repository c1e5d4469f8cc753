// `espnode provision`: validate the whole config on the host, write it to the board atomically, read it back
// without secrets, restart, and optionally wait on the broker for the device's "online".
import { CONFIG_FILE, TLS_FILES, redactConfig, type DeviceConfig } from "../../firmware/protocol/config.ts";
import { EspnodeError } from "../transport/errors.ts";
import { openBoard, type Board, type PortOptions } from "./connect.ts";
import { writeFileAtomically } from "./atomic-file.ts";
import { restart } from "./deploy.ts";
import { statusTopic, watchForOnline, type VerifyOptions, type VerifyResult } from "./broker-verify.ts";
import type { Progress } from "../device/espruino/packet.ts";

export interface ProvisionOptions extends PortOptions {
  /** A config already validated by buildConfig(). */
  config: DeviceConfig;
  /** Storage files the config names (the DER for ca/cert/key), from buildProvisionInput(). */
  files?: Record<string, Buffer>;
  noRestart?: boolean;
  /** Wait on the broker for the device's live "online". */
  verify?: boolean | VerifyOptions;
  board?: Board;
  /** A new step begins (the previous one is finished). */
  onStep?: (message: string) => void;
  /** Bytes of the config uploaded so far. */
  onProgress?: Progress;
}

export interface ProvisionResult {
  /** What the board holds now, secrets replaced by wifiPassSet/mqttPassSet. */
  config: Record<string, unknown>;
  unchanged: boolean;
  bytes: number;
  verify?: VerifyResult;
}

/** Reads the config back with secrets removed *on the board*, so they never cross the console. */
const READ_BACK =
  `(function(){var c=require("Storage").readJSON(${JSON.stringify(CONFIG_FILE)},1);if(!c)return null;var o={};` +
  `for(var k in c)if(k!=="wifiPass"&&k!=="mqttPass"&&k!=="otaKey")o[k]=c[k];if(c.wifiPass)o.wifiPassSet=true;if(c.mqttPass)o.mqttPassSet=true;` +
  `if(c.otaKey)o.otaKeySet=true;return o})()`;

export async function provision(opts: ProvisionOptions): Promise<ProvisionResult> {
  const step = opts.onStep ?? (() => {});
  const data = Buffer.from(JSON.stringify(opts.config), "utf8");
  const board = opts.board ?? (await openBoard(opts));
  let watch: Awaited<ReturnType<typeof watchForOnline>> | undefined;
  try {
    // The files first: a config on the board never names a file that is not there yet.
    for (const [name, bytes] of Object.entries(opts.files ?? {})) {
      step(`writing ${name} (${bytes.length} bytes, DER)`);
      await writeFileAtomically(board, name, bytes, { onProgress: opts.onProgress });
    }
    step(`writing ${CONFIG_FILE} (${data.length} bytes)`);
    const written = await writeFileAtomically(board, CONFIG_FILE, data, { onProgress: opts.onProgress });
    if (written.skipped) step(`${CONFIG_FILE} already holds this config`);
    const back = await board.repl.eval<Record<string, unknown> | null>(READ_BACK);
    const expected = redactConfig(opts.config);
    if (!back || JSON.stringify(back) !== JSON.stringify(expected))
      throw new EspnodeError("verify", `Reading ${CONFIG_FILE} back gave a different config.`, "Run provision again.");
    // TLS files an earlier provision wrote and this config no longer names would only take flash.
    const named = new Set([opts.config.ca, opts.config.cert, opts.config.key]);
    const stale = Object.values(TLS_FILES).filter((name) => !named.has(name));
    await board.repl.eval(`(function(S){${stale.map((n) => `S.erase(${JSON.stringify(n)});`).join("")}})(require("Storage"))`);
    const result: ProvisionResult = { config: back, unchanged: written.skipped, bytes: data.length };
    const verifyOptions = typeof opts.verify === "object" ? opts.verify : {};
    if (opts.verify) {
      step(`connecting to ${verifyOptions.brokerUrl ?? opts.config.broker} to watch ${statusTopic(opts.config)}`);
      watch = await watchForOnline(opts.config, verifyOptions);
      await Promise.race([watch.subscribed, watch.done]);
    }
    if (!opts.noRestart) {
      step("restarting the app with the new config");
      await restart(board);
    }
    if (watch) {
      const seconds = Math.round((verifyOptions.timeoutMs ?? 60_000) / 1000);
      step(`waiting up to ${seconds} s for ${opts.config.id} to report "online" on ${statusTopic(opts.config)}`);
      result.verify = await watch.done;
    }
    return result;
  } finally {
    watch?.stop();
    if (!opts.board) await board.close();
  }
}
