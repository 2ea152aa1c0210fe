// The role names live with the public configuration, so the browser can read them too.
import { INVESTIGATOR_ROLE, isInvestigator } from "@/lib/config/public";
import { AuthError } from "./errors";

export { INVESTIGATOR_ROLE, READER_ROLE } from "@/lib/config/public";

export interface Principal {
  kind: "user" | "demo";
  oid: string;
  name: string;
  username: string | null;
  tenantId: string;
  roles: string[];
  /** Investigators see names, addresses and devices; Readers see them masked. */
  seesPersonalData: boolean;
}

/** What only Investigators may do (building data, subnets, the watch list): 403 `investigators_only` otherwise. */
export function requireInvestigator(principal: Principal, what: string): void {
  if (!isInvestigator(principal))
    throw new AuthError(
      403,
      "investigators_only",
      `Only an investigator (${INVESTIGATOR_ROLE}) can ${what}.`,
    );
}
