"use client";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { createContext, useContext } from "react";
import { apiGet } from "./api";

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

export const SignInContext = createContext<SignInState>({
  status: "checking",
  me: null,
  error: null,
  signIn: null,
  signOut: null,
});

export function useSignIn(): SignInState {
  return useContext(SignInContext);
}

/** Who the server says is signed in (`GET /api/me`), asked once the browser holds a token. */
export const meQuery = () =>
  queryOptions({
    queryKey: ["me"],
    queryFn: ({ signal }) => apiGet<Me>("/api/me", signal),
    retry: false,
    staleTime: Infinity,
  });

export const useMe = (enabled: boolean) => useQuery({ ...meQuery(), enabled });
