"use client";
import { createContext, useContext } from "react";

/** Who is using callscope, as the server sees them (GET /api/me). */
export interface Me {
  kind: "user" | "demo";
  name: string;
  username: string | null;
  tenantId: string;
  roles: string[];
  seesPersonalData: boolean;
}

export type SignInStatus = "ready" | "signed-out" | "signing-in" | "checking" | "no-role" | "error";

export interface SignInState {
  status: SignInStatus;
  me: Me | null;
  error: unknown;
  signIn: (() => void) | null;
  signOut: (() => void) | null;
}

export const SignInContext = createContext<SignInState>({ status: "checking", me: null, error: null, signIn: null, signOut: null });

export function useSignIn(): SignInState {
  return useContext(SignInContext);
}
