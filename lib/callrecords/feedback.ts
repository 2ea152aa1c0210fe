import { lookup } from "./describe";
import type { Feedback } from "./model";

const TOKEN_LABELS: Record<string, string> = {
  NoSound: "No sound",
  OtherNoSound: "Others heard no sound",
  Echo: "Echo",
  Noisy: "Noisy",
  LowVolume: "Low volume",
  Stopped: "Audio stopped",
  DistortedSound: "Distorted sound",
  Interruptions: "Interruptions",
  BackgroundNoise: "Background noise",
  DistortedSpeech: "Distorted speech",
  ElectronicFeedback: "Electronic feedback",
  MuffledSpeech: "Muffled speech",
  FrozenVideo: "Frozen video",
};

export interface FeedbackToken {
  name: string;
  label: string;
  flagged: boolean;
  known: boolean;
}

/** Every token that arrived: known ones with a friendly label, unknown ones still shown; flagged first. */
export function feedbackTokens(feedback: Feedback): FeedbackToken[] {
  return Object.entries(feedback.tokens)
    .map(([name, flagged]) => {
      // Own keys only: a token named "constructor" is Graph's to send and must not find Object's.
      const label = lookup(TOKEN_LABELS, name);
      return {
        name,
        flagged,
        known: label !== undefined,
        label: label ?? name.replace(/([a-z])([A-Z])/g, "$1 $2"),
      };
    })
    .sort((a, b) => Number(b.flagged) - Number(a.flagged) || a.label.localeCompare(b.label));
}

export const RATING_LABELS: Record<string, string> = {
  notRated: "Not rated",
  bad: "Bad",
  poor: "Poor",
  fair: "Fair",
  good: "Good",
  excellent: "Excellent",
};
