// What a Direct Routing row's final SIP code and Microsoft sub-code (Graph's finalSipCode and callEndSubReason)
// mean and what to check next, after Microsoft's troubleshooting lists:
//   "Microsoft and SIP response codes" (learn.microsoft.com/microsoftteams/troubleshoot/phone-system/
//   direct-routing/microsoft-sip-response-codes) and its per-code pages (…-408, …-420, …).
// The codes' meanings are RFC 3261's. Rules are lists: add a row, not a branch.
import type { PhoneLogRow } from "./phone-log";

export const SIP_CODES_PAGE =
  "https://learn.microsoft.com/microsoftteams/troubleshoot/phone-system/direct-routing/microsoft-sip-response-codes";

/** Who sent the final answer, read from the sub-code: 560xxx is the SBC's own answer, anything else Microsoft's. */
export type Answerer = "sbc" | "microsoft" | "unknown";

export interface SipExplanation {
  answerer: Answerer;
  /** What happened, in words. */
  meaning: string;
  /** What to check next; null when nothing is wrong (the callee was busy, the caller hung up). */
  next: string | null;
  /** True when the code is a normal end of a call attempt, not a fault. */
  normal: boolean;
}

interface SipRule {
  code: number;
  /** A Microsoft sub-code this row is about; absent: any sub-code with this SIP code. */
  sub?: number;
  meaning: string;
  next: string | null;
  normal?: boolean;
}

/** Specific sub-codes first: the first matching row wins. */
const RULES: readonly SipRule[] = [
  {
    code: 408,
    sub: 500001,
    meaning:
      "the SBC did not answer Microsoft's invite within the trunk's failover time (10 s unless changed)",
    next: "Find out why the SBC answered late. Where the phone network is slow to set up calls, a failover time of 20 s (FailoverTimeSeconds on the trunk) is Microsoft's suggestion.",
  },
  {
    code: 408,
    sub: 1106,
    meaning: "the callee answered, but the SBC never acknowledged Microsoft's 200 OK",
    next: "With the SBC's vendor, check its SIP stack and that its TCP/TLS connections to Microsoft's SIP proxies stay up.",
  },
  {
    code: 408,
    sub: 560408,
    meaning: "the SBC reported that the called party did not respond in time",
    next: "Look across the tenant's rows with this sub-code for a pattern in the numbers called or the destination country: it points at a part of the network beyond the SBC.",
  },
  {
    code: 408,
    sub: 0,
    meaning: "the call timed out on the Teams client's side",
    next: "Check the client's network connection to Teams.",
  },
  {
    code: 420,
    sub: 540420,
    meaning: "the SBC asked for a SIP extension Microsoft does not support (such as Require: 100rel)",
    next: "Check the SBC's configuration with its vendor: it must not require unsupported extensions.",
  },
  {
    code: 420,
    sub: 560420,
    meaning: "the SBC does not support a SIP extension the call needed (such as the Replaces header)",
    next: "Check with the SBC's vendor that it supports the headers Direct Routing uses.",
  },
  { code: 200, meaning: "the call was set up", next: null, normal: true },
  {
    code: 403,
    meaning: "the request was refused (403 Forbidden)",
    next: "If the SBC refused, its logs say which policy did (a destination the trunk may not call, a number the carrier does not accept). If Microsoft refused, check the user's voice routing policy and licence.",
  },
  {
    code: 404,
    meaning: "the number was not found (404 Not Found)",
    next: "Check the number dialled and the dial plan's normalisation rules; a number that works from a desk phone but not from Teams is usually a normalisation rule.",
  },
  {
    code: 408,
    meaning: "no answer came in time (408 Request Timeout)",
    next: "Look for a pattern in the times, numbers or trunks of rows with this code.",
  },
  {
    code: 480,
    meaning: "the called party was not reachable at that moment (480 Temporarily Unavailable)",
    next: "Usually the callee was offline or had no device; if one number always gets it, check that number's routing.",
  },
  { code: 486, meaning: "the called party was busy (486 Busy Here)", next: null, normal: true },
  {
    code: 487,
    meaning: "the attempt was cancelled before it was answered (487 Request Terminated)",
    next: null,
    normal: true,
  },
  {
    code: 488,
    meaning: "the two sides could not agree on media (488 Not Acceptable Here)",
    next: "Compare the SBC's codecs, SRTP and media bypass settings with what Direct Routing requires.",
  },
  {
    code: 500,
    meaning: "the side that answered had an internal error (500 Server Internal Error)",
    next: "If the SBC answered, start with its logs; if Microsoft did, check the Microsoft 365 service health.",
  },
  {
    code: 502,
    meaning: "a gateway beyond the first hop failed (502 Bad Gateway)",
    next: "Check the SBC's logs for the carrier trunk behind it.",
  },
  {
    code: 503,
    meaning:
      "the side that answered could not take the call (503 Service Unavailable: overloaded, in maintenance or with no route)",
    next: "Check the SBC's health, its capacity and the carrier trunk behind it; many 503s from one trunk at once point at the trunk.",
  },
  {
    code: 504,
    meaning: "a server further on did not answer in time (504 Server Time-out)",
    next: "Check the SBC's connection to the carrier.",
  },
  { code: 603, meaning: "the called party declined the call (603 Decline)", next: null, normal: true },
];

/** The SIP code's class, for codes the list does not name. */
function byClass(code: number): Omit<SipRule, "code"> {
  if (code >= 200 && code < 300) return { meaning: "the call was set up", next: null, normal: true };
  if (code >= 400 && code < 500)
    return {
      meaning: `the request was refused or could not be completed (SIP ${code}, a client error in RFC 3261)`,
      next: "Look the code up in Microsoft's list for this combination of codes.",
    };
  if (code >= 500 && code < 600)
    return {
      meaning: `a server on the way failed (SIP ${code})`,
      next: "Start with the logs of the side that answered; Microsoft's list has this combination of codes.",
    };
  if (code >= 600)
    return {
      meaning: `the called side refused everywhere (SIP ${code})`,
      next: null,
      normal: true,
    };
  return { meaning: `SIP ${code}`, next: null };
}

export function answererOf(sub: number | null): Answerer {
  if (sub === null || sub <= 0) return "unknown";
  return String(sub).startsWith("560") ? "sbc" : "microsoft";
}

/** A Direct Routing row's codes in words with a next step; null when the row has no SIP code. */
export function explainSipCodes(
  row: Pick<PhoneLogRow, "finalSipCode" | "callEndSubReason">,
): SipExplanation | null {
  const code = row.finalSipCode;
  if (code === null || code <= 0) return null;
  const sub = row.callEndSubReason;
  const rule =
    RULES.find((r) => r.code === code && r.sub !== undefined && r.sub === sub) ??
    RULES.find((r) => r.code === code && r.sub === undefined) ??
    byClass(code);
  const answerer = answererOf(sub);
  return {
    answerer,
    meaning: rule.meaning,
    next: rule.next,
    normal: rule.normal ?? false,
  };
}

/** Who sent the final answer, in the words the page uses. */
export const ANSWERER_WORDS: Record<Answerer, string> = {
  sbc: "Your SBC sent the final answer (the sub-code starts with 560)",
  microsoft: "A Microsoft service sent the final answer",
  unknown: "Graph gives no sub-code to say who sent the final answer",
};

const GEOGRAPHIES: Record<string, string> = {
  US: "United States",
  EU: "Europe",
  AP: "Asia Pacific",
  AU: "Australia",
  JP: "Japan",
  IN: "India",
  CA: "Canada",
  UK: "United Kingdom",
  BR: "Brazil",
  KR: "Korea",
  FR: "France",
  DE: "Germany",
  CH: "Switzerland",
  NO: "Norway",
  ZA: "South Africa",
  AE: "United Arab Emirates",
};
const REGIONS: Record<string, string> = {
  NO: "north",
  SO: "south",
  EA: "east",
  WE: "west",
  CE: "central",
  NC: "north central",
  SC: "south central",
  SE: "southeast",
  NE: "northeast",
};

/**
 * A Direct Routing datacenter code ("EUNO", "USWE") as it reads. Graph documents the fields (the datacenter used
 * for signalling and, without media bypass, for media) but publishes no list of codes, so this says what the code
 * reads as, never more; a code that does not read that way is shown as sent.
 */
export function datacenterWords(code: string | null): string | null {
  if (!code) return null;
  const upper = code.toUpperCase();
  const geography = GEOGRAPHIES[upper.slice(0, 2)];
  const region = REGIONS[upper.slice(2)];
  return geography && region && upper.length === 4
    ? `${code} (a Microsoft datacenter; the code reads as ${geography}, ${region})`
    : `${code} (a Microsoft datacenter code)`;
}
