// Signing in through the emulator's Entra ID, once per role: e2e/auth.setup.ts signs in and saves the
// browser state; tests open a context that starts from it. MSAL keeps its cache in sessionStorage,
// which Playwright's storageState does not carry, so it is saved and restored alongside.
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AUTH_APP_URL } from "../playwright.config";

export const ROLES = { investigator: "Ada Investigator", reader: "Rui Reader" } as const;
export type Role = keyof typeof ROLES;

const dir = join(__dirname, ".auth");
const statePath = (role: Role) => join(dir, `${role}.json`);
const sessionPath = (role: Role) => join(dir, `${role}.session.json`);

/** The real sign-in: the button, the emulator's account picker, back to callscope. */
export async function signInAs(page: Page, name: string) {
  await page.goto("/");
  await page.getByRole("button", { name: "Sign in with Microsoft" }).click();
  await expect(page.getByRole("heading", { name: "Pick an account" })).toBeVisible();
  await page.getByRole("link", { name: new RegExp(name) }).click();
  // Back in callscope, signed in: either the account shows, or the page says which role is missing.
  await expect(page.getByTestId("account").or(page.getByRole("main").getByRole("alert"))).toBeVisible();
}

/** Signs in as `role` and saves the browser state for the tests (the setup project). */
export async function saveSignIn(page: Page, role: Role) {
  await signInAs(page, ROLES[role]);
  await expect(page.getByTestId("account")).toContainText(ROLES[role]);
  mkdirSync(dir, { recursive: true });
  await page.context().storageState({ path: statePath(role) });
  writeFileSync(sessionPath(role), await page.evaluate(() => JSON.stringify({ ...sessionStorage })));
}

/** A browser context already signed in as `role`, from the state the setup project saved. */
export async function signedIn(
  browser: Browser,
  role: Role,
): Promise<{ context: BrowserContext; page: Page }> {
  if (!existsSync(statePath(role)))
    throw new Error(`no saved sign-in for ${role}: run the "setup" project first`);
  const context = await browser.newContext({
    baseURL: AUTH_APP_URL,
    storageState: statePath(role),
    ignoreHTTPSErrors: true,
  });
  const saved = readFileSync(sessionPath(role), "utf8");
  await context.addInitScript(
    ({ origin, entries }) => {
      if (location.origin !== origin || sessionStorage.length > 0) return;
      for (const [key, value] of Object.entries(JSON.parse(entries) as Record<string, string>))
        sessionStorage.setItem(key, value);
    },
    { origin: AUTH_APP_URL, entries: saved },
  );
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.getByTestId("account")).toContainText(ROLES[role]);
  return { context, page };
}
