import type { ComponentPropsWithoutRef, ElementType } from "react";

type CardProps<T extends ElementType> = { as?: T } & ComponentPropsWithoutRef<T>;

/** A bordered surface: the verdict, the findings, the sign-in panel, a demo call. */
export function Card<T extends ElementType = "div">({ as, className = "", ...props }: CardProps<T>) {
  const Element: ElementType = as ?? "div";
  return <Element className={`rounded-lg border border-line bg-surface p-4 ${className}`} {...props} />;
}
