// `npm run bench`, webhook flood phase: another user's p99 while 16 senders post forged 1,000-notification
// bodies to the open webhook, against the same user's p99 idle, in the same run (target: ≤ 2). Sender and
// target are both this machine. `BENCH_ONLY=flood npm run bench` runs this phase alone.
import { request as httpRequest, Agent } from "node:http";
import { percentile } from "./bench-support";

const SENDERS = 16;

/** A forged changeNotificationCollection of 1,000 notifications (about 330 KB), as an attacker would post it. */
function forgedBody(): string {
  const value = Array.from({ length: Number(process.env.BENCH_FLOOD_N ?? 1000) }, (_, i) => ({
    subscriptionId: `7f105c7d-2dc5-4530-97cd-${String(i).padStart(12, "0")}`,
    clientState: "guessed",
    changeType: "created",
    resource: `communications/callRecords/2f1a1100-b174-40a0-aba7-${String(i).padStart(12, "0")}`,
    resourceData: { id: `2f1a1100-b174-40a0-aba7-${String(i).padStart(12, "0")}` },
  }));
  return JSON.stringify({ value });
}

function send(agent: Agent, url: string, method: string, body?: string): Promise<number> {
  return new Promise((resolve) => {
    const req = httpRequest(
      url,
      { method, agent, headers: body ? { "Content-Type": "application/json" } : {} },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", () => resolve(0));
    if (body) req.write(body);
    req.end();
  });
}

async function latencies(agent: Agent, url: string, count: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await send(agent, url, "GET");
    out.push(performance.now() - started);
  }
  return out;
}

export async function webhookFloodPhase(app: string) {
  const user = new Agent({ keepAlive: true, maxSockets: 1 });
  const flood = new Agent({ keepAlive: true, maxSockets: SENDERS });
  const body = forgedBody();
  await latencies(user, `${app}/api/me`, 50);
  const idle = await latencies(user, `${app}/api/me`, 400);
  let running = true;
  const statuses = new Map<number, number>();
  let sent = 0;
  const started = performance.now();
  const senders = Array.from({ length: SENDERS }, async (_, i) => {
    // Half post to the bare address, half to a guessed secret: both must cost (almost) nothing.
    const url = i % 2 ? `${app}/api/notifications` : `${app}/api/notifications/${"g".repeat(43)}`;
    while (running) {
      const status = await send(flood, url, "POST", body);
      sent += 1;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const loaded = await latencies(user, `${app}/api/me`, 400);
  running = false;
  await Promise.all(senders);
  const seconds = (performance.now() - started) / 1000;
  user.destroy();
  flood.destroy();
  const idleP99 = percentile(idle, 99);
  const loadedP99 = percentile(loaded, 99);
  return {
    senders: SENDERS,
    bodyKB: Math.round(Buffer.byteLength(body) / 1024),
    forgedPostsPerSecond: Math.round(sent / seconds),
    answers: Object.fromEntries(statuses),
    otherUserIdleP50Ms: +percentile(idle, 50).toFixed(1),
    otherUserIdleP99Ms: +idleP99.toFixed(1),
    otherUserFloodP50Ms: +percentile(loaded, 50).toFixed(1),
    otherUserFloodP99Ms: +loadedP99.toFixed(1),
    p99FloodOverIdle: +(loadedP99 / idleP99).toFixed(2),
  };
}
