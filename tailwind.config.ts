import type { Config } from "tailwindcss";

// Tailwind 4 reads its theme from app/globals.css; this file (loaded there with
// @config) only names where classes live and how dark mode switches.
const config: Config = {
  darkMode: "class",
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}", "./lib/**/*.{ts,tsx}"],
};

export default config;
