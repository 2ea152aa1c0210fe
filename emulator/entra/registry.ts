// Who exists in the emulated Entra ID: tenants, app registrations and demo users.
// The values are public demo constants, not secrets: they only unlock the local emulator.

export const DEMO_TENANT_ID = "5f1c6a0e-3b8d-4c2a-9e71-0c7d2f4b8a10";
export const OTHER_TENANT_ID = "7a2e4c6d-8f0a-4b1c-9d3e-5f7a9b1c3d20";

export const GRAPH_RESOURCE = "https://graph.microsoft.com";
export const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
export const CALL_RECORDS_ROLE = "CallRecords.Read.All";
/** Optional: lets callscope turn a sign-in name into an object ID. */
export const DIRECTORY_ROLE = "User.ReadBasic.All";
export const PHONE_LOG_ROLE = "CallRecord-PstnCalls.Read.All";

export const API_SCOPE_NAME = "CallRecords.View";
export const READER_ROLE = "CallQuality.Reader";
export const INVESTIGATOR_ROLE = "CallQuality.Investigator";

export interface AppRegistration {
  clientId: string;
  tenantId: string;
  secret: string;
  displayName: string;
  /** Application permissions on Graph that an admin consented to. */
  graphRoles: string[];
  redirectUris: string[];
}

export interface DemoUser {
  oid: string;
  tenantId: string;
  name: string;
  username: string;
  /** App roles assigned on the callscope registration. */
  roles: string[];
}

export const DEMO_APP: AppRegistration = {
  clientId: "c5a1f0e2-6b3d-4e8a-9f1c-2d4b6a8c0e31",
  tenantId: DEMO_TENANT_ID,
  secret: "demo-client-secret-only-valid-against-the-emulator",
  displayName: "callscope (demo)",
  graphRoles: [CALL_RECORDS_ROLE, DIRECTORY_ROLE],
  redirectUris: [],
};

/** Registered, but an admin never granted it CallRecords.Read.All. */
export const UNCONSENTED_APP: AppRegistration = {
  clientId: "d7b3e5f1-2a4c-4d6e-8f0a-1b3c5d7e9f42",
  tenantId: DEMO_TENANT_ID,
  secret: "unconsented-app-secret-only-valid-against-the-emulator",
  displayName: "callscope (no admin consent)",
  graphRoles: [],
  redirectUris: [],
};

/** Consented to CallRecords.Read.All only: sign-in names cannot be looked up. */
export const CALL_RECORDS_ONLY_APP: AppRegistration = {
  clientId: "f1a3c5e7-9b2d-4f6a-8c0e-3d5f7a9b1c64",
  tenantId: DEMO_TENANT_ID,
  secret: "call-records-only-secret-only-valid-against-the-emulator",
  displayName: "callscope (call records only)",
  graphRoles: [CALL_RECORDS_ROLE],
  redirectUris: [],
};

export const OTHER_TENANT_APP: AppRegistration = {
  clientId: "e9c1a3b5-4d6f-4a8b-9c0d-2e4f6a8b0c53",
  tenantId: OTHER_TENANT_ID,
  secret: "other-tenant-secret-only-valid-against-the-emulator",
  displayName: "callscope (another tenant)",
  graphRoles: [CALL_RECORDS_ROLE],
  redirectUris: [],
};

export const DEMO_USERS: readonly DemoUser[] = [
  {
    oid: "a1d2e3f4-5a6b-4c7d-8e9f-0a1b2c3d4e61",
    tenantId: DEMO_TENANT_ID,
    name: "Ada Investigator",
    username: "ada@contoso.example",
    roles: [INVESTIGATOR_ROLE],
  },
  {
    oid: "b2e3f4a5-6b7c-4d8e-9f0a-1b2c3d4e5f72",
    tenantId: DEMO_TENANT_ID,
    name: "Rui Reader",
    username: "rui@contoso.example",
    roles: [READER_ROLE],
  },
  {
    oid: "c3f4a5b6-7c8d-4e9f-8a1b-2c3d4e5f6a83",
    tenantId: DEMO_TENANT_ID,
    name: "Nia No-Role",
    username: "nia@contoso.example",
    roles: [],
  },
  {
    oid: "d4a5b6c7-8d9e-4f0a-9b2c-3d4e5f6a7b94",
    tenantId: OTHER_TENANT_ID,
    name: "Oscar Outsider",
    username: "oscar@fabrikam.example",
    roles: [INVESTIGATOR_ROLE],
  },
];

export const APPS: readonly AppRegistration[] = [
  DEMO_APP,
  UNCONSENTED_APP,
  CALL_RECORDS_ONLY_APP,
  OTHER_TENANT_APP,
];

export function findApp(clientId: string): AppRegistration | undefined {
  return APPS.find((app) => app.clientId === clientId);
}
