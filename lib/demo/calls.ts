// The demo calls the embedded emulator serves and the home page lists in demo mode.
// Client-safe: IDs and descriptions only; the emulator turns each `scenario` into a full call record.

export type DemoScenario =
  | "clean-one-to-one"
  | "poor-wifi"
  | "town-hall"
  | "failed-pstn"
  | "team-meeting"
  | "huge-meeting"
  | "real-tenant"
  | "legacy-only"
  | "docs-example"
  | "hostile"
  | "branch-meeting"
  | "isp-meeting"
  | "odd-shapes";

export interface DemoCall {
  id: string;
  title: string;
  description: string;
  scenario: DemoScenario;
  sessions: number;
  featured: boolean;
}

export const demoCalls: readonly DemoCall[] = [
  {
    id: "2f4c9a51-7c1e-4b7a-9d1e-3a1c5b7e9f01",
    title: "Clean 1:1",
    description: "Two colleagues on wired networks: audio and video, all streams good.",
    scenario: "clean-one-to-one",
    sessions: 1,
    featured: true,
  },
  {
    id: "8b6d2e13-4a9f-4c3b-8e2d-5f7a9c1b3d02",
    title: "Poor Wi-Fi call",
    description: "Callee on 2.4 GHz Wi-Fi with a weak signal: jitter and loss, rated poor with feedback.",
    scenario: "poor-wifi",
    sessions: 1,
    featured: true,
  },
  {
    id: "c3e5a7b9-1d2f-4e6a-8b0c-9d1e3f5a7b03",
    title: "Town hall, 3,000 sessions",
    description:
      "A company meeting: 3,000 participant sessions over 51 pages of Graph results, a poor minority on Wi-Fi, VPN and mobile.",
    scenario: "town-hall",
    sessions: 3000,
    featured: true,
  },
  {
    id: "5d7f9b1c-3e4a-4c8d-9f2b-6a8c0e2d4f04",
    title: "Failed PSTN leg",
    description: "A Teams user dials a phone number; the gateway leg fails at call setup.",
    scenario: "failed-pstn",
    sessions: 2,
    featured: true,
  },
  {
    id: "9a1b3c5d-7e8f-4a0b-8c1d-2e3f4a5b6c05",
    title: "Team meeting, one bad network",
    description: "Twelve people; one presenter on a congested VPN hurts everyone who receives their video.",
    scenario: "team-meeting",
    sessions: 12,
    featured: true,
  },
  {
    id: "e7f9a1b3-c5d7-4e9f-8a1b-3c5d7e9f1a06",
    title: "All-hands, 5,000 sessions",
    description: "The largest call we generate: for load and rendering checks.",
    scenario: "huge-meeting",
    sessions: 5000,
    featured: false,
  },
  {
    id: "7a1c0e52-5f1d-4c3e-9b7a-2d4e6f8a0b1c",
    title: "Weekly sync, as a real tenant sends it",
    description:
      "Fetched without metadata: no @odata.type, notRated feedback everywhere, empty strings, zero link speeds, a segment without caller or callee, one person who never joined media.",
    scenario: "real-tenant",
    sessions: 3,
    featured: true,
  },
  {
    id: "3c9e1a7b-2d4f-4e6a-8b0c-1d2e3f4a5b6c",
    title: "Legacy record (before participants_v2)",
    description:
      "Exported before June 2026: only the old organizer and participants properties; a call to a phone number.",
    scenario: "legacy-only",
    sessions: 1,
    featured: false,
  },
  {
    id: "e523d2ed-2966-4b6b-925b-754a88034cc5",
    title: "Microsoft's documentation example",
    description:
      "The record from Graph's Get callRecord, List sessions and participants_v2 examples, as published.",
    scenario: "docs-example",
    sessions: 1,
    featured: false,
  },
  {
    id: "b7a2c4e6-1f3d-4a5b-9c8d-0e1f2a3b4c07",
    title: "Branch office meeting",
    description:
      "120 people; the poor ones sit in one office behind a congested uplink. Upload the demo building file on Sites to see it named.",
    scenario: "branch-meeting",
    sessions: 120,
    featured: true,
  },
  {
    id: "4c6e8a0b-2d4f-4a6b-8c0d-1e2f3a4b5c08",
    title: "Home workers, one troubled ISP",
    description:
      "80 people working from home on good Wi-Fi; the poor ones all reach Teams through the same ISP.",
    scenario: "isp-meeting",
    sessions: 80,
    featured: true,
  },
  {
    id: "0bad5eed-6a1e-4c0d-9e5f-7a8b9c0d1e2f",
    title: "Hostile strings (security test)",
    description:
      "Every free-form string carries script, spreadsheet formulas, bidi overrides, control characters, prototype names or 100 KB: the page must stay inert and readable.",
    scenario: "hostile",
    sessions: 3,
    featured: false,
  },
  {
    id: "0dd5a9e0-41a0-4c3e-9b7a-2d4e6f8a0b41",
    title: "Every shape Graph may send",
    description:
      'Valid by Graph\'s schema, odd as real tenants send: "NaN" and numeric strings on the second page, a session Graph sent without an ID, empty failures, a phone known only by its asserted identity, an anonymous guest, a hidden recorder.',
    scenario: "odd-shapes",
    sessions: 64,
    featured: false,
  },
];
