import type { ComponentPropsWithoutRef } from "react";

const VARIANTS = {
  primary:
    "rounded-md bg-accent-strong px-4 py-2 text-sm font-medium text-white hover:opacity-90 disabled:opacity-60",
  secondary:
    "rounded border border-line-strong bg-surface px-3 py-1 text-sm hover:border-accent disabled:opacity-50",
  danger: "rounded bg-poor px-3 py-1 text-sm font-medium text-white hover:opacity-90",
  link: "underline underline-offset-2",
} as const;

/** A button in one of the dashboard's few styles; `type="button"` unless a form says otherwise. */
export function Button({
  variant = "secondary",
  className = "",
  type = "button",
  ...props
}: ComponentPropsWithoutRef<"button"> & { variant?: keyof typeof VARIANTS }) {
  return <button type={type} className={`${VARIANTS[variant]} ${className}`} {...props} />;
}
