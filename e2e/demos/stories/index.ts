import type { Story } from "../story";
import { approvalOnPhone } from "./approval-on-phone";
import { expiryHygiene } from "./expiry-hygiene";
import { firstDelegation } from "./first-delegation";
import { gatewayKill } from "./gateway-kill";
import { incident } from "./incident";
import { tightenAndRotate } from "./tighten-and-rotate";

/** Every story, in the order index.html lists them. */
export const STORIES: readonly Story[] = [firstDelegation, tightenAndRotate, incident, expiryHygiene, gatewayKill, approvalOnPhone];
