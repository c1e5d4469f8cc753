// A test-side view of the device MQTT core running over Node sockets: records every handler call and lets a
// test await the next one.
import { NodeMqttLink, type NodeLinkAddress } from "../../host-tools/mqtt/node-link.ts";
import type { MqttOptions } from "../../firmware/mqtt/client.ts";

export interface Received {
  topic: string;
  payload: string;
  qos: number;
  retain: boolean;
}

export class CoreSession {
  readonly link: NodeMqttLink;
  readonly messages: Received[] = [];
  readonly delivered: number[] = [];
  readonly closes: { reason: number; detail: number }[] = [];
  readonly subacks: { id: number; codes: number[] }[] = [];
  connects = 0;
  sessionPresent: boolean | null = null;
  private waiters: (() => void)[] = [];

  constructor(address: NodeLinkAddress, options: MqttOptions, tickMs = 100) {
    this.link = new NodeMqttLink(address, { backoffMin: 100, backoffMax: 500, ...options }, {
      connected: (sp) => {
        this.connects++;
        this.sessionPresent = sp;
        this.wake();
      },
      message: (topic, payload, qos, retain) => {
        this.messages.push({ topic, payload: payload as string, qos, retain });
        this.wake();
      },
      delivered: (id) => {
        this.delivered.push(id);
        this.wake();
      },
      subscribed: (id, codes) => {
        this.subacks.push({ id, codes });
        this.wake();
      },
      closed: (reason, detail) => {
        this.closes.push({ reason, detail });
        this.wake();
      },
    }, tickMs);
  }

  get client() {
    return this.link.client;
  }

  start(): this {
    this.link.start();
    return this;
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves when cond() holds, re-checked after every handler call and every 50 ms. */
  async until(cond: () => boolean, what: string | (() => string), timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!cond()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === "string" ? what : what()}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
  }
}
