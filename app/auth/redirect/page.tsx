import type { Metadata } from "next";
import { RedirectBridge } from "./redirect-bridge";

export const metadata: Metadata = { title: "Signing in" };

// Outside the dashboard's layout on purpose: MSAL's redirect bridge must not run inside MsalProvider.
export default function RedirectPage() {
  return <RedirectBridge />;
}
