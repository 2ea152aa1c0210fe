import "server-only";
import { log } from "@/lib/log/logger";
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { ConfidentialClientApplication, LogLevel, type Configuration } from "@azure/msal-node";
import { knownAuthoritiesFor } from "@/lib/config/clouds";
import type { ServerConfig } from "@/lib/config/schema";
import { GraphFailure } from "./errors";

function credentialOptions(
  config: ServerConfig,
): Pick<Configuration["auth"], "clientSecret" | "clientCertificate"> {
  if (config.credential.kind === "secret") return { clientSecret: config.credential.secret };
  const pem = readFileSync(config.credential.path, "utf8");
  const certificate = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)?.[0];
  const privateKey = pem.match(
    /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/,
  )?.[0];
  if (!certificate || !privateKey) {
    throw new GraphFailure(
      "credentials",
      "AZURE_CLIENT_CERTIFICATE_PATH must be a PEM file holding both the certificate and its unencrypted private key.",
    );
  }
  const x509 = new X509Certificate(certificate);
  return {
    clientCertificate: {
      thumbprintSha256: x509.fingerprint256.replace(/:/g, ""),
      privateKey,
      x5c: certificate,
    },
  };
}

/** One confidential client per process: MSAL's cache then renews the app token before it expires. */
export function createAppTokenSource(config: ServerConfig): () => Promise<string> {
  let client: ConfidentialClientApplication | undefined;
  const build = () =>
    new ConfidentialClientApplication({
      auth: {
        clientId: config.clientId,
        authority: `${config.authorityHost}/${config.tenantId}`,
        // A non-Microsoft authority (a sovereign proxy or the local emulator) must be declared as known.
        knownAuthorities: knownAuthoritiesFor(config.authorityHost),
        ...credentialOptions(config),
      },
      system: {
        loggerOptions: {
          logLevel: LogLevel.Warning,
          piiLoggingEnabled: false,
          loggerCallback: (_level, message) => log("warn", "msal-node", message),
        },
      },
    });

  // MSAL's own cache lookup costs a few milliseconds a call, on the path of every page of a call. The token is
  // kept here until five minutes before it expires; then MSAL is asked again and renews it as before.
  let held: { token: string; until: number } | null = null;
  return async () => {
    if (held && Date.now() < held.until) return held.token;
    client ??= build();
    try {
      const result = await client.acquireTokenByClientCredential({ scopes: [config.graphScope] });
      if (!result?.accessToken)
        throw new GraphFailure("credentials", "Entra ID returned no access token for Graph.");
      const expires = result.expiresOn?.getTime();
      held = expires ? { token: result.accessToken, until: expires - 5 * 60_000 } : null;
      return result.accessToken;
    } catch (error) {
      if (error instanceof GraphFailure) throw error;
      throw credentialFailure(error);
    }
  };
}

function credentialFailure(error: unknown): GraphFailure {
  const code = (error as { errorCode?: string }).errorCode ?? "unknown_error";
  const description = `${(error as { errorMessage?: string }).errorMessage ?? ""} ${(error as { message?: string }).message ?? ""}`;
  const aadsts = description.match(/AADSTS\d+/)?.[0];
  const hints: Record<string, string> = {
    AADSTS7000215: "the client secret is wrong or expired: create a new one and update AZURE_CLIENT_SECRET",
    AADSTS7000222: "the client secret has expired: create a new one and update AZURE_CLIENT_SECRET",
    AADSTS700016:
      "the app registration was not found in this tenant: check AZURE_CLIENT_ID and AZURE_TENANT_ID",
    AADSTS90002: "the tenant was not found: check AZURE_TENANT_ID",
    AADSTS700027:
      "the certificate was not accepted: upload it to the app registration and check AZURE_CLIENT_CERTIFICATE_PATH",
  };
  const hint = (aadsts && hints[aadsts]) ?? "check the app registration and the AZURE_* settings";
  return new GraphFailure(
    "credentials",
    `callscope could not get a Graph token for its app (${aadsts ?? code}): ${hint}.`,
  );
}
