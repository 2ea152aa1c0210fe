import { z } from "zod";
import { Random } from "./data/random";

/** Faults injected into Graph responses, deterministic under `seed`. */
export const faultSchema = z.object({
  latencyMs: z.number().min(0).max(120_000).default(0),
  rate429: z.number().min(0).max(1).default(0),
  rate503: z.number().min(0).max(1).default(0),
  rateTruncated: z.number().min(0).max(1).default(0),
  retryAfterSeconds: z.number().int().min(0).max(3600).default(1),
  /** Which requests the rates apply to: the record/first page, later pages, or all. */
  pages: z.enum(["all", "first", "later"]).default("all"),
  /** Misbehaving paging: a nextLink that points back to an earlier page, or to another host. */
  nextLink: z.enum(["normal", "loop", "foreign"]).default("normal"),
  seed: z.number().int().default(1),
});

export type Faults = z.infer<typeof faultSchema>;
export type FaultDecision = "429" | "503" | "truncate" | "none";

export class FaultInjector {
  private config: Faults = faultSchema.parse({});
  private rng = new Random(1);

  constructor(initial?: unknown) {
    if (initial !== undefined) this.set(initial);
  }

  set(input: unknown): Faults {
    this.config = faultSchema.parse(input);
    this.rng = new Random(this.config.seed);
    return this.config;
  }

  get current(): Faults {
    return this.config;
  }

  decide(page: "first" | "later"): FaultDecision {
    const { rate429, rate503, rateTruncated, pages } = this.config;
    if (pages !== "all" && pages !== page) return "none";
    const roll = this.rng.next();
    if (roll < rate429) return "429";
    if (roll < rate429 + rate503) return "503";
    if (roll < rate429 + rate503 + rateTruncated) return "truncate";
    return "none";
  }
}

export function faultsFromEnv(value: string | undefined): unknown {
  if (!value) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new Error(`EMULATOR_FAULTS must be JSON, e.g. {"latencyMs":100,"rate429":0.1}; got: ${value}`);
  }
}
