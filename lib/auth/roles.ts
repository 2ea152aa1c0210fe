// App roles on callscope's registration, like Call Analytics' support tiers.
export const READER_ROLE = "CallQuality.Reader";
export const INVESTIGATOR_ROLE = "CallQuality.Investigator";

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
