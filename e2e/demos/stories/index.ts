import type { Story } from "../story";
import { firstDelegation } from "./first-delegation";
import { tightenAndRotate } from "./tighten-and-rotate";

/** Every story, in the order index.html lists them. */
export const STORIES: readonly Story[] = [firstDelegation, tightenAndRotate];
