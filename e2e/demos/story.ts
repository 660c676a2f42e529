import type { Page } from "@playwright/test";
import type { Narrator } from "./narrator";

/** One demo story: a name for --story, a title and summary for index.html, and its steps. */
export type Story = {
  name: string;
  title: string;
  summary: string;
  run(context: { page: Page; narrator: Narrator }): Promise<void>;
};
