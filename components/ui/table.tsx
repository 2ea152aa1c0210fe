import type { ComponentPropsWithoutRef } from "react";

/**
 * The dashboard's plain data table: full width, left-aligned, small text. A table wider than a phone goes in
 * `<div className="relative overflow-x-auto">`: it scrolls in its own box, and `relative` keeps the absolutely
 * placed screen-reader labels (`sr-only`) inside that box instead of widening the page.
 */
export function Table({ className = "", ...props }: ComponentPropsWithoutRef<"table">) {
  return <table className={`w-full text-left text-sm ${className}`} {...props} />;
}

export function Th({ className = "", ...props }: ComponentPropsWithoutRef<"th">) {
  return <th className={`py-1 pr-4 font-medium ${className}`} {...props} />;
}

export function Td({ className = "", ...props }: ComponentPropsWithoutRef<"td">) {
  return <td className={`pr-4 ${className}`} {...props} />;
}
