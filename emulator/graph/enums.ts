// Evolvable enums: members added after `unknownFutureValue` reach only clients that send
// `Prefer: include-unknown-enum-members`; everyone else sees `unknownFutureValue`.
const LATE_MEMBERS: Record<string, ReadonlySet<string>> = {
  productFamily: new Set(["azureCommunicationServices"]),
};

export interface WireFormat {
  includeUnknownEnumMembers: boolean;
  /** false for `Accept: application/json;odata.metadata=none`: no `@odata.type` or `@odata.context` anywhere. */
  metadata: boolean;
}

// With odata.metadata=none, OData still sends nextLinks (and counts): they are paging, not metadata.
const isMetadata = (key: string) => key.endsWith("@odata.type") || key.endsWith("@odata.context");

export function serialize(body: unknown, format: WireFormat): string {
  if (format.includeUnknownEnumMembers && format.metadata) return JSON.stringify(body);
  return JSON.stringify(body, (key, value: unknown) => {
    if (!format.metadata && isMetadata(key)) return undefined;
    return !format.includeUnknownEnumMembers && typeof value === "string" && LATE_MEMBERS[key]?.has(value)
      ? "unknownFutureValue"
      : value;
  });
}
