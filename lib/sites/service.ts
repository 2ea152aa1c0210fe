import "server-only";
import { INVESTIGATOR_ROLE, type Principal } from "@/lib/auth/roles";
import type { ReportStore, SiteList } from "@/lib/reports/store";
import { BuildingFileError, parseBuildingFile } from "./building-file";

/** Why a sites request failed; lib/api answers with the same status and code. */
export class SiteError extends Error {
  constructor(
    readonly status: 400 | 403,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "SiteError";
  }
}

/** The tenant's buildings: anyone with a role reads them (they name offices, not people); Investigators upload. */
export function createSiteService(store: Pick<ReportStore, "replaceSites" | "getSites">) {
  return {
    async list(principal: Principal): Promise<SiteList> {
      return (await store.getSites(principal.tenantId)) ?? { sites: [], uploadedAt: 0, uploadedBy: "" };
    },

    /** Parses the whole file first: a bad line stores nothing. */
    async upload(principal: Principal, text: string): Promise<SiteList> {
      if (principal.kind !== "demo" && !principal.roles.includes(INVESTIGATOR_ROLE)) {
        throw new SiteError(
          403,
          "investigators_only",
          `Only an investigator (${INVESTIGATOR_ROLE}) can upload building data.`,
        );
      }
      let sites;
      try {
        sites = parseBuildingFile(text);
      } catch (error) {
        if (error instanceof BuildingFileError)
          throw new SiteError(
            400,
            "invalid_building_file",
            `${error.message}. Nothing was stored; fix the file and upload it again.`,
          );
        throw error;
      }
      const list = { sites, uploadedAt: Date.now(), uploadedBy: principal.name };
      await store.replaceSites(principal.tenantId, list);
      return list;
    },
  };
}

export type SiteService = ReturnType<typeof createSiteService>;
