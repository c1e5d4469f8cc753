// `espnode demo` (also `npm start`)
import type { Command } from "commander";
import { addOutputOptions, type CommonFlags } from "./common-options.ts";
import { action } from "./run-action.ts";
import { parseDuration } from "./monitor-command.ts";

interface DemoFlags extends CommonFlags {
  duration?: string;
  interval?: string;
}

export function registerDemoCommand(program: Command): void {
  addOutputOptions(
    program
      .command("demo")
      .description("run everything on a virtual board: broker, build, deploy, provision, live telemetry (Ctrl-C to stop)")
      .option("--duration <seconds>", "stop after this long (default: until Ctrl-C)")
      .option("--interval <seconds>", "telemetry interval", "2"),
  ).action(
    action<DemoFlags>(async (flags, out) => {
      const durationMs = parseDuration(flags.duration);
      const interval = Number(flags.interval ?? 2);
      const { runDemo } = await import("../commands/demo.ts");
      const { MonitorView } = await import("./monitor-view.ts");
      const view = new MonitorView(out, {});
      const abort = new AbortController();
      const onSigint = () => abort.abort();
      process.on("SIGINT", onSigint);
      const bar = await out.progress("deploy");
      try {
        const c = out.colors;
        const r = await runDemo({
          durationMs,
          interval,
          signal: abort.signal,
          onStep: (m) => {
            bar.stop();
            out.step(m);
          },
          onLongStep: (m) => {
            const task = out.task(m);
            return (outcome) => task.done(outcome);
          },
          onProgress: (d, t) => bar.update(d, t),
          onSerial: (ev) => view.event(ev),
          onMqtt: (topic, payload, retain) => {
            if (out.json) out.ndjson({ t: new Date().toISOString(), type: "mqtt", topic, payload, retain });
            else if (!out.quiet) out.write(`${c.dim(new Date().toTimeString().slice(0, 8))} ${c.magenta("mqtt")} ${topic} ${payload}\n`);
          },
        });
        await view.finish(r.serial);
        out.step(`${r.telemetryOverMqtt} telemetry messages over MQTT (${r.mqttMessages} messages in all) via ${r.broker}`);
        if (out.json) out.ndjson({ type: "demo", ok: true, broker: r.broker, mqttMessages: r.mqttMessages, telemetryOverMqtt: r.telemetryOverMqtt, deploy: r.deploy });
      } finally {
        bar.stop();
        process.off("SIGINT", onSigint);
      }
    }),
  );
}
