import "server-only";
import { crossBundleBrand } from "@/lib/errors/cross-bundle";
import { requireInvestigator, type Principal } from "@/lib/auth/roles";
import type { SeenSubnet, SiteList, SiteStore } from "./store";
import { BuildingFileError, parseBuildingFile } from "./building-file";
import { indexSites } from "./match";

const SITE_ERROR_BRAND = crossBundleBrand("SiteError");

/** Why a sites request failed; lib/api answers with the same status and code. */
export class SiteError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    return SITE_ERROR_BRAND.is(value);
  }
  readonly [SITE_ERROR_BRAND.brand] = true;
  constructor(
    readonly status: 400,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "SiteError";
  }
}

/** The tenant's buildings: anyone with a role reads them (they name offices, not people); Investigators upload. */
/** How far the stored history follows the current file (lib/history/sites-apply.ts keeps it). */
export interface SitesApplied {
  uploadedAt: number;
  startedAt: number;
  daysTotal: number;
  daysDone: number;
  finishedAt: number | null;
}

export interface SiteHistoryHooks {
  /** Starts re-applying the new file to the stored history (in the background). */
  afterUpload(): void;
  /** How far the current file has been applied to the stored history. */
  progress(): Promise<SitesApplied | null>;
}

export function createSiteService(
  store: Pick<SiteStore, "replaceSites" | "getSites" | "seenSubnets">,
  history?: SiteHistoryHooks,
) {
  return {
    /** Subnets seen in calls that no site covers, most recently seen first: addresses, so Investigators only. */
    async uncovered(principal: Principal, limit = 500): Promise<SeenSubnet[]> {
      requireInvestigator(principal, "see the subnets seen in calls");
      const [list, seen] = await Promise.all([
        store.getSites(principal.tenantId),
        store.seenSubnets(principal.tenantId, 20_000),
      ]);
      const index = indexSites(list?.sites ?? []);
      return seen.filter((entry) => index.find(entry.subnet) === null).slice(0, limit);
    },

    /** The sites, and how far the history's past facts follow this file yet. */
    async list(principal: Principal): Promise<SiteList & { history: SitesApplied | null }> {
      const [list, progress] = await Promise.all([
        store.getSites(principal.tenantId),
        history?.progress() ?? null,
      ]);
      return { ...(list ?? { sites: [], uploadedAt: 0, uploadedBy: "" }), history: progress };
    },

    /** Parses the whole file first: a bad line stores nothing. */
    async upload(principal: Principal, text: string): Promise<SiteList> {
      requireInvestigator(principal, "upload building data");
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
      history?.afterUpload();
      return list;
    },
  };
}

export type SiteService = ReturnType<typeof createSiteService>;
