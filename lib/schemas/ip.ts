import ipaddr from "ipaddr.js";
import { z } from "zod";

/** One IPv4 address in dotted-quad form (eToro rejects IPv6 and short forms). Surrounding spaces are trimmed. */
export const ipv4Schema = z
  .string()
  .trim()
  .min(1, "Enter an IPv4 address.")
  .superRefine((value, ctx) => {
    if (ipaddr.IPv4.isValidFourPartDecimal(value)) return;
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
