"use client";

import * as React from "react";
import { ThemeProvider as NextThemesProvider } from "next-themes";

/** next-themes provider; use with attribute="class" so `.dark` drives the dark variant. */
export function ThemeProvider({
  children,
  ...props
}: React.ComponentProps<typeof NextThemesProvider>) {
  return <NextThemesProvider {...props}>{children}</NextThemesProvider>;
}
