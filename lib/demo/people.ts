// The people of the demo tenant the emulator's week of calls is about. Client-safe: the search page
// suggests them in demo mode. IDs are fixed so links and tests can name them.

export interface DemoPerson {
  id: string;
  displayName: string;
  userPrincipalName: string;
  /** Their direct line, for phone calls and the phone logs. */
  number: string;
  office: string;
}

export const demoPeople: readonly DemoPerson[] = [
  {
    id: "6a0c2e4f-1b3d-4e5f-8a7b-9c0d1e2f3a01",
    displayName: "Priya Raman",
    userPrincipalName: "priya.raman@contoso.example",
    number: "+351213000101",
    office: "Lisbon",
  },
  {
    id: "6a0c2e4f-1b3d-4e5f-8a7b-9c0d1e2f3a02",
    displayName: "Owen Franklin",
    userPrincipalName: "owen.franklin@contoso.example",
    number: "+14255550102",
    office: "Redmond",
  },
  {
    id: "6a0c2e4f-1b3d-4e5f-8a7b-9c0d1e2f3a03",
    displayName: "Abbie Wilkins",
    userPrincipalName: "abbie.wilkins@contoso.example",
    number: "+442079460103",
    office: "London",
  },
  {
    id: "6a0c2e4f-1b3d-4e5f-8a7b-9c0d1e2f3a04",
    displayName: "Mateo Alvarez",
    userPrincipalName: "mateo.alvarez@contoso.example",
    number: "+34910000104",
    office: "Madrid",
  },
];
