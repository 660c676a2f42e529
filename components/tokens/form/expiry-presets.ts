/**
 * Expiry choices for a new token. The instant is computed from a preset at
 * submit time (not when the radio is clicked), so "24 hours" means 24 hours
 * from the moment the request leaves, however long the wizard stayed open.
 */
export const EXPIRY_PRESETS = [
  { value: "24h", label: "24 hours" },
  { value: "7d", label: "7 days" },
  { value: "30d", label: "30 days" },
  { value: "90d", label: "90 days" },
  { value: "1y", label: "1 year" },
  { value: "custom", label: "Custom" },
  { value: "never", label: "Never" },
] as const;

export type ExpiryPreset = (typeof EXPIRY_PRESETS)[number]["value"];

/** Edit's extra choice: leave the expiry as it is (PATCH cannot remove one, so Edit offers no Never). */
export type ExpiryChoice = ExpiryPreset | "keep";

/** Which choices each flow offers, in screen order. */
export const EXPIRY_CHOICES = {
  mint: EXPIRY_PRESETS.map((p) => p.value),
  edit: ["keep", ...EXPIRY_PRESETS.map((p) => p.value).filter((v) => v !== "never")],
  roll: EXPIRY_PRESETS.map((p) => p.value).filter((v) => v !== "never"),
} satisfies Record<string, readonly ExpiryChoice[]>;
export type ExpiryChoices = keyof typeof EXPIRY_CHOICES;

/** A month is long enough for most agents and short enough that a leaked token dies on its own. */
export const DEFAULT_EXPIRY_PRESET: ExpiryPreset = "30d";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** The presets that name a duration (all but Custom and Never): what Edit and Roll offer. */
export type FixedExpiryPreset = Exclude<ExpiryPreset, "custom" | "never">;
export const FIXED_EXPIRY_PRESETS = EXPIRY_PRESETS.filter(
  (p): p is Extract<(typeof EXPIRY_PRESETS)[number], { value: FixedExpiryPreset }> => p.value !== "custom" && p.value !== "never",
);

/** Each fixed preset's length; a year counts as 365 days here (expiresAtFor adds a calendar year). */
export const PRESET_DURATION_MS: Record<FixedExpiryPreset, number> = {
  "24h": 24 * HOUR_MS,
  "7d": 7 * DAY_MS,
  "30d": 30 * DAY_MS,
  "90d": 90 * DAY_MS,
  "1y": 365 * DAY_MS,
};

export function isExpiryChoice(value: string): value is ExpiryChoice {
  return value === "keep" || EXPIRY_PRESETS.some((p) => p.value === value);
}

/** A custom value (a `datetime-local` value, read as local time, or a full ISO string) as an ISO instant, or null if unreadable. */
export function customToIso(custom: string): string | null {
  if (!custom.trim()) return null;
  const ms = Date.parse(custom);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/**
 * The `expiresAt` to send for a preset: an ISO instant, or null for "never".
 * An unreadable custom value is passed through unchanged (never turned into
 * null, which would silently mean "never expires") so validation rejects it.
 */
export function expiresAtFor(preset: ExpiryPreset, customIso: string, now: number = Date.now()): string | null {
  switch (preset) {
    case "never":
      return null;
    case "custom":
      return customToIso(customIso) ?? customIso;
    case "1y": {
      const d = new Date(now);
      d.setUTCFullYear(d.getUTCFullYear() + 1);
      return d.toISOString();
    }
    default:
      return new Date(now + PRESET_DURATION_MS[preset]).toISOString();
  }
}

/** `YYYY-MM-DDTHH:mm` in local time, the format a `datetime-local` input reads and writes. */
export function toDateTimeLocal(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
