import { test as setup } from "@playwright/test";
import { AUTH_APP_URL } from "../playwright.config";
import { ROLES, saveSignIn, type Role } from "./sign-in";

setup.use({ baseURL: AUTH_APP_URL });

for (const role of Object.keys(ROLES) as Role[]) {
  setup(`sign in as the ${role}`, async ({ page }) => saveSignIn(page, role));
}
