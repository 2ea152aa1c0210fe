// The role names live with the public configuration, so the browser can read them too.
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
