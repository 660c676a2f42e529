import ipaddr from "ipaddr.js";
import { z } from "./zod";

/** One IPv4 address in dotted-quad form (eToro rejects IPv6 and short forms). Surrounding spaces are trimmed. */
export const ipv4Schema = z
  .string()
  .trim()
  .min(1, "Enter an IPv4 address.")
  .superRefine((value, ctx) => {
    if (ipaddr.IPv4.isValidFourPartDecimal(value)) {
      const range = ipaddr.IPv4.parse(value).range();
      // No machine ever sends from these: a whitelist holding one would only look restrictive.
      if (range === "unspecified" || range === "broadcast") {
        ctx.addIssue({ code: "custom", message: `${ipaddr.IPv4.parse(value).toString()} is not the address of any machine. Enter the public IPv4 address your agent connects from.` });
      }
      return;
    }
    ctx.addIssue({
      code: "custom",
      message: ipaddr.IPv6.isValid(value)
        ? "IPv6 addresses are not supported by eToro. Enter an IPv4 address such as 203.0.113.7."
        : `"${value.slice(0, 45)}" is not an IPv4 address. Use four numbers from 0 to 255, such as 203.0.113.7.`,
    });
  })
  .transform((value) => ipaddr.IPv4.parse(value).toString());

export const MAX_IPS = 50;

/** The whitelist: IPv4 only, duplicates dropped, order kept. Empty means "any IP". */
export const ipsWhitelistSchema = z
  .array(ipv4Schema)
  .max(MAX_IPS, `At most ${MAX_IPS} addresses.`)
  .transform((ips) => [...new Set(ips)]);

const RANGE_WORDS: Partial<Record<string, string>> = {
  private: "a private network address",
  loopback: "this machine's own (loopback) address",
  linkLocal: "a link-local address",
  carrierGradeNat: "a carrier-grade NAT address shared behind your provider",
  multicast: "a multicast address",
};

/**
 * Advice for an address eToro will most likely never see the agent come from
 * (private, loopback, link-local, CGNAT, multicast), or null for a
 * public one (documentation ranges such as 203.0.113.0/24 count as public:
 * they are the examples people paste). A warning, not a refusal: an agent on a private network behind a
 * fixed NAT is legitimate, but then the NAT's public address is what counts.
 */
export function ipAdvice(ip: string): string | null {
  if (!ipaddr.IPv4.isValidFourPartDecimal(ip)) return null;
  const words = RANGE_WORDS[ipaddr.IPv4.parse(ip).range()];
  return words ? `${ip} is ${words}: eToro sees the public address your agent connects from, so this entry will likely never match.` : null;
}
