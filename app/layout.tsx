import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { ThemeProvider } from "@/components/theme/theme-provider";
import { LazyToaster } from "@/components/common/lazy-toaster";
import { ServerNowProvider } from "@/components/common/server-now";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Agent Portfolio Console", template: "%s · Agent Portfolio Console" },
  description: "Create eToro agent portfolios and mint, tune and revoke the scoped tokens your AI agents trade with.",
  // The console's own icon and manifest, from public/ (drawn in icon.svg; scripts/generate-icons.mjs renders the rest).
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
    apple: { url: "/apple-touch-icon.png", sizes: "180x180" },
  },
  manifest: "/manifest.webmanifest",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#18181b" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // proxy.ts sets a fresh nonce per request; next-themes' inline theme script needs it under the CSP.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  // Relative times hydrate against the time this HTML was made (see ServerNowProvider).
  // A server component renders once per request, so reading the clock here is stable.
  // eslint-disable-next-line react-hooks/purity
  const renderedAt = Date.now();
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-screen antialiased">
        <ThemeProvider nonce={nonce} attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange>
          <ServerNowProvider now={renderedAt}>{children}</ServerNowProvider>
          <LazyToaster richColors closeButton />
        </ThemeProvider>
      </body>
    </html>
  );
}
